"""A county's quarterly 台账, a sheet per level: the towns' ranking, the towns' own projects month by month,
each town's villages in sum, the towns' month-end reports, and the tasks the towns were handed."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers.county_ports import TownReportRef
from handlers.quarters import Quarter
from handlers.summary_ports import ProjectProgress, TaskRow
from scheduler.bulletin import Bulletin
from scheduler.outcome import Weights, outcomes
from scheduler.rates import Rates, Window, rates, total
from scheduler.stores import CountyBulletinStore


@dataclass(frozen=True)
class VillageSum:
    """One town's villages over the quarter, summed."""

    town: str
    villages: int
    projects: int
    red: int
    reporting: Rates
    average: float | None  # the villages' mean outcome score


@dataclass(frozen=True)
class CountyLedger:
    """Everything the county's workbook holds for a quarter."""

    county: str
    quarter: Quarter
    zone: ZoneInfo
    ranking: Bulletin
    town_projects: list[tuple[str, ProjectProgress]]
    villages: list[VillageSum]
    town_reports: list[TownReportRef]
    tasks: list[tuple[str, TaskRow]]  # the county's hand-offs to the towns (县交办)
    work_counts: list[tuple[str, dict[str, int]]]  # each town's work records by type: listed, never scored

    @property
    def title(self) -> str:
        """The workbook's heading."""
        return f"{self.county}{self.quarter.label}基层党建台账"


async def _villages(store: CountyBulletinStore, towns: Sequence[tuple[int, str]], quarter: Quarter, zone: ZoneInfo,
                    weights: Weights) -> list[VillageSum]:
    ids = [town_id for town_id, _ in towns]
    (scored,) = await outcomes(store, ids, [quarter], zone)
    (reported,) = await rates(store, ids, [Window.quarter(quarter)], zone)
    by_town = defaultdict(list)
    for outcome in scored:
        by_town[outcome.village.township].append(outcome)
    out = []
    for _, name in towns:
        mine = by_town.get(name, [])
        scores = [o.score(weights) for o in mine if o.has_records]
        out.append(VillageSum(name, len(mine), sum(o.project_count for o in mine), sum(len(o.red) for o in mine),
                              total(reported.get(o.village.id, Rates()) for o in mine),
                              sum(scores) / len(scores) if scores else None))
    return out


async def gather(store: CountyBulletinStore, county_id: int, county: str, towns: Sequence[tuple[int, str]],
                 ranking: Bulletin, zone: ZoneInfo, weights: Weights, cadres: Collection[int]) -> CountyLedger:
    """The county's quarter, read after it ended; `cadres`: the county's leaders and admins, whose hand-offs to
    the towns (县交办) the ranking counts and the workbook lists."""
    quarter = ranking.quarter
    names = dict(towns)
    ids = list(names)
    projects = [(names[row.village_id], row)
                async for row in store.summary.project_progress(ids, list(quarter.months), towns=True)]
    reports = [r for month in quarter.months for r in await store.town_reports.of_county(county_id, month)]
    start, end = Window.quarter(quarter).times(zone)
    tasks = [(name, t) for town_id, name in towns for t in await store.summary.tasks_between(town_id, start, end)
             if t.village is None and t.assigner_id in cadres]
    counts = await store.work_records.counts(ids, quarter.start, quarter.end)
    return CountyLedger(county, quarter, zone, ranking, projects, await _villages(store, towns, quarter, zone, weights),
                        reports, tasks, [(name, counts.get(town_id, {})) for town_id, name in towns])
