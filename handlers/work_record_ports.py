"""What work records (工作记录) store and read: a note confirmed in chat, the 台账's quarter, the console's list.

A work record says that work was done (a visit, a meeting, a study session, a duty shift); it is kept for the
ledger and never enters a rate, a digest or a ranking (DESIGN.md: rankings measure outcomes, not activity).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from handlers.console_ports import Listing, Scope

TYPE_LABELS = {"visit": "走访", "meeting": "会议", "study": "学习", "duty": "值班", "other": "其他"}


def people_words(kind: str, people: int | None) -> str | None:
    """'8户' for a visit (households), '12人' for anything else; None when no count was said."""
    return None if people is None else f"{people}{'户' if kind == 'visit' else '人'}"


@dataclass(frozen=True)
class NewWorkRecord:
    """A note of work as confirmed in chat, ready to store."""

    type: str  # one of TYPE_LABELS
    village_id: int | None  # None: the township's own work
    day: dt.date
    people: int | None
    summary: str
    place: str | None = None


@dataclass(frozen=True)
class WorkRecordRow:
    """A stored work record as the ledger and the console list it."""

    id: int
    township_id: int
    township: str
    type: str
    village_id: int | None
    village: str | None
    day: dt.date
    place: str | None
    people: int | None
    summary: str
    person: str | None  # who logged it
    created_at: dt.datetime

    @property
    def type_label(self) -> str:
        """走访, 会议, 学习, 值班 or 其他."""
        return TYPE_LABELS.get(self.type, TYPE_LABELS["other"])

    @property
    def people_label(self) -> str | None:
        """'8户', '12人', or None."""
        return people_words(self.type, self.people)


@dataclass(frozen=True)
class WorkRecordFilter:
    """The console list's filters (None: any); `days` is a closed range of days, such as a month."""

    village_id: int | None = None
    type: str | None = None
    days: tuple[dt.date, dt.date] | None = None


class WorkRecordRepo(Protocol):
    """Work records of a township: stored on confirmation, read back for the 台账."""

    async def add(self, township_id: int, person_id: int, record: NewWorkRecord, *, inbox_id: int | None,
                  now: dt.datetime) -> WorkRecordRow:
        """Store one confirmed work record."""
        ...

    async def between(self, township_id: int, first: dt.date, last: dt.date) -> list[WorkRecordRow]:
        """The township's work records done from `first` to `last` (both included), by day."""
        ...

    async def counts(self, township_ids: Sequence[int], first: dt.date, last: dt.date) -> dict[int, dict[str, int]]:
        """How many records of each type each township has from `first` to `last` (townships with none left out)."""
        ...


class ConsoleWorkRecordsRepo(Protocol):
    """Work records, scoped as the console's other lists are."""

    async def records(self, scope: Scope, where: WorkRecordFilter, offset: int, limit: int) -> Listing[WorkRecordRow]:
        """Records in scope matching the filter, latest day first; `limit` of them from `offset`."""
        ...
