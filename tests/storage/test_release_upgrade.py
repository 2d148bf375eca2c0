"""A database made by the release before the org tree (the demo's, at migration 0009) upgrades with nothing lost:
every row is where it was, each person's role became their membership, and the people still act as before."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import JSON, Boolean, Connection, Date, DateTime, Engine, MetaData, Table, create_engine, text

from bot.app import create_app
from bot.config import Settings
from storage.db import Database
from storage.migrate import current_revision, head_revision, upgrade

RELEASE_DB = Path(__file__).parents[1] / "fixtures" / "release-0009-demo.sqlite3.gz"
# Tables whose rows no upgrade since 0009 rewrites: every row, in every column the release had, must come through
# byte for byte (later migrations only add columns to some of them).
UNTOUCHED = ("report", "report_revision", "report_evidence", "task", "task_event", "issue", "issue_event", "identity",
             "milestone", "chat_binding", "invite", "outbox", "inbox", "audit_log", "scheduled_run", "grid",
             "person_grid", "conversation", "calendar_setting")


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def _release_rows(path: Path, columns: dict[str, str]) -> dict[str, list[tuple[object, ...]]]:
    return {table: _rows(path, f"SELECT {names} FROM {table} ORDER BY 1") for table, names in columns.items()}


def _unpacked(folder: Path) -> Path:
    path = folder / "release.db"
    with gzip.open(RELEASE_DB) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    return path


async def test_a_release_database_upgrades_with_every_row_where_it_was(tmp_path: Path) -> None:
    path = _unpacked(tmp_path)
    columns = {table: ", ".join(row[1] for row in _rows(path, f"PRAGMA table_info({table})")) for table in UNTOUCHED}
    before = _release_rows(path, columns)
    people = _rows(path, "SELECT id, name, role, village_id, title, township_id, active FROM person ORDER BY id")
    projects = _rows(path, "SELECT id, code, title, village_id, owner_id, weight, active FROM project ORDER BY id")
    assert len(people) == 9 and len(before["report"]) == 14 and len(before["task"]) == 10

    url = f"sqlite+aiosqlite:///{path}"
    db = Database(url)
    try:
        assert await current_revision(db) == "0009"
        await upgrade(db)
        assert await current_revision(db) == head_revision()
    finally:
        await db.dispose()

    assert _release_rows(path, columns) == before
    # A registry's projects were approved when it was imported: they stay in progress.
    assert _rows(path, "SELECT id, code, title, village_id, owner_id, weight, active FROM project ORDER BY id") \
        == projects
    assert {status for (status,) in _rows(path, "SELECT status FROM project")} == {"in_progress"}
    assert _rows(path, "SELECT id, name, township_id, active, county_id FROM person ORDER BY id") == [
        (pid, name, township, active, None) for pid, name, _, _, _, township, active in people]
    # Each person's one role is now their one membership: on their village, else on the township.
    assert _rows(path, "SELECT person_id, role, title, county_id, township_id, village_id FROM membership "
                       "ORDER BY person_id") == [
        (pid, role, title, None, None if village else township, village)
        for pid, _, role, village, title, township, _ in people]
    assert _rows(path, "SELECT c.name, c.level, t.name, t.level FROM township t JOIN county c ON c.id = t.county_id") \
        == [("云岭县", "县", "青山镇", "镇")]
    assert _rows(path, "SELECT name, level, active FROM village ORDER BY id") == [
        ("石门村", "村", 1), ("柳溪村", "村", 1), ("茶岭村", "村", 1), ("枫林社区", "社区", 1)]

    app = await create_app(Settings(YUEBAO_DATABASE_URL=url, YUEBAO_FILES_DIR=str(tmp_path / "files")))
    try:
        async with app.uow() as store:
            acting = {name: await store.people.by_identity("console", f"demo:{name}")
                      for name in ("赵敏", "黄志明", "吴刚", "马丽")}
            town = await store.townships.get(1)
        assert {name: (p.role, p.village, p.township, p.title) for name, p in acting.items() if p} == {
            "赵敏": ("admin", None, "青山镇", "镇党建办干事"), "黄志明": ("secretary", "石门村", "青山镇", None),
            "吴刚": ("contact_official", "石门村", "青山镇", "包村干部"), "马丽": ("grid_worker", "石门村", "青山镇", None)}
        assert town is not None and town.county == "云岭县"
    finally:
        await app.aclose()


async def test_the_release_rows_upgrade_on_postgresql_too(empty_db_url: str, tmp_path: Path) -> None:
    """The same rows, copied into a PostgreSQL database at 0009, come through 0010's own SQL for that engine."""
    if not empty_db_url.startswith("postgresql"):
        pytest.skip("the SQLite file itself is upgraded above")
    source = create_engine(f"sqlite:///{_unpacked(tmp_path)}")
    db = Database(empty_db_url)
    try:
        await upgrade(db, "0009")
        async with db.engine.begin() as conn:
            await conn.run_sync(_copy, source)
        await upgrade(db)
        async with db.transaction() as session:
            posts = (await session.execute(text(
                "SELECT p.name, m.role, m.township_id IS NULL, v.name FROM membership m JOIN person p ON p.id = "
                "m.person_id LEFT JOIN village v ON v.id = m.village_id ORDER BY p.id"))).all()
            county = (await session.execute(text(
                "SELECT c.name, t.name FROM township t JOIN county c ON c.id = t.county_id"))).all()
            reports = (await session.execute(text("SELECT count(*) FROM report"))).scalar_one()
    finally:
        await db.dispose()
        source.dispose()
    assert len(posts) == 9 and posts[0] == ("陈国华", "township_leader", False, None)
    assert ("黄志明", "secretary", True, "石门村") in posts and ("吴刚", "contact_official", True, "石门村") in posts
    assert county == [("云岭县", "青山镇")] and reports == 14


