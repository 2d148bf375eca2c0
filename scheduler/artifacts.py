"""Files the digests, bulletins and the 台账 command send: charts and workbooks, kept under the files folder.

Rendering (matplotlib, openpyxl) is CPU work, so it runs in a worker thread and never stalls the event
loop that answers webhooks. Each file has a fixed path per township and period, so a repeated run
rewrites the same file instead of piling up copies.
"""
from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handlers.directory import Directory
from handlers.messages import Attachment
from handlers.ports import LedgerStore
from handlers.quarters import Quarter, period_label
from handlers.schedule import GREEN, RED, YELLOW
from scheduler import bulletin, charts, county_ledger, county_ledger_xlsx, ledger, ledger_xlsx, town_report
from scheduler.digest import Digest, TrendPoint
from storage.private_files import private_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Folder:
    """Where one township's generated files go."""

    root: Path
    township: str

    @property
    def dir(self) -> Path:
        """The folder itself (not created: it may not exist yet)."""
        return self.root / "reports" / self.township

    def path(self, name: str) -> Path:
        """A file in the township's folder, created empty and readable by the service's user only: the
        writers (matplotlib, openpyxl, the digest text) replace its content and keep that mode."""
        path = self.dir / name
        private_file(path)  # names, villages and progress: not for other users of the machine
        return path


def _attachment(path: Path, kind: str, name: str, mime: str) -> Attachment:
    return Attachment(kind, file_id=f"file:{path.name}", name=name, mime=mime, size=path.stat().st_size,
                      stored_path=str(path))


async def ledger_file(folder: Folder, data: ledger.Ledger) -> Attachment:
    """Write a gathered 台账; the workbook as a file to send."""
    path = await asyncio.to_thread(ledger_xlsx.write, data, folder.path(f"ledger-{data.quarter.code}.xlsx"))
    return _attachment(path, "document", ledger.file_name(data), XLSX)


async def trend_png(folder: Folder, title: str, points: list[TrendPoint], name: str) -> Attachment:
    """The quarter's reporting and closure trend as a PNG."""
    # The township's name is Chinese: the ASCII title (drawn when no CJK font is installed) leaves it out.
    ascii_title = f"Reporting and closure trend {points[0].period[:4] if points else ''}"
    path = await asyncio.to_thread(charts.trend_chart, folder.path(f"{name}.png"), title, ascii_title, points)
    return _attachment(path, "photo", f"{title}.png", "image/png")


async def county_ledger_file(folder: Folder, data: county_ledger.CountyLedger) -> Attachment:
    """Write the county's quarterly 台账; the workbook as a file to send."""
    path = await asyncio.to_thread(county_ledger_xlsx.write, data, folder.path(f"ledger-{data.quarter.code}.xlsx"))
    return _attachment(path, "document", f"{data.title}.xlsx", XLSX)


async def score_png(folder: Folder, title: str, ranked: bulletin.Bulletin, name: str) -> Attachment:
    """A county bulletin's scores as bars: green for the commended, red for the criticised."""
    praised = {r.rank for r in ranked.commended}
    behind = {r.rank for r in ranked.lagging}
    bars = [charts.Bar(r.outcome.village.name, f"T{r.rank}", round(r.score), None,
                       GREEN if r.rank in praised else RED if r.rank in behind else YELLOW) for r in ranked.rows]
    path = await asyncio.to_thread(charts.progress_chart, folder.path(f"{name}.png"), title,
                                   f"Outcome scores {ranked.quarter.code}", bars, ("综合得分", "score"))
    return _attachment(path, "photo", f"{title}.png", "image/png")


async def progress_png(folder: Folder, unit: str, period: str, bars: list[charts.Bar]) -> Attachment:
    """A month's progress against schedule by project, as a PNG."""
    month = period_label(period)
    title = f"{unit}{month}项目进度（竖线为序时进度）"
    path = await asyncio.to_thread(charts.progress_chart, folder.path(f"progress-{period}.png"), title,
                                   f"Progress vs schedule {period}", bars)
    return _attachment(path, "photo", f"{unit}{month}项目进度.png", "image/png")


async def digest_pngs(folder: Folder, digest: Digest) -> list[Attachment]:
    """Progress against schedule by project, and the quarter's trends so far."""
    bars = [charts.Bar(f"{p.village}·{p.title[:14]}", p.code, p.progress, p.planned, p.colour)
            for p in digest.projects]
    progress = await progress_png(folder, digest.township, digest.period, bars)
    month = period_label(digest.period)
    trend = await trend_png(folder, f"{digest.township}{month}报送与办结趋势", digest.trend, f"trend-{digest.period}")
    return [progress, trend]


@dataclass(frozen=True)
class LedgerMaker:
    """The `LedgerFiles` port for handlers: the 台账 command's workbook, in the township's folder."""

    root: Path

    async def __call__(self, store: LedgerStore, directory: Directory, township_id: int, quarter: Quarter,
                       now: dt.datetime) -> Callable[[], Awaitable[Attachment]]:
        """The quarter's records read now; the workbook written when the returned function is awaited."""
        data = await ledger.gather(store, directory, township_id, quarter, now.astimezone(directory.zone).date(),
                                   directory.zone)
        folder = Folder(self.root, directory.registry.township)
        return lambda: ledger_file(folder, data)

    async def town_figures(self, store: LedgerStore, directory: Directory, township_id: int, period: str,
                           now: dt.datetime) -> dict[str, Any]:
        """The township's month as its 月末报送 states it now, as stored."""
        today = directory.local(now).date()
        return (await town_report.assemble(store, directory, township_id, period, directory.zone, today)).to_data()
