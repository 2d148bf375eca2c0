"""What the database-backed commands share: opening the app and reporting a refusal in one line."""
from __future__ import annotations

import contextlib
import sys
from collections.abc import AsyncIterator, Mapping

from bot.app import App, create_app
from bot.config import Settings
from bot.transport import Transport
from handlers.ports import PersonRef
from storage.migrate import DatabaseNotMigrated


class CommandError(Exception):
    """A problem to show the user in one line; the command exits with status 2."""


@contextlib.asynccontextmanager
async def opened_app(settings: Settings, transports: Mapping[str, Transport] | None = None, *,
                     platforms: bool = False) -> AsyncIterator[App]:
    """The app on the configured database; CommandError if the schema is not current."""
    # Only `yuebao run` (under the leader lock) asks for `platforms`; other commands must not message people.
    try:
        app = await create_app(settings, transports=transports, platforms=platforms)
    except DatabaseNotMigrated as exc:
        raise CommandError(str(exc)) from None
    try:
        yield app
    finally:
        await app.aclose()


async def find_person(app: App, name: str, township: str | None) -> PersonRef:
    """The one registered person called `name`; CommandError when none or several."""
    async with app.uow() as store:
        found = await store.people.by_name(name, township)
    if not found:
        raise CommandError(f"没有找到登记的人员“{name}”。请先用 yuebao import 导入名册。")
    if len(found) > 1:
        towns = "、".join(p.township for p in found)
        raise CommandError(f"“{name}”在多个乡镇都有（{towns}），请加 --township 指定。")
    return found[0]


def report(exc: CommandError) -> int:
    """Print a command error to stderr; the exit status for it."""
    print(f"错误：{exc}", file=sys.stderr)
    return 2
