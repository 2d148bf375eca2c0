"""Charts speak Chinese whenever the system has a CJK font, whatever matplotlib's font cache says; ASCII otherwise."""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager
from matplotlib.image import imread
from matplotlib.text import Text

from handlers.schedule import GREEN, RED, YELLOW
from handlers.summary_ports import Tally
from scheduler import artifacts, charts, fonts
from scheduler.digest import Digest, ProjectLine, TrendPoint, VillageRate
from scheduler.rates import Rates

# CJK radicals to ideographs (punctuation, kana and all), compatibility ideographs, full-width forms.
CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _system_families() -> list[str]:
    """The families fontconfig lists for Simplified Chinese, each by all its names (independent of scheduler.fonts)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    listed = subprocess.run([fc_list, "--format=%{family}\n", ":lang=zh-cn"], capture_output=True, text=True,
                            timeout=10).stdout
    return [name for line in listed.splitlines() for name in line.split(",")]


SYSTEM_FAMILIES = _system_families()
needs_cjk = pytest.mark.skipif(not SYSTEM_FAMILIES, reason="no CJK font on this machine (Debian: fonts-noto-cjk)")


@pytest.fixture(autouse=True)
def first_chart() -> Iterator[None]:
    """Each test draws as a process's first chart would: the font is chosen again, and forgotten afterwards."""
    charts.cjk_font.cache_clear()
    yield
    charts.cjk_font.cache_clear()


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[Figure]:
    """The figures the charts draw, kept to read their texts."""
    figures: list[Figure] = []

    class Kept(Figure):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            figures.append(self)

    monkeypatch.setattr(charts, "Figure", Kept)
    return figures


@pytest.fixture
def stale_cache(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """matplotlib's font list as cached before the CJK fonts were installed; their files."""
    cjk_files = fonts.font_files()
    before = [entry for entry in fontManager.ttflist
              if os.path.realpath(entry.fname) not in cjk_files and entry.name not in fonts.PREFERRED]
    monkeypatch.setattr(fontManager, "ttflist", before)
    return cjk_files


def _digest() -> Digest:
    projects = [ProjectLine("千佛塔村", "XC-02", "征地搬迁攻坚", 70, 33, GREEN, True, False),
                ProjectLine("桃园村", "XC-05", "小冬桃产业", None, 29, RED, False, False),
                ProjectLine("石门村", "石门-01", "茶叶合作社", 20, 30, YELLOW, True, True)]  # ids are free text
    trend = [TrendPoint("2026-01", 0.8, None, 1.0), TrendPoint("2026-02", 0.9, 0.5, None)]
    month = Rates(Tally(3, 2), Tally(), Tally())
    return Digest("响肠镇", "2026-02", projects, [VillageRate("千佛塔村", 1, 1, 0)], [], [], [], [], [], [], [], [],
                  month, trend)


async def _draw_every_kind(root: Path) -> list[Path]:
    """The digest's progress and trend charts and the bulletin's trend, titled as the jobs title them."""
    folder = artifacts.Folder(root, "响肠镇")
    sent = await artifacts.digest_pngs(folder, _digest())
    sent.append(await artifacts.trend_png(folder, "响肠镇2026年第1季度报送与办结趋势", _digest().trend, "trend-2026Q1"))
    return [Path(str(attachment.stored_path)) for attachment in sent]


def _is_png(path: Path) -> bool:
    return path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and imread(path).shape[0] > 100


def _texts(figure: Figure) -> list[Text]:
    return [text for text in figure.findobj(Text) if text.get_text()]


async def _draw_counting_glyph_warnings(root: Path) -> tuple[list[Path], list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # recorded, not raised, so the test can say which glyphs were missing
        paths = await _draw_every_kind(root)
    return paths, [str(w.message) for w in caught if "missing from font" in str(w.message)]


@needs_cjk
async def test_each_chart_kind_draws_its_chinese_in_the_cjk_font_with_no_glyph_missing(
        tmp_path: Path, drawn: list[Figure]) -> None:
    paths, missing = await _draw_counting_glyph_warnings(tmp_path)
    assert missing == []
    assert len(drawn) == 3 and all(_is_png(path) for path in paths)
    family = charts.cjk_font()
    for figure in drawn:
        chinese = [text for text in _texts(figure) if CJK.search(text.get_text())]
        assert chinese, "the chart fell back to ASCII"
        assert {text.get_fontname() for text in chinese} == {family}


@needs_cjk
async def test_a_font_cache_from_before_the_cjk_font_was_installed_still_gets_chinese(
        tmp_path: Path, drawn: list[Figure], stale_cache: set[str]) -> None:
    assert not {entry.name for entry in fontManager.ttflist} & set(SYSTEM_FAMILIES)  # the cache knows no CJK font
    paths, missing = await _draw_counting_glyph_warnings(tmp_path)
    assert missing == [] and all(_is_png(path) for path in paths)
    # A Simplified-Chinese sans face when the system has one (Noto Sans CJK SC, not its TC, JP or serif faces).
    expected = next((name for name in fonts.PREFERRED if name in SYSTEM_FAMILIES), None)
    family = charts.cjk_font()
    assert family is not None and family == (expected or family)
    assert {os.path.realpath(entry.fname) for entry in fontManager.ttflist} & stale_cache
    assert CJK.search(drawn[0].axes[0].get_title())


async def test_without_a_cjk_font_no_text_is_chinese_and_no_glyph_is_missing(
        tmp_path: Path, drawn: list[Figure], stale_cache: set[str], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(fonts, "font_files", set)  # neither fontconfig nor the known paths find one
    with caplog.at_level(logging.WARNING, logger="scheduler.charts"):
        paths, missing = await _draw_counting_glyph_warnings(tmp_path)
    assert caplog.text.count("fonts-noto-cjk") == 1  # once, not per chart
    assert missing == [] and all(_is_png(path) for path in paths)
    texts = [text.get_text() for figure in drawn for text in _texts(figure)]
    assert [text for text in texts if CJK.search(text)] == []
    assert {"Progress vs schedule 2026-02", "Reporting and closure trend 2026", "XC-02", "#3"} <= set(texts)


def test_without_fontconfig_the_known_paths_are_searched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = tmp_path / "PingFang.ttc"
    font.write_bytes(b"")

    def hung(*args: object, **kwargs: object) -> None:
        raise subprocess.TimeoutExpired("fc-list", fonts.FC_LIST_TIMEOUT)

    monkeypatch.setattr(fonts.subprocess, "run", hung)
    monkeypatch.setattr(fonts, "KNOWN_PATHS", (str(tmp_path / "*.ttc"), str(tmp_path / "none/*.ttf")))
    assert fonts.font_files() == {os.path.realpath(font)}


def test_a_font_file_freetype_cannot_read_is_skipped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    monkeypatch.setattr(fontManager, "ttflist", [])
    with caplog.at_level(logging.WARNING, logger="scheduler.fonts"):
        fonts.register(fontManager, {str(broken)})
    assert fontManager.ttflist == [] and "broken.ttf" in caplog.text
