"""Writing the roster workbook: the empty template with its example rows (`yuebao template`), or an organisation's
rows (`yuebao export roster`) — the same sheets, header notes, drop-downs and frozen header row either way, so an
export can be corrected and imported again."""
from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from bot.roster.example import EXAMPLE_ROWS
from bot.roster.layout import DATE, SHEETS, Column, Row, Sheet, letter
from bot.roster.rows import roster_rows
from handlers.registry import Organisation
from storage.private_files import write_private

DATE_FORMAT = "yyyy-mm-dd"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_EXAMPLE_FONT = Font(italic=True, color="808080")
_LAST_ROW = 1048576  # Excel's last row: the drop-downs and formats cover every row a clerk may fill


def write_template(path: str | Path) -> Path:
    """Write the empty roster template, with one example to overwrite on each sheet (see bot/roster/example.py)."""
    path = Path(path)
    path.write_bytes(_workbook_bytes(EXAMPLE_ROWS, example=True))  # no personal data: an ordinary file
    return path


def write_roster(org: Organisation, path: str | Path) -> Path:
    """Write `org` as a roster workbook readable only by its owner (it holds people's accounts)."""
    return write_rows(roster_rows(org), path)


def write_rows(rows: Mapping[str, Sequence[Row]], path: str | Path) -> Path:
    """Write a roster workbook holding `rows` (canonical rows by sheet name), readable only by its owner."""
    path = Path(path)
    write_private(path, _workbook_bytes(rows))
    return path


def _workbook_bytes(rows: Mapping[str, Sequence[Row]], *, example: bool = False) -> bytes:
    book = Workbook()
    for n, sheet in enumerate(SHEETS):
        ws = book.worksheets[0] if n == 0 else book.create_sheet()  # a new workbook comes with one sheet
        ws.title = sheet.name
        _fill(ws, sheet, rows.get(sheet.name, ()), example)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(ws: Worksheet, sheet: Sheet, rows: Sequence[Row], example: bool) -> None:
    ws.append(sheet.headers)
    for n, column in enumerate(sheet.columns):
        cell = ws.cell(row=1, column=n + 1)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        if column.note:
            cell.comment = _note(column.note)
        dimension = ws.column_dimensions[letter(n)]
        dimension.width = column.width
        number_format = _format(column)
        if number_format:  # what the column's empty cells, which a clerk types into, are formatted as
            dimension.number_format = number_format
        if column.choices:
            ws.add_data_validation(_drop_down(column.header, column.choices, f"{letter(n)}2:{letter(n)}{_LAST_ROW}"))
    for row in rows:
        ws.append(list(row))
    formats = [_format(column) for column in sheet.columns]
    for excel_row in ws.iter_rows(min_row=2, max_row=len(rows) + 1):
        for cell_format, cell in zip(formats, excel_row):
            if cell_format:  # a written cell has a style of its own, not the column's
                cell.number_format = cell_format
            if example:
                cell.font = _EXAMPLE_FONT
    ws.freeze_panes = "A2"


def _format(column: Column) -> str | None:
    # ids and 编号 stay text (Excel would turn 001 into 1, and a long id into 1.23E+17); dates show as 2026-12-31.
    if column.as_text:
        return "@"
    return DATE_FORMAT if column.kind == DATE else None


def _note(text: str) -> Comment:
    comment = Comment(text, "yuebao")
    comment.width, comment.height = 260, 40 + 18 * (len(text) // 16)  # points: room for the text without scrolling
    return comment


def _drop_down(header: str, choices: Sequence[str], cells: str) -> DataValidation:
    # A warning rather than a stop: the role and kind codes (secretary, led_matter) are accepted too.
    check = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                           showErrorMessage=True, errorStyle="warning", errorTitle=f"{header}不在列表中",
                           error=f"请从下拉列表中选择：{'、'.join(choices)}")
    check.add(cells)
    return check
