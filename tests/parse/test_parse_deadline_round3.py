"""Deadline phrases, third round: the classes of failure found by measuring deadline_of on public date-expression
suites and on everyday phrases (PARSING.md, "Deadline"). The cases are written here, not taken from those suites.

2026-03-10 is a Tuesday (its week runs 03-09..03-15); 2026-12-03 a Thursday (11-30..12-06). Official days off
used: 元旦 2026-01-01..03, 春节 2026-02-15..23, 清明 04-04..06, 劳动节 05-01..05.
"""
from __future__ import annotations

import datetime as dt

import pytest

from handlers.parse import MessageParser, deadline_of
from tests.parse.conftest import at

TUE = "2026-03-10 09:00"
THU = "2026-12-03 10:00"


def _day(due: str | None) -> dt.date | None:
    return dt.date.fromisoformat(due) if due else None


@pytest.mark.parametrize(("text", "now", "due"), [
    # a time of day with no day before it is today's
    ("各村下午四点前把防火巡查照片发群里", TUE, "2026-03-10"),
    ("请于今天晚上十点前报送名单", TUE, "2026-03-10"),
    ("表格17:30前交到党政办", TUE, "2026-03-10"),
    ("截止中午12点，没报的村要说明原因", TUE, "2026-03-10"),
    ("截至下午5点半，还没报的村要说明情况", TUE, "2026-03-10"),
    ("务必在晚上8点半之前把数字核准", THU, "2026-12-03"),
    ("请在十一点前回复是否参会", TUE, "2026-03-10"),
    ("今晨8点前已经通知到位的不用再报，其余的下班前报", TUE, "2026-03-10"),
    # ... the end of a range of hours, or an hour after a count, is no day of its own
    ("明天上午9点至11点前把人带齐", TUE, "2026-03-11"),
    ("一个月后下午三点前报", TUE, "2026-04-10"),
    # ... and a clock time that only says when something happens is no deadline
    ("下午三点在二楼会议室开会", TUE, None),
    ("3点的会改到4点", TUE, None),
    ("第3点前面已经讲过", TUE, None),
    # day words
    ("次日上午把整改照片报上来", TUE, "2026-03-11"),
    ("后日之前把花名册交了", TUE, "2026-03-12"),
    ("本日下班前报送", TUE, "2026-03-10"),
    ("请于今晨九点前报到", TUE, "2026-03-10"),
])
def test_times_of_day_and_day_words(text: str, now: str, due: str | None) -> None:
    assert deadline_of(text, at(now)) == _day(due)


@pytest.mark.parametrize(("text", "now", "due"), [
    # a year said on its own is its last day, where a due word or 于/在/到 marks it
    ("村集体经济增收项目请于明年完成", TUE, "2027-12-31"),
    ("这批危房改造务必在2028年完成", TUE, "2028-12-31"),
    ("污水管网二期要在二〇二八年全部建成", TUE, "2028-12-31"),
    ("高标准农田今年完成验收", TUE, "2026-12-31"),
    ("示范点建设在27年完成", TUE, "2027-12-31"),
    ("本年度内完成党员轮训", TUE, "2026-12-31"),
    ("年度内把积分制推开", TUE, "2026-12-31"),
    ("今明两年完成道路硬化", TUE, "2027-12-31"),
    ("务必在下一年完成整改", TUE, "2027-12-31"),
    ("这一年内把软弱涣散村整顿完", TUE, "2026-12-31"),
    ("今年后半年完成改厕", TUE, "2026-12-31"),
    ("明年前半年完成", TUE, "2027-06-30"),
    # ... and not where it only dates what happened or counts years
    ("2025年完成了村部改造", TUE, None),
    ("他在村里干了15年", TUE, None),
    ("2028年的规划再说", TUE, None),
])
def test_bare_years(text: str, now: str, due: str | None) -> None:
    assert deadline_of(text, at(now)) == _day(due)


@pytest.mark.parametrize(("text", "now", "due"), [
    # numeric dates as cadres type them
    ("材料12/20前报镇里", THU, "2026-12-20"),
    ("截止4/15，逾期不候", TUE, "2026-04-15"),
    ("请在04-20前提交申报表", TUE, "2026-04-20"),
    ("20260415之前把资料交齐", TUE, "2026-04-15"),
    ("截止2026 04 30", TUE, "2026-04-30"),
    ("请各村于2026.05完成摸底", TUE, "2026-05-31"),
    ("截止四月30，请抓紧", TUE, "2026-04-30"),
    ("2026年 5月内完成", TUE, "2026-05-31"),
    ("务必在四月的二十号前报送", TUE, "2026-04-20"),
    ("明年的3月份第一个周一前报", TUE, "2027-03-01"),
    ("2027年的五月底前完工", TUE, "2027-05-31"),
    # two-digit years and ranges with a year on their end
    ("28年3月1日前完成", TUE, "2028-03-01"),
    ("26年11月至27年1月开展冬季攻势", TUE, "2027-01-31"),
    ("2026年11月到27年2月完成", TUE, "2027-02-28"),
    ("26年12月1日到27年1月15日集中整治", TUE, "2027-01-15"),
    ("2026/4/1-2026/4/30开展自查", TUE, "2026-04-30"),
    ("请于04-01至04-25完成自查", TUE, "2026-04-25"),
    # ... and numbers that are no dates
    ("共发放1/2的补贴", TUE, None),
    ("3-5户一组", TUE, None),
    ("电话13912345678", TUE, None),
])
def test_numeric_dates_and_years(text: str, now: str, due: str | None) -> None:
    assert deadline_of(text, at(now)) == _day(due)


