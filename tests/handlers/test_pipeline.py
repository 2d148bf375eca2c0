"""The never-lose pipeline: repeats are recognised, a crashing handler loses nothing, serving goes on."""
from __future__ import annotations

import datetime as dt

from bot.app import App
from handlers.clock import FakeClock
from handlers.context import Context
from handlers.identity import unknown_sender
from handlers.pipeline import APOLOGY, Pipeline
from handlers.routes import build_router
from storage.models import AuditLog, ChatBinding, InboxMessage, OutboxMessage
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

    app.pipeline = Pipeline(app.uow, router, app.clock, unknown_sender)
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
    inbox_id = await app.pipeline.receive(user.message("在吗"))  # as if the process died right here
    assert inbox_id is not None
    assert await app.pipeline.drain_pending() == 0  # too fresh: may still be in flight
    clock.advance(dt.timedelta(minutes=2))
    assert await app.pipeline.drain_pending() == 1
    await app.sender.drain()
    assert transport.texts() == ["在的。"]
    (row,) = await rows(app, InboxMessage)
    assert row.status == "done"
