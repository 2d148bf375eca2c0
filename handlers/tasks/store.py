"""The repositories the task handlers use: nothing else of the store is within their reach."""
from __future__ import annotations

from typing import Protocol

from handlers.context import Context
from handlers.ports import ConversationRepo, DirectoryStore, PeopleRepo, PlaceRepo, TaskRepo


class TasksStore(DirectoryStore, Protocol):
    """Tasks and the questions about them; people and bound chats to hand off to."""

    @property
    def tasks(self) -> TaskRepo: ...
    @property
    def conversations(self) -> ConversationRepo: ...
    @property
    def people(self) -> PeopleRepo: ...
    @property
    def places(self) -> PlaceRepo: ...


TasksContext = Context[TasksStore]
