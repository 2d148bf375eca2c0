"""What the admin pages' tests share: a signed-in client with its CSRF token, row counts, statements run."""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import event

from bot.app import App
from storage.models import AuditLog, CalendarSetting, Identity, Invite, Membership, Person
from tests.support.rows import count
from tests.web.support import Texts, signed_in

CODE = re.compile(r'<p class="admin-code-text">([A-Z2-9]{8})</p>')
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
WATCHED = (Person, Membership, Invite, Identity, AuditLog, CalendarSetting)


@dataclass
class Admin:
    """A signed-in console user and the CSRF token of their session."""

    http: httpx.AsyncClient
    csrf: str

    async def get(self, path: str) -> httpx.Response:
        return await self.http.get(f"/console{path}")

    async def post(self, path: str, **fields: str) -> httpx.Response:
        """A form posted with this session's token (pass csrf= to forge or blank it)."""
        return await self.http.post(f"/console{path}", data={"csrf": self.csrf, **fields})


async def console_as(app: App, name: str, sent: Texts) -> Admin:
    """`name` signed in to the console, with the token their pages carry."""
    http = await signed_in(app, name, sent)
    page = await http.get("/console/")
    found = CSRF.search(page.text)
    assert found is not None, page.text
    return Admin(http, found.group(1))


async def counts(app: App) -> dict[str, int]:
    """Rows of every table an admin page may write."""
    return {model.__tablename__: await count(app, model) for model in WATCHED}


@contextmanager
def statements(app: App) -> Iterator[list[str]]:
    """Every SQL statement run inside the block (SQLite's BEGIN included: it is a round trip too)."""
    seen: list[str] = []

    def note(*args: Any) -> None:
        seen.append(args[2])

    engine = app.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)
