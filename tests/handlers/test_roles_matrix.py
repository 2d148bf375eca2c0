"""The one permission rule of the org tree — a role on a unit or on one of its ancestors — as a matrix: every
kind of membership against every kind of unit, in its own county and in another."""
from __future__ import annotations

import pytest

from handlers.roles import LEADERS, READERS, REPORTERS, MembershipRef, Unit, acting_role, holds

C1, C2 = Unit(1), Unit(2)
T1, T2, T3 = Unit(1, 10), Unit(1, 20), Unit(2, 30)  # T3 lies in another county
V1, V2, V3 = Unit(1, 10, 100), Unit(1, 10, 101), Unit(1, 20, 200)
UNITS = {"C1": C1, "C2": C2, "T1": T1, "T2": T2, "T3": T3, "V1": V1, "V2": V2, "V3": V3}

# who: (their memberships, the roles asked for, the units where they hold one of them)
CASES = {
    "county leader": ([MembershipRef("county_leader", C1)], LEADERS, {"C1", "T1", "T2", "V1", "V2", "V3"}),
    "county admin": ([MembershipRef("county_admin", C1)], LEADERS, {"C1", "T1", "T2", "V1", "V2", "V3"}),
    "county supervisor reads": ([MembershipRef("supervisor", C1)], READERS, {"C1", "T1", "T2", "V1", "V2", "V3"}),
    "county supervisor changes nothing": ([MembershipRef("supervisor", C1)], LEADERS + REPORTERS, set()),
    "township supervisor reads one town": ([MembershipRef("supervisor", T2)], READERS, {"T2", "V3"}),
    "township leader": ([MembershipRef("township_leader", T1)], LEADERS, {"T1", "V1", "V2"}),
    "township admin": ([MembershipRef("admin", T1)], LEADERS, {"T1", "V1", "V2"}),
    "secretary": ([MembershipRef("secretary", V1)], REPORTERS, {"V1"}),
    "secretary is no leader": ([MembershipRef("secretary", V1)], LEADERS, set()),
    "contact official of two villages": ([MembershipRef("contact_official", V1), MembershipRef("contact_official", V2)],
                                         REPORTERS, {"V1", "V2"}),
    "township-wide contact official": ([MembershipRef("contact_official", T1)], REPORTERS, {"T1", "V1", "V2"}),
    "grid worker reports nothing": ([MembershipRef("grid_worker", V1)], REPORTERS, set()),
    "no membership": ([], LEADERS + READERS + REPORTERS, set()),
}
MATRIX = [pytest.param(who, unit, id=f"{who}-{unit}") for who in CASES for unit in UNITS]


@pytest.mark.parametrize(("who", "unit"), MATRIX)
def test_a_role_holds_on_its_unit_and_below_only(who: str, unit: str) -> None:
    memberships, roles, where = CASES[who]
    assert holds(memberships, roles, UNITS[unit]) is (unit in where)


def test_the_role_someone_acts_in_is_their_most_senior_one_there() -> None:
    both = [MembershipRef("secretary", V1), MembershipRef("supervisor", T2), MembershipRef("county_admin", C2)]
    assert acting_role(both, T1) == MembershipRef("secretary", V1)  # a village's post counts in its township
    assert acting_role(both, T2) == MembershipRef("supervisor", T2)
    assert acting_role(both, T3) == MembershipRef("county_admin", C2)  # the county's post, in its town
    assert acting_role([MembershipRef("secretary", V3)], T1) is None
    assert acting_role([MembershipRef("county_leader", C1), MembershipRef("admin", T1)],
                       T1) == MembershipRef("county_leader", C1)
