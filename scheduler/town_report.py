"""Assembling a township's month-end report to its county from what it already recorded (no 多头填报): its
villages' reports, its own projects against their schedule, tasks, issues, and the problems villages raised."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from handlers.county.town_figures import OwnProject, TownFigures
from handlers.directory import Directory
from handlers.ports import LedgerStore
from handlers.quarters import month_end
from handlers.schedule import colour, scheduled_progress
from handlers.tasks.cards import day
from scheduler import digest


async def assemble(store: LedgerStore, directory: Directory, township_id: int, period: str, zone: ZoneInfo,
                   today: dt.date) -> TownFigures:
    """The township's month as its report to the county states it on `today` (a task due later this month is not
    called overdue: the card goes out before the month ends)."""
    month = await digest.gather(store, directory, township_id, period, zone)
    last = month_end(period)
    own = [OwnProject(row.title, row.latest[0], scheduled_progress(row.start, row.deadline, last, row.milestone_dues),
                      colour(row.latest[0], row.start, row.deadline, last, milestones=row.milestone_dues))
           async for row in store.summary.project_progress([township_id], [period], towns=True)]
    overdue = tuple(f"#{t.number} {t.title[:20]}（{day(t.deadline)}到期）" for t in month.tasks_overdue
                    if t.deadline is not None and t.deadline < today)
    return TownFigures(
        directory.registry.township, period, month.month.reports.due, month.month.reports.met, month.colours,
        tuple(own), len(month.tasks_done), overdue, len(month.issues_opened), len(month.issues_resolved),
        len(month.issues_late),
        tuple(f"{village}·{project}：{problem}" for village, project, problem in month.problems))
