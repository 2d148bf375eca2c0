"""Signing in to the console the way a person does: "网页" in chat, then the link, over HTTP to the ASGI app."""
from __future__ import annotations

import itertools
import re
from typing import Protocol

import httpx

from bot.app import App
from bot.console import ConsoleUser
from bot.http import build_http
from tests.support.chat import registered

_asked = itertools.count(1)
LINK = re.compile(r"(https?://\S+/console/login\?token=[A-Za-z0-9_-]+)")


class Texts(Protocol):
    def texts(self, chat_id: str | None = None) -> list[str]: ...


async def link_for(app: App, name: str, sent: Texts) -> str:
    """Ask for a sign-in link in the private chat as `name`; the link the bot sent."""
    chat = await registered(app, name)
    # Its own message keys: another ConsoleUser of the same person would repeat "…:1", which the inbox drops as a retry.
    user = ConsoleUser(app, chat.sender.id, name, key_prefix=f"{chat.sender.id}:web{next(_asked)}")
    before = len(sent.texts())
    await user.say("网页")
    found = [m.group(1) for text in sent.texts()[before:] for m in [LINK.search(text)] if m]
    assert found, sent.texts()[before:]
    return found[-1]


def client(app: App) -> httpx.AsyncClient:
    """An HTTP client of the service's ASGI app (no socket)."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=build_http(app)), base_url="http://127.0.0.1:8080")


async def signed_in(app: App, name: str, sent: Texts) -> httpx.AsyncClient:
    """A client with `name`'s console session (the link opened, its button pressed)."""
    link = await link_for(app, name, sent)
    http = client(app)
    page = await http.get(link)
    assert page.status_code == 200, page.text
    token = re.search(r'name="token" value="([^"]+)"', page.text)
    assert token is not None
    answer = await http.post("/console/login", data={"token": token.group(1)})
    assert answer.status_code == 303, answer.text
    return http
