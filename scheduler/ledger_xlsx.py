"""The 台账 workbook (openpyxl): 项目台账 with the projects' 方案版本, 里程碑, 督导记录 and 整改事项
(scheduler.ledger_lifecycle_xlsx), then 任务台账, 网格事件台账, 月报原文, 工作记录."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from handlers.issues.cards import CATEGORY
from handlers.issues.cards import STATUS as ISSUE_STATUS
from handlers.schedule import GREEN, RED, YELLOW
from handlers.summary_lifecycle import PROJECT_STATUS, ProjectState
from handlers.tasks.cards import STATUS as TASK_STATUS
from scheduler import kinds, ledger_lifecycle_xlsx
from scheduler.ledger import Ledger, ProjectLedgerRow
from scheduler.rates import on_time
from scheduler.xlsx_sheet import local, sheet, write_book, yes_no

COLOUR_WORDS = {GREEN: "正常", YELLOW: "关注", RED: "滞后"}
FILLS = {GREEN: "C8E6C9", YELLOW: "FFF59D", RED: "FFCDD2"}
SOURCES = {"report": "上报", "correction": "更正", "edit": "编辑", "confirm": "确认"}
YUAN, PERCENT = "#,##0", '0"%"'


def _status(state: ProjectState) -> str:
    """'实施中', '已验收·示范点'."""
    return PROJECT_STATUS.get(state.status, state.status) + ("·示范点" if state.showcase else "")


def _figures(row: ProjectLedgerRow) -> list[Any]:
    """The month cells, 序时进度 and colour word: blank for a project not yet approved, which is not measured."""
    if row.colour is None:
        return ["" for _ in row.months] + ["", ""]
    cells = ["未报" if r is None else (r.fields.progress if r.fields.progress is not None else "已报")
             for r in row.months]
    return [*cells, row.planned, COLOUR_WORDS[row.colour]]


def _projects(book: Workbook, ledger: Ledger) -> None:
    months = [f"{int(m[5:])}月进度" for m in ledger.quarter.months]
    # New columns go after the old ones: offices' own formulas and filters refer to the old columns' places.
    columns = [("序号", 6), ("项目编号", 10), ("项目名称", 30), ("村（社区）", 12), ("责任人", 9), ("权重", 6),
               ("开始日期", 11), ("截止日期", 11), *[(m, 9) for m in months],
               (f"序时进度（{ledger.as_of:%m-%d}）", 11), ("进度评价", 7), ("状态", 12), ("类别", 9),
               ("累计投入（元）", 12), ("累计收入（元）", 12)]
    rows = []
    for n, row in enumerate(ledger.projects, 1):
        p, money = row.project, row.money
        rows.append([n, p.code, p.title, p.village, p.owner, p.weight, p.start, p.deadline, *_figures(row),
                     _status(row.state), kinds.label(row.state.kind), money.invested if money else "",
                     money.income if money else ""])
    page = sheet(book, "项目台账", f"{ledger.title}·项目", columns, rows)
    first_month = 8  # 0-based: 序号 … 截止日期 come first
    planned, judged, status = (first_month + len(months) + i for i in range(3))
    for line, row in zip(page.iter_rows(min_row=2), ledger.projects, strict=True):
        for cell, report in zip(line[first_month:planned], row.months, strict=True):
            if isinstance(cell.value, int):
                cell.number_format = PERCENT
            if report is not None and report.late:
                cell.comment = Comment("逾期报送", "yuebao")
        line[planned].number_format = PERCENT
        if row.colour is not None:
            line[judged].fill = PatternFill("solid", fgColor=FILLS[row.colour])
        if row.state.showcase:
            line[status].comment = Comment(f"示范点：{row.state.showcase}", "yuebao")
        for cell in line[-2:]:
            cell.number_format = YUAN


def _tasks(book: Workbook, ledger: Ledger) -> None:
    columns = [("编号", 7), ("任务", 34), ("村（社区）", 12), ("承办人", 9), ("交办人", 9), ("交办时间", 16),
               ("截止日期", 11), ("状态", 12), ("进度", 7), ("办结时间", 16), ("验收时间", 16), ("按期办结", 8)]
    zone = ledger.zone
    rows = [[f"#{t.number}", t.title, t.village, t.assignee, t.assigner, local(t.created_at, zone), t.deadline,
             TASK_STATUS.get(t.status, t.status), t.progress, local(t.done_at, zone), local(t.verified_at, zone),
             yes_no(on_time(t, zone) if t.done_at else None)] for t in ledger.tasks]
    sheet(book, "任务台账", f"{ledger.title}·任务", columns, rows)


def _issues(book: Workbook, ledger: Ledger) -> None:
    columns = [("编号", 7), ("类别", 9), ("村（社区）", 11), ("网格", 8), ("地点", 12), ("事件内容", 34), ("紧急", 6),
               ("状态", 12), ("上报人", 9), ("上报时间", 16), ("办理时限", 16), ("办结时间", 16), ("回访时间", 16),
               ("限时办结", 8), ("重复事件", 8)]

    def in_time(i: Any) -> bool | None:
        return None if i.resolved_at is None or i.due_at is None else i.resolved_at <= i.due_at
    rows = [[f"#E{i.number}", CATEGORY.get(i.category, i.category), i.village, i.grid, i.location, i.summary,
             yes_no(i.urgent), ISSUE_STATUS.get(i.status, i.status), i.reporter, local(i.created_at, ledger.zone),
             local(i.due_at, ledger.zone), local(i.resolved_at, ledger.zone), local(i.closed_at, ledger.zone),
             yes_no(in_time(i)), f"#E{i.repeat_of}" if i.repeat_of else ""] for i in ledger.issues]
    sheet(book, "网格事件台账", f"{ledger.title}·网格事件", columns, rows)


def _originals(book: Workbook, ledger: Ledger) -> None:
    columns = [("月份", 9), ("村（社区）", 11), ("项目编号", 9), ("项目", 24), ("版本", 6), ("时间", 16),
               ("填报人", 9), ("方式", 7), ("原文", 60), ("当前状态", 9), ("逾期", 6), ("佐证材料", 20)]
    rows = [[r.period, r.village, r.project_code, r.project_title, f"第{r.number}版", local(r.created_at, ledger.zone),
             r.author, SOURCES.get(r.source, r.source), r.raw_text, "已确认" if r.status == "confirmed" else "待确认",
             yes_no(r.late), "、".join(r.evidence)] for r in ledger.revisions]
    sheet(book, "月报原文", f"{ledger.title}·月报原文", columns, rows)


def _work_records(book: Workbook, ledger: Ledger) -> None:
    columns = [("日期", 11), ("村（社区）", 11), ("类型", 7), ("地点", 12), ("户数/人数", 9), ("内容", 50),
               ("记录人", 9)]
    rows = [[r.day, r.village or "镇级", r.type_label, r.place, r.people, r.summary, r.person]
            for r in ledger.work_records]
    sheet(book, "工作记录", f"{ledger.title}·工作记录", columns, rows)


# A new sheet goes last: offices' own formulas refer to the earlier sheets by their places.
SHEETS: tuple[Callable[[Workbook, Ledger], None], ...] = (_projects, *ledger_lifecycle_xlsx.SHEETS, _tasks, _issues,
                                                          _originals, _work_records)


def write(ledger: Ledger, path: Path) -> Path:
    """Write the workbook (replacing any earlier one atomically) and return its path."""
    return write_book(ledger.title, path, SHEETS, ledger)
