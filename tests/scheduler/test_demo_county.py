"""`yuebao demo --county`: a county of three towns runs its quarter — every town's month-end report reaches the
county built from its records, and the county's 季通报 ranks the towns with scores recomputed here from the demo's
own database with SQL of this test's own (DESIGN.md's formula written out again)."""
from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest

from bot.demo.runner import COUNTY, DemoRun

QUARTER_END = dt.date(2026, 3, 31)
START, END = "2026-01-01", "2026-03-31"
UTC8 = dt.timedelta(hours=8)
RANKED = re.compile(r"^(\d+)\. (\S+) ([\d.]+)分｜", re.MULTILINE)


def _share(met: int, due: int) -> float | None:
    return met / due if due else None


def _scores(db: sqlite3.Connection) -> dict[str, float]:
    """Each town's Q1 score from the rows: its own approved projects, its own tasks, all its issues."""
    scores = {}
    for town_id, town in db.execute("SELECT id, name FROM township"):
        points = weight = 0.0
        for project_id, w, start, deadline in db.execute(
                "SELECT id, weight, start, deadline FROM project WHERE township_id = ? AND village_id IS NULL "
                "AND active AND status IN ('in_progress', 'acceptance_requested', 'accepted')", (town_id,)):
            first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(deadline)
            planned = 100 if QUARTER_END >= last else round(100 * (QUARTER_END - first).days / (last - first).days)
            row = db.execute("SELECT progress FROM report WHERE project_id = ? AND status = 'confirmed' AND "
                             "period <= '2026-03' AND progress IS NOT NULL ORDER BY period DESC LIMIT 1",
                             (project_id,)).fetchone()
            weight += w
            points += w * (1.0 if planned == 0 else min(1.0, (row[0] if row else 0) / planned))
        tasks = [(deadline, done) for deadline, done in db.execute(
            "SELECT deadline, done_at FROM task WHERE township_id = ? AND village_id IS NULL "
            "AND deadline BETWEEN ? AND ? AND assigner_id IN (SELECT person_id FROM membership "
            "WHERE county_id IS NOT NULL AND role IN ('county_leader', 'county_admin'))", (town_id, START, END))]
        met = sum(done is not None and (dt.datetime.fromisoformat(done[:19]) + UTC8).date().isoformat() <= deadline
                  for deadline, done in tasks)
        issues = db.execute(
            "SELECT count(*), coalesce(sum(resolved_at IS NOT NULL AND resolved_at <= due_at), 0) FROM issue "
            "WHERE township_id = ? AND due_at >= '2025-12-31 16:00' AND due_at < '2026-03-31 16:00'",
            (town_id,)).fetchone()
        parts = [(0.60, points / weight if weight else None), (0.25, _share(met, len(tasks))),
                 (0.15, _share(int(issues[1]), int(issues[0])))]
        counted = [(w, s) for w, s in parts if s is not None]
        scores[town] = round(100 * sum(w * s for w, s in counted) / sum(w for w, _ in counted), 1)
    return scores


@pytest.mark.slow
async def test_the_county_demo_runs_its_quarter(tmp_path: Path) -> None:
    out = tmp_path / "county"
    files = await DemoRun(out, progress=False, scenario=COUNTY).run()
    folder = out / "reports" / "云岭县"
    assert {folder / "bulletin-2026Q1.txt", folder / "scores-2026Q1.png", folder / "ledger-2026Q1.xlsx",
            folder / "digest-2026-03.txt"} <= set(files)
    bulletin = (folder / "bulletin-2026Q1.txt").read_text("utf-8")
    db = sqlite3.connect(out / "demo.db")
    expected = _scores(db)
    ranked = [(int(rank), town, float(score)) for rank, town, score in RANKED.findall(bulletin)]
    assert {town: score for _, town, score in ranked} == expected
    assert [town for *_, town, _ in ranked] == sorted(expected, key=lambda t: -expected[t])
    assert any(line.startswith("表扬 ") for line in bulletin.splitlines())
    assert any(line.startswith(("批评 ", "需加快 ")) for line in bulletin.splitlines())
    # Every town confirmed every month's report to the county; 桃源乡 late in February, 白沙镇 added a note in March.
    reports = db.execute("SELECT t.name, r.period, r.status, r.late, r.addendum IS NOT NULL FROM town_report r "
                         "JOIN township t ON t.id = r.township_id ORDER BY r.period, t.id").fetchall()
    assert len(reports) == 9 and {status for _, _, status, _, _ in reports} == {"confirmed"}
    assert [(town, period) for town, period, _, late, _ in reports if late] == [("桃源乡", "2026-02")]
    assert [(town, period) for town, period, *_, note in reports if note] == [("白沙镇", "2026-03")]
    # Each reached the county's 目督办 in her note of the day, not as a message of its own.
    keys = [key for (key,) in db.execute("SELECT key FROM outbox WHERE key LIKE 'town-report-sent:%'")]
    assert len({key.split(":")[1] for key in keys}) == 9
    transcript = (out / "transcript.md").read_text("utf-8")
    for town in ("青山镇", "白沙镇", "桃源乡"):
        for month in (1, 2, 3):
            assert f"📥 {town}{month}月月末报送（" in transcript, (town, month)
