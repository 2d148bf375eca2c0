"""The parse record (PARSING.md, "The record") as frozen dataclasses, with its JSON form."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from handlers.parse.amounts import Amount

KINDS = ("report", "handoff", "issue", "task_update", "other")


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
class ParsedMessage:
    """One message read: its kind, the block for that kind, and warnings for the user."""

    kind: str
    report: ReportBlock | None = None
    handoff: HandoffBlock | None = None
    issue: IssueBlock | None = None
    task_update: TaskUpdateBlock | None = None
    warnings: tuple[str, ...] = ()

    def block(self) -> ReportBlock | HandoffBlock | IssueBlock | TaskUpdateBlock | None:
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
