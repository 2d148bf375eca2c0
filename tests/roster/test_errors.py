"""A roster with mistakes: every problem at once, in Chinese, each naming sheet, row (as Excel numbers it) and
column, in the order someone correcting the workbook goes through it — and nothing returned."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from bot.roster.layout import Row
from bot.roster.reader import load_roster
from bot.roster.workbook import write_rows
from handlers.registry import RegistryError


def _problems(path: Path) -> list[str]:
    with pytest.raises(RegistryError) as refused:
        load_roster(path)
    return [str(p) for p in refused.value.problems]


def test_mistakes_on_every_sheet_are_listed_together_by_sheet_row_and_column(tmp_path: Path) -> None:
    rows: dict[str, list[Row]] = {
        "单位": [("安和县", None, "县", None, None), ("东岭镇", "安和县", "镇", None, None),
               ("新村", "东岭镇", "村", None, "一组"), ("西河乡", "安和县", "乡", None, None),
               ("新村", "西河乡", "村", None, None), ("北山村", "南山镇", "村", None, None),
               ("高坪村", "东岭镇", "屯", None, None)],
        "人员": [("周书记", "镇领导", "东岭镇", None, None, "2001", None, None),
               ("郑支书", "书记", "东岭镇/新村", None, None, None, None, None),
               ("王包村", "包村干部", "新村", None, None, None, None, None),
               ("冯网格", "网格员", "东岭镇/新村", None, "九组", None, None, None),
               ("周书记", "包村干部", "东岭镇/新村", None, None, "2999", None, None),
               ("陈乡长", "镇领导", "西河乡", None, None, "2001", None, None)],
        "项目": [("DL-01", "修路", "书记项目", "东岭镇/新村", "郑支书", None, None, "2026-13-01", None),
               ("DL-01", "重复", "书记项目", "东岭镇", None, None, None, None, None),
               ("XH-01", "治理", "重点项目", "西河乡", "无名氏", None, None, None, "十")],
        "里程碑": [("DL-09", "开工", None), ("DL-01", None, "明年")],
    }
    assert _problems(write_rows(rows, tmp_path / "名册.xlsx")) == [
        "单位表第 7 行的 B 列（上级）：单位表中没有“南山镇”",
        "单位表第 8 行的 C 列（层级）：“屯”不是可用的层级，可用：县、区、市、镇、乡、街道、村、社区",
        "人员表第 3 行的 B 列（角色）：“书记”不是可用的角色，"
        "可用：township_leader、admin、secretary、contact_official、grid_worker、supervisor",
        "人员表第 4 行的 C 列（单位）：“新村”有重名（东岭镇、西河乡），请写成“镇名/村名”，如“东岭镇/新村”",
        "人员表第 5 行的 E 列（网格）：“九组”不是新村的网格",
        "人员表第 6 行的 F 列（Telegram）：与第 2 行的“2001”不一致，同一人在每个平台只能登记一个账号",
        "人员表第 7 行的 F 列（Telegram）：与第 2 行（周书记）是同一个账号，一个账号只能属于一人",
        "项目表第 2 行的 H 列（截止）：“2026-13-01”不是日期，请写成 YYYY-MM-DD",
        "项目表第 3 行的 A 列（编号）：与第 2 行重复：项目编号在整个名册中不能重复",
        "项目表第 4 行的 C 列（类型）：“重点项目”不是可用的类型，可用：secretary_project、led_matter",
        "项目表第 4 行的 E 列（负责人）：没有登记“无名氏”这个人（见人员表）",
        "项目表第 4 行的 I 列（权重）：“十”不是数字",
        "里程碑表第 2 行的 A 列（项目编号）：项目表中没有编号为“DL-09”的项目",
        "里程碑表第 3 行的 B 列（名称）：未填写",
        "里程碑表第 3 行的 C 列（截止）：“明年”不是日期，请写成 YYYY-MM-DD",
    ]


def test_people_and_units_in_the_wrong_place(tmp_path: Path) -> None:
    rows: dict[str, list[Row]] = {
        "单位": [("安和县", None, "县", None, None), ("东岭镇", "安和县", "镇", None, "一组"),
               ("石桥村", "东岭镇", "村", None, None), ("北坡村", "石桥村", "村", None, None),
               ("平安县", None, "县", None, None)],
        "人员": [("赵县长", "县领导", "石桥村", None, None, None, None, None),
               ("周书记", "镇领导", "东岭镇", None, None, None, None, None),
               ("周书记", "镇领导", "东岭镇", "兼", None, None, None, None),
               ("郑支书", "村书记", None, None, None, None, None, None)],
        "项目": [("AH-01", "全县项目", "书记项目", "安和县", None, None, None, None, None)],
        "里程碑": [("AH-01", "开工", None)],  # its project has a problem of its own: nothing said twice
    }
    assert _problems(write_rows(rows, tmp_path / "名册.xlsx")) == [
        "单位表第 3 行的 E 列（网格）：只有村（社区）填写网格",
        "单位表第 5 行的 B 列（上级）：“石桥村”不是乡镇，村（社区）的上级应为乡镇",
        "单位表第 6 行的 A 列（名称）：一份名册只能登记一个县，第 2 行已登记“安和县”",
        "人员表第 2 行的 C 列（单位）：县级人员不填写 village",
        "人员表第 4 行的 B 列（角色）：与第 3 行重复：同一人在同一单位已登记这个角色",
        "人员表第 5 行的 C 列（单位）：未填写（填写单位表中的村、乡镇或县）",
        "项目表第 2 行的 D 列（单位）：项目的单位应为村（社区）或乡镇，不能是县",
    ]


def test_sheets_and_headers_are_checked_before_any_row(tmp_path: Path) -> None:
    book = Workbook()
    units = book.worksheets[0]
    units.title = "单位"
    units.append(["名称", "上级", "层级", "别名", "网格", "备注"])  # a column of their own after ours is fine
    units.append(["东岭镇", None, "镇"])
    people = book.create_sheet("人员")
    people.append(["姓名", "单位", "角色", "职务"])
    people.append(["周书记", "东岭镇", "镇领导"])
    book.create_sheet("Sheet2")  # empty: ignored
    book.create_sheet("说明").append(["请按模板填写"])
    book.save(tmp_path / "名册.xlsx")
    assert _problems(tmp_path / "名册.xlsx") == [
        "人员表第 1 行的 B 列：表头应为“角色”，现为“单位”。"
        "表头须依次为：姓名、角色、单位、职务、网格、Telegram、企业微信、微信（之后可以另加列，导入时不读）",
        "“说明”表：不是名册的表（名册的表是：单位、人员、项目、里程碑），请删除或改名",
        "请先改正以上表格结构的问题，再检查各行内容",
    ]


def test_files_that_are_not_rosters(tmp_path: Path) -> None:
    (tmp_path / "旧.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert _problems(tmp_path / "旧.xls") == ["这是旧版 Excel 文件（.xls），请在 Excel 或 WPS 中另存为 .xlsx 后再导入"]
    (tmp_path / "坏.xlsx").write_bytes(b"not a zip")
    assert _problems(tmp_path / "坏.xlsx") == [
        "不是有效的 Excel 文件（.xlsx），请用 Excel 或 WPS 打开后另存为 .xlsx 再试（设了打开密码的文件请先取消密码）"]
    (tmp_path / "名册.docx").write_bytes(b"")
    assert _problems(tmp_path / "名册.docx") == ["不支持“.docx”文件，名册请用 Excel（.xlsx）、CSV 或 YAML"]
    book = Workbook()
    book.worksheets[0].title = "人员"
    book.save(tmp_path / "无单位.xlsx")
    assert _problems(tmp_path / "无单位.xlsx") == [
        "名册中没有“单位”表：请用 yuebao template 生成的模板，单位表登记县、乡镇和村（社区）"]
