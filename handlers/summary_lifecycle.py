"""What the calendar and the 台账 read of projects' lifecycles: status, milestones, plan versions, 督导 and 整改."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

# A project enters reminders, digests, bulletins and scores once approved (认定); declared or returned ones are
# plans under review, never nagged and never counted.
APPROVED = ("in_progress", "acceptance_requested", "accepted")
# Approved and not yet accepted: it owes a monthly report. An accepted project has been 销号 (减负: not asked again).
REPORTING = ("in_progress", "acceptance_requested")
PROJECT_STATUS = {"declared": "待审核", "returned": "退回修改", "in_progress": "实施中",
                  "acceptance_requested": "待验收", "accepted": "已验收"}
SECRETARY_PROJECT = "secretary_project"
# A project whose category has these words is a 村集体经济 project: its ledger row totals the money reported.
COLLECTIVE_ECONOMY = "集体经济"


class ProjectState(NamedTuple):
    """Where a project stands in its lifecycle, and what kind of project it is."""

    kind: str  # secretary_project (书记项目) | led_matter (领办事项)
    category: str | None
    status: str  # a key of PROJECT_STATUS
    showcase: str | None  # why it is a 示范点; None: not one

    @property
    def approved(self) -> bool:
        """Counted in digests, bulletins, scores and the ledger's figures."""
        return self.status in APPROVED

    @property
    def reporting(self) -> bool:
        """Owes a monthly report (and is reminded of it)."""
        return self.status in REPORTING


@dataclass(frozen=True)
class MilestoneRow:
    """A project milestone (节点) with its project, and when and by whom it was ticked."""

    village: str | None  # None: a project of the township itself
    project_code: str
    project: str
    title: str
    due: dt.date | None
    done_at: dt.datetime | None = None
    done_by: str | None = None


@dataclass(frozen=True)
class PlanRow:
    """One version of a project's 实施方案, as it was written."""

    village: str | None
    project_code: str
    project: str
    number: int
    created_at: dt.datetime
    author: str | None
    deadline: dt.date | None
    text: str


@dataclass(frozen=True)
class InspectionRow:
    """A supervisor's visit to a project (督导) and what was found."""

    village: str | None
    project_code: str
    project: str
    at: dt.datetime
    inspector: str | None
    note: str
    findings: tuple[str, ...]


@dataclass(frozen=True)
class RectificationRow:
    """A 整改 item: the task a supervisor assigned to correct what an inspection found."""

    number: int
    village: str | None
    project_code: str
    project: str
    inspected_at: dt.datetime
    title: str
    assignee: str | None
    deadline: dt.date | None
    status: str
    done_at: dt.datetime | None
    verified_at: dt.datetime | None


class ReportAmounts(NamedTuple):
    """The sums of money one confirmed report names ({"value", "unit", "text"}), and its 本月完成 text."""

    project_id: int
    amounts: tuple[Mapping[str, Any], ...]
    done: str | None


class LifecycleReads(Protocol):
    """Reads of the project lifecycle for one township (part of SummaryRepo)."""

    async def project_states(self, township_id: int) -> dict[int, ProjectState]:
        """Every active project of the township by id: kind, category, status and 示范点."""
        ...

    async def milestones_due(self, township_id: int, window: tuple[dt.date, dt.date]) -> list[MilestoneRow]:
        """Milestones of approved projects due within the window (both days included), ticked or not, by date."""
        ...

    async def milestones_overdue(self, township_id: int, today: dt.date) -> list[MilestoneRow]:
        """Milestones of approved projects due before `today` and not ticked, by date."""
        ...

    async def milestones(self, township_id: int) -> list[MilestoneRow]:
        """Every milestone of the township's active projects, whatever their status, by project and due date."""
        ...

    async def plans(self, township_id: int, before: dt.datetime) -> list[PlanRow]:
        """Every version of the active projects' plans written before then, by project and version."""
        ...

    async def inspections(self, township_id: int, start: dt.datetime, end: dt.datetime) -> list[InspectionRow]:
        """Inspections of the township's active projects from `start` until `end`, in order."""
        ...

    async def rectifications(self, township_id: int, start: dt.datetime,
                             end: dt.datetime) -> list[RectificationRow]:
        """整改 tasks created before `end` and not verified before `start` (as tasks_between), by number."""
        ...

    async def collective_amounts(self, township_id: int, until: str) -> list[ReportAmounts]:
        """Confirmed reports up to the month `until` that name sums of money, of approved 村集体经济 projects."""
        ...
