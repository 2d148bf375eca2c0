"""Reading a holiday schedule file, so offices can share the State Council's notice as data.

YAML: {year: 2027, source: "<the notice's title>", off: [[2027-01-01, 2027-01-03], …], workdays: [2027-02-20, …]}
(`off` holds inclusive date ranges, a single date for a one-day break; `workdays` the make-up working days).
CSV: one `date,休|班` per line (an optional header line); the source is the file's name.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import yaml

from handlers.holiday_schedule import HolidaySchedule, ScheduleError, schedule

MAX_FILE_BYTES = 64 * 1024  # a year's schedule is well under 2 KB
_KINDS = {"休": False, "班": True}


class _Loader(yaml.SafeLoader):
    """YAML without implicit booleans and dates: `off` stays a key (YAML 1.1 reads it as false), and a date such
    as 2027-13-01 reaches our check, which names it, instead of failing the whole file."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load_schedule(path: str | Path) -> HolidaySchedule:
    """A checked schedule from a .yaml/.yml or .csv file; ScheduleError lists every problem, OSError if unreadable."""
    path = Path(path)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ScheduleError([f"文件大于 {MAX_FILE_BYTES // 1024} KB，不像是一年的节假日安排。"])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ScheduleError(["不是 UTF-8 编码的文本，请用 UTF-8 另存后再试。"]) from None
    if path.suffix.lower() == ".csv":
        return _from_csv(text, path.name)
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader with fewer implicit types)
    except yaml.YAMLError:
        raise ScheduleError(["YAML 格式有误，请对照示例检查缩进、冒号和方括号。"]) from None
    return _from_mapping(data)


def _date(value: Any, where: str, problems: list[str]) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        problems.append(f"{where}：“{value}”不是 YYYY-MM-DD 格式的日期。")
        return None


def _from_mapping(data: Any) -> HolidaySchedule:
    if not isinstance(data, dict):
        raise ScheduleError(["文件应包含 year、source、off、workdays 四项，见 README 的示例。"])
    problems: list[str] = []
    ranges: list[tuple[dt.date, dt.date]] = []
    off = data.get("off")
    if not isinstance(off, list):
        raise ScheduleError(["off 应为放假日期段的列表，如 [[2027-01-01, 2027-01-03]]。"])
    for n, item in enumerate(off, start=1):
        pair = item if isinstance(item, list) else [item]
        if len(pair) not in (1, 2):
            problems.append(f"放假第 {n} 段应为 [开始日, 结束日]。")
            continue
        first, last = (_date(v, f"放假第 {n} 段", problems) for v in (pair[0], pair[-1]))
        if first is not None and last is not None:
            ranges.append((first, last))
    workdays_raw = data.get("workdays") or []
    if not isinstance(workdays_raw, list):
        raise ScheduleError(["workdays 应为调休上班日期的列表，如 [2027-02-20]。"])
    workdays = [d for n, v in enumerate(workdays_raw, start=1) if (d := _date(v, f"调休上班第 {n} 天", problems))]
    try:
        result = schedule(data.get("year"), data.get("source"), ranges, workdays)
    except ScheduleError as exc:
        problems += exc.problems
    if problems:
        raise ScheduleError(problems)
    return result


def _from_csv(text: str, name: str) -> HolidaySchedule:
    problems: list[str] = []
    off: list[tuple[dt.date, dt.date]] = []
    workdays: list[dt.date] = []
    for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or (n == 1 and row[0].strip().lower() in ("date", "日期")):
            continue
        if len(row) != 2 or row[1].strip() not in _KINDS:
            problems.append(f"第 {n} 行应为“日期,休”或“日期,班”。")
            continue
        day = _date(row[0], f"第 {n} 行", problems)
        if day is not None:
            (workdays.append(day) if _KINDS[row[1].strip()] else off.append((day, day)))
    years = {d.year for d, _ in off} | {d.year for d in workdays}
    if len(years) != 1:
        problems.append("一个文件只放一年的安排。" if years else "文件里没有日期。")
    if problems:
        raise ScheduleError(problems)
    return schedule(years.pop(), name, off, workdays)
