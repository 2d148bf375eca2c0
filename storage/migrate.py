"""Schema migrations through Alembic's API, and the start-up check that the schema is current."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from storage.db import Database

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseNotMigrated(RuntimeError):
    """The database schema is missing or older than this code."""


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration this code ships."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def known_revision(revision: str) -> bool:
    """Whether this code ships `revision` (a database made by a newer release has one it does not)."""
    return any(script.revision == revision for script in ScriptDirectory.from_config(_config()).walk_revisions())


async def current_revision(db: Database) -> str | None:
    """The revision the database is at, or None for an empty database."""
    async with db.engine.connect() as conn:
        return await conn.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())


def _sqlite_foreign_keys(connection: Connection, on: bool) -> None:
    # Must run outside a transaction (SQLite ignores it inside one), so on the driver connection itself.
    cursor = connection.connection.cursor()
    cursor.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    cursor.close()


def _upgrade(connection: Connection, revision: str) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # SQLite alters a table by copying it and dropping the old one; with foreign keys on,
        # that drop would cascade into every referencing table.
        _sqlite_foreign_keys(connection, on=False)
    try:
        # One transaction around every step: Alembic would commit each step on its own on SQLite (it takes
        # SQLite's DDL for non-transactional), so a failure would leave a half-built schema. Begun here, it
        # is Alembic's "external" transaction: committed only if every step and the key check succeed.
        with connection.begin():
            command.upgrade(_config(connection), revision)
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
    finally:
        if sqlite:
            _sqlite_foreign_keys(connection, on=True)


async def upgrade(db: Database, revision: str = "head") -> None:
    """Apply migrations up to `revision`, all or none."""
    async with db.engine.connect() as conn:
        await conn.run_sync(_upgrade, revision)


async def ensure_current(db: Database) -> None:
    """Raise DatabaseNotMigrated, with the command to run, unless the schema is at head."""
    current, head = await current_revision(db), head_revision()
    if current != head:
        state = "尚未初始化" if current is None else f"版本过旧（{current}，需要 {head}）"
        raise DatabaseNotMigrated(
            f"数据库{state}：{db.safe_url()}\n请先运行：yuebao db upgrade"
        )
