"""The roster workbook offices fill in (sheets 单位, 人员, 项目, 里程碑): its layout, the template, reading it (or one
sheet as CSV, or the YAML formats) into an `Organisation`, and writing an `Organisation` back as the same sheets.

    layout.py    the sheets and their columns, in order (SHEETS, UNITS, PEOPLE, PROJECTS, MILESTONES)
    reader.py    load_roster(path, existing=None), read_rows(path), read_sheets(path), organisation_from_rows(rows)
    rows.py      roster_rows(org): an organisation as the sheets' rows (the export, and the sheets a CSV lacks)
    workbook.py  write_template(path), write_roster(org, path), write_rows(rows, path)
    document.py  rows → the document handlers.registry_reader validates, with sheet/row/column on every entry
    cells.py     a cell as typed made canonical; encoding.py: decode_text (UTF-8, GBK/GB18030, UTF-16)

Nothing is imported here, so that `bot.registry_file` can use the text decoder without loading openpyxl.
"""
