"""The fields of a project lifecycle message, one reader per action (project.py decides the action).

Each reader takes the text, the match of the words that stated the action (its named groups are
those of project.py's patterns) and the sender's local time, and returns the block without the
project and village, which project.py resolves for every action alike.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from handlers.parse.deadlines import deadline_hits, pick_deadline
from handlers.parse.numbers import NUMBER, to_int, to_number
from handlers.parse.plan import list_items, read_plan
from handlers.parse.record import ProjectBlock
from handlers.parse.text import cut_spans, squeeze

Reader = Callable[[str, re.Match[str], dt.datetime], ProjectBlock]

_WEIGHT = re.compile(rf"(?:权重|分值|系数|赋分)\s*(?:为|是|定为|[：:])?\s*(?P<n>{NUMBER})")
_MILESTONE_COLON = re.compile(r"(?:(?:已经?)?(?:完成|达成|实现)了?(?:第[^，,。：:]{1,3}个)?里程碑(?:节点)?"
                              r"|里程碑(?:节点)?(?:已经?)?(?:完成|达成|实现)?了?)\s*[：:]")
_MILESTONE_WORD = re.compile(r"[（(【\[]\s*里程碑(?:节点)?\s*[）)】\]]|的?里程碑(?:节点)?")
_FINDINGS = re.compile(r"(?<![未没无])(?:发现|存在)(?:的|以下|如下|主要)?(?:问题|不足)(?:如下|有)?\s*[：:]?")
_RECTIFY = re.compile(r"(?:请|要求|限期)?整改")
_FILLER = re.compile(r"(?:同意|予以)?销号|请知悉|特此通知")
_COMPLETED = re.compile(r"(?:(?:已经?|全部|顺利)?(?:完成|完工|到位|实现)|(?:已经?|全部)(?:建成|竣工))了?$"
                        r"|^(?:已经?)?完成了?")
# Words around a milestone that are not its name: "本月完成第一个里程碑".
_NOT_A_MILESTONE = re.compile(r"^(?:本月|上月|本周|今天|日前|近日|目前|已经?)+|第[一二三四五六七八九十\d]{1,2}个")
_SUBJECT = re.compile(r"^.{0,20}?(?:项目|工程|事项)的?")
_FINISHED_NOTE = re.compile(r"^[^，,。！!]{0,20}(?:已经?|全部)(?:完工|竣工|完成|建成)[。！!，,]")
_MINE = re.compile(r"^(?:我们村|我村|本村|我们|村里)?(?:今年|明年|\d{4}年)?的?")
_QUOTED = re.compile(r"[“\"「《](?P<q>[^”\"」》]{2,25})[”\"」》]")
_BREAK = re.compile(r"[，,。；;！!？?\n：:（(]")
_MAX_TITLE = 25


def sentence_of(text: str, start: int, end: int, stops: str = "。！!？?\n") -> str:
    """The sentence (or, with other `stops`, the clause) that holds [start, end)."""
    left = max(text.rfind(c, 0, start) for c in stops) + 1
    ends = [i for c in stops if (i := text.find(c, end)) >= 0]
    return text[left:min(ends, default=len(text))]


def _clause_start(text: str, pos: int, floor: int) -> int:
    return max([floor] + [text.rfind(c, floor, pos) for c in "，,；;。！!？?\n"])


def _clause(text: str, start: int, end: int) -> str:
    return sentence_of(text, start, end, "，,；;。！!？?\n")


def _comment(text: str, m: re.Match[str], drop: list[tuple[int, int]] | None = None) -> str | None:
    """A reviewer's comment: what follows the verdict, without weights and 销号 words."""
    rest = cut_spans(text, [(0, m.end())] + (drop or []))
    return squeeze(_FILLER.sub("", rest)) or None


def _topics(text: str, m: re.Match[str], now: dt.datetime) -> ProjectBlock:
    return ProjectBlock("topics", topics=list_items(text[m.end():]))


def _review(action: str) -> Reader:
    def read(text: str, m: re.Match[str], now: dt.datetime) -> ProjectBlock:
        weight = _WEIGHT.search(text) if action == "approve" else None
        value = to_number(weight["n"]) if weight else None
        note = _comment(text, m, [weight.span()] if weight else [])
        # A return may say by when to hand the plan in again.
        due = pick_deadline(deadline_hits(text[m.end():], now.date(), now)) if action == "return" else None
        return ProjectBlock(action, deadline=due, weight=value, note=note)
    return read


