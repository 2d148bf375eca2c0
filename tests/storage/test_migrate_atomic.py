"""A failed upgrade leaves the database as it was: no half-built schema, no half-applied revision."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from storage import migrate
from storage.db import Database
from storage.migrate import current_revision, head_revision, upgrade

BROKEN = '''"""broken"""
from alembic import op
import sqlalchemy as sa

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_built", sa.Column("id", sa.Integer(), primary_key=True))
{body}


def downgrade() -> None:
    op.drop_table("half_built")
'''


def _with_broken_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """Point the migrator at a copy of the shipped migrations with one more, failing, step after head."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_broken.py").write_text(BROKEN.format(head=head_revision(), body=body))
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)


async def _tables(db: Database) -> set[str]:
    async with db.engine.connect() as conn:
        return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


async def test_a_failing_step_leaves_an_empty_database_empty(
        empty_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_broken_step(tmp_path, monkeypatch, '    op.execute("SELECT * FROM no_such_table")')
    db = Database(empty_db_url)
    try:
        with pytest.raises(Exception, match="no_such_table"):
            await upgrade(db)
        # Every earlier step is undone too, not only the failing one.
        assert await current_revision(db) is None
        assert await _tables(db) == set()
    finally:
        await db.dispose()


async def test_broken_foreign_keys_undo_the_upgrade_and_keep_the_rows(
        empty_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite migrates with foreign keys off, so its check after the upgrade is what catches this one."""
    db = Database(empty_db_url)
    try:
        await upgrade(db)
        shipped = head_revision()
        async with db.transaction() as s:
            await s.execute(text("INSERT INTO township (id, name, timezone, next_task_no, next_issue_no) "
                                 "VALUES (1, 'T', 'Asia/Shanghai', 1, 1)"))
        _with_broken_step(tmp_path, monkeypatch,
                          '    op.execute("INSERT INTO person (id, township_id, name, active) '
                          "VALUES (1, 999, 'P', true)\")")
        with pytest.raises(Exception, match="foreign key|foreign_key|fk_"):
            await upgrade(db)
        assert await current_revision(db) == shipped
        assert "half_built" not in await _tables(db)
        async with db.transaction() as s:
            assert (await s.execute(text("SELECT count(*) FROM person"))).scalar_one() == 0
            assert (await s.execute(text("SELECT name FROM township"))).scalar_one() == "T"
        async with db.engine.connect() as conn:  # foreign keys are enforced again on the pooled connection
            with pytest.raises(Exception, match="(?i)foreign key"):
                await conn.execute(text("INSERT INTO person (id, township_id, name, active) "
                                        "VALUES (2, 999, 'Q', true)"))
    finally:
        await db.dispose()
