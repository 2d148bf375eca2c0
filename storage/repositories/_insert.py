"""INSERT … ON CONFLICT for whichever engine the session is on, built once per table and engine."""
from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def _on_sqlite(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _dialect(session: AsyncSession) -> Any:
    return sqlite if _on_sqlite(session) else postgresql


def insert_ignoring_conflicts(session: AsyncSession, table: Table) -> sqlite.Insert | postgresql.Insert:
    """An insert that skips rows clashing with a unique constraint (both engines support RETURNING)."""
    insert = sqlite.insert if _on_sqlite(session) else postgresql.insert
    return insert(table).on_conflict_do_nothing()


# Hot-path statements are built once and executed with parameters: building a statement per call
# (coercing every value) costs more than the round trip on SQLite.
@functools.cache
def _prepared_ignore(dialect: Any, table: Table, returning: str | None) -> Any:
    stmt = dialect.insert(table).on_conflict_do_nothing()
    return stmt.returning(table.c[returning]) if returning else stmt


@functools.cache
def _prepared_upsert(dialect: Any, table: Table, keys: tuple[str, ...], updates: tuple[str, ...]) -> Any:
    stmt = dialect.insert(table)
    return stmt.on_conflict_do_update(index_elements=list(keys), set_={c: stmt.excluded[c] for c in updates})


def prepared_insert_ignoring(session: AsyncSession, table: Table, returning: str | None = None) -> Any:
    """A reusable insert-or-skip statement; execute it with a parameter dict (or a list of them)."""
    return _prepared_ignore(_dialect(session), table, returning)


def prepared_upsert(session: AsyncSession, table: Table, keys: tuple[str, ...], updates: tuple[str, ...]) -> Any:
    """A reusable insert-or-update-on-`keys` statement; execute it with a parameter dict."""
    return _prepared_upsert(_dialect(session), table, keys, updates)
