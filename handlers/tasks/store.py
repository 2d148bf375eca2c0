"""The repositories the task handlers use: nothing else of the store is within their reach."""
from __future__ import annotations

from typing import Protocol

from handlers.context import Context
from handlers.ports import ConversationRepo, DirectoryStore, PeopleRepo, PlaceRepo, ReportRepo, TownshipRepo
from handlers.task_tree_ports import TaskTreeRepo


class TasksStore(DirectoryStore, Protocol):
    """Tasks and the questions about them; people and bound chats to hand off to; the county's towns; the month's
    reports (a chase for reports goes only to whoever owes one)."""

    @property
    def tasks(self) -> TaskTreeRepo: ...
    @property
    def conversations(self) -> ConversationRepo: ...
    @property
    def people(self) -> PeopleRepo: ...
    @property
    def places(self) -> PlaceRepo: ...
    @property
    def townships(self) -> TownshipRepo: ...
    @property
    def reports(self) -> ReportRepo: ...


TasksContext = Context[TasksStore]
