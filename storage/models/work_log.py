"""Work records (工作记录): visits, meetings, study sessions and duty shifts, noted in chat; never scored."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class WorkRecord(Base):
    __tablename__ = "work_record"
    __table_args__ = (
        # The 台账's quarter and the console's month are read by township and day.
        Index("ix_work_record_township_day", "township_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("township.id", ondelete="CASCADE"))
    # None: the township's own work (a 镇党委 meeting), or a village since removed from the roster.
    village_id: Mapped[int | None] = mapped_column(ForeignKey("village.id", ondelete="SET NULL"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    type: Mapped[str] = mapped_column(String(16))  # visit | meeting | study | duty | other
    day: Mapped[dt.date]  # the day the work was done
    place: Mapped[str | None] = mapped_column(String(200))
    people: Mapped[int | None]  # households or people visited or attending, when stated
    summary: Mapped[str] = mapped_column(Text)
    inbox_id: Mapped[int | None] = mapped_column(ForeignKey("inbox.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime]
