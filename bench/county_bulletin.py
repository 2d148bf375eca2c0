"""The county's 季通报 (towns ranked) against one SQL aggregate over the same rows, and its memory on a
province-sized tree.

    python bench/county_bulletin.py [--rounds N] [--skip-tree]

Generates in PostgreSQL, as bench/bulletin.py does, a county of 20 townships × 15 villages with a year of
village reports, tasks and issues, and adds what the county ranks the towns by: two projects of each township
itself (reported monthly like the villages' ones) and twelve tasks the county handed each township. "The
bulletin" is `scheduler.county_bulletin.build` + `county_bulletin_text.render` for 2026Q4: the ranking, the
change since 2026Q3 and the year so far (2026Q1–Q4), read in one pass. The baseline is one SQL statement, per
township and quarter for those four quarters: the latest progress of each of its own projects against its
schedule, its tasks due and done on time, its issues due and resolved in time. Target: bulletin ≤ 3× the
aggregate (medians, alternating rounds in the same run).

Memory: a province-sized tree of 30 counties × 20 townships (9,000 villages) builds every county's bulletin in
turn; the tracemalloc peak must not grow with the reports: measured again after a second year of reports is
added (target ≤ 1.2× the first peak).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

from bench._common import engines, migrated, run, timed  # noqa: E402
from bench.bulletin import (  # noqa: E402
    GENERATE,
    ITEMS_PER_VILLAGE,
    MEMORY_TARGET,
    PROJECTS_PER_VILLAGE,
    REPORTS,
    TARGET,
    VILLAGES_PER_TOWNSHIP,
    YEAR,
    ZONE,
    analyze,
    execute,
    scalar,
    verdict,
)
from handlers.quarters import Quarter, local_midnight  # noqa: E402
from scheduler import county_bulletin, county_bulletin_text  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.uow import SqlUnitOfWork  # noqa: E402

QUARTER = Quarter(2026, 4)
TOWNS = 20  # a county
TREE_COUNTIES = 30  # a province-sized tree of counties, each of TOWNS townships
ROUNDS_FACTOR = 4  # a round takes tens of milliseconds, where scheduling noise is a large share: more rounds

# What the county ranks a township by, added to bench/bulletin.py's rows (before its reports, so the
# townships' own projects are reported on monthly too).
TOWN_ROWS = [
    """INSERT INTO project (township_id, code, title, kind, village_id, start, deadline, weight, active, status)
       SELECT t.id, format('T%s-%s', t.id, k), format('%s党委书记项目%s', t.name, k), 'secretary_project', NULL,
              DATE '2026-01-01', DATE '2026-06-30' + (random() * 184)::int, 10 + floor(random() * 10), true,
              'in_progress'
       FROM township t CROSS JOIN generate_series(1, 2) AS k ORDER BY t.id, k""",
    # The county's hand-offs: one a month to every township, due on the 10th of the next; 70% done on time.
    """INSERT INTO task (township_id, number, title, village_id, deadline, status, progress,
                         created_at, updated_at, done_at, verified_at)
       SELECT township_id, 100000 + k, format('县交办事项%s', k), NULL, deadline,
              CASE WHEN done_at IS NULL THEN 'in_progress' ELSE 'verified' END,
              CASE WHEN done_at IS NULL THEN 50 ELSE 100 END,
              created_at, coalesce(done_at, created_at), done_at, done_at + interval '1 day'
       FROM (SELECT t.id AS township_id, k, (DATE '2026-01-10' + k * 30) AS deadline,
                    ((DATE '2026-01-01' + k * 30) + TIME '09:00') AT TIME ZONE :zone AS created_at,
                    CASE WHEN fate < 0.70 THEN ((DATE '2026-01-09' + k * 30) + TIME '17:00') AT TIME ZONE :zone
                         WHEN fate < 0.85 THEN ((DATE '2026-01-13' + k * 30) + TIME '10:00') AT TIME ZONE :zone
                    END AS done_at
             FROM (SELECT t.id, k, random() AS fate FROM township t CROSS JOIN generate_series(0, 11) AS k
                   OFFSET 0) AS t) AS decided""",
]

# Each county's 目督办, who handed the towns their tasks: the county counts only its own hand-offs (县交办).
COUNTY_CADRES = [
    """INSERT INTO person (county_id, name, active) SELECT id, '目督办', true FROM county""",
    """INSERT INTO membership (person_id, role, county_id)
       SELECT id, 'county_admin', county_id FROM person WHERE county_id IS NOT NULL""",
    """UPDATE task t SET assigner_id = p.id FROM township w, person p
       WHERE t.number >= 100000 AND w.id = t.township_id AND p.county_id = w.county_id""",
]

# The baseline: per township and quarter, its own projects' latest progress against schedule, the tasks it was
# handed by the county (县交办) and every issue raised in it; quarters come in as arrays, as in bench/bulletin.py.
AGGREGATE = text("""
    WITH q AS (
        SELECT * FROM unnest(CAST(:starts AS date[]), CAST(:ends AS date[]), CAST(:untils AS text[]),
                             CAST(:sinces AS timestamptz[]), CAST(:befores AS timestamptz[]))
                      WITH ORDINALITY AS q(start_day, end_day, until, since, before, n)
    ), projects AS (
        SELECT township_id, n, count(*) AS projects, sum(weight) AS weight,
               count(*) FILTER (WHERE progress IS NULL) AS unreported,
               sum(weight * CASE WHEN planned = 0 THEN 1.0 ELSE least(1.0, coalesce(progress, 0)::float / planned) END)
                   AS points
        FROM (SELECT p.township_id, q.n, p.weight, l.progress,
                     CASE WHEN p.deadline <= q.end_day THEN 100 WHEN p.start >= q.end_day THEN 0
                          ELSE round(100.0 * (q.end_day - p.start) / (p.deadline - p.start)) END AS planned
              FROM project p
              CROSS JOIN q
              LEFT JOIN LATERAL (SELECT r.progress FROM report r
                                 WHERE r.project_id = p.id AND r.period <= q.until AND r.progress IS NOT NULL
                                 ORDER BY r.period DESC LIMIT 1) AS l ON true
              WHERE p.township_id = ANY(:ids) AND p.active AND p.village_id IS NULL) AS scheduled
        GROUP BY township_id, n
    ), tasks AS (
        SELECT t.township_id, q.n, count(*) AS due,
               count(*) FILTER (WHERE t.done_at IS NOT NULL AND CAST(timezone(:zone, t.done_at) AS date) <= t.deadline)
                   AS met
        FROM task t JOIN q ON t.deadline >= q.start_day AND t.deadline <= q.end_day
        WHERE t.township_id = ANY(:ids) AND t.village_id IS NULL
          AND t.assigner_id IN (SELECT person_id FROM membership
                                WHERE county_id IS NOT NULL AND role IN ('county_leader', 'county_admin'))
        GROUP BY t.township_id, q.n
    ), issues AS (
        SELECT i.township_id, q.n, count(*) AS due,
               count(*) FILTER (WHERE i.resolved_at IS NOT NULL AND i.resolved_at <= i.due_at) AS met
        FROM issue i JOIN q ON i.due_at >= q.since AND i.due_at < q.before
        WHERE i.township_id = ANY(:ids)
        GROUP BY i.township_id, q.n
    )
    SELECT w.id, w.name, q.n, p.projects, p.weight, p.points, p.unreported, t.due, t.met, i.due, i.met
    FROM township w
    CROSS JOIN q
    LEFT JOIN projects p ON p.township_id = w.id AND p.n = q.n
    LEFT JOIN tasks t ON t.township_id = w.id AND t.n = q.n
    LEFT JOIN issues i ON i.township_id = w.id AND i.n = q.n
    WHERE w.id = ANY(:ids)
    ORDER BY w.id, q.n
