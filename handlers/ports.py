"""What handlers may ask of storage, as Protocols; storage/ implements them, tests may fake them."""
from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from handlers.admin_ports import AuditEntry, AuditScope, RosterRow
from handlers.county_ports import CalendarRepo, CountyPeopleRepo, TownReportRepo
from handlers.messages import Attachment, HeldNotice, IncomingMessage, OutgoingMessage
from handlers.project_ports import ProjectRepo, WeightRuleRepo
from handlers.quarters import Quarter
from handlers.refs import (
    Handover,
    HolidayYear,
    InboxItem,
    IssueRef,
    NewIssue,
    NewTask,
    OpenWork,
    PersonRef,
    PlaceRef,
    ProjectRef,
    Question,
    ReportFields,
    ReportView,
    RosterChange,
    RosterPerson,
    TaskEventRef,
    TaskRef,
    TownshipRef,
)
from handlers.registry import Organisation, Registry
from handlers.summary_ports import SummaryRepo
from handlers.web_ports import WebLoginRepo
from handlers.work_record_ports import WorkRecordRepo

if TYPE_CHECKING:  # the directory is built from these ports
    from handlers.directory import Directory


class PeopleRepo(Protocol):
    async def by_identity(self, platform: str, platform_user_id: str) -> PersonRef | None: ...
    async def sender_in_chat(self, platform: str, platform_user_id: str, chat_id: str | None, now: dt.datetime,
                             township_id: int | None = None) -> tuple[PersonRef | None, Question | None, str | None]:
        """The person behind an account (acting in `township_id` where they belong; inactive ones marked), their
        open question in this chat, and the account's known private chat."""
        ...

    async def by_name(self, name: str, township: str | None = None) -> list[PersonRef]: ...
    async def by_name_many(self, names: list[str], township_id: int) -> dict[str, PersonRef]: ...
    async def by_ids(self, ids: list[int]) -> list[PersonRef]: ...
    async def with_roles(self, township_id: int, roles: Sequence[str], village: str | None = None) -> list[PersonRef]:
        """Active people of a township with one of `roles` (in one village, when given)."""
        ...
    async def link_identity(self, person_id: int, platform: str, platform_user_id: str, now: dt.datetime) -> None: ...
    async def remember_village(self, person_id: int, village_id: int) -> None: ...
    async def act_in(self, person_id: int, township_id: int) -> None: ...
    async def direct_chats(self, person_id: int) -> list[tuple[str, str]]:
        """(platform, private chat id) of every account of a person."""
        ...

    async def set_direct_chat(self, platform: str, platform_user_id: str, chat_id: str) -> None: ...


class RosterRepo(Protocol):
    async def person(self, township_id: int, name: str) -> RosterPerson | None:
        """Someone of this township by name, active or not."""
        ...

    async def add_person(self, township_id: int, name: str, role: str, village_id: int | None,
                         title: str | None) -> int: ...
    async def deactivate(self, township_id: int, person_id: int) -> None: ...
    async def open_work(self, person_id: int) -> OpenWork: ...
    async def hand_over(self, township_id: int, old_id: int, new_id: int, actor_id: int | None,
                        now: dt.datetime) -> Handover: ...
    async def village_people(self, village_id: int) -> list[RosterPerson]: ...
    async def project_code_taken(self, township_id: int, code: str) -> bool: ...
    async def add_project(self, township_id: int, code: str, title: str, kind: str, village_id: int | None,
                          owner_id: int | None, deadline: dt.date | None) -> int: ...
    async def import_roster(self, roster: Organisation, now: dt.datetime, *, apply: bool) -> RosterChange:
        """Import a roster; without `apply`, nothing is written when something would be deactivated."""
        ...

    async def as_file(self, township_id: int, county: bool) -> Organisation | None:
        """What the database holds for a township (or, `county`, its whole county), as a roster file would."""
        ...

    async def table(self, township_id: int, now: dt.datetime) -> list[RosterRow]:
        """Everyone of a township, active first, with their posts, accounts and open invite (a few statements,
        however many people)."""
        ...


class InviteRepo(Protocol):
    async def create(self, person_id: int, code_hash: str, now: dt.datetime, expires_at: dt.datetime) -> None: ...
    async def redeem(self, code_hash: str, now: dt.datetime) -> tuple[int | None, str]:
        """(person id, "ok") or (None, "unknown" | "used" | "expired"); marks the code used."""
        ...


