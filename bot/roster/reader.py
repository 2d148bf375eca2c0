"""Reading a roster file — the workbook (.xlsx), one of its sheets as CSV, or a registry YAML — into a validated
`Organisation`: every problem at once, each naming sheet, row and column, and nothing returned unless all is well."""
from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from bot.registry_file import MAX_REGISTRY_BYTES, load_organisation, problem
from bot.roster.cells import normal
from bot.roster.document import SheetRows, build_document, in_sheet_order
from bot.roster.encoding import UndecodableText, decode_text
from bot.roster.example import EXAMPLE_MARKS
from bot.roster.layout import SHEET_NAMED, SHEETS, UNITS, Row, Sheet, letter
from bot.roster.rows import roster_rows
from handlers.registry import DEFAULT_TIMEZONE, Organisation, RegistryError, RegistryProblem
from handlers.registry_reader import organisation_from_mapping

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
YAML_SUFFIXES = (".yaml", ".yml")
SUFFIXES = WORKBOOK_SUFFIXES + CSV_SUFFIXES + YAML_SUFFIXES
FROM_DATABASE = "已导入的"  # how problems name rows that came from `existing`, not from the file


def load_roster(path: str | Path, existing: Organisation | None = None) -> Organisation:
    """The organisation in a roster file (.xlsx, .csv of one sheet, .yaml/.yml); sheets a .xlsx or .csv does not
    hold come from `existing` (what the database has; a YAML file is always whole). RegistryError lists every
    problem, in sheet order; OSError if the file cannot be read."""
    path = Path(path)
    if path.suffix.lower() in YAML_SUFFIXES:
        return load_organisation(path)
    sheets = read_sheets(path)
    problems: list[RegistryProblem] = []
    for name, rows in list(sheets.items()):
        sheets[name] = SheetRows(rows.sheet, _without_examples(rows, problems))
    return _organisation(sheets, problems, existing, csv_sheet=next(iter(sheets), None)
                         if path.suffix.lower() in CSV_SUFFIXES else None)


def organisation_from_rows(rows: Mapping[str, Sequence[Row]], existing: Organisation | None = None) -> Organisation:
    """The organisation in sheets of canonical rows (as `roster_rows` gives them), numbered as in a workbook."""
    sheets = {name: SheetRows(SHEET_NAMED[name], list(enumerate(sheet_rows, start=2)))
              for name, sheet_rows in rows.items()}
    return _organisation(sheets, [], existing, None)


def read_rows(path: str | Path) -> dict[str, list[Row]]:
    """The non-empty rows of each sheet a .xlsx or .csv file holds, made canonical (what `roster_rows` gives for
    the same roster); RegistryError if a sheet or header is not the roster's."""
    return {name: [row for _, row in sheet.rows] for name, sheet in read_sheets(path).items()}


