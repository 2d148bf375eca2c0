"""What the benchmarks share: databases on both engines, timing, and printing ratios."""
from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

from storage.db import Database
from storage.migrate import upgrade
from tests.support import postgres


class Databases:
    """Makes a fresh database URL per name: "pg:NAME" on PostgreSQL (if installed), anything else a SQLite file."""

    def __init__(self, folder: Path, server: postgres.PostgresServer | None) -> None:
        self._folder = folder
        self._server = server
        self.has_postgres = server is not None

    def __call__(self, name: str) -> str:
        if name.startswith("pg:"):
            if self._server is None:
                raise RuntimeError("PostgreSQL is not installed")
            return self._server.create_database(name[3:].replace("-", "_"))
        return f"sqlite+aiosqlite:///{self._folder / (name + '.db')}"


@contextlib.contextmanager
def engines(with_postgres: bool = True) -> Iterator[Databases]:
    """Databases on SQLite and (if installed and wanted) PostgreSQL, removed afterwards."""
    tmp = Path(tempfile.mkdtemp(prefix="yuebao-bench-"))
    server = postgres.PostgresServer(durable=True).start() if with_postgres and postgres.available() else None
    try:
        yield Databases(tmp, server)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.asynccontextmanager
async def migrated(url: str) -> AsyncIterator[Database]:
    """A migrated database, disposed afterwards."""
    db = Database(url)
    await upgrade(db)
    try:
        yield db
    finally:
        await db.dispose()


async def timed(work: Callable[[], Awaitable[object]]) -> float:
    """Seconds `work` took."""
    start = time.perf_counter()
    await work()
    return time.perf_counter() - start


def run(main: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run a benchmark's async main."""
    asyncio.run(main())
