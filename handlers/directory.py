"""A township's registry as handlers use it: the parser, projects with their ids, and lookups.

Building a parser indexes every name of the registry, so one is kept per township and rebuilt only
when an import bumps the township's registry version.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from handlers.parse import MessageParser
from handlers.ports import PersonRef, ProjectRef, Store
from handlers.registry import Person, Registry


@dataclass(frozen=True)
class Directory:
    """One township's registry, parser and ids, as of one registry version."""

    version: int
    registry: Registry
    parser: MessageParser
    projects: tuple[ProjectRef, ...]
    village_ids: dict[str, int] = field(default_factory=dict)

    @property
    def zone(self) -> ZoneInfo:
        """The township's time zone."""
        return ZoneInfo(self.registry.timezone)

    def local(self, now: dt.datetime) -> dt.datetime:
        """`now` on the township's clock."""
        return now.astimezone(self.zone)

    def project(self, code: str) -> ProjectRef | None:
        """A project by its registry id."""
        return next((p for p in self.projects if p.code == code), None)

    def project_by_title(self, title: str) -> ProjectRef | None:
        """A project by its registered title."""
        return next((p for p in self.projects if p.title == title), None)

    def projects_of(self, village: str) -> tuple[ProjectRef, ...]:
        """A village's projects in registry order."""
        return tuple(p for p in self.projects if p.village == village)

    def reporters_of(self, village: str) -> tuple[Person, ...]:
        """Who may report for a village: its secretaries and contact officials."""
        return tuple(p for p in self.registry.people
                     if p.village == village and p.role in ("secretary", "contact_official"))

    def as_registry_person(self, person: PersonRef) -> Person:
        """The parser's view of a sender (with a remembered village standing in for a missing one)."""
        return Person(person.name, person.role, person.reporting_village, person.grids, person.title)


class DirectoryCache:
    """Directories by township, refreshed when the registry version moves."""

    def __init__(self) -> None:
        self._by_township: dict[int, Directory] = {}

    async def get(self, store: Store, township_id: int, version: int) -> Directory:
        """The directory for this township at this registry version."""
        cached = self._by_township.get(township_id)
        if cached is not None and cached.version == version:
            return cached
        registry = await store.registry.snapshot(township_id)
        directory = Directory(version, registry, MessageParser(registry),
                              tuple(await store.registry.projects(township_id)),
                              await store.registry.village_ids(township_id))
        self._by_township[township_id] = directory
        return directory
