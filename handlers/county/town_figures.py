"""A township's month-end report to its county (月末报送) as figures and as the card its admin confirms.

The figures are assembled by the calendar (scheduler.town_report) from what the township already recorded;
they are stored as plain data (JSON) so that what the admin confirmed is exactly what the county receives."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from handlers.schedule import GREEN, RED, YELLOW

MAX_PROBLEMS = 5  # problems raised in villages' reports, shown on the card (the rest are in the ledger)
_MARK = {GREEN: "🟢", YELLOW: "🟡", RED: "🔴"}


@dataclass(frozen=True)
class OwnProject:
    """One of the township's own projects (乡镇党委书记项目) at the month's end."""

    title: str
    progress: int | None
    planned: int | None
    colour: str


@dataclass(frozen=True)
class TownFigures:
    """What a township's month went like, from its records."""

    township: str
    period: str
    owed: int = 0  # village project-months owed a report
    reported: int = 0
    colours: tuple[int, int, int] = (0, 0, 0)  # green, yellow, red among the reported
    own: tuple[OwnProject, ...] = ()
    tasks_done: int = 0
    tasks_overdue: tuple[str, ...] = ()  # '#5 上报年度总结（12月20日到期）'
    issues_opened: int = 0
    issues_resolved: int = 0
    issues_late: int = 0
    problems: tuple[str, ...] = field(default=())  # '石牛村·柑橘产业：资金缺口较大'

    def to_data(self) -> dict[str, Any]:
        """As stored (JSON)."""
        return asdict(self)

    @classmethod
    def of_data(cls, data: dict[str, Any]) -> TownFigures:
        """As read back from storage."""
        values = dict(data)
        values["colours"] = tuple(values.get("colours", (0, 0, 0)))
        values["own"] = tuple(OwnProject(**p) for p in values.get("own", ()))
        for name in ("tasks_overdue", "problems"):
            values[name] = tuple(values.get(name, ()))
        return cls(**values)


def _month(period: str) -> str:
    return f"{int(period[5:])}月"


def body(figures: TownFigures, addendum: str | None) -> list[str]:
    """The report's lines, as the county reads them."""
    green, yellow, red = figures.colours
    lines = [f"一、村级项目：应报{figures.owed}项，已报{figures.reported}项"
             + (f"（🟢{green} 🟡{yellow} 🔴{red}）" if figures.reported else "")]
    if figures.own:
        lines.append("二、乡镇党委书记项目：")
        for p in figures.own:
            shown = "未报" if p.progress is None else f"{p.progress}%"
            planned = "" if p.planned is None else f"（序时{p.planned}%）"
            mark = "⚪" if p.progress is None else _MARK.get(p.colour, "")  # no report: no colour to claim
            lines.append(f"  {mark}{p.title} {shown}{planned}")
    else:
        lines.append("二、乡镇党委书记项目：无已认定项目")
    overdue = ""
    if figures.tasks_overdue:
        overdue = f"，逾期{len(figures.tasks_overdue)}项：" + "；".join(figures.tasks_overdue)
    lines.append(f"三、任务：本月办结{figures.tasks_done}项{overdue}")
    lines.append(f"四、网格事件：新增{figures.issues_opened}件，办结{figures.issues_resolved}件，"
                 f"超时限{figures.issues_late}件")
    if figures.problems:
        lines.append("五、存在问题：")
        lines += [f"  {n}. {p}" for n, p in enumerate(figures.problems[:MAX_PROBLEMS], 1)]
    if addendum:
        lines.append(f"补充说明：{addendum}")
    return lines


def card(figures: TownFigures, addendum: str | None, due: str) -> str:
    """The card the township's admin confirms: the figures, and how to confirm or add to them."""
    head = f"📤 {figures.township}{_month(figures.period)}月末报送（{due}前报县委目督办）"
    tail = ("以上数据由系统根据本月报送、任务和事件自动汇总，无需另行填报。\n"
            "回复“确认报送”即报县；需要更正或补充请回复“报送补充：……”。")
    return "\n".join([head, *body(figures, addendum), tail])


def sent(figures: TownFigures, addendum: str | None, by: str, late: bool) -> str:
    """The report as the county receives it."""
    head = f"📥 {figures.township}{_month(figures.period)}月末报送（{by}确认{'，逾期报送' if late else ''}）"
    return "\n".join([head, *body(figures, addendum)])
