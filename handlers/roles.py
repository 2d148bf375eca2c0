"""The roles of DESIGN.md, grouped as the rules use them, and the one permission rule of the org tree.

A person holds memberships: a role on a unit (a county, a township or a village). Every permission asks one
question — does this person hold one of these roles on this unit or on one of its ancestors? — answered by
`holds`; the groups below are the role lists the rules pass to it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

COUNTY_ROLES = ("county_leader", "county_admin")  # 县领导, 县委组织部/目督办: act in every township of the county
LEADERS = COUNTY_ROLES + ("township_leader", "admin")  # hand off, verify, see every village, change the calendar
TOWNSHIP_LEADERS = ("township_leader", "admin")  # who a township's digests, bulletins and escalations go to
ADMINS = ("admin", "county_admin")  # keep a township's roster and rules (名册, 认定权重规则)
REPORTERS = ("secretary", "contact_official")  # report for their own village, update their own tasks
SUPERVISOR = "supervisor"  # 督导组/纪委: reads, inspects projects and orders (and verifies) 整改, nothing else
READERS = LEADERS + (SUPERVISOR,)  # may read a township's ledger and who has not reported
VILLAGE_ROLES = ("secretary", "contact_official", "grid_worker")
ROLES = ("county_leader", "county_admin", "township_leader", "admin", "secretary", "contact_official",
         "grid_worker", "supervisor")
# The labels offices use (the roster template's drop-down); a roster may use either these or the codes.
ROLE_LABELS = {"county_leader": "县领导", "county_admin": "县管理员", "township_leader": "镇领导", "admin": "管理员",
               "secretary": "村书记", "contact_official": "包村干部", "grid_worker": "网格员", "supervisor": "督导"}
# When someone holds several roles in one township, the one they act in there (the most senior first).
PRECEDENCE = ("county_leader", "county_admin", "township_leader", "admin", "supervisor", "secretary",
              "contact_official", "grid_worker")


@dataclass(frozen=True)
class Unit:
    """A place in the org tree by the ids of its path: a county, a township in it, a village in that."""

    county_id: int | None = None
    township_id: int | None = None
    village_id: int | None = None

    @property
    def level(self) -> str:
        """The deepest level set: village, township or county."""
        if self.village_id is not None:
            return "village"
        return "township" if self.township_id is not None else "county"

    def within(self, other: Unit) -> bool:
        """Whether this unit is `other` or lies under it."""
        if other.village_id is not None:
            return self.village_id == other.village_id
        if other.township_id is not None:
            return self.township_id == other.township_id
        return other.county_id is not None and self.county_id == other.county_id


@dataclass(frozen=True)
class MembershipRef:
    """A role held on a unit (with the village's name when the unit is a village)."""

    role: str
    unit: Unit
    title: str | None = None
    village: str | None = None


def holds(memberships: Iterable[MembershipRef], roles: Iterable[str], unit: Unit) -> bool:
    """Whether one of `memberships` is one of `roles` on `unit` or on one of its ancestors."""
    wanted = set(roles)
    return any(m.role in wanted and unit.within(m.unit) for m in memberships)


def acting_role(memberships: Iterable[MembershipRef], township: Unit) -> MembershipRef | None:
    """The membership someone acts in within a township: held on it, above it or on one of its villages, the
    most senior role first."""
    here = [m for m in memberships if township.within(m.unit) or m.unit.within(township)]
    return min(here, key=lambda m: PRECEDENCE.index(m.role) if m.role in PRECEDENCE else len(PRECEDENCE),
               default=None)


def role_code(text: str) -> str | None:
    """A role from its code or its office label (县领导, 村书记…), or None."""
    text = text.strip()
    if text in ROLES:
        return text
    return next((code for code, label in ROLE_LABELS.items() if label == text), None)
