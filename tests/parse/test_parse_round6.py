"""Round 6, the classes of this session's blind sets and of what earlier sets still missed: a project not yet
formally started (还没正式启动) is at 0 and that is no problem; a plan clause that says something already fixed
(明年…的地块定下来了) is done; a trouble opened by 就是 and said over two clauses is one problem; 下个星期 opens a plan.
Each test was written before its change and failed then (checked by running it against the code before); texts are
ours, on the 云溪镇 registry.
"""
from __future__ import annotations

import pytest

from handlers.parse import MessageParser
from handlers.registry import Registry
from tests.parse.conftest import at
from tests.parse.test_parse_report_round2 import assert_sections, report_of

NOW = at("2026-11-20 10:00")


@pytest.mark.parametrize(("sender", "text", "done"), [
    ("唐金山", "农房风貌这块11月份还没正式启动，先把全村要改的房子摸了一遍底，开春再定施工队。",
     "先把全村要改的房子摸了一遍底"),
    ("马晓东", "邻里守望项目换届刚结束，还没真正开始实施，网格员名单正在重新排。",
     "换届刚结束，网格员名单正在重新排"),
])
def test_not_yet_formally_started_is_nought_and_no_problem(parser: MessageParser, registry: Registry, sender: str,
                                                            text: str, done: str) -> None:
    report = report_of(parser, registry, sender, text, NOW)
    assert report.progress == 0
    assert report.problems is None, report.problems
    assert_sections(report, done, None, report.next_plan)


def test_a_plan_word_before_something_already_fixed_is_done(parser: MessageParser, registry: Registry) -> None:
    report = report_of(parser, registry, "黄志勇", "光伏这块二期的屋顶都谈好了，明年要装的户数定下来46户，"
                       "进度三成。下步准备年底前把设计做出来。", NOW)
    assert_sections(report, "二期的屋顶都谈好了，明年要装的户数定下来46户，进度三成", None, "年底前把设计做出来")


def test_a_trouble_opened_by_jiushi_runs_over_two_clauses(parser: MessageParser, registry: Registry) -> None:
    report = report_of(parser, registry, "唐金山", "养蜂这块跟镇里说说 这个月摇了两回蜜 卖了一万二 就是天马上冷了 "
                       "还剩四十多箱蜂没找到地方越冬 愁人", NOW)
    assert_sections(report, "这个月摇了两回蜜 卖了一万二", "天马上冷了 还剩四十多箱蜂没找到地方越冬", None)


def test_next_week_said_with_ge_opens_a_plan(parser: MessageParser, registry: Registry) -> None:
    report = report_of(parser, registry, "黄志勇", "光伏，嗯，逆变器换好了，线路也检查了一遍，下个星期开始并网调试，进度百分之八十",
                       NOW)
    assert report.next_plan is not None and "并网调试" in report.next_plan
    assert "并网调试" not in (report.done or "")


@pytest.mark.parametrize(("sender", "text", "done"), [
    ("黄志勇", "光伏，嗯，逆变器换好了，线路也检查了一遍", "逆变器换好了，线路也检查了一遍"),
    ("罗斌", "驿站 这个月给老人代办了三十多件事 新添了两台血压计", "给老人代办了三十多件事，新添了两台血压计"),
])
def test_a_few_words_naming_the_project_are_no_work(parser: MessageParser, registry: Registry, sender: str, text: str,
                                                   done: str) -> None:
    assert report_of(parser, registry, sender, text, NOW).done == done
