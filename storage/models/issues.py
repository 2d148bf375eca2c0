"""Grid issues (网格事件) logged by grid workers, and their lifecycle events."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, LifecycleEvent


class Issue(Base):
    __tablename__ = "issue"
    __table_args__ = (
        UniqueConstraint("township_id", "number"),
        # The time-limit check reads the open issues of every township on every tick; most issues are closed.
        Index("ix_issue_status_due", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("township.id", ondelete="CASCADE"))
    number: Mapped[int]
    category: Mapped[str] = mapped_column(String(16))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("village.id", ondelete="SET NULL"), index=True)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id", ondelete="SET NULL"))
    location: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    urgent: Mapped[bool] = mapped_column(default=False)
    summary: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="reported")
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    due_at: Mapped[dt.datetime | None]
    resolved_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    repeat_of_id: Mapped[int | None] = mapped_column(ForeignKey("issue.id", ondelete="SET NULL"))


class IssueEvent(LifecycleEvent, Base):
    __tablename__ = "issue_event"

    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"), index=True)