@pytest.mark.parametrize(("text", "now", "due"), [
    ("本月中下旬完成入户核查", THU, "2026-12-31"),
    ("这个月上中旬把数据报来", TUE, "2026-03-20"),
    ("四月中下旬完成春播", TUE, "2026-04-30"),
    ("下月上中旬完成", TUE, "2026-04-20"),
    ("月中前报过来", TUE, "2026-03-15"),
    ("半月内完成排查", TUE, "2026-03-25"),
    ("一个半月内完成", TUE, "2026-04-24"),
    ("将来十天内完成", TUE, "2026-03-20"),
    ("将来七天完成摸排", TUE, "2026-03-17"),
    ("这一周把台账补齐", TUE, "2026-03-15"),
    ("这一礼拜内交上来", TUE, "2026-03-15"),
    ("18号左右报上来", TUE, "2026-03-18"),
    ("二十号前后报送", TUE, "2026-03-20"),
    ("阳历新年前把慰问金发到位", "2026-12-10 09:00", "2026-12-31"),
    # "年后" is after the Spring Festival break (2026: 02-15..23), as "年前" is before it
    ("年后第一个工作日把方案报上来", "2026-01-10 09:00", "2026-02-24"),
    ("年后上班第一天交", "2026-01-10 09:00", "2026-02-24"),
    ("今年后第一个工作日", "2026-01-10 09:00", None),
    # 腊月 is a lunar month: its 月底 is the lunar month's last day (除夕), not the end of the solar month
    ("腊月底前把账结清", THU, "2027-02-05"),
    ("正月底前完成", TUE, "2026-03-18"),
])
def test_month_parts_durations_and_weeks(text: str, now: str, due: str | None) -> None:
    assert deadline_of(text, at(now)) == _day(due)


@pytest.mark.parametrize(("text", "now", "due"), [
    # a date said without 前/截止 in a clause that tells what was done is no deadline
    ("3月5日召开了会议，请各村抓紧落实", TUE, None),
    ("周一开了动员会，各村尽快推进", TUE, None),
    ("6号已经下发了通知，各村尽早整改", TUE, None),
    # ... but one that points ahead, or is said as a deadline, still is
    ("下周三把表交了", TUE, "2026-03-18"),
    ("3月20日把表交了", TUE, "2026-03-20"),
    ("周五把材料报了", TUE, "2026-03-13"),
    ("明天把花名册报了", TUE, "2026-03-11"),
    ("3月20日前把表交了", TUE, "2026-03-20"),
    ("3月5日开了会，请于3月20日前报送整改清单", TUE, "2026-03-20"),
])
def test_dates_of_things_done(text: str, now: str, due: str | None) -> None:
    assert deadline_of(text, at(now)) == _day(due)


@pytest.mark.parametrize(("text", "now", "due"), [
    ("罗斌书记：下午五点前把驿站排班表报给我。", TUE, "2026-03-10"),
    ("各村：危房改造明年完成，请提前谋划。", TUE, "2027-12-31"),
    ("各村书记：请于4/15前报送党员发展计划。", TUE, "2026-04-15"),
    ("黄志勇书记：光伏项目本月中下旬完成并网。", TUE, "2026-03-31"),
])
def test_through_the_parser(parser: MessageParser, person, text: str, now: str, due: str) -> None:
    handoff = parser.parse(text, person("郑国强"), at(now)).handoff
    assert handoff is not None and handoff.deadline == _day(due)


# A period that opens a hand-off, alone or after whom it addresses, is when it is due; a date said with an order is
# a hand-off though no one is named. (8 cases, 5 failed before.)
@pytest.mark.parametrize(("sender", "text", "now", "due"), [
    ("何静", "这周各村把党员冬训签到表核对一下", TUE, "2026-03-15"),
    ("郑国强", "下周@罗斌 @杜春梅 把老街路灯的安装位置定下来", TUE, "2026-03-22"),
    ("孙丽", "6月份把下一轮书记项目申报书初稿报上来，先有个底", TUE, "2026-06-30"),
    ("孙丽", "一季度各村完成后备干部摸底，每村不少于3人", "2026-01-06 09:00", "2026-03-31"),
    ("郑国强", "罗斌，下个月把驿站的服务台账整理好", TUE, "2026-04-30"),
    ("何静", "@罗永红 茶旅示范带的照片5天后报我看一下", TUE, "2026-03-15"),
    # a period that only says which month's things ("十一月份的党费") is no deadline
    ("何静", "各村：十一月份的党费请及时收缴。", TUE, None),
    ("孙丽", "明年春节期间各村要组织好慰问", TUE, None),
])
def test_a_period_opening_an_order(parser: MessageParser, person, sender: str, text: str, now: str,
                                   due: str | None) -> None:
    record = parser.parse(text, person(sender), at(now))
    assert record.kind == "handoff" and record.handoff is not None, record
    assert record.handoff.deadline == _day(due)
