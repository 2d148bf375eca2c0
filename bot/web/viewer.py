"""Who is looking: the signed-in person and the part of the org tree their roles let them see."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handlers.refs import PersonRef, TownshipRef
from handlers.roles import ADMINS, COUNTY_ROLES, SUPERVISOR, TOWNSHIP_LEADERS, VILLAGE_ROLES

LEVEL_LABELS = {"county": "全县", "township": "全镇", "village": "本村"}


@dataclass(frozen=True)
class Viewer:
    """A signed-in person with their scope: a county's towns, one town, or their own villages."""

    person: PersonRef
    level: str  # county | township | village
    towns: tuple[TownshipRef, ...]  # the townships they see (one, except for a county)
    village_ids: frozenset[int] | None  # None: every village of those towns
    admin: bool  # keeps a roster: may change people, invites, the calendar
    csrf: str  # the token every form of this session carries

    @property
    def township_ids(self) -> tuple[int, ...]:
        """The ids of the townships they see."""
        return tuple(t.id for t in self.towns)

    @property
    def reader(self) -> bool:
        """Sees across villages: the ledger, the bulletins, who has not reported (leaders and supervisors)."""
        return self.level != "village"

    @property
    def read_only(self) -> bool:
        """A supervisor (督导) reads and never changes anything here."""
        return not self.admin

    def sees_town(self, township_id: int | None) -> bool:
        """Whether this township is in scope."""
        return township_id in self.township_ids

    def sees(self, township_id: int | None, village_id: int | None) -> bool:
        """Whether a record of this township and village (None: the township's own) is in scope."""
        if not self.sees_town(township_id):
            return False
        return self.village_ids is None or village_id in self.village_ids


def scope_of(person: PersonRef, towns: Sequence[TownshipRef], csrf: str) -> Viewer | None:
    """The viewer a person's memberships make; None when no role of theirs is served here."""
    mine = person.memberships
    county = {m.unit.county_id for m in mine if m.unit.level == "county" and m.role in COUNTY_ROLES + (SUPERVISOR,)}
    admin = any(m.role in ADMINS for m in mine)
    if county:
        return Viewer(person, "county", tuple(t for t in towns if t.county_id in county), None, admin, csrf)
    town_ids = {m.unit.township_id for m in mine
                if m.unit.level == "township" and m.role in TOWNSHIP_LEADERS + (SUPERVISOR,)}
    if town_ids:
        return Viewer(person, "township", tuple(t for t in towns if t.id in town_ids), None, admin, csrf)
    villages = {m.unit.village_id for m in mine if m.unit.level == "village" and m.role in VILLAGE_ROLES}
    village_towns = {m.unit.township_id for m in mine if m.unit.level == "village"}
    if not villages:
        return None
    return Viewer(person, "village", tuple(t for t in towns if t.id in village_towns),
                  frozenset(v for v in villages if v is not None), False, csrf)
