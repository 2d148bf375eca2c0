"""A county roster as an office fills it: 2 townships (one a 乡), villages with one name in both (written 镇名/村名),
a 社区, county cadres, a county supervisor of one township, a 包村干部 of two villages, namesakes in two
townships, a township project and milestones — in the order an export writes them."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from bot.roster.layout import SHEETS, Row

D = dt.date

ROWS: dict[str, list[Row]] = {
    "单位": [
        ("安和县", None, "县", "安和", None),
        ("东岭镇", "安和县", "镇", "东岭", None),
        ("新村", "东岭镇", "村", None, "一组、二组"),
        ("石桥村", "东岭镇", "村", "石桥", "一组、二组、三组"),
        ("西河乡", "安和县", "乡", None, None),
        ("新村", "西河乡", "村", None, "一组"),
        ("河滨社区", "西河乡", "社区", "河滨", "一网格、二网格"),
    ],
    "人员": [
        ("赵县长", "县领导", "安和县", "县委副书记", None, "1001", None, None),
        ("钱督导", "督导", "安和县", "县委督导组组长", None, None, "qiandd", None),
        ("钱督导", "督导", "东岭镇", "东岭镇督导组", None, None, None, None),
        ("孙主任", "县管理员", "安和县", "县委组织部", None, None, None, "o-sun"),
        ("韩督导", "督导", "西河乡", None, None, None, None, None),  # only 督导 of a township: a county supervisor
        ("周书记", "镇领导", "东岭镇", "镇党委书记", None, "2001", None, None),
        ("吴干事", "管理员", "东岭镇", "组织办干事", None, None, None, None),
        ("郑支书", "村书记", "东岭镇/新村", "党支部书记", None, None, None, None),
        ("王包村", "包村干部", "东岭镇/新村", "包村点长", None, "2002", None, None),
        ("王包村", "包村干部", "石桥村", None, None, None, None, None),
        ("冯网格", "网格员", "石桥村", None, "一组、二组", None, None, None),
        ("李明", "村书记", "石桥村", None, None, None, None, None),
        ("陈乡长", "镇领导", "西河乡", "乡长", None, None, None, None),
        ("褚书记", "村书记", "河滨社区", "社区书记", None, None, None, None),
        ("卫支书", "村书记", "西河乡/新村", None, None, None, None, None),
        ("李明", "网格员", "河滨社区", None, "一网格", None, None, None),
    ],
    "项目": [
        ("DL-01", "新村人居环境整治", "书记项目", "东岭镇/新村", "郑支书", "人居环境", D(2026, 1, 1), D(2026, 12, 31), 10),
        ("DL-02", "东岭镇党建示范带", "领办事项", "东岭镇", "周书记", "党建示范", None, D(2026, 10, 31), 20),
        ("XH-01", "河滨社区网格治理", "书记项目", "河滨社区", "褚书记", "基层治理", None, D(2026, 11, 30), 12.5),
    ],
    "里程碑": [
        ("DL-01", "完成方案", D(2026, 3, 31)),
        ("DL-01", "完工验收", D(2026, 11, 30)),
        ("DL-02", "选定示范点", None),
        ("XH-01", "网格划分", D(2026, 5, 31)),
    ],
}


def fill_template(template: Path, rows: dict[str, list[Row]], out: Path) -> Path:
    """The template with its example rows typed over and the rest appended, as a clerk fills it in Excel."""
    book = load_workbook(template)
    for sheet in SHEETS:
        ws = book[sheet.name]
        for r, row in enumerate(rows.get(sheet.name, []), start=2):
            for c, value in enumerate(row, start=1):
                ws.cell(row=r, column=c).value = value  # cell(value=None) would leave the example's text
        ws.delete_rows(len(rows.get(sheet.name, [])) + 2, ws.max_row)  # example rows not typed over
    book.save(out)
    return out
