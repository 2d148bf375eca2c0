"""Who may correct a numbered grid issue or take a step on it (DESIGN.md, roles): every role against every kind
of step, through the real pipeline. A refusal names who may act, changes nothing and files nothing new."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.app import App
from bot.console import ConsoleUser
from handlers.clock import FakeClock
from storage.models import Issue, IssueEvent
from tests.conftest import REGISTRY, RecordingTransport
from tests.support.chat import registered, with_people
from tests.support.rows import count, rows

HAZARD = "二组路口电线杆倾斜，随时可能倒下，很危险"  # logged by 王建国: #E1, 千佛塔村 · 二组
# step: (what 周敏 says first, what the actor says, whether the issue shows the step taken)
STEPS: dict[str, tuple[str | None, str, Callable[[Issue], bool]]] = {
    "correct": (None, "#E1 类别改为矛盾纠纷", lambda i: i.category == "dispute"),
    "accept": (None, "#E1 受理", lambda i: i.status == "accepted"),
    "resolve": (None, "#E1 已办结，已加固", lambda i: i.status == "resolved"),
    "reopen": ("#E1 已办结", "#E1 重新打开：电杆又松动了", lambda i: i.status == "in_progress"),
}
EVERYTHING = tuple(STEPS)
# role: (who, the steps they may take on #E1)
PEOPLE = {
    "reporter_secretary": ("王建国", EVERYTHING),  # 千佛塔村's secretary, who logged it
    "contact_official": ("江涛", EVERYTHING),  # of 千佛塔村
    "township_leader": ("周敏", EVERYTHING),
    "admin": ("程晓燕", EVERYTHING),
    "grid_worker_of_the_grid": ("吴桂英", ("correct", "resolve")),  # 千佛塔村 一组 · 二组 · 三步桥街
    "grid_worker_of_another_grid": ("孙四组", ()),  # 千佛塔村 四组
    "grid_worker_of_another_village": ("李明亮", ()),
    "secretary_of_another_village": ("储德胜", ()),
    "contact_official_with_no_village": ("赵包村", ()),
}
MATRIX = [pytest.param(who, step, step in allowed, id=f"{role}-{step}")
          for role, (who, allowed) in PEOPLE.items() for step in STEPS]


@pytest.fixture(scope="module")
def registry_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test registry plus a grid worker of 千佛塔村's 四组 and a contact official with no village."""
    return with_people(REGISTRY, tmp_path_factory.mktemp("registry"),
                       {"name": "孙四组", "role": "grid_worker", "village": "千佛塔村", "grids": ["四组"]},
                       {"name": "赵包村", "role": "contact_official"})


@pytest.fixture
async def people(app: App) -> dict[str, ConsoleUser]:
    """Everyone in PEOPLE, each linked once."""
    return {who: await registered(app, who) for who, _ in PEOPLE.values()}


def _fields(issue: Issue) -> tuple[object, ...]:
    return issue.status, issue.category, issue.urgent, issue.grid_id, issue.due_at


@pytest.mark.parametrize(("who", "step", "allowed"), MATRIX)
async def test_who_may_act_on_a_numbered_issue(app: App, people: dict[str, ConsoleUser],
                                               transport: RecordingTransport, who: str, step: str,
                                               allowed: bool) -> None:
    first, line, taken = STEPS[step]
    await people["王建国"].say(HAZARD)
    if first is not None:
        await people["周敏"].say(first)
    (before,) = await rows(app, Issue)
    events = await count(app, IssueEvent)
    await people[who].say(line)
    (issue,) = await rows(app, Issue)  # never a new issue made of the command's words
    answer = transport.texts(people[who].chat.id)[-1]
    if allowed:
        assert taken(issue), answer
        assert await count(app, IssueEvent) == events + 1
        return
    assert answer.startswith("抱歉，") and ("千佛塔村" in answer or "党建办" in answer), answer
    assert _fields(issue) == _fields(before) and await count(app, IssueEvent) == events


@pytest.mark.parametrize(("who", "answer"), [
    ("王建国", "没有看懂对事件 #E1 的操作"),
    ("储德胜", "抱歉，事件 #E1 属于千佛塔村"),
])
async def test_other_words_on_a_numbered_issue_are_never_a_new_issue(
        app: App, people: dict[str, ConsoleUser], transport: RecordingTransport, who: str, answer: str) -> None:
    await people["王建国"].say(HAZARD)
    await people[who].say("#E1 三组也有一根电线杆倾斜，很危险")
    assert transport.texts(people[who].chat.id)[-1].startswith(answer)
    assert await count(app, Issue) == 1 and await count(app, IssueEvent) == 1
    await people[who].say("#E9 类别改为矛盾纠纷")
    assert transport.texts(people[who].chat.id)[-1].startswith("没有找到事件 #E9")
    assert await count(app, Issue) == 1


async def test_the_reporter_with_no_village_still_corrects_what_they_logged(
        app: App, people: dict[str, ConsoleUser], clock: FakeClock, transport: RecordingTransport) -> None:
    zhao = people["赵包村"]
    await zhao.say("千佛塔村二组路口电线杆倾斜，随时可能倒下，很危险")
    await zhao.say("不紧急")  # on the card
    clock.advance(dt.timedelta(days=3))  # the card's question has expired: the number says which issue
    await zhao.say("#E1 类别改为矛盾纠纷")
    assert transport.texts(zhao.chat.id)[-1].startswith("📝 已更正事件 #E1：矛盾纠纷")
    (issue,) = await rows(app, Issue)
    assert (issue.category, issue.urgent) == ("dispute", False)