class PlaceRepo(Protocol):
    async def find(self, township_id: int, name: str) -> PlaceRef | None: ...
    async def village_names(self, township_id: int) -> list[str]: ...
    async def binding(self, platform: str, chat_id: str) -> PlaceRef | None: ...
    async def bind(self, platform: str, chat_id: str, place: PlaceRef, by_id: int, now: dt.datetime) -> None: ...
    async def unbind(self, platform: str, chat_id: str) -> bool:
        """Forget a chat's binding; whether there was one."""
        ...

    async def group_chats(self, village_id: int) -> list[tuple[str, str]]:
        """(platform, chat id) of the group chats bound to a village."""
        ...

    async def township_chats(self, township_id: int) -> list[tuple[str, str]]:
        """(platform, chat id) of the group chats bound to the township itself."""
        ...


class ReportRepo(Protocol):
    async def find(self, project_id: int, period: str) -> ReportView | None: ...
    async def get(self, report_id: int) -> ReportView | None: ...
    async def save(self, project: ProjectRef, period: str, fields: ReportFields, *, late: bool, author_id: int,
                   inbox_id: int | None, raw_text: str, now: dt.datetime) -> ReportView:
        """Create the (project, period) report or amend it; either way a new revision is kept."""
        ...

    async def revise(self, report_id: int, changes: dict[str, Any], *, author_id: int, inbox_id: int | None,
                     raw_text: str, now: dt.datetime) -> ReportView:
        """Apply a correction (content fields, project_id or period) and keep a revision."""
        ...

    async def confirm(self, report_id: int, now: dt.datetime) -> None: ...
    async def add_evidence(self, report_id: int, platform: str, attachments: Sequence[Attachment], *,
                           author_id: int, inbox_id: int | None, now: dt.datetime) -> int: ...
    async def for_period(self, township_id: int, period: str) -> list[ReportView]: ...


class TaskRepo(Protocol):
    async def open_assigned(self, person_id: int) -> list[TaskRef]:
        """Tasks assigned to a person that are not yet verified, by deadline."""
        ...

    async def open_handed_off(self, person_id: int) -> list[TaskRef]:
        """Tasks a person handed off that are not yet verified, by deadline."""
        ...

    async def create(self, township_id: int, assigner_id: int, tasks: Sequence[NewTask], *,
                     inbox_id: int | None, now: dt.datetime) -> list[TaskRef]:
        """Number (per township) and store new tasks, each with its 'assigned' event."""
        ...

    async def awaiting_answer(self, township_id: int) -> list[TaskRef]:
        """Tasks of a township waiting for the assigner's word: done and not verified, or an extension asked for."""
        ...

    async def by_number(self, township_id: int, number: int) -> TaskRef | None: ...
    async def get(self, task_id: int) -> TaskRef | None: ...
    async def change(self, task_id: int, kind: str, *, actor_id: int, now: dt.datetime, inbox_id: int | None,
                     note: str | None = None, data: dict[str, Any] | None = None, **fields: Any) -> TaskRef:
        """Set task fields and record the step as an event."""
        ...

    async def history(self, task_id: int) -> list[TaskEventRef]: ...
    async def with_deadlines(self, township_id: int | None = None) -> list[TaskRef]:
        """Every task still open (not done or verified) that has a deadline (of one township, when given)."""
        ...


class IssueRepo(Protocol):
    async def create(self, township_id: int, reporter_id: int, issue: NewIssue, *, repeat_since: dt.datetime,
                     inbox_id: int | None, now: dt.datetime) -> IssueRef:
        """Number and store an issue, linked to the latest one of its grid and category since `repeat_since`."""
        ...

    async def by_number(self, township_id: int, number: int) -> IssueRef | None: ...
    async def get(self, issue_id: int) -> IssueRef | None: ...
    async def change(self, issue_id: int, kind: str, *, actor_id: int | None, now: dt.datetime,
                     inbox_id: int | None, note: str | None = None, data: dict[str, Any] | None = None,
                     **fields: Any) -> IssueRef:
        """Set issue fields (a `grid` name is looked up in the issue's village) and record the step."""
        ...

    async def history(self, issue_id: int) -> list[TaskEventRef]: ...
    async def open_issues(self, township_id: int, village_id: int | None = None) -> list[IssueRef]: ...
    async def repeats(self, issue_id: int) -> int:
        """How many issues in the chain of repeats this one belongs to, itself included."""
        ...

    async def needing_action(self, accept_before: dt.datetime, now: dt.datetime) -> list[IssueRef]:
        """Open issues of every township not accepted since before `accept_before`, or past their time limit
        at `now` and not yet escalated for that limit (for the time-limit check, every tick)."""
        ...


