"""`yuebao export ledger --quarter 2026Q1 [--out FILE]`: the 台账 workbook of a township for a quarter;
`yuebao export roster [--out FILE]`: the roster as the 名册 workbook, to edit and import again."""
from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.commands._common import CommandError, opened_app
from bot.commands._errors import writable_folder
from bot.config import Settings

if TYPE_CHECKING:
    from handlers.registry import Organisation
    from scheduler.ledger import Ledger


def register(sub: argparse._SubParsersAction) -> None:
    """Add `export ledger`."""
    parser = sub.add_parser("export", help="导出台账 (export the ledger workbook)")
    what = parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    ledger_parser = what.add_parser("ledger", help="季度台账 xlsx：项目、任务、网格事件、月报原文")
    ledger_parser.add_argument("--quarter", help="quarter such as 2026Q1 (default: the current one)")
    ledger_parser.add_argument("--out", help="file to write (default: ./<乡镇><季度>台账.xlsx)")
    ledger_parser.add_argument("--township", help="township, when the database holds several")
    ledger_parser.set_defaults(run=run)
    roster_parser = what.add_parser("roster", help="名册 xlsx：单位、人员、项目、里程碑（可修改后重新导入）")
    roster_parser.add_argument("--out", help="file to write (default: ./<县或乡镇>名册.xlsx)")
    roster_parser.add_argument("--county", help="county, when the database holds several")
    roster_parser.add_argument("--township", help="one township only")
    roster_parser.set_defaults(run=run_roster)


def _check_out(out: str | None) -> None:
    """CommandError unless --out names a file in a folder that can be written (or is left out: this folder)."""
    if out and Path(out).is_dir():
        raise CommandError(f"--out 应为文件名，而 {out} 是一个文件夹。")
    writable_folder(Path(out).parent if out else Path.cwd(), "--out")


async def export_ledger(settings: Settings, quarter_text: str | None, out: str | None,
                        township: str | None) -> tuple[Path, Ledger]:
    """Write the workbook; its path and what it holds."""
    from handlers.quarters import Quarter
    from scheduler import ledger, ledger_xlsx

    _check_out(out)
    async with opened_app(settings) as app:
        zone = ZoneInfo(settings.timezone)
        now = app.clock.now()
        try:
            quarter = Quarter.parse(quarter_text) if quarter_text else Quarter.of(now.astimezone(zone).date())
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        async with app.uow() as store:
            chosen = [t for t in await store.townships.all() if township is None or t.name == township]
            if not chosen:
                raise CommandError(f"没有找到乡镇“{township}”。" if township else "数据库里还没有乡镇，请先导入名册。")
            if len(chosen) > 1:
                names = "、".join(t.name for t in chosen)
                raise CommandError(f"数据库里有多个乡镇（{names}），请加 --township 指定。")
            township_id = chosen[0].id
            directory = await app.directories.get(store, township_id, chosen[0].registry_version)
            data = await ledger.gather(store, directory, township_id, quarter, now.astimezone(zone).date(), zone)
        path = Path(out) if out else Path(ledger.file_name(data))
        return await asyncio.to_thread(ledger_xlsx.write, data, path), data


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Write the workbook and say what is in it."""
    path, data = asyncio.run(export_ledger(settings, args.quarter, args.out, args.township))
    print(f"已导出 {data.title}：{path}")
    print(f"项目 {len(data.projects)} 个，任务 {len(data.tasks)} 项，网格事件 {len(data.issues)} 件，"
          f"月报原文 {len(data.revisions)} 条。")
    return 0


async def export_roster(settings: Settings, out: str | None, county: str | None,
                        township: str | None) -> tuple[Path, Organisation]:
    """Write the roster workbook; its path and what it holds."""
    from bot.commands.registry_import import database_roster
    from bot.roster.workbook import write_roster

    _check_out(out)
    async with opened_app(settings) as app:
        if county or township:
            async with app.uow() as store:
                org = await store.registry.organisation(county=county, township=township)
        else:
            org = await database_roster(app)
    if org is None:
        raise CommandError(f"没有找到“{county or township}”。" if county or township else
                           "数据库里没有名册，或有多个县/乡镇：请加 --county 或 --township 指定。")
    path = Path(out) if out else Path(f"{org.county if org.is_county else org.townships[0].township}名册.xlsx")
    return await asyncio.to_thread(write_roster, org, path), org


def run_roster(args: argparse.Namespace, settings: Settings) -> int:
    """Write the roster workbook and say what is in it."""
    path, org = asyncio.run(export_roster(settings, args.out, args.county, args.township))
    people = len(org.people) + sum(len(t.people) for t in org.townships)
    print(f"已导出名册：{path}")
    print(f"乡镇 {len(org.townships)} 个，村（社区） {sum(len(t.villages) for t in org.townships)} 个，"
          f"人员 {people} 人，项目 {sum(len(t.projects) for t in org.townships)} 个。")
    return 0
