"""An `Organisation` as the rows of the roster sheets: what `yuebao export roster` writes, and where a CSV import
takes the sheets the CSV does not hold (so both go through one builder)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from bot.roster.layout import LIST_JOINER, MILESTONES, PEOPLE, PROJECTS, UNITS, Row
from handlers.registry import PROJECT_KIND_LABELS, Membership, Organisation, Person, Registry
from handlers.roles import ROLE_LABELS


def roster_rows(org: Organisation) -> dict[str, list[Row]]:
    """Every sheet's rows (no header) in the order a filled template has them: the county, then each township
    followed by its villages; county people first; a person's memberships on consecutive rows."""
    names = _UnitNames(org)
    units: list[Row] = []
    people: list[Row] = []
    projects: list[Row] = []
    milestones: list[Row] = []
    if org.is_county:
        units.append(UNITS.row(name=org.county, level=org.level, aliases=_joined(org.aliases)))
    for person in org.people:
        people += _person_rows(person, lambda m: m.township or org.county)
    for town in org.townships:
        units.append(UNITS.row(name=town.township, parent=org.county if org.is_county else town.county,
                               level=town.level, aliases=_joined(town.aliases)))
        units += [UNITS.row(name=v.name, parent=town.township, level=v.level, aliases=_joined(v.aliases),
                            grids=_joined(v.grids)) for v in town.villages]
        for person in town.people:
            people += _person_rows(person, names.of(town))
        for project in town.projects:
            weight = int(project.weight) if float(project.weight).is_integer() else project.weight
            projects.append(PROJECTS.row(
                id=project.id, title=project.title, kind=PROJECT_KIND_LABELS.get(project.kind, project.kind),
                unit=names.unit(town, project.village), owner=project.owner, category=project.category,
                start=project.start, deadline=project.deadline, weight=weight))
            milestones += [MILESTONES.row(project=project.id, title=m.title, due=m.due) for m in project.milestones]
    return {UNITS.name: units, PEOPLE.name: people, PROJECTS.name: projects, MILESTONES.name: milestones}


class _UnitNames:
    """How a row names a unit: by its name, a village as 镇名/村名 when another unit has the same name."""

    def __init__(self, org: Organisation) -> None:
        every = [org.county] if org.is_county else []
        for town in org.townships:
            every += [town.township] + [v.name for v in town.villages]
        self._count = Counter(every)

    def of(self, town: Registry) -> Callable[[Membership], str]:
        return lambda m: self.unit(town, m.village)

    def unit(self, town: Registry, village: str | None) -> str:
        if village is None:
            return town.township
        return village if self._count[village] == 1 else f"{town.township}/{village}"


def _person_rows(person: Person, unit_of: Callable[[Membership], str | None]) -> list[Row]:
    # Platform ids go on the person's first row; the reader takes them from any row.
    ids = dict(person.platform_ids)
    return [PEOPLE.row(name=person.name, role=ROLE_LABELS.get(m.role, m.role), unit=unit_of(m), title=m.title,
                       grids=_joined(m.grids), **(ids if n == 0 else {}))
            for n, m in enumerate(person.memberships)]


def _joined(values: Iterable[str]) -> str | None:
    return LIST_JOINER.join(values) or None
