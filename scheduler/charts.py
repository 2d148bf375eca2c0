"""PNG charts for digests and bulletins (matplotlib, Agg, no pyplot state): progress against schedule, and trends.

Chinese needs a CJK font on the system (Debian: fonts-noto-cjk), registered with matplotlib on the first chart
(scheduler.fonts) even when matplotlib's font cache predates it. Without one, matplotlib would draw empty boxes
for every Chinese glyph, so the charts fall back to ASCII labels (project codes, English titles) and a warning
is logged once.
"""
from __future__ import annotations

import functools
import logging
import math
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager

from handlers.schedule import GREEN, RED, YELLOW
from scheduler import fonts
from scheduler.digest import TrendPoint

log = logging.getLogger(__name__)

COLOURS = {GREEN: "#2e7d32", YELLOW: "#f9a825", RED: "#c62828"}
DPI = 144


# Charts are drawn in worker threads and two jobs may draw their first at once: fontManager's list is not
# thread-safe. A thread that raced the first one finds its fonts registered and adds nothing.
_registering = threading.Lock()


@functools.cache
def cjk_font() -> str | None:
    """The font family for Chinese text; None (with a warning, once) when the system has none."""
    with _registering:
        family = fonts.cjk_family(fontManager)
    if family is None:
        log.warning("No CJK font found (install fonts-noto-cjk): charts will use ASCII labels instead of Chinese.")
    return family


@dataclass(frozen=True)
class Bar:
    """One project's bar: its label (and an ASCII one), progress, scheduled progress and colour."""

    label: str
    code: str
    progress: int | None
    planned: int | None
    colour: str


def _figure(height: float) -> tuple[Figure, str | None]:
    font = cjk_font()
    return Figure(figsize=(8.27, height), dpi=DPI, layout="constrained"), font  # A4 width


class _Style(TypedDict, total=False):
    """Text keywords for a chart's labels (typed, so that `**style` passes only these)."""

    family: str


def _style(font: str | None) -> _Style:
    return {"family": font} if font else {}


def _label(bar: Bar, font: str | None, number: int) -> str:
    if font:
        return bar.label
    # Project ids are free text in the registry: a Chinese one would be drawn as empty boxes, its row number not.
    return bar.code if bar.code.isascii() else f"#{number}"


PROGRESS_AXIS = ("进度（%），竖线为序时进度", "progress (%), tick = scheduled")


def progress_chart(path: Path, title: str, ascii_title: str, bars: Sequence[Bar],
                   axis: tuple[str, str] = PROGRESS_AXIS) -> Path:
    """Horizontal bars of progress (or scores) coloured by status, a black tick at each 序时进度 given."""
    figure, font = _figure(max(3.0, 1.2 + 0.32 * len(bars)))
    style = _style(font)
    axes = figure.add_subplot()
    labels = [_label(bar, font, number) for number, bar in enumerate(bars, 1)][::-1]
    rows = list(reversed(bars))
    positions = range(len(rows))
    axes.barh(positions, [bar.progress or 0 for bar in rows], color=[COLOURS[bar.colour] for bar in rows],
              height=0.6)
    for y, bar in zip(positions, rows, strict=True):
        if bar.planned is not None:
            axes.plot([bar.planned, bar.planned], [y - 0.4, y + 0.4], color="black", linewidth=2)
        shown = "—" if bar.progress is None else f"{bar.progress}%"
        axes.text(min(bar.progress or 0, 100) + 1, y, shown, va="center", fontsize=8)
    axes.set_yticks(list(positions), labels, fontsize=8, **style)
    axes.set_xlim(0, 110)
    axes.set_xlabel(axis[0] if font else axis[1], **style)
    axes.set_title(title if font else ascii_title, **style)
    axes.grid(axis="x", alpha=0.3)
    figure.savefig(path, format="png")
    return path


def trend_chart(path: Path, title: str, ascii_title: str, points: Sequence[TrendPoint]) -> Path:
    """Lines over the months: share of projects reported, tasks done on time, issues closed within limit."""
    figure, font = _figure(3.6)
    style = _style(font)
    axes = figure.add_subplot()
    months = [f"{int(p.period[5:])}月" if font else p.period for p in points]
    series = (("报送率", "reported", [p.reporting for p in points]),
              ("任务按期办结率", "tasks on time", [p.tasks for p in points]),
              ("事件限时办结率", "issues in time", [p.issues for p in points]))
    xs = list(range(len(points)))
    labelled: Counter[tuple[int, str]] = Counter()  # labels already at a point, so equal values stack, not overlap
    for label, ascii_label, values in series:
        ys = [math.nan if v is None else 100 * v for v in values]
        (line,) = axes.plot(xs, ys, marker="o", label=label if font else ascii_label)
        for x, y in zip(xs, ys, strict=True):
            if not math.isnan(y):
                text = f"{y:.0f}%"
                axes.annotate(text, (x, y), textcoords="offset points", xytext=(0, 6 + 9 * labelled[x, text]),
                              ha="center", fontsize=7, color=line.get_color())
                labelled[x, text] += 1
    axes.set_xticks(xs, months, **style)
    axes.set_xlim(-0.5, max(len(xs) - 0.5, 0.5))
    axes.set_ylim(0, 122)  # room above 100% for up to three stacked labels
    axes.set_yticks(range(0, 101, 20))
    axes.set_ylabel("%")
    axes.set_title(title if font else ascii_title, **style)
    axes.legend(prop={**style, "size": 8}, loc="lower left")
    axes.grid(alpha=0.3)
    figure.savefig(path, format="png")
    return path
