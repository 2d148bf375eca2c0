"""Project lifecycle messages (docs/project-messages.md): topics, claims, plans, review, milestones, acceptance.

Conservative on purpose: only clear lifecycle words in the right role make a `project` record, so a
monthly report that mentions 验收 stays a report and a leader's hand-off stays a hand-off. Who may
say what follows DESIGN.md's roles: leaders publish topics and review, reporters claim, declare and
ask for acceptance, a supervisor inspects.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from handlers.parse.deadlines import deadline_hits, pick_deadline
from handlers.parse.names import (
    NAMING_CHARS,
    RegistryIndex,
    best_project,
    find_village,
    project_scores,
    village_mentions,
)
from handlers.parse.numbers import NUMBER, to_int, to_number
from handlers.parse.plan import list_items, read_plan
from handlers.parse.progress import read_progress
from handlers.parse.record import ProjectBlock
from handlers.parse.text import PLANNED_WORDS, cut_spans, squeeze
from handlers.registry import Project
from handlers.roles import LEADERS, REPORTERS, SUPERVISOR

_CLAUSE = r"[^，,。；;！!？?\n]"  # any character that does not end a clause
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"

# Leaders (county and township leaders, admins).
_TOPICS = re.compile(r"(?:选题|点题)(?:清单|目录|范围)?(?:如下|是|为)?\s*[：:]")
_RETURN = re.compile(
    rf"(?:方案|申报|项目){_CLAUSE}{{0,6}}?(?:予以|现予|现)?(?:退回|驳回|打回|不予通过|未通过|不通过)"
    rf"|方案{_CLAUSE}{{0,4}}?(?:需要?|要|还需|仍需)(?:修改|完善|补充|调整)"
    r"|验收(?:不通过|未通过|不合格)|不予(?:立项|认定|验收)|指导(?:修改)?意见|修改意见\s*[：:]|退回(?:修改|完善|重报)")
# A verdict ("验收通过", "同意验收"), not news of one ("11月18日通过镇级验收").
_ACCEPT = re.compile(r"(?<!申请)(?<!迎接)(?<!准备)(?:镇级|县级|镇里|县里)?验收(?:已经?)?(?:通过|合格)(?!后)"
                     r"|同意(?:其)?验收|予以验收")
_APPROVE = re.compile(
    rf"(?:方案|申报){_CLAUSE}{{0,6}}?(?:审核|审查|审定|评审|论证)?(?:已经?|予以)?通过(?!后)"
    rf"|项目{_CLAUSE}{{0,6}}?(?:审核|审查|审定|评审|论证)(?:已经?|予以)?通过(?!后)"
    r"|(?:同意|予以|准予|批准)(?:立项|认定|实施)|立项(?:通过|批准)"
    r"|(?:项目|方案)\s*(?:已|予以)?认定(?!材料|标准|办法|程序|为)")
_SHOWCASE = re.compile(rf"(?:列为|列入|确定为|评为|作为|命名为){_CLAUSE}{{0,6}}?示范点")
_WEIGHT = re.compile(rf"(?:权重|分值|系数|赋分)\s*(?:为|是|定为|[：:])?\s*(?P<n>{NUMBER})")

# Reporters (village secretaries, contact officials).
_CLAIM = re.compile(
    rf"(?<![带引率本占首统要纲将])(?:认领|领取|选定|选择|领)了?\s*(?:"
    rf"第\s*(?P<a>{_NUM})\s*(?:个|号|项)?\s*(?:选题|题目|题)?|(?:选题|题目)\s*第?\s*(?P<b>{_NUM})\s*(?:号|个)?"
    rf"|(?P<c>{_NUM})\s*号\s*(?:选题|题目|题)?)(?![\d一二三四五六七八九十]|\s*[月天年批次人户元万])"
    r"|(?:领题|认领选题|认领题目|认领|选题)\s*[：:]\s*(?P<title>[^，,。；;！!？?\n]{2,30})"
    r"|认领\s*[“\"「](?P<quoted>[^”\"」]{2,30})[”\"」]")
_REQUEST = re.compile(r"申请(?:镇级|县级|镇里|县里|镇|县)?(?:组织)?(?:项目)?验收|提请(?:镇级|县级)?验收|验收申请")
_MILESTONE = re.compile(r"里程碑")
_MILESTONE_COLON = re.compile(r"(?:(?:已经?)?(?:完成|达成|实现)了?(?:第[^，,。：:]{1,3}个)?里程碑(?:节点)?"
                              r"|里程碑(?:节点)?(?:已经?)?(?:完成|达成|实现)?了?)\s*[：:]")
_MILESTONE_WORD = re.compile(r"[（(【\[]\s*里程碑(?:节点)?\s*[）)】\]]|的?里程碑(?:节点)?")
_REVISE = re.compile(
    r"修改(?:后的)?(?:实施)?方案(?:如下)?\s*[：:]|(?:实施)?方案(?:已经?)?修改(?:完善)?(?:如下|后)?\s*[：:]"
    rf"|(?:重新|再次)(?:提交|上报|报送){_CLAUSE}{{0,12}}?方案"
    r"|^\s*补充(?:资金来源|资金|预算|措施|步骤|目标|说明|材料)[^，,。：:]{0,6}[：:]"
    rf"|按(?:照)?{_CLAUSE}{{0,6}}?意见(?:已经?)?(?:修改|完善)(?:了)?(?:实施)?方案")
_DECLARE = re.compile(
    r"(?P<after>申报(?:了)?(?:一个|一项)?(?:今年|明年|\d{4}年)?的?(?:村级)?(?:书记项目|书记领办事项|领办事项)"
    r"(?:是|为|叫|名称为)?|(?:书记项目|领办事项)(?:申报|申请)(?:书|表)?\s*[：:]"
    r"|(?:今年|明年|\d{4}年|本年度)?的?(?:书记项目|领办事项)(?:是|为|定为|拟定为|名称为|叫))"
    r"|实施方案(?:如下)?\s*[：:]")

# A supervisor (督导).
_INSPECT = re.compile(r"督导|督查|巡查|检查|查看|暗访|抽查")
_FINDS = re.compile(r"问题|整改|不到位|不规范")
_FINDINGS = re.compile(r"(?:发现|存在)(?:的|以下|如下|主要)?(?:问题|不足)(?:如下|有)?\s*[：:]?")
_RECTIFY = re.compile(r"(?:请|要求|限期)?整改")

_QUESTION = re.compile(r"[?？吗]\s*$")
_PLANNED_BEFORE = re.compile(rf"(?:{PLANNED_WORDS}){_CLAUSE}{{0,8}}$")
_ASKED_FOR = re.compile(rf"(?:报送|上报|提交|报来|报给|交){_CLAUSE}{{0,12}}$")  # "请各村报送…选题：" asks for topics
_DONE = re.compile(r"完成|建成|达成|实现|完工|竣工|到位|落地")
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
_COLON = re.compile(r"\s*[：:]")
_MAX_TITLE = 25

# (action, pattern) in the order they are tried; the first that holds wins.
_RULES: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "leader": (("topics", _TOPICS), ("return", _RETURN), ("accept", _ACCEPT), ("approve", _APPROVE),
               ("showcase", _SHOWCASE)),
    "reporter": (("claim", _CLAIM), ("request_acceptance", _REQUEST), ("milestone_done", _MILESTONE),
                 ("revise", _REVISE), ("declare", _DECLARE)),
    "supervisor": (("inspect", _INSPECT),),
}
# Actions on a project that exists already: without one named, the record says so.
_ON_A_PROJECT = ("approve", "return", "accept", "showcase", "milestone_done", "request_acceptance", "inspect", "revise")


def _rules_of(role: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    if role in LEADERS:
        return _RULES["leader"]
    if role in REPORTERS:
        return _RULES["reporter"]
    return _RULES["supervisor"] if role == SUPERVISOR else ()


def project_action(text: str, role: str) -> tuple[str, re.Match[str]] | None:
    """The lifecycle action a message from `role` states and the words that state it, or None."""
    rules = _rules_of(role)
    if not rules or _QUESTION.search(text):
        return None
    for action, pattern in rules:
        for m in pattern.finditer(text):
            if _holds(action, text, m):
                return action, m
    return None


def _holds(action: str, text: str, m: re.Match[str]) -> bool:
    # What makes the words count: a topic menu lists topics, a plan is not a plan to declare, a report with a
    # progress figure stays a report, a milestone is one that was reached, an inspection found something.
    before = text[max(0, m.start() - 16):m.start()]
    if action == "topics":
        return not _ASKED_FOR.search(before) and bool(list_items(text[m.end():]))
    if action in ("declare", "request_acceptance") and _PLANNED_BEFORE.search(before):
        # "准备申报书记项目" is news of a plan; "我准备申报一个书记项目：…" is the declaration itself.
        return action == "declare" and bool(_COLON.match(text, m.end()) or m.group().rstrip().endswith(("：", ":")))
    if action in ("declare", "revise", "claim") and read_progress(text).stated is not None:
        return False
    if action == "milestone_done":
        return bool(_DONE.search(_sentence(text, m.start(), m.end())))
    if action == "inspect":
        return bool(_FINDS.search(text))
    return True


def read_project(text: str, role: str, home: str | None, index: RegistryIndex, now: dt.datetime,
                 warnings: list[str]) -> ProjectBlock | None:
    """The project block of a lifecycle message from `role` (home: the sender's village), or None if it is none."""
    found = project_action(text, role)
    if found is None:
        return None
    action, m = found
    block = _READERS[action](text, m, now)
    title = block.title
    if action == "declare" and title and index.village_re is not None:
        title = squeeze(index.village_re.sub("", title)) or None  # the record names the village already
    village = _village(text, index, home)
    if action == "claim":
        project = None  # a claimed topic becomes a new project
    elif action == "declare":  # a new project too, unless its title names one of the village's outright
        project = best_project(project_scores(title, village, index), NAMING_CHARS) if title and village else None
    else:
        project = _project(text, village, index, 2)
    if project is not None and project.village:
        village = project.village
    if action == "inspect" and project is None and village is None:
        return None  # an inspection is of a place: "明天督导组来检查，请各村做好准备" is an announcement
    if project is None and action in _ON_A_PROJECT:
        where = f"{len(index.keys_of(village))} projects in {village}" if village else "no project named"
        warnings.append(f"project unclear: {where}")
    return dataclasses.replace(block, project=project.title if project else None, village=village, title=title,
                               project_id=project.id if project else None)


def _village(text: str, index: RegistryIndex, home: str | None) -> str | None:
    # A reporter's own village unless another is the subject; for a leader or supervisor any village named
    # is ("到双河村检查" is where the inspection was, not a village named in passing). find_village's typo
    # guess is meant for short corrections, so it is not asked when the text names no village at all.
    named = village_mentions(text, index)
    if home is None:
        return named[0].name if named else None
    return find_village(text, index, home) if named else home


def _project(text: str, village: str | None, index: RegistryIndex, least: int) -> Project | None:
    # The village's projects first; across all villages only a title named outright counts.
    found = best_project(project_scores(text, village, index), least) if village else None
    return found or best_project(project_scores(text, None, index), max(least, NAMING_CHARS if village else 3))


def _sentence(text: str, start: int, end: int, stops: str = "。！!？?\n") -> str:
    left = max(text.rfind(c, 0, start) for c in stops) + 1
    ends = [i for c in stops if (i := text.find(c, end)) >= 0]
    return text[left:min(ends, default=len(text))]


def _clause_start(text: str, pos: int, floor: int) -> int:
    return max([floor] + [text.rfind(c, floor, pos) for c in "，,；;。！!？?\n"])


def _clause(text: str, start: int, end: int) -> str:
    return _sentence(text, start, end, "，,；;。！!？?\n")


def _comment(text: str, m: re.Match[str], drop: list[tuple[int, int]] | None = None) -> str | None:
    """A reviewer's comment: what follows the verdict, without weights and 销号 words."""
    rest = cut_spans(text, [(0, m.end())] + (drop or []))
    return squeeze(_FILLER.sub("", rest)) or None


def _topics(text: str, m: re.Match[str], now: dt.datetime) -> ProjectBlock:
    return ProjectBlock("topics", topics=list_items(text[m.end():]))


def _review(action: str) -> Callable[[str, re.Match[str], dt.datetime], ProjectBlock]:
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


def _plan(action: str) -> Callable[[str, re.Match[str], dt.datetime], ProjectBlock]:
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


_READERS: dict[str, Callable[[str, re.Match[str], dt.datetime], ProjectBlock]] = {
    "topics": _topics, "approve": _review("approve"), "return": _review("return"), "accept": _review("accept"),
    "showcase": _review("showcase"), "claim": _claim, "declare": _plan("declare"), "revise": _plan("revise"),
    "milestone_done": _milestone_done, "request_acceptance": _request_acceptance, "inspect": _inspect,
}
