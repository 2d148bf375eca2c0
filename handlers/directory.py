"""A township's registry as handlers use it: the parser, projects with their ids, and lookups.

Building a parser indexes every name of the registry, so one is kept per township and rebuilt only
when an import bumps the township's registry version.
"""
from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from zoneinfo import ZoneInfo

from handlers.parse import MessageParser
from handlers.ports import DirectoryStore
from handlers.refs import PersonRef, ProjectRef
from handlers.registry import Person, Registry
from handlers.roles import REPORTERS


@dataclass(frozen=True)
class Directory:
    """One township's registry, parser and ids, as of one registry version."""

    version: int
    registry: Registry
    parser: MessageParser
    projects: tuple[ProjectRef, ...]
    village_ids: dict[str, int] = field(default_factory=dict)
    # What every report asks of the lifecycle, known once per registry version (every status change and every
    # new plan bumps it): projects still under review, and those with milestones to look at.
    under_review: tuple[ProjectRef, ...] = ()
    with_milestones: frozenset[int] = frozenset()
    # The township's own approved projects (乡镇党委书记项目), reported on by its leaders and admins; apart from
    # `projects`, which are the villages' (what villages owe, what digests and ledgers list by village).
    town_projects: tuple[ProjectRef, ...] = ()

    @property
    def zone(self) -> ZoneInfo:
        """The township's time zone."""
        return ZoneInfo(self.registry.timezone)

    def local(self, now: dt.datetime) -> dt.datetime:
        """`now` on the township's clock."""
        return now.astimezone(self.zone)

    # A county directory holds a thousand projects; every message looks one up, so index them once.
    @cached_property
    def _by_code(self) -> dict[str, ProjectRef]:
        return {p.code: p for p in self.projects}

    @cached_property
    def _by_title(self) -> dict[str, ProjectRef]:
        return {p.title: p for p in self.projects}

    @cached_property
    def _by_village(self) -> dict[str, tuple[ProjectRef, ...]]:
        grouped: dict[str, list[ProjectRef]] = {}
        for p in self.projects:
            grouped.setdefault(p.village, []).append(p)
        return {village: tuple(items) for village, items in grouped.items()}

    def project(self, code: str) -> ProjectRef | None:
        """A project by its registry id."""
        return self._by_code.get(code)

    def project_by_title(self, title: str) -> ProjectRef | None:
        """A project by its registered title."""
        return self._by_title.get(title)

    def town_project(self, title: str) -> ProjectRef | None:
        """The township's own approved project with this registered title."""
        return next((p for p in self.town_projects if p.title == title), None)

    def projects_of(self, village: str) -> tuple[ProjectRef, ...]:
        """A village's projects in registry order."""
        return self._by_village.get(village, ())

    def reporters_of(self, village: str) -> tuple[Person, ...]:
        """Who may report for a village: its secretaries and contact officials."""
        return tuple(p for p in self.registry.people
                     if any(m.village == village and m.role in REPORTERS for m in p.memberships))

    def as_registry_person(self, person: PersonRef) -> Person:
        """The parser's view of a sender (with a remembered village standing in for a missing one)."""
        return Person(person.name, person.role, person.reporting_village, person.grids, person.title)

    def as_reporter(self, person: PersonRef) -> Person:
        """The sender as the parser sees a secretary: how a leader's or admin's report is read (a township's own
        project is reported by its leaders and admins, as a village's by its secretary)."""
        return Person(person.name, "secretary", person.reporting_village, person.grids, person.title)

    def own_project_reported(self, text: str, person: PersonRef, now: dt.datetime) -> ProjectRef | None:
        """The township's own project a message reports on, read as a reporter would read it; None if none."""
        if not self.town_projects:
            return None
        probe = self.parser.parse(text, self.as_reporter(person), now)
        if probe.kind != "report" or probe.report is None or probe.report.project is None:
            return None
        return self.town_project(probe.report.project)


class DirectoryCache:
    """Directories by township, refreshed when the registry version moves."""

    def __init__(self) -> None:
        self._by_township: dict[int, Directory] = {}
        self._building: dict[int, asyncio.Lock] = {}

    async def get(self, store: DirectoryStore, township_id: int, version: int) -> Directory:
        """The directory for this township at this registry version."""
        cached = self._by_township.get(township_id)
        if cached is not None and cached.version == version:
            return cached
        # One build per township at a time: a burst of messages after a start must not build it fifty times.
        async with self._building.setdefault(township_id, asyncio.Lock()):
            cached = self._by_township.get(township_id)
            if cached is not None and cached.version == version:
                return cached
            return await self._build(store, township_id, version)

    async def _build(self, store: DirectoryStore, township_id: int, version: int) -> Directory:
        registry = await store.registry.snapshot(township_id)
        approved = tuple(await store.registry.projects(township_id))
        ids = {p.id for p in approved}
        every = await store.registry.projects(township_id, approved_only=False)
        directory = Directory(version, registry, MessageParser(registry), approved,
                              await store.registry.village_ids(township_id),
                              tuple(p for p in every if p.id not in ids),
                              frozenset(await store.registry.with_milestones(township_id)),
                              tuple(await store.registry.projects(township_id, own=True)))
        self._by_township[township_id] = directory
        return directory
