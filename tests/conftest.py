"""Shared fixtures: a real database on both engines, the app on a fake clock, a recording transport."""
from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, create_app
from bot.config import Settings
from bot.console import ConsoleTransport
from bot.registry_file import load_organisation
from handlers.clock import FakeClock
from handlers.parse.workdays import use_office_days
from storage.db import Database
from storage.migrate import upgrade
from storage.repositories.registry_import import RegistryImporter
from tests.support import postgres
from tests.support.cli import is_setting
from tests.support.rows import Snapshot, restore, snapshot

REGISTRY = Path(__file__).resolve().parent / "fixtures" / "township.yaml"  # the project's own; no ../shared needed
CST = dt.timezone(dt.timedelta(hours=8))
_names = itertools.count(1)


@pytest.fixture(autouse=True)
def isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's YUEBAO_/TELEGRAM_/WECOM_/WECHAT_ variables or a `.env` in the cwd."""
    for name in [n for n in os.environ if is_setting(n)]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # Settings() reads ./.env, and relative defaults (./yuebao-files) land here


@pytest.fixture(autouse=True)
def official_calendar_only() -> Iterator[None]:
    """The office's holiday table is process-wide state: no test leaves one behind for the next."""
    yield
    use_office_days({})


@pytest.fixture(scope="session")
def pg_server() -> Iterator[postgres.PostgresServer | None]:
    """One PostgreSQL server for the session; in CI its absence is an error, elsewhere a skip."""
    if not postgres.available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL (initdb/pg_ctl) is not installed; .ci/run should have installed it")
        yield None
        return
    server = postgres.PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()


async def _migrate(url: str) -> None:
    db = Database(url)
    try:
        await upgrade(db)
    finally:
        await db.dispose()


@pytest.fixture(scope="session")
async def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (migrating takes longer than copying)."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    await _migrate(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture(scope="session")
async def pg_database(pg_server: postgres.PostgresServer | None) -> AsyncIterator[postgres.SharedDatabase | None]:
    """The session's one migrated PostgreSQL database, emptied before each test that uses it."""
    if pg_server is None:
        yield None
        return
    await _migrate(pg_server.create_database("shared"))
    database = await postgres.SharedDatabase.open(pg_server, "shared")
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest) -> str:
    """Each database test runs on both engines."""
    if request.param == "postgresql" and request.getfixturevalue("pg_server") is None:
        pytest.skip("PostgreSQL is not installed")
    return request.param


@pytest.fixture
def empty_db_url(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """URL of a new, empty database (for tests of the migrations themselves)."""
    if engine == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("pg_server").create_database(f"t{os.getpid()}_{next(_names)}")


@pytest.fixture
async def db_url(engine: str, tmp_path: Path, sqlite_template: Path,
                 pg_database: postgres.SharedDatabase | None) -> str:
    """URL of a database with the current schema and no rows."""
    if engine == "sqlite":
        target = tmp_path / "test.db"
        shutil.copyfile(sqlite_template, target)
        return f"sqlite+aiosqlite:///{target}"
    assert pg_database is not None  # `engine` skipped the test otherwise
    await pg_database.reset()
    return pg_database.url


class RecordingTransport(ConsoleTransport):
    """A transport that keeps what it was asked to send (the console platform's stand-in in tests)."""

    def __init__(self) -> None:
        super().__init__(lambda chat, text: None)
        self.sent: list[tuple[str, dict[str, Any]]] = []

    async def send(self, chat_id: str, payload: dict[str, Any]) -> str | None:
        self.sent.append((chat_id, payload))
        return str(len(self.sent))

    def texts(self, chat_id: str | None = None) -> list[str]:
        """Texts sent (to one chat, when given)."""
        return [p["text"] for c, p in self.sent if chat_id is None or c == chat_id]


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock at 2026-03-02 09:00 Beijing time (a Monday)."""
    return FakeClock(dt.datetime(2026, 3, 2, 9, 0, tzinfo=CST))


@pytest.fixture
def transport() -> RecordingTransport:
    return RecordingTransport()


@pytest.fixture(scope="session")
def registry_file() -> Path:
    """The registry the `app` fixture imports; a module overrides it to add people of its own."""
    return REGISTRY


@pytest.fixture(scope="session")
def imported_registries() -> dict[tuple[str, Path, dt.datetime], Snapshot]:
    """What importing a registry wrote, by engine, file and import time: imported once, then restored."""
    return {}


@pytest.fixture
async def app(engine: str, db_url: str, clock: FakeClock, transport: RecordingTransport, tmp_path: Path,
              registry_file: Path,
              imported_registries: dict[tuple[str, Path, dt.datetime], Snapshot]) -> AsyncIterator[App]:
    """The app on a migrated database with `registry_file` imported; generated files go to tmp_path."""
    settings = Settings(YUEBAO_DATABASE_URL=db_url, YUEBAO_FILES_DIR=str(tmp_path / "files"))
    # db_url is migrated to head by construction; the start-up check (reading every migration script, ~25 ms)
    # is tested in tests/storage/test_migrations.py and made by every fixture that builds its own app.
    the_app = await create_app(settings, clock=clock, transports={"console": transport}, check_schema=False)
    try:
        # The import parses the file and checks every row (~0.1 s); copying its rows back takes a few ms.
        key = (engine, registry_file, clock.now())
        if key in imported_registries:
            await restore(the_app.db, imported_registries[key])
        else:
            async with the_app.uow() as store:
                await RegistryImporter(store.session, clock.now()).run(load_organisation(registry_file))
            imported_registries[key] = await snapshot(the_app.db)
        yield the_app
    finally:
        await the_app.aclose()
