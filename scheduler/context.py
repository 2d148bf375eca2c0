"""What every scheduled job gets besides the time: the unit of work and the township's time zone."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from handlers.directory import DirectoryCache
from handlers.issue_policy import IssuePolicy
from handlers.ports import UnitOfWorkFactory
from scheduler.outcome import Weights

S = TypeVar("S", covariant=True)


@dataclass(frozen=True)
class JobContext(Generic[S]):
    """Passed to every job: `job(ctx, now)`; a job declares the store it uses (scheduler/stores.py)."""

    uow: UnitOfWorkFactory[S]
    zone: ZoneInfo
    issue_policy: IssuePolicy
    directories: DirectoryCache  # shared with the handlers: one parser per township and registry version
    files_dir: Path  # where charts and workbooks are written
    weights: Weights  # of the outcome score
    township_id: int | None = None  # the township a calendar job runs for
    county_id: int | None = None  # or the county, for a job of the county's own calendar
    period: str | None = None  # the calendar's month for that run, YYYY-MM
