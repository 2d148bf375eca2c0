"""What the console's record pages read — projects with their reports, tasks, issues — each query scoped to what
the viewer may see, so that a record out of scope and a record that does not exist read the same: not found."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from handlers.project_refs import KIND_LABELS, TOWN_LABEL
from handlers.summary_ports import IssueRow

T = TypeVar("T")


@dataclass(frozen=True)
class Scope:
    """The records someone may read: of these townships, of these villages (None: every village and the
    townships' own records), and the tasks assigned to them wherever they are in those townships."""

    township_ids: tuple[int, ...]
    village_ids: frozenset[int] | None
    person_id: int


@dataclass(frozen=True)
class ProjectFilter:
    """The list's filters that SQL applies (None: any)."""

    village_id: int | None = None
    kind: str | None = None
    town_level: bool | None = None  # True: the townships' own projects only; False: the villages' only
    status: str | None = None


def kind_label(kind: str, village_id: int | None) -> str:
    """书记项目, 领办事项, or 乡镇党委书记项目 (a township's own 书记项目), as chat labels them."""
    if village_id is None and kind == "secretary_project":
        return TOWN_LABEL
    return KIND_LABELS.get(kind, "项目")


@dataclass(frozen=True)
class ProjectLine:
    """A project in the list: where, whose, its state and its latest confirmed progress, with what sets its
    序时进度 (start, deadline, the due dates of its dated milestones)."""

    id: int
    code: str
    title: str
    kind: str
    status: str
    township_id: int
    township: str
    village_id: int | None
    village: str | None
    owner: str | None
    start: dt.date | None
    deadline: dt.date | None
    progress: int | None  # the latest confirmed report's; None: never reported
    progress_period: str | None  # the month of that report
    milestone_dues: tuple[dt.date, ...] = ()
    category: str | None = None
    weight: float = 1.0
    showcase: str | None = None
    active: bool = True

    @property
    def where(self) -> str:
        """Its village, or its township for a township's own project."""
        return self.village or self.township

    @property
    def kind_label(self) -> str:
        """书记项目, 领办事项 or 乡镇党委书记项目."""
        return kind_label(self.kind, self.village_id)


@dataclass(frozen=True)
class MilestoneLine:
    """A milestone of a project: due when, ticked when and by whom."""

    title: str
    due: dt.date | None
    done_at: dt.datetime | None
    done_by: str | None


@dataclass(frozen=True)
class RevisionHead:
    """One revision of a report as the project's page lists it: which, how, by whom, when."""

    number: int
    source: str  # report | correction | edit | confirm
    author: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class Evidence:
    """A photo or file sent with a report; `stored_path` is the local copy, where one was kept."""

    id: int
    report_id: int
    kind: str
    name: str | None
    mime: str | None
    size: int | None
    stored_path: str | None
    added_by: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class ReportLine:
    """A monthly report of a project with its revisions, oldest first, and its evidence."""

    id: int
    period: str
    status: str  # draft | confirmed
    progress: int | None
    late: bool
    reporter: str | None
    updated_at: dt.datetime
    revisions: tuple[RevisionHead, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class InspectionLine:
    """A supervisor's visit (督导): the note, the findings, how many photos were sent."""

    id: int
    at: dt.datetime
    inspector: str | None
    note: str
    findings: tuple[str, ...]
    photos: int


@dataclass(frozen=True)
class TaskLine:
    """A task as the console lists it: number, title, who handed it to whom, where, deadline and state."""

    id: int
    township_id: int
    township: str
    number: int
    title: str
    village_id: int | None
    village: str | None
    assignee_id: int | None
    assignee: str | None
    assigner: str | None
    deadline: dt.date | None
    requested_deadline: dt.date | None
    status: str
    progress: int | None
    created_at: dt.datetime
    done_at: dt.datetime | None
    verified_at: dt.datetime | None
    parent_id: int | None = None  # a sub-task: the task it was passed down from
    project_id: int | None = None  # a 整改 item: the project whose inspection ordered it

    @property
    def finished(self) -> bool:
        """Done (办结) or verified (销号): no longer the assignee's to do."""
        return self.status in ("done", "verified")

    def overdue_days(self, today: dt.date) -> int:
        """Days past its deadline while still open; 0 when not late."""
        if self.finished or self.deadline is None or today <= self.deadline:
            return 0
        return (today - self.deadline).days


@dataclass(frozen=True)
class ProjectRecord:
    """Everything the project's page shows beyond its plans and steps (read through ProjectRepo)."""

    project: ProjectLine
    milestones: tuple[MilestoneLine, ...]
    reports: tuple[ReportLine, ...]  # newest month first
    inspections: tuple[InspectionLine, ...]
    rectifications: tuple[TaskLine, ...]  # 整改 items: the tasks its inspections ordered, by number


@dataclass(frozen=True)
class Revision(RevisionHead):
    """One state of a report, whole: the raw text it came from and the fields it left."""

    raw_text: str | None
    fields: dict[str, Any]


@dataclass(frozen=True)
class ReportRecord:
    """A monthly report with every revision, oldest first, and its evidence."""

    id: int
    project: ProjectLine
    period: str
    status: str
    progress: int | None
    done: str | None
    problems: str | None
    next_plan: str | None
    late: bool
    reporter: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    revisions: tuple[Revision, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class TaskFilter:
    """The task list's filters (None: any): a status, or open and past its deadline on a day."""

    status: str | None = None
    overdue_on: dt.date | None = None


@dataclass(frozen=True)
class IssueLine(IssueRow):
    """A grid issue as the console lists it: the ledger's row, with its ids and township."""

    id: int
    township_id: int
    township: str
    village_id: int | None

    def over_limit(self, now: dt.datetime) -> bool:
        """Past its time limit: still unresolved after it, or resolved after it."""
        if self.due_at is None:
            return False
        if self.resolved_at is not None:
            return self.resolved_at > self.due_at
        return self.status not in ("resolved", "closed") and now > self.due_at


@dataclass(frozen=True)
class IssueFilter:
    """The issue list's filters (None: any): a status, a category, or past its time limit at a time."""

    status: str | None = None
    category: str | None = None
    over_limit_at: dt.datetime | None = None


@dataclass(frozen=True)
class Listing(Generic[T]):
    """A page of a list, and whether more rows matched than it holds."""

    rows: tuple[T, ...]
    more: bool


class ConsoleProjectsRepo(Protocol):
    """Projects and their reports, scoped."""

    async def projects(self, scope: Scope, where: ProjectFilter) -> list[ProjectLine]:
        """The active projects in scope matching the filter, by township, village and project, each with its latest
        confirmed progress and milestone due dates (a fixed number of statements however many)."""
        ...

    async def project(self, project_id: int, scope: Scope) -> ProjectRecord | None:
        """One project with its milestones, reports (and their revisions and evidence), inspections and 整改 items;
        None when it does not exist or is out of scope."""
        ...

    async def report(self, report_id: int, scope: Scope) -> ReportRecord | None:
        """One report with every revision and its evidence; None when missing or out of scope."""
        ...

    async def evidence(self, evidence_id: int, scope: Scope) -> Evidence | None:
        """One piece of a report's evidence; None when missing or out of scope."""
        ...


class ConsoleWorkRepo(Protocol):
    """Tasks and issues, scoped."""

    async def tasks(self, scope: Scope, where: TaskFilter, limit: int) -> Listing[TaskLine]:
        """Tasks in scope matching the filter, open ones by deadline first, at most `limit`."""
        ...

    async def task(self, task_id: int, scope: Scope) -> TaskLine | None:
        """One task; None when missing or out of scope."""
        ...

    async def sub_tasks(self, task_id: int, scope: Scope) -> list[TaskLine]:
        """The tasks in scope this one was passed down as, by village."""
        ...

    async def issues(self, scope: Scope, where: IssueFilter, limit: int) -> Listing[IssueLine]:
        """Issues in scope matching the filter, newest first, at most `limit`."""
        ...

    async def issue(self, issue_id: int, scope: Scope) -> IssueLine | None:
        """One issue; None when missing or out of scope."""
        ...

