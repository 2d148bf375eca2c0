"""The quarterly bulletin (季通报) for a county and a province, against one SQL aggregate over the same rows.

    python bench/bulletin.py [--rounds N] [--skip-province]

Generates, inside PostgreSQL, a county (20 townships × 15 villages = 300 villages, 900 projects) and a
province (2,000 townships, 30,000 villages, 90,000 projects), each with a year of monthly reports
(about one in ten months missing, some without a progress figure), two tasks and two grid issues per
village per month. "The bulletin" is `scheduler.bulletin.build` + `bulletin_text.render` for every
township at once, for 2026Q4, which also scores 2026Q3 for the change column. The baseline is one SQL
statement over the same rows, measured in the same run and alternating with it: per village and
quarter (2026Q3 and 2026Q4), the latest progress of each project against its schedule, the tasks due
and those done on time, the issues due and those resolved in time. Prints the median times and their
ratio, and for reference the same statement over 2026Q4 alone. Target: bulletin ≤ 3× the aggregate.
Memory (tracemalloc peak of one build + render) must not grow with the number of reports: the county
is measured again after a second year of reports is added (target ≤ 1.2× the first peak).
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
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

from bench._common import engines, migrated, run, timed  # noqa: E402
from handlers.quarters import Quarter, local_midnight  # noqa: E402
from scheduler import bulletin, bulletin_text  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.uow import SqlUnitOfWork  # noqa: E402

TARGET = 3.0
MEMORY_TARGET = 1.2
COUNTY_ROUNDS = 4  # times --rounds
QUARTER = Quarter(2026, 4)
ZONE = ZoneInfo("Asia/Shanghai")
YEAR = 2026
VILLAGES_PER_TOWNSHIP = 15
PROJECTS_PER_VILLAGE = 3
ITEMS_PER_VILLAGE = 24  # tasks, and issues: two a month for a year


@dataclass(frozen=True)
class Region:
    """A generated region: how many townships it has."""

    name: str
    townships: int


COUNTY = Region("county", 20)
PROVINCE = Region("province", 2000)

# Generation happens in PostgreSQL with generate_series: a Python loop over 2.5 million rows would take
# longer than everything measured. Values that must agree within a row (a task's deadline and when it
# was done) draw their random numbers once in a subquery; OFFSET 0 keeps the planner from inlining it
# (which would call random() again for every use).
GENERATE = [
    """INSERT INTO county (name, aliases, level) VALUES ('压测县', '[]', '县')""",
    """INSERT INTO township (name, county_id, aliases, level, timezone, next_task_no, next_issue_no, registry_version)
       SELECT format('压测%s镇', lpad(g::text, 4, '0')), (SELECT id FROM county WHERE name = '压测县'), '[]', '镇',
              'Asia/Shanghai', 1, 1, 1
       FROM generate_series(1, :townships) AS g""",
    """INSERT INTO village (township_id, name, aliases)
       SELECT t.id, format('%s%s村', t.name, lpad(g::text, 2, '0')), '[]'
       FROM township t CROSS JOIN generate_series(1, :villages) AS g ORDER BY t.id, g""",
    # Deadlines spread over the second half-year, so schedules (序时进度) differ at each quarter's end.
    """INSERT INTO project (township_id, code, title, kind, village_id, start, deadline, weight, active)
       SELECT v.township_id, format('P%s-%s', v.id, k), format('%s产业振兴项目%s', v.name, k), 'secretary_project',
              v.id, DATE '2026-01-01', DATE '2026-06-30' + (random() * 184)::int, 1 + floor(random() * 3), true
       FROM village v CROSS JOIN generate_series(1, :projects) AS k ORDER BY v.id, k""",
    # Tasks: created through the year, due 5–30 days later; 60% done by the deadline (at 17:00 local,
    # so the last day counts as on time), 25% done late, 15% never done.
    """INSERT INTO task (township_id, number, title, village_id, deadline, status, progress,
                         created_at, updated_at, done_at, verified_at)
       SELECT township_id, number, format('交办事项%s', number), village_id, deadline,
              CASE WHEN done_at IS NULL THEN 'in_progress' ELSE 'verified' END,
              CASE WHEN done_at IS NULL THEN (fate * 90)::int ELSE 100 END,
              created_at, coalesce(done_at, created_at), done_at, done_at + interval '1 day'
       FROM (SELECT township_id, number, village_id, created_at, deadline, fate,
                    CASE WHEN fate < 0.60 THEN ((deadline - (slack * days)::int) + TIME '17:00') AT TIME ZONE :zone
                         WHEN fate < 0.85 THEN ((deadline + 1 + (slack * 10)::int) + TIME '10:00') AT TIME ZONE :zone
                    END AS done_at
             FROM (SELECT township_id, number, village_id, days, fate, slack, created_day + days AS deadline,
                          (created_day + TIME '09:00') AT TIME ZONE :zone AS created_at
                   FROM (SELECT v.township_id, v.id AS village_id,
                                row_number() OVER (PARTITION BY v.township_id ORDER BY v.id, k) AS number,
                                DATE '2026-01-01' + (k * 365 / :items) + (random() * 10)::int AS created_day,
                                5 + (random() * 25)::int AS days, random() AS fate, random() AS slack
                         FROM village v CROSS JOIN generate_series(0, :items - 1) AS k OFFSET 0) AS drawn
                  ) AS dated
            ) AS decided""",
    # Issues: logged through the year with a 3–15 day limit; 60% resolved within it, 25% after, 15% open.
    """INSERT INTO issue (township_id, number, category, village_id, urgent, summary, status,
                          created_at, updated_at, due_at, resolved_at, closed_at)
       SELECT township_id, number, category, village_id, false, format('%s：%s（第%s号）', category, what, number),
              CASE WHEN resolved_at IS NULL THEN 'in_progress' ELSE 'closed' END,
              created_at, coalesce(resolved_at, created_at), due_at, resolved_at, resolved_at + interval '1 day'
       FROM (SELECT township_id, number, village_id, created_at, due_at,
                    (ARRAY['safety', 'dispute', 'environment', 'livelihood'])[1 + k % 4] AS category,
                    (ARRAY['路灯损坏', '邻里纠纷', '垃圾乱堆', '困难群众求助'])[1 + k % 4] AS what,
                    CASE WHEN fate < 0.60 THEN created_at + (due_at - created_at) * slack
                         WHEN fate < 0.85 THEN due_at + interval '5 days' * slack + interval '1 hour'
                    END AS resolved_at
             FROM (SELECT v.township_id, v.id AS village_id, k,
                          row_number() OVER (PARTITION BY v.township_id ORDER BY v.id, k) AS number,
                          TIMESTAMPTZ '2026-01-01 08:00+08' + interval '1 day' * (k * 365.0 / :items + random() * 10)
                              AS created_at,
                          random() AS fate, random() AS slack, 3 + random() * 12 AS limit_days
                   FROM village v CROSS JOIN generate_series(0, :items - 1) AS k OFFSET 0) AS drawn
             CROSS JOIN LATERAL (SELECT drawn.created_at + interval '1 day' * drawn.limit_days AS due_at) AS due
            ) AS decided""",
    # Keep the running numbers right, as if the tasks and issues had come in through the bot.
    """UPDATE township t
       SET next_task_no = 1 + (SELECT coalesce(max(number), 0) FROM task WHERE township_id = t.id),
           next_issue_no = 1 + (SELECT coalesce(max(number), 0) FROM issue WHERE township_id = t.id)""",
]

# One report per project per month, except about one month in ten; progress rises at a pace of 6–10
# points a month per project (so some finish early and some lag), with noise, and 5% carry no figure.
REPORTS = """
    INSERT INTO report (project_id, village_id, period, status, progress, amounts, late, created_at, updated_at)
    SELECT project_id, village_id, format('%s-%s', :year, lpad(month::text, 2, '0')), 'confirmed',
           CASE WHEN blank < 0.05 THEN NULL ELSE least(100, (month * (6 + project_id % 5) + noise * 6)::int) END,
           '[]', lateness < 0.15, at, at
    FROM (SELECT project_id, village_id, month, blank, noise, lateness,
                 make_timestamptz(:year, month, 1, 10, 0, 0, 'Asia/Shanghai')
                     + CASE WHEN lateness < 0.15 THEN interval '1 month 4 days' ELSE interval '24 days' END AS at
          FROM (SELECT p.id AS project_id, p.village_id, m AS month,
                       random() AS blank, random() AS noise, random() AS lateness, random() AS gap
                FROM project p CROSS JOIN generate_series(1, 12) AS m OFFSET 0) AS drawn
          WHERE gap >= 0.10) AS kept
