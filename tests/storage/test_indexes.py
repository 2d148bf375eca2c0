"""Migration 0007's indexes on the outbox and issue lookups that run on every reply and every tick."""
from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, select
from sqlalchemy.engine import Connection

from storage.db import Database
from storage.migrate import _config, current_revision, head_revision, upgrade
from storage.models import AuditLog, Issue, OutboxMessage
from storage.repositories.issues import OPEN_STATUSES

ADDED = {"outbox": {"ix_outbox_chat", "ix_outbox_platform_message"}, "issue": {"ix_issue_status_due"}}


def _indexes(connection: Connection) -> dict[str, set[str]]:
    found = inspect(connection)
    return {table: {ix["name"] for ix in found.get_indexes(table)} for table in ADDED}


def _downgrade(connection: Connection, revision: str) -> None:
    with connection.begin():
        command.downgrade(_config(connection), revision)


async def test_0007_adds_the_indexes_and_its_downgrade_drops_them(empty_db_url: str) -> None:
    db = Database(empty_db_url)
    try:
        await upgrade(db)
        async with db.engine.connect() as conn:
            assert all(ADDED[t] <= names for t, names in (await conn.run_sync(_indexes)).items())
        async with db.engine.connect() as conn:
            await conn.run_sync(_downgrade, "0006")
        async with db.engine.connect() as conn:
            assert all(not ADDED[t] & names for t, names in (await conn.run_sync(_indexes)).items())
        assert await current_revision(db) == "0006"
        await upgrade(db)
        assert await current_revision(db) == head_revision()
    finally:
        await db.dispose()


async def test_sqlite_plans_the_hot_lookups_on_the_indexes(db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's planner scans tables this small whatever their indexes")
    out = OutboxMessage.__table__
    queries = {
        "ix_outbox_platform_message": select(out.c.payload).where(
            out.c.platform == "telegram", out.c.chat_id == "42", out.c.platform_message_id == "7"),
        "ix_outbox_chat": select(out.c.payload).where(out.c.platform == "telegram", out.c.chat_id == "42")
        .order_by(out.c.id.desc()).limit(1),
        "ix_issue_status_due": select(Issue.id).where(Issue.status.in_(OPEN_STATUSES)),
        # The console's 记录 page: the newest entries first, a page at a time (migration 0015).
        "ix_audit_log_at": select(AuditLog.id).order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(20),
    }
    db = Database(db_url)
    try:
        async with db.engine.connect() as conn:
            for index, query in queries.items():
                sql = str(query.compile(conn.sync_engine, compile_kwargs={"literal_binds": True}))
                plan = " ".join(str(row) for row in (await conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")))
                assert index in plan, (index, plan)
    finally:
        await db.dispose()
