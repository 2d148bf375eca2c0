"""`yuebao db upgrade`: apply the schema migrations."""
from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from bot.commands._errors import reaching_database
from bot.config import Settings

if TYPE_CHECKING:
    from storage.db import Database

T = TypeVar("T")


def register(sub: argparse._SubParsersAction) -> None:
    """Add `db` with its `upgrade` and `status` actions."""
    parser = sub.add_parser("db", help="数据库迁移 (database migrations)")
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    actions.add_parser("upgrade", help="升级数据库到最新版本 (apply migrations)").set_defaults(run=run_upgrade)
    actions.add_parser("status", help="显示数据库版本 (show schema version)").set_defaults(run=run_status)


async def _on_database(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    from storage.db import Database

    with reaching_database(settings.database_url):
        db = Database(settings.database_url)
        try:
            return await work(db)
        finally:
            await db.dispose()


def run_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    """Apply every pending migration."""
    from storage.migrate import head_revision, upgrade

    async def upgraded(db: Database) -> str:
        await upgrade(db)
        return db.safe_url()

    url = asyncio.run(_on_database(settings, upgraded))
    print(f"数据库已是最新版本（{head_revision()}）：{url}")
    return 0


def run_status(args: argparse.Namespace, settings: Settings) -> int:
    """Print the database's schema version against this code's."""
    from storage.migrate import current_revision, head_revision

    current, head = asyncio.run(_on_database(settings, current_revision)), head_revision()
    print(f"当前版本：{current or '未初始化'}；最新版本：{head}")
    return 0 if current == head else 1
