"""Which project (and which milestone) a message means: named by title or a piece of it, else the only candidate.

The parser knows approved projects only (reports are filed on those); a plan under review is named by its new
title, so lifecycle messages are matched here against every project the step can apply to.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from handlers.project_refs import MilestoneRef, ProjectState

_GENERIC = ("书记项目", "项目", "方案", "实施方案", "工程", "建设", "村")
# A milestone's words are said in any order around its verb ("完成选址" / "选址已完成"): match what is left.
_VERBS = re.compile(r"完成|建成|竣工|实现|开展|启动|已经|已|全部|了|的")
NAMED = 80  # partial_ratio at which a title (or a milestone) counts as said


def _core(title: str) -> str:
    for word in _GENERIC:
        title = title.replace(word, "")
    return title


def named(text: str, title: str) -> float:
    """How surely the text names this title (0–100): whole, or its distinctive part (小冬桃 for 小冬桃产业园)."""
    if title in text:
        return 100.0
    core = _core(title)
    if len(core) < 2:
        return 0.0
    return max(fuzz.partial_ratio(core, text), fuzz.partial_ratio(title, text)) if len(core) >= 3 else (
        100.0 if core in text else 0.0)


def pick(text: str, title: str | None, candidates: Sequence[ProjectState]) -> ProjectState | None | str:
    """The project meant: by its registered title, by what the text names, or the only candidate; "many" when
    several fit and none is named, None when none fits."""
    if title is not None:
        exact = [p for p in candidates if p.title == title]
        if exact:
            return exact[0]
    scored = sorted(((named(text, p.title), p.id, p) for p in candidates), key=lambda s: (-s[0], s[1]))
    if scored and scored[0][0] >= NAMED and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][2]
    if len(candidates) == 1:
        return candidates[0]
    return "many" if candidates else None


_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_CLAUSE = re.compile(r"[，,。；;！!\n]")


def reached(done: str | None, milestones: Sequence[MilestoneRef]) -> list[MilestoneRef]:
    """Open milestones a report's 已完成 text says were reached. Stricter than `milestone` (which reads words
    said as a milestone): a clause says its title, or ends with its object and a completion word ("大棚已建成");
    "大棚已完成招标" or "完成管网铺设2.5公里" (a figure the milestone lacks: a part) reach nothing."""
    found: dict[int, MilestoneRef] = {}
    for clause in _CLAUSE.split(done or ""):
        for step in milestones:
            core = _VERBS.sub("", step.title)
            said = step.title in clause or (len(core) >= 2 and re.search(
                re.escape(core) + r"(?:已经?|全部|均)?(?:完成|建成|竣工|完工|落成|投用|投产|到位)了?$", clause))
            if step.done_at is None and said and set(_FIGURE.findall(clause)) <= set(_FIGURE.findall(step.title)):
                found[step.id] = step
    return list(found.values())


def milestone(text: str, milestones: Sequence[MilestoneRef]) -> MilestoneRef | None:
    """The open milestone the words say, best match first; None when none is said clearly enough."""
    said = _VERBS.sub("", text)
    figures = set(_FIGURE.findall(text))

    def score(title: str) -> float:
        if not set(_FIGURE.findall(title)) <= figures:  # "改造30亩" is not the milestone "改造200亩"
            return 0.0
        core = _VERBS.sub("", title)
        return max(fuzz.partial_ratio(title, text), fuzz.partial_ratio(core, said) if len(core) >= 2 else 0.0)
    scored = sorted(((score(m.title), m.id, m) for m in milestones if m.done_at is None),
                    key=lambda s: (-s[0], s[1]))
    return scored[0][2] if scored and scored[0][0] >= NAMED else None
