"""How a project reads in chat: its card (status, plan, milestones, weight), its plan versions, its history."""
from __future__ import annotations

import datetime as dt

from handlers.callbacks import ProjectButton
from handlers.messages import Button
from handlers.money_flow import MoneyTotals
from handlers.project_refs import PlanVersion, ProjectState, TopicRef
from handlers.refs import TaskEventRef
from handlers.reports.cards import money as yuan
from handlers.tasks.cards import day

STEP = {"declare": "申报", "revise": "修改方案", "approve": "审核通过", "return": "退回修改",
        "milestone": "里程碑完成", "inspect": "督导检查", "apply": "申请验收", "accept": "验收通过",
        "reopen": "验收退回", "showcase": "列为示范点"}
Buttons = tuple[tuple[Button, ...], ...]


def full_day(value: dt.date) -> str:
    """'2027年3月15日'."""
    return f"{value.year}年{value.month}月{value.day}日"


def milestone_lines(project: ProjectState) -> list[str]:
    """One line per milestone: due day, words, ✅ when done."""
    return [f"  {'✅' if m.done_at else '⬜'} {day(m.due) + ' ' if m.due else ''}{m.title}" for m in project.milestones]


def card(project: ProjectState, head: str = "", money: MoneyTotals | None = None) -> str:
    """A project's card (with the 投入 and 收入 its reports named, for a 村集体经济 project)."""
    where = "、".join(x for x in (project.where, project.owner) if x)
    lines = [f"📋 {head or project.kind_label}·{project.label}",
             f"{project.title}" + (f"（{where}）" if where else "")]
    facts = [f"完成时限：{full_day(project.deadline)}" if project.deadline else "完成时限：未定"]
    if project.plans:
        facts.append(f"方案第{project.plans}版")
    if project.approved:
        facts.append(f"权重 {project.weight:g}")
    lines.append(" · ".join(facts))
    if project.milestones:
        lines += ["里程碑：", *milestone_lines(project)]
    if money is not None:
        lines.append(f"累计投入：{yuan(money.invested)} · 累计收入：{yuan(money.income)}（据已确认月报）")
    if project.showcase:
        lines.append(f"示范点：{project.showcase}")
    return "\n".join(lines)


def review_buttons(project: ProjectState) -> Buttons:
    """通过 / 退回 under a plan awaiting review, 验收通过 / 退回 under an acceptance request."""
    if project.status == "declared":
        return ((Button("通过", ProjectButton("approve", project.id).pack()),
                 Button("退回修改", ProjectButton("return", project.id).pack())),)
    if project.status == "acceptance_requested":
        return ((Button("验收通过", ProjectButton("accept", project.id).pack()),
                 Button("退回整改", ProjectButton("return", project.id).pack())),)
    return ()


def plan_text(project: ProjectState, plans: list[PlanVersion]) -> str:
    """Every version of the plan, newest last."""
    lines = [f"📑 {project.title} 实施方案（共{len(plans)}版）"]
    for plan in plans:
        when = f"{plan.created_at.month}月{plan.created_at.day}日"
        lines.append(f"— 第{plan.number}版（{when}，{plan.author or '—'}）"
                     + (f" 完成时限 {day(plan.deadline)}" if plan.deadline else ""))
        lines.append(plan.text if len(plan.text) <= 300 else plan.text[:300] + "…")
    return "\n".join(lines)


def history_text(project: ProjectState, events: list[TaskEventRef], money: MoneyTotals | None = None) -> str:
    """The project's card with its steps, oldest first."""
    lines = [card(project, money=money), "经过："]
    for e in events:
        note = f"：{e.note}" if e.note else ""
        lines.append(f"  {e.at.month}月{e.at.day}日 {e.actor or '—'} {STEP.get(e.kind, e.kind)}{note}")
    return "\n".join(lines)


def topics_text(year: int, topics: list[TopicRef], *, county: bool = False) -> str:
    """A year's topic menu (a township's for its villages, or a county's for its towns), with who claimed what."""
    what = "全县乡镇党委书记项目（非均衡发展项目）菜单" if county else "书记项目选题"
    if not topics:
        return f"{year}年还没有发布{what}。"
    lines = [f"📌 {year}年{what}："]
    for t in topics:
        lines.append(f"{t.number}. {t.title}" + (f"（已领：{'、'.join(t.claimed_by)}）" if t.claimed_by else ""))
    lines.append("各镇领导或党建办可回复“领第N个”认领，或发送“申报乡镇党委书记项目：……”自主申报。" if county else
                 "村书记可回复“领第N个”认领，或直接发送自己的项目申报（自主领题）。")
    return "\n".join(lines)
