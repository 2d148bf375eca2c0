"""Notices held for a 今日待办 note: invisible to the sender and to numbered answers until their note goes out."""
from __future__ import annotations

from sqlalchemy import update

from bot.app import App
from handlers.messages import Button, OutgoingMessage
from storage.models import OutboxMessage
from tests.support.rows import rows


async def test_a_held_notice_is_neither_sent_nor_the_latest_message_its_numbers_answer(app: App) -> None:
    now = app.clock.now()
    card = OutgoingMessage("console", "u1", "📮 任务 #1 已办结，请验收", "card", buttons=((Button("验收通过", "a"),),))
    held = OutgoingMessage("console", "u1", "⏰ 3月月报今天截止", "held", buttons=((Button("确认", "b"),),), daily=True)
    async with app.uow() as store:
        await store.outbox.enqueue([card, held], now)
        assert await store.outbox.last_actions("console", "u1") == ["a"]  # "1" still answers the card
    await app.sender.drain()
    assert [(m.key, m.status) for m in await rows(app, OutboxMessage)] == [("card", "sent"), ("held", "held")]
    async with app.uow() as store:
        (notice,) = await store.outbox.held(now)
        assert await store.outbox.merge(OutgoingMessage("console", "u1", notice.message.text, "note"), [notice], now)
        assert not await store.outbox.merge(OutgoingMessage("console", "u1", "again", "note"), [notice], now)
        assert await store.outbox.held(now) == [] and await store.outbox.last_actions("console", "u1") == []
    assert [(m.key, m.status) for m in await rows(app, OutboxMessage)] == [
        ("card", "sent"), ("held", "merged"), ("note", "pending")]


async def test_a_card_being_sent_is_still_the_latest_message_its_numbers_answer(app: App) -> None:
    card = OutgoingMessage("console", "u1", "请问是哪个项目？", "card", buttons=((Button("1. 征地", "c:1"),),))
    async with app.uow() as store:
        await store.outbox.enqueue([card], app.clock.now())
    async with app.db.sessions() as session:  # leased by a sender, its request in flight
        await session.execute(update(OutboxMessage).values(status="sending"))
        await session.commit()
    async with app.uow() as store:
        assert await store.outbox.last_actions("console", "u1") == ["c:1"]
