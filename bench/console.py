"""The web console under a county's load: each page's p95 latency against /healthz's, and its SQL statements at two
sizes of county.

    python bench/console.py [--towns 15] [--villages 20] [--small 4] [--months 24] [--rounds 100] [--no-postgres]
    python bench/console.py --quick      # what tests/test_benches.py runs: a tiny county, SQLite only

Builds, per engine, two counties in one database through the registry importer (压测大县: 15 townships × 20 villages
= 300 villages; 压测小县: 15 × 4 = 60), each village with a 书记项目 and a 领办事项, each township with a project of
its own, and two years of monthly reports (one month in ten missing, each report with its revision), a task and a
grid issue per village per month. Serves `yuebao run`'s HTTP app with uvicorn on a 127.0.0.1 port, signs in a county
cadre and a township leader of each county (a session as the chat link opens one), and requests, round after round
and in turn, `/healthz`, the 总览 `/console/` as the township leader and as the county cadre, and the project page
`/console/projects/{id}`. Prints each page's p95 over the
rounds and its ratio to `/healthz`'s p95 in the same run (target ≤ 10×), and its first request (the console keeps
a month's figures until a record changes: bot.web.month_figures), then the SQL statements of a request that
computes the figures afresh, in the small county and in the big one (counted with a `before_cursor_execute`
listener): they must be equal, whatever the number of villages. Served as `yuebao run` serves (bot.heap).
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
from sqlalchemy import event, insert, select, update  # noqa: E402

from bench._common import engines, migrated, run  # noqa: E402
from bot.app import App, create_app  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.heap import frozen_heap  # noqa: E402
from bot.http import build_http  # noqa: E402
from bot.web.routes import MOUNT, PAGES  # noqa: E402
from bot.web.session import COOKIE, SESSION_LENGTH, new_secret, session_key  # noqa: E402
from handlers import registry as reg  # noqa: E402
from handlers.clock import FakeClock  # noqa: E402
from handlers.quarters import shift_period  # noqa: E402
from handlers.web_ports import SignIn  # noqa: E402
from storage.models import Issue, Project, Report, ReportRevision, Task, Township, Village  # noqa: E402
from storage.repositories.registry_import import RegistryImporter  # noqa: E402
from tests.support.loopback import AppServer  # noqa: E402

TARGET = 10.0  # a page's p95 against /healthz's
NOW = dt.datetime(2026, 3, 16, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))  # mid-month: March half reported


@dataclass(frozen=True)
class County:
    """A generated county and who signs in to it."""

    name: str
    villages: int
    cadre_id: int  # its 县领导
    leader_id: int  # the first township's 镇领导
    project_id: int  # a village project of that township


def organisation(name: str, towns: int, villages: int) -> reg.Organisation:
    """A county roster: each township with a leader, an admin, and per village a secretary and two projects."""
    townships = []
    for t in range(1, towns + 1):
        town = f"{name}{t:02d}镇"
        names = [f"{town}{v:02d}村" for v in range(1, villages + 1)]
        people = [reg.Person(f"{town}镇领导", "township_leader", title="镇党委书记"),
                  reg.Person(f"{town}管理员", "admin", title="党建办干事")]
        people += [reg.Person(f"{village}书记", "secretary", village) for village in names]
        projects = [reg.Project(f"V{v:02d}-{k}", f"{village}{what}", kind, village, f"{village}书记", category,
                                dt.date(2026, 12, 31), 10, start=dt.date(2024, 3, 1))
                    for v, village in enumerate(names, 1)
                    for k, (what, kind, category) in enumerate((("产业振兴项目", "secretary_project", "产业发展"),
                                                                ("人居环境整治", "led_matter", "人居环境")))]
        projects.append(reg.Project("T-01", f"{town}党委书记项目", "secretary_project", None, f"{town}镇领导",
                                    "基层治理", dt.date(2026, 12, 31), 20, start=dt.date(2024, 3, 1)))
        townships.append(reg.Registry(town, name, villages=tuple(reg.Village(v, (), ("一组",)) for v in names),
                                      people=tuple(people), projects=tuple(projects)))
    return reg.Organisation(name, tuple(townships), (reg.Person(f"{name}县领导", "county_leader"),), is_county=True)


def _months(count: int) -> list[str]:
    """The `count` months before NOW's, oldest first."""
    this = f"{NOW:%Y-%m}"
    return [shift_period(this, -n) for n in range(count, 0, -1)]


