"""Template → fill → import → export → the same rows: a county with two townships read into the organisation it
describes, written back, and read again to the same organisation (pure: no database)."""
from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest

from bot.roster.layout import Row
from bot.roster.reader import load_roster, read_rows
from bot.roster.rows import roster_rows
from bot.roster.workbook import write_roster, write_rows, write_template
from handlers.registry import Membership, Milestone, Organisation
from tests.roster.county import ROWS, fill_template


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    return fill_template(write_template(tmp_path / "模板.xlsx"), ROWS, tmp_path / "名册.xlsx")


def test_a_filled_template_reads_as_the_county_it_describes(filled: Path) -> None:
    org = load_roster(filled)
    assert (org.is_county, org.county, org.aliases, org.level) == (True, "安和县", ("安和",), "县")
    assert [(t.township, t.level, t.county) for t in org.townships] == [("东岭镇", "镇", "安和县"), ("西河乡", "乡", "安和县")]
    east, west = org.townships
    assert [(v.name, v.level, v.grids) for v in west.villages] == [("新村", "村", ("一组",)),
                                                                   ("河滨社区", "社区", ("一网格", "二网格"))]
    county = {p.name: p for p in org.people}
    assert list(county) == ["赵县长", "钱督导", "孙主任", "韩督导"]
    assert county["韩督导"].memberships == (Membership("supervisor", None, None, (), "西河乡"),)
    assert county["赵县长"].role == "county_leader" and county["赵县长"].platform_ids == (("telegram", "1001"),)
    assert county["钱督导"].memberships == (Membership("supervisor", None, "县委督导组组长"),
                                          Membership("supervisor", None, "东岭镇督导组", (), "东岭镇"))
    assert county["孙主任"].platform_ids == (("wechat", "o-sun"),)
    people = {p.name: p for p in east.people}
    assert [(m.role, m.village, m.title) for m in people["王包村"].memberships] == [
        ("contact_official", "新村", "包村点长"), ("contact_official", "石桥村", None)]
    assert people["王包村"].platform_ids == (("telegram", "2002"),)
    assert people["冯网格"].grids == ("一组", "二组") and people["李明"].role == "secretary"
    assert {p.name: (p.role, p.village) for p in west.people}["李明"] == ("grid_worker", "河滨社区")  # a namesake
    assert [(p.id, p.kind, p.village, p.owner, p.weight) for p in east.projects] == [
        ("DL-01", "secretary_project", "新村", "郑支书", 10.0), ("DL-02", "led_matter", None, "周书记", 20.0)]
    assert east.projects[0].milestones == (Milestone("完成方案", dt.date(2026, 3, 31)),
                                           Milestone("完工验收", dt.date(2026, 11, 30)))
    assert east.projects[0].start == dt.date(2026, 1, 1) and east.projects[1].milestones == (Milestone("选定示范点"),)
    assert west.projects[0].weight == 12.5 and west.projects[0].village == "河滨社区"


def test_import_then_export_gives_the_rows_that_were_filled_in(filled: Path, tmp_path: Path) -> None:
    assert read_rows(filled) == ROWS
    org = load_roster(filled)
    assert roster_rows(org) == ROWS
    exported = write_roster(org, tmp_path / "导出.xlsx")
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600  # it holds people's accounts
    assert read_rows(exported) == ROWS
    assert load_roster(exported) == org


def test_other_spellings_read_as_the_same_roster(tmp_path: Path, filled: Path) -> None:
    # Codes for labels, dates typed as text in the other accepted forms, lists with ， and a comma.
    spelled = {sheet: list(rows) for sheet, rows in ROWS.items()}
    spelled["单位"][2] = ("新村", "东岭镇", "村", None, "一组，二组")
    spelled["单位"][6] = ("河滨社区", "西河乡", "社区", "河滨", " 一网格, 二网格 ")
    spelled["人员"][0] = ("赵县长", "county_leader", "安和县", "县委副书记", None, 1001, None, None)
    first_contact = spelled["人员"].index(("王包村", "包村干部", "东岭镇/新村", "包村点长", None, "2002", None, None))
    spelled["人员"][first_contact] = ("王包村", "contact_official", "东岭镇／新村", "包村点长", None, "2002", None, None)
    spelled["项目"][0] = ("DL-01", "新村人居环境整治", "secretary_project", "东岭镇/新村", "郑支书", "人居环境",
                         "2026/1/1", "2026年12月31日", "10")
    spelled["项目"][1] = ("DL-02", "东岭镇党建示范带", "led_matter", "东岭镇", "周书记", "党建示范", None,
                         "2026-10-31", 20.0)
    expected = load_roster(filled)
    assert load_roster(write_rows(spelled, tmp_path / "别写法.xlsx")) == expected


def test_a_township_roster_without_a_county_row_round_trips(tmp_path: Path) -> None:
    rows: dict[str, list[Row]] = {"单位": [("响肠镇", "岳西县", "镇", None, None), ("千佛塔村", "响肠镇", "村", "千佛塔", "一组")],
            "人员": [("王建国", "村书记", "千佛塔村", None, None, None, None, None)],
            "项目": [("XC-01", "示范点", "领办事项", "千佛塔村", "王建国", None, None, dt.date(2026, 12, 31), 10)],
            "里程碑": []}
    org = load_roster(write_rows(rows, tmp_path / "乡镇.xlsx"))
    assert isinstance(org, Organisation) and not org.is_county and org.county == "岳西县"
    assert [t.township for t in org.townships] == ["响肠镇"] and org.townships[0].people[0].village == "千佛塔村"
    assert roster_rows(org) == rows
