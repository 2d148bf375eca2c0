"""The outbox sender: delivers once, retries transient failures with backoff, gives up after 8 attempts."""
from __future__ import annotations

import datetime as dt
import random
from typing import Any

from bot.app import App
from bot.sender import MAX_ATTEMPTS, OutboxSender, backoff
from bot.transport import SendError
from handlers.clock import FakeClock
from handlers.messages import OutgoingMessage
from storage.models import OutboxMessage
from storage.repositories.outbox import SqlOutboxQueue
from tests.support.rows import rows


class FlakyTransport:
    """Fails the first `failures` sends with the given error, then delivers."""

    platform = "console"

    def __init__(self, failures: int, error: SendError) -> None:
        self.failures = failures
        self.error = error
        self.calls = 0
        self.delivered: list[str] = []

    async def send(self, chat_id: str, payload: dict[str, Any]) -> str | None:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        self.delivered.append(payload["text"])
        return f"m{self.calls}"


async def _enqueue(app: App, *keys: str) -> int:
    async with app.uow() as store:
        return await store.outbox.enqueue([OutgoingMessage("console", "c1", f"text {k}", key=k) for k in keys],
                                          app.clock.now())


async def _drain_until_quiet(app: App, sender: OutboxSender, clock: FakeClock) -> None:
    """Drain, jumping the clock to each retry time, until nothing is pending."""
    for _ in range(100):
        await sender.drain()
        async with app.db.transaction() as session:
            due = await SqlOutboxQueue(session).next_due_at(["console"])
        if due is None:
            return
        clock.set(max(due, clock.now()))
    raise AssertionError("outbox never became quiet")


async def test_enqueue_is_idempotent_and_drain_sends_each_once(app: App, clock: FakeClock) -> None:
    transport = FlakyTransport(0, SendError("-"))
    sender = OutboxSender(app.db, {"console": transport}, clock)
    assert await _enqueue(app, "a", "b") == 2
    assert await _enqueue(app, "a", "b", "c") == 1
    assert await sender.drain() == 3
    assert await sender.drain() == 0
    assert transport.delivered == ["text a", "text b", "text c"]
    assert [r.platform_message_id for r in await rows(app, OutboxMessage)] == ["m1", "m2", "m3"]


async def test_transient_failures_are_retried_with_growing_delays(app: App, clock: FakeClock) -> None:
    transport = FlakyTransport(3, SendError("502 Bad Gateway"))
    sender = OutboxSender(app.db, {"console": transport}, clock, rng=random.Random(1))
    await _enqueue(app, "k")
    start = clock.now()
    assert await sender.drain() == 0
    assert await sender.drain() == 0  # not due yet: no hammering
    assert transport.calls == 1
    await _drain_until_quiet(app, sender, clock)
    assert transport.delivered == ["text k"] and transport.calls == 4
    assert clock.now() - start >= dt.timedelta(seconds=1 + 2 + 4)  # at least half of 2 s, 4 s, 8 s
    (row,) = await rows(app, OutboxMessage)
    assert row.status == "sent" and row.attempts == 4 and row.last_error is None


async def test_dead_after_eight_attempts_with_the_error_kept(app: App, clock: FakeClock) -> None:
    transport = FlakyTransport(100, SendError("timeout"))
    sender = OutboxSender(app.db, {"console": transport}, clock)
    await _enqueue(app, "k")
    await _drain_until_quiet(app, sender, clock)
    (row,) = await rows(app, OutboxMessage)
    assert (row.status, row.attempts, row.last_error) == ("dead", MAX_ATTEMPTS, "timeout")
    assert transport.calls == MAX_ATTEMPTS


async def test_retry_after_is_honoured_and_permanent_errors_stop_at_once(app: App, clock: FakeClock) -> None:
    transport = FlakyTransport(1, SendError("429", retry_after=30))
    sender = OutboxSender(app.db, {"console": transport}, clock)
    await _enqueue(app, "k")
    await sender.drain()
    clock.advance(dt.timedelta(seconds=29))
    await sender.drain()
    assert transport.calls == 1
    clock.advance(dt.timedelta(seconds=1))
    await sender.drain()
    assert transport.delivered == ["text k"]

    blocked = FlakyTransport(1, SendError("403 bot was blocked by the user", permanent=True))
    await _enqueue(app, "p")
    await OutboxSender(app.db, {"console": blocked}, clock).drain()
    row = (await rows(app, OutboxMessage, key="p"))[0]
    assert row.status == "dead" and row.attempts == 1


def test_backoff_grows_and_is_capped() -> None:
    rng = random.Random(7)
    delays = [backoff(n, rng).total_seconds() for n in range(1, 12)]
    assert 1 <= delays[0] <= 2 and 8 <= delays[3] <= 16
    assert max(delays) <= 30 * 60
