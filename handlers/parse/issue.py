"""Issues logged from the field: category, urgency, location and a clean summary (PARSING.md, "Issue")."""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from handlers.parse.issue_category import category_evidence as category_evidence
from handlers.parse.issue_category import issue_category as issue_category
from handlers.parse.issue_urgency import is_urgent as is_urgent
from handlers.parse.numbers import to_int
from handlers.parse.text import ADDRESS, GREETING, clauses, join, squeeze

_GROUP = re.compile(r"第?(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})(?P<unit>组|社|队|网格)(?!织)")  # not 组织
# A place named at the start of the message: a landmark, or a name ending in 街/路/组/桥.
_PLACE = re.compile(r"^(?:[\u4e00-\u9fff]{0,8}?(?:路口|桥头|广场|村部|村委会|小学|学校|水库|河边|河道|菜市场|市场|"
                    r"码头|山塘|水塘|社区|小区|公园|大桥|村口)|(?:(?![有在人的了是我他她们和与])[\u4e00-\u9fff]){1,8}?[街路组桥])")


@dataclass(frozen=True)
class Location:
    """Where an issue is: the name to record and the words in the text that named it."""

    name: str
    said: str


def location_match(text: str, grids: Sequence[str]) -> Location | None:
    """The first registered grid named (spelled as registered, "3组" → "三组"), else a place, else None."""
    first: tuple[int, Location] | None = None
    for grid in grids:
        # "安置小区网格" is said "安置小区": a grid named as a place with 网格 after it is known without the word.
        said = grid[:-2] if grid.endswith("网格") and len(grid) > 4 and grid[:-2] not in grids else grid
        pos = text.find(said)
        if pos >= 0 and (first is None or pos < first[0]):
            first = (pos, Location(grid, said))
    for start, name, said in group_mentions(text, grids):
        if first is not None and start >= first[0]:
            break
        return Location(name, said)
    if first is not None:
        return first[1]
    place = _PLACE.match(text)
    # "社区有居民问…": the community is the village itself, not a place in it.
    return Location(place.group(), place.group()) if place and place.group() != "社区" else None


def location_of(text: str, grids: Sequence[str]) -> str | None:
    """The location name of location_match, or None."""
    found = location_match(text, grids)
    return found.name if found else None


def group_mentions(text: str, grids: Sequence[str]) -> Iterator[tuple[int, str, str]]:
    """(start, name, words said) of each group named ("3组" → "三组" when registered so; else as said)."""
    for m in _GROUP.finditer(text):
        number = to_int(m["n"])
        spelled = next((g for g in grids if _same_group(g, number, m["unit"])), None)
        yield m.start(), spelled or m.group(), m.group()


def _same_group(grid: str, number: int | None, unit: str) -> bool:
    m = _GROUP.fullmatch(grid)
    return bool(m and number is not None and to_int(m["n"]) == number and m["unit"] == unit)


_OPENING = re.compile(r"^\s*(?:紧急|特急|急+|求助|报告|反映个?情况|反映一下)\s*[！!，,：:。]+")
_THANKS = re.compile(r"^(?:谢谢|感谢|多谢)[^，,。！!]{0,8}$")
_URGENCY_REMARK = re.compile(r"^(?:比较|很|非常|十分|特别|情况)?(?:紧急|着急|急)(?:得很)?$")
_SENTIMENT = re.compile(r"^(?:路过的)?(?:群众|村民|大家|住户|老百姓|周边群众)[^，,]{0,3}(?:都|很)?有意见"
                        r"|意见(?:很|比较)?大$")
_ANSWER_REQUEST = re.compile(r"^请[^，,]{0,4}(?:给个|给一个|给予)?(?:明白话|答复|回复|说法|解答|解释)")
# The reporter's own doubts and comings and goings are not part of the issue.
_REPORTER_META = re.compile(r"^(?:我们?)(?:也|都)?(?:说不准|说不清|讲不清|不清楚|不知道|不懂|搞不清)|找到我|找我")
_REPORTER_NEXT = re.compile(r"^(?:我们?(?:正在?|马上|将|会|准备|明天|待会|一会)?|正在?|马上|待会|一会)"
                            r"(?:往|赶|去(?!年)|过去)|^(?:后续|下步|下一步|随后)")
_FIRST_PERSON = re.compile(r"^我们?(?:已经|已)?")
_PLEASE = re.compile(r"^(?:麻烦|劳驾|能不能|能否|可不可以)(?:您|你们|你)?")


def summary_of(text: str, strip_words: re.Pattern[str] | None = None) -> str:
    """The issue in a few clauses: no greetings, no urgency cry, no reporter's own comings and goings."""
    body = _OPENING.sub("", text)
    kept: list[tuple[str, str]] = []
    for clause in clauses(body):
        piece = clause.text.strip()
        if _is_noise(piece):
            continue
        piece = _FIRST_PERSON.sub(lambda m: "已" if "已" in m.group() else "", piece)
        piece = _PLEASE.sub("请", piece)
        kept.append((piece, clause.mark))
    result = join(kept) or squeeze(text)
    subject = strip_words.match(result) if strip_words is not None else None
    return squeeze(result[subject.end():] if subject else result)


def _is_noise(piece: str) -> bool:
    return bool(GREETING.fullmatch(piece) or ADDRESS.match(piece) or _THANKS.match(piece)
                or _URGENCY_REMARK.match(piece) or _SENTIMENT.search(piece) or _ANSWER_REQUEST.match(piece)
                or _REPORTER_META.search(piece) or _REPORTER_NEXT.match(piece))
