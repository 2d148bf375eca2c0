"""`yuebao calendar`: show a township's (or a county's) reporting calendar, or change one job's day, time or
whether it runs."""
from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.commands._common import CommandError, opened_app
from bot.config import Settings

if TYPE_CHECKING:
    from handlers.reporting_calendar import CalendarEntry


def register(sub: argparse._SubParsersAction) -> None:
    """Add `calendar`."""
    parser = sub.add_parser("calendar", help="查看或调整工作日程 (show or change the reporting calendar)")
    parser.add_argument("job", nargs="?", help="job to change: 月中督办 (or mid_month), 月末督查, 月报截止提醒…")
    parser.add_argument("--unit", "--township", dest="unit",
                        help="township or county (县的日程：月末报送、县月报告、县季通报), "
                             "when the database holds several")
    parser.add_argument("--day", type=int, help="day of the month (0 = the last day)")
    parser.add_argument("--time", help="time of day, HH:MM")
    switch = parser.add_mutually_exclusive_group()
    switch.add_argument("--off", action="store_true", help="stop this job")
    switch.add_argument("--on", action="store_true", help="run this job again")
    parser.set_defaults(run=run)


async def _calendar(settings: Settings, args: argparse.Namespace) -> list[str]:
    from handlers.calendar_settings import NAMES, describe, in_working_hours
    from handlers.reporting_calendar import with_partners

    async with opened_app(settings) as app:
        async with app.uow() as store:
            towns = await store.townships.all()
            counties = {t.county_id: t.county for t in towns if t.county_id is not None and t.county}
            county_id = next((cid for cid, name in counties.items() if name == args.unit), None)
            if county_id is not None:
                name, entries = args.unit, {e.job: e for e in await store.calendar.county_entries(county_id)}
            else:
                townships = [(t.id, t.name) for t in towns if args.unit in (None, t.name)]
                if len(townships) != 1:
                    raise CommandError("请用 --unit 指定乡镇或县。" if townships
                                       else "没有找到这个乡镇或县，请先导入名册。")
                township_id, name = townships[0]
                entries = {e.job: e for e in await store.calendar.entries(township_id)}
            if args.job:
                job = NAMES.get(args.job, args.job)
                if job not in entries:
                    choices = "、".join(e.title for e in entries.values())
                    raise CommandError(f"没有这项日程：{args.job}。可选：{choices}")
                entry = _changed(entries[job], args, in_working_hours)
                if county_id is not None:
                    for each in with_partners(entries, entry):
                        await store.calendar.change_county(county_id, each, None, app.clock.now())
                        entries[each.job] = each
                else:
                    await store.calendar.change(township_id, entry, None, app.clock.now())
                    entries[job] = entry
        return [f"{name} 工作日程："] + [describe(e) for e in entries.values()]


def _changed(entry: CalendarEntry, args: argparse.Namespace,
             in_working_hours: Callable[[dt.time], bool]) -> CalendarEntry:
    """The entry as the options change it."""
    if args.day is not None:
        if not 0 <= args.day <= 31:
            raise CommandError("--day 应在 0（月底）到 31 之间。")
        entry = dataclasses.replace(entry, day=args.day)
    if args.time:
        try:
            at = dt.time.fromisoformat(args.time)
        except ValueError:
            raise CommandError(f"--time 应为 HH:MM：{args.time}") from None
        if not in_working_hours(at):
            raise CommandError("日程时间须在 08:00 到 21:00 之间（夜间不发消息）。")
        entry = dataclasses.replace(entry, at=at)
    if args.off or args.on:
        entry = dataclasses.replace(entry, enabled=args.on)
    return entry


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the calendar (after the change, if one was asked for)."""
    print("\n".join(asyncio.run(_calendar(settings, args))))
    return 0
