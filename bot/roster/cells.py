"""A cell as typed (an Excel value, or CSV text) made canonical, so a file, a CSV and an export of the same roster
give equal rows: text stripped, lists joined with 、, codes shown as their labels, dates as dates, weights as numbers.

A value that cannot be read (a date such as 明年) is left as text: the registry check names it with its row.
"""
from __future__ import annotations

import datetime as dt
import re

from bot.roster.layout import DATE, LIST, LIST_JOINER, LIST_SEPARATORS, NUMBER, Cell, Column

_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year bug, right from March 1900 on)
_SERIAL_DAYS = range(36526, 73051)  # 2000-01-01 … 2099-12-31: a bare number in a date column taken as a date


def normal(column: Column, value: object) -> Cell:
    """The canonical form of one cell of `column`."""
    if value is None:
        return None
    if column.kind == DATE:
        return _date(value)
    if column.kind == NUMBER:
        return _number(value)
    text = _text(value)
    if text is None:
        return None
    if column.kind == LIST:
        return LIST_JOINER.join(split(text)) or None
    return column.spellings.get(text, text)


def split(text: str | None) -> list[str]:
    """The values of a list cell (别名, 网格), blanks dropped."""
    if not text:
        return []
    return [part for part in (p.strip() for p in LIST_SEPARATORS.split(text)) if part]


def _text(value: object) -> str | None:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed in a cell (an id, 001 without text format) comes back as 123.0
    elif isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _date(value: object) -> Cell:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A date column whose cell lost its date format shows Excel's day number.
        if int(value) in _SERIAL_DAYS:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return _text(value)
    text = _text(value)
    if text is None:
        return None
    match = _DATE_TEXT.match(text)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            return text  # 2026-02-30: the registry check says it is not a date
    return text


def _number(value: object) -> Cell:
    if isinstance(value, bool):
        return _text(value)
    if isinstance(value, (int, float)):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    text = _text(value)
    if text is None:
        return None
    try:
        number = float(text)
    except ValueError:
        return text  # the registry check says it is not a number
    return int(number) if number.is_integer() else number
