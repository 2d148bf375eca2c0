"""What handlers may ask of storage, as Protocols; storage/ implements them, tests may fake them."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from handlers.messages import IncomingMessage, OutgoingMessage


@dataclass(frozen=True)
class PersonRef:
    """A registered person as handlers see them."""

    id: int
    name: str
    role: str
    township_id: int
    township: str
    village_id: int | None = None
    village: str | None = None
    title: str | None = None
    grids: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlaceRef:
    """A township (village fields empty) or one of its villages."""

    township_id: int
    township: str
    village_id: int | None = None
    village: str | None = None

    @property
    def name(self) -> str:
        """The village's name, else the township's."""
        return self.village or self.township


@dataclass(frozen=True)
class InboxItem:
    """A stored incoming message waiting to be handled."""

    id: int
    message: IncomingMessage


class PeopleRepo(Protocol):
    async def by_identity(self, platform: str, platform_user_id: str) -> PersonRef | None: ...
    async def by_name(self, name: str, township: str | None = None) -> list[PersonRef]: ...
    async def link_identity(self, person_id: int, platform: str, platform_user_id: str, now: dt.datetime) -> None: ...


class InviteRepo(Protocol):
    async def create(self, person_id: int, code_hash: str, now: dt.datetime, expires_at: dt.datetime) -> None: ...
    async def redeem(self, code_hash: str, now: dt.datetime) -> tuple[int | None, str]:
        """(person id, "ok") or (None, "unknown" | "used" | "expired"); marks the code used."""
        ...


class PlaceRepo(Protocol):
    async def find(self, township_id: int, name: str) -> PlaceRef | None: ...
    async def village_names(self, township_id: int) -> list[str]: ...
    async def binding(self, platform: str, chat_id: str) -> PlaceRef | None: ...
    async def bind(self, platform: str, chat_id: str, place: PlaceRef, by_id: int, now: dt.datetime) -> None: ...


class AuditRepo(Protocol):
    async def record(self, actor_id: int | None, action: str, target: str, details: dict[str, Any],
                     now: dt.datetime) -> None: ...


class InboxRepo(Protocol):
    async def add(self, message: IncomingMessage, now: dt.datetime, *, handled: bool = False) -> int | None:
        """Store raw (as already handled when `handled`, i.e. in the handling transaction);
        the new row's id, or None when this delivery was stored before."""
        ...

    async def finish(self, inbox_id: int, now: dt.datetime, error: str | None = None) -> None: ...
    async def pending(self, limit: int, received_before: dt.datetime) -> list[InboxItem]: ...


class OutboxRepo(Protocol):
    async def enqueue(self, messages: Sequence[OutgoingMessage], now: dt.datetime) -> int:
        """Add messages whose key is new; returns how many were added."""
        ...


class Store(Protocol):
    """One unit of work: every repository on one transaction, committed once by whoever opened it."""

    people: PeopleRepo
    invites: InviteRepo
    places: PlaceRepo
    audit: AuditRepo
    inbox: InboxRepo
    outbox: OutboxRepo

    def savepoint(self) -> AbstractAsyncContextManager[None]: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> AbstractAsyncContextManager[Store]: ...
