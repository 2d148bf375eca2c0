"""How tasks read in chat: notices to assignees and assigners, lists with status colours, one task's history."""
from __future__ import annotations

import datetime as dt

from handlers.callbacks import TaskButton
from handlers.messages import Button
from handlers.refs import TaskEventRef, TaskRef
from handlers.schedule import MARKS, colour

STATUS = {"assigned": "待签收", "acknowledged": "已签收", "in_progress": "办理中", "done": "已办结待验收",
          "verified": "已验收销号"}
STEP = {"assigned": "交办", "ack": "签收", "progress": "报进度", "done": "办结", "verify": "验收销号",
        "reject": "退回", "extend": "申请延期", "extend_yes": "同意延期", "extend_no": "不同意延期",
        "reassign": "改派", "handover": "换届移交"}


def day(value: dt.date) -> str:
    """'3月15日'."""
    return f"{value.month}月{value.day}日"


def deadline_words(task: TaskRef) -> str:
    """'3月15日前' ('2028年12月31日前' when due in another year than it was given), or 'no deadline' words."""
    if task.deadline is None:
        return "无明确期限"
    year = f"{task.deadline.year}年" if task.deadline.year != task.created_at.year else ""
    return f"{year}{day(task.deadline)}前"


def mark(task: TaskRef, today: dt.date) -> str:
    """The status colour of a task (DESIGN.md): due within 3 days yellow, overdue red."""
    started = task.created_at.date()
    return MARKS[colour(task.progress, started, task.deadline, today, finished=task.status in ("done", "verified"),
                        judge_unreported=False)]


def assigned_notice(task: TaskRef) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    """What the assignee receives."""
    text = (f"📌 交办任务 #{task.number}（{task.assigner}交办）\n{task.title}\n期限：{deadline_words(task)}\n"
            f"收到请回复“收到”；完成后回复“#{task.number} 已办结”并简要说明。")
    return text, ((Button("签收", TaskButton("ack", task.id).pack()),),)


def verify_buttons(task_id: int) -> tuple[tuple[Button, ...], ...]:
    """验收通过 / 退回 under a task that is done (the done notice, the one reminder to verify)."""
    return ((Button("验收通过", TaskButton("verify", task_id).pack()),
             Button("退回", TaskButton("reject", task_id).pack())),)


def done_notice(task: TaskRef, note: str | None) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    """What the assigner receives when a task is reported done."""
    text = (f"📮 任务 #{task.number} 已办结，请验收：{task.title}\n承办：{task.place or ''} {task.assignee}\n"
            f"说明：{note or '—'}\n回复“验收通过”销号，或“退回”并说明原因。")
    return text, verify_buttons(task.id)


def extension_notice(task: TaskRef, wanted: dt.date, note: str | None) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    """What the assigner receives when an extension is asked for."""
    text = (f"⏳ {task.assignee}申请任务 #{task.number} 延期：{deadline_words(task)} → {day(wanted)}前\n"
            f"{task.title}\n理由：{note or '—'}\n回复“同意”或“不同意”。")
    return text, ((Button("同意", TaskButton("extend_yes", task.id).pack()),
                          Button("不同意", TaskButton("extend_no", task.id).pack())),)


def line(task: TaskRef, today: dt.date, *, who: bool) -> str:
    """One task in a list."""
    # Done and waiting for verification is the assigner's move, not a late assignee.
    late = task.deadline is not None and today > task.deadline and task.status not in ("done", "verified")
    overdue = f"，已逾期{(today - task.deadline).days}天" if late and task.deadline else ""
    person = f"{task.place or ''}{'·' if task.place else ''}{task.assignee} " if who else ""
    return (f"{mark(task, today)} #{task.number} {person}{task.title[:24]} · {deadline_words(task)}"
            f" · {STATUS.get(task.status, task.status)}{overdue}")


def details(task: TaskRef, history: list[TaskEventRef], today: dt.date, tz: dt.tzinfo) -> str:
    """One task with every step."""
    lines = [f"{mark(task, today)} 任务 #{task.number}：{task.title}",
             f"交办：{task.assigner}　承办：{task.place or ''} {task.assignee}",
             f"期限：{deadline_words(task)}　状态：{STATUS.get(task.status, task.status)}"
             + (f"　进度：{task.progress}%" if task.progress is not None else "")]
    for event in history:
        at = event.at.astimezone(tz)
        note = f"：{event.note}" if event.note else ""
        step = STEP.get(event.kind, event.kind)
        lines.append(f"· {at.month}月{at.day}日 {at:%H:%M} {event.actor or ''} {step}{note}")
    return "\n".join(lines)


def done_of(subs: list[TaskRef]) -> str:
    """How many of a task's sub-tasks are done: '2/5'."""
    return f"{sum(t.status in ('done', 'verified') for t in subs)}/{len(subs)}"


def sub_task_lines(subs: list[TaskRef], today: dt.date) -> list[str]:
    """Under one task's history: the villages it was passed down to, and how many are done."""
    return [f"分解到各村：已办结 {done_of(subs)}"] + [line(t, today, who=True) for t in subs] if subs else []