def _claim(text: str, m: re.Match[str], now: dt.datetime) -> ProjectBlock:
    number = m["a"] or m["b"] or m["c"]
    title = m["title"] or m["quoted"]
    return ProjectBlock("claim", title=squeeze(title) if title else None, topic=to_int(number) if number else None)


def _plan(action: str) -> Reader:
    def read(text: str, m: re.Match[str], now: dt.datetime) -> ProjectBlock:
        plan = read_plan(text, m.end(), now)
        title = plan.name or _quoted(text[m.end():])
        if title is None and action == "declare":
            title = _name_after(text, m) if m["after"] else _name_before(text, m.start())
        return ProjectBlock(action, title=title, deadline=plan.deadline, milestones=plan.milestones, note=plan.goal)
    return read


def _quoted(text: str) -> str | None:
    q = _QUOTED.match(text.lstrip(" ：:是为叫"))
    return q["q"] if q else None


def _name_after(text: str, m: re.Match[str]) -> str | None:
    """"申报书记项目：小冬桃产业园。目标…" → 小冬桃产业园."""
    rest = text[m.end():].lstrip(" ：:")
    first = squeeze(_BREAK.split(rest, maxsplit=1)[0])
    return first if 2 <= len(first) <= _MAX_TITLE else None


def _name_before(text: str, start: int) -> str | None:
    """"小冬桃产业园实施方案：" → 小冬桃产业园 (not 我们村的)."""
    left = max(text.rfind(c, 0, start) for c in "，,。；;！!？?\n") + 1
    name = squeeze(_MINE.sub("", text[left:start]))
    return name if 2 <= len(name) <= _MAX_TITLE else None


def _milestone_done(text: str, m: re.Match[str], now: dt.datetime) -> ProjectBlock:
    """"里程碑完成：大棚建成" → 大棚建成; "小冬桃项目的选址已完成（里程碑）" → 选址."""
    colon = _MILESTONE_COLON.search(text)
    if colon is not None:
        words = _BREAK.split(text[colon.end():].lstrip(), maxsplit=1)[0]
    else:
        words = _MILESTONE_WORD.sub("", _clause(text, m.start(), m.end()))
        words = _SUBJECT.sub("", squeeze(words), count=1)
    title = squeeze(_COMPLETED.sub("", _NOT_A_MILESTONE.sub("", squeeze(words))))
    return ProjectBlock("milestone_done", title=title if len(title) >= 2 else None)


def _request_acceptance(text: str, m: re.Match[str], now: dt.datetime) -> ProjectBlock:
    """The closing summary after 申请验收, without an opening "…已完工" that the request implies."""
    rest = squeeze(text[m.end():])
    finished = _FINISHED_NOTE.match(rest)
    if finished and squeeze(rest[finished.end():]):
        rest = squeeze(rest[finished.end():])
    return ProjectBlock("request_acceptance", note=rest or None)


def _inspect(text: str, m: re.Match[str], now: dt.datetime) -> ProjectBlock:
    """What was looked at (the note), what was found (findings) and the 整改 deadline."""
    said = _FINDINGS.search(text)
    rectify = _RECTIFY.search(text, said.end() if said else 0)
    findings: tuple[str, ...] = ()
    if said is not None:  # the findings end where the clause that orders 整改 begins ("请于3月25日前整改")
        end = len(text) if rectify is None else _clause_start(text, rectify.start(), said.end())
        findings = list_items(text[said.end():end])
    note = squeeze(text[:said.start()]) if said else ""
    hits = deadline_hits(text, now.date(), now)
    # The deadline said with 整改 ("整改期限3月20日"), else one said as a deadline ("3月20日前整改到位").
    after = [h for h in hits if rectify is not None and h.start >= rectify.start()]
    due = pick_deadline(after) or pick_deadline([h for h in hits if h.marked])
    return ProjectBlock("inspect", deadline=due, note=note or squeeze(text) or None, findings=findings)


READERS: dict[str, Reader] = {  # by action
    "topics": _topics, "approve": _review("approve"), "return": _review("return"), "accept": _review("accept"),
    "showcase": _review("showcase"), "claim": _claim, "declare": _plan("declare"), "revise": _plan("revise"),
    "milestone_done": _milestone_done, "request_acceptance": _request_acceptance, "inspect": _inspect,
}