"""

# The baseline: the rows the bulletin reads, aggregated per village and quarter in a single statement. The
# quarters come in as arrays (one row each in `q`), so the same statement serves for one quarter or for
# the two the bulletin scores. Latest progress uses the same index probe per project as the bulletin's
# (the unique index on project_id, period); tasks and issues are read in one pass for all quarters.
AGGREGATE = text("""
    WITH q AS (
        SELECT * FROM unnest(CAST(:starts AS date[]), CAST(:ends AS date[]), CAST(:untils AS text[]),
                             CAST(:sinces AS timestamptz[]), CAST(:befores AS timestamptz[]))
                      WITH ORDINALITY AS q(start_day, end_day, until, since, before, n)
    ), projects AS (
        SELECT village_id, n, count(*) AS projects, sum(weight) AS weight,
               count(*) FILTER (WHERE progress IS NULL) AS unreported,
               sum(weight * CASE WHEN planned = 0 THEN 1.0 ELSE least(1.0, coalesce(progress, 0)::float / planned) END)
                   AS points
        FROM (SELECT p.village_id, q.n, p.weight, l.progress,
                     CASE WHEN p.deadline <= q.end_day THEN 100 WHEN p.start >= q.end_day THEN 0
                          ELSE round(100.0 * (q.end_day - p.start) / (p.deadline - p.start)) END AS planned
              FROM project p
              CROSS JOIN q
              LEFT JOIN LATERAL (SELECT r.progress FROM report r
                                 WHERE r.project_id = p.id AND r.period <= q.until AND r.progress IS NOT NULL
                                 ORDER BY r.period DESC LIMIT 1) AS l ON true
              WHERE p.township_id = ANY(:ids) AND p.active) AS scheduled
        GROUP BY village_id, n
    ), tasks AS (
        SELECT t.village_id, q.n, count(*) AS due,
               count(*) FILTER (WHERE t.done_at IS NOT NULL AND CAST(timezone(:zone, t.done_at) AS date) <= t.deadline)
                   AS met
        FROM task t JOIN q ON t.deadline >= q.start_day AND t.deadline <= q.end_day
        WHERE t.township_id = ANY(:ids) AND t.village_id IS NOT NULL
        GROUP BY t.village_id, q.n
    ), issues AS (
        SELECT i.village_id, q.n, count(*) AS due,
               count(*) FILTER (WHERE i.resolved_at IS NOT NULL AND i.resolved_at <= i.due_at) AS met
        FROM issue i JOIN q ON i.due_at >= q.since AND i.due_at < q.before
        WHERE i.township_id = ANY(:ids) AND i.village_id IS NOT NULL
        GROUP BY i.village_id, q.n
    )
    SELECT v.id, v.name, q.n, p.projects, p.weight, p.points, p.unreported, t.due, t.met, i.due, i.met
    FROM village v
    CROSS JOIN q
    LEFT JOIN projects p ON p.village_id = v.id AND p.n = q.n
    LEFT JOIN tasks t ON t.village_id = v.id AND t.n = q.n
    LEFT JOIN issues i ON i.village_id = v.id AND i.n = q.n
    WHERE v.township_id = ANY(:ids)
    ORDER BY v.id, q.n
