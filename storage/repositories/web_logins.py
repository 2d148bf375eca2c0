"""The console's one-time sign-in links and browser sessions (WebLoginRepo)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.web_ports import SignIn
from storage.models import Identity, Person, WebLogin, WebSession
from storage.repositories._result import rowcount


class SqlWebLogins:
    """WebLoginRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def create_link(self, token_hash: str, who: SignIn, now: dt.datetime, expires_at: dt.datetime) -> None:
        """Store a new link's hash."""
        await self._s.execute(insert(WebLogin).values(token_hash=token_hash, person_id=who.person_id,
                                                      platform=who.platform, platform_user_id=who.platform_user_id,
                                                      created_at=now, expires_at=expires_at))

    async def links_since(self, person_id: int, since: dt.datetime) -> int:
        """How many links this person asked for since then."""
        query = select(func.count()).select_from(WebLogin).where(WebLogin.person_id == person_id,
                                                                 WebLogin.created_at >= since)
        return int((await self._s.execute(query)).scalar_one())

    async def redeem(self, token_hash: str, now: dt.datetime) -> SignIn | str:
        """Spend a link: whose it is, or "unknown" | "used" | "expired" | "unlinked"."""
        link = (await self._s.execute(select(WebLogin).where(WebLogin.token_hash == token_hash))).scalar_one_or_none()
        if link is None:
            return "unknown"
        if link.used_at is not None:
            return "used"
        if link.expires_at <= now:
            return "expired"
        # Conditional update: of two browsers opening one link at once, only one sees a row change.
        spent = await self._s.execute(update(WebLogin).where(WebLogin.id == link.id, WebLogin.used_at.is_(None))
                                      .values(used_at=now))
        if rowcount(spent) != 1:
            return "used"
        who = SignIn(link.person_id, link.platform, link.platform_user_id)
        return who if await self._still_theirs(who) else "unlinked"

    async def _still_theirs(self, who: SignIn) -> bool:
        """The identity still belongs to the person, who is still on the roster (a 换届 ends their console too)."""
        query = (select(Identity.id).join(Person, Person.id == Identity.person_id)
                 .where(Identity.person_id == who.person_id, Identity.platform == who.platform,
                        Identity.platform_user_id == who.platform_user_id, Person.active.is_(True)))
        return (await self._s.execute(query)).first() is not None

    async def open_session(self, token_hash: str, who: SignIn, now: dt.datetime, expires_at: dt.datetime) -> None:
        """Store a new session's hash."""
        await self._s.execute(insert(WebSession).values(token_hash=token_hash, person_id=who.person_id,
                                                        platform=who.platform, platform_user_id=who.platform_user_id,
                                                        created_at=now, expires_at=expires_at))

    async def session(self, token_hash: str, now: dt.datetime) -> SignIn | None:
        """The live session with this hash, its identity still the person's and the person still active."""
        query = (select(WebSession.person_id, WebSession.platform, WebSession.platform_user_id)
                 .join(Identity, and_(Identity.person_id == WebSession.person_id,
                                      Identity.platform == WebSession.platform,
                                      Identity.platform_user_id == WebSession.platform_user_id))
                 .join(Person, Person.id == WebSession.person_id)
                 .where(WebSession.token_hash == token_hash, WebSession.expires_at > now,
                        WebSession.revoked_at.is_(None), Person.active.is_(True)))
        row = (await self._s.execute(query)).first()
        return None if row is None else SignIn(row.person_id, row.platform, row.platform_user_id)

    async def end_session(self, token_hash: str, now: dt.datetime) -> None:
        """Sign one browser out."""
        await self._s.execute(update(WebSession).where(WebSession.token_hash == token_hash,
                                                       WebSession.revoked_at.is_(None)).values(revoked_at=now))

    async def revoke(self, person_id: int, now: dt.datetime) -> int:
        """End every live session and unused link of a person; how many sessions were live."""
        await self._s.execute(update(WebLogin).where(WebLogin.person_id == person_id, WebLogin.used_at.is_(None),
                                                     WebLogin.expires_at > now).values(used_at=now))
        ended = await self._s.execute(update(WebSession).where(WebSession.person_id == person_id,
                                                               WebSession.revoked_at.is_(None),
                                                               WebSession.expires_at > now).values(revoked_at=now))
        return rowcount(ended)
