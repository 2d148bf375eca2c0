"""The township registry as plain data: villages, people, projects (DESIGN.md, "Registry file").

Pure: built from an already-loaded mapping (YAML, or rows from the database) and validated here,
so the importer, the parser and the tests share one definition and one set of error messages.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ROLES = ("township_leader", "admin", "secretary", "contact_official", "grid_worker")
PROJECT_KINDS = ("secretary_project", "led_matter")
PLATFORMS = ("telegram", "wecom", "wechat")


class RegistryError(ValueError):
    """A registry entry that cannot be used; names the entry and the field."""

    def __init__(self, entry: str, field_name: str, problem: str) -> None:
        super().__init__(f"{entry}: field '{field_name}': {problem}")
        self.entry = entry
        self.field = field_name
        self.problem = problem


@dataclass(frozen=True)
class Village:
    name: str
    aliases: tuple[str, ...] = ()
    grids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    village: str | None = None
    grids: tuple[str, ...] = ()
    title: str | None = None
    platform_ids: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Milestone:
    title: str
    due: dt.date | None = None


@dataclass(frozen=True)
class Project:
    id: str
    title: str
    kind: str
    village: str
    owner: str | None = None
    category: str | None = None
    deadline: dt.date | None = None
    weight: float = 1.0
    milestones: tuple[Milestone, ...] = ()
    start: dt.date | None = None


@dataclass(frozen=True)
class Registry:
    township: str
    county: str | None = None
    timezone: str = "Asia/Shanghai"
    villages: tuple[Village, ...] = ()
    people: tuple[Person, ...] = ()
    projects: tuple[Project, ...] = ()
    _by_name: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

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


def _text(value: Any, entry: str, name: str, *, required: bool = True) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RegistryError(entry, name, "missing")
        return None
    if isinstance(value, (dict, list)):
        raise RegistryError(entry, name, f"expected text, got {type(value).__name__}")
    return str(value).strip()


def _texts(value: Any, entry: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise RegistryError(entry, name, "expected a list")
    return tuple(_text(v, entry, name) or "" for v in value)


def _date(value: Any, entry: str, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise RegistryError(entry, name, f"not a date (YYYY-MM-DD): {value!r}") from None


def _entries(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = data.get(key) or []
    if not isinstance(items, list):
        raise RegistryError(key, key, "expected a list")
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise RegistryError(f"{key}[{i}]", "-", "expected a mapping of fields")
    return items


def _platform_ids(raw: Mapping[str, Any], entry: str) -> tuple[tuple[str, str], ...]:
    ids: dict[str, str] = {}
    nested = raw.get("platform_ids") or {}
    if not isinstance(nested, Mapping):
        raise RegistryError(entry, "platform_ids", "expected a mapping such as {telegram: 123}")
    for source in (nested, raw):
        for platform in PLATFORMS:
            if source.get(platform) not in (None, ""):
                ids[platform] = _text(source[platform], entry, platform) or ""
    for platform in nested:
        if platform not in PLATFORMS:
            raise RegistryError(entry, "platform_ids", f"unknown platform {platform!r}")
    return tuple(sorted(ids.items()))


def _villages(data: Mapping[str, Any]) -> tuple[Village, ...]:
    out: dict[str, Village] = {}
    for i, raw in enumerate(_entries(data, "villages")):
        entry = f"villages[{i}]"
        name = _text(raw.get("name"), entry, "name") or ""
        entry = f"villages[{i}] ({name})"
        if name in out:
            raise RegistryError(entry, "name", "duplicate village name")
        out[name] = Village(name, _texts(raw.get("aliases"), entry, "aliases"),
                            _texts(raw.get("grids"), entry, "grids"))
    return tuple(out.values())


def _people(data: Mapping[str, Any], villages: Mapping[str, Village]) -> tuple[Person, ...]:
    out: dict[str, Person] = {}
    for i, raw in enumerate(_entries(data, "people")):
        name = _text(raw.get("name"), f"people[{i}]", "name") or ""
        entry = f"people[{i}] ({name})"
        if name in out:
            raise RegistryError(entry, "name", "duplicate person name")
        role = _text(raw.get("role"), entry, "role") or ""
        if role not in ROLES:
            raise RegistryError(entry, "role", f"{role!r} is not one of {', '.join(ROLES)}")
        village = _text(raw.get("village"), entry, "village", required=False)
        if village is not None and village not in villages:
            raise RegistryError(entry, "village", f"unknown village {village!r}")
        # A contact official may cover several villages; the bot asks which one once and remembers.
        if village is None and role in ("secretary", "grid_worker"):
            raise RegistryError(entry, "village", f"a {role} needs a village")
        grids = _texts(raw.get("grids"), entry, "grids")
        for grid in grids:
            if village is None or grid not in villages[village].grids:
                raise RegistryError(entry, "grids", f"grid {grid!r} is not a grid of {village}")
        title = _text(raw.get("title"), entry, "title", required=False)
        out[name] = Person(name, role, village, grids, title, _platform_ids(raw, entry))
    return tuple(out.values())


def _milestones(raw: Any, entry: str) -> tuple[Milestone, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise RegistryError(entry, "milestones", "expected a list")
    out = []
    for j, item in enumerate(raw):
        where = f"{entry} milestones[{j}]"
        if isinstance(item, str):
            out.append(Milestone(item.strip()))
        elif isinstance(item, Mapping):
            title = _text(item.get("title") or item.get("name"), where, "title") or ""
            out.append(Milestone(title, _date(item.get("due") or item.get("deadline"), where, "due")))
        else:
            raise RegistryError(where, "title", "expected text or {title, due}")
    return tuple(out)


def _projects(data: Mapping[str, Any], villages: Mapping[str, Village],
              people: Mapping[str, Person]) -> tuple[Project, ...]:
    out: dict[str, Project] = {}
    for i, raw in enumerate(_entries(data, "projects")):
        pid = _text(raw.get("id"), f"projects[{i}]", "id") or ""
        entry = f"projects[{i}] ({pid})"
        if pid in out:
            raise RegistryError(entry, "id", "duplicate project id")
        title = _text(raw.get("title"), entry, "title") or ""
        kind = _text(raw.get("kind"), entry, "kind", required=False) or "secretary_project"
        if kind not in PROJECT_KINDS:
            raise RegistryError(entry, "kind", f"{kind!r} is not one of {', '.join(PROJECT_KINDS)}")
        village = _text(raw.get("village"), entry, "village") or ""
        if village not in villages:
            raise RegistryError(entry, "village", f"unknown village {village!r}")
        owner = _text(raw.get("owner"), entry, "owner", required=False)
        if owner is not None and owner not in people:
            raise RegistryError(entry, "owner", f"unknown person {owner!r}")
        weight_raw = raw.get("weight", 1)
        try:
            weight = float(weight_raw)
        except (TypeError, ValueError):
            raise RegistryError(entry, "weight", f"not a number: {weight_raw!r}") from None
        if weight < 0:
            raise RegistryError(entry, "weight", "must not be negative")
        out[pid] = Project(
            id=pid, title=title, kind=kind, village=village, owner=owner,
            category=_text(raw.get("category"), entry, "category", required=False),
            deadline=_date(raw.get("deadline"), entry, "deadline"), weight=weight,
            milestones=_milestones(raw.get("milestones"), entry),
            start=_date(raw.get("start"), entry, "start"),
        )
    return tuple(out.values())


def registry_from_mapping(data: Any) -> Registry:
    """Validate a loaded registry document and return it as a `Registry`; raises RegistryError."""
    if not isinstance(data, Mapping):
        raise RegistryError("registry", "-", "the file must be a mapping with township, villages, people, projects")
    township = _text(data.get("township"), "registry", "township") or ""
    county = _text(data.get("county"), "registry", "county", required=False)
    timezone = _text(data.get("timezone"), "registry", "timezone", required=False) or "Asia/Shanghai"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise RegistryError("registry", "timezone", f"unknown time zone {timezone!r}") from None
    villages = _villages(data)
    by_village = {v.name: v for v in villages}
    people = _people(data, by_village)
    projects = _projects(data, by_village, {p.name: p for p in people})
    return Registry(township, county, timezone, villages, people, projects)
