"""日程 and 节假日: a township's reporting calendar (and its county's) as chat's "日程" shows it, changed one entry
at a time by the rules, card and audit entry of chat's "月中督办改到16日" (handlers.calendar_settings); and the
office's holiday table, read only (it is loaded from the State Council's notice, in chat or from a file)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import Response

from bot.web.admin_base import acting, field, posted, step_of, town_of
from bot.web.pages import BadInput, Page
from handlers.calendar_settings import (
    COUNTY_JOBS,
    describe,
    entries_for,
    in_working_hours,
    refusal,
    save_change,
)
from handlers.holiday_schedule import HolidaySchedule, summary
from handlers.refs import TownshipRef
from handlers.reporting_calendar import (
    COUNTY_CALENDAR,
    DEFAULT_CALENDAR,
    CalendarEntry,
    occurrences,
    with_partners,
)

JOBS = {e.job: e.title for e in DEFAULT_CALENDAR + COUNTY_CALENDAR}
_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")
DAYS = [(str(d), f"{d}日") for d in range(1, 32)] + [("0", "月底")]


async def calendar(page: Page) -> Response:
    """The calendar of a township (and of its county), and for an admin the form to change one entry."""
    return await _show(page, town_of(page, page.request.query_params.get("town")))


def _next(entry: CalendarEntry, page: Page) -> dt.datetime | None:
    """When the entry fires next, on the office's working days (None: it is switched off)."""
    zone = page.console.zone
    upcoming = occurrences(entry, page.now, page.now + dt.timedelta(days=100), zone)
    return next((when for _, when in upcoming), None)


async def _show(page: Page, town: TownshipRef, status: int = 200, **shown: Any) -> Response:
    town_entries = await page.store.calendar.entries(town.id)
    county_entries = await page.store.calendar.county_entries(town.county_id) if town.county_id else ()
    rows = [(e, describe(e), _next(e, page), "town") for e in town_entries]
    rows += [(e, describe(e), _next(e, page), "county") for e in county_entries]
    may_change = page.viewer.admin and _may_act(page, town)
    county_ok = may_change and town.county_id is not None and refusal(acting(page, town), "town_report") is None
    jobs = {e.job for e, _, _, kind in rows if kind == "town" or county_ok}
    return page.render("admin_calendar.html", status, town=town, rows=rows, may_change=may_change, jobs=jobs,
                       days=DAYS, **shown)


def _may_act(page: Page, town: TownshipRef) -> bool:
    try:
        acting(page, town)
    except HTTPException:
        return False
    return True


async def change(page: Page) -> Response:
    """One entry's new day, time or on/off: the card, then on 确认 the same checks again, stored and audited."""
    form = await posted(page)
    town = town_of(page, field(form, "town"))
    me = acting(page, town)
    job, day, at, enabled = field(form, "job"), field(form, "day"), field(form, "at"), field(form, "enabled")
    step = step_of(form)
    if job not in JOBS:
        raise BadInput("没有这项日程。")
    if not day.isascii() or not day.isdigit() or not 0 <= int(day) <= 31:
        raise BadInput("日期应为每月1–31日，或“每月最后一天”。")
    time = _TIME.fullmatch(at)
    if time is None or not in_working_hours(dt.time(int(time[1]), int(time[2]))):
        raise BadInput("时间须在8:00–21:00之间，如 09:30。")
    if enabled not in ("on", "off"):
        raise BadInput("请选择开启或关闭。")
    refused = refusal(me, job)
    if refused is not None:
        raise HTTPException(403, refused)
    entries = await entries_for(page.store, me, job)
    changed = dataclasses.replace(entries[job], day=int(day), at=dt.time(int(time[1]), int(time[2])),
                                  enabled=enabled == "on")
    if changed == entries[job]:
        return await _show(page, town, 400, error=f"{JOBS[job]}没有改动。")
    stored = with_partners(entries, changed) if job in COUNTY_JOBS else [changed]
    if step == "check":
        return page.render("admin_confirm.html", title="调整日程",
                           card="📋 将调整：" + "；".join(describe(each) for each in stored) + "。",
                           action="calendar_change",
                           fields={"town": str(town.id), "job": job, "day": day, "at": at, "enabled": enabled},
                           back=f"{page.request.url_for('calendar')}?town={town.id}")
    saved = await save_change(page.store, me, entries, changed, page.now)
    return await _show(page, town, done="已调整：" + "；".join(describe(each) for each in saved))


async def holidays(page: Page) -> Response:
    """The office's holiday table, year by year, as loaded (read only)."""
    days = await page.store.office_days.all()
    years = []
    for loaded in sorted(await page.store.office_days.years(), key=lambda y: y.year, reverse=True):
        mine = {d: working for d, working in days.items() if d.year == loaded.year}
        table = HolidaySchedule(loaded.year, loaded.source, frozenset(d for d, w in mine.items() if not w),
                                frozenset(d for d, w in mine.items() if w))
        years.append((loaded, summary(table), len(table.off), len(table.workdays)))
    return page.render("admin_holidays.html", years=years, zone=page.console.zone)
