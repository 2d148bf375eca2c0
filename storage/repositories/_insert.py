"""INSERT … ON CONFLICT DO NOTHING for whichever engine the session is on."""
from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert_ignoring_conflicts(session: AsyncSession, table: Table):  # type: ignore[no-untyped-def]
    """An insert that skips rows clashing with a unique constraint (both engines support RETURNING)."""
    dialect = sqlite if session.bind.dialect.name == "sqlite" else postgresql
    return dialect.insert(table).on_conflict_do_nothing()
