"""What the console may read, as SQL: one rule for every scoped query."""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from handlers.console_ports import Scope


def within(scope: Scope, township: Any, village: Any, *also: ColumnElement[bool]) -> ColumnElement[bool]:
    """In scope: of one of the scope's townships and, for a village's viewer, of one of their villages (or matching
    one of `also`, such as a task assigned to them)."""
    towns: ColumnElement[bool] = township.in_(scope.township_ids)
    if scope.village_ids is None:
        return towns
    return and_(towns, or_(village.in_(sorted(scope.village_ids)), *also))
