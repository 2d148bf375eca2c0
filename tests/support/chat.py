"""Talking to the app in tests the way a platform adapter would."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from bot.app import App
from bot.console import ConsoleUser
from bot.registry_file import load_registry
from storage.repositories.registry_import import RegistryImporter


async def registered(app: App, name: str) -> ConsoleUser:
    """A console user linked to the registered person `name`."""
    async with app.uow() as store:
        (person,) = await store.people.by_name(name)
        await store.people.link_identity(person.id, "console", f"person:{person.id}", app.clock.now())
    return ConsoleUser(app, f"person:{person.id}", name)


def with_people(registry: Path, folder: Path, *people: dict[str, Any],
                villages: tuple[dict[str, Any], ...] = ()) -> Path:
    """A copy of `registry` in `folder` with extra people (e.g. a contact official the registry gives no village)."""
    data = yaml.safe_load(registry.read_text(encoding="utf-8"))
    data["people"].extend(people)
    data["villages"].extend(villages)
    path = folder / "registry-with-extra-people.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


async def import_with(app: App, registry: Path, now: dt.datetime, folder: Path, *people: dict[str, Any]) -> None:
    """Import `registry` with extra people added."""
    async with app.uow() as store:
        await RegistryImporter(store.session, now).run(load_registry(with_people(registry, folder, *people)))
