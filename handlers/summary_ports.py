"""What digests, bulletins and ledgers read: rows and tallies over many records, and the port that gives them."""
from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class VillageRef:
    """A village and its township, for rankings across townships."""

    id: int
    name: str
    township: str


@dataclass(frozen=True)
class ProjectProgress:
    """An active project with the latest progress reported up to a month (None: never reported)."""

    village_id: int
    project_id: int
    title: str
    weight: float
    start: dt.date | None
    deadline: dt.date | None
    progress: int | None


@dataclass(frozen=True)
class Tally:
    """How many were due in a window, and how many of those met their limit."""

    due: int = 0
    met: int = 0


@dataclass(frozen=True)
class TaskRow:
    """One task as the ledger and the digest show it."""

    number: int
    title: str
    village: str | None
    assignee: str | None
    assigner: str | None
    created_at: dt.datetime
    deadline: dt.date | None
    status: str
    progress: int | None
    done_at: dt.datetime | None
    verified_at: dt.datetime | None


@dataclass(frozen=True)
class IssueRow:
    """One grid issue as the ledger and the digest show it."""

    number: int
    category: str
    village: str | None
    grid: str | None
    location: str | None
    summary: str
    urgent: bool
    status: str
    reporter: str | None
    created_at: dt.datetime
    due_at: dt.datetime | None
    resolved_at: dt.datetime | None
    closed_at: dt.datetime | None
    repeat_of: int | None  # the number of the earlier issue it repeats


@dataclass(frozen=True)
class RevisionRow:
    """One state of a monthly report: its raw text, when and by whom, and the report's evidence."""

    village: str
    project_code: str
    project_title: str
    period: str
    number: int
    created_at: dt.datetime
    author: str | None
    source: str
    raw_text: str | None
    status: str
    late: bool
    evidence: tuple[str, ...]


class SummaryRepo(Protocol):
    """Reads over many records at once; every method aggregates or streams so memory stays flat."""

    async def villages(self, township_ids: Sequence[int]) -> list[VillageRef]:
        """The villages of these townships, by township, in registry order."""
        ...

    def project_progress(self, township_ids: Sequence[int], until: str) -> AsyncIterator[ProjectProgress]:
        """Every active project with its latest progress reported in a month up to `until`, streamed."""
        ...

    async def task_tally(self, township_ids: Sequence[int], start: dt.date, end: dt.date,
                         zone: ZoneInfo) -> dict[int, Tally]:
        """Per village: tasks with a deadline in [start, end], and those done by their deadline (local day)."""
        ...

    async def issue_tally(self, township_ids: Sequence[int], start: dt.datetime, end: dt.datetime) -> dict[int, Tally]:
        """Per village: issues whose time limit fell in [start, end), and those resolved within it."""
        ...

    async def tasks_between(self, township_id: int, start: dt.datetime, end: dt.datetime) -> list[TaskRow]:
        """Tasks created before `end` that were open at `start` or touched since: the window's ledger rows."""
        ...

    async def issues_between(self, township_id: int, start: dt.datetime, end: dt.datetime) -> list[IssueRow]:
        """Issues created before `end` that were still open at `start` or created since."""
        ...

    async def revisions(self, township_id: int, periods: Sequence[str]) -> list[RevisionRow]:
        """Every revision of the township's reports for these months, in order."""
        ...
