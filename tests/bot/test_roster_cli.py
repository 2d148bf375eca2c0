"""换届 from the command line: an import that no longer lists someone shows who and what would be deactivated and
writes nothing; --apply deactivates (never deletes); invites refuse them; `handover` moves their open work."""
from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy import create_engine, text

from tests.bot.test_cli import InProcess, yb  # noqa: F401  (the fixture)

COUNTY = Path(__file__).parents[1] / "fixtures" / "county.yaml"


def _after_election(folder: Path) -> Path:
    """The county file after 石牛村's 换届: 赵全友 leaves, 孙新 takes the village and its project; 龙华社区 is
    merged away with its secretary and project."""
    data = yaml.safe_load(COUNTY.read_text(encoding="utf-8"))
    town = data["townships"][0]
    town["people"] = [p for p in town["people"] if p["name"] not in ("赵全友", "陈志刚")]
    town["people"].append({"name": "孙新", "role": "secretary", "village": "石牛村"})
    town["villages"] = [v for v in town["villages"] if v["name"] != "龙华社区"]
    town["projects"] = [p for p in town["projects"] if p["id"] != "XT-03"]
    town["projects"][0]["owner"] = "孙新"
    path = folder / "泸县-换届后.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql))]
    finally:
        engine.dispose()


def test_an_election_import_is_shown_first_then_applied_and_handed_over(yb: InProcess, tmp_path: Path) -> None:  # noqa: F811
    db = tmp_path / "y.db"
    assert yb("db", "upgrade", db=db).returncode == 0
    first = yb("import", str(COUNTY), db=db)
    assert first.returncode == 0 and first.stdout.startswith("已导入 泸县。"), first.stdout
    task = yb("chat", "--as", "王德兴", db=db, stdin="@赵全友 请于12月20日前报送党员花名册\n::退出\n")
    assert "已交办" in task.stdout, task.stdout

    new = _after_election(tmp_path)
    shown = yb("import", str(new), db=db)
    assert shown.returncode == 3, shown.stderr
    assert "新增（1）：人员 孙新（玄滩镇）" in shown.stdout
    assert "项目 XT-01 石牛村柑橘产业提质增效" in shown.stdout.split("变更")[1]  # its owner changes
    assert "人员 赵全友（玄滩镇） — 未办结任务：#1 报送党员花名册" in shown.stdout, shown.stdout
    assert "村（社区） 龙华社区（玄滩镇）" in shown.stdout and "项目 XT-03 龙华社区网格化治理（玄滩镇）" in shown.stdout
    assert f"yuebao import {new} --apply" in shown.stdout
    assert _rows(db, "SELECT count(*) FROM person WHERE name = '孙新'") == [(0,)]  # nothing written
    assert _rows(db, "SELECT active FROM person WHERE name = '赵全友'") == [(1,)]

    applied = yb("import", str(new), "--apply", db=db)
    assert applied.returncode == 0 and "已停用" in applied.stdout and "yuebao handover" in applied.stdout
    assert _rows(db, "SELECT name, active FROM person WHERE name IN ('赵全友', '陈志刚', '孙新') ORDER BY id") == [
        ("赵全友", 0), ("陈志刚", 0), ("孙新", 1)]
    assert _rows(db, "SELECT name, active FROM village WHERE name = '龙华社区'") == [("龙华社区", 0)]
    assert _rows(db, "SELECT code, active FROM project WHERE code IN ('XT-01', 'XT-03') ORDER BY code") == [
        ("XT-01", 1), ("XT-03", 0)]
    assert yb("import", str(new), "--apply", db=db).stdout.startswith("已导入 泸县。新增：无；更新：无。")

    refused = yb("invite", "赵全友", db=db)
    assert refused.returncode == 2 and "“赵全友”已停用" in refused.stderr
    moved = yb("handover", "赵全友", "孙新", db=db)
    assert moved.returncode == 0 and "任务：#1 报送党员花名册" in moved.stdout, moved.stdout
    assert _rows(db, "SELECT p.name FROM task t JOIN person p ON p.id = t.assignee_id") == [("孙新",)]
    assert _rows(db, "SELECT kind FROM task_event ORDER BY id") == [("assigned",), ("handover",)]
    again = yb("handover", "赵全友", "孙新", db=db)
    assert again.stdout.strip() == "赵全友没有未办结的任务或负责的项目，无需移交。"
    assert yb("handover", "孙新", "赵全友", db=db).stderr.strip() == "错误：赵全友已停用，不能接手工作。"


def test_invites_for_several_people_or_a_whole_village(yb: InProcess, tmp_path: Path) -> None:  # noqa: F811
    db = tmp_path / "y.db"
    assert yb("db", "upgrade", db=db).returncode == 0
    assert yb("import", str(COUNTY), db=db).returncode == 0
    two = yb("invite", "王德兴", "罗明远", db=db)
    assert [line.split(" ")[0] for line in two.stdout.splitlines()[:2]] == ["王德兴", "罗明远"], two.stdout
    village = yb("invite", "--village", "石牛村", db=db)
    assert [line.split(" ")[0] for line in village.stdout.splitlines()[:-1]] == ["赵全友", "李包村", "刘网格"]
    assert yb("invite", "--village", "火星村", db=db).stderr.strip() == "错误：没有找到“火星村”。"
    assert yb("invite", db=db).returncode == 2
