"""Updates on a numbered task: #12, 12号任务, 任务12 (PARSING.md, "Task update action")."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from handlers.parse.deadlines import deadline_hits, pick_deadline
from handlers.parse.progress import read_progress
from handlers.parse.numbers import to_int
from handlers.parse.text import clauses, cut_spans, join, normalize
from handlers.roles import LEADERS, SUPERVISOR

TASK_REF = re.compile(
    r"[#＃]\s*(?P<a>\d+)|(?<!\d)(?P<b>\d+)\s*号任务|第\s*(?P<d>\d+)\s*(?:号|个)?任务"
    r"|(?<![一二三四五六七八九十百])(?P<e>[一二三四五六七八九十百]{1,5})号任务"  # "四十五号任务", said aloud
    r"|(?<!目标)(?<!年度)(?<!全年)任务\s*(?:#|编号|号)?\s*(?P<c>\d+)(?!\s*[个项件条天日号%.户人亩万元米座家名]|\d)"
    # "任务四十六 …" said aloud, opening the message or a clause (not "这个任务十分紧急").
    r"|(?:^|(?<=[\s，,。；;]))任务\s*(?P<f>[一二三四五六七八九]?[十百][一二三四五六七八九十]{0,3})(?![个项件条天日号分])"
)
_DONE = (r"已经?办结|办结了?|已经?完成了?|已经?落实了?|全部完成|已处理完?|已办完|已做完|已经?完工|已经?整改完毕|整改完毕"
         r"|已经?(?:发放|落实|整改)到位|已公示|已经?(?:整改|处理|维修|修复|清理|拆除)完成|整改完成")
_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("extend", re.compile(r"(?:申请|需要|请求|想)?(?:延期|延长|推迟|延(?=到|至))(?:到|至|一下)?")),
    ("reject", re.compile(r"(?:予以|现)?退回|不合格|(?:请)?重新办理|打回|不符合要求|(?:请)?返工|(?:请)?重做")),
    ("verify", re.compile(r"(?:验收通过|同意销号|予以销号|可以销号|销号|审核通过|确认办结)了?")),
    ("done", re.compile(_DONE)),
    # Handed in or finished in other words: "已经发到党建办邮箱了，请审", "结果已报镇纪委", "情况说明也写好了", "调试完了".
    ("done", re.compile(r"已经?(?:上报|报送|提交|报|发到|发给|交到|交给|交)|报上去了|交上去了|补交了|请审|请(?:镇里)?验收"
                        r"|统计完成|(?:写|弄|搞|做|调试|整理|清运|拉)(?:好|完)了|搞[定掂]了?|办妥了?|弄妥了?")),  # 搞掂: Cantonese
    ("progress", re.compile(r"(?:目前)?(?:的)?进度[：:]?|进展[：:]?|正在推进|推进中|正在办理")),
    ("ack", re.compile(r"已经?收到了?|收到了?|(?:马上|立即|立刻|尽快)落实|已?签收|照办|马上办|好的")),
)
# A clause with nothing but a done word or a spoken filler ("那个 42号任务 收到了") adds nothing to the note.
_EXTEND_TO = re.compile(r"(?:延期|延长|推迟|延后|延)(?:到|至)")
_BY_SPAN = re.compile(r"(?:延期|延长|推迟|延后)\s*(?P<span>(?:半个|[\d一二两三四五六七八九十]+个?)(?:工作日|天|周|星期|礼拜|月))")
# "…延到6月5号行不行": the asking words of a request are not its news.
_ASKING = re.compile(r"(?:行不行|可以吗|可不可以|好吗|行吗|能否批准|请批准)[?？]?\s*$")
_DONE_ONLY = re.compile(rf"(?:(?:报告|汇报)\s*[：:]?\s*)?(?:{_DONE}|嗯+|呃|那个|这个|就是说)?\s*")
_WORDLESS = re.compile(r"[\W\d_]+")


def task_number_of(text: str) -> int | None:
    """The task number a message names, or None."""
    m = TASK_REF.search(text)
    if not m:
        return None
    if m["e"] or m["f"]:
        return to_int(m["e"] or m["f"])
    return int(next(g for g in (m["a"], m["b"], m["c"], m["d"]) if g))


def names_an_action(text: str) -> bool:
    """Whether the text says what happened to a task (收到, 办结, 申请延期, 验收通过…), not just news."""
    return any(pattern.search(text) for _, pattern in _WORDS)


def task_action_of(text: str, role: str | None = None, stated_progress: int | None = None) -> str:
    """ack | progress | done | verify | reject | extend; 验收/退回 count only from a leader, an admin or a supervisor
    (督导 verifies 整改; whether they may is the chat's to decide)."""
    found = {action for action, pattern in _WORDS if pattern.search(text)}
    leader = role in LEADERS or role == SUPERVISOR or role is None
    if "extend" in found:
        return "extend"
    if leader and "reject" in found:
        return "reject"
    if leader and "verify" in found:
        return "verify"
    if stated_progress is not None and stated_progress < 100:
        return "progress"
    for action in ("done", "verify", "progress", "ack"):
        if action in found:
            return "done" if action == "verify" else action
    # No action words: news about the task ("#31 照片发群里了") is progress; a bare "#31" an ack.
    rest = _WORDLESS.sub("", TASK_REF.sub("", text))
    return "progress" if stated_progress is not None or len(rest) >= 2 else "ack"


def task_note_of(text: str, extra_spans: Sequence[tuple[int, int]] = ()) -> str | None:
    """The text without the task number, the action words and `extra_spans` (progress, deadline)."""
    spans = [m.span() for m in TASK_REF.finditer(text)] + list(extra_spans)
    for action, pattern in _WORDS:
        if action != "done":  # "光伏电站安全检查已完成" is the news itself; a bare "已办结" is not
            spans.extend(m.span() for m in pattern.finditer(text))
    rest = clauses(cut_spans(text, spans))
    said = [(_ASKING.sub("", c.text), c.mark) for c in rest]
    kept = [(words, mark) for words, mark in said if not _DONE_ONLY.fullmatch(words.strip())]
    return join(kept)


@dataclass(frozen=True)
class TaskUpdateReading:
    """What a message says about a task it is about (by number or by replying to the task's message)."""

    action: str
    progress: int | None  # only a stated figure
    deadline: dt.date | None  # only for extend
    note: str | None
    span: str | None = None  # an extension asked as a span ("一周"), counted here from today

def read_task_update(text: str, role: str | None, now: dt.datetime | dt.date,
                     warnings: list[str] | None = None) -> TaskUpdateReading:
    """Action, stated progress, new deadline (extend only) and note of an update; `now` on the sender's clock.

    The one reading of a task update: the parser uses it for "#12 …" and the task handlers for a
    reply to a task's message, so both give the same note for the same words.
    """
    text = normalize(text)[0]
    reading = read_progress(text)
    stated = reading.stated.value if reading.stated else None
    action = task_action_of(text, role, stated)
    # The note drops the figure that was read, not other words ("简介写了一半").
    spans = [(reading.stated.start, reading.stated.end)] if reading.stated else []
    deadline, asked = None, None
    if action == "extend":  # only an extension carries a new deadline
        today, moment = (now.date(), now) if isinstance(now, dt.datetime) else (now, None)
        hits = deadline_hits(text, today, moment, warnings)
        # "年底人手太紧，延期到明年1月15号": the day after 延期到 is the one asked for, whatever else is dated.
        to = _EXTEND_TO.search(text)
        asked_for = [h for h in hits if to is not None and h.date is not None and to.start() <= h.start <= to.end() + 2]
        deadline = asked_for[0].date if asked_for else pick_deadline(hits)
        spans += [(h.start, h.end) for h in hits]
        span = _BY_SPAN.search(text) if deadline is None else None
        if span is not None:  # "申请延期一周": a span asked for runs from today, as "一周内" would
            asked = span["span"]
            deadline = pick_deadline(deadline_hits(asked + "内", today, moment, warnings))
            spans.append(span.span("span"))
    return TaskUpdateReading(action, stated, deadline, task_note_of(text, spans), asked)
