"""The organisation as plain data: a county's townships, their villages, people and projects (README, "Registry").

Pure: built by `handlers.registry_reader` from a loaded document (YAML, a roster workbook, or the database) and
validated there, so importers, the parser and the tests share one definition and one set of error messages.
A `Registry` is one township as the parser sees it; an `Organisation` is what a file holds: a county (or no
county) with its own people and one or more townships.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

PROJECT_KINDS = ("secretary_project", "led_matter")
PROJECT_KIND_LABELS = {"secretary_project": "书记项目", "led_matter": "领办事项"}
PLATFORMS = ("telegram", "wecom", "wechat")
DEFAULT_TIMEZONE = "Asia/Shanghai"
# What each level of the tree is called, the default first (a 社区 is a village-level unit, a 区 a county).
LEVEL_NAMES = {"county": ("县", "区", "市"), "township": ("镇", "乡", "街道"), "village": ("村", "社区")}


@dataclass(frozen=True)
class RegistryProblem:
    """One thing wrong in a registry: where (an entry counted from 1, or a sheet row), the field, what to do."""

    where: str
    field: str | None
    text: str

    def __str__(self) -> str:
        if not self.where:
            return self.text
        return f"{self.where}的 {self.field}：{self.text}" if self.field else f"{self.where}：{self.text}"


class RegistryError(ValueError):
    """Everything wrong with a registry document, listed at once (one problem per line)."""

    def __init__(self, problems: Sequence[RegistryProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Village:
    name: str
    aliases: tuple[str, ...] = ()
    grids: tuple[str, ...] = ()
    level: str = "村"


@dataclass(frozen=True)
class Membership:
    """A role held on a unit: a village of the person's township, the township itself (no village), or — for
    people of a county — one township of it (or the county itself, no township)."""

    role: str
    village: str | None = None
    title: str | None = None
    grids: tuple[str, ...] = ()
    township: str | None = None


@dataclass(frozen=True)
class Person:
    """A person with their first membership in the flat fields (what the parser reads) and any others in `more`."""

    name: str
    role: str
    village: str | None = None
    grids: tuple[str, ...] = ()
    title: str | None = None
    platform_ids: tuple[tuple[str, str], ...] = ()
    more: tuple[Membership, ...] = ()
    township: str | None = None  # the first membership's township, for people of a county

    @property
    def memberships(self) -> tuple[Membership, ...]:
        """Every membership, the first one first."""
        return (Membership(self.role, self.village, self.title, self.grids, self.township),) + self.more


@dataclass(frozen=True)
class Milestone:
    title: str
    due: dt.date | None = None


@dataclass(frozen=True)
class Project:
    """A project of a village, or of the township itself when `village` is None (a 乡镇党委 project)."""

    id: str
    title: str
    kind: str
    village: str | None
    owner: str | None = None
    category: str | None = None
    deadline: dt.date | None = None
    weight: float = 1.0
    milestones: tuple[Milestone, ...] = ()
    start: dt.date | None = None


@dataclass(frozen=True)
class Registry:
    """One township: its villages, people and projects."""

    township: str
    county: str | None = None
    timezone: str = DEFAULT_TIMEZONE
    villages: tuple[Village, ...] = ()
    people: tuple[Person, ...] = ()
    projects: tuple[Project, ...] = ()
    aliases: tuple[str, ...] = ()
    level: str = "镇"
    _by_name: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    def village(self, name: str) -> Village | None:
        """The village with this registered name, or None."""
        return self._index("village", self.villages).get(name)

    def person(self, name: str) -> Person | None:
        """The person with this registered name, or None."""
        return self._index("person", self.people).get(name)

    def projects_of(self, village: str) -> tuple[Project, ...]:
        """Projects of one village, in registry order."""
        return tuple(p for p in self.projects if p.village == village)

    def _index(self, kind: str, items: Sequence[Village] | Sequence[Person]) -> dict[str, Any]:
        # A frozen dataclass cannot cache attributes, so the lookup tables live in one dict field.
        if kind not in self._by_name:
            self._by_name[kind] = {item.name: item for item in items}
        return self._by_name[kind]


@dataclass(frozen=True)
class Organisation:
    """What a registry file holds: a county (named, or None for a lone township file), its people, its townships."""

    county: str | None
    townships: tuple[Registry, ...]
    people: tuple[Person, ...] = ()  # people of the county itself: county cadres, county supervisors
    aliases: tuple[str, ...] = ()
    timezone: str = DEFAULT_TIMEZONE
    is_county: bool = False  # a county file (the county is a unit of its own), not a township file's label
    level: str = "县"  # what the county is called: 县, 区 or 市

    def township(self, name: str) -> Registry | None:
        """A township of the file by name."""
        return next((t for t in self.townships if t.township == name), None)
