"""Reading a loaded registry document (YAML, or rows of a roster workbook) into an `Organisation`, noting every
problem instead of stopping at the first one.

Two shapes of document: a township's (`township`, `villages`, `people`, `projects` — the original format) and
a county's (`county`, `people` for county cadres, `townships`: a list of township blocks). An entry may carry
`_at` — {"where": "人员表第 5 行", "ref": "第 5 行", "fields": {"role": "C 列（角色）"}} — so problems found in a
workbook name its sheet, row and column rather than the document's keys.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from handlers.registry import (
    DEFAULT_TIMEZONE,
    LEVEL_NAMES,
    PLATFORMS,
    PROJECT_KINDS,
    Membership,
    Milestone,
    Organisation,
    Person,
    Project,
    Registry,
    RegistryError,
    RegistryProblem,
    Village,
)
from handlers.roles import COUNTY_ROLES, ROLES, SUPERVISOR, VILLAGE_ROLES, role_code

_SHEET_OF = {"villages": "单位", "townships": "单位", "people": "人员"}


class _Place:
    """Where an entry is, and how to name its fields (a document key, or a sheet's column)."""

    def __init__(self, where: str, ref: str, fields: Mapping[str, str] | None = None) -> None:
        self.where, self.ref, self.fields = where, ref, dict(fields or {})

    @classmethod
    def of(cls, raw: Mapping[str, Any], where: str, ref: str) -> _Place:
        at = raw.get("_at")
        if isinstance(at, Mapping):
            return cls(str(at.get("where", where)), str(at.get("ref", ref)), at.get("fields"))
        return cls(where, ref)

    def named(self, name: str) -> _Place:
        return self if self.fields else _Place(f"{self.where}（{name}）", self.ref)

    def see(self, key: str) -> str:
        """Where to look for what a row names: the document's key, or the workbook's sheet."""
        return f"见{_SHEET_OF[key]}表" if self.fields else f"见 {key}"

    def label(self, field: str | None) -> str | None:
        return self.fields.get(field, field) if field else None


class _Reader:
    def __init__(self) -> None:
        self.problems: list[RegistryProblem] = []

    def bad(self, place: _Place | str, field: str | None, text: str) -> None:
        if isinstance(place, str):
            place = _Place(place, place)
        self.problems.append(RegistryProblem(place.where, place.label(field), text))

    def text(self, value: Any, place: _Place | str, name: str, *, required: bool = True) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.bad(place, name, "未填写")
            return None
        if isinstance(value, (dict, list)):
            self.bad(place, name, "应为文字，不能是列表或映射")
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a spreadsheet stores 123 typed in a cell as 123.0
        return str(value).strip()

    def texts(self, value: Any, place: _Place, name: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.bad(place, name, "应为列表，如 [一组, 二组]")
            return ()
        return tuple(t for t in (self.text(v, place, name) for v in value) if t)

    def date(self, value: Any, place: _Place, name: str) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.bad(place, name, f"“{value}”不是日期，请写成 YYYY-MM-DD")
            return None

    def named(self, data: Mapping[str, Any], key: str, field_name: str) -> Iterator[tuple[_Place, str, Mapping[str, Any]]]:
        """Entries under `key` with their place, e.g. "people 第 3 项（王芳）", counted from 1."""
        items = data.get(key) or []
        if not isinstance(items, list):
            self.bad(key, None, "应为列表，每项一条记录")
            return
        seen: dict[str, str] = {}
        for n, raw in enumerate(items, start=1):
            if not isinstance(raw, Mapping):
                self.bad(f"{key} 第 {n} 项", None, "应为“字段: 值”的映射，如 {name: …}")
                continue
            place = _Place.of(raw, f"{key} 第 {n} 项", f"第 {n} 项")
            name = self.text(raw.get(field_name), place, field_name)
            if name is None:
                continue
            place = place.named(name)
            if name in seen:
                self.bad(place, field_name, f"与{seen[name]}重复")
                continue
            seen[name] = place.ref
            yield place, name, raw

    def platform_ids(self, raw: Mapping[str, Any], place: _Place) -> tuple[tuple[str, str], ...]:
        """Platform account ids, written either nested under platform_ids or as fields of their own."""
        ids: dict[str, str] = {}
        nested = raw.get("platform_ids") or {}
        if not isinstance(nested, Mapping):
            self.bad(place, "platform_ids", "应为映射，如 {telegram: 123}")
            nested = {}
        for source in (nested, raw):
            for platform in PLATFORMS:
                if source.get(platform) not in (None, ""):
                    ids[platform] = self.text(source[platform], place, platform) or ""
        for platform in nested:
            if platform not in PLATFORMS:
                self.bad(place, "platform_ids", f"未知平台“{platform}”，可用：{'、'.join(PLATFORMS)}")
        return tuple(sorted(ids.items()))

    def villages(self, data: Mapping[str, Any]) -> dict[str, Village]:
        out: dict[str, Village] = {}
        for place, name, raw in self.named(data, "villages", "name"):
            out[name] = Village(name, self.texts(raw.get("aliases"), place, "aliases"),
                                self.texts(raw.get("grids"), place, "grids"), self.level(raw, place, "village"))
        return out

    def known_village(self, village: str | None, villages: Mapping[str, Village], place: _Place,
                      field: str = "village") -> None:
        """A problem when a row names a village the file does not list (nothing said when it names none)."""
        if village and village not in villages:
            self.bad(place, field, f"没有登记“{village}”这个村（{place.see('villages')}）")

    def level(self, raw: Mapping[str, Any], place: _Place, level: str) -> str:
        names = LEVEL_NAMES[level]
        text = self.text(raw.get("level"), place, "level", required=False) or names[0]
        if text not in names:
            self.bad(place, "level", f"“{text}”不是这一级的名称，可用：{'、'.join(names)}")
        return text

    def role(self, value: Any, place: _Place, county: bool) -> str:
        text = self.text(value, place, "role") or ""
        code = role_code(text) if text else None
        if text and code is None:
            usable = COUNTY_ROLES + (SUPERVISOR,) if county else tuple(r for r in ROLES if r not in COUNTY_ROLES)
            self.bad(place, "role", f"“{text}”不是可用的角色，可用：{'、'.join(usable)}")
        return code or text

    def membership(self, raw: Mapping[str, Any], place: _Place, villages: Mapping[str, Village] | None,
                   townships: Mapping[str, Registry] | None) -> Membership:
        """One membership; `villages` given for a township's people, `townships` for a county's."""
        role = self.role(raw.get("role"), place, villages is None)
        village = self.text(raw.get("village"), place, "village", required=False)
        township = self.text(raw.get("township"), place, "township", required=False)
        grids = self.texts(raw.get("grids"), place, "grids")
        if villages is not None:
            if role in COUNTY_ROLES:
                self.bad(place, "role", f"{role} 是县级角色，请列在县的 people 下")
            if township:
                self.bad(place, "township", "乡镇名册中的人员不填写 township")
            self.known_village(village, villages, place)
            # A contact official may cover villages the file does not tie them to; the bot asks once.
            if village is None and role in ("secretary", "grid_worker"):
                self.bad(place, "village", f"角色 {role} 须填写所在村")
        else:
            if role and role not in COUNTY_ROLES + (SUPERVISOR,):
                self.bad(place, "role", f"县级人员的角色只能是 {'、'.join(COUNTY_ROLES + (SUPERVISOR,))}，"
                                        "乡镇和村的人员请列在所在乡镇下")
            if village:
                self.bad(place, "village", "县级人员不填写 village")
            if township and townships is not None and township not in townships:
                self.bad(place, "township", f"没有登记“{township}”这个乡镇（{place.see('townships')}）")
        if grids and village is None:
            self.bad(place, "grids", "填写网格须同时填写所在村")
        home = villages.get(village) if villages is not None and village else None
        for grid in grids:
            if home is not None and grid not in home.grids:
                self.bad(place, "grids", f"“{grid}”不是{village}的网格")
        if role and role not in VILLAGE_ROLES and grids:
            self.bad(place, "grids", "只有网格员、村书记和包村干部填写网格")
        title = self.text(raw.get("title"), place, "title", required=False)
        return Membership(role, village, title, grids, township)

    def people(self, data: Mapping[str, Any], villages: Mapping[str, Village] | None,
               townships: Mapping[str, Registry] | None = None) -> dict[str, Person]:
        """People by name; one with a bad field is still listed, so projects naming them add no second problem."""
        out: dict[str, Person] = {}
        for place, name, raw in self.named(data, "people", "name"):
            first = (self.membership(raw, place, villages, townships),) if raw.get("role") is not None else ()
            more = self.memberships(raw.get("memberships"), place, villages, townships)
            every = first + more
            if not every:
                self.bad(place, "role", "未填写")
                every = (Membership(""),)
            seen = set()
            for m in every:
                key = (m.role, m.township, m.village)
                if key in seen:
                    self.bad(place, "memberships", f"重复登记同一职责（{m.role} {m.village or m.township or ''}）")
                seen.add(key)
            head = every[0]
            out[name] = Person(name, head.role, head.village, head.grids, head.title,
                               self.platform_ids(raw, place), every[1:], head.township)
        return out

    def memberships(self, raw: Any, place: _Place, villages: Mapping[str, Village] | None,
                    townships: Mapping[str, Registry] | None) -> tuple[Membership, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.bad(place, "memberships", "应为列表，如 [{role: contact_official, village: 某村}]")
            return ()
        out = []
        for n, item in enumerate(raw, start=1):
            if not isinstance(item, Mapping):
                self.bad(f"{place.where}的 memberships 第 {n} 项", None, "应为映射，如 {role: …, village: …}")
                continue
            out.append(self.membership(item, _Place.of(item, f"{place.where}的 memberships 第 {n} 项",
                                                       f"第 {n} 项"), villages, townships))
        return tuple(out)

    def milestones(self, raw: Any, place: _Place) -> tuple[Milestone, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.bad(place, "milestones", "应为列表")
            return ()
        out = []
        for n, item in enumerate(raw, start=1):
            where = _Place(f"{place.where}的 milestones 第 {n} 项", f"第 {n} 项")
            if isinstance(item, str):
                out.append(Milestone(item.strip()))
            elif isinstance(item, Mapping):
                at = _Place.of(item, where.where, where.ref)
                title = self.text(item.get("title") or item.get("name"), at, "title") or ""
                out.append(Milestone(title, self.date(item.get("due") or item.get("deadline"), at, "due")))
            else:
                self.bad(where, None, "应为文字，或 {title: …, due: YYYY-MM-DD}")
        return tuple(out)

    def projects(self, data: Mapping[str, Any], township: str, villages: Mapping[str, Village],
                 people: Mapping[str, Person]) -> tuple[Project, ...]:
        out: dict[str, Project] = {}
        for place, pid, raw in self.named(data, "projects", "id"):
            title = self.text(raw.get("title"), place, "title") or ""
            kind = self.text(raw.get("kind"), place, "kind", required=False) or "secretary_project"
            if kind not in PROJECT_KINDS:
                self.bad(place, "kind", f"“{kind}”不是可用的类型，可用：{'、'.join(PROJECT_KINDS)}")
            # A project belongs to a village, or to the township itself (a 乡镇党委 project the county ranks).
            field = "unit" if raw.get("unit") is not None else "village"
            unit = self.text(raw.get(field), place, field) or ""
            village: str | None = None if unit == township else unit
            self.known_village(village, villages, place, field)
            owner = self.text(raw.get("owner"), place, "owner", required=False)
            if owner is not None and owner not in people:
                self.bad(place, "owner", f"没有登记“{owner}”这个人（{place.see('people')}）")
            out[pid] = Project(
                id=pid, title=title, kind=kind, village=village, owner=owner,
                category=self.text(raw.get("category"), place, "category", required=False),
                deadline=self.date(raw.get("deadline"), place, "deadline"), weight=self.weight(raw, place),
                milestones=self.milestones(raw.get("milestones"), place),
                start=self.date(raw.get("start"), place, "start"),
            )
        return tuple(out.values())

    def weight(self, raw: Mapping[str, Any], place: _Place) -> float:
        value = raw.get("weight", 1)
        if value is None or value == "":
            return 1.0
        try:
            weight = float(value)
        except (TypeError, ValueError):
            self.bad(place, "weight", f"“{value}”不是数字")
            return 1.0
        if weight < 0:
            self.bad(place, "weight", "不能为负数")
        return weight

    def timezone(self, data: Mapping[str, Any], place: _Place, default: str) -> str:
        timezone = self.text(data.get("timezone"), place, "timezone", required=False) or default
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            self.bad(place, "timezone", f"未知时区“{timezone}”，请写成 Asia/Shanghai 这样的名称")
        return timezone

    def township(self, data: Mapping[str, Any], place: _Place, county: str | None, timezone: str) -> Registry:
        name = self.text(data.get("township"), place, "township") or ""
        aliases = self.texts(data.get("aliases"), place, "aliases")
        timezone = self.timezone(data, place, timezone)
        villages = self.villages(data)
        people = self.people(data, villages)
        projects = self.projects(data, name, villages, people)
        return Registry(name, county, timezone, tuple(villages.values()), tuple(people.values()), projects, aliases,
                        self.level(data, place, "township"))

    def townships(self, data: Mapping[str, Any], county: str, timezone: str) -> dict[str, Registry]:
        out: dict[str, Registry] = {}
        for place, name, raw in self.named(data, "townships", "township"):
            out[name] = self.township(raw, place, county, timezone)
        return out


def organisation_from_mapping(data: Any) -> Organisation:
    """Validate a loaded township or county document; RegistryError lists every problem."""
    if not isinstance(data, Mapping):
        raise RegistryError([RegistryProblem("名册", None, "应为映射，包含 township、villages、people、projects"
                                             "（或 county、townships）")])
    read = _Reader()
    top = _Place.of(data, "名册", "名册")
    if "townships" not in data:
        township = read.township(data, top, read.text(data.get("county"), top, "county", required=False),
                                 DEFAULT_TIMEZONE)
        if read.problems:
            raise RegistryError(read.problems)
        return Organisation(township.county, (township,), timezone=township.timezone)
    county = read.text(data.get("county"), top, "county") or ""
    timezone = read.timezone(data, top, DEFAULT_TIMEZONE)
    townships = read.townships(data, county, timezone)
    people = read.people(data, None, townships)
    aliases, level = read.texts(data.get("aliases"), top, "aliases"), read.level(data, top, "county")
    if read.problems:
        raise RegistryError(read.problems)
    return Organisation(county, tuple(townships.values()), tuple(people.values()), aliases, timezone,
                        is_county=True, level=level)


def registry_from_mapping(data: Any) -> Registry:
    """Validate a township document and return it as a `Registry` (a county document gives its first township)."""
    return organisation_from_mapping(data).townships[0]
