"""Rows of the roster sheets → the registry document `organisation_from_mapping` validates, each entry with `_at`
(sheet, row, columns) so its problems name cells; plus the problems only sheets can have (a unit whose 上级 is not
listed, a village name two townships share, a milestone of no project, one 编号 twice, two ids for one account).

Who is one person: rows with the same 姓名 whose units lie in one township; rows on the county, or with a county
role, are the county's person of that name. In a county roster someone who is only 督导 of a township is read as a
county supervisor of that township (the same permission, and 督导组 are county bodies).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.roster.cells import split
from bot.roster.layout import LEVEL_OF, LEVELS, MILESTONES, PEOPLE, PROJECTS, SHEETS, UNITS, Row, Sheet
from handlers.registry import DEFAULT_TIMEZONE, PLATFORMS, PROJECT_KIND_LABELS, RegistryProblem
from handlers.roles import COUNTY_ROLES, SUPERVISOR, role_code

_KIND_CODE = {label: code for code, label in PROJECT_KIND_LABELS.items()}
# A village named with its township: 镇名/村名 (the full-width slash of a Chinese input method too).
_QUALIFIED = re.compile(r"^(.+?)\s*[/／]\s*(.+)$")
# The labels of a township or county entry's document fields, which the 单位 sheet's columns fill.
_TOWN_FIELDS = {**UNITS.labels, "township": UNITS.label("name"), "county": UNITS.label("parent")}
_COUNTY_FIELDS = {**UNITS.labels, "county": UNITS.label("name")}
_PERSON_FIELDS = {**PEOPLE.labels, "village": PEOPLE.label("unit"), "township": PEOPLE.label("unit")}
_VILLAGE_FIELDS, _PROJECT_FIELDS, _MILESTONE_FIELDS = UNITS.labels, PROJECTS.labels, MILESTONES.labels
# Column positions, looked up once: the builder runs over thousands of rows.
_UNIT_COLUMNS = tuple(UNITS.index(k) for k in ("name", "parent", "level", "aliases", "grids"))
_PERSON_COLUMNS = tuple(PEOPLE.index(k) for k in ("name", "role", "unit", "title", "grids"))
_PLATFORM_COLUMNS = tuple((p, PEOPLE.index(p)) for p in PLATFORMS)


@dataclass(frozen=True)
class SheetRows:
    """One sheet's rows with the row number each has in its file (the header is row 1), and where they came from:
    "" for the file being imported, or a prefix such as "已导入的" for rows taken from the database."""

    sheet: Sheet
    rows: Sequence[tuple[int, Row]]
    source: str = ""

    def where(self, n: int) -> str:
        """How a problem names row `n`, e.g. "人员表第 5 行"."""
        return f"{self.source}{self.sheet.name}表第 {n} 行"

    def at(self, n: int, fields: Mapping[str, str]) -> dict[str, Any]:
        """The `_at` of an entry read from row `n`."""
        return {"where": self.where(n), "ref": f"第 {n} 行", "fields": fields}


@dataclass(frozen=True)
class _Unit:
    level: str  # county, township or village
    township: str | None = None
    village: str | None = None


@dataclass
class _Membership:
    n: int
    role_text: str
    role: str | None
    unit: _Unit
    title: str | None
    grids: list[str]
    ids: dict[str, str]


@dataclass
class _PersonRows:
    name: str
    township: str | None  # None for a county person
    rows: list[_Membership] = field(default_factory=list)


class _Builder:
    def __init__(self, timezones: Mapping[str, str]) -> None:
        self.timezones = timezones
        self.problems: list[RegistryProblem] = []
        self.county: dict[str, Any] | None = None
        self.towns: dict[str, dict[str, Any]] = {}  # the first block of each name (a second one is a problem)
        self.blocks: list[dict[str, Any]] = []
        self.villages: dict[str, dict[str, None]] = defaultdict(dict)  # village name → its townships, in order
        self.county_people: list[dict[str, Any]] = []
        self._units: dict[str, _Unit | str] = {}

    def bad(self, rows: SheetRows, n: int, key: str | None, text: str) -> None:
        self.problems.append(RegistryProblem(rows.where(n), rows.sheet.label(key) if key else None, text))

    # 单位 ------------------------------------------------------------------------------------------------------
    def units(self, rows: SheetRows) -> None:
        towns_parents: list[tuple[int, str | None, dict[str, Any]]] = []
        village_rows: list[tuple[int, str, str | None, dict[str, Any]]] = []
        for n, row in rows.rows:
            name, parent, level, aliases, grids = (row[k] for k in _UNIT_COLUMNS)
            if not name:
                self.bad(rows, n, "name", "未填写")
                continue
            name, level = str(name), str(level) if level else None
            kind = LEVEL_OF.get(level) if level else None
            if kind is None:
                self.bad(rows, n, "level", f"“{level}”不是可用的层级，可用：{'、'.join(LEVELS)}" if level else
                         f"未填写（可用：{'、'.join(LEVELS)}）")
                continue
            if grids and kind != "village":
                self.bad(rows, n, "grids", "只有村（社区）填写网格")
            parent_text = str(parent) if parent else None
            if kind == "county":
                if self.county is not None:
                    self.bad(rows, n, "name", f"一份名册只能登记一个县，{self.county['_at']['ref']}已登记"
                                              f"“{self.county['county']}”")
                    continue
                if parent_text:
                    self.bad(rows, n, "parent", "县不填写上级")
                self.county = {"county": name, "aliases": split(_text(aliases)), "level": level,
                               "_at": rows.at(n, _COUNTY_FIELDS)}
            elif kind == "township":
                block = {"township": name, "aliases": split(_text(aliases)), "level": level, "villages": [],
                         "people": [], "projects": [], "_at": rows.at(n, _TOWN_FIELDS)}
                if name in self.timezones:
                    block["timezone"] = self.timezones[name]
                self.blocks.append(block)
                self.towns.setdefault(name, block)
                towns_parents.append((n, parent_text, block))
            else:
                village_rows.append((n, name, parent_text, {"name": name, "aliases": split(_text(aliases)),
                                                             "grids": split(_text(grids)), "level": level,
                                                             "_at": rows.at(n, _VILLAGE_FIELDS)}))
        for n, parent_text, block in towns_parents:
            self._township_parent(rows, n, parent_text, block)
        village_names = {name for _, name, _, _ in village_rows}
        for n, name, parent_text, village in village_rows:
            if not parent_text:
                self.bad(rows, n, "parent", "未填写（村、社区填写所属乡镇）")
            elif parent_text in self.towns:
                self.towns[parent_text]["villages"].append(village)
                self.villages[name][parent_text] = None
            elif parent_text in village_names or self._is_unit_name(parent_text):
                self.bad(rows, n, "parent", f"“{parent_text}”不是乡镇，村（社区）的上级应为乡镇")
            else:
                self.bad(rows, n, "parent", f"单位表中没有“{parent_text}”")
        if not self.blocks and self.county is None:
            self.problems.append(RegistryProblem(f"{rows.source}{UNITS.name}表", None,
                                                 "没有登记任何乡镇（层级填“镇”“乡”或“街道”）"))

    def _township_parent(self, rows: SheetRows, n: int, parent: str | None, block: dict[str, Any]) -> None:
        if self.county is not None:
            if parent and parent != self.county["county"]:
                self.bad(rows, n, "parent", f"单位表中没有“{parent}”" if not self._is_unit_name(parent) else
                         f"乡镇的上级应为县（{self.county['county']}）")
        elif len(self.blocks) > 1 and block is not self.blocks[0]:
            self.bad(rows, n, "level", "名册中有多个乡镇时，须在单位表中先登记它们所属的县（层级填“县”）")
        elif parent:
            block["county"] = parent  # a township roster names its county as a label only

    def _is_unit_name(self, name: str) -> bool:
        return name in self.towns or name in self.villages or (self.county is not None and
                                                                name == self.county["county"])

    def unit(self, text: str) -> _Unit | str:
        """The unit a row names, or what is wrong with the name."""
        if text not in self._units:
            self._units[text] = self._find_unit(text)
        return self._units[text]

    def _find_unit(self, text: str) -> _Unit | str:
        qualified = _QUALIFIED.match(text)
        if qualified:
            town, village = qualified.groups()
            if town not in self.towns:
                return f"单位表中没有乡镇“{town}”"
            if town not in self.villages.get(village, {}):
                return f"单位表中{town}没有“{village}”"
            return _Unit("village", town, village)
        found = [_Unit("village", town, text) for town in self.villages.get(text, {})]
        if text in self.towns:
            found.append(_Unit("township", text))
        if self.county is not None and text == self.county["county"]:
            found.append(_Unit("county"))
        if not found:
            return f"单位表中没有“{text}”"
        if len(found) > 1:
            village = next((u for u in found if u.village), None)
            if village is None:
                return f"“{text}”既是县名又是乡镇名，无法区分，请在单位表中改用不同的名称"
            towns = "、".join(dict.fromkeys(u.township for u in found if u.township))
            return f"“{text}”有重名（{towns}），请写成“镇名/村名”，如“{village.township}/{village.village}”"
        return found[0]

    # 人员 ------------------------------------------------------------------------------------------------------
    def people(self, rows: SheetRows) -> None:
        read: list[tuple[str, _Membership]] = []
        for n, row in rows.rows:
            name, role_text, unit_text, title, grids = (_text(row[k]) for k in _PERSON_COLUMNS)
            if not name:
                self.bad(rows, n, "name", "未填写")
                continue
            if not unit_text:
                self.bad(rows, n, "unit", "未填写（填写单位表中的村、乡镇或县）")
                continue
            unit = self.unit(unit_text)
            if isinstance(unit, str):
                self.bad(rows, n, "unit", unit)
                continue
            role = role_code(role_text) if role_text else None
            ids = {p: str(row[i]) for p, i in _PLATFORM_COLUMNS if row[i] is not None}
            read.append((name, _Membership(n, role_text or "", role, unit, title, split(grids), ids)))
        persons: dict[tuple[str | None, str], _PersonRows] = {}
        for name, member in read:
            county = self.county is not None and (member.unit.level == "county" or member.role in COUNTY_ROLES)
            key = (None, name) if county else (member.unit.township, name)
            persons.setdefault(key, _PersonRows(name, key[0])).rows.append(member)
        if self.county is not None:
            self._supervisors_to_county(persons)
        accounts: dict[tuple[str, str], tuple[str, int, tuple[str | None, str]]] = {}
        for person in sorted(persons.values(), key=lambda p: p.rows[0].n):
            entry = self._person(rows, person, accounts)
            if person.township is None:
                self.county_people.append(entry)
            else:
                self.towns[person.township]["people"].append(entry)

    def _supervisors_to_county(self, persons: dict[tuple[str | None, str], _PersonRows]) -> None:
        # Someone who is only 督导 of a township in a county roster is a county supervisor of it.
        for key, person in list(persons.items()):
            if key[0] is not None and all(m.role == SUPERVISOR and m.unit.level == "township" for m in person.rows):
                del persons[key]
                county = persons.setdefault((None, person.name), _PersonRows(person.name, None))
                county.rows = sorted(county.rows + person.rows, key=lambda m: m.n)

    def _person(self, rows: SheetRows, person: _PersonRows,
                accounts: dict[tuple[str, str], tuple[str, int, tuple[str | None, str]]]) -> dict[str, Any]:
        memberships: list[dict[str, Any]] = []
        held: dict[tuple[str, _Unit], int] = {}
        ids: dict[str, tuple[str, int]] = {}
        for m in person.rows:
            duty = (m.role or m.role_text, m.unit)
            if duty in held:
                self.bad(rows, m.n, "role", f"与第 {held[duty]} 行重复：同一人在同一单位已登记这个角色")
                continue
            held[duty] = m.n
            for platform, value in m.ids.items():
                if platform in ids and ids[platform][0] != value:
                    self.bad(rows, m.n, platform, f"与第 {ids[platform][1]} 行的“{ids[platform][0]}”不一致，"
                                                  "同一人在每个平台只能登记一个账号")
                    continue
                owner = accounts.get((platform, value))
                if owner is not None and owner[2] != (person.township, person.name):
                    self.bad(rows, m.n, platform, f"与第 {owner[1]} 行（{owner[0]}）是同一个账号，一个账号只能属于一人")
                    continue
                accounts[(platform, value)] = (person.name, m.n, (person.township, person.name))
                ids.setdefault(platform, (value, m.n))
            membership: dict[str, Any] = {"role": m.role_text, "title": m.title, "grids": m.grids,
                                          "_at": rows.at(m.n, _PERSON_FIELDS)}
            if person.township is None:
                membership["township"] = m.unit.township
            if m.unit.village is not None:
                membership["village"] = m.unit.village  # the registry check refuses it for a county person
            memberships.append(membership)
        first = memberships[0]
        return {**first, "name": person.name, "memberships": memberships[1:],
                **{platform: value for platform, (value, _) in ids.items()}}

    # 项目 and 里程碑 ---------------------------------------------------------------------------------------------
    def projects(self, rows: SheetRows) -> dict[str, dict[str, Any] | None]:
        """Project entries by 编号 (None for a row with a problem of its own, so its milestones add none)."""
        out: dict[str, dict[str, Any] | None] = {}
        first: dict[str, int] = {}
        for n, row in rows.rows:
            cells = dict(zip(PROJECTS.keys, row, strict=True))
            pid, unit_text = _text(cells["id"]), _text(cells["unit"])
            if not pid:
                self.bad(rows, n, "id", "未填写")
                continue
            if pid in first:
                self.bad(rows, n, "id", f"与第 {first[pid]} 行重复：项目编号在整个名册中不能重复")
                continue
            first[pid], out[pid] = n, None
            if not unit_text:
                self.bad(rows, n, "unit", "未填写（填写项目所在的村，乡镇党委的项目填乡镇）")
                continue
            unit = self.unit(unit_text)
            if isinstance(unit, str):
                self.bad(rows, n, "unit", unit)
                continue
            if unit.township is None:
                self.bad(rows, n, "unit", "项目的单位应为村（社区）或乡镇，不能是县")
                continue
            kind = _text(cells["kind"])
            entry: dict[str, Any] = {**cells, "id": pid, "unit": unit.village or unit.township,
                                     "kind": _KIND_CODE.get(kind, kind) if kind else None, "milestones": [],
                                     "_at": rows.at(n, _PROJECT_FIELDS)}
            self.towns[unit.township]["projects"].append(entry)
            out[pid] = entry
        return out

    def milestones(self, rows: SheetRows, projects: Mapping[str, dict[str, Any] | None]) -> None:
        for n, row in rows.rows:
            cells = dict(zip(MILESTONES.keys, row, strict=True))
            pid = _text(cells["project"])
            if not pid:
                self.bad(rows, n, "project", "未填写")
            elif pid not in projects:
                self.bad(rows, n, "project", f"项目表中没有编号为“{pid}”的项目")
            elif (project := projects[pid]) is not None:
                project["milestones"].append({"title": cells["title"], "due": cells["due"],
                                              "_at": rows.at(n, _MILESTONE_FIELDS)})

    def document(self, county_timezone: str) -> dict[str, Any]:
        if self.county is not None:
            return {**self.county, "timezone": county_timezone, "people": self.county_people,
                    "townships": self.blocks}
        return self.blocks[0] if self.blocks else {}


def build_document(sheets: Mapping[str, SheetRows], timezones: Mapping[str, str] | None = None,
                   county_timezone: str = DEFAULT_TIMEZONE) -> tuple[dict[str, Any], list[RegistryProblem]]:
    """The registry document of the four sheets (each given; an empty one has no rows) and the problems found in
    building it; `timezones` by township keeps those of the database when its rows fill a sheet."""
    build = _Builder(timezones or {})
    build.units(sheets[UNITS.name])
    build.people(sheets[PEOPLE.name])
    build.milestones(sheets[MILESTONES.name], build.projects(sheets[PROJECTS.name]))
    return build.document(county_timezone), build.problems


_ORDER = {sheet.name: n for n, sheet in enumerate(SHEETS)}
_WHERE = re.compile(r"^(.*?)(" + "|".join(_ORDER) + r")表(?:第 (\d+) 行)?")


def in_sheet_order(problems: Sequence[RegistryProblem]) -> list[RegistryProblem]:
    """Problems by sheet, row and column, as someone correcting the workbook goes through it (the file's own rows
    before rows taken from the database); problems about no row stay first."""
    def key(problem: RegistryProblem) -> tuple[int, int, int, int, str]:
        match = _WHERE.match(problem.where)
        if match is None:
            return (0, 0, 0, 0, "")
        source, sheet, row = match.groups()
        column = problem.field or ""
        return (1 if not source else 2, _ORDER[sheet], int(row or 0), len(column.split(" ")[0]), column)
    return sorted(problems, key=key)


def _text(value: object) -> str | None:
    return str(value) if value is not None and value != "" else None
