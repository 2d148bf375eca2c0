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


async def test_upgrading_a_populated_database_keeps_its_rows(empty_db_url: str) -> None:
    """SQLite rebuilds altered tables; with foreign keys on, dropping the old table would cascade."""
    from sqlalchemy import text

    db = Database(empty_db_url)
    try:
        await upgrade(db, "0001")
        async with db.transaction() as s:
            await s.execute(text("INSERT INTO township (id, name, timezone, next_task_no, next_issue_no) "
                                 "VALUES (1, 'T', 'Asia/Shanghai', 1, 1)"))
            await s.execute(text("INSERT INTO person (id, township_id, name, role, active) "
                                 "VALUES (1, 1, 'P', 'secretary', true)"))
            await s.execute(text("INSERT INTO identity (person_id, platform, platform_user_id, linked_at) "
                                 "VALUES (1, 'telegram', '42', '2026-01-01 00:00:00')"))
        await upgrade(db)
        async with db.transaction() as s:
            assert (await s.execute(text("SELECT count(*) FROM identity"))).scalar_one() == 1
            assert (await s.execute(text("SELECT name FROM person"))).scalar_one() == "P"
    finally:
        await db.dispose()