def _copy(conn: Connection, source: Engine) -> None:
    """Every row of the SQLite release database into `conn`'s tables (same schema, 0009), parents first."""
    target = MetaData()
    target.reflect(conn)
    with source.connect() as read:
        for table in target.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = [dict(row) for row in read.execute(text(f"SELECT * FROM {table.name}")).mappings()]
            if rows:
                conn.execute(table.insert(), [_typed(table, row) for row in rows])
        for table in target.sorted_tables:  # ids were copied: the sequences must move past them
            if "id" in table.c and table.c.id.autoincrement:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                  f"coalesce((SELECT max(id) FROM {table.name}), 1))"))


def _typed(table: Table, row: dict[str, object]) -> dict[str, object]:
    """SQLite's stored text and integers as PostgreSQL's column types want them."""
    out: dict[str, object] = {}
    for name, value in row.items():
        kind = table.c[name].type
        if value is not None and isinstance(kind, Boolean):
            value = bool(value)
        elif isinstance(value, str) and isinstance(kind, JSON):
            value = json.loads(value)
        elif isinstance(value, str) and isinstance(kind, DateTime):
            value = dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
        elif isinstance(value, str) and isinstance(kind, Date):
            value = dt.date.fromisoformat(value)
        out[name] = value
    return out


async def test_a_downgrade_drops_what_0009_cannot_hold_and_leaves_no_broken_reference(tmp_path: Path) -> None:
    """A county cadre (with an account, the assigner of a task) and a township project (with a report) have no
    place before 0010: they go, and so does what refers to them, or the reference is cleared."""
    from alembic import command

    from storage.migrate import _config, _sqlite_foreign_keys

    path = _unpacked(tmp_path)
    db = Database(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade(db)
        async with db.transaction() as session:
            for sql in (
                "INSERT INTO person (id, county_id, name, active) VALUES (50, 1, '县领导', true)",
                "INSERT INTO membership (person_id, role, county_id) VALUES (50, 'county_leader', 1)",
                "INSERT INTO identity (person_id, platform, platform_user_id, linked_at) "
                "VALUES (50, 'telegram', '5050', '2026-01-01 00:00:00')",
                "UPDATE task SET assigner_id = 50 WHERE id = 1",
                "INSERT INTO project (id, township_id, code, title, kind, weight, active) "
                "VALUES (60, 1, 'Z1', '镇党委项目', 'secretary_project', 1, true)",
                "INSERT INTO report (id, project_id, village_id, period, status, amounts, late, created_at, "
                "updated_at) VALUES (90, 60, 1, '2026-03', 'draft', '[]', false, '2026-03-01', '2026-03-01')",
                "INSERT INTO report_revision (report_id, number, created_at, source, fields) "
                "VALUES (90, 1, '2026-03-01', 'report', '{}')"):
                await session.execute(text(sql))

        def downgrade(conn: Connection) -> list[tuple[object, ...]]:
            _sqlite_foreign_keys(conn, on=False)  # as storage.migrate runs every migration on SQLite
            with conn.begin():
                command.downgrade(_config(conn), "0009")
            return [tuple(row) for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()]

        async with db.engine.connect() as conn:
            assert await conn.run_sync(downgrade) == []
    finally:
        await db.dispose()
    assert _rows(path, "SELECT count(*) FROM person WHERE id = 50") == [(0,)]
    assert _rows(path, "SELECT count(*) FROM identity WHERE person_id = 50") == [(0,)]
    assert _rows(path, "SELECT assigner_id FROM task WHERE id = 1") == [(None,)]
    assert _rows(path, "SELECT count(*) FROM report WHERE project_id = 60") == [(0,)]
    assert _rows(path, "SELECT count(*) FROM report_revision WHERE report_id = 90") == [(0,)]
    assert _rows(path, "SELECT role FROM person WHERE name = '黄志明'") == [("secretary",)]
    db = Database(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade(db)  # and back up again
    finally:
        await db.dispose()
