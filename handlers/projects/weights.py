"""The weight rule (认定): weight = category base × difficulty × time limit, as 泸县 sets 分值权重 "根据项目类别、完成
时限、实施难易程度". A township keeps its own factors; these defaults fill in what it has not set."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

FACTORS = {"类别": "category", "难度": "difficulty", "时限": "time_limit"}
DEFAULTS: dict[tuple[str, str], float] = {
    ("difficulty", "难"): 1.3, ("difficulty", "中"): 1.0, ("difficulty", "易"): 0.8,
    ("time_limit", "半年内"): 0.9, ("time_limit", "一年内"): 1.0, ("time_limit", "跨年"): 1.2,
}
TIME_LIMITS = ("半年内", "一年内", "跨年")
_DIFFICULTY = re.compile(r"难度\s*[:：为是]?\s*(较大|较难|很大|大|难|一般|中等|中|较小|容易|易|小)")
_SAID = {"较大": "难", "较难": "难", "很大": "难", "大": "难", "难": "难", "一般": "中", "中等": "中", "中": "中",
         "较小": "易", "容易": "易", "易": "易", "小": "易"}


@dataclass(frozen=True)
class Weighing:
    """A weight and how it was reached, for the card."""

    weight: float
    why: str


def difficulty_of(text: str) -> str | None:
    """难, 中 or 易 when the text says the difficulty ("难度较大"), else None."""
    found = _DIFFICULTY.search(text)
    return _SAID[found.group(1)] if found else None


def time_limit_of(start: dt.date, deadline: dt.date | None) -> str:
    """Which time-limit class a project falls in, from approval to its deadline."""
    if deadline is None:
        return "一年内"
    months = (deadline.year - start.year) * 12 + deadline.month - start.month
    return "半年内" if months <= 6 else "一年内" if deadline.year == start.year or months <= 12 else "跨年"


def weigh(factors: Mapping[tuple[str, str], float], category: str | None, difficulty: str | None,
          start: dt.date, deadline: dt.date | None) -> Weighing:
    """The rule's weight for a project, with the factors named."""
    rule = {**DEFAULTS, **factors}
    # A category set as "村集体经济" also weighs "发展村集体经济" (a topic's title): the longest key it contains.
    keys = [k for f, k in rule if f == "category" and k and k in (category or "")]
    base = rule[("category", max(keys, key=len))] if keys else 1.0
    hard = difficulty or "中"
    limit = time_limit_of(start, deadline)
    weight = round(base * rule.get(("difficulty", hard), 1.0) * rule.get(("time_limit", limit), 1.0), 2)
    why = f"类别{category or '未分类'} {base:g} × 难度{hard} {rule.get(('difficulty', hard), 1.0):g} × " \
          f"时限{limit} {rule.get(('time_limit', limit), 1.0):g}"
    return Weighing(weight, why)


def rule_lines(factors: Mapping[tuple[str, str], float]) -> list[str]:
    """The township's rule as the admins read it, own factors and defaults together."""
    rule = {**DEFAULTS, **factors}
    lines = []
    for label, factor in FACTORS.items():
        items = [f"{key} {value:g}" for (f, key), value in sorted(rule.items()) if f == factor]
        lines.append(f"{label}：" + ("，".join(items) if items else "均为 1（未设置）"))
    return lines
