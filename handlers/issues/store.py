"""The repositories the grid-issue handlers use: nothing else of the store is within their reach."""
from __future__ import annotations

from typing import Protocol

from handlers.context import Context
from handlers.ports import ConversationRepo, DirectoryStore, IssueRepo, PeopleRepo


class IssuesStore(DirectoryStore, Protocol):
    """Issues and the questions about them; people to notify."""

    @property
    def issues(self) -> IssueRepo: ...
    @property
    def conversations(self) -> ConversationRepo: ...
    @property
    def people(self) -> PeopleRepo: ...


IssuesContext = Context[IssuesStore]
