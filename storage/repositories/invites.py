"""One-time invite codes, stored as hashes."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Invite
from storage.repositories._result import rowcount


class SqlInvites:
    """InviteRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def create(self, person_id: int, code_hash: str, now: dt.datetime, expires_at: dt.datetime) -> None:
        """Store a new code's hash."""
        await self._s.execute(insert(Invite).values(code_hash=code_hash, person_id=person_id, created_at=now,
                                                    expires_at=expires_at))

    async def redeem(self, code_hash: str, now: dt.datetime) -> tuple[int | None, str]:
        """(person id, "ok") and the code is spent; or (None, "unknown" | "used" | "expired")."""
        invite = (await self._s.execute(select(Invite).where(Invite.code_hash == code_hash))).scalar_one_or_none()
        if invite is None:
            return None, "unknown"
        if invite.used_at is not None:
            return None, "used"
        if invite.expires_at <= now:
            return None, "expired"
        # Conditional update: of two concurrent redemptions only one sees a row change.
        spent = await self._s.execute(update(Invite).where(Invite.id == invite.id, Invite.used_at.is_(None))
                                      .values(used_at=now))
        if rowcount(spent) != 1:
            return None, "used"
        return invite.person_id, "ok"
