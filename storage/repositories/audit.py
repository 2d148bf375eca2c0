"""The audit log: who changed what, when."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, String, cast, insert, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from handlers.admin_ports import AuditEntry, AuditScope
from storage.models import AuditLog, Person

_Actor = aliased(Person)
_Target = aliased(Person)


def _person_target(person: type[Person]) -> ColumnElement[str]:
    """The target an entry about this person has: "person:<id>"."""
    return literal("person:", String) + cast(person.id, String)


class SqlAudit:
    """AuditRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def record(self, actor_id: int | None, action: str, target: str, details: dict[str, Any],
                     now: dt.datetime) -> None:
        """Append one entry."""
        await self._s.execute(insert(AuditLog).values(at=now, actor_id=actor_id, action=action,
                                                      target=target, details=details))

    async def entries(self, scope: AuditScope, offset: int, limit: int) -> list[AuditEntry]:
        """Entries made by people of the scope's townships (and counties), or about them; newest first, with
        the actor's and the target person's names, in one statement."""
        ours = or_(_Actor.township_id.in_(scope.township_ids), _Actor.county_id.in_(scope.county_ids))
        about_ours = or_(_Target.township_id.in_(scope.township_ids), _Target.county_id.in_(scope.county_ids))
        rows = await self._s.execute(
            select(AuditLog.id, AuditLog.at, _Actor.name, AuditLog.action, AuditLog.target, _Target.name,
                   AuditLog.details)
            .outerjoin(_Actor, _Actor.id == AuditLog.actor_id)
            .outerjoin(_Target, AuditLog.target == _person_target(_Target))
            .where(or_(ours, about_ours))
            .order_by(AuditLog.at.desc(), AuditLog.id.desc()).offset(offset).limit(limit))
        return [AuditEntry(*row) for row in rows]
