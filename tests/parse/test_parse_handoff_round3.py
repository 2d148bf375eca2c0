"""Hand-offs addressed the way leaders type them: two people joined by 和, villages listed before "两个村", an office.

Written before the change (9 cases, 4 failed then; the title one passed the F1 bar already); on the 云溪镇 registry.
"""
from __future__ import annotations

import datetime as dt

import pytest

from handlers.parse import HandoffBlock, MessageParser
from handlers.registry import Registry
from tests.parse.conftest import at
from tests.parse.test_parse_report_round2 import F1_MIN, text_f1

NOW = at("2026-05-18 10:00")  # a Monday

# (sender, text, assignees, task)
CASES = [
    ("郑国强", "黄书记和韩磊这周六前把2组的路灯安装完成", {"黄志勇", "韩磊"}, "把2组的路灯安装完成"),
    ("郑国强", "杜春梅和唐书记周五前把枫林的危房台账核一遍", {"杜春梅", "唐金山"}, "把枫林的危房台账核一遍"),
    ("何静", "罗永红与马晓东月底前报送党员冬训总结", {"罗永红", "马晓东"}, "报送党员冬训总结"),
    ("孙丽", "石桥、枫林两个村年内完成后备干部选培，每村至少2名", {"石桥村", "枫林村"}, "完成后备干部选培，每村至少2名"),
    ("孙丽", "云溪村和双河村这两个村本周内把饮水安全排查表报上来", {"云溪村", "双河村"}, "把饮水安全排查表报上来"),
    # an office said alone names the one leader who holds it; 各村 later in the text is the task's
    ("郑国强", "组织委员牵头，下周五前把各村后备干部名单汇总上报县委组织部", {"孙丽"}, "牵头，把各村后备干部名单汇总上报县委组织部"),
    ("何静", "各村组织委员本周内把党员信息采集表报党建办", {"云溪村", "石桥村", "枫林村", "白沙社区", "双河村"},
     "把党员信息采集表报党建办"),
    # the title said before a name goes with it
    ("孙丽", "请包村干部许文同志督促云溪村在月底前完成饮水工程验收资料", {"许文"}, "督促云溪村完成饮水工程验收资料"),
    # a name after 和 with nobody before it is still someone to work with, not an assignee
    ("郑国强", "罗斌周五前和杜春梅对接一下老街路灯的事", {"罗斌"}, "和杜春梅对接一下老街路灯的事"),
]


@pytest.mark.parametrize(("sender", "text", "assignees", "task"), CASES, ids=[c[1][:16] for c in CASES])
def test_handoff_addressees_round3(parser: MessageParser, registry: Registry, sender: str, text: str,
                                   assignees: set[str], task: str) -> None:
    block = handoff_of(parser, registry, sender, text, NOW)
    assert set(block.assignees) == assignees
    assert text_f1(block.task, task) >= F1_MIN, block.task


def handoff_of(parser: MessageParser, registry: Registry, sender: str, text: str, now: dt.datetime) -> HandoffBlock:
    """The hand-off read from `sender`'s text (it must be one)."""
    person = registry.person(sender)
    assert person is not None
    msg = parser.parse(text, person, now)
    assert msg.kind == "handoff" and msg.handoff is not None, msg
    return msg.handoff
