"""The composition root: the one place that wires configuration, clock, database, pipeline and sender."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.config import Settings
from bot.sender import OutboxSender
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

    async def aclose(self) -> None:
        """Release the database."""
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
    return App(settings, clock, db, uow, pipeline, OutboxSender(db, transports, clock), transports)
