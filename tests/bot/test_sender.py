"""The outbox sender: delivers once, retries transient failures with backoff, gives up after 8 attempts."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from telegram import Bot

from bot.app import App
from bot.console import ConsoleTransport
from bot.pacing import Limits
from bot.send_records import MAX_ATTEMPTS, backoff
from bot.sender import OutboxSender
from bot.telegram.transport import TelegramTransport
from bot.transport import SendError, split_lines
from handlers.clock import FakeClock
from handlers.messages import Attachment, OutgoingMessage
from storage.models import OutboxMessage
from storage.repositories.outbox import SqlOutboxQueue
from tests.support.rows import rows


class FlakyTransport(ConsoleTransport):
    """Fails the first `failures` sends with the given error, then delivers."""

    def __init__(self, failures: int, error: SendError) -> None:
        super().__init__(lambda chat, text: None)
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


class _TopOfRange(random.Random):
    """Jitter that always picks the top of its range, so a delay shows its un-jittered value."""

    def uniform(self, a: float, b: float) -> float:
        return b


def test_backoff_grows_and_is_capped() -> None:
    cap = 30 * 60
    rng = random.Random(7)
    delays = [backoff(n, rng).total_seconds() for n in range(1, 21)]
    assert 1 <= delays[0] <= 2 and 8 <= delays[3] <= 16
    assert all(cap / 2 <= d <= cap for d in delays[10:])  # from the 11th failure on, 2 s * 2**10 is past the cap
    top = [backoff(n, _TopOfRange()).total_seconds() for n in range(1, 21)]
    assert top == [min(2.0 ** n, cap) for n in range(1, 21)] and top[-1] == cap


class PacedTransport(FlakyTransport):
    """Telegram-like: paced limits, numeric group ids, texts split at 20 characters, a virtual clock."""

    def __init__(self, limits: Limits, fail: dict[str, list[Exception]] | None = None) -> None:
        super().__init__(0, SendError("-"))
        self.limits = limits
        self.now = 0.0
        self.log: list[tuple[float, str, str]] = []
        self.fail = fail or {}

    def is_group(self, chat_id: str) -> bool:
        return chat_id.startswith("-")

    def direct_chat(self, platform_user_id: str) -> str:
        return platform_user_id

    def split(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        return [{**payload, "text": t} for t in split_lines(payload["text"], lambda s: len(s) <= 20)]

    async def send(self, chat_id: str, payload: dict[str, Any]) -> str | None:
        errors = self.fail.get(payload["text"])
        if errors:
            raise errors.pop(0)
        self.log.append((self.now, chat_id, payload["text"]))
        return str(len(self.log))

    async def sleep(self, seconds: float) -> None:
        self.now += seconds

    def monotonic(self) -> float:
        return self.now


def _paced(app: App, clock: FakeClock, transport: PacedTransport) -> OutboxSender:
    return OutboxSender(app.db, {"console": transport}, clock, monotonic=transport.monotonic,
                        sleep=transport.sleep, rng=random.Random(3))


async def _enqueue_to(app: App, *messages: tuple[str, str, str]) -> None:
    async with app.uow() as store:
        await store.outbox.enqueue([OutgoingMessage("console", chat, text, key=key) for key, chat, text in messages],
                                   app.clock.now())


async def test_pacing_keeps_per_chat_group_and_global_limits(app: App, clock: FakeClock) -> None:
    transport = PacedTransport(Limits(chat_interval=1.0, group_limit=3, group_window=10.0, global_limit=4,
                                      global_window=1.0, margin=0.0))
    await _enqueue_to(app, *[(f"g{i}", "-100", f"g{i}") for i in range(5)],
                      *[(f"p{c}{i}", f"{c}", f"p{c}{i}") for c in range(6) for i in range(2)])
    assert await _paced(app, clock, transport).drain() == 17
    times = {chat: [t for t, c, _ in transport.log if c == chat] for _, chat, _ in transport.log}
    for chat, sent in times.items():
        assert all(b - a >= 1.0 for a, b in zip(sent, sent[1:], strict=False)), chat
    group = times["-100"]
    assert group[3] - group[0] >= 10.0  # 3 per 10 s window
    stamps = sorted(t for t, _, _ in transport.log)
    assert all(stamps[i + 4] - stamps[i] >= 1.0 for i in range(len(stamps) - 4))  # 4 per second overall
    assert [text for _, c, text in transport.log if c == "-100"] == [f"g{i}" for i in range(5)]


async def test_a_429_holds_only_that_chat(app: App, clock: FakeClock) -> None:
    transport = PacedTransport(Limits(chat_interval=1.0, margin=0.0),
                               fail={"a1": [SendError("429", retry_after=5)]})
    await _enqueue_to(app, ("a1", "A", "a1"), ("a2", "A", "a2"), ("b1", "B", "b1"), ("b2", "B", "b2"))
    sender = _paced(app, clock, transport)
    assert await sender.drain() == 2  # the drain does not wait for chat A
    assert [(t, text) for t, _, text in transport.log] == [(0.0, "b1"), (1.0, "b2")]
    (a1,) = await rows(app, OutboxMessage, key="a1")
    assert (a1.status, a1.attempts, a1.next_try_at) == ("pending", 1, clock.now() + dt.timedelta(seconds=5))
    clock.advance(dt.timedelta(seconds=4))
    assert await sender.drain() == 0
    clock.advance(dt.timedelta(seconds=1))
    assert await sender.drain() == 2
    sent = {text: t for t, _, text in transport.log}
    assert sent["a2"] >= sent["a1"] + 1.0


async def test_long_texts_go_in_parts_in_order_and_a_retry_resumes_after_the_sent_parts(
        app: App, clock: FakeClock) -> None:
    lines = [f"第{i}行：进度正常" for i in range(1, 7)]  # 8-9 characters a line, 20 per part
    transport = PacedTransport(Limits(), fail={"\n".join(lines[2:4]): [SendError("502 Bad Gateway")]})
    await _enqueue_to(app, ("long", "C", "\n".join(lines)), ("after", "C", "之后的消息"))
    sender = _paced(app, clock, transport)
    assert await sender.drain() == 0
    assert [text for _, _, text in transport.log] == ["\n".join(lines[:2])]  # "after" waits: order kept
    (row,) = await rows(app, OutboxMessage, key="long")
    assert row.parts_sent == 1 and row.status == "pending"
    clock.advance(dt.timedelta(minutes=1))
    assert await sender.drain() == 2
    assert [text for _, _, text in transport.log] == ["\n".join(lines[i:i + 2]) for i in (0, 2, 4)] + ["之后的消息"]


async def test_admins_are_told_once_about_a_dead_message(app: App, clock: FakeClock) -> None:
    async with app.uow() as store:
        (admin,) = await store.people.by_name("程晓燕")
        await store.people.link_identity(admin.id, "console", "admin-1", clock.now())
    not_found = SendError("400 Bad Request: chat not found", permanent=True)
    transport = PacedTransport(Limits(), fail={"坏消息": [not_found]})
    await _enqueue_to(app, ("bad", "X", "坏消息"))
    sender = _paced(app, clock, transport)
    await sender.drain()
    await sender.drain()
    notices = [r for r in await rows(app, OutboxMessage) if r.key.startswith("dead:")]
    assert [(n.chat_id, n.status) for n in notices] == [("admin-1", "sent")]
    told = "\n".join(text for _, chat, text in transport.log if chat == "admin-1")
    assert "坏消息" in told and "chat not found" in told
    (row,) = await rows(app, OutboxMessage, key="bad")
    assert row.status == "dead"


def test_split_lines_cuts_at_line_boundaries_and_inside_overlong_lines() -> None:
    assert split_lines("aa\nbb\ncc", lambda s: len(s) <= 5) == ["aa\nbb", "cc"]
    assert split_lines("x" * 12, lambda s: len(s) <= 5) == ["xxxxx", "xxxxx", "xx"]
    assert split_lines("", lambda s: len(s) <= 5) == [""]
    text = "\n".join(f"{i:03d}" + "字" * 50 for i in range(200))
    parts = split_lines(text, lambda s: len(s.encode()) <= 2048)
    assert all(len(p.encode()) <= 2048 for p in parts) and "\n".join(parts) == text


class InFlightTransport(FlakyTransport):
    """Every send takes a moment (so several are in flight at once), except that chat "bad" fails at once,
    the first time, with an error that is no SendError (a stored file gone missing)."""

    def __init__(self) -> None:
        super().__init__(0, SendError("-"))
        self.broken = True

    async def send(self, chat_id: str, payload: dict[str, Any]) -> str | None:
        self.calls += 1
        if chat_id == "bad" and self.broken:
            self.broken = False
            raise FileNotFoundError(2, "No such file or directory", "/files/gone.jpg")
        await asyncio.sleep(0.05)
        self.delivered.append(payload["text"])
        return f"m{self.calls}"


async def test_an_unexpected_error_costs_one_attempt_and_the_sends_in_flight_are_recorded_once(
        app: App, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    transport = InFlightTransport()
    sender = OutboxSender(app.db, {"console": transport}, clock, rng=random.Random(5))
    await _enqueue_to(app, ("a", "A", "text a"), ("b", "B", "text b"), ("bad", "bad", "text bad"))
    with caplog.at_level(logging.ERROR, logger="bot.sender"):
        assert await sender.drain() == 2
    assert "Traceback" in caplog.text and "FileNotFoundError" in caplog.text
    by_key = {r.key: r for r in await rows(app, OutboxMessage)}
    assert [(by_key[k].status, by_key[k].attempts) for k in ("a", "b")] == [("sent", 1), ("sent", 1)]
    bad = by_key["bad"]
    assert (bad.status, bad.attempts, bad.last_error) == ("pending", 1, "unexpected FileNotFoundError")
    assert bad.next_try_at is not None
    await _drain_until_quiet(app, sender, clock)  # well past the lease: anything unrecorded would go again
    assert sorted(transport.delivered) == ["text a", "text b", "text bad"]
    assert (await rows(app, OutboxMessage, key="bad"))[0].attempts == 2


async def test_a_missing_stored_file_is_a_permanent_failure_on_telegram(
        app: App, clock: FakeClock, tmp_path: Path) -> None:
    gone = Attachment("photo", name="现场照片.jpg", stored_path=str(tmp_path / "gone.jpg"))
    async with app.uow() as store:
        await store.outbox.enqueue([OutgoingMessage("telegram", "42", "", key="f", attachments=(gone,))], clock.now())
    # The file is read before any request, so the Bot never talks to a server here.
    sender = OutboxSender(app.db, {"telegram": TelegramTransport(Bot("123:TEST"))}, clock)
    assert await sender.drain() == 0
    (row,) = await rows(app, OutboxMessage, key="f")
    assert (row.status, row.attempts, row.last_error) == ("dead", 1, "file gone.jpg: No such file or directory")


ROBOT_KEY = "693a91f6-7a2c-4bc4-97a0-0ec2a1b95e3d"


async def test_a_robot_webhook_key_never_shows_in_logs_or_the_admin_notice(
        app: App, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    async with app.uow() as store:
        (admin,) = await store.people.by_name("程晓燕")
        await store.people.link_identity(admin.id, "console", "admin-1", clock.now())
    robot = f"robot:{ROBOT_KEY}"
    # What an HTTP client's error says: the webhook URL, key and all.
    errors: list[Exception] = [RuntimeError(f"POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={ROBOT_KEY}"
                                            f" failed") for _ in range(MAX_ATTEMPTS)]
    transport = PacedTransport(Limits(), fail={"3月月报": errors})
    await _enqueue_to(app, (f"digest:console:{robot}", robot, "3月月报"))  # keys carry the chat id, as handlers make
    with caplog.at_level(logging.DEBUG):
        await _drain_until_quiet(app, _paced(app, clock, transport), clock)
    (row,) = await rows(app, OutboxMessage, key=f"digest:console:{robot}")
    assert (row.status, row.attempts) == ("dead", MAX_ATTEMPTS)
    (notice,) = [r for r in await rows(app, OutboxMessage) if r.key.startswith("dead:")]
    told = notice.payload["text"]  # whole, where the transport got it in 20-character parts
    assert notice.status == "sent" and "3月月报" in told and f"发往 console:robot:…{ROBOT_KEY[-4:]}\n" in told
    assert "Traceback" in caplog.text and "is dead" in caplog.text
    assert ROBOT_KEY not in caplog.text and ROBOT_KEY not in told
    assert ROBOT_KEY[:8] not in caplog.text + told  # no long piece of it either


async def _lease_ran_out(app: App, key: str, attempts: int) -> None:
    """Make a message look as a sender that died mid-send left it: leased, attempts counted, lease over."""
    async with app.db.transaction() as session:
        await session.execute(update(OutboxMessage).where(OutboxMessage.key == key).values(
            status="sending", attempts=attempts, next_try_at=app.clock.now() - dt.timedelta(seconds=1)))


async def test_a_message_left_in_flight_goes_again_logged_as_possibly_sent(
        app: App, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    transport, key = FlakyTransport(0, SendError("-")), "remind:month-end:2026-03:千佛塔村"
    await _enqueue(app, key, "poison")
    await _lease_ran_out(app, key, 1)
    await _lease_ran_out(app, "poison", MAX_ATTEMPTS)  # every attempt so far ended with its sender gone
    with caplog.at_level(logging.WARNING, logger="bot.sender"):
        assert await OutboxSender(app.db, {"console": transport}, clock).drain() == 1
    assert transport.delivered == [f"text {key}"]
    said = [r.getMessage() for r in caplog.records if "possibly sent" in r.getMessage()]
    assert len(said) == 2 and f"({key})" in said[0]
    by_key = {r.key: r for r in await rows(app, OutboxMessage)}
    assert (by_key[key].status, by_key[key].attempts) == ("sent", 2)
    assert (by_key["poison"].status, by_key["poison"].last_error) == ("dead", "the sender stopped during every attempt")


async def test_a_timed_out_request_is_retried_and_logged_as_possibly_sent(
        app: App, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    transport = FlakyTransport(1, SendError("network: Timed out", possibly_sent=True))
    await _enqueue(app, "k")
    with caplog.at_level(logging.WARNING, logger="bot.sender"):
        await _drain_until_quiet(app, OutboxSender(app.db, {"console": transport}, clock), clock)
    assert transport.delivered == ["text k"]
    assert any("outbox 1 (k) possibly sent: network: Timed out" in r.getMessage() for r in caplog.records)
