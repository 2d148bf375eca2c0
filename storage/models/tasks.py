"""Handed-off tasks (交办) and their lifecycle events."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, LifecycleEvent


class Task(Base):
    __tablename__ = "task"
    __table_args__ = (UniqueConstraint("township_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("township.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    assigner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("village.id", ondelete="SET NULL"))
    deadline: Mapped[dt.date | None]
    requested_deadline: Mapped[dt.date | None]  # an extension asked for, waiting for the assigner's answer
    status: Mapped[str] = mapped_column(String(16), default="assigned")
    progress: Mapped[int | None]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    done_at: Mapped[dt.datetime | None]
    verified_at: Mapped[dt.datetime | None]
    # A 整改 item: the inspection finding it corrects (verified by the supervisor who assigned it).
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("inspection.id", ondelete="CASCADE"), index=True)
    # A sub-task a town passed down to a village: the county's task it rolls up into (任务分解).
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("task.id", ondelete="SET NULL"), index=True)


class TaskEvent(LifecycleEvent, Base):
    __tablename__ = "task_event"

    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
