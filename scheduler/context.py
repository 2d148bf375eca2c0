"""What every scheduled job gets besides the time: the unit of work and the township's time zone."""
from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from handlers.issue_policy import IssuePolicy
from handlers.ports import UnitOfWorkFactory


@dataclass(frozen=True)
class JobContext:
    """Passed to every job: `job(ctx, now)`."""

    uow: UnitOfWorkFactory
    zone: ZoneInfo
    issue_policy: IssuePolicy = field(default_factory=IssuePolicy)