""")


async def generate(db: Database, townships: int, counties: int) -> dict[int, list[int]]:
    """The region, with the townships spread over `counties` counties; their ids by county."""
    started = time.perf_counter()
    for sql in GENERATE + TOWN_ROWS:
        await execute(db, sql, townships=townships, villages=VILLAGES_PER_TOWNSHIP, projects=PROJECTS_PER_VILLAGE,
                      items=ITEMS_PER_VILLAGE, zone=ZONE.key)
    await execute(db, "INSERT INTO county (name, aliases, level) "
                      "SELECT format('压测%s县', g), '[]', '县' FROM generate_series(2, :counties) AS g",
                  counties=counties)
    await execute(db, """UPDATE township SET county_id = (SELECT min(id) FROM county)
                                                      + (id - (SELECT min(id) FROM township)) / :per""",
                  per=max(1, townships // counties))
    for sql in COUNTY_CADRES:
        await execute(db, sql)
    await execute(db, REPORTS, year=YEAR)
    await analyze(db)
    print(f"{townships} townships in {counties} counties generated in {time.perf_counter() - started:.1f} s",
          flush=True)
    async with db.engine.connect() as conn:
        rows = await conn.execute(text("SELECT county_id, id FROM township ORDER BY county_id, id"))
        by_county: dict[int, list[int]] = {}
        for county_id, town_id in rows:
            by_county.setdefault(county_id, []).append(town_id)
    return by_county


def _year() -> list[Quarter]:
    return [Quarter(QUARTER.year, n) for n in range(1, QUARTER.number + 1)]


async def aggregate(db: Database, ids: Sequence[int]) -> int:
    """The baseline statement over the quarters the bulletin reads; the number of (town, quarter) rows."""
    quarters = _year()
    params = {"ids": list(ids), "zone": ZONE.key, "starts": [q.start for q in quarters],
              "ends": [q.end for q in quarters], "untils": [q.months[-1] for q in quarters],
              "sinces": [local_midnight(q.start, ZONE) for q in quarters],
              "befores": [local_midnight(q.end + dt.timedelta(days=1), ZONE) for q in quarters]}
    async with db.engine.connect() as conn:
        return len((await conn.execute(AGGREGATE, params)).all())


async def build(db: Database, ids: Sequence[int]) -> str:
    """The county bulletin for these townships, built and rendered as the calendar job does."""
    async with SqlUnitOfWork(db)() as store:
        ranked, year = await county_bulletin.build(store, ids, QUARTER, ZONE, f"压测县{QUARTER.label}通报")
    return county_bulletin_text.render(ranked, year)


async def ratio(db: Database, ids: Sequence[int], rounds: int) -> float:
    """Median bulletin time over median aggregate time, alternating rounds; printed."""
    await aggregate(db, ids)
    await build(db, ids)  # warm-up: connections, statement caches, the buffer cache
    base, full = [], []
    for _ in range(rounds):
        base.append(await timed(lambda: aggregate(db, ids)))
        full.append(await timed(lambda: build(db, ids)))
    b, f = statistics.median(base), statistics.median(full)
    print(f"county   {len(ids)} townships: aggregate {b * 1000:.1f} ms, bulletin {f * 1000:.1f} ms, "
          f"ratio {f / b:.1f} (target ≤ {TARGET:g}) {verdict(f / b <= TARGET)}", flush=True)
    return f / b


async def tree_peak(db: Database, counties: dict[int, list[int]]) -> int:
    """Peak bytes Python allocated while building every county's bulletin in turn (caches warmed first)."""
    await build(db, next(iter(counties.values())))
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        for ids in counties.values():
            await build(db, ids)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-tree", action="store_true", help="only the county's timing")
    args = parser.parse_args()
    with engines() as make:
        if not make.has_postgres:
            print("PostgreSQL is not installed: this benchmark needs it")
            return
        async with migrated(make("pg:county-bulletin")) as db:
            (ids,) = (await generate(db, TOWNS, 1)).values()
            worst = await ratio(db, ids, args.rounds * ROUNDS_FACTOR)
        growth = None
        if not args.skip_tree:
            async with migrated(make("pg:county-tree")) as db:
                counties = await generate(db, TOWNS * TREE_COUNTIES, TREE_COUNTIES)
                one, reports = await tree_peak(db, counties), await scalar(db, "SELECT count(*) FROM report")
                await execute(db, REPORTS, year=YEAR - 1)
                await analyze(db)
                two, doubled = await tree_peak(db, counties), await scalar(db, "SELECT count(*) FROM report")
                growth = two / one
                print(f"tree     {len(counties)} counties: memory peak {one / 2**20:.2f} MiB with {reports:,} reports, "
                      f"{two / 2**20:.2f} MiB with {doubled:,}: ratio {growth:.2f} (target ≤ {MEMORY_TARGET:g}) "
                      f"{verdict(growth <= MEMORY_TARGET)}")
    memory = ("" if growth is None
              else f"; memory with twice the reports {growth:.2f}× ({verdict(growth <= MEMORY_TARGET)})")
    print(f"county bulletin ratio {worst:.1f} (target ≤ {TARGET:g}) {verdict(worst <= TARGET)}{memory}")


if __name__ == "__main__":
    run(main)
