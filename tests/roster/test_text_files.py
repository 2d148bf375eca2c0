"""Text rosters as offices save them: a CSV per sheet (which sheet, from its header row) and the YAML formats, in
UTF-8 (with or without a BOM), GBK/GB18030 or Excel's UTF-16 text; a CSV of one sheet takes the others from the
database's organisation."""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from bot.roster.layout import Row
from bot.roster.reader import load_roster, organisation_from_rows
from bot.roster.rows import roster_rows
from handlers.registry import RegistryError
from tests.roster.county import ROWS

UNITS_CSV = "名称,上级,层级,别名,网格\n东岭镇,安和县,镇,,\n新村,东岭镇,村,新,\"一组，二组\"\n石桥社区,东岭镇,社区,,一网格\n"


def _csv(rows: Sequence[Row], header: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if cell is None else str(cell) for cell in row] for row in rows])
    return out.getvalue()


@pytest.mark.parametrize("encoded", [
    lambda text: text.encode("gbk"),
    lambda text: text.encode("gb18030"),
    lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    lambda text: text.encode("utf-8"),
    lambda text: codecs.BOM_UTF16_LE + text.replace(",", "\t").encode("utf-16-le"),  # Excel's "Unicode text"
], ids=["gbk", "gb18030", "utf-8-bom", "utf-8", "utf-16-tabs"])
def test_a_units_csv_loads_in_every_encoding_offices_save(tmp_path: Path, encoded: Callable[[str], bytes]) -> None:
    path = tmp_path / "单位.csv"
    path.write_bytes(encoded(UNITS_CSV))
    org = load_roster(path)
    assert (org.is_county, org.county, [t.township for t in org.townships]) == (False, "安和县", ["东岭镇"])
    assert [(v.name, v.aliases, v.grids, v.level) for v in org.townships[0].villages] == [
        ("新村", ("新",), ("一组", "二组"), "村"), ("石桥社区", (), ("一网格",), "社区")]


def test_an_undecodable_csv_says_how_to_save_it(tmp_path: Path) -> None:
    path = tmp_path / "单位.csv"
    path.write_bytes(b"\xff\xfe\xfd\x80,\x81\n")
    with pytest.raises(RegistryError, match="^无法识别文件的编码（既不是 UTF-8，也不是 GBK/GB18030）"):
        load_roster(path)


def test_a_gbk_county_yaml_loads(tmp_path: Path) -> None:
    path = tmp_path / "名册.yaml"
    path.write_bytes("""county: 安和县
level: 县
people:
  - {name: 钱督导, role: supervisor, township: 东岭镇}
townships:
  - township: 东岭镇
    villages: [{name: 新村, grids: [一组]}]
    people: [{name: 郑支书, role: 村书记, village: 新村}]
    projects: [{id: DL-01, title: 修路, unit: 新村, owner: 郑支书, deadline: 2026-12-31}]
""".encode("gbk"))
    org = load_roster(path)
    assert org.is_county and org.people[0].township == "东岭镇" and org.townships[0].people[0].role == "secretary"
    assert org.townships[0].projects[0].deadline == dt.date(2026, 12, 31)


def test_a_people_csv_takes_the_other_sheets_from_the_database(tmp_path: Path) -> None:
    existing = organisation_from_rows(ROWS)
    people = [row for row in ROWS["人员"] if row[0] != "冯网格"] + [
        ("蒋网格", "网格员", "石桥村", None, "三组", None, None, None)]
    path = tmp_path / "人员.csv"
    path.write_bytes(_csv(people, ("姓名", "角色", "单位", "职务", "网格", "Telegram", "企业微信", "微信")).encode("gbk"))
    org = load_roster(path, existing=existing)
    rows = roster_rows(org)
    assert {sheet: rows[sheet] for sheet in ("单位", "项目", "里程碑")} == {
        sheet: ROWS[sheet] for sheet in ("单位", "项目", "里程碑")}
    east_last = people.index(("李明", "村书记", "石桥村", None, None, None, None, None))
    assert rows["人员"] == people[:east_last + 1] + people[-1:] + people[east_last + 1:-1]  # with 东岭镇's people
    east = org.township("东岭镇")
    assert east is not None and [p.grids for p in east.people if p.name == "蒋网格"] == [("三组",)]


def test_a_sheet_csv_that_breaks_the_database_s_rows_names_them(tmp_path: Path) -> None:
    existing = organisation_from_rows(ROWS)
    path = tmp_path / "人员.csv"
    kept = [row for row in ROWS["人员"] if row[0] != "郑支书"]  # he owns DL-01
    path.write_text(_csv(kept, ("姓名", "角色", "单位", "职务", "网格", "Telegram", "企业微信", "微信")), encoding="utf-8")
    with pytest.raises(RegistryError) as refused:
        load_roster(path, existing=existing)
    assert [str(p) for p in refused.value.problems] == ["已导入的项目表第 2 行的 E 列（负责人）：没有登记“郑支书”这个人（见人员表）"]


def test_a_sheet_csv_before_any_units_says_to_import_the_units_first(tmp_path: Path) -> None:
    path = tmp_path / "项目.csv"
    path.write_text("编号,名称,类型,单位,负责人,类别,开始,截止,权重\nDL-01,修路,书记项目,新村,,,,,\n", encoding="utf-8")
    with pytest.raises(RegistryError) as refused:
        load_roster(path)
    assert [str(p) for p in refused.value.problems] == [
        "这个 CSV 文件是项目表，而数据库里还没有单位（县、乡镇、村）。请先导入单位表（或整本名册 .xlsx），再导入其他表"]
    (tmp_path / "乱.csv").write_text("甲,乙\n1,2\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="^第 1 行不是名册的表头。CSV 文件每个只放一张表"):
        load_roster(tmp_path / "乱.csv")