""")


async def execute(db: Database, sql: str, **params: object) -> None:
    """Run one statement in its own transaction, with random() seeded so every run generates the same rows."""
    async with db.engine.begin() as conn:
        await conn.execute(text("SELECT setseed(0.2026)"))
        await conn.execute(text(sql), params)


async def analyze(db: Database) -> None:
    """Refresh planner statistics, as autovacuum would soon after a bulk load."""
    async with db.engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("ANALYZE"))


async def generate(db: Database, region: Region) -> list[int]:
    """Townships, villages, projects, a year of reports, tasks and issues, all made by PostgreSQL; the township ids."""
    started = time.perf_counter()
    for sql in GENERATE:
        await execute(db, sql, townships=region.townships, villages=VILLAGES_PER_TOWNSHIP,
                      projects=PROJECTS_PER_VILLAGE, items=ITEMS_PER_VILLAGE, zone=ZONE.key)
    await execute(db, REPORTS, year=YEAR)
    await analyze(db)
    print(f"{region.name:<8} generated in {time.perf_counter() - started:.1f} s", flush=True)
    return await township_ids(db)


async def add_year_of_reports(db: Database, year: int) -> None:
    """Another year of monthly reports for the same projects (earlier months: they only add rows to skip)."""
    await execute(db, REPORTS, year=year)
    await analyze(db)


async def scalar(db: Database, sql: str) -> int:
    """One number from the database."""
    async with db.engine.connect() as conn:
        return int((await conn.execute(text(sql))).scalar_one())


async def township_ids(db: Database) -> list[int]:
    """Every township of the generated region."""
    async with db.engine.connect() as conn:
        return list((await conn.execute(text("SELECT id FROM township ORDER BY id"))).scalars())


async def aggregate(db: Database, ids: Sequence[int], quarters: Sequence[Quarter]) -> int:
    """The baseline statement for these quarters; returns the number of (village, quarter) rows fetched."""
    params = {"ids": list(ids), "zone": ZONE.key, "starts": [q.start for q in quarters],
              "ends": [q.end for q in quarters], "untils": [q.months[-1] for q in quarters],
              "sinces": [local_midnight(q.start, ZONE) for q in quarters],
              "befores": [local_midnight(q.end + dt.timedelta(days=1), ZONE) for q in quarters]}
    async with db.engine.connect() as conn:
        return len((await conn.execute(AGGREGATE, params)).all())


async def build_bulletin(db: Database, ids: Sequence[int]) -> str:
    """The whole bulletin for these townships, built and rendered as the quarterly job does."""
    async with SqlUnitOfWork(db)() as store:
        built = await bulletin.build(store, ids, QUARTER, ZONE, f"压测{QUARTER.label}基层党建工作通报")
    return bulletin_text.render(built)


async def compare(db: Database, ids: Sequence[int], rounds: int) -> tuple[float, float, float]:
    """Median seconds of (aggregate over both quarters, over QUARTER alone, bulletin), rounds alternating."""
    both, alone = [QUARTER.previous(), QUARTER], [QUARTER]
    await aggregate(db, ids, both)  # warm-up: connections, statement caches, the buffer cache
    await aggregate(db, ids, alone)
    await build_bulletin(db, ids)
    base, single, full = [], [], []
    for _ in range(rounds):
        base.append(await timed(lambda: aggregate(db, ids, both)))
        single.append(await timed(lambda: aggregate(db, ids, alone)))
        full.append(await timed(lambda: build_bulletin(db, ids)))
    return statistics.median(base), statistics.median(single), statistics.median(full)


async def peak_memory(db: Database, ids: Sequence[int]) -> int:
    """Peak bytes Python allocated during one build + render (caches warmed first, so they do not count)."""
    await build_bulletin(db, ids)
    # Start both measurements from the same collector state: otherwise whether a cyclic collection happens to
    # run inside the build (set by earlier work, such as the timing rounds) moves the peak by ~20%.
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        await build_bulletin(db, ids)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


async def describe(db: Database) -> str:
    """'300 villages, 900 projects, 10,800 reports' for the printed lines."""
    villages = await scalar(db, "SELECT count(*) FROM village")
    projects = await scalar(db, "SELECT count(*) FROM project")
    reports = await scalar(db, "SELECT count(*) FROM report")
    return f"{villages:>6,} villages, {projects:>6,} projects, {reports:>9,} reports"


def verdict(ok: bool) -> str:
    """PASS or a FAIL that stands out."""
    return "PASS" if ok else "FAIL  <-----"


async def timing_line(label: str, db: Database, ids: Sequence[int], rounds: int) -> float:
    """Measure and print one region's times; returns the ratio to the aggregate over the same rows."""
    base, single, full = await compare(db, ids, rounds)
    ratio = full / base
    print(f"{label:<8} {await describe(db)}: aggregate {base:.3f} s, bulletin {full:.3f} s, "
          f"ratio {ratio:.1f} (target ≤ {TARGET:g}) {verdict(ratio <= TARGET)}\n"
          f"{'':<8} (the aggregate over {QUARTER.code} alone, without the previous quarter the bulletin also "
          f"scores: {single:.3f} s, ratio {full / single:.1f})", flush=True)
    return ratio


