"""Implementation plans (实施方案) and numbered lists: a project's name, goal, steps with dates, 完成时限.

The lists (a topic menu, inspection findings, the steps of a plan) share one splitter; the dates are
the deadline readers' (deadlines.py), so "3月底前完成选址" is due on the day a hand-off would be.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from handlers.parse.deadlines import deadline_hits, pick_deadline
from handlers.parse.record import MilestoneItem
from handlers.parse.text import cut_spans, squeeze

# An item number: "1." "2、" "（3）" "一、" "一是" "①". "3.5万" is a number, not an item, but "1.3月底前" is
# item 1 of a list of dated steps.
_NUMBER = re.compile(r"(?:^|(?<=[\s，,。；;：:、]))(?:\d{1,2}\s*[、．)）]|\d{1,2}\.(?!\d)|\d{1,2}\.(?=\d{1,2}月)"
                     r"|[一二三四五六七八九十]{1,2}\s*[、．]|[一二三四五六七八九十]是|[（(][一二三四五六七八九十\d]{1,2}[)）])"
                     r"|[①-⑳]")
_LINES = re.compile(r"[；;\n]+")
_ANY_BREAK = re.compile(r"[，,、；;\n。！!？?]+")
_SENTENCE_END = re.compile(r"[。！!？?]")
_LINE_END = re.compile(r"[。！!？?\n]")
_MAX_ITEM = 60  # longer is prose, not an item of a list

# Labels of an implementation plan, each to the part it opens.
_LABELS = {
    "name": r"项目名称|名称",
    "goal": r"目标任务|项目目标|工作目标|目标",
    "steps": r"实施步骤|工作步骤|步骤|进度安排|时间安排|时间节点|节点安排|实施计划",
    "measures": r"主要措施|保障措施|具体措施|工作措施|措施",
    "funds": r"资金来源|资金预算|资金|预算|投资",
    "deadline": r"完成时限|完成期限|完成时间|时限|期限|截止时间",
}
_LABEL_RE = re.compile(
    r"(?:^|(?<=[\s，,。；;！!：:]))(?:[一二三四五六七八九十\d]{1,2}\s*[、.．])?\s*(?:"
    + "|".join(f"(?P<{part}>{words})" for part, words in _LABELS.items())
    + r")\s*(?:为|是)?\s*[：:]")
# 完成时限 is often typed without a colon ("完成时限2027年12月底").
_DEADLINE_WORDS = re.compile(r"(?:完成时限|完成期限|完成时间|时限|期限|截止时间)\s*(?:为|是)?\s*[：:]?")
_DUE_WORDS = re.compile(r"^(?:前|之前|以前|内|之内)?(?:全部|全面)?(?:完成|实现|完工|建成|竣工)?(?:任务)?$")
_PLANNED = re.compile(r"^\s*(?:计划|争取|力争|预计|拟|确保|要|将)(?:在|于)?")


def list_items(text: str, whole: bool = False) -> tuple[str, ...]:
    """The items of a numbered, else ；/line-separated, else comma-separated list at the start of `text`.

    Unless `whole`, the list ends with its sentence: "1.发展村集体经济 2.人居环境整治。请各村认领" →
    ("发展村集体经济", "人居环境整治").
    """
    numbers = list(_NUMBER.finditer(text))
    if numbers:
        ends = [m.start() for m in numbers[1:]] + [len(text)]
        pieces = [text[m.end():end] for m, end in zip(numbers, ends, strict=True)]
        if not whole and (stop := _LINE_END.search(pieces[-1])):
            pieces[-1] = pieces[-1][:stop.start()]
    else:
        stop = None if whole else _SENTENCE_END.search(text)
        body = text[:stop.start()] if stop else text
        pieces = _LINES.split(body.strip())
        if len(pieces) == 1 or whole:
            pieces = _ANY_BREAK.split(body)
    items = (squeeze(p) for p in pieces)
    return tuple(i for i in items if i and len(i) <= _MAX_ITEM)


@dataclass(frozen=True)
class Part:
    """One labelled part of a plan: its kind (name, goal, steps…) and the text it spans."""

    kind: str
    start: int  # where the label starts
    body: int  # where its text starts
    end: int


def plan_parts(text: str) -> dict[str, Part]:
    """The labelled parts of a plan ("目标：… 步骤：… 完成时限：…"), the first of each kind."""
    found = list(_LABEL_RE.finditer(text))
    parts: dict[str, Part] = {}
    for i, m in enumerate(found):
        kind = next(k for k in _LABELS if m[k] is not None)
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        parts.setdefault(kind, Part(kind, m.start(), m.end(), end))
    return parts


@dataclass(frozen=True)
class Plan:
    """What an implementation plan says: its name (when labelled), goal, steps and deadline."""

    name: str | None
    goal: str | None
    deadline: dt.date | None
    milestones: tuple[MilestoneItem, ...]


def read_plan(text: str, start: int, now: dt.datetime) -> Plan:
    """The plan in `text` from `start` on (the words that said "this is a plan" come before it)."""
    parts = plan_parts(text)
    name, goal = parts.get("name"), parts.get("goal")
    due = parts.get("deadline") or _deadline_said(text)
    if due is not None:
        parts["deadline"] = due
    deadline = pick_deadline(deadline_hits(text[due.body:due.end], now.date(), now)) if due else None
    steps = _steps(text, start, parts, now)
    if deadline is None:  # "年底前完成" among the steps is the whole project's deadline
        deadline = next((s.due for s in reversed(steps) if not s.title and s.due), None)
    milestones = tuple(s for s in steps if s.title)
    return Plan(_text(text, name, first_clause=True), _text(text, goal), deadline, milestones)


def _text(text: str, part: Part | None, first_clause: bool = False) -> str | None:
    if part is None:
        return None
    body = text[part.body:part.end]
    if first_clause:
        body = _ANY_BREAK.split(body.strip(), maxsplit=1)[0]
    return squeeze(body) or None


def _deadline_said(text: str) -> Part | None:
    # 完成时限 typed without a colon ("完成时限2027年12月底"): up to the end of its sentence.
    said = _DEADLINE_WORDS.search(text)
    if said is None:
        return None
    end = _LINE_END.search(text, said.end())
    return Part("deadline", said.start(), said.end(), end.start() if end else len(text))


def _steps(text: str, start: int, parts: dict[str, Part], now: dt.datetime) -> list[MilestoneItem]:
    """Steps with their dates; a step that only says when ("年底前完成") has an empty title."""
    steps = parts.get("steps")
    if steps is not None:  # a steps part lists every step, dated or not, up to the next part
        end = min([steps.end] + [p.start for p in parts.values() if steps.body <= p.start < steps.end])
        return [_step(item, now) for item in list_items(text[steps.body:end], whole=True)]
    # Without one, the dated clauses outside the other parts are the steps ("3月底前完成选址，…").
    other = [(p.start, p.end) for p in parts.values()] + [(0, start)]
    return [s for item in list_items(cut_spans(text, other), whole=True) if (s := _step(item, now)).due]


def _step(item: str, now: dt.datetime) -> MilestoneItem:
    hits = deadline_hits(item, now.date(), now)
    title = squeeze(_PLANNED.sub("", cut_spans(item, [(h.start, h.end) for h in hits]), count=1))
    return MilestoneItem("" if _DUE_WORDS.match(title) else title, pick_deadline(hits))
