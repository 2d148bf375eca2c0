"""季通报: villages ranked by outcome score, with the breakdown, who is commended and who lags, and the change."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers.quarters import Quarter
from scheduler.outcome import DEFAULT_WEIGHTS, VillageOutcome, Weights, outcomes
from scheduler.stores import SummaryStore

MAX_NAMED = 5  # commended or lagging villages named at most, besides every village with a red project


@dataclass(frozen=True)
class Ranked:
    """One village's place this quarter and last."""

    rank: int
    outcome: VillageOutcome
    score: float
    previous_rank: int | None
    previous_score: float | None


@dataclass(frozen=True)
class Bulletin:
    """A quarter's ranking for one township (or any set of townships)."""

    title: str
    quarter: Quarter
    weights: Weights
    rows: list[Ranked]
    towns: bool = False  # a county's ranking of its townships, not a township's of its villages
    # Townships with nothing to score this quarter (no approved project of their own, nothing due): not ranked,
    # not named — a 0 would be a judgement on what nobody asked of them.
    unscored: tuple[VillageOutcome, ...] = ()

    @property
    def named(self) -> int:
        """How many villages at the top, and at the bottom, are named: a fifth, one to five."""
        return min(MAX_NAMED, max(1, len(self.rows) // 5))

    @property
    def commended(self) -> list[Ranked]:
        """The top villages that have no red project and a score worth praising."""
        return [r for r in self.rows[:self.named] if not r.outcome.red and r.score >= 60]

    @property
    def lagging(self) -> list[Ranked]:
        """The bottom villages and every village with a red project, unless commended."""
        praised = {r.rank for r in self.commended}
        bottom = len(self.rows) - self.named if len(self.rows) > 1 else len(self.rows)
        return [r for r in self.rows if r.rank not in praised and (r.rank > bottom or r.outcome.red)]


def _ranked(scored: list[tuple[float, VillageOutcome]]) -> dict[int, tuple[int, float]]:
    order = sorted(scored, key=lambda pair: (-pair[0], pair[1].village.id))
    return {o.village.id: (i, s) for i, (s, o) in enumerate(order, 1)}


async def build(store: SummaryStore, township_ids: Sequence[int], quarter: Quarter, zone: ZoneInfo, title: str,
                weights: Weights = DEFAULT_WEIGHTS, *, towns: bool = False) -> Bulletin:
    """Score this quarter and the last one, and rank (the villages; or, `towns`, the townships themselves)."""
    earlier, current = await outcomes(store, township_ids, [quarter.previous(), quarter], zone, towns=towns)
    return rank(title, quarter, weights, earlier, current, towns=towns)


def rank(title: str, quarter: Quarter, weights: Weights, earlier_outcomes: Sequence[VillageOutcome],
         current: Sequence[VillageOutcome], *, towns: bool = False) -> Bulletin:
    """The ranking of this quarter's outcomes, with each one's place last quarter."""
    unscored = tuple(o for o in current if towns and not o.has_records)
    left_out = {o.village.id for o in unscored}
    now = [(o.score(weights), o) for o in current if o.village.id not in left_out]
    before = [(o.score(weights), o) for o in earlier_outcomes if o.has_records]
    places, earlier = _ranked(now), _ranked(before)
    rows = []
    for score, outcome in now:
        rank, _ = places[outcome.village.id]
        previous_rank, previous_score = earlier.get(outcome.village.id, (None, None))
        rows.append(Ranked(rank, outcome, score, previous_rank, previous_score))
    rows.sort(key=lambda r: r.rank)
    return Bulletin(title, quarter, weights, rows, towns, unscored)
