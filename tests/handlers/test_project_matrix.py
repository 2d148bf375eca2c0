"""Every project step × every role: allowed, or refused with a line naming who may, and nothing changed."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.app import App
from bot.console import ConsoleUser
from handlers.callbacks import ProjectButton
from storage.models import Inspection, Milestone, Project, ProjectEvent, ProjectPlan, ProjectTopic, Task
from tests.conftest import REGISTRY, RecordingTransport
from tests.support.chat import registered, with_people
from tests.support.rows import count, rows

SUPERVISOR = {"name": "赵纪检", "role": "supervisor", "title": "镇纪委督导组"}
PLAN = ("请水寨村申报书记项目：白茶产业园。目标：发展白茶种植。步骤：4月底前完成选址，6月底前建成加工厂。"
        "完成时限：2026年12月底。")
LEADERS, OWNER = ("胡立新", "程晓燕"), ("储德胜",)
EVERYONE = ("胡立新", "程晓燕", "储德胜", "王建国", "吴桂英", "赵纪检")
REVIEW = "抱歉，{}由镇领导或镇党建办办理。"

# step: (the state it needs, what is said, who may, the refusal the others get)
STEPS = {
    "topics": (None, "今年书记项目选题：1.发展村集体经济 2.乡村治理", LEADERS, REVIEW.format("发布选题")),
    "claim": ("topics", "领第1个", ("储德胜", "王建国"), "抱歉，领题由本村的村书记或包村干部办理。"),
    "declare": (None, PLAN, OWNER, "抱歉，申报项目由本村的村书记或包村干部办理。"),
    "approve": ("declared", "白茶产业园方案通过", LEADERS, REVIEW.format("审核方案")),
    "return": ("declared", "白茶产业园方案退回，请补充资金来源", LEADERS, REVIEW.format("退回")),
    "revise": ("returned", "修改方案：白茶产业园资金来源为村集体自筹。步骤：4月底前完成选址。完成时限：2026年12月底。",
               OWNER, "抱歉，修改方案由请水寨村的村书记或包村干部办理。"),
    "milestone_done": ("in_progress", "白茶产业园里程碑完成：选址", OWNER,
                       "抱歉，标记里程碑由请水寨村的村书记或包村干部办理。"),
    "inspect": ("in_progress", "督导白茶产业园项目：发现问题：1.台账不全", LEADERS + ("赵纪检",),
                "抱歉，督导检查由督导组或镇领导办理。"),
    "request_acceptance": ("in_progress", "申请验收：白茶产业园已完工", OWNER,
                           "抱歉，申请验收由请水寨村的村书记或包村干部办理。"),
    "accept": ("acceptance_requested", "白茶产业园验收通过", LEADERS, REVIEW.format("验收")),
    "showcase": ("accepted", "白茶产业园列为示范点：带动增收", LEADERS, REVIEW.format("确定示范点")),
}
CASES = [(step, who) for step in STEPS for who in EVERYONE]


@pytest.fixture
def registry_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The township with a supervisor on its roster."""
    return with_people(REGISTRY, tmp_path_factory.mktemp("registry"), SUPERVISOR)


async def _people(app: App) -> dict[str, ConsoleUser]:
    return {name: await registered(app, name) for name in EVERYONE}


async def _state(people: dict[str, ConsoleUser], app: App, status: str | None) -> None:
    """Bring 白茶产业园 (or the topic menu) to the state a step needs, through the chat."""
    if status is None:
        return
    if status == "topics":
        await people["程晓燕"].say("今年书记项目选题：1.发展村集体经济 2.乡村治理")
        return
    chu, hu = people["储德胜"], people["胡立新"]
    await chu.say(PLAN)
    steps = {"returned": ["白茶产业园方案退回，请补充资金来源"], "in_progress": ["白茶产业园方案通过"],
             "acceptance_requested": ["白茶产业园方案通过", "申请验收：白茶产业园已完工"],
             "accepted": ["白茶产业园方案通过", "申请验收：白茶产业园已完工", "白茶产业园验收通过"]}
    for text in steps.get(status, []):
        await (chu if text.startswith("申请") else hu).say(text)
    (project,) = [p for p in await rows(app, Project) if p.title == "白茶产业园"]
    assert project.status == status


async def _changes(app: App) -> tuple[int, ...]:
    done = len([m for m in await rows(app, Milestone) if m.done_at])
    return (await count(app, ProjectEvent), await count(app, Project), await count(app, ProjectPlan),
            await count(app, ProjectTopic), await count(app, Inspection), await count(app, Task), done)


@pytest.mark.parametrize(("step", "who"), CASES, ids=[f"{s}-{w}" for s, w in CASES])
async def test_each_step_by_each_role(app: App, transport: RecordingTransport, step: str, who: str) -> None:
    status, text, allowed, refusal = STEPS[step]
    people = await _people(app)
    await _state(people, app, status)
    user = people[who]
    before = await _changes(app)
    await user.say(text)
    reply = transport.texts(user.chat.id)[-1]
    if who in allowed:
        assert not reply.startswith("抱歉"), reply
        assert await _changes(app) != before or reply.startswith("已认领")
    else:
        assert reply.startswith("抱歉"), reply
        assert reply == refusal or who == "王建国" and step == "declare", reply
        assert await _changes(app) == before


async def test_a_forged_button_on_another_township_s_project_changes_nothing(
        app: App, transport: RecordingTransport) -> None:
    people = await _people(app)
    await _state(people, app, "declared")
    (project,) = [p for p in await rows(app, Project) if p.title == "白茶产业园"]
    chu = people["储德胜"]
    before = await _changes(app)
    data = ProjectButton("approve", project.id).pack()
    await app.pipeline.handle(dataclasses.replace(chu.message(""), action=data, key="press-forged"))
    await app.sender.drain()
    assert transport.texts(chu.chat.id)[-1] == REVIEW.format("审核方案")
    assert await _changes(app) == before
