"""Who may change what in a county of three townships (tests/fixtures/county.yaml): a county cadre, a county
admin, a county supervisor, a supervisor of one town, a 包村干部 of two villages, and a township admin, against
every kind of state-changing message, through the real pipeline. A refusal is said, and changes no row."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.app import App
from bot.console import ConsoleUser
from tests.conftest import RecordingTransport
from tests.support.chat import registered
from tests.support.rows import snapshot

COUNTY = Path(__file__).parents[1] / "fixtures" / "county.yaml"
# What each message changes when it is allowed (the lines after the first answer its card).
CHANGES: dict[str, tuple[str, ...]] = {
    "report own village": ("石牛村柑橘产业本月进度60%，已嫁接200亩",),
    "report second village": ("蔡家村人居环境整治本月进度50%，已清运垃圾30吨",),
    "report a village not covered": ("龙华社区网格化治理本月进度40%，网格已划分",),
    "hand off a task": ("@赵全友 请于12月20日前报送党员花名册",),
    "change the calendar": ("月中督办改到16日",),
    "bind a group": ("绑定 石牛村",),
    "log an issue": ("石牛村一组路口电线杆倾斜，随时可能倒下，很危险",),
    "deactivate someone": ("停用 周秀英", "确认"),
    "add someone": ("新增人员 钱新 村书记 石牛村", "确认"),
    "add a project": ("新增项目 XT-09 石牛村稻虾共养 石牛村", "确认"),
}
IN_GROUP = {"bind a group"}
REPORTS = ("report own village", "report second village")
LEADING = ("hand off a task", "change the calendar", "bind a group", "log an issue")
ROSTER = ("deactivate someone", "add someone", "add a project")
PEOPLE: dict[str, tuple[str, tuple[str, ...]]] = {
    "county leader": ("罗明远", LEADING),
    "county admin": ("何晓梅", LEADING + ROSTER),
    "county supervisor": ("纪文清", ()),
    "supervisor of another town": ("孟督导", ()),
    "contact official of two villages": ("李包村", REPORTS + ("log an issue",)),
    "township admin": ("张丽华", LEADING + ROSTER),
    "secretary": ("赵全友", ("report own village", "log an issue")),
}
MATRIX = [pytest.param(who, change, change in allowed, id=f"{role}-{change}")
          for role, (who, allowed) in PEOPLE.items() for change in CHANGES]
# Rows a message leaves whatever it says: the message itself, the replies, what the bot asks next.
BOOKKEEPING = {"inbox", "outbox", "conversation", "identity", "audit_log"}


@pytest.fixture(scope="module")
def registry_file() -> Path:
    """The county of three townships."""
    return COUNTY


async def _state(app: App) -> dict[str, Any]:
    return {table: rows for table, rows in (await snapshot(app.db)).tables.items() if table not in BOOKKEEPING}


@pytest.mark.parametrize(("who", "change", "allowed"), MATRIX)
async def test_each_may_change_exactly_what_their_memberships_allow(
        app: App, transport: RecordingTransport, who: str, change: str, allowed: bool) -> None:
    user: ConsoleUser = await registered(app, who)
    if change in IN_GROUP:
        user.enter_group("石牛村工作群")
    before = await _state(app)
    for line in CHANGES[change]:
        await user.say(line)
    after = await _state(app)
    answers = transport.texts(user.chat.id)
    if allowed:
        assert after != before, answers
        assert not any(a.startswith("抱歉") for a in answers), answers
        return
    assert after == before, answers
    assert answers and answers[0].startswith(("抱歉", "没有看懂")), answers


async def test_a_county_cadre_acts_in_the_town_of_the_group_and_switches_in_private(
        app: App, transport: RecordingTransport) -> None:
    luo, wu = await registered(app, "罗明远"), await registered(app, "吴敏")
    wu.enter_group("云锦镇工作群")
    await wu.say("绑定 云锦镇")
    luo.enter_group("云锦镇工作群")
    await luo.say("@钱荷花 请于12月20日前报送党员花名册")
    luo.enter_private()
    await luo.say("未报")
    assert "石牛村" in transport.texts(luo.chat.id)[-1]  # private chat: the first township of the county
    await luo.say("切换 云锦镇")
    await luo.say("任务")
    said = transport.texts(luo.chat.id)
    assert said[-2] == "好的，现在按云锦镇办理。在云锦镇的工作群里发言时，总按该镇办理。"
    assert "#1" in said[-1] and "钱荷花" in said[-1], said
    await luo.say("未报")
    assert "荷花村" in transport.texts(luo.chat.id)[-1] and "石牛村" not in transport.texts(luo.chat.id)[-1]


async def test_a_county_cadre_binds_a_group_of_another_town_and_acts_there(
        app: App, transport: RecordingTransport) -> None:
    luo = await registered(app, "罗明远")
    luo.enter_group("荷花村群")
    await luo.say("绑定 荷花村")  # 罗明远 acts in 玄滩镇 by default; 荷花村 is in 云锦镇
    assert transport.texts(luo.chat.id)[-1] == "本群已绑定到荷花村。"
    await luo.say("未报")
    assert "荷花村" in transport.texts(luo.chat.id)[-1] and "石牛村" not in transport.texts(luo.chat.id)[-1]
    zhang = await registered(app, "张丽华")  # 玄滩镇's admin may not bind a group to another town's village
    zhang.enter_group("高峰村群")
    await zhang.say("绑定 高峰村")
    assert transport.texts(zhang.chat.id)[-1].startswith("没有找到“高峰村”")
