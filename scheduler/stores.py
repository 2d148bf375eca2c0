"""The repositories each scheduled job uses (`job(ctx: JobContext[TheirStore], now)`): mypy keeps a job to them."""
from __future__ import annotations

from typing import Protocol

from handlers.county_ports import CalendarRepo, CountyPeopleRepo, TownReportRepo
from handlers.ports import (
    DirectoryStore,
    IssueRepo,
    LedgerStore,
    OutboxRepo,
    PeopleRepo,
    PlaceRepo,
    ReportRepo,
    TaskRepo,
    TownshipRepo,
)
from handlers.summary_ports import SummaryRepo
from handlers.work_record_ports import WorkRecordRepo


class SummaryStore(Protocol):
    """Figures across villages and townships (rates, outcomes, the bulletin)."""

    @property
    def summary(self) -> SummaryRepo: ...


class MonthReportsStore(Protocol):
    """The month's reports (who still owes one)."""

    @property
    def reports(self) -> ReportRepo: ...


class NoteStore(Protocol):
    """今日待办: the notices held for each chat."""

    @property
    def outbox(self) -> OutboxRepo: ...


class AudienceStore(DirectoryStore, Protocol):
    """What every calendar job has: the township's directory, its people's chats, and the outbox."""

    @property
    def townships(self) -> TownshipRepo: ...
    @property
    def people(self) -> PeopleRepo: ...
    @property
    def outbox(self) -> OutboxRepo: ...


class DigestStore(AudienceStore, MonthReportsStore, SummaryStore, Protocol):
    """月报告: the month's reports and figures, and the quarter's 台账 (with its work records)."""

    @property
    def work_records(self) -> WorkRecordRepo: ...


class BulletinStore(AudienceStore, SummaryStore, Protocol):
    """季通报: the quarter's figures, to leaders and bound chats."""

    @property
    def places(self) -> PlaceRepo: ...


class OwedStore(MonthReportsStore, SummaryStore, Protocol):
    """Who owes a month's report: the reports, and which projects owe one (scheduler.jobs._owed)."""


class ReminderStore(AudienceStore, OwedStore, Protocol):
    """Deadline reminders and the month-end check: who has not reported."""


class TaskListStore(AudienceStore, SummaryStore, Protocol):
    """Task lists and reminders."""

    @property
    def tasks(self) -> TaskRepo: ...


class MonthStartStore(TaskListStore, OwedStore, Protocol):
    """月初安排: the month's tasks, and reports still to confirm, also to the villages' bound chats."""

    @property
    def places(self) -> PlaceRepo: ...


class IssueDeadlineStore(AudienceStore, Protocol):
    """Issues past their time limit, and who is told."""

    @property
    def issues(self) -> IssueRepo: ...


class MidMonthStore(MonthStartStore, IssueDeadlineStore, Protocol):
    """月中督办: open tasks, unanswered issues and reports still owed."""


class CountyStore(AudienceStore, Protocol):
    """What a county's jobs read about it: its townships and the people across it."""

    @property
    def county_people(self) -> CountyPeopleRepo: ...


class TownReportStore(CountyStore, LedgerStore, Protocol):
    """月末报送: the townships' month (as the digest reads it), their reports to the county, the county's calendar."""

    @property
    def town_reports(self) -> TownReportRepo: ...
    @property
    def calendar(self) -> CalendarRepo: ...


class CountyBulletinStore(BulletinStore, CountyStore, Protocol):
    """县季通报: the towns' figures, and their month-end reports and work records for the county's 台账."""

    @property
    def town_reports(self) -> TownReportRepo: ...
    @property
    def work_records(self) -> WorkRecordRepo: ...
