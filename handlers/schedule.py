"""Scheduled progress (序时进度) and the status colours of DESIGN.md, for projects and tasks."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

GREEN, YELLOW, RED = "green", "yellow", "red"
MARKS = {GREEN: "🟢", YELLOW: "🟡", RED: "🔴"}
LEGEND = "🟢 正常 🟡 临期或落后序时10个百分点以上 🔴 逾期或落后25个百分点以上"
DUE_SOON = dt.timedelta(days=3)


def scheduled_progress(start: dt.date | None, deadline: dt.date | None, on: dt.date,
                       milestones: Sequence[dt.date] = ()) -> int | None:
    """Percent of the schedule due by a day: the share of the milestones' due dates reached (a step), or with
    none, a straight line from start to deadline (start defaults to 1 January)."""
    if milestones:
        return round(100 * sum(due <= on for due in milestones) / len(milestones))
    if deadline is None:
        return None
    start = start or dt.date(deadline.year, 1, 1)
    if on >= deadline or deadline <= start:
        return 100
    if on <= start:
        return 0
    return round(100 * (on - start).days / (deadline - start).days)


def colour(progress: int | None, start: dt.date | None, deadline: dt.date | None, on: dt.date,
           *, finished: bool = False, judge_unreported: bool = True, milestones: Sequence[dt.date] = ()) -> str:
    """green on schedule; yellow due within 3 days or >10 points behind; red overdue or >25 behind.

    A project with no report counts as 0% (it owes one); a task whose progress was never stated is
    judged by its deadline alone (`judge_unreported=False`). `milestones`: the due dates that set the
    schedule, as in `scheduled_progress`."""
    if finished or (progress is not None and progress >= 100):
        return GREEN
    if deadline is not None and on > deadline:
        return RED
    behind = 0
    planned = scheduled_progress(start, deadline, on, milestones)
    if planned is not None and (progress is not None or judge_unreported):
        behind = planned - (progress or 0)
    if behind > 25:
        return RED
    if behind > 10 or (deadline is not None and deadline - on <= DUE_SOON):
        return YELLOW
    return GREEN
