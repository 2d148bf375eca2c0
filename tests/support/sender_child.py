"""A sender alone in a process, for a test to kill in the middle of sending (SIGKILL):

    python -m tests.support.sender_child DATABASE_URL TELEGRAM_API_BASE LEASE_SECONDS

It sends what the outbox holds to Telegram (bot token 123:TEST) until it is killed.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import sys

from bot.app import create_app
from bot.config import Settings
from bot.sender import OutboxSender
from handlers.clock import SystemClock


async def main(url: str, api_base: str, lease: float) -> None:
    """Send until killed."""
    settings = Settings(YUEBAO_DATABASE_URL=url, TELEGRAM_BOT_TOKEN="123:TEST", TELEGRAM_API_BASE=api_base)
    app = await create_app(settings, clock=SystemClock())
    assert app.telegram is not None
    await app.telegram.start()
    sender = OutboxSender(app.db, app.transports, app.clock, lease=dt.timedelta(seconds=lease))
    await sender.run(asyncio.Event(), app.outbox_ready, lambda: True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3])))
