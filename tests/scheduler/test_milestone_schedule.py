"""序时进度 by milestones: a step at each due date where a project has dated milestones, the straight line otherwise."""
from __future__ import annotations

import datetime as dt

import pytest

from handlers.schedule import GREEN, RED, YELLOW, colour, scheduled_progress

D = dt.date
DUES = (D(2026, 3, 31), D(2026, 6, 30), D(2026, 9, 30))  # three milestones of a project due 31 December


@pytest.mark.parametrize(("on", "expected"), [
    (D(2026, 3, 30), 0),  # the day before the first due date
    (D(2026, 3, 31), 33),  # a milestone due on the day counts: 1 of 3, rounded
    (D(2026, 6, 29), 33),  # flat between due dates, not a line
    (D(2026, 6, 30), 67),
    (D(2026, 9, 30), 100),  # every milestone due: the schedule is complete before the deadline
    (D(2027, 1, 5), 100),
])
def test_scheduled_progress_steps_at_each_due_date(on: dt.date, expected: int) -> None:
    assert scheduled_progress(D(2026, 1, 1), D(2026, 12, 31), on, DUES) == expected


def test_without_dated_milestones_it_is_the_straight_line_and_old_callers_are_unchanged() -> None:
    assert scheduled_progress(D(2026, 1, 1), D(2026, 1, 11), D(2026, 1, 6), ()) == 50
    assert scheduled_progress(D(2026, 1, 1), D(2026, 1, 11), D(2026, 1, 6)) == 50
    assert scheduled_progress(None, None, D(2026, 1, 6)) is None
    assert scheduled_progress(None, None, D(2026, 4, 1), DUES) == 33  # milestones set a schedule with no deadline


def test_the_colours_judge_against_the_steps() -> None:
    on = D(2026, 7, 1)  # the line says 50%, the milestones 67%
    assert colour(45, D(2026, 1, 1), D(2026, 12, 31), on) == GREEN
    assert colour(45, D(2026, 1, 1), D(2026, 12, 31), on, milestones=DUES) == YELLOW  # 22 behind
    assert colour(40, D(2026, 1, 1), D(2026, 12, 31), on, milestones=DUES) == RED  # 27 behind
    # Before the first due date nothing is scheduled: a project that has not started is not behind.
    assert colour(None, D(2026, 1, 1), D(2026, 12, 31), D(2026, 3, 1), milestones=DUES) == GREEN
    assert colour(99, D(2026, 1, 1), D(2026, 12, 31), D(2027, 1, 2), milestones=DUES) == RED  # overdue stays red
