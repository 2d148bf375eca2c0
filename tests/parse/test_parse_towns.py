"""Reading county hand-offs: the county's words for "every town", the towns named, a person named after a town, and
what is not one (a town's own 各村, a step on a numbered task, a greeting); passing a task down to the villages."""
from __future__ import annotations

import datetime as dt

import pytest

from handlers.parse.towns import passes_down, read_town_handoff
from tests.parse.conftest import CST

TOWNS = ("龙桥镇", "石桥镇", "城北街道")
NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=CST)


@pytest.mark.parametrize("text", [
    "请各镇（街道）于12月20日前上报年度党建工作总结", "各乡镇：请于12月20日前上报年度党建工作总结",
    "请各街道12月20日前上报年度党建工作总结", "全县各镇12月20日前上报年度党建工作总结",
    "各乡镇（街道）党委：请于12月20日前上报年度党建工作总结", "通知：各镇12月20日前上报年度党建工作总结",
])
def test_the_county_s_words_for_every_town(text: str) -> None:
    handoff = read_town_handoff(text, TOWNS, NOW)
    assert handoff is not None
    assert (handoff.towns, handoff.every, handoff.deadline, handoff.task) == (
        TOWNS, True, dt.date(2026, 12, 20), "上报年度党建工作总结")


def test_the_towns_named_and_a_person_after_a_town() -> None:
    listed = read_town_handoff("请龙桥镇、城北街道于12月20日前上报年度党建工作总结", TOWNS, NOW)
    assert listed is not None and (listed.towns, listed.every, listed.task) == (
        ("龙桥镇", "城北街道"), False, "上报年度党建工作总结")
    named = read_town_handoff("交给石桥镇李红梅，本月底前完成党员信息核对", TOWNS, NOW)
    assert named is not None and named.towns == ("石桥镇",) and named.deadline == dt.date(2026, 12, 31)
    assert named.after == (("石桥镇", "李红梅"),) and named.naming("李红梅") == "完成党员信息核对"


@pytest.mark.parametrize("text", [
    "龙桥镇各村于12月20日前上报党员花名册",  # a town's own hand-off to its villages
    "龙桥镇 #3 退回，请补充材料",  # a step on a numbered task
    "龙桥镇流动党建方案退回，请补充资金来源",  # a review step on the town's project
    "龙桥镇流动党建项目本月进度60%，本月完成选址",  # a report on it
    "各镇辛苦了", "各镇月报什么时候交？", "石桥村书记请于12月20日前上报",  # a village, not a town
    "今天去龙桥镇调研，请各位注意安全",  # a town mentioned, not addressed
])
def test_what_is_not_a_county_hand_off(text: str) -> None:
    assert read_town_handoff(text, TOWNS, NOW) is None


@pytest.mark.parametrize(("text", "down"), [
    ("#5 分解到各村", True), ("#5 转各村，12月15日前报镇", True), ("#5 下发各村（社区）", True),
    ("#5 已办结，已转交县委组织部", False), ("#5 完成了60%", False), ("#5 下发各社区", True),
    # A village's own groups: its progress on the task, not a pass-down.
    ("#2 已转发到各村民小组微信群，进度50%", False), ("#2 已布置到各村群", False),
])
def test_passing_a_task_down(text: str, down: bool) -> None:
    assert passes_down(text) is down
