"""Reading a correction of a shown report: "进度改成70%", "项目是小冬桃那个", "是3月的", "问题改为…".

Pure: the same field readers as the parser, applied only when the text says what it changes.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from handlers.parse import RegistryIndex, amounts_of, find_project, stated_progress_of
from handlers.parse.periods import month_mentions

MAX_CORRECTION_CHARS = 80
_CHANGE = r"(?:改成|改为|改一下|应该是|应为|调整为|更正为|是|为|写成)"
_PROGRESS = re.compile(rf"进度\s*{_CHANGE}|不是\s*[\d一二三四五六七八九十百]+\s*[%％]|百分之")
_PROJECT = re.compile(rf"项目\s*{_CHANGE}|(?:是|报的是|说的是)(.{{1,20}}?)(?:那个|这个)(?:项目)?")
_PERIOD = re.compile(rf"(?:月份|时间|期数)\s*{_CHANGE}|^(?:这个?|这条|这份)?(?:是|报的是|应该是)?\s*"
                     r"(?:上个?月|本月|这个?月|\d{1,2}月份?|[一二三四五六七八九十]{1,2}月份?)的?(?:进展|情况|报告)?$")
_AMOUNT = re.compile(rf"(?:金额|资金|投入|收入|钱)\s*{_CHANGE}")
_SECTIONS = {
    "problems": re.compile(rf"^(?:存在的?)?(?:问题|困难)\s*(?:{_CHANGE}|补充)\s*[:：]?\s*(?P<v>.+)$"),
    "next_plan": re.compile(rf"^(?:下一?步|下月)?计划\s*(?:{_CHANGE}|补充)\s*[:：]?\s*(?P<v>.+)$"),
    "done": re.compile(rf"^(?:本月)?(?:完成情况|已完成|进展|做了)\s*(?:{_CHANGE}|补充)\s*[:：]?\s*(?P<v>.+)$"),
}


def read_correction(text: str, village: str, index: RegistryIndex, today: dt.date) -> dict[str, Any] | None:
    """The fields a short correction changes (progress, project code, period, texts, amounts), or None."""
    text = text.strip().rstrip("。！!")
    if not text or len(text) > MAX_CORRECTION_CHARS:
        return None
    changes: dict[str, Any] = {}
    if _PROGRESS.search(text) and (value := stated_progress_of(text)) is not None:
        changes["progress"] = value
    if _PROJECT.search(text) and (project := find_project(text, village, index)) is not None:
        changes["project"] = project.id
    if _PERIOD.search(text) and (months := month_mentions(text, today)):
        year, month = months[-1].year, months[-1].month
        changes["period"] = f"{year:04d}-{month:02d}"
    if _AMOUNT.search(text) and (amounts := amounts_of(text)):
        changes["amounts"] = [a.to_dict() for a in amounts]
    for name, pattern in _SECTIONS.items():
        if match := pattern.match(text):
            changes[name] = match.group("v").strip()
    return changes or None
