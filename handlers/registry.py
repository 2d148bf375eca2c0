"""The township registry as plain data: villages, people, projects (DESIGN.md, "Registry file").

Pure: built from an already-loaded mapping (YAML, or rows from the database) and validated here,
so the importer, the parser and the tests share one definition and one set of error messages.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ROLES = ("township_leader", "admin", "secretary", "contact_official", "grid_worker")
PROJECT_KINDS = ("secretary_project", "led_matter")
PLATFORMS = ("telegram", "wecom", "wechat")


@dataclass(frozen=True)
class RegistryProblem:
    """One thing wrong in a registry: the entry (counted from 1), the field, and what to write instead."""

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


class _Reader:
    """Reads a registry document, noting every problem instead of stopping at the first one."""

    def __init__(self) -> None:
        self.problems: list[RegistryProblem] = []

    def bad(self, where: str, name: str | None, text: str) -> None:
        self.problems.append(RegistryProblem(where, name, text))

    def text(self, value: Any, where: str, name: str, *, required: bool = True) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.bad(where, name, "未填写")
            return None
        if isinstance(value, (dict, list)):
            self.bad(where, name, "应为文字，不能是列表或映射")
            return None
        return str(value).strip()

    def texts(self, value: Any, where: str, name: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.bad(where, name, "应为列表，如 [一组, 二组]")
            return ()
        return tuple(t for t in (self.text(v, where, name) for v in value) if t)

    def date(self, value: Any, where: str, name: str) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.bad(where, name, f"“{value}”不是日期，请写成 YYYY-MM-DD")
            return None

    def named(self, data: Mapping[str, Any], key: str, field_name: str) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
        """Entries under `key` with their name (or id) and place, e.g. "people 第 3 项（王芳）", counted from 1."""
        items = data.get(key) or []
        if not isinstance(items, list):
            self.bad(key, None, "应为列表，每项一条记录")
            return
        seen: dict[str, int] = {}
        for n, raw in enumerate(items, start=1):
            if not isinstance(raw, Mapping):
                self.bad(f"{key} 第 {n} 项", None, "应为“字段: 值”的映射，如 {name: …}")
                continue
            name = self.text(raw.get(field_name), f"{key} 第 {n} 项", field_name)
            if name is None:
                continue
            where = f"{key} 第 {n} 项（{name}）"
            if name in seen:
                self.bad(where, field_name, f"与第 {seen[name]} 项重复")
                continue
            seen[name] = n
            yield where, name, raw

    def platform_ids(self, raw: Mapping[str, Any], where: str) -> tuple[tuple[str, str], ...]:
        """Platform account ids, written either nested under platform_ids or as fields of their own."""
        ids: dict[str, str] = {}
        nested = raw.get("platform_ids") or {}
        if not isinstance(nested, Mapping):
            self.bad(where, "platform_ids", "应为映射，如 {telegram: 123}")
            nested = {}
        for source in (nested, raw):
            for platform in PLATFORMS:
                if source.get(platform) not in (None, ""):
                    ids[platform] = self.text(source[platform], where, platform) or ""
        for platform in nested:
            if platform not in PLATFORMS:
                self.bad(where, "platform_ids", f"未知平台“{platform}”，可用：{'、'.join(PLATFORMS)}")
        return tuple(sorted(ids.items()))

    def villages(self, data: Mapping[str, Any]) -> dict[str, Village]:
        out: dict[str, Village] = {}
        for where, name, raw in self.named(data, "villages", "name"):
            out[name] = Village(name, self.texts(raw.get("aliases"), where, "aliases"),
                                self.texts(raw.get("grids"), where, "grids"))
        return out

    def known_village(self, village: str | None, villages: Mapping[str, Village], where: str) -> None:
        """A problem when a row names a village the file does not list (nothing said when it names none)."""
        if village and village not in villages:
            self.bad(where, "village", f"没有登记“{village}”这个村（见 villages）")

    def people(self, data: Mapping[str, Any], villages: Mapping[str, Village]) -> dict[str, Person]:
        """People by name; one with a bad field is still listed, so projects naming them add no second problem."""
        out: dict[str, Person] = {}
        for where, name, raw in self.named(data, "people", "name"):
            role = self.text(raw.get("role"), where, "role") or ""
            if role and role not in ROLES:
                self.bad(where, "role", f"“{role}”不是可用的角色，可用：{'、'.join(ROLES)}")
            village = self.text(raw.get("village"), where, "village", required=False)
            self.known_village(village, villages, where)
            # A contact official may cover several villages; the bot asks which one once and remembers.
            if village is None and role in ("secretary", "grid_worker"):
                self.bad(where, "village", f"角色 {role} 须填写所在村")
            grids = self.texts(raw.get("grids"), where, "grids")
            if grids and village is None:
                self.bad(where, "grids", "填写网格须同时填写所在村")
            home = villages.get(village) if village else None
            for grid in grids:
                if home is not None and grid not in home.grids:
                    self.bad(where, "grids", f"“{grid}”不是{village}的网格")
            title = self.text(raw.get("title"), where, "title", required=False)
            out[name] = Person(name, role, village, grids, title, self.platform_ids(raw, where))
        return out

    def milestones(self, raw: Any, where: str) -> tuple[Milestone, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.bad(where, "milestones", "应为列表")
            return ()
        out = []
        for n, item in enumerate(raw, start=1):
            place = f"{where}的 milestones 第 {n} 项"
            if isinstance(item, str):
                out.append(Milestone(item.strip()))
            elif isinstance(item, Mapping):
                title = self.text(item.get("title") or item.get("name"), place, "title") or ""
                out.append(Milestone(title, self.date(item.get("due") or item.get("deadline"), place, "due")))
            else:
                self.bad(place, None, "应为文字，或 {title: …, due: YYYY-MM-DD}")
        return tuple(out)

    def projects(self, data: Mapping[str, Any], villages: Mapping[str, Village],
                 people: Mapping[str, Person]) -> tuple[Project, ...]:
        out: dict[str, Project] = {}
        for where, pid, raw in self.named(data, "projects", "id"):
            title = self.text(raw.get("title"), where, "title") or ""
            kind = self.text(raw.get("kind"), where, "kind", required=False) or "secretary_project"
            if kind not in PROJECT_KINDS:
                self.bad(where, "kind", f"“{kind}”不是可用的类型，可用：{'、'.join(PROJECT_KINDS)}")
            village = self.text(raw.get("village"), where, "village") or ""
            self.known_village(village, villages, where)
            owner = self.text(raw.get("owner"), where, "owner", required=False)
            if owner is not None and owner not in people:
                self.bad(where, "owner", f"没有登记“{owner}”这个人（见 people）")
            out[pid] = Project(
                id=pid, title=title, kind=kind, village=village, owner=owner,
                category=self.text(raw.get("category"), where, "category", required=False),
                deadline=self.date(raw.get("deadline"), where, "deadline"), weight=self.weight(raw, where),
                milestones=self.milestones(raw.get("milestones"), where),
                start=self.date(raw.get("start"), where, "start"),
            )
        return tuple(out.values())

    def weight(self, raw: Mapping[str, Any], where: str) -> float:
        value = raw.get("weight", 1)
        try:
            weight = float(value)
        except (TypeError, ValueError):
            self.bad(where, "weight", f"“{value}”不是数字")
            return 1.0
        if weight < 0:
            self.bad(where, "weight", "不能为负数")
        return weight


def registry_from_mapping(data: Any) -> Registry:
    """Validate a loaded registry document and return it as a `Registry`; RegistryError lists every problem."""
    if not isinstance(data, Mapping):
        raise RegistryError([RegistryProblem("名册", None, "应为映射，包含 township、villages、people、projects")])
    read = _Reader()
    township = read.text(data.get("township"), "名册", "township") or ""
    county = read.text(data.get("county"), "名册", "county", required=False)
    timezone = read.text(data.get("timezone"), "名册", "timezone", required=False) or "Asia/Shanghai"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        read.bad("名册", "timezone", f"未知时区“{timezone}”，请写成 Asia/Shanghai 这样的名称")
    villages = read.villages(data)
    people = read.people(data, villages)
    projects = read.projects(data, villages, people)
    if read.problems:
        raise RegistryError(read.problems)
    return Registry(township, county, timezone, tuple(villages.values()), tuple(people.values()), projects)
