"""How a report opens: who reports and to whom, the topic, the season and the month, before the work itself.

sections.py cuts these from the start of the done text ("江涛报告征迁这块，3月份…", "冬至了给镇里说一下养蜂的事，…").
"""
from __future__ import annotations

import re

from handlers.parse.text import ADDRESS, Clause

# "江涛报告征迁这块…" (voice): who reports and on what, before the work itself.
_INTRO = re.compile(r"^\s*我是[\u4e00-\u9fff]{2,4}(?:[，,\s]|$)|^[^，,]{0,8}?(?:汇报|报告|报一下|报个进度|报下进度|报[:：])(?:一下)?[:：]?"
                    # "冬至了给镇里说一下养蜂的事，": who is told, and about what
                    r"|^[^，,]{0,8}?(?:跟|给|向)(?:镇里|镇上|领导|各位|大家)(?:说一下|说说|汇报一下|汇报下|报一下|报个数|讲一下|讲讲)"
                    r"(?:[^，,]{0,10}?(?:的事情?|这块|的情况))?"
                    r"|^[^，,]{0,10}?(?:这块|这边|方面)(?:跟镇里|给镇里|向镇里)?(?:唠唠|说说|说一下|汇报一下|报一下)?")
TOPIC_ONLY = re.compile(r"^[^，,。；;\d了已]{0,20}(?:这块|这边|方面|情况|项目|工程|汇报一下|报告一下|说一下|说下|那个|这个事|那个事|的事情?)$"
                        # "云海村那个茶叶初制所": which one, no work; "安置点这个月出了点情况": what follows tells it
                        r"|^[^，,。；;\d了]{0,10}那个[^，,。；;\d了]{1,12}$"
                        r"|^[^，,。；;\d]{0,12}出了(?:点|些|个)?(?:情况|问题|状况|岔子)$")
_REPORTING = re.compile(r"(?:跟|向|给)?(?:您|你们|领导|各位)?(?:汇报|报告|报一下|报个进度)(?:一下|如下)?")

_PERIOD = re.compile(r"(?:\d{4}年)?(?:本月|这个月|这月|上个?月|本周|这周|这两天|近期|近日|今年以来"
                     r"|(?:\d{1,2}|[一二三四五六七八九十]{1,2}|元)月份?(?![\d一二三四五六七八九十]+[日号]))"
                     r"(?:上半月|下半月|上旬|中旬|下旬|初|底|末|以来)?(?:的?(?:情况|工作情况|进展情况))?")

_PERIOD_WINDOW = 30
WORK_SAID = re.compile(r"了|已|完成|竣工|完工|建成|验收|复工|\d")
SUBJECT_CHARS = 10
_SUBJECT_CLAUSE = 12  # a whole clause before the month longer than this says something of its own…
_FRAMING = re.compile(r"^[^，,]{0,6}?(?:以|围绕|聚焦|坚持|依托|按照|结合)")  # …unless it frames the work ("以…为抓手")
_INTRO_CHARS = 20
# "饮水这块水厂的过滤设备这个月…": the topic ends at 这块; what follows it is the subject of the work.
_TOPIC_END = re.compile(r"这块|这边|那边|方面")
# "光伏，嗯，逆变器换好了…": a few words naming the project, said before the work.
# "养蜂眼看到年根了": the season said before the work, with no work in it.
_SEASON = re.compile(r"(?:眼看|马上|快|就)?(?:就)?到(?:了)?(?:年根|年底|年关|年跟前)了?\s*$|(?:冬至|立冬|入冬|入汛|年底|年根|年关)了\s*$")
_NICKNAME = re.compile(r"^(?![^，,]*(?:了|已|完|好|过|在|着|没|不))[\u4e00-\u9fff]{1,3}$")

def is_intro(text: str) -> bool:
    """Whether a clause only greets, names the topic or says it is a report ("罗斌报一下驿站")."""
    # A long run that says "报一下" is speech with the work in it: its intro words go, the rest stays.
    return bool(ADDRESS.match(text) or TOPIC_ONLY.match(text.strip())
                or (_REPORTING.search(text) and not re.search(r"\d", text) and len(text) <= _INTRO_CHARS))


def cut_period(done: list[tuple[Clause, str]]) -> list[tuple[Clause, str]]:
    """The done clauses without the month the report opens with, and the subject said before it."""
    # Whatever precedes the month in the opening sentence is its subject ("河西村移风易俗这块，3月份…").
    seen = 0
    for i, (clause, piece) in enumerate(done):
        m = _PERIOD.search(piece)
        if m and any((WORK_SAID.search(p) or (len(p.strip()) > _SUBJECT_CLAUSE and not _FRAMING.match(p)))
                     and not _said_first(p) for _, p in done[:i]):
            # "去长堤村学了经验，回来后上架了礼盒，本月销售额…", "上周带社区两委去白岩村学习经验，本月…":
            # work (or a clause as long as work) before the month is no subject
            break
        # two clauses of their own before it say work, not its subject
        if m and seen + m.start() <= _PERIOD_WINDOW and sum(not _said_first(p) for _, p in done[:i]) <= 1:
            topics = [t.end() for t in _TOPIC_END.finditer(piece, 0, m.start())]
            if topics and topics[-1] < m.start():
                rest = piece[topics[-1]:]
            elif m.start() > _SUBJECT_CLAUSE and (i > 0 or "的" in piece[:m.start()]):
                # After a topic clause, a long run before the month is what the work was done on ("光伏这块，村委会和
                # 老小学两处屋顶的光伏板上个月全部装完了"): only the month goes.
                rest = piece[:m.start()] + piece[m.end():]
            else:
                rest = piece[m.end():]
            return ([(clause, rest)] if rest.strip() else []) + done[i + 1:]
        seen += len(piece)
        if clause.ends_sentence or seen > _PERIOD_WINDOW:
            break
    return done

_MERELY = re.compile(r"^(?:也?就是|主要(?:就)?是)\s*(?=把|跟|和|给|去|到|帮|找)")  # "这个月就是把材料备齐了": only that much, said plainly


def _seasonal(piece: str) -> bool:
    return bool(_SEASON.search(piece)) and not re.search(r"\d", piece)


def _said_first(piece: str) -> bool:
    # "冬至了给镇里说一下养蜂的事", "养蜂眼看到年根了": said before the work, no work of their own
    intro = _INTRO.match(piece.strip())
    return _seasonal(piece) or (intro is not None and intro.end() == len(piece.strip())) or is_intro(piece)


def open_plainly(done: list[tuple[Clause, str]], subject: re.Pattern[str] | None) -> None:
    """Start the done clauses (in place) with the work: no intro, topic, season or village name first."""
    # The done text starts with the work, not with who reports or which village it is.
    while len(done) > 1 and (TOPIC_ONLY.match(done[0][1].strip()) or _NICKNAME.match(done[0][1].strip())
                             or _seasonal(done[0][1])):
        del done[0]
    clause, first = done[0]
    intro = _INTRO.match(first)
    if intro and (len(done) > 1 or first[intro.end():].strip()):
        first = first[intro.end():]
    first = _MERELY.sub("", first.lstrip(), count=1)
    opening = subject.match(first) if subject is not None else None
    done[0] = (clause, first[opening.end():] if opening else first)

def topic_only(done: list[tuple[Clause, str]]) -> bool:
    """Whether the done clauses so far only name a topic (short, with no work said)."""
    return all(len(piece.strip()) <= SUBJECT_CHARS and not WORK_SAID.search(piece) for _, piece in done)
