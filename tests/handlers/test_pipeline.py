"""The never-lose pipeline: repeats are recognised, a crashing handler loses nothing, serving goes on."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.app import App
from handlers.clock import FakeClock
from handlers.context import Context
from handlers.identity import unknown_sender
from handlers.messages import message_to_dict
from handlers.middleware import APOLOGY
from handlers.pipeline import Pipeline
from handlers.routes import build_router
from storage.models import AuditLog, ChatBinding, InboxMessage, OutboxMessage
from storage.repositories.outbox import SqlOutbox
from tests.conftest import RecordingTransport
from tests.support.chat import registered
from tests.support.rows import count, rows


async def test_the_same_delivery_three_times_has_one_effect_and_one_reply(
        app: App, transport: RecordingTransport) -> None:
    leader = await registered(app, "胡立新")
    leader.enter_group("千佛塔村群")
    msg = leader.message("绑定 千佛塔村")
    results = [await app.pipeline.handle(msg) for _ in range(3)]
    await app.sender.drain()
    await app.sender.drain()
    assert results == [True, False, False]
    assert await count(app, InboxMessage) == 1
    assert await count(app, ChatBinding) == 1
    assert await count(app, AuditLog, action="chat.bind") == 1
    assert await count(app, OutboxMessage) == 1
    assert transport.texts() == ["本群已绑定到千佛塔村。"]


async def test_a_crashing_handler_keeps_the_raw_message_apologises_and_serving_goes_on(
        app: App, transport: RecordingTransport) -> None:
    router = build_router()

    @router.command("boom", words=("爆炸",), takes_args=True)
    async def boom(ctx: Context) -> None:
        await ctx.store.audit.record(ctx.sender.id if ctx.sender else None, "half-done", "x", {}, ctx.now)
        raise RuntimeError("handler bug")

    app.pipeline = Pipeline(app.uow, router, app.clock, unknown_sender, directories=app.directories,
                            issue_policy=app.issue_policy, ledger_files=None)
    user = await registered(app, "王建国")
    await user.say("爆炸 请处理")
    await user.say("在吗")

    crashed, served = await rows(app, InboxMessage)
    assert crashed.status == "failed" and crashed.text == "爆炸 请处理"
    assert "RuntimeError: handler bug" in crashed.error
    assert served.status == "done" and served.error is None
    assert await count(app, AuditLog, action="half-done") == 0  # the handler's partial work was undone
    assert transport.texts() == [APOLOGY, "在的。"]


async def test_messages_stored_but_never_handled_are_picked_up_later(
        app: App, clock: FakeClock, transport: RecordingTransport) -> None:
    user = await registered(app, "王建国")
    msg = user.message("在吗")
    async with app.uow() as store:  # stored, and then the process died
        stored = await store.inbox.add(msg.platform, msg.key, json.dumps(message_to_dict(msg)), clock.now(),
                                       form="message")
    assert stored is not None and stored.status == "new"
    assert await app.pipeline.drain_pending() == 0  # too fresh: may still be in flight
    clock.advance(dt.timedelta(minutes=2))
    assert await app.pipeline.drain_pending() == 1
    await app.sender.drain()
    assert transport.texts() == ["在的。"]
    (row,) = await rows(app, InboxMessage)
    assert row.status == "done"


async def test_a_failed_message_is_replayed_through_the_fixed_code_and_has_its_effects_once(
        app: App, transport: RecordingTransport) -> None:
    router, fixed = build_router(), False

    @router.command("boom", words=("爆炸",), takes_args=True)
    async def boom(ctx: Context) -> None:
        await ctx.store.audit.record(ctx.sender.id if ctx.sender else None, "boom", "x", {}, ctx.now)
        if not fixed:
            raise RuntimeError("handler bug")
        ctx.reply("已处理。")

    app.pipeline = Pipeline(app.uow, router, app.clock, unknown_sender, directories=app.directories,
                            issue_policy=app.issue_policy, ledger_files=None)
    user = await registered(app, "王建国")
    await user.say("爆炸 请处理")
    (crashed,) = await rows(app, InboxMessage)
    assert crashed.status == "failed" and await count(app, AuditLog, action="boom") == 0

    fixed = True
    assert (await app.pipeline.replay(crashed.id)).status == "done"
    again = await app.pipeline.replay(crashed.id)
    assert (again.status, again.tried) == ("done", False)
    await app.sender.drain()
    assert await count(app, AuditLog, action="boom") == 1
    assert transport.texts() == [APOLOGY, "已处理。"]
    async with app.uow() as store:
        assert await store.inbox.failed(10) == []


async def test_a_unit_of_work_that_fails_marks_the_message_failed_instead_of_retrying_it_forever(
        app: App, clock: FakeClock, transport: RecordingTransport, monkeypatch: pytest.MonkeyPatch) -> None:
    user = await registered(app, "王建国")
    msg = user.message("在吗")
    async with app.uow() as store:
        stored = await store.inbox.add(msg.platform, msg.key, json.dumps(message_to_dict(msg)), clock.now(),
                                       form="message")
        unreadable = await store.inbox.add("console", "junk", "{not json", clock.now(), form="message")
    assert stored is not None and unreadable is not None

    async def refused(self: object, *args: object) -> int:
        raise RuntimeError("outbox refused the row")
    monkeypatch.setattr(SqlOutbox, "enqueue", refused)
    clock.advance(dt.timedelta(minutes=2))
    assert await app.pipeline.drain_pending() == 2
    assert await app.pipeline.drain_pending() == 0  # neither comes back at the next sweep
    monkeypatch.undo()
    async with app.uow() as store:
        failed = {item.id: (item.status, item.error) for item in await store.inbox.failed(10)}
    assert failed[stored.id] == ("failed", "RuntimeError: outbox refused the row")
    assert failed[unreadable.id][0] == "unreadable"
    assert (await app.pipeline.replay(stored.id)).status == "done"
    await app.sender.drain()
    assert transport.texts() == ["在的。"]


async def test_a_command_for_some_roles_refuses_the_others_before_its_handler_runs(
        app: App, transport: RecordingTransport) -> None:
    router = build_router()

    @router.command("archive", words=("归档",), roles=("township_leader",), refusal="抱歉，归档由镇领导操作。")
    async def archive(ctx: Context) -> None:
        await ctx.store.audit.record(ctx.person.id, "archive", "x", {}, ctx.now)
        ctx.reply("已归档。")

    app.pipeline = Pipeline(app.uow, router, app.clock, unknown_sender, directories=app.directories,
                            issue_policy=app.issue_policy, ledger_files=None)
    await (await registered(app, "王建国")).say("归档")  # a village secretary
    assert transport.texts() == ["抱歉，归档由镇领导操作。"]
    assert await count(app, AuditLog, action="archive") == 0
    await (await registered(app, "胡立新")).say("归档")  # the township leader
    assert transport.texts()[-1] == "已归档。"
    assert await count(app, AuditLog, action="archive") == 1


def test_a_command_for_some_roles_must_say_what_the_others_are_told() -> None:
    with pytest.raises(ValueError, match="refusal"):
        build_router().command("archive", roles=("township_leader",))
