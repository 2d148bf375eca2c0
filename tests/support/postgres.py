"""A throwaway PostgreSQL server in a temp directory, for tests and benchmarks (started and stopped by them)."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncpg


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def available() -> bool:
    """Whether initdb and pg_ctl are installed."""
    return bool(_bin("initdb") and _bin("pg_ctl"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """initdb + pg_ctl start on 127.0.0.1 and a free port; `stop()` removes everything."""

    def __init__(self, *, durable: bool = False) -> None:
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="yuebao-pg-"))
        self.data = self.root / "data"
        self.durable = durable  # benchmarks keep fsync on; tests turn it off for speed
        # PostgreSQL refuses to run as root; CI runs as root, so run it as the `postgres` system user.
        self._as: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, capture_output=True, text=True, cwd=self.root)

    def start(self) -> PostgresServer:
        """Create the cluster and start the server; waits until it accepts connections."""
        self._run(_bin("initdb") or "initdb", "-D", str(self.data), "-U", "yuebao", "--auth=trust",
                  "-E", "UTF8", "--locale=C")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(_bin("pg_ctl") or "pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.root / "server.log"), "-w", "-t", "60", "start")
        return self

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy async URL of a database on this server."""
        return f"postgresql+asyncpg://yuebao@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = "postgres") -> str:
        """libpq/asyncpg URL of a database on this server."""
        return f"postgresql://yuebao@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create a database (optionally from a template) and return its URL."""
        template_sql = f" TEMPLATE {template}" if template else ""
        self.psql(f'CREATE DATABASE "{name}"{template_sql}')
        return self.url(name)

    def psql(self, sql: str) -> None:
        """Run one SQL statement as the superuser."""
        subprocess.run([_bin("psql") or "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "yuebao",
                        "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
                       check=True, capture_output=True, text=True)

    def stop(self) -> None:
        """Stop the server and delete its files."""
        try:
            self._run(_bin("pg_ctl") or "pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)


# One round trip: end the connections a previous test left open (their locks would block the deletes), empty
# every table but Alembic's, and set each sequence that was used back to its start (ALTER SEQUENCE … RESTART
# rewrites the sequence's file: 30 ms for two dozen). Deleting is far cheaper than TRUNCATE for tables this
# small; the replica role skips the foreign-key checks, as every row goes.
_RESET = """
SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
 WHERE datname = current_database() AND pid <> pg_backend_pid();
DO $$
DECLARE name text;
BEGIN
  SET LOCAL session_replication_role = replica;
  FOR name IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version' LOOP
    EXECUTE format('DELETE FROM public.%I', name);
  END LOOP;
END $$;
SELECT setval(format('public.%I', sequencename)::regclass, start_value, false) FROM pg_sequences
 WHERE schemaname = 'public' AND last_value IS NOT NULL;
"""


class SharedDatabase:
    """One database for a whole test session, emptied by `reset()` before each test that uses it.

    Cheaper than a database per test: CREATE DATABASE … TEMPLATE copies files and checkpoints (0.3–0.5 s),
    a reset takes a few milliseconds.
    """

    def __init__(self, connection: asyncpg.Connection, url: str) -> None:
        self._connection = connection
        self.url = url

    @classmethod
    async def open(cls, server: PostgresServer, name: str) -> SharedDatabase:
        """Connect to the existing database `name` on `server` to reset it."""
        import asyncpg  # the benchmarks use this module too, and run on SQLite without the postgres extra

        connection = await asyncpg.connect(server.dsn(name))
        await connection.execute("SET lock_timeout = '30s'")  # a lock nobody releases is an error, not a hang
        return cls(connection, server.url(name))

    async def reset(self) -> None:
        """Close other connections to the database and empty it: the schema stays, the rows go."""
        await self._connection.execute(_RESET)

    async def close(self) -> None:
        """Close the connection used for resetting."""
        await self._connection.close()
