"""How grid issues read in chat: the logged card, notices, lists with colours, one issue's history."""
from __future__ import annotations

import datetime as dt

from handlers.refs import IssueRef, TaskEventRef
from handlers.schedule import MARKS, RED, YELLOW

CATEGORY = {"safety": "安全隐患", "dispute": "矛盾纠纷", "environment": "环境卫生", "livelihood": "民生诉求",
            "policy": "政策咨询", "other": "其他"}
STATUS = {"reported": "待受理", "accepted": "已受理", "in_progress": "处置中", "resolved": "已办结待回访",
          "closed": "已回访办结"}
STEP = {"reported": "上报", "accepted": "受理", "auto_accepted": "超时自动受理", "in_progress": "处置",
        "resolved": "办结", "closed": "回访", "reopened": "重新打开", "corrected": "更正", "overdue": "超时限",
        "photos": "上传照片"}
CORRECT_HINT = "如有不对请直接说，如“类别改为矛盾纠纷”“是三组”“不紧急”。"


def where(issue: IssueRef) -> str:
    """'千佛塔村 · 二组'."""
    return " · ".join(x for x in (issue.village, issue.grid or issue.location) if x) or "地点未说明"


def kind(issue: IssueRef) -> str:
    """'安全隐患（紧急）'."""
    return CATEGORY.get(issue.category, issue.category) + ("（紧急）" if issue.urgent else "")


def due_words(issue: IssueRef, zone: dt.tzinfo) -> str:
    """'3月5日前'."""
    if issue.due_at is None:
        return "—"
    due = issue.due_at.astimezone(zone)
    return f"{due.month}月{due.day}日前"


def logged_card(issue: IssueRef, zone: dt.tzinfo, repeats: int, repeat_window: dt.timedelta) -> str:
    """What the grid worker sees after logging."""
    lines = [f"📝 已登记事件 #E{issue.number}：{kind(issue)}", f"地点：{where(issue)}", f"内容：{issue.summary}",
             f"办理时限：{due_words(issue, zone)}"]
    if issue.repeat_of is not None:
        lines.append(f"⚠️ 同一网格{repeat_window.days}天内第{repeats}次同类事件（上次 #E{issue.repeat_of}）")
    lines.append(CORRECT_HINT)
    return "\n".join(lines)


def notice(issue: IssueRef, zone: dt.tzinfo) -> str:
    """What the village (and, for urgent safety issues, the township) receives."""
    head = "🚨 紧急事件" if issue.urgent else "📝 新事件"
    return (f"{head} #E{issue.number}：{kind(issue)}\n{where(issue)}：{issue.summary}\n"
            f"上报：{issue.reporter}　时限：{due_words(issue, zone)}\n回复“#E{issue.number} 受理”。")


def mark(issue: IssueRef, now: dt.datetime) -> str:
    """Red past its time limit, yellow within a day of it, else green."""
    if issue.due_at is None or issue.status in ("resolved", "closed"):
        return MARKS["green"]
    if now > issue.due_at:
        return MARKS[RED]
    return MARKS[YELLOW] if issue.due_at - now <= dt.timedelta(days=1) else MARKS["green"]


def line(issue: IssueRef, now: dt.datetime, zone: dt.tzinfo) -> str:
    """One issue in a list."""
    return (f"{mark(issue, now)} #E{issue.number} {kind(issue)} · {where(issue)} · {issue.summary[:20]}"
            f" · {STATUS.get(issue.status, issue.status)} · {due_words(issue, zone)}")


def details(issue: IssueRef, history: list[TaskEventRef], now: dt.datetime, zone: dt.tzinfo) -> str:
    """One issue with every step."""
    state = STATUS.get(issue.status, issue.status)
    lines = [f"{mark(issue, now)} 事件 #E{issue.number}：{kind(issue)}", f"地点：{where(issue)}",
             f"内容：{issue.summary}", f"状态：{state}　时限：{due_words(issue, zone)}"]
    if issue.repeat_of is not None:
        lines.append(f"重复事件：上次 #E{issue.repeat_of}")
    for event in history:
        at = event.at.astimezone(zone)
        note = f"：{event.note}" if event.note else ""
        lines.append(f"· {at.month}月{at.day}日 {at:%H:%M} {event.actor or '系统'} {STEP.get(event.kind, event.kind)}"
                     f"{note}")
    return "\n".join(lines)
