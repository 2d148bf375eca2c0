"""Short corrections of a work-record card in plain words: "日期改为3月4日", "昨天", "12户", "类型改为会议",
"是河西村", "地点改为村委会", "内容改为…"; several at once, split by "，"."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from handlers.parse import RegistryIndex, find_village, people_of, work_date
from handlers.worklog.draft import MOST_PEOPLE, PLACE_CHARS, SUMMARY_CHARS

_SAY = r"(?:(?:改为|改成|应该是|应为|是|为)\s*[：:]?|[：:])?\s*"
_TYPE_WORDS = (("visit", ("走访", "入户", "包村联户", "家访")),
               ("meeting", ("会议", "例会", "三会一课", "主题党日", "组织生活会", "民主生活会", "开会")),
               ("study", ("学习", "培训")), ("duty", ("值班",)), ("other", ("其他",)))
_TYPE = re.compile(rf"^(?:类型|类别)?\s*{_SAY}(?P<v>\S{{2,5}})$")
# The shape of a day said alone; the parser's own rules (handlers.parse.work_date) tell which day it is.
_DAY = re.compile(rf"^(?:日期|时间)?\s*{_SAY}(?P<v>(?:\S{{1,4}}月)?\S{{1,3}}[日号]|今天|今日|大?前[天儿]|前日"
                  r"|昨[天日晚夜儿个]|(?:上上|上|本|这)?个?(?:周|星期|礼拜)[一二三四五六日天1-7])(?:的)?$")
_PEOPLE = re.compile(rf"^(?:人数|户数|共)?\s*{_SAY}(?P<v>\S{{1,6}}(?:户|人|名|位|家))$")
_PLACE = re.compile(rf"^(?:地点|位置|地方)\s*{_SAY}(?P<v>.+)$")
_SUMMARY = re.compile(rf"^(?:内容|摘要|事项)\s*{_SAY}(?P<v>.+)$", re.S)
_VILLAGE = re.compile(rf"^(?:村|村庄|村名)?\s*{_SAY}(?P<v>\S{{2,12}})$")
_PARTS = re.compile(r"[，,；;]")


def _type(word: str) -> str | None:
    return next((code for code, words in _TYPE_WORDS if word in words), None)


def _one(part: str, index: RegistryIndex, today: dt.date) -> dict[str, Any] | None:
    """The fields one short correction changes, or None when it is none."""
    if match := _SUMMARY.match(part):
        return {"summary": match.group("v").strip()[:SUMMARY_CHARS]}
    if match := _PLACE.match(part):
        return {"place": match.group("v").strip()[:PLACE_CHARS]}
    if match := _DAY.match(part):
        said = match.group("v")
        day = work_date(said, today)
        # work_date answers today for a day it cannot take (one still to come): no correction then.
        return {"day": day} if day != today or said in ("今天", "今日") else None
    if (match := _PEOPLE.match(part)) and (n := people_of(match.group("v"))) is not None:
        return {"people": n} if n <= MOST_PEOPLE else None
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