def read_sheets(path: str | Path) -> dict[str, SheetRows]:
    """Each roster sheet the file holds, its rows numbered as Excel shows them; RegistryError if the file cannot
    be read as a roster (type, encoding, an unknown sheet, a header out of order)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES + CSV_SUFFIXES:
        if suffix == ".xls":
            raise problem("这是旧版 Excel 文件（.xls），请在 Excel 或 WPS 中另存为 .xlsx 后再导入")
        raise problem(f"不支持“{path.suffix or path.name}”文件，名册请用 Excel（.xlsx）、CSV 或 YAML")
    if path.stat().st_size > MAX_REGISTRY_BYTES:
        raise problem(f"文件大于 {MAX_REGISTRY_BYTES // 1024 // 1024} MB，请拆分后分别导入")
    problems: list[RegistryProblem] = []
    sheets = _read_workbook(path, problems) if suffix in WORKBOOK_SUFFIXES else _read_csv(path, problems)
    if problems:
        # Rows read under a wrong header would be checked against the wrong columns: the header comes first.
        raise RegistryError(problems + [RegistryProblem("", None, "请先改正以上表格结构的问题，再检查各行内容")])
    return sheets


def _read_workbook(path: Path, problems: list[RegistryProblem]) -> dict[str, SheetRows]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # read_only streams the sheets (a county's roster is thousands of rows); data_only gives formulas' values.
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError):
        raise problem("不是有效的 Excel 文件（.xlsx），请用 Excel 或 WPS 打开后另存为 .xlsx 再试"
                      "（设了打开密码的文件请先取消密码）") from None
    sheets: dict[str, SheetRows] = {}
    try:
        for ws in book.worksheets:
            ws.reset_dimensions()  # some programs write a wrong size; read_only would stop at it
            title = ws.title.strip()
            sheet = SHEET_NAMED.get(title) or SHEET_NAMED.get(title.removesuffix("表"))
            values = ws.iter_rows(values_only=True)
            if sheet is None:
                if any(_filled(row) for row in values):
                    problems.append(RegistryProblem(f"“{ws.title}”表", None, "不是名册的表（名册的表是："
                                                    f"{'、'.join(s.name for s in SHEETS)}），请删除或改名"))
                continue
            if sheet.name in sheets:
                problems.append(RegistryProblem(f"“{ws.title}”表", None, f"与另一张“{sheet.name}”表重复"))
                continue
            rows = _rows(sheet, enumerate(values, start=1), problems)
            if rows is not None:
                sheets[sheet.name] = SheetRows(sheet, rows)
    finally:
        book.close()
    return sheets


def _read_csv(path: Path, problems: list[RegistryProblem]) -> dict[str, SheetRows]:
    try:
        text = decode_text(path.read_bytes())
    except UndecodableText as exc:
        raise problem(str(exc)) from None
    first = text.split("\n", 1)[0]
    # Excel's "Unicode text" and some exports separate cells with tabs.
    delimiter = "\t" if "\t" in first and "," not in first and "，" not in first else ","
    lines = list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))
    sheet = _sheet_of(lines[0][1] if lines else [])
    if sheet is None:
        if not any(cell.strip() for _, cells in lines for cell in cells):
            raise problem("文件是空的")
        tables = "；".join(f"{s.name}表：{'，'.join(s.headers)}" for s in SHEETS)
        raise problem(f"第 1 行不是名册的表头。CSV 文件每个只放一张表，第 1 行是这张表的表头——{tables}")
    rows = _rows(sheet, iter(lines), problems)
    return {sheet.name: SheetRows(sheet, rows)} if rows is not None else {}


def _sheet_of(header: Sequence[str]) -> Sheet | None:
    """Which sheet a CSV holds, from its header row: by its first column, else by the most headers in common."""
    got = [cell.strip().lstrip("\ufeff") for cell in header]
    for sheet in SHEETS:
        if got[:1] == [sheet.headers[0]]:
            return sheet
    best = max(SHEETS, key=lambda s: len(set(s.headers) & set(got)))
    return best if set(best.headers) & set(got) else None


def _rows(sheet: Sheet, numbered: Iterable[tuple[int, Sequence[object]]],
          problems: list[RegistryProblem]) -> list[tuple[int, Row]] | None:
    """The sheet's non-empty rows made canonical, or None when its header is not the roster's."""
    columns, width = sheet.columns, len(sheet.columns)
    rows: list[tuple[int, Row]] = []
    header_seen = False
    for n, values in numbered:
        if not header_seen:
            header_seen = True
            if not _header_fits(sheet, values, problems):
                return None
            continue
        if not _filled(values):
            continue
        if len(values) < width:
            values = tuple(values) + (None,) * (width - len(values))
        row = tuple([normal(column, value) for column, value in zip(columns, values)])
        if any(cell is not None for cell in row):
            rows.append((n, row))
    return rows


def _header_fits(sheet: Sheet, values: Sequence[object], problems: list[RegistryProblem]) -> bool:
    got = [str(v).strip().lstrip("\ufeff") if v is not None else "" for v in values]
    for n, want in enumerate(sheet.headers):
        have = got[n] if n < len(got) else ""
        if have != want:
            problems.append(RegistryProblem(
                f"{sheet.name}表第 1 行", f"{letter(n)} 列",
                f"表头应为“{want}”，{'现为“' + have + '”' if have else '现在是空的'}。"
                f"表头须依次为：{'、'.join(sheet.headers)}（之后可以另加列，导入时不读）"))
            return False
    return True


def _filled(values: Sequence[object]) -> bool:
    return any(v is not None and v != "" for v in values)


def _without_examples(rows: SheetRows, problems: list[RegistryProblem]) -> list[tuple[int, Row]]:
    # The template's example rows are meant to be typed over; a row still holding an example's name is refused.
    kept = []
    for n, row in rows.rows:
        if EXAMPLE_MARKS.isdisjoint(row):
            kept.append((n, row))
            continue
        column = next(c for c, cell in enumerate(row) if cell in EXAMPLE_MARKS)
        problems.append(RegistryProblem(rows.where(n), rows.sheet.label(rows.sheet.keys[column]),
                                        f"“{row[column]}”是模板的示例，请改写成本单位的内容，或删除这一行"))
    return kept


def _organisation(sheets: dict[str, SheetRows], problems: list[RegistryProblem], existing: Organisation | None,
                  csv_sheet: str | None) -> Organisation:
    if UNITS.name not in sheets and existing is None:
        if csv_sheet is not None:
            raise problem(f"这个 CSV 文件是{csv_sheet}表，而数据库里还没有单位（县、乡镇、村）。"
                          "请先导入单位表（或整本名册 .xlsx），再导入其他表")
        raise problem("名册中没有“单位”表：请用 yuebao template 生成的模板，单位表登记县、乡镇和村（社区）")
    # Sheets the file does not hold: the database's rows, through the exporter's row builder (one path).
    kept = roster_rows(existing) if existing is not None else {}
    for sheet in SHEETS:
        if sheet.name not in sheets:
            sheets[sheet.name] = SheetRows(sheet, list(enumerate(kept.get(sheet.name, []), start=2)),
                                           FROM_DATABASE if existing is not None else "")
    timezones = {t.township: t.timezone for t in existing.townships} if existing is not None else {}
    document, found = build_document(sheets, timezones, existing.timezone if existing else DEFAULT_TIMEZONE)
    problems = problems + found
    org = None
    if document:  # with no township at all, the registry check would only repeat that
        try:
            org = organisation_from_mapping(document)
        except RegistryError as exc:
            problems += exc.problems
    if problems or org is None:
        raise RegistryError(in_sheet_order(problems))
    return org


class RosterReader:
    """RosterFiles: reads a roster file an admin sent in chat (the app wires it into the pipeline)."""

    def read(self, path: str, existing: Organisation | None) -> Organisation:
        """The roster in the file, sheets it lacks taken from `existing`; RegistryError lists every problem."""
        return load_roster(path, existing)
