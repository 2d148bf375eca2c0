"""One sheet of a workbook as the 台账 writes them: bold header row frozen, widths, borders, wrapped text with
rows tall enough to print, dates and times formatted, A4 landscape fitted to the width, a page header."""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
DATE, TIME = "yyyy-mm-dd", "yyyy-mm-dd hh:mm"

T = TypeVar("T")
Column = tuple[str, float]  # header, width in characters


def local(moment: dt.datetime | None, zone: ZoneInfo) -> dt.datetime | None:
    """The township's wall-clock time (Excel has no time zones)."""
    return moment.astimezone(zone).replace(tzinfo=None) if moment else None


def yes_no(value: bool | None) -> str:
    """是, 否, or blank for unknown."""
    return "" if value is None else ("是" if value else "否")


def _lines(value: Any, width: float) -> int:
    """How many lines a wrapped cell needs (a Chinese character is two columns wide)."""
    if not isinstance(value, str):
        return 1
    units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in value)
    return max(1, math.ceil(units / max(width - 1, 1)))


def write_book(title: str, path: Path, sheets: Iterable[Callable[[Workbook, T], object]], data: T) -> Path:
    """A workbook of these sheets, each made from `data`, saved (replacing any earlier one atomically); its path."""
    book = Workbook()
    book.remove(book.worksheets[0])  # the blank sheet a new workbook starts with
    for add in sheets:
        add(book, data)
    return save(book, title, path)


def save(book: Workbook, title: str, path: Path) -> Path:
    """Save a workbook of ours (replacing any earlier one atomically) and return its path."""
    book.properties.title = title
    book.properties.creator = "yuebao 月报助手"
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    book.save(partial)
    partial.replace(path)
    return path


def sheet(book: Workbook, title: str, heading: str, columns: Sequence[Column], rows: list[list[Any]]) -> Worksheet:
    """A new sheet of `book` with the header and rows, styled and set up for printing."""
    page = book.create_sheet(title)
    page.append([name for name, _ in columns])
    for cell in page[1]:
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        page.append(row)
    for index, (_, width) in enumerate(columns, 1):
        page.column_dimensions[get_column_letter(index)].width = width
    widths = [width for _, width in columns]
    for line in page.iter_rows(min_row=2):
        # Spreadsheet programs do not grow rows for wrapped text on their own, so a long 原文 would print cut off.
        needed = max(_lines(cell.value, width) for cell, width in zip(line, widths, strict=True))
        if needed > 1:
            page.row_dimensions[line[0].row].height = 15 * needed
        for cell in line:
            cell.border, cell.alignment = BORDER, WRAP
            if isinstance(cell.value, dt.datetime):
                cell.number_format = TIME
            elif isinstance(cell.value, dt.date):
                cell.number_format = DATE
    page.freeze_panes = "A2"
    page.print_title_rows = "1:1"
    page.page_setup.orientation = "landscape"
    page.page_setup.paperSize = page.PAPERSIZE_A4
    page.page_setup.fitToWidth, page.page_setup.fitToHeight = 1, 0
    page.sheet_properties.pageSetUpPr.fitToPage = True
    page.print_options.gridLines = False
    page.oddHeader.center.text = heading
    page.oddFooter.center.text = "第 &P 页，共 &N 页"
    if rows:
        page.auto_filter.ref = page.dimensions
    return page
