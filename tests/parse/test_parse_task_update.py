"""Updates on numbered tasks (PARSING.md, "Task update action")."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from handlers.parse import read_task_update, task_number_of
from handlers.refs import PersonRef
from handlers.tasks import _step
from tests.parse.conftest import CST, at


@pytest.mark.parametrize(("text", "number"), [
    ("#12 已办结", 12), ("＃12 已办结", 12), ("12号任务收到", 12), ("任务12进度过半", 12), ("任务 #7 退回", 7),
    ("第41号任务验收通过", 41), ("关于33号任务，材料已补齐", 33), ("收到", None), ("3月12号前报送", None),
    ("任务3个都完成了", None), ("15号前完成任务", None),
])
def test_task_number(text: str, number: int | None) -> None:
    assert task_number_of(text) == number


@pytest.mark.parametrize(("sender", "text", "now", "expect"), [
    ("罗斌", "#41 已办结，台账已报送。", "2026-05-20 10:00",
     {"task": 41, "action": "done", "progress": None, "deadline": None, "note": "台账已报送"}),
    ("罗斌", "收到，#41 马上落实。", "2026-05-20 10:00",
     {"task": 41, "action": "ack", "progress": None, "deadline": None, "note": None}),
    ("黄志勇", "52号任务已收到，我们尽快整理上报。", "2026-05-20 10:00",
     {"task": 52, "action": "ack", "progress": None, "deadline": None, "note": "我们尽快整理上报"}),
    ("黄志勇", "#52 目前完成六成，剩下的下周弄完。", "2026-05-20 10:00",
     {"task": 52, "action": "progress", "progress": 60, "deadline": None, "note": "剩下的下周弄完"}),
    ("黄志勇", "任务52进度：样板房已建好，配套还在做。", "2026-05-20 10:00",
     {"task": 52, "action": "progress", "progress": None, "deadline": None, "note": "样板房已建好，配套还在做"}),
    ("罗斌", "任务41申请延期至6月10日，资料还在补充。", "2026-05-20 10:00",
     {"task": 41, "action": "extend", "progress": None, "deadline": "2026-06-10", "note": "资料还在补充"}),
    ("罗斌", "#41 施工队人手不够，申请延期到下周五。", "2026-05-20 10:00",
     {"task": 41, "action": "extend", "progress": None, "deadline": "2026-05-29", "note": "施工队人手不够"}),
    ("孙丽", "#41 资料不全，退回重新办理。", "2026-05-20 10:00",
     {"task": 41, "action": "reject", "progress": None, "deadline": None, "note": "资料不全"}),
    ("孙丽", "第41号任务验收通过，同意销号。", "2026-05-20 10:00",
     {"task": 41, "action": "verify", "progress": None, "deadline": None, "note": None}),
    ("唐金山", "#9 防火通道已清理完毕，已完成，请验收。", "2026-05-20 10:00",
     {"task": 9, "action": "done", "progress": None, "deadline": None, "note": "防火通道已清理完毕，请验收"}),
    # 验收通过 from the assignee is news of the work, not the assigner's verification
    ("唐金山", "#9 样板房验收通过了", "2026-05-20 10:00",
     {"task": 9, "action": "done", "progress": None, "deadline": None, "note": "样板房"}),
])
def test_task_update_record(parser, person, sender: str, text: str, now: str, expect: dict) -> None:
    record = parser.parse(text, person(sender), at(now))
    assert record.kind == "task_update"
    assert record.to_dict()["task_update"] == expect


@pytest.mark.parametrize(("sender", "words", "expect"), [
    # progress and a new deadline both named: neither is left in the note
    ("罗斌", "完成六成，施工队人手不够，申请延期到6月10日。",
     {"action": "extend", "progress": 60, "deadline": dt.date(2026, 6, 10), "note": "施工队人手不够"}),
    ("黄志勇", "目前完成六成，剩下的下周五前弄完。",
     {"action": "progress", "progress": 60, "deadline": None, "note": "剩下的下周五前弄完"}),
])
def test_a_reply_reads_as_the_same_words_after_a_task_number(parser, person, registry, sender: str, words: str,
                                                           expect: dict) -> None:
    # "#41 …" goes through the parser; a reply to task 41's message through the task handler's _step.
    now = at("2026-05-20 10:00")
    numbered = parser.parse(f"#41 {words}", person(sender), now).task_update
    assert numbered is not None
    me = person(sender)
    ctx = SimpleNamespace(person=PersonRef(2, me.name, me.role, 1, "云溪镇"), now=now)
    directory = SimpleNamespace(registry=registry, local=lambda t: t.astimezone(CST))
    task = SimpleNamespace(assigner_id=1, assignee_id=2, assignee=me.name, requested_deadline=None, township_id=1,
                           assigner_county_id=None)
    reply = _step(ctx, directory, task, words)  # type: ignore[arg-type]
    assert reply.note == numbered.note == expect["note"]
    assert (numbered.action, numbered.progress, numbered.deadline) == (
        expect["action"], expect["progress"], expect["deadline"])
    assert reply.action == expect["action"]
    assert reply.deadline == (expect["deadline"] if reply.action == "extend" else None)
    assert reply.progress == (expect["progress"] if reply.action == "progress" else None)
    assert read_task_update(words, me.role, now) == read_task_update(f"#41 {words}", me.role, now)
