"""Reading records back in tests, and copying whole databases' rows between tests."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text

from bot.app import App
from storage.db import Database
from storage.models import Base


async def count(app: App, model: Any, **where: Any) -> int:
    """Rows of `model` matching the equality filters."""
    async with app.db.sessions() as session:
        return (await session.execute(select(func.count()).select_from(model).filter_by(**where))).scalar_one()


async def rows(app: App, model: Any, **where: Any) -> list[Any]:
    """ORM rows of `model` matching the equality filters, in primary key order."""
    async with app.db.sessions() as session:
        order = model.__table__.primary_key.columns
        return list((await session.scalars(select(model).filter_by(**where).order_by(*order))).all())


@dataclass(frozen=True)
class Snapshot:
    """Every row of every table, and where PostgreSQL's sequences stood, as `snapshot` read them."""

    tables: dict[str, list[dict[str, Any]]]
    sequences: dict[str, int]


async def snapshot(db: Database) -> Snapshot:
    """The database's rows, to `restore` into another database with the same schema."""
    tables: dict[str, list[dict[str, Any]]] = {}
    sequences: dict[str, int] = {}
    async with db.sessions() as session:
        for table in Base.metadata.sorted_tables:
            # In key order: PostgreSQL returns rows in no fixed order, which an update or a restore changes.
            found = [dict(row) for row in (await session.execute(
                select(table).order_by(*table.primary_key.columns))).mappings()]
            if found:
                tables[table.name] = found
        if db.dialect == "postgresql":
            # Rows restored with their ids leave the sequences behind; the next insert must not reuse an id.
            used = await session.execute(text("SELECT sequencename, last_value FROM pg_sequences "
                                              "WHERE schemaname = 'public' AND last_value IS NOT NULL"))
            sequences = {name: value for name, value in used.all()}
    return Snapshot(tables, sequences)


async def restore(db: Database, saved: Snapshot) -> None:
    """Write `saved` into `db`, whose tables must be empty (parents before children, for the foreign keys)."""
    async with db.transaction() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in saved.tables:
                await session.execute(table.insert(), saved.tables[table.name])
        for name, value in saved.sequences.items():
            await session.execute(text("SELECT setval(CAST(:name AS regclass), :value)"),
                                  {"name": name, "value": value})
