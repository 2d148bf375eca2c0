"""`yuebao db upgrade`: apply the schema migrations."""
from __future__ import annotations

import argparse
import asyncio

from bot.config import Settings
from storage.db import Database
from storage.migrate import current_revision, head_revision, upgrade


def register(sub: argparse._SubParsersAction) -> None:
    """Add `db` with its `upgrade` and `status` actions."""
    parser = sub.add_parser("db", help="数据库迁移 (database migrations)")
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    actions.add_parser("upgrade", help="升级数据库到最新版本 (apply migrations)").set_defaults(run=run_upgrade)
    actions.add_parser("status", help="显示数据库版本 (show schema version)").set_defaults(run=run_status)


async def _upgrade(settings: Settings) -> str:
    db = Database(settings.database_url)
    try:
        await upgrade(db)
        return db.safe_url()
    finally:
        await db.dispose()


def run_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    """Apply every pending migration."""
    url = asyncio.run(_upgrade(settings))
    print(f"数据库已是最新版本（{head_revision()}）：{url}")
    return 0


async def _status(settings: Settings) -> str | None:
    db = Database(settings.database_url)
    try:
        return await current_revision(db)
    finally:
        await db.dispose()


def run_status(args: argparse.Namespace, settings: Settings) -> int:
    """Print the database's schema version against this code's."""
    current, head = asyncio.run(_status(settings)), head_revision()
    print(f"当前版本：{current or '未初始化'}；最新版本：{head}")
    return 0 if current == head else 1
