"""All models, imported together so the metadata (and Alembic) sees every table."""
from storage.models.base import Base
from storage.models.county import TownReport
from storage.models.holidays import OfficeDay
from storage.models.infra import (
    AccessToken,
    AuditLog,
    CalendarSetting,
    Conversation,
    InboxMessage,
    OutboxMessage,
    ScheduledRun,
)
from storage.models.issues import Issue, IssueEvent
from storage.models.org import (
    ChatBinding,
    County,
    Grid,
    Identity,
    Invite,
    Membership,
    Person,
    Township,
    Village,
    person_grid,
)
from storage.models.projects import Inspection, ProjectEvent, ProjectPlan, ProjectTopic, WeightFactor
from storage.models.tasks import Task, TaskEvent
from storage.models.web import WebLogin, WebSession
from storage.models.work import Milestone, Project, Report, ReportEvidence, ReportRevision
from storage.models.work_log import WorkRecord

__all__ = [
    "AccessToken", "AuditLog", "Base", "CalendarSetting", "ChatBinding", "Conversation", "County", "Grid",
    "Identity", "InboxMessage", "Inspection", "Invite", "Issue", "IssueEvent", "Membership", "Milestone", "OfficeDay",
    "OutboxMessage", "Person", "Project", "ProjectEvent", "ProjectPlan", "ProjectTopic",
    "Report", "ReportEvidence", "ReportRevision", "ScheduledRun", "Task",
    "TaskEvent", "TownReport", "Township", "Village", "WebLogin", "WebSession", "WeightFactor", "WorkRecord",
    "person_grid",
]
