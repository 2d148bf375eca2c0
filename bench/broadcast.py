"""3,000 messages to 300 group chats and 200 private chats through the real sender, against a fake Bot API
server that enforces Telegram's flood limits (1/s per chat, 20/min per group, 30/s overall).

    python bench/broadcast.py [--groups 300] [--privates 200] [--messages 3000]

Prints messages lost (target 0), duplicates (target 0), 429s received (target 0) and efficiency: the
least time the limits allow for these messages ÷ the time taken from first to last arrival (target ≥ 0.9).
"""
from __future__ import annotations

import argparse
import collections
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import engines, migrated, run  # noqa: E402
from bot.app import create_app  # noqa: E402
from bot.config import Settings  # noqa: E402
from handlers.clock import SystemClock  # noqa: E402
from handlers.messages import OutgoingMessage  # noqa: E402
from tests.support.fake_telegram import FakeTelegram  # noqa: E402


def least_time(per_chat: collections.Counter[str], total: int) -> float:
    """Seconds from first to last message that Telegram's limits allow at best."""
    overall = math.ceil(total / 30) - 1
    chat = max(n - 1 for n in per_chat.values())
    group = max(((n - 1) // 20) * 60 for chat_id, n in per_chat.items() if chat_id.startswith("-"))
    return float(max(overall, chat, group))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=300)
    parser.add_argument("--privates", type=int, default=200)
    parser.add_argument("--messages", type=int, default=3000)
    args = parser.parse_args()
    chats = [str(-1000000 - i) for i in range(args.groups)] + [str(500000 + i) for i in range(args.privates)]
    # A broadcast as the scheduler makes it: round after round, one message to every chat.
    plan = [(chats[i % len(chats)], f"m{i:05d}") for i in range(args.messages)]

    with engines(with_postgres=False) as make:
        url = make("broadcast")
        async with migrated(url):
            pass
        async with FakeTelegram() as fake:
            settings = Settings(YUEBAO_DATABASE_URL=url, TELEGRAM_BOT_TOKEN="123:TEST",
                                TELEGRAM_API_BASE=fake.base_url)
            app = await create_app(settings, clock=SystemClock())
            try:
                assert app.telegram is not None
                await app.telegram.start()
                async with app.uow() as store:
                    await store.outbox.enqueue([OutgoingMessage("telegram", chat, f"{key} 本月进展提醒", key=key)
                                                for chat, key in plan], app.clock.now())
                started = time.monotonic()
                delivered = await app.sender.drain()
                wall = time.monotonic() - started
            finally:
                await app.aclose()
            sends = [c for c in fake.calls_to("sendMessage")]
            received = collections.Counter(c.params["text"].split()[0] for c in sends)
            arrivals = [c.at for c in sends]
            taken = max(arrivals) - min(arrivals) if arrivals else float("inf")
            rejected = fake.rejected_429

    wanted = {key for _, key in plan}
    lost = len(wanted - set(received))
    duplicates = sum(n - 1 for n in received.values() if n > 1)
    best = least_time(collections.Counter(chat for chat, _ in plan), len(plan))
    print(f"messages {len(plan)} to {args.groups} groups + {args.privates} private chats; "
          f"delivered {delivered} in {wall:.1f} s (first→last arrival {taken:.1f} s)")
    print(f"lost {lost} (target 0)   duplicates {duplicates} (target 0)   429s received {rejected} (target 0)")
    print(f"efficiency {best / taken:.3f} = least time the limits allow {best:.0f} s ÷ time taken {taken:.1f} s "
          f"(target ≥ 0.9)")


if __name__ == "__main__":
    run(main)
