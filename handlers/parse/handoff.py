"""Hand-offs: who is told to do what (PARSING.md, "Assignees" and "Task")."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from handlers.parse.names import Mention, RegistryIndex, person_mentions, title_mentions, village_mentions
from handlers.parse.text import TITLES, cut_spans, squeeze
from handlers.registry import Person

# 嘎查 is the village of Inner Mongolia's pastoral areas ("各嘎查（社区）", "各嘎查村").
ALL_VILLAGES = re.compile(
    r"(?:各(?:行政)?(?:嘎查村|嘎查|村)(?:（社区）|\(社区\)|居|社区)?|各社区(?:[、和及](?:村|嘎查))?|各(?:村|嘎查|党)?支部"
    r"|全体村|所有村|全体嘎查|所有嘎查|全体书记|各位书记|各位村书记)"
    r"(?:党组织|党支部)?(?:书记|支部书记|负责人|两委|干部)?(?:们)?(?:注意)?\s*[：:，,]?")
_JOINED = re.compile(r"\s*[、和及与]\s*")
_TO_ALL = re.compile(rf"\s*(?:{ALL_VILLAGES.pattern})(?<=[：:])")
_TITLE_TAIL = re.compile(rf"\s*(?:{TITLES})?\s*[：:，,、\s]*")
_GROUP_WORDS = re.compile(r"^\s*(?:你们)?(?:两位|三位|几位|各位|两个|三个|几个|两村|三村|几村)(?:书记|同志|领导|网格员|干部|村|嘎查|社区)?\s*[，,：:]?"
                          r"|^\s*(?:请你们|请你|请各位|请大家|请)|^\s*(?:每个村|每村|各村|每个嘎查|各嘎查)都?")
_PASSING = re.compile(r"(?:给|向|找|联系|跟|和|与|同|配合|协助|问|由)\s*$")
_TITLE_BEFORE = re.compile(rf"(?:包村干部|联村干部|驻村干部|第一书记|网格员|{TITLES})\s*$")
_AND = re.compile(r"(?:和|与|跟|同|及)\s*$")
_FILLER_START = re.compile(r"^\s*(?:(?:紧急|重要)?通知[：:]\s*)?(?:请|麻烦|务必|抓紧)?")
# What is coming or how things stand, said before the order: visitors to come, a season starting, work behind.
# … and the weather or season said as why ("气象台说周末有暴雪", "白灾还没过去", "接羔保育马上开始了").
_NEWS = re.compile(r"(?:来|到)[^，,。；;]{0,6}(?:检查|调研|督导|考察|观摩|指导|看)|即将|在即|头等大事"
                   r"|马上(?:就)?(?:过完|到了?|开始了?|来了)|就要(?:来|到|开始)了|还没过去|(?:气象台|气象局|天气预报|预报)说"
                   r"|持续上涨|还在涨|暴涨|超(?:过)?警戒"
                   r"|快(?:过完|到了)|普遍滞后|进度滞后|^\s*特别是|进行了?(?:检查|抽查|督导|督查|审计)|检查(?:中|时)?发现"
                   r"|督查通报")
_ORDERS = re.compile(r"请|务必|必须|把|(?<!即)将(?!来)|抓紧|尽快|要求")
# A village named as the one who acts ("这周龙潭村把…报上来", "龙潭村本周五前把…") addresses it, wherever it
# stands; after 去/到/在 it is only the place of the work.
# "石桥村、枫林村两个村今明两天把…": a count of them and a day word may come between.
_ACTS_AFTER = re.compile(r"\s*(?:党支部|支部|两委)?\s*(?:[两三四五几]个(?:村|嘎查|社区|村（社区）))?\s*"
                         r"(?:(?:[^，,。；;\s把要]{1,8}?(?:前|内|以前|之前)|今明两天|明后两?天|这两天|今天|明天|后天|本周|这周|下周)\s*)?"
                         r"(?:把|要|务必|尽快|抓紧|马上|[，,：:])")
_PLACE_BEFORE = re.compile(r"(?:去|到|在|从|往|对|给|向|帮)\s*$")
_ADDRESS_LINE = re.compile(r"^[^，,。；;：:\n]{2,40}?[：:]")
_LIST_JOIN = re.compile(r"\s*(?:[、，,]|和|与|及)\s*")


@dataclass(frozen=True)
class Assignees:
    """Who a hand-off names, and the spans of text that named them (left out of the task)."""

    names: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    ambiguous: tuple[str, ...]  # titles that fit several people and no named village



def _tail_end(text: str, pos: int) -> int:
    """Where a name's title and separators end ("王建国书记：" → after the colon)."""
    tail = _TITLE_TAIL.match(text, pos)  # the pattern matches "" too, so this is never None
    return tail.end() if tail else pos

