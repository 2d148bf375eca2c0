"""Ports of the county tier: the calendars (a township's and a county's), people across a county, and what a
township sends up to its county."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from handlers.reporting_calendar import CalendarEntry


class CalendarRepo(Protocol):
    async def entries(self, township_id: int) -> tuple[CalendarEntry, ...]:
        """The township's calendar: the defaults with its changes."""
        ...

    async def change(self, township_id: int, entry: CalendarEntry, by_id: int | None, now: dt.datetime) -> None: ...

    async def county_entries(self, county_id: int) -> tuple[CalendarEntry, ...]:
        """The county's own calendar: its defaults with its changes."""
        ...

    async def change_county(self, county_id: int, entry: CalendarEntry, by_id: int | None,
                            now: dt.datetime) -> None: ...


class CountyPeopleRepo(Protocol):
    async def of_county(self, county_id: int, roles: Sequence[str]) -> list[int]:
        """Ids of active people holding one of `roles` on the county itself."""
        ...

    async def of_towns(self, county_id: int, roles: Sequence[str]) -> list[int]:
        """Ids of active people holding one of `roles` on a township of the county."""
        ...


@dataclass(frozen=True)
class TownReportRef:
    """A township's month-end report to the county (月末报送)."""

    id: int
    township_id: int
    township: str
    period: str
    status: str  # draft | confirmed
    figures: dict[str, Any]
    addendum: str | None
    confirmed_by: str | None
    confirmed_at: dt.datetime | None
    late: bool
    reminded_at: dt.datetime | None

    @property
    def confirmed(self) -> bool:
        """Whether the town's admin sent it up."""
        return self.status == "confirmed"


class TownReportRepo(Protocol):
    async def get(self, township_id: int, period: str) -> TownReportRef | None:
        """The township's report for a month, if one was built."""
        ...

    async def draft(self, township_id: int, period: str, figures: dict[str, Any], now: dt.datetime) -> TownReportRef:
        """Store freshly assembled figures on the month's draft (a confirmed report is left as sent)."""
        ...

    async def amend(self, report_id: int, addendum: str | None) -> bool:
        """Set the admin's correction or addition (None clears it) while it is a draft; whether it was one."""
        ...

    async def confirm(self, report_id: int, by_id: int, figures: dict[str, Any], now: dt.datetime,
                      late: bool) -> bool:
        """Mark it sent, with the figures as they stood when confirmed; False when it was sent already."""
        ...

    async def reminded(self, report_id: int, now: dt.datetime) -> None:
        """Note the one reminder on the due day."""
        ...

    async def of_county(self, county_id: int, period: str) -> list[TownReportRef]:
        """Every report of the county's townships for a month."""
        ...
