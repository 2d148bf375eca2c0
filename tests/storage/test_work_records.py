"""Work records (工作记录) in storage, on both engines: stored and read back by day for the 台账, listed for the
console within the viewer's scope, filtered and paged; migration 0014 adds the table and takes it away again."""
from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import inspect, select
from sqlalchemy.engine import Connection

from bot.app import App
from handlers.console_ports import Scope
from handlers.work_record_ports import NewWorkRecord, WorkRecordFilter
from storage.db import Database
from storage.migrate import _config, current_revision, head_revision, upgrade
from storage.models import Person, Township, Village, WorkRecord
from tests.support.rows import rows

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


async def _ids(app: App) -> tuple[int, dict[str, int], dict[str, int]]:
    (town,) = await rows(app, Township)
    return (town.id, {v.name: v.id for v in await rows(app, Village)}, {p.name: p.id for p in await rows(app, Person)})


async def _store(app: App, who: str, *records: NewWorkRecord) -> None:
    town, _, people = await _ids(app)
    async with app.uow() as store:
        for n, record in enumerate(records):
            await store.work_records.add(town, people[who], record, inbox_id=None,
                                         now=app.clock.now() + dt.timedelta(minutes=n))


async def test_a_record_is_stored_and_read_back_by_day_within_the_range(app: App) -> None:
    town, villages, _ = await _ids(app)
    qft = villages["千佛塔村"]
    await _store(app, "王建国",
                 NewWorkRecord("visit", qft, dt.date(2026, 3, 5), 8, "走访困难户8户", "三组"),
                 NewWorkRecord("meeting", qft, dt.date(2026, 3, 2), None, "村两委例会"),
                 NewWorkRecord("duty", qft, dt.date(2026, 4, 1), None, "防汛值班"),  # outside March
                 NewWorkRecord("study", None, dt.date(2026, 3, 31), 20, "全镇党员集中学习"))
    async with app.uow() as store:
        march = await store.work_records.between(town, *MARCH)
    assert [(r.day.day, r.type_label, r.village, r.people) for r in march] == [
        (2, "会议", "千佛塔村", None), (5, "走访", "千佛塔村", 8), (31, "学习", None, 20)]
    visit = march[1]
    assert (visit.place, visit.summary, visit.person, visit.township) == ("三组", "走访困难户8户", "王建国", "响肠镇")
    (stored, *_) = await rows(app, WorkRecord, type="visit")
    assert stored.created_at == app.clock.now() and stored.day == dt.date(2026, 3, 5)


async def test_the_console_list_keeps_to_the_scope_filters_and_pages(app: App) -> None:
    town, villages, people = await _ids(app)
    qft, hx = villages["千佛塔村"], villages["河西村"]
    await _store(app, "王建国", *(NewWorkRecord("visit", qft, dt.date(2026, 3, d), d, f"走访{d}") for d in range(1, 6)))
    await _store(app, "王芳", NewWorkRecord("meeting", hx, dt.date(2026, 3, 9), None, "河西村例会"),
                 NewWorkRecord("meeting", hx, dt.date(2026, 2, 9), None, "河西村二月例会"))
    await _store(app, "胡立新", NewWorkRecord("study", None, dt.date(2026, 3, 3), 30, "镇党委中心组学习"))
    secretary = Scope((town,), frozenset({qft}), people["王建国"])
    leader = Scope((town,), None, people["胡立新"])
    elsewhere = Scope((town + 1,), None, people["胡立新"])
    async with app.uow() as store:
        lists = store.console_work_records
        mine = await lists.records(secretary, WorkRecordFilter(), 0, 10)
        everything = await lists.records(leader, WorkRecordFilter(), 0, 10)
        meetings = await lists.records(leader, WorkRecordFilter(type="meeting", days=MARCH), 0, 10)
        other_village = await lists.records(secretary, WorkRecordFilter(village_id=hx), 0, 10)
        first = await lists.records(secretary, WorkRecordFilter(), 0, 3)
        second = await lists.records(secretary, WorkRecordFilter(), 3, 3)
        none = await lists.records(elsewhere, WorkRecordFilter(), 0, 10)
    assert [r.summary for r in mine.rows] == [f"走访{d}" for d in (5, 4, 3, 2, 1)] and not mine.more
    assert len(everything.rows) == 8 and {"镇党委中心组学习", "河西村二月例会"} <= {r.summary for r in everything.rows}
    assert [r.summary for r in meetings.rows] == ["河西村例会"]
    assert other_village.rows == () and none.rows == ()
    assert ([r.day.day for r in first.rows], first.more) == ([5, 4, 3], True)
    assert ([r.day.day for r in second.rows], second.more) == ([2, 1], False)


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def _downgrade(connection: Connection, revision: str) -> None:
    with connection.begin():
        command.downgrade(_config(connection), revision)


async def test_0014_adds_the_table_and_its_downgrade_drops_it(empty_db_url: str) -> None:
    db = Database(empty_db_url)
    try:
        await upgrade(db)
        async with db.engine.connect() as conn:
            assert "work_record" in await conn.run_sync(_tables)
        async with db.engine.connect() as conn:
            await conn.run_sync(_downgrade, "0013")
        async with db.engine.connect() as conn:
            assert "work_record" not in await conn.run_sync(_tables)
        assert await current_revision(db) == "0013"
        await upgrade(db)
        assert await current_revision(db) == head_revision()
    finally:
        await db.dispose()


async def test_sqlite_reads_a_townships_days_on_the_index(db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's planner scans tables this small whatever their indexes")
    query = select(WorkRecord.id).where(WorkRecord.township_id == 1, WorkRecord.day >= dt.date(2026, 3, 1),
                                        WorkRecord.day <= dt.date(2026, 3, 31))
    db = Database(db_url)
    try:
        async with db.engine.connect() as conn:
            sql = str(query.compile(conn.sync_engine, compile_kwargs={"literal_binds": True}))
            plan = " ".join(str(row) for row in await conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
        assert "ix_work_record_township_day" in plan, plan
    finally:
        await db.dispose()
