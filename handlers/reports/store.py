"""The repositories the report handlers use: nothing else of the store is within their reach."""
from __future__ import annotations

from typing import Protocol

from handlers.context import Context
from handlers.county_ports import CalendarRepo
from handlers.ports import ConversationRepo, DirectoryStore, PeopleRepo, ReportRepo, TaskRepo
from handlers.project_ports import ProjectRepo
from handlers.summary_ports import SummaryRepo
from handlers.work_record_ports import WorkRecordRepo


class ReportsStore(DirectoryStore, Protocol):
    """Reports and their conversations; the calendar (report deadlines), the sender's open tasks (我的) and the
    quarter's records (台账, with its work records); projects not yet approved (我的)."""

    @property
    def reports(self) -> ReportRepo: ...
    @property
    def conversations(self) -> ConversationRepo: ...
    @property
    def people(self) -> PeopleRepo: ...
    @property
    def calendar(self) -> CalendarRepo: ...
    @property
    def tasks(self) -> TaskRepo: ...
    @property
    def summary(self) -> SummaryRepo: ...
    @property
    def projects(self) -> ProjectRepo: ...
    @property
    def work_records(self) -> WorkRecordRepo: ...


ReportsContext = Context[ReportsStore]
