"""Migrations build the schema on an empty database; the app refuses an unmigrated one."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect

from bot.app import create_app
from bot.config import Settings
from storage.db import Database
from storage.migrate import DatabaseNotMigrated, current_revision, head_revision, upgrade
from storage.models import Base


async def test_upgrade_builds_every_table_on_an_empty_database(empty_db_url: str) -> None:
    db = Database(empty_db_url)
    try:
        assert await current_revision(db) is None
        await upgrade(db)
        assert await current_revision(db) == head_revision()
        async with db.engine.connect() as conn:
            tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        assert set(Base.metadata.tables) <= tables
        await upgrade(db)  # a second upgrade is a no-op, not an error
        assert await current_revision(db) == head_revision()
    finally:
        await db.dispose()


async def test_app_refuses_an_unmigrated_database_and_names_the_command(empty_db_url: str) -> None:
    with pytest.raises(DatabaseNotMigrated, match="yuebao db upgrade"):
        await create_app(Settings(YUEBAO_DATABASE_URL=empty_db_url))


async def test_the_models_and_the_migrations_describe_the_same_schema(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    db = Database(db_url)
    try:
        async with db.engine.connect() as conn:
            diff = await conn.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata))
    finally:
        await db.dispose()
    assert diff == [], "models changed without a migration: run `alembic revision --autogenerate`"
