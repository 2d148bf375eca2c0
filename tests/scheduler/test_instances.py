"""Several instances on one PostgreSQL: one leads, the others take over when it dies, nothing goes twice."""
from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App, create_app
from bot.config import Settings
from bot.leader import Leadership
from bot.registry_file import load_registry
from bot.service import calendar_tick
from handlers.clock import FakeClock
from scheduler.runner import run_due
from storage.repositories.registry_import import RegistryImporter
from tests.conftest import CST, REGISTRY, RecordingTransport
from tests.support.chat import registered

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
SECRETARIES = ("王建国", "储德胜", "汪海波", "刘春华", "王芳", "余志强")
REMINDER = "⏰ 3月月报今天截止"


@pytest.fixture
async def instances(db_url: str, clock: FakeClock, transport: RecordingTransport,
                    tmp_path: Path) -> AsyncIterator[list[App]]:
    settings = Settings(YUEBAO_DATABASE_URL=db_url, YUEBAO_FILES_DIR=str(tmp_path))
    apps = [await create_app(settings, clock=clock, transports={"console": transport}) for _ in range(3)]
    async with apps[0].uow() as store:
        await RegistryImporter(store.session, clock.now()).run(load_registry(REGISTRY))
    for name in SECRETARIES:
        await registered(apps[0], name)
    for app in apps:
        app.leadership = Leadership(app.db, every=0.2)
    try:
        yield apps
    finally:
        for app in apps:
            await app.leadership.resign()
            await app.aclose()


async def _leaders(apps: list[App], timeout: float = 30) -> list[App]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        leading = [a for a in apps if a.leadership.is_leader]
        if leading:
            return leading
        await asyncio.sleep(0.05)
    return []


async def test_one_leader_one_reminder_each_and_a_takeover_within_30_seconds(
        instances: list[App], clock: FakeClock, transport: RecordingTransport) -> None:
    stop = asyncio.Event()
    runs = [asyncio.create_task(app.leadership.run(stop)) for app in instances]
    try:
        leaders = await _leaders(instances)
        await asyncio.sleep(0.5)  # every instance has tried by now
        assert len([a for a in instances if a.leadership.is_leader]) == 1
        clock.set(dt.datetime(2026, 3, 31, 16, 0, tzinfo=CST))
        await asyncio.gather(*(calendar_tick(app) for app in instances))  # every timer fires
        # Even instances that wrongly believed they lead could not double anything:
        await asyncio.gather(*(run_due(app.job_context(), clock.now()) for app in instances))
        await leaders[0].sender.drain()
        received = Counter(chat for chat, payload in transport.sent for _ in range(payload["text"].count(REMINDER)))
        assert sorted(received.values()) == [1] * 6  # each of the six secretaries (none has reported) once
        # …in their one 今日待办 note of the day, with the month's other calendar notices that caught up.
        assert sorted(Counter(chat for chat, _ in transport.sent).values()) == [1] * 6

        holder = instances.index(leaders[0])
        started = time.monotonic()
        runs[holder].cancel()  # the leading process dies: its session, and with it the lock, ends
        await instances[holder].leadership.resign()
        others = [a for i, a in enumerate(instances) if i != holder]
        successors = await _leaders(others)
        assert len(successors) == 1 and time.monotonic() - started < 30
        clock.advance(dt.timedelta(minutes=1))
        await asyncio.gather(*(calendar_tick(app) for app in others))
        await successors[0].sender.drain()
        received = Counter(chat for chat, payload in transport.sent for _ in range(payload["text"].count(REMINDER)))
        assert sorted(received.values()) == [1] * 6  # still once each after the takeover
    finally:
        stop.set()
        await asyncio.gather(*runs, return_exceptions=True)
