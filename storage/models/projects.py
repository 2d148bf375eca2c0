"""A project's life before and beside its monthly reports: the topic menu (点题), plan versions (实施方案), its
events (申报 → 审核 → 实施 → 验收), inspections (督导) and the township's weight rule (认定)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, LifecycleEvent


class ProjectTopic(Base):
    """One item of a year's topic menu published by a township (or county) leader."""

    __tablename__ = "project_topic"
    __table_args__ = (UniqueConstraint("township_id", "year", "number"),
                      UniqueConstraint("county_id", "year", "number"))

    id: Mapped[int] = mapped_column(primary_key=True)
    # A township's menu for its villages, or (county_id) a county's menu for its towns (菜单选报); one is set.
    township_id: Mapped[int | None] = mapped_column(ForeignKey("township.id", ondelete="CASCADE"), index=True)
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime]


class ProjectPlan(Base):
    """One version of a project's 实施方案; every edit adds a version, none is overwritten."""

    __tablename__ = "project_plan"
    __table_args__ = (UniqueConstraint("project_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)  # the plan as the secretary wrote it
    deadline: Mapped[dt.date | None]
    milestones: Mapped[list[Any]] = mapped_column(default=list)  # [{"title", "due"}] as read from this version
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    inbox_id: Mapped[int | None] = mapped_column(ForeignKey("inbox.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime]


class ProjectEvent(LifecycleEvent, Base):
    """One step of a project's life (declare, revise, return, approve, milestone, inspect, apply, accept…)."""

    __tablename__ = "project_event"

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)


class Inspection(Base):
    """A supervisor's visit to a project (督导): what was seen, the findings, the photos."""

    __tablename__ = "inspection"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    inspector_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    at: Mapped[dt.datetime]
    note: Mapped[str] = mapped_column(Text)
    findings: Mapped[list[Any]] = mapped_column(default=list)
    photos: Mapped[list[Any]] = mapped_column(default=list)  # platform file ids
    inbox_id: Mapped[int | None] = mapped_column(ForeignKey("inbox.id", ondelete="SET NULL"))


class WeightFactor(Base):
    """One factor of a township's (or county's) weight rule (认定): weight = category base × difficulty × time limit."""

    __tablename__ = "weight_factor"
    __table_args__ = (UniqueConstraint("township_id", "factor", "key"), UniqueConstraint("county_id", "factor", "key"))

    id: Mapped[int] = mapped_column(primary_key=True)
    # A township's rule for village projects, or (county_id) a county's for its towns' own projects; one is set.
    township_id: Mapped[int | None] = mapped_column(ForeignKey("township.id", ondelete="CASCADE"), index=True)
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id", ondelete="CASCADE"), index=True)
    factor: Mapped[str] = mapped_column(String(16))  # category | difficulty | time_limit
    key: Mapped[str] = mapped_column(String(64))
    value: Mapped[float]
