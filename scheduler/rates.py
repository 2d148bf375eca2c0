"""报送率, tasks done on time and issues closed within their limit: one definition, read by the monthly digest's
text, its trend chart and the 季通报, so that no two of them can disagree.

A window is a run of whole months. Reported: a project-month whose report was confirmed (a draft, or a
message whose project was never told, is not a report). Tasks: those whose deadline falls in the window,
and of them the ones done (办结) by the deadline's local day. Issues: those whose time limit falls in the
window, and of them the ones resolved within it.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from handlers.quarters import Quarter, local_midnight, month_end
from handlers.summary_ports import Tally, TaskRow
from scheduler.stores import SummaryStore


@dataclass(frozen=True)
class Window:
    """Whole months, in order, that a rate is measured over."""

    months: tuple[str, ...]

    @classmethod
    def month(cls, period: str) -> Window:
        """One month, 'YYYY-MM'."""
        return cls((period,))

    @classmethod
    def quarter(cls, quarter: Quarter) -> Window:
        """A quarter's three months."""
        return cls(quarter.months)

    @property
    def days(self) -> tuple[dt.date, dt.date]:
        """Its first and last local day."""
        return dt.date.fromisoformat(f"{self.months[0]}-01"), month_end(self.months[-1])

    def times(self, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
        """Its start, and the start of the day after it ends, as aware times."""
        first, last = self.days
        return local_midnight(first, zone), local_midnight(last + dt.timedelta(days=1), zone)


@dataclass(frozen=True)
class Rates:
    """What was owed in a window and what was met: project-months reported, tasks on time, issues in time."""

    reports: Tally = field(default_factory=Tally)
    tasks: Tally = field(default_factory=Tally)
    issues: Tally = field(default_factory=Tally)

    def __add__(self, other: Rates) -> Rates:
        """Two villages' (or windows') counts together."""
        return Rates(self.reports + other.reports, self.tasks + other.tasks, self.issues + other.issues)


async def deadlines_met(store: SummaryStore, township_ids: Sequence[int], windows: Sequence[Window],
                        zone: ZoneInfo, *, towns: bool = False) -> list[tuple[dict[int, Tally], dict[int, Tally]]]:
    """Per window (not overlapping): tasks on time and issues in time, each by village id (or, `towns`, by
    township id: its own tasks and all its issues)."""
    tasks = await store.summary.task_tally(township_ids, [w.days for w in windows], zone, towns=towns)
    issues = await store.summary.issue_tally(township_ids, [w.times(zone) for w in windows], towns=towns)
    return list(zip(tasks, issues, strict=True))


async def rates(store: SummaryStore, township_ids: Sequence[int], windows: Sequence[Window],
                zone: ZoneInfo) -> list[dict[int, Rates]]:
    """Per window (not overlapping), per village id: the window's rates, reporting included."""
    reports = await store.summary.report_tally(township_ids, [w.months for w in windows])
    met = await deadlines_met(store, township_ids, windows, zone)
    return [{village: Rates(r.get(village, Tally()), t.get(village, Tally()), i.get(village, Tally()))
             for village in r.keys() | t.keys() | i.keys()}
            for r, (t, i) in zip(reports, met, strict=True)]


def total(by_village: Iterable[Rates]) -> Rates:
    """Every village's rates added up."""
    return sum(by_village, Rates())


def on_time(task: TaskRow, zone: ZoneInfo) -> bool:
    """One task as the tally counts it (for the ledger's rows): done by its deadline's local day."""
    return task.done_at is not None and (task.deadline is None or task.done_at.astimezone(zone).date() <= task.deadline)
