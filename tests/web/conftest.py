"""The console in a real browser: the service's whole ASGI app on a real 127.0.0.1 socket, and headless Chromium
(Debian's package, driven by Playwright for Python). Without either, a test that asks for them is skipped with the
reason — except in CI, where .ci/run installs Chromium and a missing one is an error, as PostgreSQL's is."""
from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from bot.app import App
from bot.http import build_http
from tests.support.loopback import AppServer

if TYPE_CHECKING:
    from playwright.async_api import Browser

# Headless, and nothing that reaches beyond this machine: no updates, sync, QUIC probes or first-run pages.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    """Debian's Chromium, if installed."""
    return shutil.which("chromium") or next((p for p in ("/usr/bin/chromium",) if Path(p).exists()), None)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; .ci/run should have installed it")
    pytest.skip(reason)


@pytest.fixture
async def live(app: App) -> AsyncIterator[AppServer]:
    """`yuebao run`'s HTTP app (webhooks, /healthz, /console) on a real socket: `base_url` http://127.0.0.1:PORT."""
    async with AppServer(build_http(app)) as service:
        yield service


@pytest.fixture(scope="module")
async def chromium() -> AsyncIterator[Browser]:
    """One headless Chromium for the module (starting one takes about a second)."""
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    if executable is None:
        _unavailable("Chromium is not installed (apt-get install chromium)")
    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()


def watch(page: Any, problems: list[str], expected: set[str]) -> None:
    """Note every console error, page error, failed request and answer >= 400 of `page` in `problems`, except
    for URL paths in `expected` (a download aborts its navigation; a refusal a test asks for answers 403)."""
    from urllib.parse import urlsplit

    def path(url: str) -> str:
        return urlsplit(url).path

    page.on("console", lambda m: m.type == "error" and path(m.location.get("url", "")) not in expected
            and problems.append(f"console error: {m.text} ({m.location})"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: path(r.url) not in expected
            and problems.append(f"request failed: {r.method} {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and path(r.url) not in expected
            and problems.append(f"HTTP {r.status}: {r.request.method} {r.url}"))
