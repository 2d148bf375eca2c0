"""The office's own holiday table: days off and make-up working days of a year, from the State Council's notice."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class OfficeDay(Base):
    """One day that differs from Monday–Friday in a year the office loaded (nationwide, so not per township)."""

    __tablename__ = "office_day"

    day: Mapped[dt.date] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    working: Mapped[bool]  # True: a make-up working day (班); False: a day off (休)
    source: Mapped[str] = mapped_column(String(200))  # the notice's title, or the file it came from
    loaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    loaded_at: Mapped[dt.datetime]
