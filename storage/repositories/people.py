"""People and their platform identities."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, Select, and_, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from handlers.refs import PersonRef, Question
from storage.models import Conversation, Grid, Identity, Person, Township, Village, person_grid

_Remembered = aliased(Village)


def _person_query() -> Select[*tuple[Any, ...]]:
    return (
        select(Person.id, Person.name, Person.role, Person.township_id, Township.name.label("township"),
               Person.village_id, Village.name.label("village"), Person.title, Township.registry_version,
               _Remembered.name.label("remembered"))
        .join(Township, Township.id == Person.township_id)
        .outerjoin(Village, Village.id == Person.village_id)
        .outerjoin(_Remembered, _Remembered.id == Person.remembered_village_id)
        .where(Person.active.is_(True))
    )


def _with_identity(query: Select[*tuple[Any, ...]], platform: str,
                   platform_user_id: str) -> Select[*tuple[Any, ...]]:
    return query.join(Identity, Identity.person_id == Person.id).where(
        Identity.platform == platform, Identity.platform_user_id == platform_user_id)


class SqlPeople:
    """PeopleRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def _ref(self, row: Row[*tuple[Any, ...]]) -> PersonRef:
        grids: tuple[str, ...] = ()
        if row.role == "grid_worker":  # only grid workers act by grid; skip the query for everyone else
            names = await self._s.scalars(
                select(Grid.name).join(person_grid, person_grid.c.grid_id == Grid.id)
                .where(person_grid.c.person_id == row.id).order_by(Grid.id))
            grids = tuple(names)
        return PersonRef(row.id, row.name, row.role, row.township_id, row.township, row.village_id,
                         row.village, row.title, grids, row.registry_version, row.remembered)

    async def by_identity(self, platform: str, platform_user_id: str) -> PersonRef | None:
        """The person behind a platform account, or None."""
        row = (await self._s.execute(_with_identity(_person_query(), platform, platform_user_id))).first()
        return await self._ref(row) if row else None

    async def sender_in_chat(self, platform: str, platform_user_id: str, chat_id: str | None,
                             now: dt.datetime) -> tuple[PersonRef | None, Question | None, str | None]:
        """The person behind a platform account, what the bot is waiting for from them in this chat, and the
        account's known private chat."""
        # One query, because every incoming message needs all three.
        question = Conversation.__table__
        query = _person_query().add_columns(question.c.kind, question.c.data, Identity.direct_chat_id).outerjoin(
            question, and_(
            question.c.person_id == Person.id, question.c.platform == platform, question.c.chat_id == chat_id,
            question.c.expires_at > now))
        row = (await self._s.execute(_with_identity(query, platform, platform_user_id))).first()
        if row is None:
            return None, None, None
        return await self._ref(row), (Question(row.kind, row.data) if row.kind else None), row.direct_chat_id

    async def by_name(self, name: str, township: str | None = None) -> list[PersonRef]:
        """People with this name (in one township when given)."""
        query = _person_query().where(Person.name == name)
        if township:
            query = query.where(Township.name == township)
        return [await self._ref(row) for row in await self._s.execute(query)]

    async def by_ids(self, ids: list[int]) -> list[PersonRef]:
        """People by id (the active ones), in id order."""
        if not ids:
            return []
        rows = await self._s.execute(_person_query().where(Person.id.in_(ids)).order_by(Person.id))
        return [await self._ref(row) for row in rows]

    async def by_name_many(self, names: list[str], township_id: int) -> dict[str, PersonRef]:
        """People of a township by name."""
        rows = await self._s.execute(_person_query().where(Person.name.in_(names), Person.township_id == township_id))
        return {row.name: await self._ref(row) for row in rows}

    async def with_roles(self, township_id: int, roles: Sequence[str], village: str | None = None) -> list[PersonRef]:
        """Active people of a township with one of `roles` (in one village, when given)."""
        query = _person_query().where(Person.township_id == township_id, Person.role.in_(roles))
        if village is not None:
            query = query.where(Village.name == village)
        return [await self._ref(row) for row in await self._s.execute(query.order_by(Person.id))]

    async def link_identity(self, person_id: int, platform: str, platform_user_id: str, now: dt.datetime) -> None:
        """Link a platform account to a person, replacing any earlier link of that account."""
        await self._s.execute(delete(Identity).where(Identity.platform == platform,
                                                     Identity.platform_user_id == platform_user_id))
        await self._s.execute(insert(Identity).values(person_id=person_id, platform=platform,
                                                      platform_user_id=platform_user_id, linked_at=now))

    async def remember_village(self, person_id: int, village_id: int) -> None:
        """Remember the village someone without one in the registry reports for."""
        await self._s.execute(update(Person).where(Person.id == person_id).values(remembered_village_id=village_id))

    async def identities_with_role(self, role: str) -> list[tuple[str, str]]:
        """(platform, platform user id) of every active person with a role."""
        rows = await self._s.execute(
            select(Identity.platform, Identity.platform_user_id).join(Person, Person.id == Identity.person_id)
            .where(Person.role == role, Person.active.is_(True)).order_by(Identity.id))
        return [(platform, user_id) for platform, user_id in rows]

    async def direct_chats(self, person_id: int) -> list[tuple[str, str]]:
        """(platform, private chat id) of every account of a person (the user id where none was seen yet)."""
        rows = await self._s.execute(
            select(Identity.platform, func.coalesce(Identity.direct_chat_id, Identity.platform_user_id))
            .where(Identity.person_id == person_id).order_by(Identity.id))
        return [(platform, chat_id) for platform, chat_id in rows]

    async def set_direct_chat(self, platform: str, platform_user_id: str, chat_id: str) -> None:
        """Remember where an account's private chat with the bot is."""
        await self._s.execute(update(Identity).where(Identity.platform == platform,
                                                     Identity.platform_user_id == platform_user_id)
                              .values(direct_chat_id=chat_id))
