"""0008 moves the inbox to raw payloads: rows stored before it stay readable, and one never handled still is."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import text

from bot.app import create_app
from bot.config import Settings
from handlers.clock import FakeClock
from storage.db import Database
from storage.migrate import upgrade
from storage.models import InboxMessage, OutboxMessage
from tests.support.rows import rows

NOW = dt.datetime(2026, 3, 20, 10, 0, tzinfo=dt.UTC)
MESSAGE: dict[str, Any] = {
    "platform": "console", "key": "k1", "chat": {"id": "stranger", "is_group": False, "title": None},
    "sender": {"id": "stranger", "display_name": None}, "text": "在吗", "sent_at": NOW.isoformat(),
    "attachments": [], "reply_to": None, "action": None, "addressed": True, "event": None, "edited": False}


async def _rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    async with db.transaction() as session:
        return [tuple(row) for row in await session.execute(text(sql))]


async def test_rows_stored_before_0008_are_kept_and_a_pending_one_is_handled(empty_db_url: str) -> None:
    db = Database(empty_db_url)
    try:
        await upgrade(db, "0007")
        async with db.transaction() as session:
            for key, status in (("k0", "done"), ("k1", "new")):
                await session.execute(text(
                    "INSERT INTO inbox (platform, message_key, chat_id, sender_id, text, payload, received_at, status)"
                    " VALUES ('console', :key, 'stranger', 'stranger', '在吗', :payload, :at, :status)"),
                    {"key": key, "payload": json.dumps({**MESSAGE, "key": key}), "at": NOW, "status": status})
        await upgrade(db)
    finally:
        await db.dispose()

    app = await create_app(Settings(YUEBAO_DATABASE_URL=empty_db_url), clock=FakeClock(NOW + dt.timedelta(hours=1)))
    try:
        assert await app.pipeline.drain_pending() == 1
        old, pending = await rows(app, InboxMessage)
        assert (old.form, old.status, json.loads(old.raw)["key"]) == ("message", "done", "k0")
        assert (pending.status, pending.text) == ("done", "在吗")
        (reply,) = await rows(app, OutboxMessage)
        assert reply.chat_id == "stranger" and reply.key == f"reply:inbox:{pending.id}:0"
    finally:
        await app.aclose()


async def test_0008_downgrades_keeping_what_it_can(empty_db_url: str) -> None:
    from alembic import command

    from storage.migrate import _config

    db = Database(empty_db_url)
    try:
        await upgrade(db)
        async with db.transaction() as session:
            await session.execute(text(
                "INSERT INTO inbox (platform, message_key, raw, form, received_at, status) VALUES "
                "('console', 'k1', :message, 'message', :at, 'new'), ('telegram', 'u1', '{\"update_id\": 1}', "
                "'payload', :at, 'new')"), {"message": json.dumps(MESSAGE), "at": NOW})
        async with db.engine.begin() as conn:
            await conn.run_sync(lambda c: command.downgrade(_config(c), "0007"))
        found = await _rows(db, "SELECT message_key, status, payload FROM inbox ORDER BY id")
        decoded = [(key, status, payload if isinstance(payload, dict) else json.loads(str(payload)))
                   for key, status, payload in found]
        assert decoded == [("k1", "new", MESSAGE), ("u1", "failed", {"raw": '{"update_id": 1}'})]
    finally:
        await db.dispose()
