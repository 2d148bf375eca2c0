"""The unit of work: one transaction, every repository on it, committed once at the end."""
from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import Database
from storage.repositories.audit import SqlAudit
from storage.repositories.calendar import SqlCalendar
from storage.repositories.console_projects import SqlConsoleProjects
from storage.repositories.console_work import SqlConsoleWork
from storage.repositories.console_work_records import SqlConsoleWorkRecords
from storage.repositories.conversations import SqlConversations
from storage.repositories.county_people import SqlCountyPeople
from storage.repositories.inbox import SqlInbox
from storage.repositories.invites import SqlInvites
from storage.repositories.issues import SqlIssues
from storage.repositories.office_days import SqlOfficeDays
from storage.repositories.outbox import SqlOutbox
from storage.repositories.people import SqlPeople
from storage.repositories.places import SqlPlaces
from storage.repositories.projects import SqlProjects
from storage.repositories.registry_read import SqlRegistryReader
from storage.repositories.reports import SqlReports
from storage.repositories.roster import SqlRoster
from storage.repositories.runs import SqlRuns
from storage.repositories.summary import SqlSummary
from storage.repositories.tasks import SqlTasks
from storage.repositories.town_reports import SqlTownReports
from storage.repositories.townships import SqlTownships
from storage.repositories.web_logins import SqlWebLogins
from storage.repositories.weights import SqlWeightRule
from storage.repositories.work_records import SqlWorkRecords


class SqlStore:
    """The `Store` port on one SQLAlchemy session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.people = SqlPeople(session)
        self.invites = SqlInvites(session)
        self.places = SqlPlaces(session)
        self.audit = SqlAudit(session)
        self.inbox = SqlInbox(session)
        self.outbox = SqlOutbox(session)
        self.reports = SqlReports(session)
        self.tasks = SqlTasks(session)
        self.issues = SqlIssues(session)
        self.runs = SqlRuns(session)
        self.townships = SqlTownships(session)
        self.office_days = SqlOfficeDays(session)
        self.calendar = SqlCalendar(session)
        self.conversations = SqlConversations(session)
        self.registry = SqlRegistryReader(session)
        self.summary = SqlSummary(session)
        self.roster = SqlRoster(session)
        self.projects = SqlProjects(session)
        self.weight_rule = SqlWeightRule(session)
        self.town_reports = SqlTownReports(session)
        self.county_people = SqlCountyPeople(session)
        self.web_logins = SqlWebLogins(session)
        self.console_projects = SqlConsoleProjects(session)
        self.console_work = SqlConsoleWork(session)
        self.work_records = SqlWorkRecords(session)
        self.console_work_records = SqlConsoleWorkRecords(session)

    @contextlib.asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        """A nested transaction: if the block raises, only its changes are undone."""
        async with self.session.begin_nested():
            yield


class SqlUnitOfWork:
    """Opens a `SqlStore` per unit of work on a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @contextlib.asynccontextmanager
    async def __call__(self, *, urgent: bool = False) -> AsyncIterator[SqlStore]:
        async with self.db.transaction(urgent=urgent) as session:
            yield SqlStore(session)

    @contextlib.asynccontextmanager
    async def reading(self) -> AsyncIterator[SqlStore]:
        """A store in a read-only transaction (Database.reading)."""
        async with self.db.reading() as session:
            yield SqlStore(session)
