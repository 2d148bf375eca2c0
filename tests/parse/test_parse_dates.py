"""Deadlines, periods and working days (PARSING.md, "Deadline" and "Period")."""
from __future__ import annotations

import datetime as dt

import pytest

from handlers.parse import add_workdays, deadline_of, is_workday, period_of
from handlers.parse.workdays import ESTIMATED
from handlers.registry import Person
from tests.parse.conftest import at

D = dt.date.fromisoformat


@pytest.mark.parametrize(("text", "now", "due"), [
    # a month-day: that day; past under its literal reading → next year
    ("材料3月15日前报送", "2026-03-10 09:00", "2026-03-15"),
    ("3月15号之前交上来", "2026-03-10 09:00", "2026-03-15"),
    ("截止3月15日", "2026-03-10 09:00", "2026-03-15"),
    ("三月十五日前", "2026-03-10 09:00", "2026-03-15"),
    ("3月5日前", "2026-03-10 09:00", "2027-03-05"),
    ("1月20日前定稿", "2026-06-01 09:00", "2027-01-20"),
    ("明年2月28日前", "2026-03-10 09:00", "2027-02-28"),
    ("6.30前报送", "2026-03-10 09:00", "2026-06-30"),
    # a bare day of the month: past → next month
    ("20号前", "2026-03-10 09:00", "2026-03-20"),
    ("5号前", "2026-03-10 09:00", "2026-04-05"),
    # 本月N号 reads as N号: past → the next month that has that day (February has no 30th)
    ("30号前", "2026-01-31 09:00", "2026-03-30"),
    ("本月30号前", "2026-01-31 09:00", "2026-03-30"),
    ("本月15号前", "2026-03-20 09:00", "2026-04-15"),
    ("本月20号前", "2026-03-10 09:00", "2026-03-20"),
    ("本月31号前", "2026-04-10 09:00", "2026-05-31"),
    ("下月15号前", "2026-03-20 09:00", "2026-04-15"),
    # month end, middle, 旬; past → next month; a day that is today is not past
    ("月底前", "2026-03-10 09:00", "2026-03-31"),
    ("请于本月底前", "2026-03-10 09:00", "2026-03-31"),
    ("下月底前", "2026-03-10 09:00", "2026-04-30"),
    ("月中前报上来", "2026-03-10 09:00", "2026-03-15"),
    ("月中前报上来", "2026-03-20 09:00", "2026-04-15"),
    ("下月中", "2026-03-10 09:00", "2026-04-15"),
    ("上旬报送", "2026-03-10 09:00", "2026-03-10"),
    ("上旬报送", "2026-03-11 09:00", "2026-04-10"),
    ("中旬", "2026-03-10 09:00", "2026-03-20"),
    ("下旬", "2026-03-10 09:00", "2026-03-31"),
    ("5月上旬", "2026-03-10 09:00", "2026-05-10"),
    ("2月中旬", "2026-03-10 09:00", "2027-02-20"),
    ("8月下旬交上来", "2026-08-05 09:00", "2026-08-31"),
    # weeks run Monday–Sunday; today is not past; a past weekday → next week
    ("本周五前", "2026-03-10 09:00", "2026-03-13"),
    ("这周五", "2026-03-10 09:00", "2026-03-13"),
    ("周五前", "2026-03-10 09:00", "2026-03-13"),
    ("下周五", "2026-03-10 09:00", "2026-03-20"),
    ("本周五", "2026-03-13 09:00", "2026-03-13"),
    ("本周二", "2026-03-13 09:00", "2026-03-17"),
    ("下周三前", "2026-09-08 16:00", "2026-09-16"),
    # 周末前 is the Friday before the weekend; said on the weekend that Friday is past → next week's
    ("周末前", "2026-03-11 09:00", "2026-03-13"),  # Wednesday
    ("本周末前", "2026-03-13 09:00", "2026-03-13"),  # Friday: today
    ("本周末前", "2026-03-14 09:00", "2026-03-20"),  # Saturday
    ("周末前", "2026-03-15 09:00", "2026-03-20"),  # Sunday
    ("这周末", "2026-03-15 09:00", "2026-03-15"),  # the Sunday itself, today
    ("下周末前", "2026-03-11 09:00", "2026-03-20"),
    # relative days
    ("3天内完成", "2026-03-10 09:00", "2026-03-13"),
    ("一周内", "2026-03-10 09:00", "2026-03-17"),
    ("两周内", "2026-03-10 09:00", "2026-03-24"),
    ("明天上午前", "2026-03-10 17:00", "2026-03-11"),
    ("后天", "2026-03-10 09:00", "2026-03-12"),
    # working days by the official calendar: holidays and 调休
    ("5个工作日内", "2026-04-01 10:00", "2026-04-09"),  # 清明 04-04..06 off
    ("3个工作日内", "2026-09-17 11:00", "2026-09-21"),  # Sunday 09-20 is a make-up working day
    ("1个工作日内", "2026-02-13 11:00", "2026-02-14"),  # Saturday 02-14 is a make-up working day
    ("2个工作日内", "2026-02-15 11:00", "2026-02-25"),  # said on a day off, during 春节
    # quarter and year
    ("季度末", "2026-03-10 09:00", "2026-03-31"),
    ("请于本季度末前", "2026-05-15 09:00", "2026-06-30"),
    ("年底前", "2026-03-10 09:00", "2026-12-31"),
    ("年内完成", "2026-03-10 09:00", "2026-12-31"),
    ("2027年底前建成", "2026-03-10 09:00", "2027-12-31"),  # a year spelled out: that year's end
    ("二〇二七年内完成", "2026-03-10 09:00", "2027-12-31"),
    # holidays: the day before the first day off; after this year's → next year's
    ("春节前", "2026-01-12 09:00", "2026-02-14"),
    ("清明前", "2026-03-16 10:30", "2026-04-03"),
    ("国庆前全部签完", "2026-09-01 08:00", "2026-09-30"),
    ("延期到中秋前", "2026-09-08 16:30", "2026-09-24"),
    ("国庆前", "2025-10-09 09:00", "2026-09-30"),
    ("元旦前", "2025-12-01 09:00", "2025-12-31"),
])
def test_deadline(text: str, now: str, due: str) -> None:
    assert deadline_of(text, at(now)) == D(due)


