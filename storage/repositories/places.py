"""Villages by name or alias, and group chats bound to a township or a village."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.refs import PlaceRef
from storage.models import ChatBinding, Township, Village
from storage.repositories._result import rowcount


class SqlPlaces:
    """PlaceRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def find(self, township_id: int, name: str) -> PlaceRef | None:
        """The township itself, or one of its villages by name or alias."""
        name = name.strip()
        township = await self._s.get(Township, township_id)
        if township is None:
            return None
        if name == township.name or name in (township.aliases or []):
            return PlaceRef(township.id, township.name)
        villages = (await self._s.scalars(select(Village).where(Village.township_id == township_id,
                                                                Village.active.is_(True)))).all()
        for village in villages:
            if name == village.name or name in (village.aliases or []):
                return PlaceRef(township.id, township.name, village.id, village.name)
        return None

    async def village_names(self, township_id: int) -> list[str]:
        """Names of a township's villages, in registry order."""
        return list(await self._s.scalars(select(Village.name).where(Village.township_id == township_id,
                                                                     Village.active.is_(True)).order_by(Village.id)))

    async def binding(self, platform: str, chat_id: str) -> PlaceRef | None:
        """What a group chat is bound to, or None."""
        row = (await self._s.execute(
            select(ChatBinding.township_id, Township.name, ChatBinding.village_id, Village.name)
            .join(Township, Township.id == ChatBinding.township_id)
            .outerjoin(Village, Village.id == ChatBinding.village_id)
            .where(ChatBinding.platform == platform, ChatBinding.chat_id == chat_id)
        )).first()
        return PlaceRef(*row) if row else None

    async def bind(self, platform: str, chat_id: str, place: PlaceRef, by_id: int, now: dt.datetime) -> None:
        """Bind a group chat, replacing an earlier binding of the same chat."""
        await self._s.execute(delete(ChatBinding).where(ChatBinding.platform == platform,
                                                        ChatBinding.chat_id == chat_id))
        await self._s.execute(insert(ChatBinding).values(
            platform=platform, chat_id=chat_id, township_id=place.township_id, village_id=place.village_id,
            bound_by_id=by_id, bound_at=now))

    async def unbind(self, platform: str, chat_id: str) -> bool:
        """Forget a chat's binding; whether there was one."""
        result = await self._s.execute(delete(ChatBinding).where(ChatBinding.platform == platform,
                                                                 ChatBinding.chat_id == chat_id))
        return rowcount(result) > 0

    async def group_chats(self, village_id: int) -> list[tuple[str, str]]:
        """(platform, chat id) of the group chats bound to a village."""
        rows = await self._s.execute(select(ChatBinding.platform, ChatBinding.chat_id)
                                     .where(ChatBinding.village_id == village_id).order_by(ChatBinding.id))
        return [(platform, chat_id) for platform, chat_id in rows]

    async def township_chats(self, township_id: int) -> list[tuple[str, str]]:
        """(platform, chat id) of the group chats bound to the township itself."""
        rows = await self._s.execute(select(ChatBinding.platform, ChatBinding.chat_id).where(
            ChatBinding.township_id == township_id, ChatBinding.village_id.is_(None)).order_by(ChatBinding.id))
        return [(platform, chat_id) for platform, chat_id in rows]
