"""`yuebao parse` in-process (PARSING.md, "The command")."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml

import bot.cli
from tests.parse.conftest import YUNXI


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    """bot.cli.main with only the parse command, so this test does not depend on the others."""
    monkeypatch.setattr(bot.cli, "COMMANDS", ("parse",))
    return bot.cli.main


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    path = tmp_path / "registry.yaml"
    path.write_text(yaml.safe_dump(YUNXI, allow_unicode=True), encoding="utf-8")
    return path


def _records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_jsonl_with_broken_lines_goes_on(cli, registry_file: Path, tmp_path: Path, capsys) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join([
        json.dumps({"id": "a", "text": "茶旅示范带本月新建观景台2处，进度60%。", "sender": "罗永红",
                    "now": "2026-03-10T09:00", "expect": {"kind": "report"}}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "text": "收到", "sender": "王小二", "now": "2026-03-10T09:00"}, ensure_ascii=False),
        json.dumps({"id": "c", "text": "收到", "sender": "罗永红", "now": "yesterday"}, ensure_ascii=False),
        json.dumps({"id": "d", "text": "收到", "now": "2026-03-10T09:00"}, ensure_ascii=False),
        "",
        json.dumps({"id": 7, "text": "@罗永红 方案3月20日前报党委会。", "sender": "郑国强",
                    "now": "2026-03-10T09:00:00+08:00"}, ensure_ascii=False),
    ]), encoding="utf-8")
    assert cli(["parse", "--registry", str(registry_file), "--jsonl", str(cases)]) == 0
    out = capsys.readouterr().out
    assert "\\u" not in out  # ensure_ascii=False
    first, broken, unknown, bad_now, no_sender, handoff = _records(out)
    assert first["id"] == "a" and first["kind"] == "report" and first["report"]["progress"] == 60
    assert first["report"]["period"] == "2026-03"
    assert broken["id"] is None and broken["error"].startswith("not JSON")
    assert unknown == {"id": "b", "error": "unknown sender '王小二': not in the registry"}
    assert bad_now["id"] == "c" and "now" in bad_now["error"]
    assert no_sender["id"] == "d" and "sender" in no_sender["error"]
    assert handoff["id"] == 7 and handoff["handoff"]["deadline"] == "2026-03-20"


def test_now_without_offset_is_registry_time(cli, registry_file: Path, capsys) -> None:
    # 2026-04-05T23:30 local is day 5: the report is March's. Read as UTC it would be 04-06 07:30, April's.
    args = ["parse", "--registry", str(registry_file), "--sender", "罗永红", "--now", "2026-04-05T23:30",
            "茶旅示范带新建观景台2处"]
    assert cli(args) == 0
    (record,) = _records(capsys.readouterr().out)
    assert record["report"]["period"] == "2026-03"


def test_stdin(cli, registry_file: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    line = json.dumps({"id": "s", "text": "#12 已办结", "sender": "罗斌", "now": "2026-03-10T09:00"})
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO((line + "\n").encode("utf-8"))))
    assert cli(["parse", "--registry", str(registry_file), "--jsonl", "-"]) == 0
    (record,) = _records(capsys.readouterr().out)
    assert record["task_update"]["action"] == "done"


def test_bad_registry_exits_2(cli, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("township: 云溪镇\nvillages: [{name: 云溪村}]\npeople: [{name: 甲, role: mayor}]\n",
                   encoding="utf-8")
    assert cli(["parse", "--registry", str(bad), "--sender", "甲", "收到"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "role" in err
    assert cli(["parse", "--registry", str(tmp_path / "missing.yaml"), "--jsonl", "-"]) == 2


def test_single_message_with_unknown_sender_exits_2(cli, registry_file: Path, capsys) -> None:
    assert cli(["parse", "--registry", str(registry_file), "--sender", "王小二", "收到"]) == 2
    assert "王小二" in capsys.readouterr().err


def _lifecycle_cases(tmp_path: Path) -> Path:
    """A declaration by a secretary and a verdict by a leader, as a cases file."""
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(json.dumps(case, ensure_ascii=False) for case in [
        {"id": "p1", "text": "申报书记项目：茶园提质增效。步骤：3月底前完成改土，5月底前补植茶苗。完成时限：2027年底",
         "sender": "罗永红", "now": "2026-12-20T10:00"},
        {"id": "p2", "text": "双河村光伏发电方案通过，权重1.2", "sender": "郑国强", "now": "2026-12-20T10:00"},
    ]), encoding="utf-8")
    return cases


def test_jsonl_prints_a_project_record_with_steps(cli, registry_file: Path, tmp_path: Path, capsys) -> None:
    cases = _lifecycle_cases(tmp_path)
    assert cli(["parse", "--registry", str(registry_file), "--jsonl", str(cases), "--steps"]) == 0
    declared, approved = _records(capsys.readouterr().out)
    assert declared == {"id": "p1", "kind": "project", "project": {
        "action": "declare", "project": None, "village": "云溪村", "title": "茶园提质增效", "deadline": "2027-12-31",
        "milestones": [{"title": "完成改土", "due": "2027-03-31"}, {"title": "补植茶苗", "due": "2027-05-31"}],
        "weight": None, "note": None, "topic": None, "topics": [], "findings": []}, "warnings": []}
    assert approved["kind"] == "project" and approved["project"]["action"] == "approve"
    assert approved["project"]["project"] == "党建引领双河村光伏发电增收项目" and approved["project"]["weight"] == 1.2


def test_without_steps_the_output_has_the_contracts_kinds(cli, registry_file: Path, tmp_path: Path, capsys) -> None:
    """A step of the project lifecycle is printed as what else it is: `yuebao parse` speaks PARSING.md only."""
    cases = _lifecycle_cases(tmp_path)
    assert cli(["parse", "--registry", str(registry_file), "--jsonl", str(cases)]) == 0
    assert all(record["kind"] != "project" for record in _records(capsys.readouterr().out))
