"""`yuebao import FILE [--apply]`: load or update a roster (a township's or a county's) in one transaction.

What is added or changed is written at once, as before; when the file no longer lists someone (a 换届), the
import first shows who and what would be deactivated, with their open work, and writes only with --apply.
"""
from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from bot.commands._common import CommandError, opened_app, read_roster
from bot.config import Settings

if TYPE_CHECKING:
    from bot.app import App
    from handlers.registry import Organisation
    from storage.repositories.registry_import import ImportSummary

KIND_NAMES = {"county": "县", "township": "乡镇", "village": "村（社区）", "grid": "网格", "person": "人员",
              "membership": "职务", "identity": "账号", "project": "项目", "milestone": "节点",
              "person_grid": "网格分工"}
NEEDS_APPLY = 3  # the exit status when the import stopped to show what it would deactivate
SHOWN = 30  # names listed per kind before "等 N 项": a county file adds thousands


def register(sub: argparse._SubParsersAction) -> None:
    """Add `import`."""
    parser = sub.add_parser("import", help="导入名册 (import a roster: YAML, or the 名册 workbook / CSV)",
                            description="导入或更新名册。名册中不再有的人员、项目、村会先列出，加 --apply 才停用。")
    parser.add_argument("file", help="roster file (see README, Registry file; `yuebao template` for the workbook)")
    parser.add_argument("--apply", action="store_true",
                        help="also deactivate what the file no longer lists (换届); shown first without it")
    parser.set_defaults(run=run)


async def import_file(settings: Settings, path: str, *, apply: bool = False) -> ImportSummary:
    """Validate the whole file, then write it in one unit of work; nothing changes on error, nor when something
    would be deactivated without `apply` (the summary then says what)."""
    from handlers.registry import RegistryError
    from storage.repositories.registry_import import RegistryImporter, RosterNeedsConfirmation

    # The file is checked before the database is opened, unless it needs the database's other sheets.
    partial = Path(path).is_file() and _partial(path)
    roster = None if partial else read_roster(path, "未做任何修改")
    async with opened_app(settings) as app:
        if roster is None:
            roster = read_roster(path, "未做任何修改", await database_roster(app))
        try:
            async with app.uow() as store:
                return await RegistryImporter(store.session, app.clock.now()).run(roster, deactivate=apply)
        except RosterNeedsConfirmation as held:  # the unit of work has rolled back: nothing was written
            return held.summary
        except RegistryError as exc:  # a conflict with what the database holds: rolled back as well
            raise CommandError("名册与已有数据冲突，未做任何修改：\n" + "\n".join(f"  {p}" for p in exc.problems)) \
                from None


def _partial(path: str) -> bool:
    """Whether the file holds only some of the workbook's sheets (a CSV holds one): the rest come from the
    database, so that what the file does not hold is neither lost nor deactivated."""
    from bot.roster.layout import SHEETS
    from bot.roster.reader import CSV_SUFFIXES, WORKBOOK_SUFFIXES

    suffix = Path(path).suffix.lower()
    if suffix in CSV_SUFFIXES:
        return True
    if suffix not in WORKBOOK_SUFFIXES:
        return False
    from openpyxl import load_workbook

    try:  # read_only opens only the workbook's index: cheap even for a county's roster
        book = load_workbook(path, read_only=True)
    except Exception:  # the reader says what is wrong with the file, in Chinese
        return False
    try:
        return not {s.name for s in SHEETS} <= {t.strip().removesuffix("表") for t in book.sheetnames}
    finally:
        book.close()


async def database_roster(app: App) -> Organisation | None:
    """The roster the database holds: its county's, or its only township's (None when there is neither)."""
    async with app.uow() as store:
        towns = await store.townships.all()
        counties = {t.county for t in towns if t.county_id is not None}
        if len(counties) == 1 and all(t.county_id is not None for t in towns):
            return await store.registry.organisation(county=counties.pop())
        if len(towns) == 1:
            return await store.registry.organisation(township=towns[0].name)
    return None


def _names(items: list[str]) -> str:
    more = f" 等 {len(items)} 项" if len(items) > SHOWN else ""
    return "、".join(items[:SHOWN]) + more


def _counts(counter: dict[str, int]) -> str:
    return "，".join(f"{KIND_NAMES.get(k, k)} {n}" for k, n in counter.items()) or "无"


def describe(summary: ImportSummary, path: str) -> list[str]:
    """What an import did, or would do, in lines for the terminal."""
    from storage.repositories.roster import LEAVING

    lines = []
    if summary.added:
        lines.append(f"新增（{len(summary.added)}）：{_names(summary.added)}")
    if summary.changed:
        lines.append(f"变更（{len(summary.changed)}）：{_names(summary.changed)}")
    if summary.leaving:
        verb = "已停用" if summary.applied else "将停用"
        lines.append(f"名册中不再有（{verb}，保留历史记录，不会删除）：")
        for item in summary.leaving:
            work = "；".join(item.work.lines())
            lines.append(f"  {LEAVING[item.kind]} {item.name}（{item.where}）" + (f" — {work}" if work else ""))
    if not summary.applied:
        lines.append(f"以上尚未写入。核对无误后请加 --apply 重新运行：yuebao import {path} --apply")
        return lines
    lines.insert(0, f"已导入 {summary.scope}。新增：{_counts(summary.created)}；更新：{_counts(summary.updated)}。")
    if any(item.kind == "person" and item.work.lines() for item in summary.leaving):
        lines.append("停用人员的未了工作可用 yuebao handover 原姓名 新姓名 移交（或在聊天中发“把某某的工作交给某某”）。")
    return lines


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Import and print what changed (or what would be deactivated)."""
    summary = asyncio.run(import_file(settings, args.file, apply=args.apply))
    print("\n".join(describe(summary, args.file)))
    return 0 if summary.applied else NEEDS_APPLY
