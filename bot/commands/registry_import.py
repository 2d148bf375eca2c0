"""`yuebao import FILE.yaml`: load or update a township registry in one transaction."""
from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING

from bot.commands._common import opened_app, read_registry
from bot.config import Settings

if TYPE_CHECKING:
    from storage.repositories.registry_import import ImportSummary

KIND_NAMES = {"township": "乡镇", "village": "村", "grid": "网格", "person": "人员", "identity": "账号",
              "project": "项目", "milestone": "节点", "person_grid": "网格分工"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add `import`."""
    parser = sub.add_parser("import", help="导入名册 (import a registry YAML file)")
    parser.add_argument("file", help="registry YAML (see DESIGN.md, Registry file)")
    parser.set_defaults(run=run)


async def import_file(settings: Settings, path: str) -> ImportSummary:
    """Validate the whole file, then write it in one unit of work; nothing changes on error."""
    from storage.repositories.registry_import import RegistryImporter

    registry = read_registry(path, "未做任何修改")
    async with opened_app(settings) as app:
        async with app.uow() as store:
            return await RegistryImporter(store.session, app.clock.now()).run(registry)


def _counts(counter: dict[str, int]) -> str:
    return "，".join(f"{KIND_NAMES.get(k, k)} {n}" for k, n in counter.items()) or "无"


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Import and print what changed."""
    summary = asyncio.run(import_file(settings, args.file))
    print(f"已导入 {summary.township}。新增：{_counts(summary.created)}；更新：{_counts(summary.updated)}。")
    return 0
