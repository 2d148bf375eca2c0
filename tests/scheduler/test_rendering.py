"""Rendering without a database: digest texts split per platform, settings (charts: test_charts.py)."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.telegram.transport import TelegramTransport
from bot.wecom.transport import WeComTransport
from handlers.quarters import Quarter
from handlers.schedule import GREEN, RED, YELLOW
from handlers.summary_ports import Tally, VillageRef
from scheduler import digest_text
from scheduler.bulletin import Ranked
from scheduler.bulletin_text import change
from scheduler.digest import Digest, ProjectLine, TrendPoint, VillageRate
from scheduler.outcome import VillageOutcome, Weights
from scheduler.rates import Rates

ZONE = ZoneInfo("Asia/Shanghai")
COLOURS = (GREEN, YELLOW, RED)


def _big_digest(villages: int = 120) -> Digest:
    projects = [ProjectLine(f"第{v}村", f"P-{v}-{k}", f"第{v}村党建引领产业发展示范项目{k}", 10 * k, 30, COLOURS[k % 3],
                            k != 2, False) for v in range(villages) for k in range(3)]
    rates = [VillageRate(f"第{v}村", 2, 3, 0) for v in range(villages)]
    problems = [(f"第{v}村", f"第{v}村党建引领产业发展示范项目1", "资金缺口较大，群众参与度不高")
                for v in range(villages)]
    trend = [TrendPoint("2026-01", 0.8, None, 1.0), TrendPoint("2026-02", 0.9, 0.5, None)]
    month = Rates(Tally(3 * villages, 2 * villages), Tally(), Tally())
    return Digest("响肠镇", "2026-02", projects, rates, problems, [], [], [], [], [], [], [], month, trend)


def test_a_long_digest_splits_within_each_platform_limit_and_keeps_its_order() -> None:
    digest = _big_digest()
    details = digest_text.details(digest, ZONE)
    assert len(details) > 3 * 4096
    telegram = TelegramTransport.split(None, {"text": details})  # type: ignore[arg-type]
    assert len(telegram) > 1 and all(len(p["text"]) <= 4096 for p in telegram)
    assert "\n".join(p["text"] for p in telegram) == details  # cut at line ends, nothing lost, in order
    wecom = WeComTransport.split(None, {"text": details})  # type: ignore[arg-type]
    assert all(len(p["text"].encode()) <= 2048 and p["format"] == "text" for p in wecom)
    assert "\n".join(p["text"] for p in wecom) == details
    card = WeComTransport.split(None, {"text": digest_text.card(digest), "card": True})  # type: ignore[arg-type]
    assert len(card) == 1 and card[0]["format"] == "markdown" and len(card[0]["text"].encode()) <= 4096
    assert card[0]["text"].startswith("**📊 响肠镇2026年2月工作简报**\n2026年2月，360个项目已报送240个（报送率67%）")


def test_the_change_since_last_quarter() -> None:
    outcome = VillageOutcome(VillageRef(1, "千佛塔村", "响肠镇"))
    assert change(Ranked(2, outcome, 80.0, 4, 71.5)) == "↑2位，+8.5分"
    assert change(Ranked(3, outcome, 60.0, 1, 75.0)) == "↓2位，-15.0分"
    assert change(Ranked(1, outcome, 60.0, None, None)) == "上季无数据"


def test_weights_and_quarters_parse() -> None:
    assert Weights.parse("50,30,20") == Weights(0.5, 0.3, 0.2) and Weights.parse("") == Weights()
    with pytest.raises(ValueError):
        Weights.parse("60,40")
    quarter = Quarter.parse("2026q1")
    assert (quarter.months, quarter.end, quarter.previous().code) == (("2026-01", "2026-02", "2026-03"),
                                                                      dt.date(2026, 3, 31), "2025Q4")
    with pytest.raises(ValueError):
        Quarter.parse("2026Q5")
