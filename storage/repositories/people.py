"""People and their platform identities."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, and_, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.refs import PersonRef, Question
from storage.models import Conversation, Identity, Membership, Person, Township, Village
from storage.repositories.person_refs import PersonRefs, person_query


def _with_identity(query: Select[*tuple[Any, ...]], platform: str,
                   platform_user_id: str) -> Select[*tuple[Any, ...]]:
    return query.join(Identity, Identity.person_id == Person.id).where(
        Identity.platform == platform, Identity.platform_user_id == platform_user_id)


class SqlPeople:
    """PeopleRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session
        self._refs = PersonRefs(session)

    async def _first(self, query: Select[*tuple[Any, ...]], township_id: int | None = None) -> PersonRef | None:
        refs = await self._refs.build((await self._s.execute(query)).all(), township_id)
        return refs[0] if refs else None

    async def by_identity(self, platform: str, platform_user_id: str) -> PersonRef | None:
        """The person behind a platform account, or None."""
        return await self._first(_with_identity(person_query(), platform, platform_user_id))

    async def sender_in_chat(self, platform: str, platform_user_id: str, chat_id: str | None, now: dt.datetime,
                             township_id: int | None = None) -> tuple[PersonRef | None, Question | None, str | None]:
        """The person behind a platform account (acting in `township_id` when they belong there; inactive ones
        too, marked so), what the bot is waiting for from them in this chat, and the account's private chat."""
        question = Conversation.__table__
        query = person_query(active_only=False).add_columns(
            question.c.kind, question.c.data, Identity.direct_chat_id).outerjoin(question, and_(
                question.c.person_id == Person.id, question.c.platform == platform, question.c.chat_id == chat_id,
                question.c.expires_at > now))
        row = (await self._s.execute(_with_identity(query, platform, platform_user_id))).first()
        if row is None:
            return None, None, None
        refs = await self._refs.build([row], township_id)
        return (refs[0] if refs else None), (Question(row.kind, row.data) if row.kind else None), row.direct_chat_id

    async def by_name(self, name: str, township: str | None = None) -> list[PersonRef]:
        """People with this name (of one township when given)."""
        query = person_query().where(Person.name == name)
        if township:
            query = query.join(Township, Township.id == Person.township_id).where(Township.name == township)
        return await self._refs.build((await self._s.execute(query.order_by(Person.id))).all())

    async def by_ids(self, ids: list[int]) -> list[PersonRef]:
        """People by id (the active ones), in id order."""
        if not ids:
            return []
        return await self._refs.build((await self._s.execute(
            person_query().where(Person.id.in_(ids)).order_by(Person.id))).all())

    async def by_name_many(self, names: list[str], township_id: int) -> dict[str, PersonRef]:
        """People of a township by name, acting there."""
        rows = (await self._s.execute(
            person_query().where(Person.name.in_(names), Person.township_id == township_id))).all()
        return {ref.name: ref for ref in await self._refs.build(rows, township_id)}

    async def with_roles(self, township_id: int, roles: Sequence[str], village: str | None = None) -> list[PersonRef]:
        """Active people holding one of `roles` on the township itself, or (a village given) on that village."""
        if village is None:
            on_unit = Membership.township_id == township_id
        else:
            on_unit = Membership.village_id.in_(
                select(Village.id).where(Village.township_id == township_id, Village.name == village))
        holders = select(Membership.person_id).where(on_unit, Membership.role.in_(roles))
        rows = (await self._s.execute(person_query().where(Person.id.in_(holders)).order_by(Person.id))).all()
        return [ref for ref in await self._refs.build(rows, township_id) if ref.role in roles]

    async def link_identity(self, person_id: int, platform: str, platform_user_id: str, now: dt.datetime) -> None:
        """Link a platform account to a person, replacing any earlier link of that account."""
        await self._s.execute(delete(Identity).where(Identity.platform == platform,
                                                     Identity.platform_user_id == platform_user_id))
        await self._s.execute(insert(Identity).values(person_id=person_id, platform=platform,
                                                      platform_user_id=platform_user_id, linked_at=now))

    async def remember_village(self, person_id: int, village_id: int) -> None:
        """Remember the village someone without one in the registry reports for."""
        await self._s.execute(update(Person).where(Person.id == person_id).values(remembered_village_id=village_id))

    async def act_in(self, person_id: int, township_id: int) -> None:
        """Remember the township a county cadre chose to act in from their private chat."""
        await self._s.execute(update(Person).where(Person.id == person_id).values(current_township_id=township_id))

    async def identities_with_role(self, role: str) -> list[tuple[str, str]]:
        """(platform, platform user id) of every active person with a role."""
        holders = select(Membership.person_id).where(Membership.role == role)
        rows = await self._s.execute(
            select(Identity.platform, Identity.platform_user_id).join(Person, Person.id == Identity.person_id)
            .where(Person.id.in_(holders), Person.active.is_(True)).order_by(Identity.id))
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
