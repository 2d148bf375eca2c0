"""How a report is shown back for confirmation: short, in the order a secretary wrote it, fit for a phone."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from handlers.messages import Button
from handlers.ports import ProjectRef, ReportView
from handlers.quarters import period_label

CONFIRM_HINT = "请回复“确认”；如有不对，直接说要改的地方，如“进度改成70%”“是3月的”。"


def money(value: float) -> str:
    """A sum in yuan as people say it: 150000 → '15万元', 8000 → '8000元'."""
    if value >= 10_000:
        wan = value / 10_000
        return f"{wan:g}万元" if wan == round(wan, 2) else f"{value:,.0f}元"
    return f"{value:g}元"


def amounts_label(amounts: Sequence[dict[str, Any]]) -> str:
    """Every amount of a report, as the reporter wrote it where known."""
    return "、".join(str(a.get("text") or money(float(a["value"]))) for a in amounts)


def _clip(text: str | None, limit: int = 120) -> str:
    if not text:
        return "—"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def report_card(view: ReportView) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    """The confirmation card of a report, and its two buttons."""
    f = view.fields
    head = "📋 已更新" if view.revisions > 1 else "📋 已记录"
    lines = [
        f"{head}：{view.village} · {view.project_title}",
        f"月份：{period_label(view.period)}" + ("（逾期报送）" if view.late else ""),
        f"进度：{f.progress}%" if f.progress is not None else "进度：未说明",
        f"已完成：{_clip(f.done)}",
        f"存在问题：{_clip(f.problems)}",
        f"下步计划：{_clip(f.next_plan)}",
    ]
    if f.amounts:
        lines.append(f"金额：{amounts_label(f.amounts)}")
    if view.evidence:
        lines.append(f"佐证材料：{view.evidence} 份")
    if view.revisions > 1:
        lines.append(f"（第 {view.revisions} 版，历次修改均已保留）")
    lines.append(CONFIRM_HINT)
    buttons = ((Button("确认", f"report:confirm:{view.id}"), Button("修改", f"report:edit:{view.id}")),)
    return "\n".join(lines), buttons


def project_choices(village: str, projects: Sequence[ProjectRef]) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    """Ask which of a village's projects a report is about."""
    lines = [f"请问这条进展是{village}哪个项目的？回复序号即可："]
    lines += [f"{i}. {p.title}" for i, p in enumerate(projects, 1)]
    buttons = tuple((Button(f"{i}. {p.title[:20]}", f"choose:{i}"),) for i, p in enumerate(projects, 1))
    return "\n".join(lines), buttons


def village_choices(villages: Sequence[str]) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    """Ask which village someone reports for (asked once, then remembered)."""
    lines = ["请问您报送的是哪个村的项目？回复序号即可（只问这一次，以后会记住）："]
    lines += [f"{i}. {name}" for i, name in enumerate(villages, 1)]
    buttons = tuple((Button(f"{i}. {name}", f"choose:{i}"),) for i, name in enumerate(villages, 1))
    return "\n".join(lines), buttons
