"""Who may take which step on a task (DESIGN.md, roles): every role against every kind of step, through the
real pipeline; a refusal names who may act and changes nothing."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from bot.app import App
from handlers.registry_reader import registry_from_mapping
from storage.models import Task, TaskEvent
from storage.repositories.registry_import import RegistryImporter
from tests.conftest import RecordingTransport
from tests.support.chat import registered
from tests.support.rows import count, rows

HAND_OFF = "@王建国 请于3月15日前完成千佛塔村征地摸底"
ASSIGNER_STEPS = ("verify", "reject", "extend_yes", "extend_no", "reassign")
# step: (what the assignee says first, what the actor says, whether the task (after, before) shows the step taken)
STEPS: dict[str, tuple[str | None, str, Callable[[Task, Task], bool]]] = {
    "verify": ("#1 已办结", "#1 验收通过", lambda t, _: t.status == "verified"),
    "reject": ("#1 已办结", "#1 退回，材料不全", lambda t, _: t.status == "in_progress"),
    "extend_yes": ("#1 申请延期到3月25日", "#1 同意",
                   lambda t, _: t.deadline == dt.date(2026, 3, 25) and t.requested_deadline is None),
    "extend_no": ("#1 申请延期到3月25日", "#1 不同意",
                  lambda t, _: t.deadline == dt.date(2026, 3, 15) and t.requested_deadline is None),
    "reassign": (None, "#1 改派 储德胜", lambda t, b: t.assignee_id != b.assignee_id),
    "done": (None, "#1 已办结", lambda t, _: t.status == "done"),
}
# role: (who in the registry, the steps they may take on 胡立新's task for 王建国)
PEOPLE = {
    "assigner": ("胡立新", ASSIGNER_STEPS),  # a township_leader
    "township_leader": ("周敏", ASSIGNER_STEPS),
    "admin": ("程晓燕", ASSIGNER_STEPS),
    "assignee": ("王建国", ("done",)),  # the secretary of 千佛塔村
    "other_secretary": ("储德胜", ()),
    "contact_official": ("江涛", ()),  # of the task's village
    "grid_worker": ("吴桂英", ()),  # of the task's village
}
MATRIX = [pytest.param(who, step, step in allowed, id=f"{role}-{step}")
          for role, (who, allowed) in PEOPLE.items() for step in STEPS]


def _fields(task: Task) -> tuple[object, ...]:
    return task.status, task.assignee_id, task.deadline, task.requested_deadline, task.progress


@pytest.mark.parametrize(("who", "step", "allowed"), MATRIX)
async def test_who_may_take_each_step(app: App, transport: RecordingTransport, who: str, step: str,
                                      allowed: bool) -> None:
    hu, wang = await registered(app, "胡立新"), await registered(app, "王建国")
    actor = hu if who == "胡立新" else wang if who == "王建国" else await registered(app, who)
    first, line, taken = STEPS[step]
    await hu.say(HAND_OFF)
    if first is not None:
        await wang.say(first)
    (before,) = await rows(app, Task)
    events = await count(app, TaskEvent)
    await actor.say(line)
    (task,) = await rows(app, Task)
    answer = transport.texts(actor.chat.id)[-1]
    if allowed:
        assert taken(task, before), answer
        assert await count(app, TaskEvent) == events + 1
        return
    assert answer.startswith("抱歉，任务 #1"), answer
    if step in ASSIGNER_STEPS:  # names everyone who may: the assigner and the township's leaders and office
        assert "交办人胡立新" in answer and "镇领导" in answer and "党建办" in answer, answer
    else:
        assert "王建国承办" in answer, answer
    assert _fields(task) == _fields(before) and await count(app, TaskEvent) == events


async def test_a_leader_of_another_township_may_not_verify_by_button(
        app: App, transport: RecordingTransport) -> None:
    async with app.uow() as store:
        await RegistryImporter(store.session, app.clock.now()).run(registry_from_mapping({
            "township": "店前镇", "county": "岳西县", "timezone": "Asia/Shanghai",
            "villages": [{"name": "店前村", "grids": ["一组"]}],
            "people": [{"name": "孙店前", "role": "township_leader"}], "projects": []}))
    hu, wang = await registered(app, "胡立新"), await registered(app, "王建国")
    await hu.say(HAND_OFF)
    await wang.say("#1 已办结")
    (task,) = await rows(app, Task)
    stranger = await registered(app, "孙店前")
    await app.pipeline.handle(dataclasses.replace(stranger.message(""), action=f"task:verify:{task.id}"))
    await app.sender.drain()
    assert transport.texts(stranger.chat.id)[-1].startswith("抱歉，任务 #1 的验收由交办人胡立新或镇领导")
    (task,) = await rows(app, Task)
    assert task.status == "done"
