"""The monthly digest as chat text: a summary paragraph (sent as a card where the platform has one), then details."""
from __future__ import annotations

from itertools import groupby
from zoneinfo import ZoneInfo

from handlers.quarters import period_label
from handlers.schedule import LEGEND, MARKS
from handlers.summary_ports import Tally
from handlers.tasks.cards import day
from scheduler import kinds
from scheduler.digest import Digest, ProjectLine

MAX_LISTED = 10  # tasks or issues named one by one; beyond that, a count


def _rate(tally: Tally) -> str:
    return "—" if tally.share is None else f"{100 * tally.share:.0f}%"


def title(digest: Digest) -> str:
    """'青山镇2026年3月工作简报'."""
    return f"{digest.township}{period_label(digest.period)}工作简报"


def _by_kind(digest: Digest) -> str:
    """'按类型：书记项目6个（已报送5个），领办事项2个（已报送2个）。'"""
    counts = [f"{kinds.label(kind)}{n}个（已报送{reported}个）" for kind, n, reported in digest.by_kind()]
    return f"按类型：{'，'.join(counts)}。" if counts else ""


def summary(digest: Digest) -> str:
    """The one-paragraph summary on top: every rate as the trend chart and the 季通报 count it."""
    reports, tasks, issues = digest.month.reports, digest.month.tasks, digest.month.issues
    late = sum(p.late for p in digest.projects)
    green, yellow, red = digest.colours
    silent = [v.name for v in digest.villages if v.total and v.reported == 0]
    awaiting = f"，已办结待验收{len(digest.tasks_awaiting)}项" if digest.tasks_awaiting else ""
    text = (f"{period_label(digest.period)}，{reports.due}个项目已报送{reports.met}个（报送率{_rate(reports)}），"
            f"其中逾期报送{late}个；已报送的项目中进度正常{green}个、需关注{yellow}个、滞后{red}个。{_by_kind(digest)}"
            f"本月到期任务{tasks.due}项，按期办结{tasks.met}项（按期办结率{_rate(tasks)}），"
            f"逾期未办结{len(digest.tasks_overdue)}项{awaiting}。"
            f"网格事件新增{len(digest.issues_opened)}件、办结{len(digest.issues_resolved)}件；"
            f"本月到期{issues.due}件，限时办结{issues.met}件（限时办结率{_rate(issues)}），"
            f"超时限{len(digest.issues_late)}件")
    repeats = sum(n for _, n in digest.repeats)
    text += f"，重复发生{repeats}件。" if repeats else "。"
    if silent:
        text += f"{'、'.join(silent)}本月未报送，请督促。"
    return text


def card(digest: Digest) -> str:
    """The summary as a card: a title line, then the paragraph."""
    return f"📊 {title(digest)}\n{summary(digest)}"


def _note(p: ProjectLine) -> str:
    if p.status == "accepted":  # 销号: no monthly report is owed any more
        return "（已验收）"
    note = "（待验收）" if p.status == "acceptance_requested" else ""
    note += "" if p.reported else "（本月未报）"
    return note + ("（逾期报送）" if p.late else "")


def _progress(digest: Digest) -> list[str]:
    lines = ["【项目进度】（序时进度按月末计，有节点的按节点计）"]
    for kind, of_kind in groupby(sorted(digest.projects, key=lambda p: kinds.order(p.kind)), key=lambda p: p.kind):
        projects = list(of_kind)
        lines.append(f"〔{kinds.label(kind)}（{len(projects)}个）〕")
        for village, theirs in groupby(projects, key=lambda p: p.village):
            lines.append(f"{village}：")
            for p in theirs:
                shown = "未报" if p.progress is None else f"{p.progress}%"
                plan = f"/序时{p.planned}%" if p.planned is not None else ""
                lines.append(f"{MARKS[p.colour]} {p.title} {shown}{plan}{_note(p)}")
    lines.append(LEGEND)
    return lines


def _named(items: list[str]) -> list[str]:
    shown = items[:MAX_LISTED]
    return shown + ([f"…另有{len(items) - MAX_LISTED}项"] if len(items) > MAX_LISTED else [])


def details(digest: Digest, zone: ZoneInfo) -> str:
    """Reporting by village, the progress table, problems, tasks and issues; split by the sender per platform."""
    lines = [f"📋 {title(digest)}（明细）", "【报送情况】"]
    lines += [f"· {v.name}：{v.reported}/{v.total}（{_rate(Tally(v.total, v.reported))}）"
              + (f"，逾期{v.late}" if v.late else "") for v in digest.villages]
    lines += _progress(digest)
    lines.append("【本月反映的问题】")
    if digest.problems:
        for village, items in groupby(digest.problems, key=lambda p: p[0]):
            lines.append(f"{village}：")
            lines += [f"· {project}：{text}" for _, project, text in items]
    else:
        lines.append("无")
    lines.append(f"【任务】本月办结{len(digest.tasks_done)}项，逾期未办结{len(digest.tasks_overdue)}项")
    lines += _named([f"⏰ #{t.number} {t.title[:24]}（{t.assignee or '—'}，{day(t.deadline)}到期）"
                     for t in digest.tasks_overdue if t.deadline])
    if digest.tasks_awaiting:
        lines.append(f"【待验收】{len(digest.tasks_awaiting)}项已办结，请交办人验收销号")
        lines += _named([f"📮 #{t.number} {t.title[:24]}（{t.village or ''}{t.assignee or '—'}，"
                         f"{day(t.done_at.astimezone(zone).date())}办结）" for t in digest.tasks_awaiting if t.done_at])
    lines.append(f"【网格事件】新增{len(digest.issues_opened)}件，办结{len(digest.issues_resolved)}件，"
                 f"超时限{len(digest.issues_late)}件")
    lines += _named([f"⏰ #E{i.number} {i.village or ''}{i.grid or ''} {i.summary[:20]}" for i in digest.issues_late])
    if digest.repeats:
        lines.append("重复发生（按网格）：" + "；".join(f"{where} {n}件" for where, n in digest.repeats))
    return "\n".join(lines)
