"""A counter of committed writes to the records pages are made from, so a read model can be cached until they change.

Watched at the cursor, not in the repositories: every path that writes (ORM flushes, bulk inserts, Core updates,
the importer) goes through it, so a new repository cannot forget to invalidate. Tables that change on every
message or request and feed no figure (the inbox, the outbox, sign-ins, conversations, the audit log) are left out,
or reading a page would invalidate its own cache.
"""
from __future__ import annotations

import re
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

UNWATCHED = frozenset({"inbox", "outbox", "web_login", "web_session", "conversation", "access_token",
                       "scheduled_run", "audit_log", "identity", "chat_binding"})
_WRITE = re.compile(r"\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)
_DIRTY = "yuebao_wrote_records"


class WriteClock:
    """Counts transactions that committed a write to a watched table (this process's writes only)."""

    def __init__(self) -> None:
        self.generation = 0

    def watch(self, engine: AsyncEngine) -> None:
        """Listen on the engine's cursor and commit events."""
        sync = engine.sync_engine
        event.listen(sync, "before_cursor_execute", self._statement)
        event.listen(sync, "commit", self._commit)
        event.listen(sync, "rollback", self._rollback)

    def _statement(self, conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        found = _WRITE.match(statement)
        if found is not None and found.group(1).lower() not in UNWATCHED:
            conn.info[_DIRTY] = True

    def _commit(self, conn: Any) -> None:
        if conn.info.pop(_DIRTY, False):
            self.generation += 1

    @staticmethod
    def _rollback(conn: Any) -> None:
        if not conn.invalidated:  # an invalidated connection is discarded, and its flag with it
            conn.info.pop(_DIRTY, None)
