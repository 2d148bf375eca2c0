"""`yuebao restore FILE`: a backup made by `yuebao backup` into an empty database, then migrated to this code."""
from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from bot.commands._common import CommandError
from bot.commands._errors import reaching_database, reason
from bot.commands.backup import database_url, progress, sqlite_file
from bot.config import Settings

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from storage.backup import Contents

ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add `restore`."""
    parser = sub.add_parser(
        "restore", help="从备份恢复到空数据库 (restore a backup into an empty database)",
        description="把 yuebao backup 生成的备份恢复到 YUEBAO_DATABASE_URL 指向的数据库。目标必须是空的（新文件或新建的"
                    "空库），否则什么都不改；备份来自旧版本时，恢复后自动升级到当前版本。")
    parser.add_argument("file", help="a backup made by yuebao backup (SQLite file, or pg_dump custom format)")
    parser.set_defaults(run=run)


def _check_revision(revision: str | None, path: Path) -> None:
    from storage.migrate import head_revision, known_revision

    if revision is None:
        raise CommandError(f"{path} 里没有 yuebao 的数据库版本表（alembic_version），不是 yuebao 数据库的备份，"
                           "没有做任何改动。")
    if not known_revision(revision):
        raise CommandError(f"{path} 来自更新版本的 yuebao（数据库版本 {revision}，本程序最高为 {head_revision()}），"
                           "没有做任何改动。请先升级 yuebao 再恢复。")


def _restore_sqlite(url: URL, path: Path) -> str:
    from storage.backup import read_sqlite, restore_sqlite

    _check_revision(read_sqlite(path).revision, path)  # read_sqlite checks the file before anything is written
    target = sqlite_file(url)
    restore_sqlite(path, target, progress("恢复中"))
    return str(target)


async def _restore_postgres(settings: Settings, url: URL, path: Path) -> str:
    from storage import pg_tools
    from storage.backup import database_tables, not_empty
    from storage.db import Database

    _check_revision(await asyncio.to_thread(pg_tools.dumped_revision, url, path), path)
    shown = url.render_as_string(hide_password=True)
    with reaching_database(settings.database_url, then="再恢复（恢复只写入空数据库）"):
        db = Database(settings.database_url)
        try:
            found = await database_tables(db)
        finally:
            await db.dispose()
    if found:
        raise not_empty(shown, found)
    print(f"PostgreSQL 数据库 {shown}：调用 pg_restore 恢复（全部成功才生效）…", flush=True)
    await asyncio.to_thread(pg_tools.restore, url, path)
    return shown


async def _bring_current(settings: Settings) -> tuple[str | None, Contents]:
    """Migrate the restored database to this code's schema; its revision before, and what it holds now."""
    from storage.backup import database_contents
    from storage.db import Database
    from storage.migrate import current_revision, head_revision, upgrade

    # An office restoring a backup (onto a new machine, after a failure) wants a database the installed yuebao
    # runs, not a second command to remember: the migrations are all or nothing and the backup file is left as
    # it was, so upgrading at once risks nothing.
    db = Database(settings.database_url)
    try:
        before = await current_revision(db)
        if before != head_revision():
            try:
                await upgrade(db)
            except Exception as exc:
                raise CommandError(f"数据已恢复，但升级到当前版本 {head_revision()} 没有成功。"
                                   "请运行 yuebao -v db upgrade 查看原因。") from exc
        return before, await database_contents(db)
    finally:
        await db.dispose()


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Restore, migrate, and say what the database now holds."""
    from storage.backup import BackupError, backup_kind
    from storage.migrate import head_revision

    path, url = Path(args.file), database_url(settings)
    engine = "sqlite" if url.get_backend_name() == "sqlite" else "postgresql"
    try:
        kind = backup_kind(path)
    except OSError as exc:
        raise CommandError(f"无法读取备份文件 {path}：{reason(exc)}。") from exc
    if kind is None:
        raise CommandError(f"{path} 不是 yuebao 的备份：既不是 SQLite 数据库文件，也不是 pg_dump 自定义格式（-Fc）"
                           "的导出。没有做任何改动。")
    if kind != engine:
        raise CommandError(f"{path} 是 {ENGINES[kind]} 数据库的备份，而 YUEBAO_DATABASE_URL 指向 {ENGINES[engine]} 数据库，"
                           f"没有做任何改动。请把 YUEBAO_DATABASE_URL 改为一个空的 {ENGINES[kind]} 数据库再恢复"
                           "（本命令不在两种数据库之间转换）。")
    try:
        target = _restore_sqlite(url, path) if engine == "sqlite" else asyncio.run(
            _restore_postgres(settings, url, path))
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"无法写入数据库 {url.database}：{reason(exc)}。请检查它所在的文件夹。") from exc
    before, contents = asyncio.run(_bring_current(settings))
    print(f"已从 {path} 恢复到 {target}")
    if before != head_revision():
        print(f"备份的数据库版本是 {before}，已自动升级到当前版本 {head_revision()}（即 yuebao db upgrade），"
              "备份文件本身没有改动。")
    print(f"内容：{contents.summary()}")
    print("可以启动服务了：yuebao run")
    return 0
