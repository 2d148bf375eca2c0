"""The ports of the project lifecycle: projects with their plans, steps and topics, and the weight rule."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from handlers.project_refs import MilestoneRef, NewPlan, NewProject, PlanVersion, ProjectState, TopicRef
from handlers.refs import TaskEventRef
from handlers.roles import Unit


class ProjectRepo(Protocol):
    async def get(self, project_id: int) -> ProjectState | None: ...
    async def of_township(self, township_id: int, village_id: int | None = None) -> list[ProjectState]:
        """Active projects of a township, or of one of its villages."""
        ...
    async def of_county(self, county_id: int) -> list[ProjectState]:
        """Active own projects (乡镇党委书记项目) of every township of a county."""
        ...
    async def declare(self, project: NewProject, plan: NewPlan, *, now: dt.datetime, inbox_id: int | None) -> int:
        """Store a declared project (待审核) with its first plan; its id."""
        ...
    async def revise(self, project_id: int, plan: NewPlan, *, author_id: int, now: dt.datetime,
                     inbox_id: int | None) -> int:
        """A new version of the plan, back to 待审核; its number."""
        ...
    async def change(self, project_id: int, kind: str, *, actor_id: int | None, now: dt.datetime,
                     inbox_id: int | None, note: str | None = None, data: dict[str, Any] | None = None,
                     **fields: Any) -> ProjectState:
        """Set fields and record the step."""
        ...
    async def tick(self, project_id: int, milestone_id: int, *, actor_id: int, now: dt.datetime,
                   inbox_id: int | None) -> ProjectState: ...
    async def inspect(self, project_id: int, *, inspector_id: int, note: str, findings: Sequence[str],
                      photos: Sequence[str], now: dt.datetime, inbox_id: int | None) -> int: ...
    async def open_milestones(self, project_id: int) -> list[MilestoneRef]: ...
    async def plans(self, project_id: int) -> list[PlanVersion]: ...
    async def history(self, project_id: int) -> list[TaskEventRef]: ...
    async def publish_topics(self, unit: Unit, year: int, titles: Sequence[str], *, by_id: int,
                             now: dt.datetime) -> list[TopicRef]:
        """Add to the year's menu of a township (for its villages) or a county (for its towns)."""
        ...
    async def topics(self, unit: Unit, year: int) -> list[TopicRef]: ...


class WeightRuleRepo(Protocol):
    async def factors(self, unit: Unit) -> dict[tuple[str, str], float]:
        """The factors a township (or a county, for its towns' own projects) set, by (factor, key)."""
        ...
    async def set(self, unit: Unit, factor: str, key: str, value: float | None) -> None: ...
