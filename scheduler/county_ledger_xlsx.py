"""The county's 台账 as a workbook, a sheet per level (乡镇排名, 乡镇项目, 村级汇总, 月末报送, 县交办任务), and the
towns' work records counted by type (工作记录汇总)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from handlers.schedule import colour, scheduled_progress
from handlers.tasks.cards import STATUS as TASK_STATUS
from handlers.work_record_ports import TYPE_LABELS
from scheduler.bulletin import Ranked
from scheduler.bulletin_text import change
from scheduler.county_bulletin_text import criticised
from scheduler.county_ledger import CountyLedger
from scheduler.rates import on_time
from scheduler.xlsx_sheet import local, sheet, write_book, yes_no

COLOUR_WORDS = {"green": "正常", "yellow": "预警", "red": "滞后"}


def _share(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def _ranking(book: Workbook, ledger: CountyLedger) -> None:
    columns = [("名次", 6), ("乡镇（街道）", 12), ("综合得分", 9), ("项目推进%", 9), ("任务按期", 9), ("事件限时", 9),
               ("较上季度", 14), ("通报", 8)]
    praised = {r.rank for r in ledger.ranking.commended}
    lagging = {r.rank for r in ledger.ranking.lagging}

    def named(row: Ranked) -> str:
        if row.rank in praised:
            return "表扬"
        return ("批评" if criticised(row) else "需加快") if row.rank in lagging else ""
    rows = [[r.rank, r.outcome.village.name, round(r.score, 1), _share(r.outcome.project_share),
             f"{r.outcome.tasks.met}/{r.outcome.tasks.due}", f"{r.outcome.issues.met}/{r.outcome.issues.due}",
             change(r), named(r)] for r in ledger.ranking.rows]
    sheet(book, "乡镇排名", f"{ledger.title}·乡镇排名", columns, rows)


def _projects(book: Workbook, ledger: CountyLedger) -> None:
    months = [f"{int(m[5:])}月进度" for m in ledger.quarter.months]
    columns = [("乡镇（街道）", 12), ("项目", 30), ("权重", 6), ("完成时限", 11), *[(m, 8) for m in months],
               ("季末序时进度", 10), ("状态", 8)]
    end = ledger.quarter.end
    rows = []
    for town, p in ledger.town_projects:
        planned = scheduled_progress(p.start, p.deadline, end, p.milestone_dues)
        judged = colour(p.latest[-1], p.start, p.deadline, end, milestones=p.milestone_dues)
        rows.append([town, p.title, p.weight, p.deadline, *p.latest, planned, COLOUR_WORDS.get(judged, judged)])
    sheet(book, "乡镇项目", f"{ledger.title}·乡镇党委书记项目", columns, rows)


def _villages(book: Workbook, ledger: CountyLedger) -> None:
    columns = [("乡镇（街道）", 12), ("村（社区）数", 10), ("村级项目", 9), ("滞后项目", 9), ("应报项目月", 10),
               ("已报", 7), ("报送率%", 8), ("村级平均得分", 11)]
    rows = [[v.town, v.villages, v.projects, v.red, v.reporting.reports.due, v.reporting.reports.met,
             _share(v.reporting.reports.share), None if v.average is None else round(v.average, 1)]
            for v in ledger.villages]
    sheet(book, "村级汇总", f"{ledger.title}·村级汇总", columns, rows)


def _reports(book: Workbook, ledger: CountyLedger) -> None:
    columns = [("月份", 9), ("乡镇（街道）", 12), ("状态", 8), ("确认人", 9), ("确认时间", 16), ("逾期", 6),
               ("补充说明", 40)]
    rows = [[r.period, r.township, "已报送" if r.confirmed else "未报送", r.confirmed_by,
             local(r.confirmed_at, ledger.zone), yes_no(r.late if r.confirmed else None), r.addendum]
            for r in ledger.town_reports]
    sheet(book, "月末报送", f"{ledger.title}·月末报送", columns, rows)


def _tasks(book: Workbook, ledger: CountyLedger) -> None:
    columns = [("乡镇（街道）", 12), ("编号", 7), ("任务", 34), ("承办人", 9), ("交办人", 9), ("截止日期", 11),
               ("状态", 12), ("办结时间", 16), ("按期办结", 8)]
    zone = ledger.zone
    rows = [[town, f"#{t.number}", t.title, t.assignee, t.assigner, t.deadline, TASK_STATUS.get(t.status, t.status),
             local(t.done_at, zone), yes_no(on_time(t, zone) if t.done_at else None)] for town, t in ledger.tasks]
    sheet(book, "县交办任务", f"{ledger.title}·县交办任务", columns, rows)


def _work_records(book: Workbook, ledger: CountyLedger) -> None:
    columns = [("乡镇（街道）", 12), *[(label, 7) for label in TYPE_LABELS.values()], ("合计", 7)]
    rows = [[town, *[counts.get(kind, 0) for kind in TYPE_LABELS], sum(counts.values())]
            for town, counts in ledger.work_counts]
    # In the towns' own order, never sorted by count: work records are kept, not ranked.
    sheet(book, "工作记录汇总", f"{ledger.title}·工作记录汇总（不计入考核）", columns, rows)


SHEETS: tuple[Callable[[Workbook, CountyLedger], None], ...] = (_ranking, _projects, _villages, _reports, _tasks,
                                                                _work_records)


def write(ledger: CountyLedger, path: Path) -> Path:
    """Write the workbook (replacing any earlier one atomically) and return its path."""
    return write_book(ledger.title, path, SHEETS, ledger)