async def county(url: str, rounds: int) -> tuple[float, float]:
    """Time the county's bulletin, then its memory with one and with two years of reports."""
    # A county round takes tens of milliseconds, where scheduling noise is a large share: more rounds.
    rounds *= COUNTY_ROUNDS
    async with migrated(url) as db:
        ids = await generate(db, COUNTY)
        ratio = await timing_line(COUNTY.name, db, ids, rounds)
        one_year, reports = await peak_memory(db, ids), await scalar(db, "SELECT count(*) FROM report")
        await add_year_of_reports(db, YEAR - 1)
        two_years, doubled = await peak_memory(db, ids), await scalar(db, "SELECT count(*) FROM report")
        growth = two_years / one_year
        print(f"county   memory peak {one_year / 2**20:.2f} MiB with {reports:,} reports, {two_years / 2**20:.2f} MiB "
              f"with {doubled:,}: ratio {growth:.2f} (target ≤ {MEMORY_TARGET:g}) {verdict(growth <= MEMORY_TARGET)}")
        await timing_line("county×2", db, ids, rounds)  # two years of reports: the time should barely move
        return ratio, growth


async def province(url: str, rounds: int) -> float:
    """Time the province's bulletin and show its memory."""
    async with migrated(url) as db:
        ids = await generate(db, PROVINCE)
        ratio = await timing_line(PROVINCE.name, db, ids, rounds)
        peak = await peak_memory(db, ids)
        print(f"province memory peak {peak / 2**20:.1f} MiB for {await scalar(db, 'SELECT count(*) FROM village'):,} "
              "villages (grows with villages and projects, which the bulletin ranks and names; not with reports)")
        return ratio


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-province", action="store_true")
    args = parser.parse_args()
    with engines() as make:
        if not make.has_postgres:
            print("PostgreSQL is not installed: this benchmark needs it")
            return
        ratio, growth = await county(make("pg:bulletin-county"), args.rounds)
        ratios = [ratio]
        if not args.skip_province:
            ratios.append(await province(make("pg:bulletin-province"), args.rounds))
    print(f"worst ratio {max(ratios):.1f} (target ≤ {TARGET:g}) {verdict(max(ratios) <= TARGET)}; memory with twice "
          f"the reports {growth:.2f}× (target ≤ {MEMORY_TARGET:g}) {verdict(growth <= MEMORY_TARGET)}")


if __name__ == "__main__":
    run(main)
