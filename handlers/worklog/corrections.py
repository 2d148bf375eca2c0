"""Short corrections of a work-record card in plain words: "日期改为3月4日", "昨天", "12户", "类型改为会议",
"是河西村", "地点改为村委会", "内容改为…"; several at once, split by "，"."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from handlers.parse import RegistryIndex, find_village
from handlers.parse.numbers import to_int
from handlers.worklog.draft import MOST_PEOPLE, PLACE_CHARS, SUMMARY_CHARS

_SAY = r"(?:改为|改成|应该是|应为|是|为|：|:)?\s*"
_TYPE_WORDS = (("visit", ("走访", "入户", "包村联户", "家访")),
               ("meeting", ("会议", "例会", "三会一课", "主题党日", "组织生活会", "民主生活会", "开会")),
               ("study", ("学习", "培训")), ("duty", ("值班",)), ("other", ("其他",)))
_TYPE = re.compile(rf"^(?:类型|类别)?\s*{_SAY}(?P<v>\S{{2,5}})$")
_DAY = re.compile(rf"^(?:日期|时间)?\s*{_SAY}(?:(?P<m>\d{{1,2}})月)?(?P<d>\d{{1,2}})[日号](?:的)?$")
_RELATIVE = {"今天": 0, "昨天": 1, "前天": 2}
_RELATIVE_DAY = re.compile(rf"^(?:日期|时间)?\s*{_SAY}(?:是)?(?P<w>今天|昨天|前天)(?:的)?$")
_PEOPLE = re.compile(rf"^(?:人数|户数|共)?\s*{_SAY}(?P<n>[0-9零〇一二两三四五六七八九十百]{{1,6}})\s*(?:户|人|名|位)$")
_PLACE = re.compile(rf"^(?:地点|位置|地方)\s*{_SAY}(?P<v>.+)$")
_SUMMARY = re.compile(rf"^(?:内容|摘要|事项)\s*{_SAY}(?P<v>.+)$", re.S)
_VILLAGE = re.compile(rf"^(?:村|村庄|村名)?\s*{_SAY}(?P<v>\S{{2,12}})$")
_PARTS = re.compile(r"[，,；;]")


def _type(word: str) -> str | None:
    return next((code for code, words in _TYPE_WORDS if word in words), None)


def _past_day(month: int | None, day: int, today: dt.date) -> dt.date | None:
    """The most recent such day that is not in the future (a month-day later than today is last year's)."""
    month = month or today.month
    for year in (today.year, today.year - 1):
        try:
            found = dt.date(year, month, day)
        except ValueError:
            return None
        if found <= today:
            return found
    return None


def _one(part: str, index: RegistryIndex, today: dt.date) -> dict[str, Any] | None:
    """The fields one short correction changes, or None when it is none."""
    if match := _SUMMARY.match(part):
        return {"summary": match.group("v").strip()[:SUMMARY_CHARS]}
    if match := _PLACE.match(part):
        return {"place": match.group("v").strip()[:PLACE_CHARS]}
    if match := _DAY.match(part):
        day = _past_day(int(match.group("m")) if match.group("m") else None, int(match.group("d")), today)
        return {"day": day} if day else None
    if match := _RELATIVE_DAY.match(part):
        return {"day": today - dt.timedelta(days=_RELATIVE[match.group("w")])}
    if (match := _PEOPLE.match(part)) and (n := to_int(match.group("n"))) is not None:
        return {"people": n} if 0 <= n <= MOST_PEOPLE else None
    if (match := _TYPE.match(part)) and (code := _type(match.group("v"))):
        return {"type": code}
    if (match := _VILLAGE.match(part)) and (village := find_village(match.group("v"), index)):
        return {"village": village}
    return None


def read_correction(text: str, index: RegistryIndex, today: dt.date) -> dict[str, Any] | None:
    """The fields a correction changes, or None when the text (or any part of it) is not one."""
    text = text.strip().rstrip("。！!")
    if _SUMMARY.match(text):  # a new text may hold commas of its own
        return _one(text, index, today)
    changes: dict[str, Any] = {}
    for part in (p.strip() for p in _PARTS.split(text)):
        if not part:
            continue
        found = _one(part, index, today)
        if found is None:
            return None
        changes.update(found)
    return changes or None
