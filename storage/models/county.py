"""What a township sends up to its county: the month-end report (月末报送), assembled from its own records."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class TownReport(Base):
    """A township's month-end report to the county: built from its data, confirmed (with an addendum) by its admin."""

    __tablename__ = "town_report"
    __table_args__ = (UniqueConstraint("township_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("township.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft | confirmed
    figures: Mapped[dict[str, Any]] = mapped_column(default=dict)  # as assembled when confirmed (or last built)
    addendum: Mapped[str | None] = mapped_column(Text)  # the admin's correction or addition, in their words
    built_at: Mapped[dt.datetime]
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    confirmed_at: Mapped[dt.datetime | None]
    late: Mapped[bool] = mapped_column(default=False)
    reminded_at: Mapped[dt.datetime | None]  # the one reminder on the due day, if it was needed
