"""PostgreSQL backups through pg_dump and pg_restore, the tools every PostgreSQL administrator already trusts.

The connection goes to them in libpq's environment variables, the password in PGPASSWORD: a command line is
visible to every user of the machine (ps), and ends up in logs.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import IO

from sqlalchemy.engine import URL

from storage.backup import BackupError, partial_file

SSL_MODES = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}
INSTALL = "请安装 PostgreSQL 客户端（Debian/Ubuntu：apt-get install postgresql-client），版本不低于数据库服务器。"


def libpq_env(url: URL) -> dict[str, str]:
    """This process's environment with the connection of `url` as PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.

    What the URL leaves out stays as the environment has it, as asyncpg reads it too (PGPASSWORD, ~/.pgpass)."""
    query = {key: value for key, value in url.query.items() if isinstance(value, str)}
    given = {"PGHOST": url.host or query.get("host"), "PGPORT": str(url.port) if url.port else None,
             "PGUSER": url.username, "PGPASSWORD": url.password, "PGDATABASE": url.database}
    ssl = query.get("sslmode") or query.get("ssl")  # asyncpg spells it ssl=require as well as sslmode=require
    if ssl in SSL_MODES:
        given["PGSSLMODE"] = ssl
    return {**os.environ, **{key: value for key, value in given.items() if value}}


def tool(name: str) -> str:
    """The path of the PostgreSQL program `name`; BackupError saying how to install it when it is missing."""
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"找不到 {name}。{INSTALL}")
    return found


def _run(url: URL, args: list[str], stdout: int | IO[bytes]) -> subprocess.CompletedProcess[bytes]:
    """Run a PostgreSQL tool on `url`'s connection; BackupError with its own words when it fails."""
    program = tool(args[0])
    # --no-password: never wait for a password on a terminal (a timer has none); libpq reads it from PGPASSWORD.
    done = subprocess.run([program, "--no-password", *args[1:]], env=libpq_env(url), stdout=stdout,
                          stderr=subprocess.PIPE, check=False)
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip()
        if url.password:
            said = said.replace(url.password, "***")  # libpq does not echo it; nothing here may, whatever changes
        lines = [line for line in said.splitlines() if line.strip()][-3:]
        hint = f"\n{INSTALL}" if "version mismatch" in said or "unsupported version" in said else ""
        raise BackupError(f"{args[0]} 没有成功（退出码 {done.returncode}）：" + "\n".join(lines) + hint)
    return done


def dump(url: URL, out: Path) -> None:
    """pg_dump the database of `url` in the custom format into `out` (0600, written under another name first)."""
    with partial_file(out) as partial, partial.open("wb") as sink:
        # The connection, database name included, is all in the environment: no argument names it.
        _run(url, ["pg_dump", "--format=custom"], stdout=sink)


def dumped_revision(url: URL, backup: Path) -> str | None:
    """The schema revision recorded in the pg_dump file `backup`, read without a database (None if absent)."""
    tool("pg_restore")  # first: inside the `try`, a missing program would read as a damaged file
    try:
        done = _run(url, ["pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(backup.resolve())],
                    stdout=subprocess.PIPE)
    except BackupError as exc:  # the first look into the file: a truncated or damaged one fails here
        raise BackupError(f"备份文件 {backup} 无法读取，可能已损坏或不完整，没有做任何改动。{exc}") from exc
    lines = done.stdout.decode(errors="replace").splitlines()
    for at, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and at + 1 < len(lines):
            value = lines[at + 1].strip()
            return None if value == "\\." else value
    return None


def restore(url: URL, backup: Path) -> None:
    """pg_restore `backup` into the (empty) database of `url`, all or nothing."""
    database = (url.database or "").replace("\\", "\\\\").replace("'", "\\'")
    # --single-transaction with --exit-on-error: a failure leaves the database as empty as it was.
    # --no-owner/--no-acl: the roles of the machine the backup came from need not exist here.
    _run(url, ["pg_restore", "--no-owner", "--no-acl", "--single-transaction", "--exit-on-error",
               f"--dbname=dbname='{database}'", str(backup.resolve())], stdout=subprocess.DEVNULL)