def _at(period: str, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(int(period[:4]), int(period[5:]), day, hour, tzinfo=NOW.tzinfo)


def _rows(projects: list[Any], villages: list[Any], months: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Reports (one month in ten skipped, March for half the projects), tasks and issues, as insert rows."""
    for p in projects:
        for n, period in enumerate([*months, f"{NOW:%Y-%m}"]):
            if (p.id + n) % 10 == 3 or (period == f"{NOW:%Y-%m}" and p.id % 2):
                continue
            at = _at(period, 20 if (p.id + n) % 7 else 28)
            yield "report", {"project_id": p.id, "village_id": p.village_id, "period": period, "status": "confirmed",
                             "progress": min(100, 4 * (n + 1) + p.id % 9), "done": f"{period}完成阶段工作",
                             "problems": "资金缺口较大" if (p.id + n) % 5 == 0 else None, "amounts": [],
                             "late": at.day > 25, "created_at": at, "updated_at": at}
    numbers: dict[int, int] = {}
    for v in villages:
        for n, period in enumerate(months):
            number = numbers[v.township_id] = numbers.get(v.township_id, 0) + 1
            done = None if (v.id + n) % 6 == 0 else _at(period, 18 if (v.id + n) % 4 else 24, 16)
            yield "task", {"township_id": v.township_id, "number": number, "title": f"报送{period}安全检查表",
                           "village_id": v.id, "deadline": _at(period, 20).date(), "progress": 100 if done else 40,
                           "status": "verified" if done else "in_progress", "created_at": _at(period, 2, 9),
                           "updated_at": done or _at(period, 2, 9), "done_at": done, "verified_at": done}
            resolved = None if (v.id + n) % 8 == 0 else _at(period, 9 if (v.id + n) % 3 else 14, 15)
            yield "issue", {"township_id": v.township_id, "number": number, "category": "environment",
                            "village_id": v.id, "summary": f"{period}垃圾乱堆", "status": "closed" if resolved else
                            "in_progress", "created_at": _at(period, 5), "updated_at": resolved or _at(period, 5),
                            "due_at": _at(period, 12, 18), "resolved_at": resolved, "closed_at": resolved}


async def build(app: App, name: str, towns: int, villages: int, months: int) -> County:
    """Import the county's roster, then write its records in bulk (a loop through the bot would take minutes)."""
    async with app.db.transaction() as session:
        await RegistryImporter(session, NOW).run(organisation(name, towns, villages))
    async with app.db.transaction() as session:
        town_ids = list((await session.scalars(select(Township.id).where(Township.name.like(f"{name}%")))).all())
        projects = (await session.execute(select(Project.id, Project.village_id)
                                          .where(Project.township_id.in_(town_ids)))).all()
        places = (await session.execute(select(Village.id, Village.township_id)
                                        .where(Village.township_id.in_(town_ids)))).all()
        rows: dict[str, list[dict[str, Any]]] = {"report": [], "task": [], "issue": []}
        for table, row in _rows(list(projects), list(places), _months(months)):
            rows[table].append(row)
        await session.execute(insert(Report), rows["report"])
        await session.execute(insert(Task), rows["task"])
        await session.execute(insert(Issue), rows["issue"])
        reports = (await session.execute(select(Report.id, Report.progress, Report.created_at)
                                         .join(Project, Project.id == Report.project_id)
                                         .where(Project.township_id.in_(town_ids)))).all()
        await session.execute(insert(ReportRevision), [
            {"report_id": r.id, "number": 1, "created_at": r.created_at, "source": "report",
             "raw_text": f"本月进度{r.progress}%", "fields": {"progress": r.progress}} for r in reports])
        last = len(places) // len(town_ids) * months
        await session.execute(update(Township).where(Township.id.in_(town_ids))
                              .values(next_task_no=last + 1, next_issue_no=last + 1))
    async with app.uow() as store:
        (cadre,) = await store.people.by_name(f"{name}县领导")
        (leader,) = await store.people.by_name(f"{name}01镇镇领导")
        project = next(p for p in await store.projects.of_township(leader.township_id) if p.village_id is not None)
    return County(name, towns * villages, cadre.id, leader.id, project.id)


async def session_cookie(app: App, person_id: int, now: dt.datetime) -> str:
    """A console session of this person (linked to a console account), as pressing 进入网页版 opens one."""
    cookie = new_secret()
    who = SignIn(person_id, "console", f"person:{person_id}")
    async with app.uow() as store:
        await store.people.link_identity(person_id, who.platform, who.platform_user_id, now)
        await store.web_logins.open_session(session_key(cookie), who, now, now + SESSION_LENGTH)
    return cookie


async def signed_in(app: App, person_id: int, base_url: str) -> httpx.AsyncClient:
    """A client of the served app with this person's session."""
    cookie = await session_cookie(app, person_id, NOW)
    return httpx.AsyncClient(base_url=base_url, cookies={COOKIE: cookie}, timeout=60)


def project_path(project_id: int) -> str:
    """The project page's address."""
    route = next(r for r in PAGES if r.name == "project")
    return MOUNT + route.path.replace("{project_id:int}", str(project_id))


@dataclass(frozen=True)
class Probe:
    """One page as one person requests it."""

    label: str
    client: httpx.AsyncClient
    path: str


async def probes(app: App, county: County, base_url: str) -> list[Probe]:
    """/healthz, the overview as the township leader and as the county cadre, and the project page."""
    leader = await signed_in(app, county.leader_id, base_url)
    cadre = await signed_in(app, county.cadre_id, base_url)
    return [Probe("/healthz", leader, "/healthz"), Probe("overview, town leader", leader, "/console/"),
            Probe("overview, county cadre", cadre, "/console/"),
            Probe("project, town leader", leader, project_path(county.project_id))]


async def fetch(probe: Probe) -> float:
    """Seconds one request took; it must answer 200."""
    start = time.perf_counter()
    answer = await probe.client.get(probe.path)
    took = time.perf_counter() - start
    if answer.status_code != 200:
        raise RuntimeError(f"{probe.label}: {probe.path} answered {answer.status_code}")
    return took


def p95(samples: list[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


async def latencies(found: list[Probe], rounds: int) -> tuple[dict[str, float], dict[str, float]]:
    """p95 of each probe over `rounds`, the probes in turn each round (after two warm-up rounds), and the first
    request of each (the console's month figures not yet computed)."""
    times: dict[str, list[float]] = {p.label: [] for p in found}
    first: dict[str, float] = {}
    for n in range(rounds + 2):
        for probe in found:
            took = await fetch(probe)
            first.setdefault(probe.label, took)
            if n >= 2:
                times[probe.label].append(took)
    return {label: p95(samples) for label, samples in times.items()}, first


async def statements(app: App, probe: Probe) -> int:
    """SQL statements one request of the probe issues when its month figures must be computed afresh."""
    await fetch(probe)
    app.db.writes.generation += 1  # as a committed change to a report would: the kept figures are stale
    count = 0

    def counted(*_: Any) -> None:
        nonlocal count
        count += 1

    event.listen(app.db.engine.sync_engine, "before_cursor_execute", counted)
    try:
        await fetch(probe)
    finally:
        event.remove(app.db.engine.sync_engine, "before_cursor_execute", counted)
    return count


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


async def one_engine(url: str, engine: str, args: argparse.Namespace, files: Path) -> tuple[float, bool]:
    """Measure on one database; the worst page ratio and whether the statement counts were equal."""
    settings = Settings(YUEBAO_DATABASE_URL=url, YUEBAO_FILES_DIR=str(files))
    app = await create_app(settings, clock=FakeClock(NOW), check_schema=False, platforms=False)
    try:
        started = time.perf_counter()
        small = await build(app, "压测小县", args.towns, args.small, args.months)
        big = await build(app, "压测大县", args.towns, args.villages, args.months)
        print(f"{engine}: counties of {small.villages} and {big.villages} villages with {args.months} months of "
              f"records built in {time.perf_counter() - started:.1f} s", flush=True)
        with frozen_heap():  # as `yuebao run` serves
            return await measure(app, small, big, args)
    finally:
        await app.aclose()


async def measure(app: App, small: County, big: County, args: argparse.Namespace) -> tuple[float, bool]:
    """Serve the app, time its pages and count their statements."""
    async with AppServer(build_http(app)) as server:
        found = await probes(app, big, server.base_url)
        measured, first = await latencies(found, args.rounds)
        base = measured["/healthz"]
        worst = 0.0
        for label, value in measured.items():
            ratio = value / base
            if label != "/healthz":
                worst = max(worst, ratio)
            print(f"  {label:<24} p95 {value * 1000:7.1f} ms  {ratio:5.1f}× /healthz"
                  + ("" if label == "/healthz" else f" (target ≤ {TARGET:g}) {verdict(ratio <= TARGET)}; "
                     f"first request {first[label] * 1000:.1f} ms"))
        equal = True
        for small_probe, big_probe in zip(await probes(app, small, server.base_url), found, strict=True):
            if small_probe.path == "/healthz":
                continue
            counts = (await statements(app, small_probe), await statements(app, big_probe))
            equal = equal and counts[0] == counts[1]
            print(f"  {small_probe.label:<24} SQL statements: {counts[0]} at {small.villages} villages, "
                  f"{counts[1]} at {big.villages} {verdict(counts[0] == counts[1])}")
        for probe in found:
            await probe.client.aclose()
    return worst, equal


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--towns", type=int, default=15)
    parser.add_argument("--villages", type=int, default=20, help="villages per township of the big county")
    parser.add_argument("--small", type=int, default=4, help="villages per township of the small county")
    parser.add_argument("--months", type=int, default=24, help="months of records before this one")
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--quick", action="store_true", help="3 townships of 2 and 6 villages, 6 months, SQLite")
    args = parser.parse_args()
    if args.quick:
        args.towns, args.villages, args.small, args.months, args.rounds, args.no_postgres = 3, 6, 2, 6, 20, True
    with engines(not args.no_postgres) as make, tempfile.TemporaryDirectory(prefix="yuebao-files-") as files:
        results = []
        for engine in ["sqlite"] + (["postgresql"] if make.has_postgres else []):
            url = make(f"{'pg:' if engine == 'postgresql' else ''}console")
            async with migrated(url):
                pass
            results.append((engine, *await one_engine(url, engine, args, Path(files) / engine)))
    print("console: " + "; ".join(
        f"{engine} worst page p95 {worst:.1f}× /healthz (target ≤ {TARGET:g}) {verdict(worst <= TARGET)}, "
        f"statements {'equal' if equal else 'NOT equal'} at both sizes" for engine, worst, equal in results))


if __name__ == "__main__":
    run(main)
