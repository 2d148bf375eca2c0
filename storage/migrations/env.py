"""Alembic environment: runs on the connection `storage.migrate` hands over, or on YUEBAO_DATABASE_URL."""
from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from storage.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_from_settings() -> None:
    # Only for developers running the `alembic` command directly (e.g. `alembic revision --autogenerate`).
    from bot.config import Settings
    from storage.db import Database

    db = Database(Settings().database_url)
    async with db.engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await db.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; use `yuebao db upgrade`")
shared = config.attributes.get("connection")
if shared is not None:
    _run(shared)
else:
    asyncio.run(_run_from_settings())
