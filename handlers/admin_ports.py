"""What the console's admin pages read that chat never needed: the roster as a table, and the audit log."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Post:
    """One membership as the roster shows it: a role, on a village (None: the township itself), a title."""

    role: str
    village: str | None
    title: str | None


@dataclass(frozen=True)
class RosterRow:
    """Someone on a township's roster, active or not: their posts, the chat platforms their accounts are on,
    and until when their latest unused invite code may still be used."""

    id: int
    name: str
    active: bool
    posts: tuple[Post, ...]
    platforms: tuple[str, ...]  # empty: not registered on any chat platform yet
    invite_until: dt.datetime | None = None  # an unused, unexpired invite code's expiry

    @property
    def registered(self) -> bool:
        """Whether they have an account on a chat platform."""
        return bool(self.platforms)


@dataclass(frozen=True)
class AuditScope:
    """Whose entries of the audit log a viewer sees: those made by, or about, people of these units."""

    township_ids: tuple[int, ...]
    county_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the audit log with the names of who made it and (for a person) whom it is about."""

    id: int
    at: dt.datetime
    actor: str | None  # None: the system (a scheduled job, an invite code made as part of another change)
    action: str
    target: str
    target_name: str | None  # the person a "person:N" target names
    details: dict[str, Any]
