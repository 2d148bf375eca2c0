"""A village named as the one who acts, wherever it stands in the order, is an addressee and leaves the task.

Written before the change (6 cases, 3 failed then: the task kept "石桥村把…"); on the 云溪镇 registry.
"""
from __future__ import annotations

import pytest

from handlers.parse import MessageParser
from handlers.registry import Registry
from tests.parse.conftest import at
from tests.parse.test_parse_handoff_round3 import handoff_of

NOW = at("2026-05-18 10:00")  # a Monday

# (sender, text, assignees, task — exact)
CASES = [
    ("孙丽", "这周石桥村把茶叶合作社的分红方案报上来", {"石桥村"}, "把茶叶合作社的分红方案报上来"),
    ("孙丽", "本月底前石桥村、枫林村把冬训台账报上来", {"石桥村", "枫林村"}, "把冬训台账报上来"),
    ("郑国强", "下周三前云溪村和双河村要把饮水安全排查表报上来", {"云溪村", "双河村"}, "要把饮水安全排查表报上来"),
    # a village the work goes to is only its place
    ("孙丽", "下周三前韩磊去石桥村把分红方案核一下", {"韩磊"}, "去石桥村把分红方案核一下"),
    ("孙丽", "本周内在石桥村把冬训场地落实", {"石桥村"}, "在石桥村把冬训场地落实"),
    ("孙丽", "石桥村本周五前把危房台账报上来", {"石桥村"}, "把危房台账报上来"),
]


@pytest.mark.parametrize(("sender", "text", "assignees", "task"), CASES, ids=[c[1][:16] for c in CASES])
def test_a_village_that_acts_leaves_the_task(parser: MessageParser, registry: Registry, sender: str, text: str,
                                             assignees: set[str], task: str) -> None:
    block = handoff_of(parser, registry, sender, text, NOW)
    assert (set(block.assignees), block.task) == (assignees, task)
