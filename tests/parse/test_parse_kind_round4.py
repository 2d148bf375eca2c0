"""Kind, round 4: a leader's order to the group needs no addressee when it says when (这两天, 3月份, 后天) or
presses (尽快 … 报镇里); a meeting called for the villages by a day is a hand-off; said as done, it is not. The day
said right before handing in (明天报我) is the deadline.
Written before the change (10 cases, 7 failed then)."""
from __future__ import annotations

import pytest

from tests.parse.conftest import at

NOW = at("2026-10-19 09:00")  # a Monday

# (sender, text, kind, deadline)
CASES = [
    ("何静", "这两天把村级后备干部名单核一下。", "handoff", "2026-10-21"),
    ("郑国强", "11月份完成冬季植树绿化任务。", "handoff", "2026-11-30"),
    ("孙丽", "后天上午把征兵体检名单报武装部", "handoff", "2026-10-21"),
    ("何静", "尽快把村规民约修订稿报镇里。", "handoff", None),
    ("孙丽", "各村：下周一召开村两委会传达县委全会精神。", "handoff", "2026-10-26"),
    ("何静", "各村 十五天后统一交年度党建台账", "handoff", "2026-11-03"),
    # the day said right before handing in is the deadline, not a period said before it (年前 = the Spring Festival)
    ("孙丽", "罗斌 年前把订单统计一下 明天报我", "handoff", "2026-10-20"),
    # said as done, or only talked about: no hand-off
    ("何静", "今天把村级后备干部名单核了一遍了", "other", None),
    ("郑国强", "明天上午县里来检查冬训工作", "other", None),
    ("孙丽", "后天降温，大家注意保暖", "other", None),
]


@pytest.mark.parametrize(("sender", "text", "kind", "deadline"), CASES, ids=[c[1][:16] for c in CASES])
def test_kind_round4(parser, person, sender: str, text: str, kind: str, deadline: str | None) -> None:
    record = parser.parse(text, person(sender), NOW)
    assert record.kind == kind
    if kind == "handoff":
        assert record.handoff is not None
        assert (record.handoff.deadline.isoformat() if record.handoff.deadline else None) == deadline
