"""What a data-changing statement reports back."""
from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Result


def rowcount(result: Result[Any]) -> int:
    """How many rows an INSERT, UPDATE or DELETE changed."""
    # Session.execute types every result as Result; for these statements it is a CursorResult, which counts rows.
    return cast(CursorResult[Any], result).rowcount
