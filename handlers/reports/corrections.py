"""Reading a reply to a report card or a "which project?" question: which fields it changes, and nothing else.

"进度写错了，应该是七成", "不对是70", "不是11月是10月的", "不是这个月是上个月", "项目是征地那个",
"问题改为：…", "已完成改成…", "金额改成5万", "2 进度改成75%" (the second of several cards).

Pure. A reply is a correction only when what it says is accounted for by field values and correction
words (its residue is a few characters at most): "11月完成修剪200亩，进度60%" is a new report, not a
correction, and a correction's own words never become report text.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from handlers.parse import RegistryIndex, amounts_of, month_mentions, read_progress
from handlers.parse.progress import restate_progress
from handlers.parse.names import project_scores
from handlers.parse.numbers import to_int
from handlers.parse.text import normalize
from handlers.registry import Project

MAX_SHORT_CHARS = 60  # a correction without a label is short; a longer text is a new message
MAX_LABELLED_CHARS = 500
MAX_RESIDUE = 4  # characters a correction may leave unread ("基地", "一下")
_CHANGE = r"(?:改成|改为|改一下|应该是|应为|应是|调整为|更正为|更改为|修改为|是|为|写成)"
_ADD = r"(?:补充|再加|加上|还有|另外)"
# "问题改为：…" replaces; "问题补充：…" adds; "问题：…" (a label alone) replaces.
_HOW = rf"(?:(?P<add>{_ADD})\s*[:：]?|{_CHANGE}\s*[:：]?|[:：])"
_LABELLED = (
    ("problems", re.compile(rf"^(?:存在的?)?(?:问题|困难)\s*{_HOW}\s*(?P<v>.+)$", re.S)),
    ("next_plan", re.compile(rf"^(?:(?:下一?步|下月|下个月)(?:工作)?(?:计划|打算)?|计划|打算)\s*{_HOW}\s*(?P<v>.+)$",
                             re.S)),
    ("done", re.compile(rf"^(?:本月)?(?:已完成|完成情况|完成的|进展|做了)\s*{_HOW}\s*(?P<v>.+)$", re.S)),
)
# "第二个", "2.", "2 进度…", or a lone digit ("2": a choice; "70" alone is no item number).
_TARGET = re.compile(r"^\s*(?:第\s*(?P<cn>[一二三四五六七八九十\d]{1,2})\s*(?:个|份|项|条)?|(?P<d>\d)\s*[.、:：号]|"
                     r"(?P<d2>\d)\s+(?=\D)|(?P<d3>\d)\s*$)\s*[,，]?\s*")
_INTENT = re.compile(r"改(?:成|为|一下|下|正|了)|修改|更改|要改|不对|不是|应该|应为|应是|写错|错了|搞错|弄错|打错"
                     r"|更正|有误"
                     r"|调整为")
# Words that move a card to another project ("项目是征地那个", "是菜园那个", "不是三步桥是征地"); a project
# merely named with new figures ("征地搬迁进度70%") is a report on that project, not a move.
_MOVE = re.compile(r"项目\s*(?:是|改成|改为|应该是|应为|应是|错了)|那个|这个|^(?:是|报的是|说的是)|不是.{1,16}是")
_BARE_FIGURE = re.compile(r"(?:进度|不对|应该是|应为|改成|改为|是|为|到)\s*(?P<n>\d{1,3}|[一二三四五六七八九十百]{1,3})"
                          r"\s*(?:%|％)?\s*(?:了|吧|啊)?$")
_AMOUNT_WORD = re.compile(r"金额|资金|投入|收入|钱|元|块")
_FILLER = re.compile(
    r"不对|不是|应该是|应该|应为|应是|改成|改为|改一下|调整为|更正为|更正|修改为|更改为|写错了?|错了|搞错了?|弄错了?|打错了?"
    r"|有误|金额|资金|投入|收入|到位|刚才|上面|那条|这条|这份|那份|报的是|报的|说的是|我说的|写成|写的|进度|月份|时间|期数"
    r"|项目|事项|进展|情况|月报|报告|那个|这个|一下|麻烦|帮我|请|是|为|的|了|吧|啊|呢|哦|嗯|改|成|到|应|该|写|个|好")
_PUNCT = re.compile(r"[\s,，。.;；:：!！?？、~…\-—“”\"'()（）]")


@dataclass
class Correction:
    """What a reply changes; `target` picks one of several cards (0-based), `intent` says it meant to correct."""

    changes: dict[str, Any] = field(default_factory=dict)
    project: Project | None = None  # a project the reply names, of any village
    target: int | None = None
    added: set[str] = field(default_factory=set)  # fields whose value is added to what the card has
    intent: bool = False
    moves: bool = False  # the named project is said to be the card's project (not a report on it)
    pure: bool = False  # everything said is accounted for: safe to apply without reading the text afresh

    @property
    def names_only_a_target(self) -> bool:
        """'第2个' alone: a choice, not a change."""
        return self.target is not None and not self.changes and self.project is None


def _winner(text: str, scope: str | None, index: RegistryIndex, least: int) -> Project | None:
    ranked = sorted(project_scores(text, scope, index), key=lambda s: -s[0])
    if ranked and ranked[0][0] >= least and (len(ranked) < 2 or ranked[1][0] < ranked[0][0]):
        return ranked[0][1].project
    return None


def _project_named(text: str, index: RegistryIndex, village: str | None) -> Project | None:
    # The report's own village first (its short forms count there); else any village's clear winner.
    return _winner(text, village, index, 2) or _winner(text, None, index, 2)


def foreign_project(text: str, village: str, index: RegistryIndex) -> Project | None:
    """Another village's project that a message about `village` plainly names, while naming none of its own."""
    named = sorted(index.named_projects(text), key=lambda s: -s[0])  # the words of a title, verbatim
    if not named or named[0][1].project.village == village or (len(named) > 1 and named[1][0] == named[0][0]):
        return None
    if any(score for score, _ in project_scores(text, village, index)):
        return None
    return named[0][1].project


