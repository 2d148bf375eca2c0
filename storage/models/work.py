"""Projects (书记项目/领办事项), their milestones, and monthly reports with every revision kept."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class Project(Base):
    __tablename__ = "project"
    __table_args__ = (UniqueConstraint("township_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("township.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))  # the registry's id, e.g. XC-01
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    # None for a project of the township itself (a 乡镇党委 project the county ranks).
    village_id: Mapped[int | None] = mapped_column(ForeignKey("village.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    category: Mapped[str | None] = mapped_column(String(64))
    start: Mapped[dt.date | None]
    deadline: Mapped[dt.date | None]
    weight: Mapped[float] = mapped_column(default=1.0)
    active: Mapped[bool] = mapped_column(default=True)
    # declared (待审核) | returned (退回修改) | in_progress (实施中) | acceptance_requested (待验收) |
    # accepted (已验收); a registry file's projects are approved already.
    status: Mapped[str] = mapped_column(String(24), default="in_progress", server_default="in_progress")
    difficulty: Mapped[str | None] = mapped_column(String(8))  # 难 | 中 | 易, for the weight rule
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("project_topic.id", ondelete="SET NULL"))
    showcase: Mapped[str | None] = mapped_column(Text)  # why it is a 示范点; None: not one
    updated_at: Mapped[dt.datetime | None]


class Milestone(Base):
    __tablename__ = "milestone"
    __table_args__ = (UniqueConstraint("project_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    due: Mapped[dt.date | None]
    done_at: Mapped[dt.datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))


class Report(Base):
    """A village's report on one project for one month; amended in place, history in revisions."""

    __tablename__ = "report"
    __table_args__ = (UniqueConstraint("project_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    # None for a township's own project (reported by the township to the county).
    village_id: Mapped[int | None] = mapped_column(ForeignKey("village.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(7), index=True)  # YYYY-MM
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft | confirmed
    progress: Mapped[int | None]
    done: Mapped[str | None] = mapped_column(Text)
    problems: Mapped[str | None] = mapped_column(Text)
    next_plan: Mapped[str | None] = mapped_column(Text)
    amounts: Mapped[list[Any]] = mapped_column(default=list)
    late: Mapped[bool] = mapped_column(default=False)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class ReportRevision(Base):
    """One state of a report: who changed it, when, from which message."""

    __tablename__ = "report_revision"
    __table_args__ = (UniqueConstraint("report_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime]
    source: Mapped[str] = mapped_column(String(16))  # report | correction | edit | confirm
    raw_text: Mapped[str | None] = mapped_column(Text)
    inbox_id: Mapped[int | None] = mapped_column(ForeignKey("inbox.id", ondelete="SET NULL"))
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)


class ReportEvidence(Base):
    """A photo or file sent with or right after a report: the platform's file id, and a stored copy if fetched."""

    __tablename__ = "report_evidence"
    __table_args__ = (UniqueConstraint("report_id", "platform", "file_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(String(255))
    mime: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int | None]
    stored_path: Mapped[str | None] = mapped_column(String(500))
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    inbox_id: Mapped[int | None] = mapped_column(ForeignKey("inbox.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime]
