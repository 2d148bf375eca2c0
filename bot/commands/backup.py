"""`yuebao backup [--out FILE] [--force]`: a copy of the whole database, taken while the bot keeps running."""
from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.commands._common import CommandError
from bot.commands._errors import reaching_database, reason
from bot.config import Settings

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from storage.backup import Contents, Progress


def register(sub: argparse._SubParsersAction) -> None:
    """Add `backup`."""
    parser = sub.add_parser(
        "backup", help="备份数据库 (back up the database while the bot runs)",
        description="SQLite：用 SQLite 的在线备份写出一个文件，服务不必停；PostgreSQL：调用 pg_dump（自定义格式 -Fc）。"
                    "备份文件含人员信息，只有本用户可读（0600）。用 yuebao restore 恢复到空数据库。")
    parser.add_argument("--out", help="file to write, or a folder to write it in (default: "
                                      "./yuebao-backup-YYYYMMDD-HHMM.sqlite3, or .dump on PostgreSQL)")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.set_defaults(run=run)


def database_url(settings: Settings) -> URL:
    """The configured database URL, parsed."""
    from sqlalchemy.engine import make_url

    return make_url(settings.database_url)


def sqlite_file(url: URL) -> Path:
    """The file of a SQLite URL; CommandError for an in-memory database, which has nothing to keep."""
    if url.database in (None, "", ":memory:"):
        raise CommandError("YUEBAO_DATABASE_URL 指向内存数据库，没有可备份或恢复的文件。请改为一个数据库文件。")
    return Path(url.database)


def size(path: Path) -> str:
    """The file's size for people: KB or MB."""
    n = path.stat().st_size
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def progress(verb: str) -> Progress | None:
    """A percentage on the terminal for a copy that takes more than one step; nothing when not a terminal."""
    if not sys.stderr.isatty():
        return None
    from storage.backup import STEP_PAGES

    def show(done: int, total: int) -> None:
        if total > STEP_PAGES:
            print(f"\r{verb}… {done * 100 // total}%", end="\n" if done == total else "", file=sys.stderr, flush=True)

    return show


def _default_name(settings: Settings, sqlite: bool) -> Path:
    from handlers.clock import SystemClock

    stamp = SystemClock().now().astimezone(ZoneInfo(settings.timezone)).strftime("%Y%m%d-%H%M")
    return Path(f"yuebao-backup-{stamp}.{'sqlite3' if sqlite else 'dump'}")


async def _dump_postgres(settings: Settings, url: URL, out: Path) -> Contents:
    from storage import pg_tools
    from storage.backup import database_contents
    from storage.db import Database

    shown = url.render_as_string(hide_password=True)
    pg_tools.tool("pg_dump")  # missing: say so before anything else
    with reaching_database(settings.database_url):
        db = Database(settings.database_url)
        try:
            contents = await database_contents(db)  # also shows that the database can be reached, before pg_dump
        finally:
            await db.dispose()
    print(f"PostgreSQL 数据库 {shown}：调用 pg_dump 导出（自定义格式 -Fc，可用 yuebao restore 或 pg_restore 恢复）…",
          flush=True)
    await asyncio.to_thread(pg_tools.dump, url, out)
    return contents


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Write the backup and say what it holds."""
    from storage.backup import BackupError, backup_sqlite

    url = database_url(settings)
    sqlite = url.get_backend_name() == "sqlite"
    out = Path(args.out) if args.out else _default_name(settings, sqlite)
    if out.is_dir():  # a folder gets the dated name, so that a timer can keep one file a night
        out = out / _default_name(settings, sqlite)
    if out.exists() and not args.force:
        raise CommandError(f"{out} 已存在，没有覆盖。请用 --out 换一个文件名，或加 --force 覆盖它。")
    try:
        if sqlite:
            contents = backup_sqlite(sqlite_file(url), out, progress("备份中"))
        else:
            contents = asyncio.run(_dump_postgres(settings, url, out))
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"无法写入 {out}：{reason(exc)}。请用 --out 换一个可写的位置。") from exc
    print(f"已备份到 {out}（{size(out)}，仅本用户可读）")
    print(f"内容：{contents.summary()}")
    print("备份含人员信息和访问令牌，请像数据库一样妥善保管，并另存一份到本机以外。"
          f"恢复（只能恢复到空数据库）：yuebao restore {out}")
    return 0
