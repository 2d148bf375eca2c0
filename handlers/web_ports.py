"""What the console's sign-in stores: one-time links (asked for in chat) and the browser sessions they open."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class SignIn:
    """Whose a link or a session is: the person, and the chat identity that asked for the link."""

    person_id: int
    platform: str
    platform_user_id: str


class WebLoginRepo(Protocol):
    """One-time sign-in links and browser sessions, stored as hashes of their secrets."""

    async def create_link(self, token_hash: str, who: SignIn, now: dt.datetime, expires_at: dt.datetime) -> None:
        """Store a new link's hash."""
        ...

    async def links_since(self, person_id: int, since: dt.datetime) -> int:
        """How many links this person asked for since then (a bound on asking)."""
        ...

    async def redeem(self, token_hash: str, now: dt.datetime) -> SignIn | str:
        """Spend a link: whose it is, or why not ("unknown" | "used" | "expired" | "unlinked")."""
        ...

    async def open_session(self, token_hash: str, who: SignIn, now: dt.datetime, expires_at: dt.datetime) -> None:
        """Store a new session's hash."""
        ...

    async def session(self, token_hash: str, now: dt.datetime) -> SignIn | None:
        """The live session with this hash (not expired, not revoked, its identity still the person's), or None."""
        ...

    async def end_session(self, token_hash: str, now: dt.datetime) -> None:
        """Sign one browser out."""
        ...

    async def revoke(self, person_id: int, now: dt.datetime) -> int:
        """End every live session and unused link of a person; how many sessions were live."""
        ...
