"""`yuebao template`: the four sheets in order with their headers, notes, drop-downs and frozen header rows, and
an example that is a clean roster but is refused when left in the file."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.roster.example import EXAMPLE_ROWS
from bot.roster.layout import letter
from bot.roster.reader import load_roster, organisation_from_rows, read_rows
from bot.roster.workbook import write_rows, write_template
from handlers.registry import RegistryError
from handlers.roles import ROLE_LABELS
from tests.support.cli import InProcess

HEADERS = {
    "单位": ["名称", "上级", "层级", "别名", "网格"],
    "人员": ["姓名", "角色", "单位", "职务", "网格", "Telegram", "企业微信", "微信"],
    "项目": ["编号", "名称", "类型", "单位", "负责人", "类别", "开始", "截止", "权重"],
    "里程碑": ["项目编号", "名称", "截止"],
}


@pytest.fixture
def yb(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> InProcess:
    return InProcess(monkeypatch, capsys)


def test_the_template_has_the_sheets_headers_notes_drop_downs_and_frozen_headers(tmp_path: Path) -> None:
    book = load_workbook(write_template(tmp_path / "模板.xlsx"))
    assert book.sheetnames == list(HEADERS)
    for ws in book.worksheets:
        header = list(ws.iter_rows(min_row=1, max_row=1))[0]
        assert [c.value for c in header] == HEADERS[ws.title]
        assert all(c.comment is not None and len(c.comment.text) > 3 for c in header), ws.title
        assert ws.freeze_panes == "A2"
        assert all((ws.column_dimensions[letter(n)].width or 0) >= 8 for n in range(len(header)))
    drop_downs = {(ws.title, str(dv.sqref)): dv.formula1 for ws in book.worksheets
                  for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert drop_downs == {
        ("人员", "B2:B1048576"): '"' + ",".join(ROLE_LABELS.values()) + '"',
        ("单位", "C2:C1048576"): '"县,区,市,镇,乡,街道,村,社区"',
        ("项目", "C2:C1048576"): '"书记项目,领办事项"',
    }
    assert set(ROLE_LABELS.values()) == {"县领导", "县管理员", "镇领导", "管理员", "村书记", "包村干部", "网格员", "督导"}
    notes = {ws.title: {c.value: c.comment.text for c in ws[1] if c.comment} for ws in book.worksheets}
    assert "包村干部" in notes["人员"]["角色"] and "2026-12-31" in notes["项目"]["截止"]
    assert "、" in notes["单位"]["别名"] and "、" in notes["人员"]["网格"]
    ids = book["人员"].column_dimensions["F"]
    assert ids.number_format == "@"  # Telegram ids stay text as typed


def test_the_example_is_a_clean_roster_but_an_untouched_template_imports_nothing(tmp_path: Path) -> None:
    template = write_template(tmp_path / "模板.xlsx")
    assert read_rows(template) == EXAMPLE_ROWS
    example = organisation_from_rows(EXAMPLE_ROWS)
    assert example.county == "示例县" and example.townships[0].villages[0].grids == ("一组", "二组")
    assert example.townships[0].projects[0].milestones[0].title == "完成实施方案"
    with pytest.raises(RegistryError) as refused:
        load_roster(template)
    assert [str(p) for p in refused.value.problems] == [
        "单位表：没有登记任何乡镇（层级填“镇”“乡”或“街道”）"] + [
        f"{where}：“{name}”是模板的示例，请改写成本单位的内容，或删除这一行" for where, name in (
            ("单位表第 2 行的 A 列（名称）", "示例县"), ("单位表第 3 行的 A 列（名称）", "示例镇"),
            ("单位表第 4 行的 A 列（名称）", "示例村"), ("人员表第 2 行的 A 列（姓名）", "张示例"),
            ("项目表第 2 行的 A 列（编号）", "示例-01"), ("里程碑表第 2 行的 A 列（项目编号）", "示例-01"))]


def test_an_example_row_typed_over_in_part_is_refused_by_the_cell_left(tmp_path: Path) -> None:
    rows = {sheet: list(rows) for sheet, rows in EXAMPLE_ROWS.items()}
    rows["单位"] = [("安和县", None, "县", None, None), ("东岭镇", "安和县", "镇", None, None),
                  ("新村", "东岭镇", "村", "示例", "一组、二组")]  # the alias not typed over
    rows["人员"], rows["项目"], rows["里程碑"] = [("郑支书", "村书记", "新村", None, None, None, None, None)], [], []
    with pytest.raises(RegistryError) as refused:
        load_roster(write_rows(rows, tmp_path / "名册.xlsx"))
    assert [str(p) for p in refused.value.problems] == [
        "单位表第 4 行的 D 列（别名）：“示例”是模板的示例，请改写成本单位的内容，或删除这一行",
        "人员表第 2 行的 C 列（单位）：单位表中没有“新村”"]


def test_the_command_writes_the_template_and_overwrites_only_with_force(yb: InProcess, tmp_path: Path) -> None:
    db = tmp_path / "y.db"
    first = yb("template", db=db)
    assert first.returncode == 0 and "yuebao import 名册模板.xlsx" in first.stdout
    made = tmp_path / "名册模板.xlsx"
    assert load_workbook(made).sheetnames == list(HEADERS)
    made.write_bytes(b"an office's own file")
    again = yb("template", db=db)
    assert again.returncode == 2 and again.stderr == "错误：名册模板.xlsx 已存在，未覆盖。要覆盖请加 --force，或用 --out 换一个文件名。\n"
    assert made.read_bytes() == b"an office's own file"
    forced = yb("template", "--out", str(made), "--force", db=db)
    assert forced.returncode == 0 and load_workbook(made).sheetnames == list(HEADERS)
    assert yb("template", "--out", str(tmp_path / "x.xls"), db=db).returncode == 2
    assert not db.exists()  # no database needed
