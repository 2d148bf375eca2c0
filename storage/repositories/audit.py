"""The audit log: who changed what, when."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditLog


class SqlAudit:
    """AuditRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def record(self, actor_id: int | None, action: str, target: str, details: dict[str, Any],
                     now: dt.datetime) -> None:
        """Append one entry."""
        await self._s.execute(insert(AuditLog).values(at=now, actor_id=actor_id, action=action,
                                                      target=target, details=details))
