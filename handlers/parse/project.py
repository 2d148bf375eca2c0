"""Project lifecycle messages (docs/project-messages.md): which action a message states, and about what.

Conservative on purpose: only clear lifecycle words in the right role make a `project` record, so a
monthly report that mentions 验收 stays a report and a leader's hand-off stays a hand-off. Who may
say what follows DESIGN.md's roles: leaders publish topics and review, reporters claim, declare and
ask for acceptance, a supervisor inspects. The fields of each action are read in project_fields.py.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

from handlers.parse.names import (
    NAMING_CHARS,
    RegistryIndex,
    best_project,
    find_village,
    project_scores,
    village_mentions,
)
from handlers.parse.plan import list_items, plan_parts
from handlers.parse.progress import read_progress
from handlers.parse.project_fields import READERS, sentence_of
from handlers.parse.record import ProjectBlock
from handlers.parse.text import PLANNED_WORDS, squeeze
from handlers.registry import Project
from handlers.roles import LEADERS, REPORTERS, SUPERVISOR

_CLAUSE = r"[^，,。；;！!？?\n]"  # any character that does not end a clause
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"

# Leaders (county and township leaders, admins).
_TOPICS = re.compile(r"(?:选题|点题|项目菜单)(?:清单|目录|范围)?(?:如下|是|为)?\s*[：:]")
_RETURN = re.compile(
    rf"(?:方案|申报|项目){_CLAUSE}{{0,6}}?(?:予以|现予|现)?(?:退回|驳回|打回|不予通过|未通过|不通过)"
    rf"|方案{_CLAUSE}{{0,4}}?(?:需要?|要|还需|仍需)(?:修改|完善|补充|调整)"
    r"|验收(?:不通过|未通过|不合格)|不予(?:立项|认定|验收)|(?:指导|方案)(?:修改)?意见")
# A verdict ("验收通过", "同意验收"), not news of one ("11月18日通过镇级验收").
_ACCEPT = re.compile(r"(?<!申请)(?<!迎接)(?<!准备)(?:镇级|县级|镇里|县里)?验收(?:已经?)?(?:通过|合格)(?!后)"
                     r"|同意(?:其)?验收|予以验收")
_APPROVE = re.compile(
    rf"(?:方案|申报){_CLAUSE}{{0,6}}?(?:审核|审查|审定|评审|论证)?(?:已经?|予以)?通过(?!后)"
    rf"|项目{_CLAUSE}{{0,6}}?(?:审核|审查|审定|评审|论证)(?:已经?|予以)?通过(?!后)"
    r"|(?:同意|予以|准予|批准)(?:立项|认定|实施)|立项(?:通过|批准)"
    r"|(?:项目|方案)\s*(?:已|予以)?认定(?!材料|标准|办法|程序|为)")
_SHOWCASE = re.compile(rf"(?:列为|列入|确定为|评为|作为|命名为){_CLAUSE}{{0,6}}?示范点")

# Reporters (village secretaries, contact officials).
_CLAIM = re.compile(
    rf"(?<![带引率本占首统要纲将])(?:认领|领取|选定|选择|领)了?\s*(?:"
    rf"第\s*(?P<a>{_NUM})\s*(?:个|号|项)?\s*(?:选题|题目|题)?|(?:选题|题目)\s*第?\s*(?P<b>{_NUM})\s*(?:号|个)?"
    rf"|(?P<c>{_NUM})\s*号\s*(?:选题|题目|题)?)(?![\d一二三四五六七八九十个号项]|\s*[月天年批次人户元万])"
    r"|(?:领题|认领选题|认领题目|认领|选定)\s*[：:]\s*(?P<title>[^，,。；;！!？?\n]{2,30})"
    r"|认领\s*[“\"「](?P<quoted>[^”\"」]{2,30})[”\"」]")
# "…项目全部完成，已申请镇级验收" in a month's report tells of an application made: the report, not a new one.
_REQUEST = re.compile(r"(?<!已)(?<!已经)申请(?:镇级|县级|镇里|县里|镇|县)?(?:组织)?(?:项目)?验收|提请(?:镇级|县级)?验收|验收申请")
_MILESTONE = re.compile(r"里程碑")
_REVISE = re.compile(
    r"修改(?:后的)?(?:实施)?方案(?:如下)?\s*[：:]|(?:实施)?方案(?:已经?)?修改(?:完善)?(?:如下|后)?\s*[：:]"
    rf"|(?:重新|再次)(?:提交|上报|报送){_CLAUSE}{{0,12}}?方案"
    r"|^\s*补充(?:资金来源|资金|预算|措施|步骤|目标|说明|材料)[^，,。：:]{0,6}[：:]"
    rf"|按(?:照)?{_CLAUSE}{{0,6}}?意见(?:已经?)?(?:修改|完善)(?:了)?(?:实施)?方案")
_DECLARE = re.compile(
    r"(?P<after>申报(?:了)?(?:一个|一项)?(?:今年|明年|\d{4}年)?的?(?:村级|乡镇党委|镇党委|乡镇级?|镇级)?"
    r"(?:书记项目|书记领办事项|领办事项|非均衡发展项目)"
    r"(?:是|为|叫|名称为)?|(?:书记项目|领办事项)(?:申报|申请)(?:书|表)?\s*[：:]"
    r"|(?:今年|明年|\d{4}年|本年度)?的?(?:书记项目|领办事项)(?:是|为|定为|拟定为|名称为|叫))"
    r"|实施方案(?:如下)?\s*[：:]")

# A supervisor (督导).
_INSPECT = re.compile(r"督导|督查|巡查|检查|查看|暗访|抽查|(?:进行了?|参加了?|参与了?)验收|验收组")  # not 验收通过: a verdict
# What an inspection finds wrong: named as a problem, or described ("没有签到表", "未公示", "造假").
FAULTS = (r"问题|整改|不到位|不规范|不符|违规|造假|虚报|冒领|挪用|截留|嫌疑|缺失|缺少|重复使用|未(?:经|按|公示|签|入账)"
          r"|没有(?:经过|签|公示|入账)|无签字|白条")
_FINDS = re.compile(FAULTS)
_OPENS_WITH = 4  # "督导双河村光伏项目，…" opens with the inspection itself
_LATER = re.compile(r"明天|后天|下周|下月|近期|近日将|将|拟|计划|准备|安排")  # an inspection announced, not made

_QUESTION = re.compile(r"[?？吗]\s*$")
_PLANNED_BEFORE = re.compile(rf"(?:{PLANNED_WORDS}){_CLAUSE}{{0,8}}$")
_ASKED_FOR = re.compile(rf"(?:报送|上报|提交|报来|报给|交){_CLAUSE}{{0,12}}$")  # "请各村报送…选题：" asks for topics
_DONE = re.compile(r"完成|建成|达成|实现|完工|竣工|到位|落地")
_COLON = re.compile(r"\s*[：:]")

# (action, pattern) in the order they are tried; the first that holds wins.
_RULES: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "leader": (("topics", _TOPICS), ("return", _RETURN), ("accept", _ACCEPT), ("approve", _APPROVE),
               ("showcase", _SHOWCASE)),
    "reporter": (("claim", _CLAIM), ("request_acceptance", _REQUEST), ("milestone_done", _MILESTONE),
                 ("revise", _REVISE), ("declare", _DECLARE)),
    "supervisor": (("inspect", _INSPECT),),
}
# Reporters' actions on a project under way: a village with one project means that one, as for a report.
_IN_PROGRESS = ("milestone_done", "request_acceptance")
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
        # A percent in a labelled plan is a goal ("目标：亩产提高两成"); elsewhere it makes a progress report.
        return action != "claim" and bool(plan_parts(text))
    if action == "milestone_done":  # "…完成了第一阶段里程碑，签约12户，进度40%" is a report with a figure
        return bool(_DONE.search(sentence_of(text, m.start(), m.end()))) and read_progress(text).stated is None
    if action == "inspect":
        return not _LATER.search(before) and (m.start() <= _OPENS_WITH or bool(_FINDS.search(text)))
    return True


def read_project(text: str, role: str, home: str | None, index: RegistryIndex, now: dt.datetime,
                 warnings: list[str]) -> ProjectBlock | None:
    """The project block of a lifecycle message from `role` (home: the sender's village), or None if it is none."""
    found = project_action(text, role)
    if found is None:
        return None
    action, m = found
    block = READERS[action](text, m, now)
    title = block.title
    if action == "declare" and title and index.village_re is not None:
        title = squeeze(index.village_re.sub("", title)) or None  # the record names the village already
    village = _village(text, index, home)
    if action == "claim":
        project = None  # a claimed topic becomes a new project
    elif action == "declare":  # a new project too, unless its title names one of the village's outright
        project = best_project(project_scores(title, village, index), NAMING_CHARS) if title and village else None
    else:
        # "列为示范点" names a status, not the 示范点 that ends some titles.
        named = text[:m.start()] + "，" + text[m.end():] if action == "showcase" else text
        project = _project(named, village, index, 2)
        keys = index.keys_of(village) if village else ()
        if project is None and action in _IN_PROGRESS and len(keys) == 1:  # as for a report: the only one
            project = keys[0].project
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
