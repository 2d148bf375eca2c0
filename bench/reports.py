"""Reports/second end to end (message in → parsed → stored → card in the outbox) for 1,000 villages at once.

    python bench/reports.py [--villages N] [--concurrency C] [--rounds R]

Every village's secretary sends one progress report in the same burst (a new month each round, so
every report is a new record). The baseline is the foundation's bare pipeline, measured in the same
run and alternating with it: the same senders sending a message that a trivial handler answers
(inbox → router → handler → outbox). The township's parser is warmed by one report first, filed for
the month before the first round (the parser and its registry index are built once per registry
version, not per burst; a greeting does not build them). Prints the median of the rounds' ratios.
Target: reports at ≥ 0.5 of the bare pipeline's rate.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import engines, migrated, run, timed  # noqa: E402
from bot.app import App, create_app  # noqa: E402
from bot.config import Settings  # noqa: E402
from handlers.clock import FakeClock  # noqa: E402
from handlers.messages import Chat, IncomingMessage, Sender  # noqa: E402
from handlers.registry_reader import registry_from_mapping  # noqa: E402
from storage.repositories.registry_import import RegistryImporter  # noqa: E402

TARGET = 0.5
CST = dt.timezone(dt.timedelta(hours=8))
_SYLLABLES = "青石桃李杨柳松竹梅兰溪河山岭塘湾坪坝沟岗峰源泉桥庄寨冲岩田丰安和平新华光明德福寿康宁东西南北"
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程魏苏吕丁任沈姚卢"
_GIVEN = "建国志强春华海波德胜明亮小兵桂英晓燕立新国华秀兰大勇立平红军玉兰文学永福"
REPORT = "本月完成道路硬化{km}公里，新修水渠{m}米，整体进度{p}%。存在问题：资金缺口较大。下步计划：继续推进。"


def generated_registry(villages: int) -> dict:
    """A county-sized registry: each village with one secretary and one project."""
    names = [a + b + "村" for a, b in itertools.permutations(_SYLLABLES, 2)][:villages]
    people_names = [s + a + b for s in _SURNAMES for a, b in itertools.permutations(_GIVEN[:12], 2)]
    if len(names) < villages or len(people_names) < villages:
        raise SystemExit(f"can generate at most {min(len(names), len(people_names))} villages")
    return {
        "township": "压测镇", "county": "压测县", "timezone": "Asia/Shanghai",
        "villages": [{"name": n, "grids": ["一组"]} for n in names],
        "people": [{"name": "镇领导", "role": "township_leader"}]
        + [{"name": people_names[i], "role": "secretary", "village": n} for i, n in enumerate(names)],
        "projects": [{"id": f"P{i:05d}", "title": f"{n}产业振兴示范项目", "village": n, "owner": people_names[i],
                      "deadline": "2026-12-31", "weight": 10} for i, n in enumerate(names)],
    }


async def _setup(url: str, villages: int, clock: FakeClock) -> tuple[App, list[str]]:
    async with migrated(url):
        pass
    app = await create_app(Settings(YUEBAO_DATABASE_URL=url), clock=clock)
    registry = registry_from_mapping(generated_registry(villages))
    secretaries = [p.name for p in registry.people if p.role == "secretary"]
    async with app.uow() as store:
        await RegistryImporter(store.session, clock.now()).run(registry)
        for name in secretaries:
            (person,) = await store.people.by_name(name)
            await store.people.link_identity(person.id, "console", f"u{person.id}", clock.now())
    async with app.uow() as store:
        ids = [f"u{(await store.people.by_name(n))[0].id}" for n in secretaries]
    return app, ids


async def _burst(app: App, messages: list[IncomingMessage], concurrency: int) -> float:
    gate = asyncio.Semaphore(concurrency)

    async def one(msg: IncomingMessage) -> None:
        async with gate:
            await app.pipeline.handle(msg)

    return await timed(lambda: asyncio.gather(*(one(m) for m in messages)))


def _messages(senders: list[str], tag: str, text: str | None, now: dt.datetime) -> list[IncomingMessage]:
    return [IncomingMessage("console", f"{tag}-{i}", Chat(f"dm:{s}"), Sender(s), text or REPORT.format(
        km=1 + i % 5, m=100 + i % 300, p=10 + i % 80), now) for i, s in enumerate(senders)]


async def measure(url: str, villages: int, concurrency: int, rounds: int) -> list[tuple[float, float, int]]:
    """Per round: (bare pipeline msg/s, reports/s, reports stored that month), on one fresh database."""
    clock = FakeClock(dt.datetime(2026, 2, 20, 10, 0, tzinfo=CST))
    app, senders = await _setup(url, villages, clock)
    results = []
    try:
        await app.pipeline.handle(_messages(senders[:1], "warm", None, clock.now())[0])
        for month in range(3, 3 + rounds):
            clock.set(dt.datetime(2026, month, 20, 10, 0, tzinfo=CST))
            tag = f"{month:02d}"
            bare = villages / await _burst(app, _messages(senders, f"ping{tag}", "在吗", clock.now()), concurrency)
            reports = villages / await _burst(app, _messages(senders, f"report{tag}", None, clock.now()), concurrency)
            async with app.uow() as store:
                (leader,) = await store.people.by_name("镇领导")
                stored = len(await store.reports.for_period(leader.township_id, f"2026-{tag}"))
            results.append((bare, reports, stored))
        return results
    finally:
        await app.aclose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    worst = None
    with engines() as make:
        for name in ["sqlite"] + (["pg:reports"] if make.has_postgres else []):
            engine = "PostgreSQL" if name.startswith("pg:") else "SQLite"
            ratios = []
            for bare, reports, stored in await measure(make(name), args.villages, args.concurrency, args.rounds):
                ratios.append(reports / bare)
                print(f"{engine:<10} bare pipeline {bare:7.0f} msg/s   reports {reports:7.0f}/s   "
                      f"stored {stored}/{args.villages}   ratio {ratios[-1]:.2f}")
            ratio = statistics.median(ratios)
            print(f"{engine:<10} median ratio {ratio:.2f}")
            worst = ratio if worst is None else min(worst, ratio)
        if not make.has_postgres:
            print("PostgreSQL not installed: measured SQLite only")
    print(f"worst ratio {worst:.2f} (target ≥ {TARGET})")


if __name__ == "__main__":
    run(main)
