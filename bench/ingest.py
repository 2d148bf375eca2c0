"""Messages/second through inbox → router → a trivial handler → outbox, against a bare insert of the same rows.

    python bench/ingest.py [--messages N]

The baseline writes, per message, the same inbox row and outbox row in one transaction with plain
SQLAlchemy Core on the same driver: the unavoidable cost of never losing a message. The pipeline
adds everything else (identity lookup, routing, savepoint, status update, a second commit so the
raw message is durable before any handler runs). Target: pipeline ≥ 50% of the baseline.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from bench._common import engines, migrated, run, timed  # noqa: E402
from bot.app import create_app  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.registry_file import load_registry  # noqa: E402
from handlers.clock import SystemClock  # noqa: E402
from handlers.messages import Chat, IncomingMessage, OutgoingMessage, Sender, message_to_dict  # noqa: E402
from storage.models import InboxMessage, OutboxMessage  # noqa: E402
from storage.repositories.outbox import outgoing_payload  # noqa: E402
from storage.repositories.registry_import import RegistryImporter  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "bot" / "demo" / "sample_registry.yaml"
TARGET = 0.5


def _messages(n: int, tag: str) -> list[IncomingMessage]:
    now = dt.datetime.now(dt.UTC)
    return [IncomingMessage("console", f"{tag}-{i}", Chat("dm:bench"), Sender("bench-user", "bench"), "在吗", now)
            for i in range(n)]


async def bare_insert(url: str, n: int) -> float:
    """Seconds to insert n inbox rows and n outbox rows, one transaction per message."""
    async with migrated(url) as db:
        messages = _messages(n, "bare")

        async def work() -> None:
            for msg in messages:
                now = dt.datetime.now(dt.UTC)
                reply = OutgoingMessage("console", msg.chat.id, "在的。", key=f"reply:console:{msg.key}:0")
                async with db.transaction() as session:
                    await session.execute(insert(InboxMessage).values(
                        platform=msg.platform, message_key=msg.key, raw=json.dumps(message_to_dict(msg)),
                        form="message", chat_id=msg.chat.id, sender_id=msg.sender.id, text=msg.text,
                        received_at=now, status="done", processed_at=now))
                    await session.execute(insert(OutboxMessage).values(
                        key=reply.key, platform="console", chat_id=reply.chat_id, payload=outgoing_payload(reply),
                        urgent=False, status="pending", attempts=0, next_try_at=now, created_at=now))
        return await timed(work)


async def pipeline(url: str, n: int) -> float:
    """Seconds to run n messages through the real pipeline (sender excluded)."""
    async with migrated(url):
        pass
    app = await create_app(Settings(YUEBAO_DATABASE_URL=url), clock=SystemClock())
    try:
        async with app.uow() as store:
            await RegistryImporter(store.session, app.clock.now()).run(load_registry(SAMPLE))
            (person,) = await store.people.by_name("黄志明")
            await store.people.link_identity(person.id, "console", "bench-user", app.clock.now())
        messages = _messages(n, "pipe")

        async def work() -> None:
            for msg in messages:
                await app.pipeline.handle(msg)
        return await timed(work)
    finally:
        await app.aclose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    args = parser.parse_args()
    n = args.messages
    worst = None
    with engines() as make:
        names = ["sqlite"] + (["pg:pg"] if make.has_postgres else [])
        for name in names:
            base = n / await bare_insert(make(f"{name}-bare"), n)
            pipe = n / await pipeline(make(f"{name}-pipe"), n)
            ratio = pipe / base
            worst = ratio if worst is None else min(worst, ratio)
            engine = "PostgreSQL" if name.startswith("pg:") else "SQLite"
            print(f"{engine:<10} bare insert {base:8.0f} msg/s   pipeline {pipe:8.0f} msg/s   ratio {ratio:.2f}")
        if not make.has_postgres:
            print("PostgreSQL not installed: measured SQLite only")
    print(f"worst ratio {worst:.2f} (target ≥ {TARGET})")


if __name__ == "__main__":
    run(main)
