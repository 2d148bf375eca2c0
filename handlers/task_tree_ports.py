"""Tasks as a tree: what a county handed to its towns, and what a town passed down to its villages."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from handlers.ports import TaskRepo
from handlers.refs import TaskRef


class TaskTreeRepo(TaskRepo, Protocol):
    """TaskRepo with the county's hand-offs and the sub-tasks they were passed down as."""

    async def from_county(self, township_ids: Sequence[int]) -> list[TaskRef]:
        """Tasks a county cadre handed to these towns (not sub-tasks), by deadline."""
        ...

    async def sub_tasks(self, parent_ids: Sequence[int]) -> list[TaskRef]:
        """The tasks these were passed down as, by deadline."""
        ...
