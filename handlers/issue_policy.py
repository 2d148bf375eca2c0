"""Time limits of grid issues and the working hours notices wait for (DESIGN.md; configurable).

Limits count working days on China's official calendar (调休 included); a limit ends at the close of
its last working day. Quiet hours are 21:00–08:00: a notice that is not urgent waits for the next
working morning; an urgent safety issue goes at once, day or night, holiday or not.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from handlers.parse import add_workdays, is_workday

DEFAULT_LIMITS = {"safety_urgent": 1, "safety": 3, "dispute": 3, "policy": 2, "environment": 7, "livelihood": 5,
                  "other": 5}
MORNING = dt.time(8, 0)
EVENING = dt.time(21, 0)


def parse_limits(spec: str) -> dict[str, int]:
    """"safety=3,dispute=2" over the defaults; ValueError naming the bad part."""
    limits = dict(DEFAULT_LIMITS)
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, days = part.partition("=")
        if name.strip() not in DEFAULT_LIMITS or not days.strip().isdigit():
            raise ValueError(f"issue time limit {part!r}: expected one of {', '.join(DEFAULT_LIMITS)} = days")
        limits[name.strip()] = int(days)
    return limits


@dataclass(frozen=True)
class IssuePolicy:
    """How long each kind of issue may take, when an unanswered one is accepted by itself, and how far back an
    issue of the same grid and category counts as a repeat."""

    limits: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_LIMITS))
    auto_accept_hours: int = 24
    repeat_window: dt.timedelta = dt.timedelta(days=90)

    def working_days(self, category: str, urgent: bool) -> int:
        """The limit of an issue in working days."""
        if category == "safety" and urgent:
            return self.limits["safety_urgent"]
        return self.limits.get(category, self.limits["other"])

    def due(self, category: str, urgent: bool, logged: dt.datetime) -> dt.datetime:
        """When an issue logged at `logged` (local time) must be resolved by: the end of its last working day."""
        last = add_workdays(logged.date(), self.working_days(category, urgent))
        return dt.datetime.combine(last, dt.time(23, 59, 59), tzinfo=logged.tzinfo)


def is_immediate(category: str, urgent: bool) -> bool:
    """Urgent safety issues go out at once, day or night."""
    return urgent and category == "safety"


def working_time(local: dt.datetime) -> dt.datetime:
    """`local` if it is within working hours on a working day, else the next working morning at 08:00."""
    day = local.date()
    if is_workday(day) and MORNING <= local.time() < EVENING:
        return local
    if not (is_workday(day) and local.time() < MORNING):
        day = add_workdays(day, 1)
    return dt.datetime.combine(day, MORNING, tzinfo=local.tzinfo)
