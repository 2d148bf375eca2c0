"""Reading records back in tests."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bot.app import App


async def count(app: App, model: Any, **where: Any) -> int:
    """Rows of `model` matching the equality filters."""
    async with app.db.sessions() as session:
        return (await session.execute(select(func.count()).select_from(model).filter_by(**where))).scalar_one()


async def rows(app: App, model: Any, **where: Any) -> list[Any]:
    """ORM rows of `model` matching the equality filters, by id."""
    async with app.db.sessions() as session:
        return list((await session.scalars(select(model).filter_by(**where).order_by(model.id))).all())
