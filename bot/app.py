"""The composition root: the one place that wires configuration, clock, database, pipeline and sender."""
from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import Settings
from bot.sender import OutboxSender
from bot.telegram.adapter import TelegramAdapter
from bot.telegram.transport import TelegramTransport, bot_for
from bot.transport import Transport
from handlers.clock import Clock, SystemClock
from handlers.identity import unknown_sender
from handlers.pipeline import Pipeline
from handlers.routes import build_router
from storage.db import Database
from storage.migrate import ensure_current
from storage.uow import SqlUnitOfWork


@dataclass
class App:
    """Everything a running bot is made of."""

    settings: Settings
    clock: Clock
    db: Database
    uow: SqlUnitOfWork
    pipeline: Pipeline
    sender: OutboxSender
    transports: dict[str, Transport] = field(default_factory=dict)
    telegram: TelegramAdapter | None = None
    outbox_ready: asyncio.Event = field(default_factory=asyncio.Event)  # set when new replies wait to go out

    async def aclose(self) -> None:
        """Release the platform clients and the database."""
        if self.telegram is not None:
            await self.telegram.bot.shutdown()
        await self.db.dispose()


async def create_app(settings: Settings, *, clock: Clock | None = None,
                     transports: Mapping[str, Transport] | None = None, check_schema: bool = True) -> App:
    """Build the app; refuses (DatabaseNotMigrated) when the schema is not current."""
    clock = clock or SystemClock()
    db = Database(settings.database_url)
    if check_schema:
        try:
            await ensure_current(db)
        except BaseException:
            await db.dispose()
            raise
    uow = SqlUnitOfWork(db)
    pipeline = Pipeline(uow, build_router(), clock, unknown_sender)
    transports = dict(transports or {})
    telegram = None
    if settings.telegram_enabled and "telegram" not in transports:
        bot = bot_for(settings.telegram_bot_token.get_secret_value(), settings.telegram_api_base)
        transports["telegram"] = transport = TelegramTransport(bot)
        telegram = TelegramAdapter(bot, pipeline, transport, Path(settings.files_dir))
    app = App(settings, clock, db, uow, pipeline, OutboxSender(db, transports, clock), transports, telegram)
    if telegram is not None:
        telegram.on_stored = app.outbox_ready.set
    return app
