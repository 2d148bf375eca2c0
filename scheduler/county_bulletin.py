"""The county's 季通报: its townships ranked by the outcome score, and the year so far for the annual assessment."""
from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from handlers.quarters import Quarter
from scheduler import bulletin
from scheduler.county_bulletin_text import YearRow
from scheduler.outcome import DEFAULT_WEIGHTS, Weights, outcomes
from scheduler.stores import SummaryStore


async def build(store: SummaryStore, township_ids: Sequence[int], quarter: Quarter, zone: ZoneInfo, title: str,
                weights: Weights = DEFAULT_WEIGHTS) -> bulletin.Bulletin:
    """This quarter's ranking of the townships, with last quarter's for the change."""
    return await bulletin.build(store, township_ids, quarter, zone, title, weights, towns=True)


async def year_so_far(store: SummaryStore, township_ids: Sequence[int], quarter: Quarter, zone: ZoneInfo,
                      weights: Weights = DEFAULT_WEIGHTS) -> list[YearRow]:
    """Each township's score in every quarter of the year up to this one, from one pass over the records."""
    quarters = [Quarter(quarter.year, n) for n in range(1, quarter.number + 1)]
    scored = await outcomes(store, township_ids, quarters, zone, towns=True)
    rows: dict[int, list[float | None]] = {}
    names: dict[int, str] = {}
    for per_quarter in scored:
        for outcome in per_quarter:
            names[outcome.village.id] = outcome.village.name
            rows.setdefault(outcome.village.id, []).append(outcome.score(weights) if outcome.has_records else None)
    return [YearRow(names[town_id], tuple(scores)) for town_id, scores in rows.items()]
