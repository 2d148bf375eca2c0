"""Every step of a township's own project (乡镇党委书记项目) × the people of a county (tests/fixtures/county.yaml):
the county's leader and admin review, its supervisor inspects, the town's admin owns it, another town's admin and a
village secretary of the town may do neither. Allowed, or refused with a line naming who may, and no row changed."""
from __future__ import annotations

from typing import Any

import pytest

from bot.app import App
from bot.console import ConsoleUser
from handlers.callbacks import ProjectButton
from storage.models import Project
from tests.conftest import RecordingTransport
from tests.handlers.test_town_projects import MENU, PLAN, person_id, press, project_named, registry_file
from tests.support.chat import registered
from tests.support.rows import rows, snapshot

__all__ = ["registry_file"]  # the county of three townships

OWN = ("申报乡镇党委书记项目：荷塘党建。目标：党建引领莲藕产业。步骤：6月底前完成规划，10月底前建成展示馆。"
       "完成时限：2026年12月底。")
COUNTY_CADRES, OWNER = ("罗明远", "何晓梅"), ("张丽华",)
TOWNS = ("张丽华", "吴敏")  # each town claims and declares its own
EVERYONE = ("罗明远", "何晓梅", "纪文清", "张丽华", "吴敏", "赵全友")
REVIEW = "抱歉，{}由县领导或县委组织部办理。"
OWNED = "抱歉，{}由玄滩镇的镇领导或镇党建办办理。"
# Rows a message leaves whatever it says: the message itself, the replies, what the bot asks next.
BOOKKEEPING = {"inbox", "outbox", "conversation", "identity", "audit_log"}

# step: (the state it needs, what is said, who may, the refusal the county's people and 玄滩镇's secretary get)
STEPS: dict[str, tuple[str | None, str, tuple[str, ...], str]] = {
    "menu": (None, MENU, COUNTY_CADRES, REVIEW.format("发布选题")),
    "claim": ("menu", "领第2个", TOWNS, OWNED.format("领题")),
    "declare": (None, OWN, TOWNS, OWNED.format("申报项目")),
    "approve": ("declared", "玄滩镇流动党建方案通过", COUNTY_CADRES, REVIEW.format("审核方案")),
    "return": ("declared", "玄滩镇流动党建方案退回，请补充资金来源", COUNTY_CADRES, REVIEW.format("退回")),
    "revise": ("returned", "修改方案：流动党建资金来源为镇级自筹。步骤：5月底前完成选址。完成时限：2026年12月底。",
               OWNER, OWNED.format("修改方案")),
    "milestone_done": ("in_progress", "流动党建里程碑完成：选址", OWNER, OWNED.format("标记里程碑")),
    "inspect": ("in_progress", "督导流动党建项目：发现问题：1.台账不全", COUNTY_CADRES + ("纪文清",),
                "抱歉，督导检查由县督导组或县领导办理。"),
    "report": ("in_progress", "玄滩镇流动党建项目本月进度60%，本月完成选址", OWNER,
               "抱歉，流动党建是玄滩镇的乡镇党委书记项目，"),
    "request_acceptance": ("in_progress", "申请验收：流动党建服务站已建成", OWNER, OWNED.format("申请验收")),
    "accept": ("acceptance_requested", "流动党建验收通过", COUNTY_CADRES, REVIEW.format("验收")),
    "showcase": ("accepted", "流动党建列为示范点：服务有特色", COUNTY_CADRES, REVIEW.format("确定示范点")),
}
CASES = [(step, who) for step in STEPS for who in EVERYONE]
_BEFORE = {"declared": ("menu",), "returned": ("menu", "declared"), "in_progress": ("menu", "declared"),
           "acceptance_requested": ("menu", "declared", "in_progress"),
           "accepted": ("menu", "declared", "in_progress", "acceptance_requested")}
_TO = {"menu": ("何晓梅", (MENU,)), "declared": ("张丽华", ("领第2个", PLAN)),
       "returned": ("罗明远", ("玄滩镇流动党建方案退回，请补充资金来源",)),
       "in_progress": ("罗明远", ("玄滩镇流动党建方案通过",)),
       "acceptance_requested": ("张丽华", ("申请验收：流动党建服务站已建成",)),
       "accepted": ("何晓梅", ("流动党建验收通过",))}


async def _state(app: App, people: dict[str, ConsoleUser], status: str | None) -> None:
    """Bring 玄滩镇's 流动党建 (or the county's menu) to the state a step needs, through the chat."""
    if status is None:
        return
    for step in (*_BEFORE.get(status, ()), status):
        who, texts = _TO[step]
        for text in texts:
            await people[who].say(text)
    if status != "menu":
        assert (await project_named(app, "流动党建")).status == status


async def _rows(app: App) -> dict[str, Any]:
    return {table: rows for table, rows in (await snapshot(app.db)).tables.items() if table not in BOOKKEEPING}


@pytest.mark.parametrize(("step", "who"), CASES, ids=[f"{s}-{w}" for s, w in CASES])
async def test_each_town_project_step_by_each_person(app: App, transport: RecordingTransport, step: str,
                                                     who: str) -> None:
    status, text, allowed, refusal = STEPS[step]
    people = {name: await registered(app, name) for name in EVERYONE}
    await _state(app, people, status)
    user = people[who]
    before = await _rows(app)
    await user.say(text)
    replies = transport.texts(user.chat.id)
    if who in allowed:
        assert not replies[-1].startswith("抱歉"), replies[-1]
        assert await _rows(app) != before or replies[-1].startswith("已认领")
        return
    assert await _rows(app) == before, replies[-1]
    if who == "吴敏" and step in ("report", "inspect"):
        # 云锦镇's registry does not know 玄滩镇's projects: her words name no project she could report on or
        # inspect, and are not read as either.
        assert replies[-1].startswith(("抱歉", "没有看懂")), replies[-1]
        return
    assert replies[-1].startswith(refusal), replies[-1]


@pytest.mark.parametrize("who", ["张丽华", "吴敏", "纪文清"])
async def test_a_button_on_a_town_project_s_card_pressed_by_no_reviewer_changes_nothing(
        app: App, transport: RecordingTransport, who: str) -> None:
    people = {name: await registered(app, name) for name in EVERYONE}
    await _state(app, people, "declared")
    project = await project_named(app, "流动党建")
    before = await _rows(app)
    await press(app, people[who], ProjectButton("approve", project.id))
    assert await _rows(app) == before
    assert not any(t.startswith("✅") for t in transport.texts(people[who].chat.id))


async def test_a_county_cadre_approves_any_town_of_the_county(app: App, transport: RecordingTransport) -> None:
    people = {name: await registered(app, name) for name in EVERYONE}
    await people["吴敏"].say(OWN)
    project = await project_named(app, "荷塘党建")
    await people["何晓梅"].say("云锦镇荷塘党建方案通过，权重1.3")  # she acts in 玄滩镇, her county's first town
    (approved,) = await rows(app, Project, id=project.id)
    assert (approved.status, approved.weight, approved.owner_id) == (
        "in_progress", pytest.approx(1.3), await person_id(app, "吴敏"))
