"""The template's example rows: a county, a town and a village, one person, one project and one milestone.

Chosen: the example is meant to be typed over. Skipping rows styled as examples was the other way, but a cell
typed over keeps its grey italics, so the reader would silently drop real data. Instead every name in the example
has 示例 in it, and a row still holding one (an example left in, or typed over only in part) is refused with a
line naming the cell: an example can never be imported by accident. The rows are themselves a clean roster (a
test imports them), so they show a consistent way to fill each sheet.
"""
from __future__ import annotations

import datetime as dt

from bot.roster.layout import MILESTONES, PEOPLE, PROJECTS, UNITS, Row

EXAMPLE_ROWS: dict[str, list[Row]] = {
    UNITS.name: [
        UNITS.row(name="示例县", level="县"),
        UNITS.row(name="示例镇", parent="示例县", level="镇"),
        UNITS.row(name="示例村", parent="示例镇", level="村", aliases="示例", grids="一组、二组"),
    ],
    PEOPLE.name: [
        PEOPLE.row(name="张示例", role="村书记", unit="示例村", title="党支部书记"),
    ],
    PROJECTS.name: [
        PROJECTS.row(id="示例-01", title="（示例）党建引领产业发展", kind="书记项目", unit="示例村", owner="张示例",
                     category="产业发展", start=dt.date(2026, 1, 1), deadline=dt.date(2026, 12, 31), weight=10),
    ],
    MILESTONES.name: [
        MILESTONES.row(project="示例-01", title="完成实施方案", due=dt.date(2026, 3, 31)),
    ],
}

# The example's own names (all with 示例 in them): a row holding one is refused.
EXAMPLE_MARKS = frozenset(cell for rows in EXAMPLE_ROWS.values() for row in rows for cell in row
                          if isinstance(cell, str) and "示例" in cell)
