"""Every county hand-off step × everyone it may concern (tests/fixtures/county.yaml): a county leader, a county admin,
a county supervisor, 玄滩镇's admin (town A), 云锦镇's admin (town B) and a village secretary. Allowed, or refused
with a line naming who may (or the task is not found in the sender's own town), and nothing changed."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import App
from bot.console import ConsoleUser
from storage.models import Task, TaskEvent
from tests.conftest import RecordingTransport
from tests.support.chat import registered
from tests.support.rows import rows

COUNTY = Path(__file__).parents[1] / "fixtures" / "county.yaml"
PEOPLE = {"county leader": "罗明远", "county admin": "何晓梅", "county supervisor": "纪文清",
          "town A admin": "张丽华", "town B admin": "吴敏", "secretary": "赵全友"}
COUNTY_CADRES = ("罗明远", "何晓梅")
TO_TOWNS = "抱歉，向各镇交办任务由县领导或县委组织部（县管理员）发起，这条没有生成任务。"
PASS_DOWN = "抱歉，把任务 #2 分解到各村由承办人张丽华或镇领导、镇党建办办理。"
VERIFY = "抱歉，任务 #2 的验收由交办人罗明远或县领导、县管理员办理。"
NOT_IN_TOWN_B = "没有找到任务 #2。发送“任务”查看您的任务。"  # 云锦镇's county task is its #1: #2 is not theirs
READ = "抱歉，县交办任务的办理情况由县、镇领导和党建办、督导组查看。"

# step: (the state it needs, what is said, who may, the refusal each other person gets)
STEPS: dict[str, tuple[str | None, str, tuple[str, ...], dict[str, str]]] = {
    "hand off to every town": (None, "请各镇（街道）于3月20日前上报年度党建工作总结", COUNTY_CADRES,
                               dict.fromkeys(PEOPLE.values(), TO_TOWNS)),
    "hand off to another town": (None, "请福集镇于3月20日前报送党员花名册", COUNTY_CADRES,
                                 dict.fromkeys(PEOPLE.values(), TO_TOWNS)),
    "pass down": ("handed", "#2 分解到各村", ("张丽华",), dict.fromkeys(PEOPLE.values(), PASS_DOWN) | {
        "吴敏": NOT_IN_TOWN_B}),
    "verify": ("done", "#2 验收通过", COUNTY_CADRES, dict.fromkeys(PEOPLE.values(), VERIFY) | {
        "吴敏": NOT_IN_TOWN_B}),
    "read the roll-up": ("handed", "县交办", tuple(n for n in PEOPLE.values() if n != "赵全友"), {"赵全友": READ}),
}
CASES = [(step, who) for step in STEPS for who in PEOPLE]
# What each reader of the roll-up sees of the towns: the county all, a town its own.
SEEN = {"罗明远": ("玄滩镇", "云锦镇", "福集镇"), "何晓梅": ("玄滩镇", "云锦镇", "福集镇"),
        "纪文清": ("玄滩镇", "云锦镇", "福集镇"), "张丽华": ("玄滩镇",), "吴敏": ("云锦镇",)}


@pytest.fixture(scope="module")
def registry_file() -> Path:
    """The county of three townships."""
    return COUNTY


async def _state(people: dict[str, ConsoleUser], status: str | None) -> None:
    """玄滩镇 with a task of its own (#1), then the county's task to every town (玄滩镇 #2, 云锦镇 #1, 福集镇 #1)."""
    if status is None:
        return
    luo, zhang = people["罗明远"], people["张丽华"]
    await zhang.say("@赵全友 请于3月10日前报送党员花名册")
    await luo.say("请各镇（街道）于3月20日前上报年度党建工作总结")
    if status == "done":
        await zhang.say("#2 已办结，总结已报送")


async def _changes(app: App) -> tuple[object, ...]:
    tasks = [(t.id, t.status, t.deadline, t.assignee_id, t.parent_id) for t in await rows(app, Task)]
    return tuple(tasks), len(await rows(app, TaskEvent))


@pytest.mark.parametrize(("step", "who"), CASES, ids=[f"{s}-{w}" for s, w in CASES])
async def test_each_step_by_each_person(app: App, transport: RecordingTransport, step: str, who: str) -> None:
    status, text, allowed, refusals = STEPS[step]
    people = {name: await registered(app, name) for name in PEOPLE.values()}
    await _state(people, status)
    user = people[PEOPLE[who]]
    before = await _changes(app)
    await user.say(text)
    reply = transport.texts(user.chat.id)[-1]
    if PEOPLE[who] not in allowed:
        assert reply == refusals[PEOPLE[who]], reply
        assert await _changes(app) == before
        return
    assert not reply.startswith(("抱歉", "没有找到")), reply
    if step == "read the roll-up":
        assert await _changes(app) == before
        towns = SEEN[PEOPLE[who]]
        unseen = {"玄滩镇", "云锦镇", "福集镇"} - set(towns)
        assert all(t in reply for t in towns) and not any(t in reply for t in unseen)
    else:
        assert await _changes(app) != before
