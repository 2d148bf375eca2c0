"""Signing in to the console: the one-time link's two steps, the session cookie, CSRF tokens, bounded guessing.

The link from chat opens a page with one button; only pressing it (a POST) spends the link. Chat apps fetch a
link to preview it, and a GET that signed in would let the preview spend the link before the person could.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from handlers.web_login import hash_secret
from handlers.web_ports import SignIn
from storage.uow import SqlStore

log = logging.getLogger(__name__)

COOKIE = "yuebao_console"
SESSION_LENGTH = dt.timedelta(hours=8)
MAX_TOKEN = 128  # a link token is 43 characters; anything much longer is not one


def new_secret() -> str:
    """A fresh session secret for the cookie."""
    return secrets.token_urlsafe(32)


def session_key(cookie: str) -> str:
    """What the session table stores for a cookie value."""
    return hash_secret(cookie)


async def begin_session(request: Request, store: SqlStore, who: SignIn, now: dt.datetime, details: dict[str, Any],
                        *, secure: bool) -> Response:
    """Open a session for someone just signed in (by a link, or by WeCom's OAuth), audit it as "web.login" with
    `details`, and answer the redirect to the overview that sets its cookie."""
    cookie = new_secret()
    await store.web_logins.open_session(session_key(cookie), who, now, now + SESSION_LENGTH)
    await store.audit.record(who.person_id, "web.login", f"person:{who.person_id}", details, now)
    response = RedirectResponse(request.url_for("overview"), status_code=303)
    response.set_cookie(COOKIE, cookie, max_age=int(SESSION_LENGTH.total_seconds()), path="/console",
                        httponly=True, samesite="lax", secure=secure)
    return response


def csrf_token(cookie: str) -> str:
    """The CSRF token of a session, derived from its secret cookie (which a cross-site page cannot read)."""
    return hmac.new(cookie.encode(), b"yuebao-console-csrf", hashlib.sha256).hexdigest()


def csrf_ok(cookie: str, given: str) -> bool:
    """Whether a form's token is this session's, compared in constant time."""
    return hmac.compare_digest(csrf_token(cookie).encode(), given.encode())


@dataclass
class Attempts:
    """Failed sign-ins per key in a sliding window, in this process's memory.

    Kept in memory rather than in the database: a failure must cost the guesser, not a write, and each instance
    bounding its own share still bounds the whole (N instances, N × the limit per window)."""

    limit: int
    window: float  # seconds
    _seen: dict[str, deque[float]] = field(default_factory=dict)

    def blocked(self, key: str, now: float | None = None) -> bool:
        """Whether this key has used up its failures for the window."""
        now = time.monotonic() if now is None else now
        seen = self._seen.get(key)
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        if seen is not None and not seen:
            del self._seen[key]
            return False
        return seen is not None and len(seen) >= self.limit

    def failed(self, key: str, now: float | None = None) -> None:
        """Count one failure."""
        self._seen.setdefault(key, deque()).append(time.monotonic() if now is None else now)
        if len(self._seen) > 100_000:  # a flood of addresses must not grow memory without bound
            self._seen.pop(next(iter(self._seen)))
