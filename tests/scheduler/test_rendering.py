"""Rendering without a database: digest texts split per platform, charts with and without a CJK font, settings."""
from __future__ import annotations

import datetime as dt
import logging
import warnings
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from matplotlib.image import imread

from bot.telegram.transport import TelegramTransport
from bot.wecom.transport import WeComTransport
from handlers.quarters import Quarter
from handlers.schedule import GREEN, RED, YELLOW
from handlers.summary_ports import Tally, VillageRef
from scheduler import charts, digest_text
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


def _is_png(path: Path) -> bool:
    return path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and imread(path).shape[0] > 100


def test_charts_are_valid_pngs_with_chinese_text(tmp_path: Path) -> None:
    if charts.cjk_font() is None:
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk); the fallback is tested below")
    bars = [charts.Bar("千佛塔村·征地搬迁攻坚", "XC-02", 70, 33, GREEN),
            charts.Bar("桃园村·小冬桃", "XC-05", None, 29, RED)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph warns; here that fails the test
        progress = charts.progress_chart(tmp_path / "p.png", "响肠镇3月项目进度", "progress", bars)
        trend = charts.trend_chart(tmp_path / "t.png", "响肠镇第1季度趋势", "trend", _big_digest(1).trend)
    assert _is_png(progress) and _is_png(trend)


def test_without_a_cjk_font_charts_warn_once_and_use_ascii_labels(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="scheduler.charts"):
        assert charts.cjk_font(("No Such Font",)) is None
    assert "fonts-noto-cjk" in caplog.text
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    bars = [charts.Bar("千佛塔村·征地搬迁攻坚", "XC-02", 70, 33, GREEN)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no Chinese glyph is attempted, so none is missing
        path = charts.progress_chart(tmp_path / "p.png", "响肠镇3月项目进度", "Progress 2026-03", bars)
        trend = charts.trend_chart(tmp_path / "t.png", "趋势", "trend", _big_digest(1).trend)
    assert _is_png(path) and _is_png(trend)


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
