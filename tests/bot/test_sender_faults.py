"""The running sender under faults: a held, slow or rate-limited chat delays no other chat or platform, and a
sender killed in the middle of sending repeats at most what was in flight, says so, and is taken over soon."""
from __future__ import annotations

import asyncio
import collections
import datetime as dt
import logging
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.app import App, create_app
from bot.config import Settings
from bot.sender import OutboxSender
from bot.service import sender_loop
from handlers.clock import SystemClock
from handlers.messages import OutgoingMessage
from storage.models import OutboxMessage
from tests.support.chat_faults import FaultyTelegram, FaultyWeCom
from tests.support.cli import is_setting
from tests.support.rows import rows
from tests.support.tencent import SAMPLE_AES_KEY, SAMPLE_CORP_ID, SAMPLE_TOKEN

# PTB 22 warns about its own coming change whenever it builds a RetryAfter (a 429); the transport reads either form.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")
ROOT = Path(__file__).resolve().parents[2]
HELD, SLOW, HELD_USER = -100777, 555, "zhangsan"  # a group answered 429, a chat answered late, a user 45009


async def wait_until(done: Callable[[], bool], timeout: float) -> bool:
    """Whether `done()` came true within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


@pytest.fixture
async def fakes() -> AsyncIterator[tuple[FaultyTelegram, FaultyWeCom]]:
    async with FaultyTelegram() as telegram, FaultyWeCom(corp_id=SAMPLE_CORP_ID, agent_id="1000002") as wecom:
        yield telegram, wecom


@pytest.fixture
async def live_app(db_url: str, fakes: tuple[FaultyTelegram, FaultyWeCom]) -> AsyncIterator[App]:
    """The app on the real clock, sending to both fake platforms."""
    telegram, wecom = fakes
    settings = Settings(YUEBAO_DATABASE_URL=db_url, TELEGRAM_BOT_TOKEN="123:TEST", TELEGRAM_API_BASE=telegram.base_url,
                        WECOM_CORP_ID=SAMPLE_CORP_ID, WECOM_AGENT_ID="1000002", WECOM_SECRET="s3cret",
                        WECOM_TOKEN=SAMPLE_TOKEN, WECOM_AES_KEY=SAMPLE_AES_KEY, WECOM_API_BASE=wecom.base_url)
    app = await create_app(settings, clock=SystemClock())
    assert app.telegram is not None
    await app.telegram.start()
    try:
        yield app
    finally:
        await app.aclose()


async def enqueue(app: App, *messages: tuple[str, str, str]) -> None:
    """Queue (platform, chat, key) messages and wake the sender, as a handler's reply does."""
    async with app.uow() as store:
        await store.outbox.enqueue([OutgoingMessage(platform, chat, f"{key} 收到", key=key)
                                    for platform, chat, key in messages], app.clock.now())
    app.outbox_ready.set()


async def test_a_held_or_slow_chat_delays_no_other_chat_nor_platform(
        live_app: App, fakes: tuple[FaultyTelegram, FaultyWeCom]) -> None:
    telegram, wecom = fakes
    telegram.held[HELD] = 20
    telegram.slow[SLOW] = 1.5
    wecom.held.add(HELD_USER)
    stop = asyncio.Event()
    live_app.leadership.leading.set()
    loop = asyncio.create_task(sender_loop(live_app, stop))
    try:
        await enqueue(live_app, ("telegram", str(HELD), "held"), ("telegram", str(SLOW), "slow"),
                      ("wecom", HELD_USER, "held-wecom"))
        assert await wait_until(lambda: telegram.rejected_429 == 1 and len(telegram.calls_to("sendMessage")) == 0
                                and any(c.errcode == 45009 for c in wecom.calls), 5)
        started = time.monotonic()
        replies = [("telegram", str(2000 + i), f"reply{i}") for i in range(5)] + [("wecom", "lisi", "reply-wecom")]
        await enqueue(live_app, *replies)
        assert await wait_until(lambda: len(telegram.calls_to("sendMessage")) == 5
                                and len(wecom.messages_to("lisi")) == 1, 1.0)
        latency = time.monotonic() - started
    finally:
        stop.set()
        await asyncio.wait_for(loop, 5)
    assert latency < 1.0  # the slow chat answers 1.5 s after it was asked
    by_key = {r.key: r for r in await rows(live_app, OutboxMessage)}
    assert {k: by_key[k].status for k in ("slow", *[key for _, _, key in replies])} == dict.fromkeys(
        ("slow", *[key for _, _, key in replies]), "sent")
    for key, retry_after in (("held", 20), ("held-wecom", 60)):  # each held chat waits its own time, and only it
        row = by_key[key]
        assert (row.status, row.attempts) == ("pending", 1) and row.last_error and row.sent_at is None
        wait = row.next_try_at - dt.datetime.now(dt.UTC)
        assert dt.timedelta(seconds=retry_after - 5) < wait <= dt.timedelta(seconds=retry_after)


def child_env() -> dict[str, str]:
    """The environment without the developer's settings, importing this checkout (not an installed copy)."""
    return {**{k: v for k, v in os.environ.items() if not is_setting(k)}, "PYTHONPATH": str(ROOT)}


async def test_a_sender_killed_mid_send_repeats_at_most_what_was_in_flight_and_is_taken_over_in_seconds(
        live_app: App, fakes: tuple[FaultyTelegram, FaultyWeCom], db_url: str, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    telegram, _ = fakes
    telegram.lag = 0.2  # several requests in flight at any moment
    lease = 1.0
    plan = [("telegram", str(3000 + i), f"m{i:02d}") for i in range(60)]
    await enqueue(live_app, *plan)
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.support.sender_child", db_url, telegram.base_url, str(lease),
        cwd=tmp_path, env=child_env(), stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    try:
        arrived = await wait_until(lambda: len(telegram.calls_to("sendMessage")) >= 20, 30)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        _, err = await child.communicate()
    assert arrived, err.decode()
    in_flight = [r.key for r in await rows(live_app, OutboxMessage) if r.status == "sending"]

    sender = OutboxSender(live_app.db, live_app.transports, live_app.clock, lease=dt.timedelta(seconds=lease))
    stop = asyncio.Event()
    restarted = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="bot.sender"):
        run = asyncio.create_task(sender.run(stop, asyncio.Event(), lambda: True))
        done = len(plan)
        try:
            finished = await wait_until(lambda: len({c.params["text"] for c in telegram.calls_to("sendMessage")})
                                        == done, 10)
            taken = time.monotonic() - restarted
            await asyncio.sleep(0.3)  # what is still in flight lands and is recorded
        finally:
            stop.set()
            await run
    received = collections.Counter(c.params["text"].split()[0] for c in telegram.calls_to("sendMessage"))
    duplicates = sorted(key for key, n in received.items() if n > 1)
    assert finished and set(received) == {key for _, _, key in plan}  # nothing lost
    assert 1 <= len(in_flight) <= 32 and set(duplicates) <= set(in_flight)  # at most what was in flight went twice
    assert taken <= lease + 3.0  # not after a 5-minute lease
    assert {r.status for r in await rows(live_app, OutboxMessage)} == {"sent"}
    said = [r.getMessage() for r in caplog.records if "possibly sent" in r.getMessage()]
    assert len(said) == len(in_flight) and all(any(f"({key})" in line for line in said) for key in in_flight)
