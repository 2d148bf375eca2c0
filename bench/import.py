"""Importing a county's roster workbook, against openpyxl merely reading it, in the same run.

    python bench/import.py [--townships 20] [--villages 300] [--people 2000] [--projects 1000] [--rounds 5]
                           [--no-postgres]

Builds a county roster (20 townships, 300 villages, 2,000 people, 1,000 projects with 2 milestones each) as the
名册 workbook, then per round and engine: the baseline — openpyxl opening the workbook read-only and reading
every cell — and the import — `yuebao import`'s work: read and validate the file, write it into an empty
migrated database in one unit of work — alternating. Then the same file is imported again and every INSERT,
UPDATE and DELETE sent to the database is counted. Prints the median import/read ratio (target ≤ 3) and the
re-import's writes (target 0).
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event  # noqa: E402

from bench._common import Databases, engines, migrated, run  # noqa: E402
from bot.roster.reader import load_roster  # noqa: E402
from bot.roster.workbook import write_roster  # noqa: E402
from handlers import registry as reg  # noqa: E402
from handlers.clock import FakeClock  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.repositories.registry_import import RegistryImporter  # noqa: E402

TARGET_RATIO = 3.0
_SYLLABLES = "青石桃李杨柳松竹梅兰溪河山岭塘湾坪坝沟岗峰源泉桥庄寨冲岩田丰安和平新华光明德福寿康宁东西南北"
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程魏苏吕丁任沈姚卢"
_GIVEN = "建国志强春华海波德胜明亮小兵桂英晓燕立新国华秀兰大勇立平红军玉兰文学永福"


def county(townships: int, villages: int, people: int, projects: int) -> reg.Organisation:
    """A county of this size: villages and projects spread over the townships, people over the villages."""
    places = iter(dict.fromkeys(a + b for a, b in itertools.permutations(_SYLLABLES, 2)))  # no name twice
    names = iter(dict.fromkeys(s + a + b for s in _SURNAMES for a, b in itertools.permutations(_GIVEN, 2)))
    towns = []
    per_town = [villages // townships + (i < villages % townships) for i in range(townships)]
    staff = (people - villages * 3) // townships  # each village: a secretary, a contact official, a grid worker
    for t, count in enumerate(per_town):
        town_villages = tuple(reg.Village(next(places) + "村", (), ("一组", "二组")) for _ in range(count))
        members = [reg.Person(next(names), "township_leader" if i == 0 else "admin", title="镇干部")
                   for i in range(staff)]
        for v in town_villages:
            members += [reg.Person(next(names), "secretary", v.name),
                        reg.Person(next(names), "contact_official", v.name, title="包村干部"),
                        reg.Person(next(names), "grid_worker", v.name, ("一组",))]
        share = projects // townships + (t < projects % townships)
        town_projects = tuple(
            reg.Project(f"T{t:02d}-{p:03d}", f"{town_villages[p % count].name}产业项目{p}", "secretary_project",
                        town_villages[p % count].name, members[staff + 3 * (p % count)].name, "产业发展",
                        weight=10, milestones=(reg.Milestone("完成方案"), reg.Milestone("完工验收")))
            for p in range(share))
        towns.append(reg.Registry(next(places) + "镇", "压测县", villages=town_villages, people=tuple(members),
                                  projects=town_projects))
    return reg.Organisation("压测县", tuple(towns), (reg.Person("县领导", "county_leader"),), is_county=True)


def read_every_cell(path: Path) -> int:
    """The baseline: openpyxl opening the workbook read-only and reading every value; the cells read."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for ws in book.worksheets for row in ws.iter_rows(values_only=True) for _ in row)
    finally:
        book.close()


async def import_file(db: Database, path: Path, clock: FakeClock) -> int:
    """What `yuebao import FILE` does: read and validate, then write in one unit of work; rows created."""
    roster = load_roster(path)
    async with db.transaction() as session:
        summary = await RegistryImporter(session, clock.now()).run(roster)
    return sum(summary.created.values())


async def writes_of_reimport(db: Database, path: Path, clock: FakeClock) -> tuple[int, int]:
    """(statements that wrote, rows the summary counts as created or updated) when importing `path` again."""
    written = 0

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        nonlocal written
        written += statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        roster = load_roster(path)
        async with db.transaction() as session:
            summary = await RegistryImporter(session, clock.now()).run(roster)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    return written, sum(summary.created.values()) + sum(summary.updated.values())


async def one_engine(dbs: Databases, engine: str, path: Path, rounds: int, clock: FakeClock) -> None:
    ratios = []
    for n in range(rounds):
        start = time.perf_counter()
        cells = await asyncio.to_thread(read_every_cell, path)
        read = time.perf_counter() - start
        async with migrated(dbs(f"{'pg:' if engine == 'postgresql' else ''}import{n}")) as db:
            start = time.perf_counter()
            created = await import_file(db, path, clock)
            took = time.perf_counter() - start
            if n == rounds - 1:
                writes, counted = await writes_of_reimport(db, path, clock)
        ratios.append(took / read)
        print(f"  {engine} round {n + 1}: openpyxl read {cells} cells in {read:.2f} s; "
              f"import wrote {created} rows in {took:.2f} s; ratio {took / read:.2f}")
    verdict = "ok" if statistics.median(ratios) <= TARGET_RATIO and writes == 0 else "MISSED"
    print(f"{engine}: import/read ratio {statistics.median(ratios):.2f} (median of {rounds}; target ≤ "
          f"{TARGET_RATIO:g}); re-import: {writes} writing statements, {counted} rows changed (target 0) — {verdict}")


async def main() -> None:
    """Build the workbook, then measure on each engine."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--townships", type=int, default=20)
    parser.add_argument("--villages", type=int, default=300)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    org = county(args.townships, args.villages, args.people, args.projects)
    clock = FakeClock(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC))
    with tempfile.TemporaryDirectory() as tmp, engines(not args.no_postgres) as dbs:
        path = write_roster(org, Path(tmp) / "county.xlsx")
        people = len(org.people) + sum(len(t.people) for t in org.townships)
        print(f"county roster: {len(org.townships)} townships, {sum(len(t.villages) for t in org.townships)} "
              f"villages, {people} people, {sum(len(t.projects) for t in org.townships)} projects, "
              f"{sum(len(p.milestones) for t in org.townships for p in t.projects)} milestones "
              f"({path.stat().st_size // 1024} KB)")
        for engine in ("sqlite", "postgresql") if dbs.has_postgres else ("sqlite",):
            await one_engine(dbs, engine, path, args.rounds, clock)


if __name__ == "__main__":
    run(main)
