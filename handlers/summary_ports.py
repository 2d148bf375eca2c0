"""What digests, bulletins and ledgers read: rows and tallies over many records, and the port that gives them."""
from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol
from zoneinfo import ZoneInfo

from handlers.summary_lifecycle import SECRETARY_PROJECT, LifecycleReads

# A report counts as reported (报送) once its reporter confirmed the card: a draft may still hold a misreading.
REPORTED = "confirmed"


def is_reported(status: str) -> bool:
    """Whether a report in this status counts as reported, wherever reporting is counted or listed."""
    return status == REPORTED


@dataclass(frozen=True)
class VillageRef:
    """A village and its township, for rankings across townships (or, in a county's ranking, a township and its
    county)."""

    id: int
    name: str
    township: str


# A NamedTuple, not a frozen dataclass: a province's bulletin makes one per project, and a frozen
# dataclass's __init__ (object.__setattr__ per field) costs several times a tuple's construction.
class ProjectProgress(NamedTuple):
    """An active approved project (of a village; or, read for a county, of a township, `village_id` then holding
    the township's id) with its latest reported progress up to each asked-for month (None: never
    reported), and the due dates of its milestones that set its 序时进度 (handlers.schedule)."""

    village_id: int
    project_id: int
    title: str
    weight: float
    start: dt.date | None
    deadline: dt.date | None
    latest: tuple[int | None, ...]
    kind: str = SECRETARY_PROJECT
    status: str = "in_progress"
    milestone_dues: tuple[dt.date, ...] = ()


DayWindow = tuple[dt.date, dt.date]  # first and last local day, both included
TimeWindow = tuple[dt.datetime, dt.datetime]  # start included, end excluded


@dataclass(frozen=True)
class Tally:
    """How many were due in a window, and how many of those met their limit."""

    due: int = 0
    met: int = 0

    @property
    def share(self) -> float | None:
        """met ÷ due, 0–1; None when nothing was due."""
        return self.met / self.due if self.due else None

    def __add__(self, other: Tally) -> Tally:
        """Both windows' (or villages') counts together."""
        return Tally(self.due + other.due, self.met + other.met)


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
    assigner_id: int | None = None  # whose hand-off it is (the county's, for a town's 县交办 task)


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
class DoneTask:
    """A task reported done (办结) and not yet verified (销号): who handed it off, and when it was done."""

    id: int
    number: int
    title: str
    village: str | None
    assignee: str | None
    assigner_id: int | None
    done_at: dt.datetime


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


class SummaryRepo(LifecycleReads, Protocol):
    """Reads over many records at once; every method aggregates or streams so memory stays flat."""

    async def villages(self, township_ids: Sequence[int]) -> list[VillageRef]:
        """The villages of these townships, by township, in registry order."""
        ...

    async def towns(self, township_ids: Sequence[int]) -> list[VillageRef]:
        """The townships themselves as units a county ranks (their county's name in `township`), in order."""
        ...

    def project_progress(self, township_ids: Sequence[int], untils: Sequence[str], *,
                         towns: bool = False) -> AsyncIterator[ProjectProgress]:
        """Every active approved project of the villages (or, `towns`, the townships' own, keyed by township) with
        its latest reported progress up to each month of `untils`, and its milestones' due dates, streamed."""
        ...

    async def report_tally(self, township_ids: Sequence[int], windows: Sequence[Sequence[str]], *,
                           towns: bool = False) -> list[dict[int, Tally]]:
        """Per window of months (not overlapping), per village (or, `towns`, per township for its own projects):
        project-months owed (by projects that owe
        reports: approved, not yet accepted), and those reported."""
        ...

    async def task_tally(self, township_ids: Sequence[int], windows: Sequence[DayWindow], zone: ZoneInfo, *,
                         towns: bool = False) -> list[dict[int, Tally]]:
        """Per window (not overlapping), per village (or, `towns`, per township for its own tasks): tasks due in
        it, and those done by their deadline's day."""
        ...

    async def issue_tally(self, township_ids: Sequence[int], windows: Sequence[TimeWindow], *,
                          towns: bool = False) -> list[dict[int, Tally]]:
        """Per window (not overlapping), per village (or, `towns`, per township, all its issues): issues whose
        limit fell in it, and those resolved in time."""
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

    async def awaiting_verification(self, done_before: dt.datetime) -> list[DoneTask]:
        """Tasks of every township done before then and still waiting for verification, by number."""
        ...
