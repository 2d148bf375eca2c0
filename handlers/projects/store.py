"""The repositories the project handlers use: nothing else of the store is within their reach."""
from __future__ import annotations

from typing import Protocol

from handlers.context import Context
from handlers.county_ports import CountyPeopleRepo
from handlers.ports import AuditRepo, ConversationRepo, DirectoryStore, PeopleRepo, PlaceRepo, TaskRepo
from handlers.project_ports import ProjectRepo, WeightRuleRepo
from handlers.summary_ports import SummaryRepo


class ProjectsStore(DirectoryStore, Protocol):
    """Projects and their weight rule; people (of the county too) and chats to tell; 整改 tasks; open questions;
    audit; money reported."""

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
    @property
    def summary(self) -> SummaryRepo: ...
    @property
    def county_people(self) -> CountyPeopleRepo: ...


ProjectsContext = Context[ProjectsStore]
