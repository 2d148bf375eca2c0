"""`yuebao holidays`: a year shown day by day (estimates marked), a schedule imported from YAML or CSV, every
problem of a bad file listed with nothing stored, and `yuebao parse` counting with the imported table."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REGISTRY
from tests.support.cli import InProcess

NOTICE = """year: 2027
source: 测试用2027年节假日安排
off:
  - [2027-01-01, 2027-01-03]
  - [2027-02-06, 2027-02-13]
  - 2027-04-05
workdays: [2027-02-20]
"""


@pytest.fixture
def yb(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> InProcess:
    return InProcess(monkeypatch, capsys)


def test_a_year_without_data_is_listed_as_an_estimate_until_a_schedule_is_imported(
        yb: InProcess, db_url: str, tmp_path: Path) -> None:
    before = yb("holidays", "2027", db=db_url)
    assert before.returncode == 0 and "yuebao holidays import" in before.stderr
    assert "2027-02-06 休（估算）" in before.stdout.splitlines()
    (tmp_path / "2027.yaml").write_text(NOTICE, encoding="utf-8")
    imported = yb("holidays", "import", str(tmp_path / "2027.yaml"), db=db_url)
    assert imported.returncode == 0 and "放假 12 天，调休上班 1 天" in imported.stdout
    after = yb("holidays", "2027", db=db_url)
    assert after.stdout.splitlines()[:4] == ["2027-01-01 休", "2027-01-02 休", "2027-01-03 休", "2027-02-06 休"]
    assert "2027-02-20 班" in after.stdout.splitlines() and "估算" not in after.stdout + after.stderr


def test_a_csv_schedule_is_imported_and_replaces_the_years_earlier_one(
        yb: InProcess, db_url: str, tmp_path: Path) -> None:
    (tmp_path / "2027.yaml").write_text(NOTICE, encoding="utf-8")
    yb("holidays", "import", str(tmp_path / "2027.yaml"), db=db_url)
    (tmp_path / "2027.csv").write_text("date,kind\n2027-10-01,休\n2027-10-02,休\n2027-10-09,班\n", encoding="utf-8")
    assert yb("holidays", "import", str(tmp_path / "2027.csv"), db=db_url).returncode == 0
    assert yb("holidays", "2027", db=db_url).stdout.splitlines() == ["2027-10-01 休", "2027-10-02 休", "2027-10-09 班"]


def test_every_problem_of_a_bad_file_is_listed_and_nothing_is_stored(
        yb: InProcess, db_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: 2027\nsource: 通知\noff:\n  - [2027-02-13, 2027-02-06]\n  - [2026-12-31, 2027-01-01]\n"
                   "  - [2027-13-01, 2027-13-02]\nworkdays: [2027-01-01]\n", encoding="utf-8")
    ran = yb("holidays", "import", str(bad), db=db_url)
    assert ran.returncode == 2 and "Traceback" not in ran.stderr
    for problem in ("结束日 2027-02-06 早于开始日 2027-02-13", "2026-12-31 不在 2027 年内", "“2027-13-01”不是",
                    "2027-01-01 既是放假日又是调休上班日"):
        assert problem in ran.stderr
    assert "（估算）" in yb("holidays", "2027", db=db_url).stdout


def test_parse_counts_working_days_with_the_imported_table(yb: InProcess, db_url: str, tmp_path: Path) -> None:
    args = ("parse", "--registry", str(REGISTRY), "--sender", "胡立新", "--now", "2027-02-04T10:00",
            "各村：3个工作日内上报冬季防火排查情况")
    (tmp_path / "2027.yaml").write_text(NOTICE, encoding="utf-8")
    yb("holidays", "import", str(tmp_path / "2027.yaml"), db=db_url)
    record = json.loads(yb(*args, db=db_url).stdout)
    assert record["handoff"]["deadline"] == "2027-02-16"  # 02-05, then 02-06..02-13 off: 02-15, 02-16
    assert not record["warnings"]