def _shared_words(text: str, title: str) -> list[tuple[int, int]]:
    """Spans of the text of two or more characters that the title has too ("征地", "小冬桃")."""
    spans, i = [], 0
    while i < len(text) - 1:
        j = i + 2
        if text[i:j] not in title:
            i += 1
            continue
        while j < len(text) and text[i:j + 1] in title:
            j += 1
        spans.append((i, j))
        i = j
    return spans


def _residue(text: str, spans: list[tuple[int, int]], project: Project | None) -> str:
    if project is not None:  # words of the project's title are accounted for
        spans = spans + _shared_words(text, project.title)
    kept = "".join(ch if not any(a <= i < b for a, b in spans) else " " for i, ch in enumerate(text))
    return _FILLER.sub("", _PUNCT.sub("", kept))


def _target_of(text: str) -> tuple[int | None, str]:
    m = _TARGET.match(text)
    if not m:
        return None, text
    number = to_int(m["cn"] or m["d"] or m["d2"] or m["d3"])
    return (number - 1 if number else None), text[m.end():]


def _progress(text: str, spans: list[tuple[int, int]]) -> int | None:
    reading = read_progress(text)
    if reading.stated is not None:
        spans.append((reading.stated.start, reading.stated.end))
        return reading.stated.value
    m = _BARE_FIGURE.search(text)
    if m and (value := to_int(m["n"])) is not None and 0 <= value <= 100:
        spans.append((m.start("n"), m.end()))
        return value
    return None


def _period(text: str, today: dt.date, spans: list[tuple[int, int]]) -> str | None:
    mentions = month_mentions(text, today)
    for m in mentions:
        spans.append((m.start, m.end))
    # "不是11月是10月的": the month after 不是 is the wrong one; the last other one is meant.
    meant = [m for m in mentions if not text[max(0, m.start - 2):m.start].endswith("不是")]
    if not meant:
        return None
    return f"{meant[-1].year:04d}-{meant[-1].month:02d}"


_SUM_FIELDS = ("done", "problems", "next_plan")  # the texts whose sums the amounts hold


