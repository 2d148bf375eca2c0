"""The roster workbook's sheets and columns, in order: the one definition the template, the reader and the exporter
share (README, "Roster workbook")."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from handlers.registry import LEVEL_NAMES, PROJECT_KIND_LABELS
from handlers.roles import ROLE_LABELS

# A cell as the reader hands it on and the exporter produces it: text, a number (权重), a date, or empty.
Cell = str | int | float | dt.date | None
Row = tuple[Cell, ...]

TEXT, LIST, DATE, NUMBER = "text", "list", "date", "number"
# 别名 and 网格 hold several values; offices type 、 or ， (or an ASCII comma when the input method is off).
LIST_SEPARATORS = re.compile(r"[、，,]")
LIST_JOINER = "、"
LEVELS = tuple(name for names in LEVEL_NAMES.values() for name in names)
LEVEL_OF = {name: level for level, names in LEVEL_NAMES.items() for name in names}  # 社区 → village


@dataclass(frozen=True)
class Column:
    """One column: its header, the document field it fills, how its cells are read, and the template's help."""

    header: str
    key: str
    kind: str = TEXT
    note: str = ""
    width: int = 12
    choices: tuple[str, ...] = ()  # the template's drop-down
    # Other spellings accepted and read as the canonical one (role and kind codes → the labels offices use).
    spellings: Mapping[str, str] = field(default_factory=dict)
    as_text: bool = False  # the template formats the column as text, so Excel keeps 001 and long ids as typed


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name and its columns in order (the header row, row 1)."""

    name: str
    columns: tuple[Column, ...]

    @cached_property
    def headers(self) -> tuple[str, ...]:
        """The header row."""
        return tuple(c.header for c in self.columns)

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """The document field of each column, in column order."""
        return tuple(c.key for c in self.columns)

    def index(self, key: str) -> int:
        """The 0-based position of the column filling `key`."""
        return self._positions[key]

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {key: n for n, key in enumerate(self.keys)}

    def label(self, key: str) -> str:
        """How a problem names the column filling `key`, e.g. "B 列（角色）"."""
        n = self.index(key)
        return f"{letter(n)} 列（{self.columns[n].header}）"

    def row(self, **cells: Cell) -> Row:
        """A row from its cells by document field, in column order (a field not given is empty)."""
        unknown = set(cells) - set(self.keys)
        if unknown:
            raise KeyError(f"{self.name} has no column for {sorted(unknown)}")
        return tuple(cells.get(key) for key in self.keys)

    @property
    def labels(self) -> dict[str, str]:
        """Every column's label by its document field (the `fields` of an entry's `_at`)."""
        return {c.key: self.label(c.key) for c in self.columns}


def letter(index: int) -> str:
    """The column letter of a 0-based column index (A–Z is all a roster uses)."""
    return chr(ord("A") + index) if index < 26 else letter(index // 26 - 1) + chr(ord("A") + index % 26)


_SEPARATED = "多个用“、”或“，”隔开"
_DATE = "日期，写成 2026-12-31（也可用 2026/12/31、2026年12月31日）"

UNITS = Sheet("单位", (
    Column("名称", "name", note="单位名称：县（区、市）、乡镇（街道）、村（社区），每个单位一行", width=16),
    Column("上级", "parent", note="所属的上级单位名称：村（社区）填乡镇，乡镇填县；县不填。"
                                  "只有一个乡镇、不登记县时，乡镇这一行可填县名（仅作说明）", width=16),
    Column("层级", "level", note="从下拉列表选择：" + "、".join(LEVELS), width=8, choices=LEVELS),
    Column("别名", "aliases", LIST, note=f"群聊中对这个单位的简称，如“千佛塔”，{_SEPARATED}", width=16),
    Column("网格", "grids", LIST, note=f"村（社区）的网格或村民小组，如“一组、二组”，{_SEPARATED}；乡镇和县不填",
           width=24),
))

PEOPLE = Sheet("人员", (
    Column("姓名", "name", note="一人担任几项职责（如包村干部联系两个村）就写几行，姓名相同；"
                                "同一乡镇里姓名相同的行算作同一个人", width=10),
    Column("角色", "role", note="从下拉列表选择：" + "、".join(ROLE_LABELS.values()), width=10,
           choices=tuple(ROLE_LABELS.values()), spellings={code: label for code, label in ROLE_LABELS.items()}),
    Column("单位", "unit", note="在单位表中登记的名称：村书记、包村干部、网格员填村（社区），镇领导、管理员填乡镇，"
                                "县领导、县管理员填县，督导填所督导的乡镇或县。不同乡镇有同名村时写“镇名/村名”",
           width=16),
    Column("职务", "title", note="如“镇党委书记”“党支部书记”，可不填", width=16),
    Column("网格", "grids", LIST, note=f"网格员负责的网格（须是所在村的网格），{_SEPARATED}", width=16),
    Column("Telegram", "telegram", note="Telegram 用户 ID（数字），可不填：用邀请码登记更方便；一人多行时填在任一行即可",
           width=14, as_text=True),
    Column("企业微信", "wecom", note="企业微信（政务微信）的成员账号 UserID，可不填", width=14, as_text=True),
    Column("微信", "wechat", note="微信公众号 OpenID，可不填", width=14, as_text=True),
))

PROJECTS = Sheet("项目", (
    Column("编号", "id", note="项目编号，全名册唯一，如 XC-01；里程碑表用它对应项目", width=10, as_text=True),
    Column("名称", "title", note="项目名称", width=36),
    Column("类型", "kind", note="从下拉列表选择：" + "、".join(PROJECT_KIND_LABELS.values()) + "（不填为书记项目）",
           width=10, choices=tuple(PROJECT_KIND_LABELS.values()), spellings=dict(PROJECT_KIND_LABELS)),
    Column("单位", "unit", note="项目所在的村（社区）；乡镇党委的项目填乡镇名称。不同乡镇有同名村时写“镇名/村名”",
           width=16),
    Column("负责人", "owner", note="人员表中同一乡镇的人员姓名，可不填", width=10),
    Column("类别", "category", note="如 产业发展、人居环境、村集体经济，可不填", width=12),
    Column("开始", "start", DATE, note=f"开始日期，可不填；{_DATE}", width=12),
    Column("截止", "deadline", DATE, note=f"截止日期；{_DATE}", width=12),
    Column("权重", "weight", NUMBER, note="季度考核中的分值权重，数字，不填为 1", width=8),
))

MILESTONES = Sheet("里程碑", (
    Column("项目编号", "project", note="项目表中的编号；一个项目有几个节点就写几行", width=12, as_text=True),
    Column("名称", "title", note="节点名称，如“完成方案”", width=30),
    Column("截止", "due", DATE, note=f"节点的截止日期，可不填；{_DATE}", width=12),
))

SHEETS = (UNITS, PEOPLE, PROJECTS, MILESTONES)
SHEET_NAMED = {sheet.name: sheet for sheet in SHEETS}
