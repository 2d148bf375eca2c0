"""Building `PersonRef`s: a person's memberships, and the township, role and village they act in there."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from handlers.refs import PersonRef
from handlers.roles import MembershipRef, Unit, acting_role
from storage.models import Grid, Membership, Person, Township, Village, person_grid

_Remembered = aliased(Village)
_MemberVillage = aliased(Village)
_MemberTownship = aliased(Township)


def person_query(*, active_only: bool = True) -> Select[*tuple[Any, ...]]:
    """The person columns every ref is built from."""
    query = (select(Person.id, Person.name, Person.township_id, Person.county_id, Person.current_township_id,
                    Person.active, _Remembered.name.label("remembered"))
             .outerjoin(_Remembered, _Remembered.id == Person.remembered_village_id))
    return query.where(Person.active.is_(True)) if active_only else query


@dataclass(frozen=True)
class _Township:
    id: int
    name: str
    county_id: int | None
    registry_version: int


async def memberships_of(session: AsyncSession, person_ids: Sequence[int]) -> dict[int, list[MembershipRef]]:
    """Every membership of these people, with the full path of its unit, in the order they were given."""
    township_id = func.coalesce(Membership.township_id, _MemberVillage.township_id)
    rows = await session.execute(
        select(Membership.person_id, Membership.role, Membership.title,
               func.coalesce(Membership.county_id, _MemberTownship.county_id), township_id,
               Membership.village_id, _MemberVillage.name)
        .outerjoin(_MemberVillage, _MemberVillage.id == Membership.village_id)
        .outerjoin(_MemberTownship, _MemberTownship.id == township_id)
        .where(Membership.person_id.in_(person_ids)).order_by(Membership.id))
    out: dict[int, list[MembershipRef]] = defaultdict(list)
    for person_id, role, title, county_id, t_id, village_id, village in rows:
        out[person_id].append(MembershipRef(role, Unit(county_id, t_id, village_id), title, village))
    return out


class PersonRefs:
    """Turns person rows into refs acting in a township: the one asked for if they belong there, else their own,
    else (a county cadre) the one they last chose, else the first of their county."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def build(self, rows: Sequence[Row[*tuple[Any, ...]]], township_id: int | None = None) -> list[PersonRef]:
        """Refs for `rows` (from `person_query`), acting in `township_id` where they may; people with no
        membership anywhere are left out."""
        if not rows:
            return []
        held = await memberships_of(self._s, [row.id for row in rows])
        townships = await self._townships()
        grids = await self._grids([pid for pid, ms in held.items() if any(m.role == "grid_worker" for m in ms)])
        refs = []
        for row in rows:
            mine = held.get(row.id, [])
            where = self._choose(row, mine, townships, township_id)
            if where is None:
                continue
            acting = acting_role(mine, Unit(where.county_id, where.id))
            if acting is None:
                continue
            refs.append(self._ref(row, mine, acting, where, grids.get(row.id, ())))
        return refs

    @staticmethod
    def _choose(row: Row[*tuple[Any, ...]], mine: list[MembershipRef], townships: dict[int, _Township],
                wanted: int | None) -> _Township | None:
        def belongs(t: _Township) -> bool:
            return acting_role(mine, Unit(t.county_id, t.id)) is not None

        for candidate in (wanted, row.township_id, row.current_township_id):
            if candidate is not None and candidate in townships and belongs(townships[candidate]):
                return townships[candidate]
        return next((t for t in townships.values() if belongs(t)), None)

    @staticmethod
    def _ref(row: Row[*tuple[Any, ...]], mine: list[MembershipRef], acting: MembershipRef, where: _Township,
             grids: tuple[str, ...]) -> PersonRef:
        villages = [m for m in mine if m.role == acting.role and m.unit.village_id is not None
                    and m.unit.township_id == where.id]
        own = villages[0] if len(villages) == 1 else None
        # A remembered village counts only while it is one they still cover (a 换届 may have moved them).
        remembered = row.remembered if not villages or row.remembered in {m.village for m in villages} else None
        return PersonRef(
            row.id, row.name, acting.role, where.id, where.name, own.unit.village_id if own else None,
            own.village if own else None, acting.title, grids if acting.role == "grid_worker" else (),
            where.registry_version, remembered, where.county_id, tuple(mine), row.active)

    async def _townships(self) -> dict[int, _Township]:
        # A handful of rows even for a county of twenty towns; one query serves every ref of the batch.
        rows = await self._s.execute(select(Township.id, Township.name, Township.county_id,
                                            Township.registry_version).order_by(Township.id))
        return {row.id: _Township(*row) for row in rows}

    async def _grids(self, person_ids: list[int]) -> dict[int, tuple[str, ...]]:
        if not person_ids:  # only grid workers act by grid; skip the query for everyone else
            return {}
        rows = await self._s.execute(
            select(person_grid.c.person_id, Grid.name).join(Grid, Grid.id == person_grid.c.grid_id)
            .where(person_grid.c.person_id.in_(person_ids)).order_by(Grid.id))
        out: dict[int, list[str]] = defaultdict(list)
        for person_id, name in rows:
            out[person_id].append(name)
        return {k: tuple(v) for k, v in out.items()}
