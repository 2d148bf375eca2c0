"""What the benchmarks share: databases on both engines, timing, and printing ratios."""
from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

from storage.db import Database
from storage.migrate import upgrade
from tests.support import postgres


@contextlib.contextmanager
def engines(with_postgres: bool = True) -> Iterator[Callable[[str], str]]:
    """Yields a function making a fresh migrated-to-be database URL per name, on SQLite and (if installed) PostgreSQL.

    Names starting with "pg:" are PostgreSQL databases; others are SQLite files.
    """
    tmp = Path(tempfile.mkdtemp(prefix="yuebao-bench-"))
    server = postgres.PostgresServer(durable=True).start() if with_postgres and postgres.available() else None

    def make(name: str) -> str:
        if name.startswith("pg:"):
            if server is None:
                raise RuntimeError("PostgreSQL is not installed")
            return server.create_database(name[3:].replace("-", "_"))
        return f"sqlite+aiosqlite:///{tmp / (name + '.db')}"

    make.has_postgres = server is not None  # type: ignore[attr-defined]
    try:
        yield make
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


def run(main: Callable[[], Awaitable[None]]) -> None:
    """Run a benchmark's async main."""
    asyncio.run(main())