def assignees_of(text: str, index: RegistryIndex, sender: Person | None = None) -> Assignees:
    """People by name, @name or unambiguous title; else every village for 各村; else the villages named."""
    people = [m for m in person_mentions(text, index) if sender is None or m.name != sender.name]
    # "@" addresses explicitly: then only those. Otherwise a name after 交给/联系/配合 is in passing, unless
    # it is the second of two addressees ("杨书记和柯长林这周六前…").
    addressed = [m for m in people if m.start and text[m.start - 1] in "@＠"]
    ends = {_tail_end(text, m.end) for m in people} | {t.end for t in title_mentions(text, index, people)}
    joined = {m.start: c.start() for m in people if (c := _AND.search(text, max(0, m.start - 2), m.start)) and
              c.start() in ends}
    people = addressed or [m for m in people
                           if m.start in joined or not _PASSING.search(text, max(0, m.start - 3), m.start)]
    # "各村：…报镇纪委，康书记那边要抽查": the villages addressed first are told; a person named later is not.
    to_all = not addressed and bool(_TO_ALL.match(text))
    if to_all:
        people = []
    spans: list[tuple[int, int]] = []
    names: list[str] = []
    office = index.office_re.match(text, len(text) - len(text.lstrip(" @＠请"))) if index.office_re else None
    if office and (holder := index.offices[office.group()]).name != (sender.name if sender else None):
        names.append(holder.name)
        spans.append((office.start(), _tail_end(text, office.end())))
    for m in people:
        start = m.start - 1 if m.start and text[m.start - 1] in "@＠" else joined.get(m.start, m.start)
        title = _TITLE_BEFORE.search(text, max(0, start - 6), start)  # "请包村干部许文同志…": the title goes too
        spans.append((title.start() if title else start, _tail_end(text, m.end)))
        names.append(m.name)
    villages = village_mentions(text, index)
    # "@程立新 和 下溪口村：", "竹山村、@陶俊：": a village in the address line is told too, beside the people.
    head = _ADDRESS_LINE.match(text)
    if names and head:
        for v in villages:
            # not "白土岘村贺永平：": a village right before a person only says whose secretary
            whose = any(v.end <= s and not text[v.end:s].strip() for s, _ in spans)
            if v.end <= head.end() and v.name not in names and not whose:
                names.append(v.name)
                spans.append((v.start, _tail_end(text, v.end)))
    ambiguous: list[str] = []
    for t in () if to_all or addressed else title_mentions(text, index, people):  # "@杨德清 @杨秀英 两位杨书记"
        fits = [p for p in t.people if sender is None or p.name != sender.name]
        if not fits:
            continue
        c = _AND.search(text, max(0, t.start - 2), t.start)
        spans.append((c.start() if c and c.start() in ends else t.start, _tail_end(text, t.end)))
        if len(fits) == 1:
            names.append(fits[0].name)
            continue
        # "王书记" fits two people: the village named with it decides, else nobody is guessed.
        theirs = {p.village for p in fits}
        named = [v.name for v in villages if v.name in theirs]
        if named:
            names.extend(named)
        else:
            ambiguous.append(t.text)
    for v in villages:
        if any(v.end == s for s, _ in spans):  # "龙潭村汪海波书记": the village only says whose secretary
            spans.append((v.start, v.end))
    if not names and not ambiguous:
        every = ALL_VILLAGES.search(text)
        while every and text.startswith("的", every.end()):  # "各村的防汛物资": whose things, not who is told
            every = ALL_VILLAGES.search(text, every.end())
        if every:
            names = list(index.village_names)
            end = every.end()
            while (link := _JOINED.match(text, end)) and (again := ALL_VILLAGES.match(text, link.end())):
                end = again.end()  # "各村、各社区：": one address, said twice
            spans.append((every.start(), end))
        else:
            listed = index.village_list_re.match(text) if index.village_list_re else None
            head_end = listed.end() if listed else -1
            acting = _acting(text, villages)
            for v in villages:
                if v.name not in names:
                    names.append(v.name)
                if v.end <= head_end or v.start in acting:
                    spans.append((v.start, acting.get(v.start, v.end)))
            if listed:
                spans.append((listed.start(), head_end))
    unique = tuple(dict.fromkeys(names))
    return Assignees(unique, tuple(spans), tuple(ambiguous))


def _acting(text: str, villages: Sequence[Mention]) -> dict[int, int]:
    """Villages named as the ones who act, by start, with where their span ends ("龙潭村、桃园村把…")."""
    acting: dict[int, int] = {}
    for v in reversed(villages):  # a list acts when its last village does
        joined = _LIST_JOIN.match(text, v.end)
        if joined and joined.end() in acting:
            acting[v.start] = joined.end()
        elif _ACTS_AFTER.match(text, v.end) and not _PLACE_BEFORE.search(text, max(0, v.start - 2), v.start):
            acting[v.start] = v.end
    return acting


def task_of(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The instruction without the assignees and the deadline words."""
    task = _without_news(squeeze(cut_spans(text, spans)))
    for _ in range(2):  # "两位书记，请…" has two openers
        task = squeeze(_GROUP_WORDS.sub("", task, count=1))
    return squeeze(_FILLER_START.sub("", task, count=1)) or squeeze(text)


def _without_news(task: str) -> str:
    """The task from the order on: "县里下周来检查人居环境，…清理完" tells why, and only the rest is to be done."""
    pieces = re.split(r"(?<=[，,。；;！!])", task)
    start = 0
    while start < len(pieces) - 1 and _NEWS.search(pieces[start]) and not _ORDERS.search(pieces[start]):
        start += 1
    return "".join(pieces[start:])
