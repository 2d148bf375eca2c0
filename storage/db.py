"""Engine and sessions: SQLite (WAL, busy timeout, serialized writes) or PostgreSQL, with the same code."""
from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from storage.private_files import private_file
from storage.write_clock import WriteClock

SQLITE_BUSY_TIMEOUT_MS = 30_000


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, open transactions, so SAVEPOINT works (SQLAlchemy's pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


READ_ONLY = "yuebao_read_only"  # an execution option: the transaction only reads


def _sqlite_begin(conn: Any) -> None:
    if conn.get_execution_options().get(READ_ONLY):
        # A reader takes no lock in WAL mode; query_only makes a stray write fail loudly instead of taking one.
        conn.exec_driver_sql("BEGIN")
        if not conn.info.get(READ_ONLY):
            conn.exec_driver_sql("PRAGMA query_only = ON")
            conn.info[READ_ONLY] = True  # info lives with the pooled connection, as the pragma does
        return
    if conn.info.pop(READ_ONLY, False):  # this pooled connection last served a reader
        conn.exec_driver_sql("PRAGMA query_only = OFF")
    # Take the write lock up front: a deferred transaction that later writes can fail with SQLITE_BUSY.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


class WriteLock:
    """SQLite's single writer, queued in two lanes: storing an incoming message first, everything else after.

    A platform waits for the raw store (WeCom gives 5 seconds); handling and sending can wait a moment.
    """

    def __init__(self) -> None:
        self._held = False
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    @contextlib.asynccontextmanager
    async def hold(self, urgent: bool) -> AsyncIterator[None]:
        """Hold the lock for the block; urgent holders are served before the others waiting."""
        if self._held or self._waiting:
            future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            heapq.heappush(self._waiting, (0 if urgent else 1, next(self._seq), future))
            try:
                await future
            except BaseException:
                if not future.cancelled() and future.done():
                    self._release()  # handed the lock just as we were cancelled: pass it on
                else:
                    self._waiting = [w for w in self._waiting if w[2] is not future]
                    heapq.heapify(self._waiting)
                raise
        else:
            self._held = True
        try:
            yield
        finally:
            self._release()

    def _release(self) -> None:
        while self._waiting:
            _, _, future = heapq.heappop(self._waiting)
            if not future.done():
                future.set_result(None)  # ownership passes straight to the next holder
                return
        self._held = False


class Database:
    """One engine and its session factory; `transaction()` is the unit of work's database side."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        # Bound parameters never reach a log line or an error's text: they hold access tokens and login codes.
        kwargs: dict[str, Any] = {"echo": echo, "hide_parameters": True}
        if self.is_sqlite:
            database = self.url.database or ""
            if database and database != ":memory:":
                private_file(Path(database))  # people's data and access tokens: the owner's only, -wal and -shm too
            kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        else:
            kwargs.update(pool_size=10, max_overflow=10, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(self.url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_connect)
            event.listen(self.engine.sync_engine, "begin", _sqlite_begin)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        readers = self.engine.execution_options(**{READ_ONLY: True}) if self.is_sqlite else \
            self.engine.execution_options(postgresql_readonly=True)
        self.readers = async_sessionmaker(readers, expire_on_commit=False, autoflush=False)
        self.writes = WriteClock()  # read models (the console's month figures) are cached until records change
        self.writes.watch(self.engine)
        # SQLite has one writer; queueing here is cheaper and fairer than spinning on SQLITE_BUSY.
        self._write_lock = WriteLock() if self.is_sqlite else None

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.url.get_backend_name()

    @contextlib.asynccontextmanager
    async def transaction(self, *, urgent: bool = False) -> AsyncIterator[AsyncSession]:
        """A session in one transaction: committed when the block ends, rolled back if it raises.

        `urgent` puts it ahead of other waiting writers on SQLite (storing what a platform waits on)."""
        lock = self._write_lock.hold(urgent) if self._write_lock else contextlib.nullcontext()
        async with lock, self.sessions() as session, session.begin():
            yield session

    @contextlib.asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A session in one read-only transaction: it waits for no writer and holds up none (a write in it fails).

        For pages that only look: on SQLite a writer's transaction would queue behind the one write lock, and
        while a county's dashboard is computed an incoming message could not be stored."""
        async with self.readers() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()

    def safe_url(self) -> str:
        """The URL with any password hidden, for messages and logs."""
        return self.url.render_as_string(hide_password=True)
