"""Parser speed over the dev corpus, against storing the same messages in the inbox, in one run.

    python bench/parse.py [--corpus FILE] [--registry FILE] [--repeat N]

Parsing must cost no more than storing the raw message (ratio ≤ 1.0): the inbox insert, one
transaction per message on SQLite, is the unavoidable work every message already pays.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import engines, migrated, run  # noqa: E402
from bot.registry_file import load_registry  # noqa: E402
from handlers.messages import Chat, IncomingMessage, Sender, message_to_dict  # noqa: E402
from handlers.parse import MessageParser  # noqa: E402
from storage.repositories.inbox import SqlInbox  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
TARGET = 1.0


def _cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "dev.jsonl")
    parser.add_argument("--registry", type=Path, default=SHARED / "registry.yaml")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    registry = load_registry(args.registry)
    cases = _cases(args.corpus)
    reader = MessageParser(registry)
    people = {p.name: p for p in registry.people}
    inputs = [(c["text"], people[c["sender"]], dt.datetime.fromisoformat(c["now"])) for c in cases]

    start = time.perf_counter()
    for _ in range(args.repeat):
        for text, sender, now in inputs:
            reader.parse(text, sender, now)
    parse_each = (time.perf_counter() - start) / (args.repeat * len(inputs))

    with engines(with_postgres=False) as make:
        async with migrated(make("inbox")) as db:
            messages = [IncomingMessage("bench", f"{r}-{i}", Chat("c"), Sender(c["sender"]), c["text"],
                                        dt.datetime.fromisoformat(c["now"]))
                        for r in range(args.repeat) for i, c in enumerate(cases)]
            start = time.perf_counter()
            for msg in messages:
                async with db.transaction() as session:
                    # Stored as the console and the demo store theirs: the core's form, as JSON text.
                    raw = json.dumps(message_to_dict(msg), ensure_ascii=False)
                    await SqlInbox(session).add(msg.platform, msg.key, raw, msg.sent_at, form="message")
            store_each = (time.perf_counter() - start) / len(messages)

    ratio = parse_each / store_each
    print(f"parse  {1 / parse_each:8.0f} msg/s  ({parse_each * 1e6:6.0f} µs each, {len(cases)} cases × {args.repeat})")
    print(f"inbox  {1 / store_each:8.0f} msg/s  ({store_each * 1e6:6.0f} µs each, SQLite, one transaction each)")
    print(f"parse/store ratio {ratio:.2f} (target ≤ {TARGET})")


if __name__ == "__main__":
    run(main)
