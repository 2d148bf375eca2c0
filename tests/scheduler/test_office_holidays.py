"""The office's own holiday table, loaded from a file or the notice's text, moves what the calendar sends and
the working days the parser counts; without it, 2027 is estimated and 春节 is never a working day."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.app import App
from handlers.holiday_schedule import schedule
from handlers.parse import add_workdays
from handlers.reporting_calendar import DEFAULT_CALENDAR, fire_time
from scheduler.runner import run_due
from tests.conftest import CST, RecordingTransport
from tests.support.chat import registered

D = dt.date.fromisoformat
ZONE = ZoneInfo("Asia/Shanghai")
# 2027-02-28 is a Sunday: the month-end reminder moves to the working day before.
MAKE_UP_SATURDAY = schedule(2027, "测试用安排", [(D("2027-02-06"), D("2027-02-13"))], [D("2027-02-27")])


async def _ran(app: App, when: dt.datetime) -> list[str]:
    app.clock.set(when)
    return [o.job for o in await run_due(app.job_context(), when) if o.status == "done"]


async def test_a_loaded_schedule_moves_the_month_end_reminder_and_a_working_day_deadline(app: App) -> None:
    await registered(app, "王建国")
    reminder = next(e for e in DEFAULT_CALENDAR if e.job == "deadline_reminder")
    assert fire_time(reminder, 2027, 2, ZONE) == dt.datetime(2027, 2, 26, 9, 0, tzinfo=ZONE)  # estimated: Friday
    assert add_workdays(D("2027-02-04"), 3) == D("2027-02-15")  # estimated 春节 02-05..02-10 off: 11, 12, 15
    async with app.uow() as store:
        await store.office_days.replace_year(2027, MAKE_UP_SATURDAY.days(), MAKE_UP_SATURDAY.source, None,
                                             app.clock.now())
    # The runner reads the table every tick: on Friday the reminder is not due any more, on Saturday it goes.
    assert "deadline_reminder" not in await _ran(app, dt.datetime(2027, 2, 26, 16, 30, tzinfo=CST))
    assert "deadline_reminder" in await _ran(app, dt.datetime(2027, 2, 27, 9, 1, tzinfo=CST))
    assert add_workdays(D("2027-02-04"), 3) == D("2027-02-16")  # 02-05, (02-06..02-13 off), 02-15, 02-16


async def test_without_2027_data_nothing_is_sent_in_the_estimated_spring_festival(app: App) -> None:
    await registered(app, "王建国")
    await _ran(app, dt.datetime(2027, 2, 4, 17, 0, tzinfo=CST))  # runs missed since the fixture's date, caught up
    sent = [(day, job) for day in (dt.datetime(2027, 2, 5, 9, tzinfo=CST) + dt.timedelta(days=i) for i in range(6))
            for job in await _ran(app, day.replace(hour=17))]
    assert sent == []


async def test_admins_hear_once_in_december_and_once_in_january_while_next_years_schedule_is_missing(
        app: App, transport: RecordingTransport) -> None:
    admin = await registered(app, "程晓燕")
    await _ran(app, dt.datetime(2026, 11, 30, 17, 0, tzinfo=CST))
    assert "holiday_notice" in await _ran(app, dt.datetime(2026, 12, 1, 9, 30, tzinfo=CST))
    assert "holiday_notice" not in await _ran(app, dt.datetime(2026, 12, 2, 9, 30, tzinfo=CST))
    await app.sender.drain()
    told = [t for t in transport.texts(admin.chat.id) if "2027年的国务院节假日安排" in t]
    assert len(told) == 1 and "yuebao holidays import" in told[0]
    assert "holiday_notice" not in await _ran(app, dt.datetime(2027, 1, 1, 10, 0, tzinfo=CST))  # 元旦: a day off
    assert "holiday_notice" in await _ran(app, dt.datetime(2027, 1, 4, 9, 30, tzinfo=CST))
    await app.sender.drain()
    assert len([t for t in transport.texts(admin.chat.id) if "节假日安排" in t]) == 2


async def test_no_notice_once_the_schedule_is_loaded(app: App, transport: RecordingTransport) -> None:
    admin = await registered(app, "程晓燕")
    async with app.uow() as store:
        await store.office_days.replace_year(2027, MAKE_UP_SATURDAY.days(), MAKE_UP_SATURDAY.source, None,
                                             app.clock.now())
    await _ran(app, dt.datetime(2026, 12, 1, 9, 30, tzinfo=CST))
    await app.sender.drain()
    assert not [t for t in transport.texts(admin.chat.id) if "节假日安排" in t]
