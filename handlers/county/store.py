"""What the county tier's chat uses."""
from __future__ import annotations

from typing import Protocol

from handlers.context import Context
from handlers.county_ports import CalendarRepo, CountyPeopleRepo, TownReportRepo
from handlers.ports import DirectoryStore, LedgerStore, PeopleRepo, TownshipRepo


class CountyStore(DirectoryStore, LedgerStore, Protocol):
    """Month-end reports (with the records they are assembled from), the county's calendar, and who at the
    county receives them."""

    @property
    def town_reports(self) -> TownReportRepo: ...
    @property
    def calendar(self) -> CalendarRepo: ...
    @property
    def people(self) -> PeopleRepo: ...
    @property
    def townships(self) -> TownshipRepo: ...
    @property
    def county_people(self) -> CountyPeopleRepo: ...


CountyContext = Context[CountyStore]