class RunRepo(Protocol):
    async def claim(self, job: str, scope: str, period: str, now: dt.datetime, stale_after: dt.timedelta) -> bool:
        """True when this caller may run (job, scope, period) now; recorded before anything is sent."""
        ...

    async def finish(self, job: str, scope: str, period: str, now: dt.datetime, status: str,
                     note: str | None = None) -> None: ...
    async def finished(self, periods: Sequence[str]) -> set[tuple[str, str, str]]:
        """(job, scope, period) of every run of these periods that is done or skipped."""
        ...



class OfficeDayRepo(Protocol):
    async def all(self) -> dict[dt.date, bool]:
        """Every loaded day: True for a make-up working day, False for a day off."""
        ...

    async def replace_year(self, year: int, days: Mapping[dt.date, bool], source: str, by: int | None,
                           now: dt.datetime) -> None:
        """Make `days` the year's table (an earlier one of that year is replaced whole)."""
        ...

    async def years(self) -> list[HolidayYear]:
        """The loaded years with their source and when they were loaded."""
        ...


class TownshipRepo(Protocol):
    async def all(self) -> list[TownshipRef]:
        """Every township, in the order they were registered."""
        ...

    async def get(self, township_id: int) -> TownshipRef | None:
        """One township by id."""
        ...


class ConversationRepo(Protocol):
    async def put(self, platform: str, chat_id: str, person_id: int, kind: str, data: dict[str, Any],
                  now: dt.datetime, expires_at: dt.datetime) -> None: ...
    async def clear(self, platform: str, chat_id: str, person_id: int) -> None: ...


class RegistryReader(Protocol):
    async def snapshot(self, township_id: int) -> Registry:
        """The township's registry as it stands in the database."""
        ...

    async def projects(self, township_id: int, *, approved_only: bool = True, own: bool = False) -> list[ProjectRef]:
        """The township's active village projects (`own`: its own) with their ids (approved ones, unless told)."""
        ...

    async def with_milestones(self, township_id: int) -> set[int]:
        """Ids of the township's projects that have milestones (ticked or not)."""
        ...

    async def village_ids(self, township_id: int) -> dict[str, int]:
        """Village name → database id."""
        ...


class AuditRepo(Protocol):
    async def record(self, actor_id: int | None, action: str, target: str, details: dict[str, Any],
                     now: dt.datetime) -> None: ...
    async def entries(self, scope: AuditScope, offset: int, limit: int) -> list[AuditEntry]:
        """Entries made by or about people of `scope`, newest first, with names (one statement)."""
        ...


class InboxRepo(Protocol):
    async def add(self, platform: str, key: str, raw: str, now: dt.datetime, *, form: str = "payload",
                  message: IncomingMessage | None = None) -> InboxItem | None:
        """Store as received (with `message`, already read and handled in this transaction: stored as done);
        None when this delivery was stored before."""
        ...

    async def claim(self, inbox_id: int, *, again: bool = False) -> bool:
        """Take a stored message for handling (`again`: one that failed or was unreadable); False when another
        worker has it or it needs nothing more."""
        ...

    async def finish(self, inbox_id: int, now: dt.datetime, status: str, error: str | None = None,
                     message: IncomingMessage | None = None) -> None:
        """Record how handling ended (done | failed | unreadable), with what was read when there is one."""
        ...

    async def get(self, inbox_id: int) -> InboxItem | None: ...
    async def pending(self, limit: int, received_before: dt.datetime) -> list[InboxItem]: ...

    async def failed(self, limit: int) -> list[InboxItem]:
        """Messages whose handling failed or that could not be read, oldest first."""
        ...


