"""The repositories the project handlers use: nothing else of the store is within their reach."""
from __future__ import annotations

from typing import Protocol

from handlers.context import Context
from handlers.ports import AuditRepo, ConversationRepo, DirectoryStore, PeopleRepo, PlaceRepo, TaskRepo
from handlers.project_ports import ProjectRepo, WeightRuleRepo


class ProjectsStore(DirectoryStore, Protocol):
    """Projects and their weight rule; people and group chats to tell; tasks (整改 items); open questions; audit."""

    @property
    def projects(self) -> ProjectRepo: ...
    @property
    def weight_rule(self) -> WeightRuleRepo: ...
    @property
    def people(self) -> PeopleRepo: ...
    @property
    def places(self) -> PlaceRepo: ...
    @property
    def tasks(self) -> TaskRepo: ...
    @property
    def conversations(self) -> ConversationRepo: ...
    @property
    def audit(self) -> AuditRepo: ...


ProjectsContext = Context[ProjectsStore]