@pytest.mark.parametrize("text", [
    "抓紧把材料报上来", "五一前后游客不少", "尽快处理", "明年春节期间播出", "每周五报一次", "2025年3月1日前报送",
    "2025年底前",
])
def test_no_deadline(text: str) -> None:
    assert deadline_of(text, at("2026-03-10 09:00")) is None


def test_holiday_in_a_year_the_calendar_lacks_is_estimated_with_a_warning() -> None:
    warnings: list[str] = []
    # 清明 2026 is past: next year's, estimated (2027 is not published); it falls on a Monday, so the break
    # starts on the Saturday before
    assert deadline_of("清明前", at("2026-04-05 09:00"), warnings) == D("2027-04-02")
    assert warnings and warnings[0].startswith(ESTIMATED) and "2027" in warnings[0]
    warnings.clear()
    # 春节 is lunar: the estimate computes it (除夕 2027-02-05 is a statutory day off)
    assert deadline_of("春节前", at("2026-03-01 09:00"), warnings) == D("2027-02-04")
    assert warnings and "春节" in warnings[0] and warnings[0].startswith(ESTIMATED)


def test_workdays_are_estimated_from_the_statutory_holidays_with_a_warning() -> None:
    warnings: list[str] = []
    # 2027-01-01 is New Year's Day by the estimate: 12-31, 01-04, 01-05
    assert deadline_of("3个工作日内", at("2026-12-30 10:00"), warnings) == D("2027-01-05")
    assert len(warnings) == 1 and warnings[0].startswith(ESTIMATED) and "2027" in warnings[0]
    assert not any(is_workday(D("2027-02-05") + dt.timedelta(days=i)) for i in range(6))  # 春节 2027, estimated
    assert is_workday(D("2040-03-06")) is True  # a Tuesday, no data for 2040: estimated, never raises
    assert is_workday(D("2026-10-10")) is True  # official make-up working day (Saturday)
    assert is_workday(D("2026-10-05")) is False  # National Day holiday
    assert add_workdays(D("2026-04-03"), 1) == D("2026-04-07")


def test_record_carries_the_calendar_warning(parser, person) -> None:
    record = parser.parse("各村：3个工作日内报送年度台账。", person("何静"), at("2026-12-30 10:00"))
    assert record.handoff.deadline == D("2027-01-05")
    assert any("2027" in w for w in record.warnings)


@pytest.mark.parametrize(("text", "now", "period"), [
    ("3月份驿站接待群众260人次", "2026-04-08 09:00", "2026-03"),
    ("12月份工作小结：完成招标", "2026-01-08 10:00", "2025-12"),
    ("上月完成入户改造46户", "2026-03-20 09:00", "2026-02"),
    ("本月开展巡逻12次", "2026-03-02 09:00", "2026-03"),
    ("开展巡逻12次", "2026-03-03 09:00", "2026-02"),
    ("开展巡逻12次", "2026-03-06 09:00", "2026-03"),
    ("上个月底进度是70%，这个月又腾空了3户", "2026-04-20 10:30", "2026-04"),
    ("8月份开展道德讲堂4场，下月计划开展评选", "2026-09-07 10:30", "2026-08"),
    ("2025年11月完成验收", "2026-01-20 09:00", "2025-11"),
    ("完成设计。下步计划：4月完成招标", "2026-03-20 09:00", "2026-03"),
    ("元月份工作小结", "2026-02-03 09:00", "2026-01"),
    ("7月上半月又腾空了4户", "2026-07-15 12:00", "2026-07"),
    ("11月28日通过镇级验收", "2026-12-02 09:00", "2026-11"),
    ("11月18日通过镇级验收", "2026-11-20 09:00", "2026-11"),
])
def test_period(text: str, now: str, period: str) -> None:
    assert period_of(text, at(now)) == period


def test_now_is_read_in_the_registry_timezone(parser) -> None:
    naive = dt.datetime(2026, 4, 6, 1, 0)  # a naive time is already local
    utc = dt.datetime(2026, 4, 5, 17, 0, tzinfo=dt.UTC)  # the same moment
    assert parser.local_time(naive) == parser.local_time(utc)
    sender = Person("罗永红", "secretary", "云溪村")
    # 17:00 UTC on 04-05 is 01:00 on 04-06 in Shanghai: past day 5, so the report is April's
    assert parser.parse("茶旅示范带新建观景台2处", sender, utc).report.period == "2026-04"
    assert parser.parse("茶旅示范带新建观景台2处", sender, naive).report.period == "2026-04"
    assert parser.parse("茶旅示范带新建观景台2处", sender, at("2026-04-05 23:00")).report.period == "2026-03"
