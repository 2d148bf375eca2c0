"""How a report is shown back for confirmation: short, in the order a secretary wrote it, fit for a phone."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from handlers.callbacks import ChoiceButton, ReportButton
from handlers.messages import Button
from handlers.quarters import period_label
from handlers.refs import ProjectRef, ReportView

CONFIRM_HINT = "请回复“确认”；如有不对，直接说要改的地方，如“进度改成70%”“是3月的”。"
CONFIRM_HINT_MANY = "回复“确认”全部确认，或“确认1”只确认一份；更正请带序号，如“2 进度改成75%”。"
NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩"


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


def _month_note(view: ReportView, collecting: str | None) -> list[str]:
    # Said once, with the one word that moves it: early in a month "这个月" is the new month.
    if collecting is None or view.period == collecting:
        return []
    month = int(collecting[5:])
    return [f"注意：这份记为{period_label(view.period)}的月报；现在收的是{period_label(collecting)}的，"
            f"如是{month}月的，回复“{month}月”即可。"]


def _card_lines(view: ReportView, collecting: str | None, was_confirmed: bool) -> list[str]:
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
    if was_confirmed:
        lines.append("这份月报原已确认，改动已另存为新的一版，请再确认一次。")
    return lines + _month_note(view, collecting)


def report_card(view: ReportView, collecting: str | None = None, *,
                was_confirmed: bool = False) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    """The confirmation card of a report, and its two buttons; `collecting` is the month the bot is collecting."""
    lines = _card_lines(view, collecting, was_confirmed) + [CONFIRM_HINT]
    buttons = ((Button("确认", ReportButton("confirm", (view.id,)).pack()),
                Button("修改", ReportButton("edit", (view.id,)).pack())),)
    return "\n".join(lines), buttons


def report_cards(views: Sequence[ReportView],
                 collecting: str | None = None) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    """Several cards from one message, numbered, confirmed together or one by one."""
    if len(views) == 1:
        return report_card(views[0], collecting)
    blocks = [f"一条消息里有 {len(views)} 个项目的进展，分别记录如下："]
    for number, view in zip(NUMBERS, views, strict=False):
        first, *rest = _card_lines(view, collecting, False)
        blocks.append("\n".join([f"{number} {first}", *rest]))
    blocks.append(CONFIRM_HINT_MANY)
    ids = tuple(v.id for v in views)
    buttons = ((Button("全部确认", ReportButton("confirm", ids).pack()),
                Button("修改", ReportButton("edit", ids).pack())),
               tuple(Button(f"确认{i}", ReportButton("confirm", (v.id,)).pack()) for i, v in enumerate(views, 1)))
    return "\n\n".join(blocks), buttons


def changes_label(changes: dict[str, Any]) -> str:
    """What a correction changed, in a few words: '进度70%、月份2026年10月'."""
    shown = {"progress": lambda v: f"进度{v}%", "period": lambda v: f"月份{period_label(v)}",
             "amounts": lambda v: f"金额{amounts_label(v)}", "problems": lambda v: f"存在问题“{_clip(v, 20)}”",
             "next_plan": lambda v: f"下步计划“{_clip(v, 20)}”", "done": lambda v: f"已完成“{_clip(v, 20)}”"}
    return "、".join(shown[name](value) for name, value in changes.items() if name in shown)


def project_choices(village: str, projects: Sequence[ProjectRef]) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    """Ask which of a village's projects a report is about."""
    lines = [f"请问这条进展是{village}哪个项目的？回复序号即可："]
    lines += [f"{i}. {p.title}" for i, p in enumerate(projects, 1)]
    buttons = tuple((Button(f"{i}. {p.title[:20]}", ChoiceButton(i).pack()),) for i, p in enumerate(projects, 1))
    return "\n".join(lines), buttons


def village_choices(villages: Sequence[str]) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    """Ask which village someone reports for (asked once, then remembered)."""
    lines = ["请问您报送的是哪个村的项目？回复序号即可（只问这一次，以后会记住）："]
    lines += [f"{i}. {name}" for i, name in enumerate(villages, 1)]
    buttons = tuple((Button(f"{i}. {name}", ChoiceButton(i).pack()),) for i, name in enumerate(villages, 1))
    return "\n".join(lines), buttons
