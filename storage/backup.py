"""Backups of a whole database and restores onto an empty one; SQLite here, PostgreSQL in storage/pg_tools.py.

SQLite goes through its online backup API, which reads a consistent snapshot while the bot keeps writing (WAL).
A restore only ever writes into a database with no table at all: nothing is overwritten or merged into.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from sqlalchemy import Connection, create_engine, func, inspect, select, table, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from storage.db import Database
from storage.private_files import private_file

Kind = Literal["sqlite", "postgresql"]
Progress = Callable[[int, int], None]  # (pages copied, pages in all)

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"  # pg_dump's custom format (-Fc); its plain SQL and tar formats are not restored here
STEP_PAGES = 4096  # 16 MiB a step at the default page size: a township's database is copied in one
# The tables an office knows by name, as the summary counts them; any other table only adds to the totals.
LABELS = {"township": "乡镇", "village": "村（社区）", "person": "人员", "project": "项目", "report": "月报",
          "task": "任务", "issue": "网格事件"}


class BackupError(RuntimeError):
    """A backup or restore that cannot go ahead; the message says why and what to do, in Chinese."""


@dataclass(frozen=True)
class Contents:
    """What a database holds: its schema revision, and rows by table."""

    revision: str | None
    rows: dict[str, int]

    def summary(self) -> str:
        """One Chinese line: the revision, the tables an office knows, the totals."""
        known = "，".join(f"{label} {self.rows[name]}" for name, label in LABELS.items() if name in self.rows)
        data = {name: n for name, n in self.rows.items() if name != "alembic_version"}
        return (f"数据库版本 {self.revision or '无'}；{known or '没有业务表'}；"
                f"共 {len(data)} 张表、{sum(data.values())} 行")


def backup_kind(path: Path) -> Kind | None:
    """Which engine's backup `path` is, by its first bytes; None for anything else."""
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        return "sqlite"
    return "postgresql" if head.startswith(PGDUMP_MAGIC) else None


def tables(connection: Connection) -> list[str]:
    """Every table in the database, in any schema but the system's (schema-qualified outside the default)."""
    inspector = inspect(connection)
    default = inspector.default_schema_name
    found: list[str] = []
    for schema in inspector.get_schema_names():
        if schema != "information_schema" and not schema.startswith("pg_"):
            found += [name if schema == default else f"{schema}.{name}"
                      for name in inspector.get_table_names(schema=schema)]
    return sorted(found)


def describe(connection: Connection) -> Contents:
    """The revision and the rows of every table in the default schema."""
    names = inspect(connection).get_table_names()
    rows = {name: connection.execute(select(func.count()).select_from(table(name))).scalar_one() for name in names}
    revision = None
    if "alembic_version" in names:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().first()
    return Contents(revision, rows)


async def database_contents(db: Database) -> Contents:
    """What the database behind `db` holds."""
    async with db.engine.connect() as conn:
        return await conn.run_sync(describe)


async def database_tables(db: Database) -> list[str]:
    """The tables of the database behind `db` (empty for a new database)."""
    async with db.engine.connect() as conn:
        return await conn.run_sync(tables)


@contextlib.contextmanager
def partial_file(out: Path) -> Iterator[Path]:
    """A new 0600 file beside `out` to write into, renamed to `out` when the block succeeds, removed otherwise.

    A backup that fails or is killed never leaves a file under the name a restore would be pointed at."""
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)  # left by a run that was killed
    private_file(partial)
    try:
        yield partial
        os.replace(partial, out)  # keeps the partial file's 0600 when --force replaces an older backup
    finally:
        partial.unlink(missing_ok=True)


def _read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: reading a backup, or the database being backed up, must neither write to it nor create it.
    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=30)


def read_sqlite(path: Path) -> Contents:
    """What the SQLite file `path` holds, after SQLite's quick check; BackupError if it is damaged."""
    engine = create_engine("sqlite://", creator=lambda: _read_only(path), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            checked = conn.exec_driver_sql("PRAGMA quick_check").scalars().all()
            if checked != ["ok"]:
                raise BackupError(f"{path} 已损坏（SQLite 检查未通过：{'；'.join(map(str, checked[:3]))}）。")
            return describe(conn)
    except DBAPIError as exc:
        raise BackupError(f"{path} 已损坏或不完整，SQLite 无法读取（{exc.orig}）。") from exc
    finally:
        engine.dispose()


def sqlite_tables(path: Path) -> list[str]:
    """The tables in the SQLite file `path`, none if it does not exist or is empty; nothing is created."""
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return []
    try:
        with contextlib.closing(_read_only(path)) as conn:
            found = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} 已存在，但不是可读的 SQLite 数据库（{exc}）。") from exc
    return [name for (name,) in found]


class _Restarted(Exception):
    """Another connection wrote to the source between two steps of a copy."""


def _copy(source: sqlite3.Connection, target: sqlite3.Connection, progress: Progress | None) -> None:
    """Every page of `source` into `target`: in steps with progress, in one read transaction if writes interfere."""
    left: list[int] = []

    def step(status: int, remaining: int, total: int) -> None:
        if status not in (sqlite3.SQLITE_OK, sqlite3.SQLITE_DONE):
            return  # busy: SQLite tries the same step again
        if left and remaining >= left[-1]:
            raise _Restarted  # SQLite starts over after a write: under steady writes it would never finish
        left.append(remaining)
        if progress is not None:
            progress(total - remaining, total)

    try:
        source.backup(target, pages=STEP_PAGES, progress=step)
    except _Restarted:
        # One step is one read transaction: in WAL mode the bot's writes go on meanwhile, and it cannot restart.
        source.backup(target)


def backup_sqlite(source: Path, out: Path, progress: Progress | None = None) -> Contents:
    """Copy the database file `source`, in use or not, into `out` (0600, one file); what the copy holds."""
    if not source.is_file():
        raise BackupError(f"数据库文件 {source} 不存在，没有可备份的内容。请核对 YUEBAO_DATABASE_URL。")
    with partial_file(out) as partial:
        try:
            with contextlib.closing(_read_only(source)) as src, contextlib.closing(sqlite3.connect(partial)) as dst:
                _copy(src, dst, progress)
                # The copy keeps the source's WAL flag; a backup must be one file, usable without -wal and -shm.
                dst.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"无法读取数据库 {source}：{exc}。") from exc
        return read_sqlite(partial)  # checked before it takes the name a restore would use


def restore_sqlite(backup: Path, target: Path, progress: Progress | None = None) -> None:
    """Copy the SQLite backup `backup` into the database file `target`, which must have no table."""
    found = sqlite_tables(target)
    if found:
        raise not_empty(str(target), found)
    private_file(target)  # a new database file is the owner's only, as the bot makes it
    # The backup API writes the target in one transaction: a restore that is interrupted leaves it empty.
    with contextlib.closing(_read_only(backup)) as src, contextlib.closing(sqlite3.connect(target, timeout=30)) as dst:
        _copy(src, dst, progress)


def not_empty(where: str, found: list[str]) -> BackupError:
    """The refusal to restore into a database that has tables."""
    shown = "、".join(found[:5]) + (" 等" if len(found) > 5 else "")
    return BackupError(f"目标数据库 {where} 不是空的（已有 {len(found)} 张表：{shown}），没有做任何改动。"
                       "恢复只能写入空数据库：请把 YUEBAO_DATABASE_URL 指向一个新的数据库，"
                       "或先备份并移走现有的数据库。")
