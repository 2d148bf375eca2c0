"""The running service: HTTP server, outbox sender, recovery of unhandled messages, Telegram intake."""
from __future__ import annotations

import asyncio
import contextlib
import logging

import uvicorn
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from uvicorn.protocols.http.h11_impl import H11Protocol

from bot.app import App
from bot.heap import frozen_heap
from bot.http import build_http
from bot.masking import AccessLogScrubber
from scheduler.runner import run_due

log = logging.getLogger(__name__)

SENDER_RESTART = 1.0  # seconds before the sender starts again after an error (the database unreachable)
PENDING_EVERY = 30.0  # seconds between sweeps for stored-but-unhandled messages
TELEGRAM_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
CALENDAR_EVERY = 30  # seconds between looks at the calendar; each job fires at its time, once
READ_TIMEOUT = 10.0  # seconds a connection may sit without a whole request head (after opening or a response)
MAX_HEAD = 16 * 1024  # bytes of request line and headers


class GuardedH11(H11Protocol):
    """uvicorn's h11 protocol with a read deadline: a connection that has not sent a whole request head within
    READ_TIMEOUT to 2 × READ_TIMEOUT of opening (or of its last response) is closed. uvicorn times out only
    idle keep-alive connections, and any byte resets that, so a half-open or trickling client held its socket
    for good; a body that stalls is the app's to time out (bot.http)."""

    # uvicorn narrows asyncio.Protocol's BaseTransport to Transport here (and ignores the override itself).
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start watching the new connection."""
        super().connection_made(transport)
        self._watch = self.loop.call_later(READ_TIMEOUT, self._check, self.cycle)

    def _check(self, seen: object) -> None:
        cycle = self.cycle
        if cycle is seen and (cycle is None or cycle.response_complete):
            self.transport.close()  # no new request began since the last look: waiting for its head
        else:
            self._watch = self.loop.call_later(READ_TIMEOUT, self._check, cycle)

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop watching."""
        self._watch.cancel()
        super().connection_lost(exc)


async def _wait(stop: asyncio.Event, event: asyncio.Event | None, timeout: float) -> None:
    waiters = [asyncio.ensure_future(stop.wait())] + ([asyncio.ensure_future(event.wait())] if event else [])
    _, pending = await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    for waiter in pending:
        waiter.cancel()


async def sender_loop(app: App, stop: asyncio.Event) -> None:
    """Send whatever the outbox holds as it comes due (woken when replies are queued), while this instance leads."""
    while not stop.is_set():
        try:
            await app.sender.run(stop, app.outbox_ready, lambda: app.leadership.is_leader)
        except Exception:
            log.exception("outbox sender failed; starting again")
            await _wait(stop, None, SENDER_RESTART)


async def pending_loop(app: App, stop: asyncio.Event) -> None:
    """Handle messages that were stored but never handled (a crash between the two)."""
    while not stop.is_set():
        try:
            if app.leadership.is_leader and await app.pipeline.drain_pending():
                app.outbox_ready.set()
        except Exception:
            log.exception("inbox sweep failed; retrying")
        await _wait(stop, None, PENDING_EVERY)


async def calendar_tick(app: App) -> None:
    """One look at the calendar, by the leading instance only."""
    if not app.leadership.is_leader:
        return
    try:
        if await run_due(app.job_context(), app.clock.now()):
            app.outbox_ready.set()
    except Exception:
        log.exception("calendar tick failed; trying again at the next one")


def start_calendar(app: App) -> tuple[AsyncIOScheduler, asyncio.Task[None]]:
    """APScheduler drives the calendar: one job with a fixed id (so a restart never doubles it) looks at
    the calendar every CALENDAR_EVERY seconds and runs whatever is due and has not run (scheduler.runner).
    The first look happens as soon as this instance leads, to catch up on what was missed while down."""
    calendar = AsyncIOScheduler(timezone=app.settings.timezone)
    calendar.add_job(calendar_tick, IntervalTrigger(seconds=CALENDAR_EVERY), args=[app], id="calendar",
                     replace_existing=True, max_instances=1, coalesce=True)
    calendar.start()

    async def first_look() -> None:  # as soon as this instance leads: catch up on what was missed
        await app.leadership.leading.wait()
        await calendar_tick(app)
    return calendar, asyncio.create_task(first_look())


async def start_telegram(app: App, stop: asyncio.Event) -> asyncio.Task[None] | None:
    """Register the webhook, or start long polling when no public URL is configured."""
    adapter = app.telegram
    if adapter is None:
        return None
    me = await adapter.start()
    settings = app.settings
    if settings.telegram_webhook_url:
        await adapter.bot.set_webhook(settings.telegram_webhook_url,
                                      secret_token=settings.telegram_webhook_secret.get_secret_value() or None,
                                      allowed_updates=TELEGRAM_UPDATES)
        log.info("telegram @%s: webhook registered", me.username)
        return None
    log.info("telegram @%s: long polling (no TELEGRAM_WEBHOOK_URL)", me.username)
    return asyncio.create_task(adapter.poll(stop))


async def serve(app: App, host: str, port: int, stop: asyncio.Event | None = None) -> None:
    """Run everything until `stop` is set (or the HTTP server exits)."""
    with frozen_heap():
        await _serve(app, host, port, stop or asyncio.Event())


async def _serve(app: App, host: str, port: int, stop: asyncio.Event) -> None:
    if app.db.is_sqlite:
        log.warning("SQLite database: a single instance, which leads (use PostgreSQL to run several)")
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, AccessLogScrubber) for f in access.filters):  # one per process, however often served
        access.addFilter(AccessLogScrubber())
    server = uvicorn.Server(uvicorn.Config(build_http(app), host=host, port=port, log_level="info",
                                           lifespan="off", http=GuardedH11, h11_max_incomplete_event_size=MAX_HEAD))
    background = [asyncio.create_task(app.leadership.run(stop)), asyncio.create_task(sender_loop(app, stop)),
                  asyncio.create_task(pending_loop(app, stop))]
    calendar, first_look = start_calendar(app)
    background.append(first_look)
    polling = await start_telegram(app, stop)
    if polling is not None:
        background.append(polling)
    web = asyncio.create_task(server.serve())  # uvicorn handles SIGINT/SIGTERM and then returns
    stopper = asyncio.create_task(stop.wait())
    await asyncio.wait({web, stopper}, return_when=asyncio.FIRST_COMPLETED)
    server.should_exit = True
    stop.set()
    with contextlib.suppress(asyncio.CancelledError):
        await web
    calendar.shutdown(wait=False)
    for task in background:
        task.cancel()
    await asyncio.gather(*background, return_exceptions=True)
