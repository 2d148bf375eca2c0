"""Any text gives a record and never raises; long text is cut with a warning; no input is slow."""
from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.parse import KINDS, MessageParser
from handlers.parse.text import MAX_CHARS
from handlers.registry import Person
from tests.parse.conftest import CST

# The characters the readers react to, so random text actually reaches their branches.
_VOCAB = ("一二三四五六七八九十百千万亿两元块月日号周前内年底旬进度完成%成分之半过村组书记罗云溪石桥枫林白沙"
          "双河@#＃，。：；！？\n 0123456789.-/下步计划问题是存在困难缺口卡在准备收到办结延期退回验收通过"
          "紧急马上隐患垃圾低保咨询春节清明国庆工作日季度末【】一、二、"
          "申报书记项目实施方案方案退回修改立项认定权重验收不通过同意里程碑选题点题领第个示范点督导发现整改①②")
_TEXT = st.text(alphabet=st.sampled_from(_VOCAB), max_size=MAX_CHARS) | st.text(max_size=300)
_ROLES = [Person("郑国强", "township_leader", title="镇党委书记"), Person("罗永红", "secretary", "云溪村"),
          Person("杜春梅", "grid_worker", "云溪村", ("一组",)), Person("许文", "contact_official", "云溪村"),
          Person("何静", "admin"), Person("钱进", "supervisor"), Person("陶县长", "county_leader")]
_NOW = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2045, 12, 31))


def _well_formed(parser: MessageParser, text: str, sender: Person, now: dt.datetime) -> dict:
    record = parser.parse(text, sender, now)
    out = record.to_dict()
    assert out["kind"] in KINDS
    assert set(out) == {"kind", "warnings"} | ({out["kind"]} if out["kind"] != "other" else set())
    assert not any(w.startswith("parser error") for w in record.warnings), record.warnings
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, role=st.sampled_from(_ROLES), now=_NOW, aware=st.booleans())
def test_any_text_gives_a_record(parser: MessageParser, text: str, role: Person, now: dt.datetime,
                                 aware: bool) -> None:
    out = _well_formed(parser, text, role, now.replace(tzinfo=CST) if aware else now)
    block = out.get(out["kind"], {})
    if "progress" in block and block["progress"] is not None:
        assert 0 <= block["progress"] <= 100
    if out["kind"] == "handoff" and block["deadline"]:
        assert dt.date.fromisoformat(block["deadline"]) >= now.date()  # a deadline is never in the past


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extra=st.text(alphabet=st.sampled_from(_VOCAB), min_size=1, max_size=2000))
def test_long_text_is_truncated_with_a_warning(parser: MessageParser, extra: str) -> None:
    text = "茶旅示范带本月新建观景台2处，进度60%。" + "说明" * (MAX_CHARS // 2) + extra
    record = parser.parse(text, _ROLES[1], dt.datetime(2026, 3, 10, 9, tzinfo=CST))
    assert record.kind == "report" and record.report.progress == 60
    assert any(str(MAX_CHARS) in w for w in record.warnings)


def test_short_text_has_no_truncation_warning(parser: MessageParser) -> None:
    record = parser.parse("茶旅示范带本月新建观景台2处，进度60%。", _ROLES[1], dt.datetime(2026, 3, 10, 9))
    assert record.warnings == ()


# Runs of one character are where a careless regex backtracks quadratically. A linear read of 5000
# characters takes milliseconds, a quadratic one far longer, so the bound leaves room for a loaded
# machine without letting a backtracking pattern through.
SLOW = 5.0  # seconds for one message


@pytest.mark.parametrize("text", [
    "1" * MAX_CHARS, "月" * MAX_CHARS, "万" * MAX_CHARS, "一" * MAX_CHARS, "5%" * 2500, "的" * MAX_CHARS,
    "1号前" * 1666, "罗书记" * 1666, "云溪村、" * 1250, "汇报：" * 1666, "存在问题" * 1250, "#1" * 2500,
    "目前" * 2499 + "5%", "进度" + "的" * 4990 + "50%", "1." * 2500, "\n" * MAX_CHARS,
    "方案" * 2500, "里程碑" * 1666, "领第1个" * 1250, "发现问题：" * 1000, "申报书记项目：" * 714, "步骤：1." * 1000,
    "督导" + "，" * 4998 + "整改", "选题：" + "1.发展" * 1666,
])
def test_no_input_is_slow(parser: MessageParser, text: str) -> None:
    for sender in _ROLES:
        start = time.perf_counter()
        _well_formed(parser, text, sender, dt.datetime(2026, 3, 10, 9, tzinfo=CST))
        assert time.perf_counter() - start < SLOW
