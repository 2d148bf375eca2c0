"""County hand-offs: a county cadre's "请各镇（街道）于…前上报…" or "请龙桥镇、石桥镇…", and a town passing a task
down to its villages ("#5 分解到各村"). The towns' names come from the caller (the county's registry)."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from handlers.parse.deadlines import deadline_hits, pick_deadline
from handlers.parse.handoff import ALL_VILLAGES, task_of
from handlers.parse.intent import Evidence, kind_of
from handlers.parse.progress import stated_progress_of
from handlers.parse.project import project_action
from handlers.parse.task_update import task_number_of
from handlers.parse.text import squeeze

_EVERY_TOWN = re.compile(
    r"(?:全县|全区|全市|全旗)?各(?:乡镇|镇街|苏木乡镇|苏木|镇|乡|街道)(?:[（(][乡镇街道、]{1,6}[)）])?"
    r"(?:党委|党工委|党（工）委|党\(工\)委)?(?:书记|组织委员|党建办|负责人|负责同志)?(?:们)?\s*[：:，,]?\s*")
_OPENER = re.compile(r"\s*(?:通知[：:]\s*)?(?:请|麻烦|务必|交给|交由|由)?\s*")
_BETWEEN = re.compile(r"\s*(?:[、，,和及与]|以及)\s*")
_AFTER = re.compile(r"[\u4e00-\u9fff]{1,4}")  # where a person of the town may be named: "交给云锦镇吴敏，…"
# Not 各村民小组 or a village's chat group ("已转发到各村民小组微信群" is a village's progress on its task).
_PASS_DOWN = re.compile(r"(?:分解|转发|转交|转|下发|布置|交办)(?:到|给|至)?"
                        r"(?:各(?:行政)?(?:嘎查村|嘎查|村)(?![民组群])(?:（社区）|\(社区\)|社区)?|各社区(?![民组群]))")
_TOWN_WORD = re.compile(r"镇|街道|乡(?!村)|苏木")  # not 乡村 (乡村振兴), a word of every report
HEAD = 40  # the addressees open the message: towns are looked for in its first characters only
COUNTY_LEADER = "county_leader"  # the role the instruction test reads as: a county leader's words


@dataclass(frozen=True)
class TownHandoff:
    """The towns a county hand-off addresses (every town of the county for 各镇), its deadline and its task."""

    towns: tuple[str, ...]
    every: bool
    deadline: dt.date | None
    task: str
    after: tuple[tuple[str, str], ...]  # (town, the words right after its name): a person of it may be named there

    def naming(self, person: str) -> str:
        """The task with a person named after a town left out ("交给云锦镇吴敏，…" → "…")."""
        return squeeze(self.task.replace(person, "", 1).lstrip("，,：: ")) or self.task


def _listed_towns(text: str, pos: int, towns: Sequence[str]) -> tuple[list[tuple[str, int, int]], int]:
    """Towns named one after another from `pos` ("龙桥镇、石桥镇"), with their spans, and where the list ends."""
    by_length = sorted(towns, key=len, reverse=True)
    found: list[tuple[str, int, int]] = []
    while True:
        name = next((t for t in by_length if text.startswith(t, pos)), None)
        if name is None:
            break
        found.append((name, pos, pos + len(name)))
        pos += len(name)
        between = _BETWEEN.match(text, pos)
        if between is None or not any(text.startswith(t, between.end()) for t in towns):
            break
        pos = between.end()
    return found, pos


def read_town_handoff(text: str, towns: Sequence[str], now: dt.datetime) -> TownHandoff | None:
    """A hand-off addressed to towns at its start (各镇… / 全县各乡镇… / 龙桥镇、石桥镇…), or None."""
    if task_number_of(text) is not None:  # "云锦镇 #1 退回，请补充" is a step on a task
        return None
    opener = _OPENER.match(text)
    start = opener.end() if opener else 0
    spans: list[tuple[int, int]] = []
    after: list[tuple[str, str]] = []
    every = _EVERY_TOWN.match(text, start)
    if every is not None:
        named, spans = tuple(towns), [(0, every.end())]
    else:
        if ALL_VILLAGES.search(text):  # "玄滩镇各村…": a town's own hand-off to its villages
            return None
        found, end = _listed_towns(text, start, towns)
        if not found:
            return None
        # A town named first is often the subject, not the addressee: a review step ("玄滩镇流动党建方案退回，
        # 请补充…") or a report ("玄滩镇流动党建项目本月进度60%").
        if project_action(text, COUNTY_LEADER) is not None or stated_progress_of(text) is not None:
            return None
        named = tuple(dict.fromkeys(name for name, _, _ in found))
        spans = [(0, end)]
        for name, _, name_end in found:
            words = _AFTER.match(text, name_end)
            if words is not None:
                after.append((name, words.group()))
    hits = deadline_hits(text, now.date(), now)
    marked = any(h.date and h.marked for h in hits)
    evidence = Evidence(role=COUNTY_LEADER, progress=False, project=False, amounts=False, deadline=marked,
                        addressees=True, located=False, issue_score=0, dated=any(h.date for h in hits))
    if kind_of(text, evidence) != "handoff":
        return None
    task = task_of(text, spans + [(h.start, h.end) for h in hits])
    return TownHandoff(named, every is not None, pick_deadline(hits), task, tuple(after))


def names_towns(text: str) -> bool:
    """Whether the opening of a message could address towns (before the county's towns are looked up)."""
    return _TOWN_WORD.search(text, 0, HEAD) is not None


def passes_down(text: str) -> bool:
    """Whether a message passes a task down to the villages ("#5 分解到各村", "#5 转各村，12月15日前报镇")."""
    return _PASS_DOWN.search(text) is not None
