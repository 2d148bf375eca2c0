"""The 名册 workbook through the database: template → fill → `yuebao import` → `yuebao export roster` → the same
rows; a re-import of the same file changes nothing; a 人员 CSV (GBK) updates people and keeps the rest."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from bot.roster.reader import read_rows
from bot.roster.workbook import write_template
from tests.bot.test_cli import InProcess, yb  # noqa: F401  (the fixture)
from tests.roster.county import ROWS, fill_template


def test_template_fill_import_export_gives_the_same_rows(yb: InProcess, tmp_path: Path) -> None:  # noqa: F811
    db = tmp_path / "y.db"
    assert yb("db", "upgrade", db=db).returncode == 0
    filled = fill_template(write_template(tmp_path / "模板.xlsx"), ROWS, tmp_path / "安和县名册.xlsx")
    imported = yb("import", str(filled), db=db)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("已导入 安和县。新增：县 1，乡镇 2，村（社区） 4"), imported.stdout

    exported = yb("export", "roster", "--out", str(tmp_path / "导出.xlsx"), db=db)
    assert exported.returncode == 0, exported.stderr
    assert read_rows(tmp_path / "导出.xlsx") == ROWS
    again = yb("import", str(tmp_path / "导出.xlsx"), db=db)
    assert again.stdout.splitlines()[0] == "已导入 安和县。新增：无；更新：无。", again.stdout


def test_a_gbk_people_csv_updates_people_and_keeps_the_rest(yb: InProcess, tmp_path: Path) -> None:  # noqa: F811
    db = tmp_path / "y.db"
    assert yb("db", "upgrade", db=db).returncode == 0
    filled = fill_template(write_template(tmp_path / "模板.xlsx"), ROWS, tmp_path / "名册.xlsx")
    assert yb("import", str(filled), db=db).returncode == 0
    people = [row for row in ROWS["人员"] if row[0] != "冯网格"]  # 冯网格 has left
    people.append(("蒋新", "网格员", "石桥村", None, "一组", None, None, None))
    out = io.StringIO()
    csv.writer(out).writerows([("姓名", "角色", "单位", "职务", "网格", "Telegram", "企业微信", "微信"),
                               *[tuple("" if c is None else c for c in row) for row in people]])
    path = tmp_path / "人员.csv"
    path.write_bytes(out.getvalue().encode("gbk"))
    shown = yb("import", str(path), db=db)
    assert shown.returncode == 3 and "新增（1）：人员 蒋新（东岭镇）" in shown.stdout, shown.stdout
    assert "人员 冯网格（东岭镇）" in shown.stdout and "项目" not in shown.stdout.split("名册中不再有")[1]
    assert yb("import", str(path), "--apply", db=db).returncode == 0
    assert yb("export", "roster", "--out", str(tmp_path / "after.xlsx"), db=db).returncode == 0
    after = read_rows(tmp_path / "after.xlsx")
    assert after["项目"] == ROWS["项目"] and after["里程碑"] == ROWS["里程碑"] and after["单位"] == ROWS["单位"]
    assert [r[0] for r in after["人员"]].count("冯网格") == 0 and "蒋新" in [r[0] for r in after["人员"]]
