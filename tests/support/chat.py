"""Talking to the app in tests the way a platform adapter would."""
from __future__ import annotations

from bot.app import App
from bot.console import ConsoleUser


async def registered(app: App, name: str) -> ConsoleUser:
    """A console user linked to the registered person `name`."""
    async with app.uow() as store:
        (person,) = await store.people.by_name(name)
        await store.people.link_identity(person.id, "console", f"person:{person.id}", app.clock.now())
    return ConsoleUser(app, f"person:{person.id}", name)
