"""`yuebao holidays`: show a year's days off and make-up working days, or load the State Council's schedule."""
from __future__ import annotations

import argparse
import asyncio
import sys
from zoneinfo import ZoneInfo

from bot.commands._common import CommandError, opened_app
from bot.commands._errors import reason
from bot.config import Settings

USAGE = "用法：yuebao holidays [年份]，或 yuebao holidays import 文件（.yaml 或 .csv）"


def register(sub: argparse._SubParsersAction) -> None:
    """Add `holidays`."""
    parser = sub.add_parser(
        "holidays", help="节假日安排：查看某年，或导入国务院通知 (show a year's holidays, or import a schedule)",
        description="yuebao holidays [YEAR] 按天列出放假（休）和调休上班（班）日期，估算的日期标“（估算）”；"
                    "yuebao holidays import FILE 导入一年的安排（YAML 或 CSV，格式见 README）。")
    parser.add_argument("words", nargs="*", metavar="YEAR | import FILE")
    parser.set_defaults(run=run)


async def _import(settings: Settings, path: str) -> list[str]:
    from bot.holiday_file import load_schedule
    from handlers.holiday_schedule import ScheduleError

    try:
        schedule = load_schedule(path)
    except OSError as exc:
        raise CommandError(f"读不了文件 {path}：{reason(exc)}") from None
    except ScheduleError as exc:
        raise CommandError(f"{path} 有 {len(exc.problems)} 处问题，未导入：\n" + str(exc)) from None
    async with opened_app(settings) as app:
        async with app.uow() as store:
            await store.office_days.replace_year(schedule.year, schedule.days(), schedule.source, None,
                                                 app.clock.now())
            await store.audit.record(None, "holidays.import", str(schedule.year), {"source": schedule.source},
                                     app.clock.now())
    return [f"已导入 {schedule.year} 年节假日安排（{schedule.source}）：放假 {len(schedule.off)} 天，"
            f"调休上班 {len(schedule.workdays)} 天。正在运行的服务一分钟内生效。"]


async def _show(settings: Settings, year: int | None) -> list[str]:
    from bot.app import load_office_days
    from handlers.parse.workdays import listed_days

    async with opened_app(settings) as app:
        await load_office_days(app.uow)
        year = year or app.clock.now().astimezone(ZoneInfo(settings.timezone)).year
    return [f"{day.isoformat()} {'班' if working else '休'}{'（估算）' if estimated else ''}"
            for day, working, estimated in listed_days(year)]


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print a year's schedule, or import one."""
    words = args.words
    if words[:1] == ["import"]:
        if len(words) != 2:
            raise CommandError(USAGE)
        lines = asyncio.run(_import(settings, words[1]))
    elif len(words) <= 1 and all(w.isdecimal() and 2000 <= int(w) <= 2100 for w in words):
        lines = asyncio.run(_show(settings, int(words[0]) if words else None))
        if any(line.endswith("（估算）") for line in lines):
            print("这一年还没有国务院节假日安排数据，以下按法定节日估算，调休上班日未知；"
                  "收到通知后请用 yuebao holidays import 导入。", file=sys.stderr)
    else:
        raise CommandError(USAGE)
    print("\n".join(lines))
    return 0
