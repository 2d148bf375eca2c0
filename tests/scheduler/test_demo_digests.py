"""`yuebao demo`'s digests and bulletin agree with its own database: 报送率, tasks on time and issues in time
recounted here straight from the rows (as they stood when each was made), with SQL of this test's own, and
compared with the texts the demo wrote."""
from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bot.demo.runner import DemoRun
from scheduler.jobs import monthly_digest, quarterly_bulletin

UTC8 = dt.timedelta(hours=8)  # the demo township's clock (Asia/Shanghai keeps one offset all year)
CARD = re.compile(r"(\d+)个项目已报送(\d+)个.*本月到期任务(\d+)项，按期办结(\d+)项.*本月到期(\d+)件，限时办结(\d+)件")
RANKED = re.compile(r"^\d+\. (\S+) [\d.]+分｜.*任务 (?:(\d+)/(\d+)|—) · 事件 (?:(\d+)/(\d+)|—)｜", re.MULTILINE)
MONTHS = ("2026-01", "2026-02", "2026-03")


def _utc(stored: str | None) -> dt.datetime | None:
    """A time as SQLite holds it (UTC, no zone)."""
    return dt.datetime.fromisoformat(stored) if stored else None


def _month_start(period: str) -> dt.datetime:
    """Local midnight of a month's first day, in UTC."""
    return dt.datetime.fromisoformat(f"{period}-01") - UTC8


def _next(period: str) -> str:
    year, month = map(int, period.split("-"))
    return f"{year + month // 12}-{month % 12 + 1:02d}"


class Rows:
    """The demo database, read with nothing from the application."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.villages = dict(self.db.execute("SELECT id, name FROM village"))
        # Projects that owe monthly reports: approved (认定) and not yet accepted (销号).
        self.projects = dict(self.db.execute("SELECT id, village_id FROM project WHERE active AND status IN "
                                             "('in_progress', 'acceptance_requested')"))

    def reported(self, period: str) -> int:
        """Active projects with a confirmed report for the month."""
        rows = self.db.execute("SELECT project_id FROM report WHERE period = ? AND status = 'confirmed'", (period,))
        return len({project for (project,) in rows if project in self.projects})

    def tasks(self, months: tuple[str, ...]) -> Counter[tuple[str, str]]:
        """Per village: ('due', village) tasks whose deadline fell in the months, ('met', village) done by then."""
        counts: Counter[tuple[str, str]] = Counter()
        for village, deadline, done_at in self.db.execute(
                "SELECT village_id, deadline, done_at FROM task WHERE village_id IS NOT NULL"):
            if deadline[:7] in months:
                done = _utc(done_at)
                counts["due", self.villages[village]] += 1
                on_time = done is not None and (done + UTC8).date().isoformat() <= deadline
                counts["met", self.villages[village]] += on_time
        return counts

    def issues(self, months: tuple[str, ...]) -> Counter[tuple[str, str]]:
        """Per village: issues whose time limit fell in the months, and those resolved within it."""
        counts: Counter[tuple[str, str]] = Counter()
        start, end = _month_start(months[0]), _month_start(_next(months[-1]))
        for village, due_at, resolved_at in self.db.execute(
                "SELECT village_id, due_at, resolved_at FROM issue WHERE village_id IS NOT NULL"):
            due, resolved = _utc(due_at), _utc(resolved_at)
            if due is not None and start <= due < end:
                counts["due", self.villages[village]] += 1
                counts["met", self.villages[village]] += resolved is not None and resolved <= due
        return counts


def _total(counts: Counter[tuple[str, str]], which: str) -> int:
    return sum(n for (kind, _), n in counts.items() if kind == which)


def _snapshot_before(monkeypatch: pytest.MonkeyPatch, module: Any, db: Path) -> None:
    """Copy the demo's database aside each time `module`'s job runs: what it counted, to count again here."""
    original = module.job

    async def job(ctx: Any, now: dt.datetime) -> int:
        with sqlite3.connect(db) as source, sqlite3.connect(db.with_name(f"{module.__name__}-{ctx.period}.db")) as copy:
            source.backup(copy)
        return await original(ctx, now)
    monkeypatch.setattr(module, "job", job)


@pytest.mark.slow
async def test_the_demos_digests_and_bulletin_agree_with_its_rows(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "demo"
    for module in (monthly_digest, quarterly_bulletin):
        _snapshot_before(monkeypatch, module, out / "demo.db")
    await DemoRun(out, progress=False).run()
    folder = out / "reports" / "青山镇"
    for month in MONTHS:
        rows = Rows(out / f"{monthly_digest.__name__}-{_next(month)}.db")
        card = (folder / f"digest-{month}.txt").read_text(encoding="utf-8")
        tasks, issues = rows.tasks((month,)), rows.issues((month,))
        expected = (len(rows.projects), rows.reported(month), _total(tasks, "due"), _total(tasks, "met"),
                    _total(issues, "due"), _total(issues, "met"))
        assert tuple(map(int, CARD.search(card).groups())) == expected, month  # type: ignore[union-attr]
        assert expected[1] >= 3, month  # a realistic quarter: most secretaries report, and confirm, every month
    rows = Rows(out / f"{quarterly_bulletin.__name__}-2026-04.db")
    bulletin = (folder / "bulletin-2026Q1.txt").read_text(encoding="utf-8")
    tasks, issues = rows.tasks(MONTHS), rows.issues(MONTHS)
    ranked = RANKED.findall(bulletin)
    assert sorted(village for village, *_ in ranked) == sorted(rows.villages.values())
    for village, task_met, task_due, issue_met, issue_due in ranked:
        assert (int(task_met or 0), int(task_due or 0)) == (tasks["met", village], tasks["due", village]), village
        assert (int(issue_met or 0), int(issue_due or 0)) == (issues["met", village], issues["due", village]), village
