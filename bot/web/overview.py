"""总览: a month at a glance for the viewer's unit — the same figures as that month's digest (or, for a county,
as the townships' month-end reports), read from the records by the same code."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from starlette.responses import Response

from bot.web.pages import BadInput, Page
from handlers.county.town_figures import TownFigures
from handlers.county_ports import TownReportRef
from handlers.quarters import month_end, period_label, shift_period
from handlers.summary_ports import IssueRow, TaskRow
from scheduler.digest import Digest, ProjectLine, VillageRate

_PERIOD = re.compile(r"20[0-9]{2}-(0[1-9]|1[0-2])")
MONTHS_BACK = 24  # the month picker's reach; older months are in the ledgers and bulletins


def period_of(page: Page) -> str:
    """The month asked for (?month=2026-11), this month by default; BadInput for anything else."""
    this = f"{page.today:%Y-%m}"
    asked = page.request.query_params.get("month", this)
    if not _PERIOD.fullmatch(asked) or not shift_period(this, -MONTHS_BACK) <= asked <= this:
        raise BadInput(f"月份“{asked[:10]}”不对，应为近两年内的月份，如 {shift_period(this, -1)}。")
    return asked


@dataclass(frozen=True)
class TownMonth:
    """One township's month as the viewer may see it (a village's viewer: their villages only)."""

    digest: Digest
    villages: list[VillageRate]
    projects: list[ProjectLine]
    overdue: list[TaskRow]
    late_issues: list[IssueRow]


def _town_month(page: Page, digest: Digest, names: set[str] | None, month_over: bool) -> TownMonth:
    """What of a digest is shown: before the month is over, only what is already past its day is called late."""
    overdue = [t for t in digest.tasks_overdue if month_over or (t.deadline is not None and t.deadline < page.today)]
    late = [i for i in digest.issues_late if month_over or (i.due_at is not None and i.due_at < page.now)]
    if names is None:
        return TownMonth(digest, digest.villages, digest.projects, overdue, late)
    return TownMonth(digest, [v for v in digest.villages if v.name in names],
                     [p for p in digest.projects if p.village in names],
                     [t for t in overdue if t.village in names], [i for i in late if i.village in names])


async def overview(page: Page) -> Response:
    """The month's dashboard of a village, a township or a county."""
    period = period_of(page)
    months = [shift_period(f"{page.today:%Y-%m}", -n) for n in range(12)]
    month_over = month_end(period) < page.today
    if page.viewer.level == "county":
        return await _county(page, period, months, month_over)
    towns = []
    for town in page.viewer.towns:
        directory = await page.directory(town.id)
        digest = await page.console.figures.digest(page.store, directory, town.id, period, page.console.zone)
        ids = page.viewer.village_ids
        names = None if ids is None else {name for name, i in directory.village_ids.items() if i in ids}
        towns.append(_town_month(page, digest, names, month_over))
    return page.render("overview.html", period=period, label=period_label(period), months=months, towns=towns,
                       month_over=month_over)


async def _county(page: Page, period: str, months: list[str], month_over: bool) -> Response:
    today = month_end(period) + dt.timedelta(days=1) if month_over else page.today
    sent: dict[int, TownReportRef] = {}
    for county_id in {t.county_id for t in page.viewer.towns if t.county_id is not None}:
        sent.update({r.township_id: r for r in await page.store.town_reports.of_county(county_id, period)})
    rows: list[tuple[TownFigures, TownReportRef | None]] = []
    for town in page.viewer.towns:
        directory = await page.directory(town.id)
        figures = await page.console.figures.town_report(page.store, directory, town.id, period, page.console.zone,
                                                         today)
        rows.append((figures, sent.get(town.id)))
    return page.render("county_overview.html", period=period, label=period_label(period), months=months, rows=rows,
                       month_over=month_over)
