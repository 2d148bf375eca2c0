"""Which project a report is about: by its title's words, its nickname, or the village's only one — and not a project
named only in a remark that it did not move (PARSING.md, "Project")."""
from __future__ import annotations

import re

from handlers.parse.idle import IDLE
from handlers.parse.names import (
    ProjectKey,
    RegistryIndex,
    best_project,
    covered,
    nickname_scores,
    project_scores,
)
from handlers.registry import Project

# Before an idle phrase these make it about a whole project ("光伏那边没动"), not a part of one ("并网还没动静").
_IDLE_SUBJECT = re.compile(r"项目|工程|那边|这边|这块|那块|方面")
_IDLE_ONLY = re.compile(r"^[\s，,]*(?:这个月|这月|本月|上个?月|最近|近期|目前|暂时|还是|还|都|也|上)*\s*$")
_IDLE_WINDOW = 8
_LAST_STOP = re.compile(r"[，,；;。！!？?\n][^，,；;。！!？?\n]*$")
_IDLE_REACH = 24  # how far a title word cut by the window is followed back


def _idle_spans(text: str, keys: tuple[ProjectKey, ...]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in IDLE.finditer(text):
        # Only the window and a title word it cuts into matter: look no further back for the clause start.
        reach = max(spans[-1][1] if spans else 0, m.start() - _IDLE_WINDOW - _IDLE_REACH)
        stop = _LAST_STOP.search(text, reach, m.start())
        clause = stop.start() + 1 if stop else reach
        start = max(clause, m.start() - _IDLE_WINDOW)
        # Widen to the whole title word the window cuts into ("茶旅融合示范带这个月没动").
        while start > clause and any(text[start - 1:start + 1] in t for k in keys for t in k.terms):
            start -= 1
        before = text[start:m.start()]
        if (_IDLE_SUBJECT.search(before) or _IDLE_ONLY.match(before)
                or any(covered(t, before) for k in keys for t in k.terms)):
            spans.append((start, m.end()))
    return spans


_ALL_PROJECTS = re.compile(r"(?:两个|几个|三个|各个?|所有)(?:书记)?项目[^，,。；;]{0,6}都")  # "两个项目推进都不多"
_BUSY_ELSEWHERE = re.compile(r"(?:主要|都|一直)(?:在)?忙|忙着|在忙")
_OPENING = re.compile(r"^[\s，,：:]*(?:(?:这个月|这月|本月|上个?月|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月份?)[\s，,]*)?")


def _opens(text: str, start: int, index: RegistryIndex) -> bool:
    """True when nothing but the month, the village's name and punctuation comes before `start`: what follows it is
    the subject (the month may run into it: an idle span can start inside "2月份")."""
    pos = _past_opening(text, 0)
    village = index.subject_re.match(text, pos) if index.subject_re is not None else None
    if village:
        pos = _past_opening(text, village.end())
    return pos >= start or not text[pos:start].strip(" \t，,：:")


def _past_opening(text: str, pos: int) -> int:
    opening = _OPENING.match(text, pos)
    return opening.end() if opening else pos


def report_project(text: str, village: str | None, index: RegistryIndex, scores: list[tuple[int, ProjectKey]],
                   stated: bool) -> Project | None:
    """The project a report is about, given its project_scores and whether it says how far the project is."""
    # By its title's words, else by nickname, else the village's only project. A project named only in a
    # remark that it did not move ("茶厂那边没动") is not what the report is about; with no progress said and
    # nothing else named, such a report is about no project (PARSING.md: only a progress report gets the
    # village's only project).
    keys = index.keys_of(village) if village else ()
    if len(keys) > 1 and _ALL_PROJECTS.search(text):
        return None  # "两个项目都没什么新的推进": about every project, no one of them
    idle = _idle_spans(text, keys)
    rest = text
    for a, b in reversed(idle):
        rest = rest[:a] + "，" + rest[b:]
    project = best_project(project_scores(rest, village, index) if idle else scores)
    # "老堤街整治上个月没啥进展，主要是防汛人手抽不出来": the idle project the message opens with is its subject, before
    # a guess from a word of the cause ("防汛").
    opened = bool(idle) and _opens(text, idle[0][0], index) and not _BUSY_ELSEWHERE.search(text, idle[0][1])
    if project is None and opened:
        return best_project(scores)
    if project is None and village is not None:
        project = best_project(nickname_scores(rest, village, index))
    # An idle project the message opens with is what it reports on ("红白理事会这个月没动，农忙"), unless other work
    # is what the month went to ("这个月光伏那边没动，主要在忙春耕").
    if project is not None:
        return project
    if idle and not stated:
        return None
    if idle:
        project = best_project(scores)
    return project or (keys[0].project if len(keys) == 1 else None)

