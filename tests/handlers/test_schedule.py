"""Status colours against scheduled progress (序时进度), DESIGN.md."""
from __future__ import annotations

import datetime as dt

import pytest

from handlers.schedule import GREEN, RED, YELLOW, colour, scheduled_progress

D = dt.date


@pytest.mark.parametrize(("progress", "on", "expected"), [
    (50, D(2026, 7, 2), GREEN),  # half-way on 2 July, 50% done
    (40, D(2026, 7, 2), GREEN),  # 10 points behind: still green
    (35, D(2026, 7, 2), YELLOW),  # more than 10 behind
    (20, D(2026, 7, 2), RED),  # more than 25 behind
    (None, D(2026, 7, 2), RED),  # no report counts as nothing done
    (99, D(2026, 12, 29), YELLOW),  # due within 3 days
    (99, D(2027, 1, 2), RED),  # overdue
    (100, D(2027, 1, 2), GREEN),  # finished
])
def test_project_colours(progress: int | None, on: dt.date, expected: str) -> None:
    assert colour(progress, D(2026, 1, 1), D(2026, 12, 31), on) == expected


def test_a_task_without_stated_progress_is_judged_by_its_deadline() -> None:
    assert colour(None, D(2026, 3, 1), D(2026, 4, 10), D(2026, 4, 3), judge_unreported=False) == GREEN
    assert colour(None, D(2026, 3, 1), D(2026, 4, 10), D(2026, 4, 8), judge_unreported=False) == YELLOW
    assert colour(None, D(2026, 3, 1), D(2026, 4, 10), D(2026, 4, 11), judge_unreported=False) == RED


def test_scheduled_progress_is_a_straight_line() -> None:
    assert scheduled_progress(D(2026, 1, 1), D(2026, 1, 11), D(2026, 1, 6)) == 50
    assert scheduled_progress(None, D(2026, 12, 31), D(2025, 12, 1)) == 0
    assert scheduled_progress(D(2026, 1, 1), None, D(2026, 1, 6)) is None
