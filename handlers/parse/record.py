"""The parse record (PARSING.md, "The record") as frozen dataclasses, with its JSON form."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from handlers.parse.amounts import Amount

KINDS = ("report", "handoff", "issue", "task_update", "project", "log", "other")
LOG_TYPES = ("visit", "meeting", "study", "duty", "other")


@dataclass(frozen=True)
class ReportBlock:
    """Progress on a project for one month."""

    project: str | None  # the registered title
    village: str | None
    period: str  # YYYY-MM
    progress: int | None
    done: str | None
    problems: str | None
    next_plan: str | None
    amounts: tuple[Amount, ...] = ()
    project_id: str | None = None  # not in the record; handy for storage

    def to_dict(self) -> dict[str, Any]:
        """The "report" block."""
        return {"project": self.project, "village": self.village, "period": self.period,
                "progress": self.progress, "done": self.done, "problems": self.problems,
                "next_plan": self.next_plan, "amounts": [a.to_dict() for a in self.amounts]}


@dataclass(frozen=True)
class HandoffBlock:
    """A task handed to people or villages."""

    assignees: tuple[str, ...]
    deadline: dt.date | None
    task: str

    def to_dict(self) -> dict[str, Any]:
        """The "handoff" block."""
        return {"assignees": list(self.assignees), "deadline": _iso(self.deadline), "task": self.task}


@dataclass(frozen=True)
class IssueBlock:
    """A local problem, dispute or request."""

    category: str
    village: str | None
    location: str | None
    urgent: bool
    summary: str

    def to_dict(self) -> dict[str, Any]:
        """The "issue" block."""
        return {"category": self.category, "village": self.village, "location": self.location,
                "urgent": self.urgent, "summary": self.summary}


@dataclass(frozen=True)
class TaskUpdateBlock:
    """News on a numbered task."""

    task: int
    action: str
    progress: int | None
    deadline: dt.date | None
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        """The "task_update" block."""
        return {"task": self.task, "action": self.action, "progress": self.progress,
                "deadline": _iso(self.deadline), "note": self.note}


@dataclass(frozen=True)
class LogBlock:
    """A note of work done that is neither project progress nor a problem: a visit, meeting, study or duty shift."""

    type: str  # one of LOG_TYPES
    village: str | None
    date: dt.date  # the day the work was done (said, else the message's day)
    people: int | None  # households or people visited or attending, when stated
    summary: str
    place: str | None = None  # not in the record (PARSING.md has no such key); the work record's 地点

    def to_dict(self) -> dict[str, Any]:
        """The "log" block."""
        return {"type": self.type, "village": self.village, "date": self.date.isoformat(),
                "people": self.people, "summary": self.summary}


PROJECT_ACTIONS = ("claim", "declare", "revise", "approve", "return", "milestone_done", "inspect",
                   "request_acceptance", "accept", "topics", "showcase")


@dataclass(frozen=True)
class MilestoneItem:
    """One step of an implementation plan and the day it is due by."""

    title: str
    due: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        """One item of the "milestones" list."""
        return {"title": self.title, "due": _iso(self.due)}


@dataclass(frozen=True)
class ProjectBlock:
    """A step in a project's lifecycle (docs/project-messages.md): topic menu, claim, plan, review, acceptance."""

    action: str  # one of PROJECT_ACTIONS
    project: str | None = None  # the registered title
    village: str | None = None
    title: str | None = None  # a new project's name, a claimed topic's name or a milestone's words
    deadline: dt.date | None = None  # the plan's 完成时限, or the 整改 deadline of an inspection
    milestones: tuple[MilestoneItem, ...] = ()
    weight: float | None = None
    note: str | None = None
    topic: int | None = None  # the claimed topic's number on the menu
    topics: tuple[str, ...] = ()  # a published topic menu
    findings: tuple[str, ...] = ()  # problems an inspection found
    project_id: str | None = None  # not in the record; handy for storage

    def to_dict(self) -> dict[str, Any]:
        """The "project" block."""
        return {"action": self.action, "project": self.project, "village": self.village, "title": self.title,
                "deadline": _iso(self.deadline), "milestones": [m.to_dict() for m in self.milestones],
                "weight": self.weight, "note": self.note, "topic": self.topic, "topics": list(self.topics),
                "findings": list(self.findings)}


@dataclass(frozen=True)
class ParsedMessage:
    """One message read: its kind, the block for that kind, and warnings for the user."""

    kind: str
    report: ReportBlock | None = None
    handoff: HandoffBlock | None = None
    issue: IssueBlock | None = None
    task_update: TaskUpdateBlock | None = None
    project: ProjectBlock | None = None
    log: LogBlock | None = None
    warnings: tuple[str, ...] = ()

    def block(self) -> ReportBlock | HandoffBlock | IssueBlock | TaskUpdateBlock | ProjectBlock | LogBlock | None:
        """The block that matches `kind` (None for other)."""
        return getattr(self, self.kind) if self.kind != "other" else None

    def to_dict(self) -> dict[str, Any]:
        """PARSING.md's record without "id": kind, the matching block, warnings."""
        out: dict[str, Any] = {"kind": self.kind}
        block = self.block()
        if block is not None:
            out[self.kind] = block.to_dict()
        out["warnings"] = list(self.warnings)
        return out


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
