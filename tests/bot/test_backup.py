"""`yuebao backup` and `yuebao restore`: a round trip on both engines, and every refusal changing nothing."""
from __future__ import annotations

import asyncio
import hashlib
import itertools
import os
import re
import sqlite3
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, inspect, text

from storage import backup as backup_module
from storage.db import Database
from storage.migrate import head_revision, upgrade
from tests.conftest import REGISTRY
from tests.support.cli import InProcess
from tests.support.postgres import PostgresServer

REPORT = "征地搬迁这块已签约25户，整体进度60%\n确认\n::退出\n"
_names = itertools.count(1)

NewDatabase = Callable[[str], str]


@pytest.fixture
def yb(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> InProcess:
    return InProcess(monkeypatch, capsys)


@pytest.fixture
def new_database(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> NewDatabase:
    """Makes the URL of a database that does not exist yet (SQLite) or exists with nothing in it (PostgreSQL)."""
    def make(name: str) -> str:
        if engine == "sqlite":
            return f"sqlite+aiosqlite:///{tmp_path / name}.db"
        server: PostgresServer = request.getfixturevalue("pg_server")
        return server.create_database(f"b{os.getpid()}_{name}_{next(_names)}")
    return make


def filled(yb: InProcess, url: Path | str) -> None:
    """A database as an office has it: migrated, the township imported, a report filed and confirmed in chat."""
    for args in (("db", "upgrade"), ("import", str(REGISTRY))):
        assert yb(*args, db=url).returncode == 0
    chat = yb("chat", "--as", "王建国", db=url, stdin=REPORT)
    assert chat.returncode == 0 and "已确认：千佛塔村 · 党建引领征地搬迁攻坚，进度 60%" in chat.stdout, chat.stdout


def _read_all(conn: Connection) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in inspect(conn).get_table_names():
        found[name] = sorted((tuple(row) for row in conn.execute(text(f'SELECT * FROM "{name}"'))), key=repr)
    if conn.dialect.name == "postgresql":  # restored ids must not be handed out again
        found["sequences"] = sorted(conn.execute(text("SELECT sequencename, last_value FROM pg_sequences")).all())
    return found


def everything(url: str) -> dict[str, Any]:
    """Every row of every table (and PostgreSQL's sequences), to compare two databases."""
    async def read() -> dict[str, Any]:
        db = Database(url)
        try:
            async with db.engine.connect() as conn:
                return await conn.run_sync(_read_all)
        finally:
            await db.dispose()
    return asyncio.run(read())


def test_round_trip(yb: InProcess, engine: str, new_database: NewDatabase, tmp_path: Path) -> None:
    source, target, out = new_database("source"), new_database("target"), tmp_path / "saved" / "backup.bin"
    filled(yb, source)
    saved = yb("backup", "--out", str(out), db=source)
    assert saved.returncode == 0, saved.stderr
    assert f"已备份到 {out}" in saved.stdout and f"数据库版本 {head_revision()}；乡镇 1，村（社区） 6，人员 13，项目 8，月报 1" in saved.stdout
    assert ("pg_dump" in saved.stdout) == (engine == "postgresql")  # it says how it was made
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and stat.S_IMODE(out.parent.stat().st_mode) == 0o700
    assert list(out.parent.iterdir()) == [out]  # no partial file, no -wal or -shm: one file is the backup
    assert out.read_bytes().startswith(b"SQLite format 3\0" if engine == "sqlite" else b"PGDMP")

    restored = yb("restore", str(out), db=target)
    assert restored.returncode == 0, restored.stderr
    assert "已从" in restored.stdout and "人员 13，项目 8，月报 1" in restored.stdout and "升级" not in restored.stdout
    rows = everything(target)
    assert rows == everything(source)
    assert len(rows["report"]) == 1 and len(rows["person"]) == 13 and rows["alembic_version"] == [(head_revision(),)]
    assert yb("db", "status", db=target).returncode == 0
    assert yb("invite", "王建国", db=target).returncode == 0  # it runs on: new rows get new ids


def test_restore_onto_a_database_with_anything_in_it_changes_nothing(
        yb: InProcess, engine: str, new_database: NewDatabase, tmp_path: Path) -> None:
    source, out = new_database("source"), tmp_path / "backup.bin"
    filled(yb, source)
    assert yb("backup", "--out", str(out), db=source).returncode == 0
    migrated = new_database("migrated")  # an office that ran `db upgrade` first: schema, no rows of its own
    assert yb("db", "upgrade", db=migrated).returncode == 0
    for target in (source, migrated):
        before = everything(target)
        refused = yb("restore", str(out), db=target)
        assert refused.returncode == 2 and "不是空的" in refused.stderr and "没有做任何改动" in refused.stderr
        assert "alembic_version" in refused.stderr and refused.stdout == ""
        assert everything(target) == before


def test_a_sqlite_target_file_is_left_byte_for_byte(yb: InProcess, tmp_path: Path) -> None:
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    filled(yb, source)
    assert yb("backup", "--out", str(tmp_path / "b.sqlite3"), db=source).returncode == 0
    with sqlite3.connect(target) as conn:
        conn.execute("CREATE TABLE notes (text)")  # any table at all: not ours to overwrite
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    assert yb("restore", str(tmp_path / "b.sqlite3"), db=target).returncode == 2
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_restore_into_an_existing_empty_file(yb: InProcess, tmp_path: Path) -> None:
    filled(yb, tmp_path / "source.db")
    assert yb("backup", "--out", str(tmp_path / "b.sqlite3"), db=tmp_path / "source.db").returncode == 0
    (tmp_path / "target.db").touch()  # as `touch` or a first failed start leaves it
    assert yb("restore", str(tmp_path / "b.sqlite3"), db=tmp_path / "target.db").returncode == 0
    assert everything(f"sqlite+aiosqlite:///{tmp_path / 'target.db'}")["person"]


def test_backup_never_overwrites_unless_forced(yb: InProcess, tmp_path: Path) -> None:
    db, out = tmp_path / "y.db", tmp_path / "backup.sqlite3"
    filled(yb, db)
    out.write_text("an older backup", encoding="utf-8")
    out.chmod(0o644)
    refused = yb("backup", "--out", str(out), db=db)
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "an older backup"
    assert yb("backup", "--out", str(out), "--force", db=db).returncode == 0
    assert out.read_bytes().startswith(b"SQLite format 3\0") and stat.S_IMODE(out.stat().st_mode) == 0o600


def test_the_default_name_is_dated_in_the_current_folder(yb: InProcess, tmp_path: Path) -> None:
    filled(yb, tmp_path / "y.db")  # conftest runs each test in tmp_path
    assert yb("backup", db=tmp_path / "y.db").returncode == 0
    made = [p.name for p in tmp_path.glob("yuebao-backup-*")]
    assert len(made) == 1 and re.fullmatch(r"yuebao-backup-20\d{6}-\d{4}\.sqlite3", made[0]), made


def test_backup_of_a_database_that_does_not_exist(yb: InProcess, tmp_path: Path) -> None:
    refused = yb("backup", "--out", str(tmp_path / "b.sqlite3"), db=tmp_path / "missing.db")
    assert refused.returncode == 2 and "不存在，没有可备份的内容" in refused.stderr
    assert sorted(tmp_path.iterdir()) == []  # neither the database nor a backup was created


@pytest.mark.parametrize(("content", "configured", "said"), [
    (b"name,role\n", "sqlite", "既不是 SQLite 数据库文件，也不是 pg_dump 自定义格式"),
    (b"", "sqlite", "既不是 SQLite 数据库文件"),
    (b"PGDMP\x01\x0f\x00", "sqlite", "是 PostgreSQL 数据库的备份，而 YUEBAO_DATABASE_URL 指向 SQLite 数据库"),
    (b"SQLite format 3\0", "postgresql", "是 SQLite 数据库的备份，而 YUEBAO_DATABASE_URL 指向 PostgreSQL 数据库"),
])
def test_a_file_of_the_wrong_kind_is_refused(yb: InProcess, tmp_path: Path, content: bytes, configured: str,
                                             said: str) -> None:
    given = tmp_path / "given.bin"
    given.write_bytes(content)
    # Nothing listens on port 9: the refusal comes before any connection is tried.
    url: Path | str = tmp_path / "target.db" if configured == "sqlite" else "postgresql+asyncpg://u:pw@127.0.0.1:9/x"
    refused = yb("restore", str(given), db=url)
    assert refused.returncode == 2 and said in refused.stderr and "没有做任何改动" in refused.stderr
    assert not (tmp_path / "target.db").exists()


def _backup_at(tmp_path: Path, revision: str, edit: str | None = None) -> Path:
    """A SQLite backup of a database migrated to `revision`, with `edit` run on it."""
    db = tmp_path / f"at-{revision}.db"

    async def migrate() -> None:
        database = Database(f"sqlite+aiosqlite:///{db}")
        try:
            await upgrade(database, revision)
        finally:
            await database.dispose()
    asyncio.run(migrate())
    out = tmp_path / f"backup-{revision}.sqlite3"
    backup_module.backup_sqlite(db, out)
    if edit:
        with sqlite3.connect(out) as conn:
            conn.execute(edit)
    return out


def test_an_older_backup_is_upgraded_after_restoring(yb: InProcess, tmp_path: Path) -> None:
    old = _backup_at(tmp_path, "0008")
    restored = yb("restore", str(old), db=tmp_path / "target.db")
    assert restored.returncode == 0, restored.stderr
    assert f"备份的数据库版本是 0008，已自动升级到当前版本 {head_revision()}" in restored.stdout
    assert yb("db", "status", db=tmp_path / "target.db").returncode == 0
    assert backup_module.read_sqlite(old).revision == "0008"  # the backup itself is left as it was


@pytest.mark.parametrize(("edit", "said"), [
    ("UPDATE alembic_version SET version_num = '9999'", "来自更新版本的 yuebao（数据库版本 9999"),
    ("DROP TABLE alembic_version", "没有 yuebao 的数据库版本表"),
])
def test_a_backup_this_code_cannot_use_is_refused(yb: InProcess, tmp_path: Path, edit: str, said: str) -> None:
    given = _backup_at(tmp_path, "head", edit)
    refused = yb("restore", str(given), db=tmp_path / "target.db")
    assert refused.returncode == 2 and said in refused.stderr
    assert not (tmp_path / "target.db").exists()


def test_a_damaged_backup_is_refused_before_anything_is_written(yb: InProcess, tmp_path: Path) -> None:
    filled(yb, tmp_path / "y.db")
    assert yb("backup", "--out", str(tmp_path / "b.sqlite3"), db=tmp_path / "y.db").returncode == 0
    whole = (tmp_path / "b.sqlite3").read_bytes()
    (tmp_path / "cut.sqlite3").write_bytes(whole[: len(whole) // 3])  # a copy that stopped a third of the way
    refused = yb("restore", str(tmp_path / "cut.sqlite3"), db=tmp_path / "target.db")
    assert refused.returncode == 2 and "已损坏" in refused.stderr
    assert not (tmp_path / "target.db").exists()


def test_a_copy_that_writes_interrupt_is_finished_in_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "live.db"
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (x)")
        conn.executemany("INSERT INTO t VALUES (?)", [(str(i) * 50,) for i in range(2000)])
    writer = sqlite3.connect(source, isolation_level=None)
    monkeypatch.setattr(backup_module, "STEP_PAGES", 4)  # many steps, as for a large database
    seen: list[tuple[int, int]] = []

    def write_between_steps(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) <= 100:  # the bot goes on writing (bounded, so that a copy that restarts still ends)
            writer.execute("INSERT INTO t VALUES ('written during the backup')")

    contents = backup_module.backup_sqlite(source, tmp_path / "b.sqlite3", write_between_steps)
    writer.close()
    assert seen and seen[0][0] < seen[0][1]  # it copied in steps, as for a large database
    assert len(seen) < 10  # and did not start over after every write: one snapshot once writes interfered
    with sqlite3.connect(tmp_path / "b.sqlite3") as copy:
        assert copy.execute("SELECT count(*) FROM t").fetchone()[0] == contents.rows["t"] > 2000


def test_postgresql_password_goes_only_in_the_environment(
        yb: InProcess, pg_server: PostgresServer | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if pg_server is None:
        pytest.skip("PostgreSQL is not installed")
    url, target = (pg_server.create_database(f"b{os.getpid()}_{name}_{next(_names)}") for name in ("s", "t"))
    assert yb("db", "upgrade", db=url).returncode == 0
    with_password = url.replace("yuebao@", "yuebao:Pa55-word-x@")  # the test server trusts; the password is carried
    calls: list[tuple[list[str], dict[str, str]]] = []
    real_run = subprocess.run

    def recording(args: list[str], **kwargs: Any) -> Any:
        calls.append((list(args), dict(kwargs.get("env") or {})))
        return real_run(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", recording)  # what pg_tools calls: every program it starts
    out = tmp_path / "b.dump"
    saved = yb("backup", "--out", str(out), db=with_password)
    assert saved.returncode == 0, saved.stderr
    assert yb("restore", str(out), db=target.replace("yuebao@", "yuebao:Pa55-word-x@")).returncode == 0
    assert [Path(args[0]).name for args, _ in calls] == ["pg_dump", "pg_restore", "pg_restore"]
    assert all(env["PGPASSWORD"] == "Pa55-word-x" and env["PGUSER"] == "yuebao" for _, env in calls)
    assert all("Pa55-word-x" not in arg for args, _ in calls for arg in args)
    assert "Pa55-word-x" not in saved.stdout + saved.stderr


def test_a_damaged_postgresql_backup_leaves_the_database_empty(
        yb: InProcess, pg_server: PostgresServer | None, tmp_path: Path) -> None:
    if pg_server is None:
        pytest.skip("PostgreSQL is not installed")
    source = pg_server.create_database(f"b{os.getpid()}_s_{next(_names)}")
    filled(yb, source)
    assert yb("backup", "--out", str(tmp_path / "b.dump"), db=source).returncode == 0
    whole = (tmp_path / "b.dump").read_bytes()
    (tmp_path / "cut.dump").write_bytes(whole[: len(whole) * 2 // 3])
    target = pg_server.create_database(f"b{os.getpid()}_t_{next(_names)}")
    refused = yb("restore", str(tmp_path / "cut.dump"), db=target)
    assert refused.returncode == 2 and "pg_restore" in refused.stderr, refused.stderr
    assert not any(everything(target).values())


def test_the_postgresql_tools_get_the_whole_connection_from_the_url() -> None:
    from sqlalchemy.engine import make_url

    from storage.pg_tools import libpq_env

    env = libpq_env(make_url("postgresql+asyncpg://clerk:p%40ss@/yuebao?host=/run/postgresql&ssl=require"))
    assert {k: env.get(k) for k in ("PGHOST", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE")} == {
        "PGHOST": "/run/postgresql", "PGUSER": "clerk", "PGPASSWORD": "p@ss", "PGDATABASE": "yuebao",
        "PGSSLMODE": "require"}
    assert libpq_env(make_url("postgresql+asyncpg://db.example:6432/y"))["PGPORT"] == "6432"


def test_a_folder_as_out_gets_the_dated_name(yb: InProcess, tmp_path: Path) -> None:
    filled(yb, tmp_path / "y.db")
    (tmp_path / "nightly").mkdir()
    assert yb("backup", "--out", str(tmp_path / "nightly"), db=tmp_path / "y.db").returncode == 0
    assert [p.name.startswith("yuebao-backup-") for p in (tmp_path / "nightly").iterdir()] == [True]
