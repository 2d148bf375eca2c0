"""The 台账's sheets of the projects' lifecycle: 方案版本, 里程碑, 督导记录, 整改事项."""
from __future__ import annotations

from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from handlers.summary_lifecycle import MilestoneRow
from handlers.tasks.cards import STATUS as TASK_STATUS
from scheduler.ledger import Ledger
from scheduler.xlsx_sheet import local, sheet

TOWNSHIP_OWN = "镇级"  # the village cell of a township's own project
OVERDUE_FILL = PatternFill("solid", fgColor="FFCDD2")


def _plans(book: Workbook, ledger: Ledger) -> None:
    columns = [("项目编号", 10), ("项目", 24), ("村（社区）", 11), ("版本", 7), ("提交时间", 16), ("提交人", 9),
               ("完成时限", 11), ("实施方案", 60)]
    rows = [[p.project_code, p.project, p.village or TOWNSHIP_OWN, f"第{p.number}版", local(p.created_at, ledger.zone),
             p.author, p.deadline, p.text] for p in ledger.plans]
    sheet(book, "方案版本", f"{ledger.title}·方案版本", columns, rows)


def lateness(milestone: MilestoneRow, ledger: Ledger) -> str:
    """逾期未完成 (due before the ledger's day, not ticked), 逾期完成 (ticked after its day), or blank."""
    if milestone.due is None:
        return ""
    if milestone.done_at is None:
        return "逾期未完成" if milestone.due < ledger.as_of else ""
    return "逾期完成" if milestone.done_at.astimezone(ledger.zone).date() > milestone.due else ""


def _milestones(book: Workbook, ledger: Ledger) -> None:
    columns = [("项目编号", 10), ("项目", 24), ("村（社区）", 11), ("节点", 30), ("计划完成", 11), ("完成时间", 16),
               ("确认人", 9), ("逾期", 10)]
    rows = [[m.project_code, m.project, m.village or TOWNSHIP_OWN, m.title, m.due, local(m.done_at, ledger.zone),
             m.done_by, lateness(m, ledger)] for m in ledger.milestones]
    page = sheet(book, "里程碑", f"{ledger.title}·里程碑", columns, rows)
    for line in page.iter_rows(min_row=2):
        if line[-1].value == "逾期未完成":
            line[-1].fill = OVERDUE_FILL


def _inspections(book: Workbook, ledger: Ledger) -> None:
    columns = [("督导时间", 16), ("项目编号", 10), ("项目", 24), ("村（社区）", 11), ("督导人", 9), ("督导情况", 40),
               ("发现问题", 40)]
    rows = [[local(i.at, ledger.zone), i.project_code, i.project, i.village or TOWNSHIP_OWN, i.inspector, i.note,
             "\n".join(f"{n}. {finding}" for n, finding in enumerate(i.findings, 1))] for i in ledger.inspections]
    sheet(book, "督导记录", f"{ledger.title}·督导记录", columns, rows)


def _rectifications(book: Workbook, ledger: Ledger) -> None:
    columns = [("编号", 7), ("项目编号", 10), ("项目", 24), ("村（社区）", 11), ("督导时间", 16), ("整改事项", 34),
               ("承办人", 9), ("整改期限", 11), ("状态", 12), ("办结时间", 16), ("销号时间", 16)]
    rows = [[f"#{r.number}", r.project_code, r.project, r.village or TOWNSHIP_OWN, local(r.inspected_at, ledger.zone),
             r.title, r.assignee, r.deadline, TASK_STATUS.get(r.status, r.status), local(r.done_at, ledger.zone),
             local(r.verified_at, ledger.zone)] for r in ledger.rectifications]
    sheet(book, "整改事项", f"{ledger.title}·整改事项", columns, rows)


SHEETS: tuple[Callable[[Workbook, Ledger], None], ...] = (_plans, _milestones, _inspections, _rectifications)
