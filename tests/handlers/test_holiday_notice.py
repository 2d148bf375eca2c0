"""The State Council's notice pasted in chat: read as the official calendar has it, shown back, stored on 确认
by an admin only; what it stores moves the working days at once."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from handlers.holiday_schedule import ScheduleError, from_notice, summary
from handlers.parse import add_workdays
from handlers.parse.workdays import listed_days
from handlers.reporting_calendar import DEFAULT_CALENDAR, fire_time
from storage.models import AuditLog, OfficeDay
from tests.conftest import RecordingTransport
from tests.support.chat import registered
from tests.support.rows import count, rows

D = dt.date.fromisoformat
ZONE = ZoneInfo("Asia/Shanghai")
REMINDER = next(e for e in DEFAULT_CALENDAR if e.job == "deadline_reminder")
NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。"""
NOTICE_2027 = ("2027年部分节假日安排：一、元旦：1月1日至3日放假，共3天。"
               "二、春节：2月6日（农历正月初一、周六）至13日放假调休，共8天。2月20日（周六）上班。"
               "三、清明节：4月3日至5日放假，共3天。四、劳动节：4月30日至5月4日放假调休，共5天。")


def test_the_2026_notice_reads_exactly_as_the_official_calendar_has_it() -> None:
    read = from_notice(NOTICE_2026)
    assert (read.year, read.source) == (2026, "国务院办公厅关于2026年部分节假日安排的通知")
    assert read.days() == {day: working for day, working, _ in listed_days(2026)}
    assert summary(read)[:3] == ["1月1日–1月3日 放假（3天）", "1月4日 上班（调休）", "2月14日 上班（调休）"]


@pytest.mark.parametrize(("text", "problem"), [
    ("元旦：1月1日至3日放假", "没有找到年份"),
    ("2027年部分节假日安排：春节：2月30日至3月2日放假", "读不懂"),
    ("2027年部分节假日安排：春节：2月13日至2月6日放假", "早于开始日"),
    ("2027年部分节假日安排：" + "元旦：1月1日放假。" * 600, "太长"),
])
def test_a_notice_that_cannot_be_read_whole_is_refused_naming_why(text: str, problem: str) -> None:
    with pytest.raises(ScheduleError, match=problem):
        from_notice(text)


async def test_an_admin_pastes_the_notice_confirms_it_and_working_days_move_at_once(
        app: App, transport: RecordingTransport) -> None:
    admin = await registered(app, "程晓燕")
    assert add_workdays(D("2027-02-04"), 3) == D("2027-02-15")  # estimated
    assert fire_time(REMINDER, 2027, 4, ZONE).date() == D("2027-04-30")  # a Friday, a working day by the estimate
    await admin.say(NOTICE_2027)
    shown = transport.texts(admin.chat.id)[-1]
    assert "2月6日–2月13日 放假（8天）" in shown and "2月20日 上班（调休）" in shown and "回复“确认”" in shown
    assert await count(app, OfficeDay) == 0  # nothing stored before 确认
    await admin.say("确认")
    assert transport.texts(admin.chat.id)[-1].startswith("✅ 已保存 2027 年节假日安排")
    assert {(r.day, r.working) for r in await rows(app, OfficeDay)} >= {(D("2027-02-13"), False),
                                                                          (D("2027-02-20"), True)}
    assert await count(app, AuditLog, action="holidays.import") == 1
    assert add_workdays(D("2027-02-04"), 3) == D("2027-02-16")  # 02-05, 02-15, 02-16
    assert fire_time(REMINDER, 2027, 4, ZONE).date() == D("2027-04-29")  # 04-30 is now a day off


async def test_others_are_told_who_loads_it_and_取消_stores_nothing(
        app: App, transport: RecordingTransport) -> None:
    secretary, admin = await registered(app, "王建国"), await registered(app, "程晓燕")
    await secretary.say(NOTICE_2027)
    assert transport.texts(secretary.chat.id)[-1] == "节假日安排由党建办管理员导入，请把通知转给管理员。"
    await secretary.say("确认")  # nothing of theirs to confirm: not read as the schedule's 确认
    await admin.say(NOTICE_2027)
    await admin.say("取消")
    assert transport.texts(admin.chat.id)[-1] == "好的，没有保存。"
    assert await count(app, OfficeDay) == 0
