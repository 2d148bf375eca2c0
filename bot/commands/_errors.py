"""Failures of the environment — files, the database, the listening port — as one Chinese line with the fix."""
from __future__ import annotations

import contextlib
import errno
import socket
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

REASONS = {errno.ENOENT: "路径不存在", errno.EACCES: "没有权限", errno.EPERM: "没有权限",
           errno.EISDIR: "这是一个文件夹", errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
           errno.EEXIST: "已有同名的文件，不能用作文件夹", errno.EROFS: "文件系统只读", errno.ENOSPC: "磁盘空间不足",
           errno.EADDRINUSE: "端口已被占用", errno.EADDRNOTAVAIL: "本机没有这个地址"}


class CommandError(Exception):
    """A problem to show the user in one line; the command exits with status 2."""


def report(exc: Exception) -> int:
    """Print a command error to stderr; the exit status for it."""
    print(f"错误：{exc}", file=sys.stderr)
    return 2


def reason(exc: OSError) -> str:
    """Why a file or socket operation failed, in Chinese."""
    return REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def writable_folder(folder: Path, option: str) -> None:
    """CommandError unless `folder` exists (or can be made) and this process can write in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Trying is the only reliable test: permission bits say nothing about root, ACLs or read-only mounts.
        tempfile.TemporaryFile(dir=folder).close()
    except OSError as exc:
        raise CommandError(f"无法写入 {folder}：{reason(exc)}。请用 {option} 换一个可写的文件夹。") from exc


def can_listen(host: str, port: int) -> None:
    """CommandError unless the HTTP server will be able to listen on host:port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET  # as uvicorn chooses
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
    except OSError as exc:
        raise CommandError(f"无法在 {host}:{port} 上接收请求：{reason(exc)}。"
                           "请用 --host/--port（或 YUEBAO_HOST/YUEBAO_PORT）换一个，或先停止占用它的程序。") from exc


@contextlib.contextmanager
def reaching_database(url: str, *, then: str = "再运行 yuebao db upgrade") -> Iterator[None]:
    """Turns a failure to open or reach the database at `url` into a CommandError naming the fix (`then`: what
    to do once a missing database is created)."""
    try:
        _open_sqlite_file(url)
        yield
    except Exception as exc:
        message = _database_problem(exc, url, then)
        if message is None:
            raise
        raise CommandError(message) from exc


def _open_sqlite_file(url: str) -> None:
    # Once, synchronously, as the engine would (folder created, file too): when aiosqlite fails to open a file
    # it leaves its worker thread to report to an event loop that has closed, which prints a traceback.
    from sqlalchemy.engine import make_url

    from storage.private_files import private_dir

    target = make_url(url)
    if target.get_backend_name() == "sqlite" and target.database not in (None, "", ":memory:"):
        private_dir(Path(target.database).parent)  # 0700, as the Database makes its folder
        sqlite3.connect(target.database).close()


def _database_problem(exc: BaseException, url: str, then: str) -> str | None:
    from sqlalchemy.engine import make_url

    target = make_url(url)
    shown, key = target.render_as_string(hide_password=True), "YUEBAO_DATABASE_URL"
    for cause in _causes(exc):
        text, state = str(cause), getattr(cause, "sqlstate", None)
        if isinstance(cause, ModuleNotFoundError) and cause.name == "asyncpg":
            return "缺少 PostgreSQL 驱动 asyncpg。请运行：pip install -e '.[postgres]'"
        if state in ("28P01", "28000"):
            return f"数据库拒绝了登录（{shown}）。请检查 {key} 中的用户名和密码。"
        if state == "3D000":
            return f"数据库 {target.database} 不存在（{shown}）。请先创建它，{then}。"
        if isinstance(cause, socket.gaierror):
            return f"找不到数据库主机 {target.host}（{shown}）。请检查 {key} 中的主机名。"
        if isinstance(cause, ConnectionRefusedError) or "Connect call failed" in text:
            return f"无法连接数据库 {shown}：连接被拒绝。请确认 PostgreSQL 已启动，并核对 {key} 中的主机和端口。"
        if isinstance(cause, TimeoutError):
            return f"连接数据库 {shown} 超时。请确认 PostgreSQL 已启动、网络可达。"
        if "unable to open database file" in text:
            return f"无法打开数据库文件 {target.database}。请确认它所在的文件夹存在且可写，或修改 {key}。"
        if "file is not a database" in text:
            return f"{target.database} 不是 SQLite 数据库文件。请修改 {key}。"
        if isinstance(cause, OSError) and cause.filename:
            return f"无法创建数据库文件 {target.database}（{cause.filename}：{reason(cause)}）。请修改 {key}。"
    return None


def _causes(exc: BaseException) -> Iterator[BaseException]:
    # SQLAlchemy keeps the driver's exception in `.orig`; asyncio and asyncpg chain theirs.
    todo, seen = [exc], set[int]()
    while todo and len(seen) < 20:
        cause = todo.pop(0)
        if id(cause) in seen:
            continue
        seen.add(id(cause))
        yield cause
        todo += [c for c in (getattr(cause, "orig", None), cause.__cause__, cause.__context__)
                 if isinstance(c, BaseException)]