def read_correction(text: str, village: str | None, index: RegistryIndex, today: dt.date) -> Correction:
    """Read a reply as a correction; `pure` is False when it says more than a correction does."""
    text = normalize(text)[0].strip().rstrip("。！!")
    target, body = _target_of(text)
    out = Correction(target=target, intent=bool(_INTENT.search(body)))
    if not body or len(body) > MAX_LABELLED_CHARS:
        out.pure = bool(body == "" and target is not None)
        return out
    for name, pattern in _LABELLED:
        if m := pattern.match(body):
            out.changes[name] = m["v"].strip()
            if m["add"]:
                out.added.add(name)
            out.pure = out.intent = True
            return out
    adding = re.match(rf"^{_ADD}(?:一下)?[\s,，:：]*", body)
    if adding:  # "补充一下，投入资金3万元": what follows is added to the card
        body, out.intent = body[adding.end():], True
    if len(body) > MAX_SHORT_CHARS:
        return out
    spans: list[tuple[int, int]] = []
    if (period := _period(body, today, spans)) is not None:
        out.changes["period"] = period
    if _AMOUNT_WORD.search(body) and (amounts := amounts_of(body)):
        out.changes["amounts"] = [a.to_dict() for a in amounts]
        if adding:
            out.added.add("amounts")
        spans += [(body.find(a.text), body.find(a.text) + len(a.text)) for a in amounts if a.text in body]
    elif (progress := _progress(body, spans)) is not None:
        out.changes["progress"] = progress
    out.project = _project_named(body, index, village)
    if out.project is not None:
        out.changes["project"] = out.project.id
        out.moves = bool(_MOVE.search(body))
    # Without a correction word every character must be accounted for ("11月", "征地那个", "七成"); with one,
    # a few may be left ("小冬桃基地进度改成90%").
    residue = _residue(body, spans, out.project)
    out.pure = bool(out.changes) and (len(residue) <= MAX_RESIDUE if out.intent else not residue)
    return out


def _amounts_after_texts(current: dict[str, Any], changes: dict[str, Any], added: set[str]) -> list[Any] | None:
    replaced = [name for name in _SUM_FIELDS if name in changes and name not in added]
    if not replaced:
        return None
    gone = {a.text for name in replaced for a in amounts_of(current.get(name) or "")}
    came = [a.to_dict() for name in replaced for a in amounts_of(changes[name] or "")]
    if not gone and not came:
        return None
    return [a for a in current.get("amounts") or () if a.get("text") not in gone] + came


def _restate_spent(current: dict[str, Any], changes: dict[str, Any]) -> None:
    """A sum corrected ("金额改成三千五") replaces the one sum the done text says, there and in the amounts.

    A gap or a plan's sum ("还差两万") is another figure and stays; without one sum in done, all are replaced.
    """
    done = current.get("done") or ""
    spent = amounts_of(done)
    if len(changes["amounts"]) != 1 or len(spent) != 1:
        return
    old, new, amounts = spent[0].text, changes["amounts"][0], current.get("amounts") or ()
    if not any(a.get("text") == old for a in amounts):
        return
    changes["amounts"] = [a if a.get("text") != old else new for a in amounts]
    changes["done"] = done.replace(old, new["text"], 1)


def with_additions(current: dict[str, Any], changes: dict[str, Any], added: set[str]) -> dict[str, Any]:
    """The changes with added values joined to the current ones ("问题补充：…" keeps the problems already told).

    A corrected progress is also written into the figure the done text states, so the two agree, and so is a
    corrected sum; a text replaced ("问题改为资金还差三万") takes the sums it said out of the amounts and brings
    the sums it says now.
    """
    out = dict(changes)
    if "progress" in out and "done" not in out and current.get("done") and out["progress"] is not None:
        out["done"] = restate_progress(current["done"], out["progress"])
    if "amounts" in out and "amounts" not in added and not out.keys() & set(_SUM_FIELDS):
        _restate_spent(current, out)
    elif "amounts" not in out:
        amounts = _amounts_after_texts(current, out, added)
        if amounts is not None:
            out["amounts"] = amounts
    for name in added & out.keys():
        before = current.get(name)
        if name == "amounts":
            out[name] = list(before or ()) + list(out[name])
        elif before:
            out[name] = f"{before}；{out[name]}"
    return out