class OutboxRepo(Protocol):
    async def enqueue(self, messages: Sequence[OutgoingMessage], now: dt.datetime) -> int:
        """Add messages whose key is new; returns how many were added."""
        ...

    async def held(self, now: dt.datetime) -> list[HeldNotice]:
        """Notices held for 今日待办 notes and due by `now`, chat by chat, each chat's in the order they came."""
        ...

    async def merge(self, note: OutgoingMessage, parts: Sequence[HeldNotice], now: dt.datetime) -> bool:
        """Queue `note` in place of the held `parts`; False, and nothing changed, when its key is already taken."""
        ...

    async def actions_of(self, platform: str, chat_id: str, platform_message_id: str) -> list[str]:
        """The button data of a message the bot sent, for a reply to it (empty if none)."""
        ...

    async def last_actions(self, platform: str, chat_id: str) -> list[str]:
        """The button data of the bot's latest message to a chat (for numbered answers)."""
        ...


class DirectoryStore(Protocol):
    """What every handler's store has: the registry its directory is built from."""

    @property
    def registry(self) -> RegistryReader: ...


class Store(Protocol):
    """One unit of work: every repository on one transaction, committed once by whoever opened it."""

    # Read-only members, so that an implementation may hold a narrower type (SqlPeople for PeopleRepo).
    @property
    def people(self) -> PeopleRepo: ...
    @property
    def invites(self) -> InviteRepo: ...
    @property
    def places(self) -> PlaceRepo: ...
    @property
    def audit(self) -> AuditRepo: ...
    @property
    def inbox(self) -> InboxRepo: ...
    @property
    def outbox(self) -> OutboxRepo: ...
    @property
    def reports(self) -> ReportRepo: ...
    @property
    def tasks(self) -> TaskRepo: ...
    @property
    def issues(self) -> IssueRepo: ...
    @property
    def runs(self) -> RunRepo: ...
    @property
    def townships(self) -> TownshipRepo: ...
    @property
    def office_days(self) -> OfficeDayRepo: ...
    @property
    def calendar(self) -> CalendarRepo: ...
    @property
    def conversations(self) -> ConversationRepo: ...
    @property
    def registry(self) -> RegistryReader: ...
    @property
    def summary(self) -> SummaryRepo: ...
    @property
    def roster(self) -> RosterRepo: ...
    @property
    def projects(self) -> ProjectRepo: ...
    @property
    def weight_rule(self) -> WeightRuleRepo: ...
    @property
    def town_reports(self) -> TownReportRepo: ...
    @property
    def county_people(self) -> CountyPeopleRepo: ...
    @property
    def web_logins(self) -> WebLoginRepo: ...
    @property
    def work_records(self) -> WorkRecordRepo: ...

    def savepoint(self) -> AbstractAsyncContextManager[None]: ...


class LedgerStore(Protocol):
    """What a quarter's 台账 is read from."""

    @property
    def reports(self) -> ReportRepo: ...
    @property
    def registry(self) -> RegistryReader: ...
    @property
    def summary(self) -> SummaryRepo: ...
    @property
    def work_records(self) -> WorkRecordRepo: ...


class RosterFiles(Protocol):
    """Reads a roster file an admin sent (the 名册 workbook, a sheet of it as CSV, or YAML), wired in by the app."""

    def read(self, path: str, existing: Organisation | None) -> Organisation:
        """The roster in the file, sheets it lacks taken from `existing`; RegistryError lists every problem."""
        ...


class LedgerFiles(Protocol):
    """What the scheduler's readers make for handlers (wired in by the app): a township's 台账 workbook for a
    quarter, and its month's figures as its report to the county states them."""

    async def __call__(self, store: LedgerStore, directory: Directory, township_id: int, quarter: Quarter,
                       now: dt.datetime) -> Callable[[], Awaitable[Attachment]]:
        """Read the quarter's records now; the returned function writes the workbook (outside the transaction)."""
        ...

    async def town_figures(self, store: LedgerStore, directory: Directory, township_id: int, period: str,
                           now: dt.datetime) -> dict[str, Any]:
        """The township's month as its 月末报送 states it now, as stored (handlers.county.town_figures)."""
        ...


S_co = TypeVar("S_co", covariant=True)


class UnitOfWorkFactory(Protocol[S_co]):
    """Opens units of work on a store (the full `Store`, or the narrower one a job declares)."""

    def __call__(self, *, urgent: bool = False) -> AbstractAsyncContextManager[S_co]:
        """A unit of work; `urgent` ones (storing what a platform waits on) go before others waiting."""
        ...
