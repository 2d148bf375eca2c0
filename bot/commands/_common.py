"""What the commands share: opening the app, finding a person, reading a registry, refusing in one line.

Cheap to import: the application is loaded only when a command runs, so `yuebao --help` stays fast.
"""
from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING

from bot.commands._errors import CommandError, reaching_database, reason
from bot.config import Settings

if TYPE_CHECKING:
    from bot.app import App
    from bot.transport import Transport
    from handlers.refs import PersonRef
    from handlers.registry import Organisation, Registry

__all__ = ["CommandError", "find_person", "opened_app", "read_registry", "read_roster"]  # CommandError: what commands raise


@contextlib.asynccontextmanager
async def opened_app(settings: Settings, transports: Mapping[str, Transport] | None = None, *,
                     platforms: bool = False) -> AsyncIterator[App]:
    """The app on the configured database; CommandError if the schema is not current or the database unreachable."""
    from bot.app import create_app
    from storage.migrate import DatabaseNotMigrated

    # Only `yuebao run` (under the leader lock) asks for `platforms`; other commands must not message people.
    try:
        with reaching_database(settings.database_url):
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
        async with app.uow() as store:
            left = [t.name for t in await store.townships.all() if township in (None, t.name)
                    and (p := await store.roster.person(t.id, name)) is not None and not p.active]
        if left:
            raise CommandError(f"“{name}”已停用（{'、'.join(left)}，不在当前名册中），不能办理。"
                               "如需重新启用，请把其加回名册后导入。")
        raise CommandError(f"没有找到登记的人员“{name}”。请先用 yuebao import 导入名册。")
    if len(found) > 1:
        towns = "、".join(p.township for p in found)
        raise CommandError(f"“{name}”在多个乡镇都有（{towns}），请加 --township 指定。")
    return found[0]


def read_registry(path: str, refusal: str) -> Registry:
    """The township registry in `path`; CommandError listing every problem (after `refusal`) or why it cannot be
    read."""
    return read_roster(path, refusal).townships[0]


def read_roster(path: str, refusal: str, existing: Organisation | None = None) -> Organisation:
    """The roster in `path` (YAML, the 名册 workbook or one of its sheets as CSV; sheets the file does not hold
    come from `existing`); CommandError listing every problem (after `refusal`) or why it cannot be read."""
    from bot.roster.reader import load_roster
    from handlers.registry import RegistryError

    try:
        return load_roster(path, existing)
    except OSError as exc:
        raise CommandError(f"无法读取名册 {path}：{reason(exc)}。请检查文件路径。") from exc
    except RegistryError as exc:
        if len(exc.problems) == 1:
            raise CommandError(f"名册 {path} 有误，{refusal}：{exc}") from None
        lines = "\n".join(f"  {problem}" for problem in exc.problems)
        raise CommandError(f"名册 {path} 有 {len(exc.problems)} 处错误，{refusal}：\n{lines}") from None
