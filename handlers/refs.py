"""The records handlers and storage exchange: people, places, reports, tasks, issues, stored messages."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from handlers.roles import MembershipRef, Unit, holds


@dataclass(frozen=True)
class PersonRef:
    """A registered person as handlers see them."""

    id: int
    name: str
    role: str
    township_id: int
    township: str
    village_id: int | None = None
    village: str | None = None
    title: str | None = None
    grids: tuple[str, ...] = ()
    registry_version: int = 1
    remembered_village: str | None = None
    county_id: int | None = None
    memberships: tuple[MembershipRef, ...] = ()
    active: bool = True  # False: left the roster (a 换届); their accounts no longer act

    @property
    def reporting_village(self) -> str | None:
        """The village this person reports for: their own, else the one they said last time."""
        return self.village or self.remembered_village

    def villages_for(self, roles: tuple[str, ...]) -> tuple[str, ...]:
        """The villages of this township on which they hold one of `roles` (none: they hold it township-wide)."""
        return tuple(m.village for m in self.memberships
                     if m.role in roles and m.village and m.unit.township_id == self.township_id)

    def may(self, roles: tuple[str, ...], village_id: int | None = None) -> bool:
        """Whether they hold one of `roles` on this township (or on one of its villages) or above it."""
        return holds(self.memberships, roles, Unit(self.county_id, self.township_id, village_id))


@dataclass(frozen=True)
class OpenWork:
    """What someone leaving the roster still holds: open tasks (held or awaiting their word), projects, issues."""

    tasks: tuple[str, ...] = ()  # "#12 标题"
    projects: tuple[str, ...] = ()  # "XC-01 标题"
    issues: tuple[str, ...] = ()  # "#E3 摘要"

    def lines(self) -> list[str]:
        """One line per kind that is not empty, for a card."""
        kinds = (("未办结任务", self.tasks), ("负责项目", self.projects), ("上报的未办结事件", self.issues))
        return [f"{label}：{'；'.join(items)}" for label, items in kinds if items]


@dataclass(frozen=True)
class Handover:
    """What one hand-over moved to the new holder."""

    tasks: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    questions: int = 0  # questions that were waiting for the old holder's answer, dropped


@dataclass(frozen=True)
class RosterChange:
    """What importing a roster file did, or would do: for the card an admin confirms."""

    scope: str  # the county's or township's name
    added: tuple[str, ...] = ()  # "人员 李四（玄滩镇）"
    changed: tuple[str, ...] = ()
    leaving: tuple[str, ...] = ()  # "人员 王建国（玄滩镇）— 未办结任务：#3 …"
    applied: bool = True  # False: something would be deactivated, and nothing was written
    left_work: bool = False  # someone leaving still holds open tasks, projects or issues


@dataclass(frozen=True)
class RosterPerson:
    """Someone on a township's roster, active or not, with what they do there."""

    id: int
    name: str
    active: bool
    posts: tuple[str, ...]  # "村书记·千佛塔村"


@dataclass(frozen=True)
class Question:
    """What the bot asked a person in a chat and is waiting for an answer to."""

    kind: str
    data: dict[str, Any]


@dataclass(frozen=True)
class PlaceRef:
    """A township (village fields empty) or one of its villages."""

    township_id: int
    township: str
    village_id: int | None = None
    village: str | None = None

    @property
    def name(self) -> str:
        """The village's name, else the township's."""
        return self.village or self.township


@dataclass(frozen=True)
class TownshipRef:
    """A township served here."""

    id: int
    name: str
    county: str | None
    timezone: str
    registry_version: int  # bumped by every registry import that changes something
    county_id: int | None = None


@dataclass(frozen=True)
class HolidayYear:
    """A year of the office's holiday table."""

    year: int
    source: str  # the notice's title, or the file it came from
    loaded_at: dt.datetime
    days: int  # days off and make-up working days


@dataclass(frozen=True)
class InboxItem:
    """An incoming message as stored: the platform's payload as received, and where its handling stands."""

    id: int
    platform: str
    key: str  # the platform's delivery key (hashed when longer than the column)
    raw: str
    form: str  # "payload": the platform's own, read by its adapter | "message": the core's (console, demo)
    status: str = "new"  # new | handling | done | failed | unreadable
    error: str | None = None
    received_at: dt.datetime | None = None
    text: str | None = None  # what was said, once read


@dataclass(frozen=True)
class ProjectRef:
    """A registered project with its database ids."""

    id: int
    code: str
    title: str
    village_id: int | None  # None: the township's own project (乡镇党委书记项目)
    village: str  # its village, or the township's name for its own project
    owner: str | None = None
    start: dt.date | None = None
    deadline: dt.date | None = None
    weight: float = 1.0
    kind: str = "secretary_project"  # or led_matter (领办事项)


@dataclass(frozen=True)
class ReportFields:
    """The content of a report that people write and correct."""

    progress: int | None = None
    done: str | None = None
    problems: str | None = None
    next_plan: str | None = None
    amounts: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class ReportView:
    """A stored report with the names a card shows."""

    id: int
    project_id: int
    project_title: str
    village_id: int | None  # None: a township's own project
    village: str
    period: str
    status: str
    fields: ReportFields
    late: bool
    revisions: int
    updated_at: dt.datetime
    evidence: int = 0
    township_id: int | None = None


@dataclass(frozen=True)
class TaskRef:
    """A handed-off task with the names lists and cards show."""

    id: int
    number: int
    title: str
    deadline: dt.date | None
    status: str
    assignee_id: int | None
    assignee: str | None
    assigner_id: int | None
    assigner: str | None
    village: str | None
    progress: int | None
    requested_deadline: dt.date | None
    created_at: dt.datetime
    township_id: int
    parent_id: int | None = None  # a sub-task a town passed down: the county's task it rolls up into
    assigner_county_id: int | None = None  # handed down by a county cadre: the county that answers for it
    township: str | None = None

    @property
    def place(self) -> str | None:
        """Where it is done: its village, or for a task the county handed down, its town (#N repeats per town)."""
        return self.village or (self.township if self.assigner_county_id is not None else None)


@dataclass(frozen=True)
class NewTask:
    """One task of a hand-off, before it has a number."""

    title: str
    assignee_id: int
    village_id: int | None
    deadline: dt.date | None
    inspection_id: int | None = None  # a 整改 item: the inspection whose finding it corrects
    parent_id: int | None = None  # a sub-task passed down to a village: the town's task it rolls up into


@dataclass(frozen=True)
class TaskEventRef:
    """One step in a task's history."""

    kind: str
    actor: str | None
    at: dt.datetime
    note: str | None
    data: dict[str, Any]


@dataclass(frozen=True)
class IssueRef:
    """A grid issue (网格事件) with the names cards and lists show."""

    id: int
    number: int
    category: str
    village_id: int | None
    village: str | None
    grid: str | None
    location: str | None
    urgent: bool
    summary: str
    status: str
    reporter_id: int | None
    reporter: str | None
    created_at: dt.datetime
    due_at: dt.datetime | None
    repeat_of: int | None  # the number of the earlier issue this one repeats
    township_id: int = 0


@dataclass(frozen=True)
class NewIssue:
    """An issue as logged, before it has a number."""

    category: str
    village_id: int | None
    grid: str | None
    location: str | None
    urgent: bool
    summary: str
    due_at: dt.datetime | None
    latitude: float | None = None
    longitude: float | None = None
