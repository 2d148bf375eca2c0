"""The 台账 workbook (openpyxl): 项目台账, 任务台账, 网格事件台账, 月报原文 — frozen header, widths, A4 landscape."""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from handlers.issues.cards import CATEGORY
from handlers.issues.cards import STATUS as ISSUE_STATUS
from handlers.schedule import GREEN, RED, YELLOW
from handlers.tasks.cards import STATUS as TASK_STATUS
from scheduler.ledger import Ledger
from scheduler.rates import on_time

COLOUR_WORDS = {GREEN: "正常", YELLOW: "关注", RED: "滞后"}
FILLS = {GREEN: "C8E6C9", YELLOW: "FFF59D", RED: "FFCDD2"}
SOURCES = {"report": "上报", "correction": "更正", "edit": "编辑", "confirm": "确认"}
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
DATE, TIME = "yyyy-mm-dd", "yyyy-mm-dd hh:mm"

Column = tuple[str, float]  # header, width in characters


def _local(moment: dt.datetime | None, ledger: Ledger) -> dt.datetime | None:
    # Excel has no time zones: write the township's wall-clock time.
    return moment.astimezone(ledger.zone).replace(tzinfo=None) if moment else None


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def _lines(value: Any, width: float) -> int:
    """How many lines a wrapped cell needs (a Chinese character is two columns wide)."""
    if not isinstance(value, str):
        return 1
    units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in value)
    return max(1, math.ceil(units / max(width - 1, 1)))


def _sheet(book: Workbook, title: str, heading: str, columns: Sequence[Column], rows: list[list[Any]]) -> Worksheet:
    sheet = book.create_sheet(title)
    sheet.append([name for name, _ in columns])
    for cell in sheet[1]:
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        sheet.append(row)
    for index, (_, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    widths = [width for _, width in columns]
    for line in sheet.iter_rows(min_row=2):
        # Spreadsheet programs do not grow rows for wrapped text on their own, so a long 原文 would print cut off.
        needed = max(_lines(cell.value, width) for cell, width in zip(line, widths, strict=True))
        if needed > 1:
            sheet.row_dimensions[line[0].row].height = 15 * needed
        for cell in line:
            cell.border, cell.alignment = BORDER, WRAP
            if isinstance(cell.value, dt.datetime):
                cell.number_format = TIME
            elif isinstance(cell.value, dt.date):
                cell.number_format = DATE
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    sheet.oddHeader.center.text = heading
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    return sheet


def _projects(book: Workbook, ledger: Ledger) -> None:
    months = [f"{int(m[5:])}月进度" for m in ledger.quarter.months]
    columns = [("序号", 6), ("项目编号", 10), ("项目名称", 30), ("村（社区）", 12), ("责任人", 9), ("权重", 6),
               ("开始日期", 11), ("截止日期", 11), *[(m, 9) for m in months],
               (f"序时进度（{ledger.as_of:%m-%d}）", 11), ("状态", 7)]
    rows = []
    for n, row in enumerate(ledger.projects, 1):
        p = row.project
        cells = ["未报" if r is None else (r.fields.progress if r.fields.progress is not None else "已报")
                 for r in row.months]
        rows.append([n, p.code, p.title, p.village, p.owner, p.weight, p.start, p.deadline, *cells,
                     row.planned, COLOUR_WORDS[row.colour]])
    sheet = _sheet(book, "项目台账", f"{ledger.title}·项目", columns, rows)
    first_month = 9
    for line, row in zip(sheet.iter_rows(min_row=2), ledger.projects, strict=True):
        for cell, report in zip(line[first_month - 1:first_month + 2], row.months, strict=True):
            if isinstance(cell.value, int):
                cell.number_format = '0"%"'
            if report is not None and report.late:
                cell.comment = Comment("逾期报送", "yuebao")
        line[first_month + 2].number_format = '0"%"'
        line[-1].fill = PatternFill("solid", fgColor=FILLS[row.colour])


def _tasks(book: Workbook, ledger: Ledger) -> None:
    columns = [("编号", 7), ("任务", 34), ("村（社区）", 12), ("承办人", 9), ("交办人", 9), ("交办时间", 16),
               ("截止日期", 11), ("状态", 12), ("进度", 7), ("办结时间", 16), ("验收时间", 16), ("按期办结", 8)]
    rows = [[f"#{t.number}", t.title, t.village, t.assignee, t.assigner, _local(t.created_at, ledger), t.deadline,
             TASK_STATUS.get(t.status, t.status), t.progress, _local(t.done_at, ledger), _local(t.verified_at, ledger),
             _yes_no(on_time(t, ledger.zone) if t.done_at else None)] for t in ledger.tasks]
    _sheet(book, "任务台账", f"{ledger.title}·任务", columns, rows)


def _issues(book: Workbook, ledger: Ledger) -> None:
    columns = [("编号", 7), ("类别", 9), ("村（社区）", 11), ("网格", 8), ("地点", 12), ("事件内容", 34), ("紧急", 6),
               ("状态", 12), ("上报人", 9), ("上报时间", 16), ("办理时限", 16), ("办结时间", 16), ("回访时间", 16),
               ("限时办结", 8), ("重复事件", 8)]

    def in_time(i: Any) -> bool | None:
        return None if i.resolved_at is None or i.due_at is None else i.resolved_at <= i.due_at
    rows = [[f"#E{i.number}", CATEGORY.get(i.category, i.category), i.village, i.grid, i.location, i.summary,
             _yes_no(i.urgent), ISSUE_STATUS.get(i.status, i.status), i.reporter, _local(i.created_at, ledger),
             _local(i.due_at, ledger), _local(i.resolved_at, ledger), _local(i.closed_at, ledger),
             _yes_no(in_time(i)), f"#E{i.repeat_of}" if i.repeat_of else ""] for i in ledger.issues]
    _sheet(book, "网格事件台账", f"{ledger.title}·网格事件", columns, rows)


def _originals(book: Workbook, ledger: Ledger) -> None:
    columns = [("月份", 9), ("村（社区）", 11), ("项目编号", 9), ("项目", 24), ("版本", 6), ("时间", 16),
               ("填报人", 9), ("方式", 7), ("原文", 60), ("当前状态", 9), ("逾期", 6), ("佐证材料", 20)]
    rows = [[r.period, r.village, r.project_code, r.project_title, f"第{r.number}版", _local(r.created_at, ledger),
             r.author, SOURCES.get(r.source, r.source), r.raw_text, "已确认" if r.status == "confirmed" else "待确认",
             _yes_no(r.late), "、".join(r.evidence)] for r in ledger.revisions]
    _sheet(book, "月报原文", f"{ledger.title}·月报原文", columns, rows)


SHEETS: tuple[Callable[[Workbook, Ledger], None], ...] = (_projects, _tasks, _issues, _originals)


def write(ledger: Ledger, path: Path) -> Path:
    """Write the workbook (replacing any earlier one atomically) and return its path."""
    book = Workbook()
    book.remove(book.worksheets[0])  # the blank sheet a new workbook starts with
    for add in SHEETS:
        add(book, ledger)
    book.properties.title = ledger.title
    book.properties.creator = "yuebao 月报助手"
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    book.save(partial)
    partial.replace(path)
    return path
