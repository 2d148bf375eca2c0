"""The repositories the work-record handlers use: nothing else of the store is within their reach."""
from __future__ import annotations

from typing import Protocol

from handlers.context import Context
from handlers.ports import ConversationRepo, DirectoryStore
from handlers.work_record_ports import WorkRecordRepo


class WorklogStore(DirectoryStore, Protocol):
    """Work records and the card that waits for their confirmation."""

    @property
    def work_records(self) -> WorkRecordRepo: ...
    @property
    def conversations(self) -> ConversationRepo: ...


WorklogContext = Context[WorklogStore]
