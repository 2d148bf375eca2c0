"""The county's 季通报: its townships ranked by the outcome score, and the year so far for the annual assessment,
scored in one pass over the records for every quarter either needs."""
from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from handlers.quarters import Quarter
from scheduler import bulletin
from scheduler.county_bulletin_text import YearRow
from scheduler.outcome import DEFAULT_WEIGHTS, VillageOutcome, Weights, outcomes
from scheduler.stores import SummaryStore


def _year(scored: Sequence[Sequence[VillageOutcome]], weights: Weights) -> list[YearRow]:
    rows: dict[int, list[float | None]] = {}
    names: dict[int, str] = {}
    for per_quarter in scored:
        for outcome in per_quarter:
            names[outcome.village.id] = outcome.village.name
            rows.setdefault(outcome.village.id, []).append(outcome.score(weights) if outcome.has_records else None)
    return [YearRow(names[town_id], tuple(scores)) for town_id, scores in rows.items()]


async def build(store: SummaryStore, township_ids: Sequence[int], quarter: Quarter, zone: ZoneInfo, title: str,
                weights: Weights = DEFAULT_WEIGHTS) -> tuple[bulletin.Bulletin, list[YearRow]]:
    """This quarter's ranking of the townships (with last quarter's for the change) and each township's score in
    every quarter of the year up to this one."""
    year = [Quarter(quarter.year, n) for n in range(1, quarter.number + 1)]
    quarters = sorted({quarter.previous(), *year})
    scored = dict(zip(quarters, await outcomes(store, township_ids, quarters, zone, towns=True), strict=True))
    ranked = bulletin.rank(title, quarter, weights, scored[quarter.previous()], scored[quarter], towns=True)
    return ranked, _year([scored[q] for q in year], weights)
