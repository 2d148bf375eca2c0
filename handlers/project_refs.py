"""A project's lifecycle as handlers see it: its state, plan versions, milestones, topics and the weight rule."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The lifecycle (DESIGN.md, "Project lifecycle"); the values are stored, so they never change.
STATUS = {"declared": "待审核", "returned": "退回修改", "in_progress": "实施中",
          "acceptance_requested": "待验收", "accepted": "已验收"}
APPROVED = ("in_progress", "acceptance_requested", "accepted")
KIND_LABELS = {"secretary_project": "书记项目", "led_matter": "领办事项"}
TOWN_LABEL = "乡镇党委书记项目"  # a township's own project (no village): kind secretary_project, reviewed by the county


@dataclass(frozen=True)
class MilestoneRef:
    """A step of a project's plan with a date; ticked when done."""

    id: int
    title: str
    due: dt.date | None
    done_at: dt.datetime | None = None


@dataclass(frozen=True)
class ProjectState:
    """A project with what its card and its steps need."""

    id: int
    township_id: int
    code: str
    title: str
    kind: str
    status: str
    village_id: int | None
    village: str | None
    owner_id: int | None
    owner: str | None
    category: str | None
    difficulty: str | None
    start: dt.date | None
    deadline: dt.date | None
    weight: float
    showcase: str | None
    plans: int  # how many versions of the plan
    township: str = ""
    county_id: int | None = None
    milestones: tuple[MilestoneRef, ...] = ()

    @property
    def approved(self) -> bool:
        """Whether the township has approved it (only then is it reported on, reminded and scored)."""
        return self.status in APPROVED

    @property
    def town_level(self) -> bool:
        """Whether it is the township's own project (乡镇党委书记项目), which the county reviews."""
        return self.village_id is None

    @property
    def where(self) -> str:
        """Its village, or its township for a township's own project."""
        return self.village or self.township

    @property
    def above(self) -> str:
        """Who reviews and accepts it: 县 for a township's own project, 镇 for a village's."""
        return "县" if self.town_level else "镇"

    @property
    def kind_label(self) -> str:
        """书记项目, 领办事项, or 乡镇党委书记项目."""
        if self.town_level and self.kind == "secretary_project":
            return TOWN_LABEL
        return KIND_LABELS.get(self.kind, "项目")

    @property
    def label(self) -> str:
        """The status as a township office says it."""
        return STATUS.get(self.status, self.status) + ("·示范点" if self.showcase else "")


@dataclass(frozen=True)
class PlanStep:
    """One step of a plan as written: what, and by when."""

    title: str
    due: dt.date | None


@dataclass(frozen=True)
class NewPlan:
    """A version of a 实施方案 as the secretary sent it."""

    text: str
    deadline: dt.date | None
    steps: tuple[PlanStep, ...]


@dataclass(frozen=True)
class NewProject:
    """A project declared in chat, before it is stored."""

    township_id: int
    village_id: int | None
    owner_id: int
    title: str
    kind: str
    category: str | None
    difficulty: str | None
    topic_id: int | None


@dataclass(frozen=True)
class PlanVersion:
    """One stored version of a plan."""

    number: int
    text: str
    deadline: dt.date | None
    steps: tuple[PlanStep, ...]
    author: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class TopicRef:
    """One item of a year's topic menu, and the villages that claimed it."""

    id: int
    year: int
    number: int
    title: str
    claimed_by: tuple[str, ...] = ()
