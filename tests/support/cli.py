"""The `yuebao` command line as tests run it: in this process, or in a subprocess where the process boundary matters.

Either way it can reach neither the developer's settings nor the network.
"""
from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Settings

# Nothing listens on the discard port: a platform call that slips through fails at once instead of going out.
CLOSED = "http://127.0.0.1:9"
PREFIXES = tuple(sorted({f.alias.split("_", 1)[0] + "_" for f in Settings.model_fields.values() if f.alias}))


def is_setting(name: str) -> bool:
    """Whether an environment variable would configure the bot (pydantic-settings ignores case)."""
    return name.upper().startswith(PREFIXES)


def _settings(db: Path | str) -> dict[str, str]:
    url = db if isinstance(db, str) else f"sqlite+aiosqlite:///{db}"
    return {"YUEBAO_DATABASE_URL": url, "YUEBAO_HOST": "127.0.0.1", "YUEBAO_PORT": "0",
            "TELEGRAM_API_BASE": CLOSED, "WECOM_API_BASE": CLOSED, "WECHAT_API_BASE": CLOSED}


def clean_env(db: Path | str, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment without the developer's settings, with the database (a SQLite file or a URL)."""
    return {**{k: v for k, v in os.environ.items() if not is_setting(k)}, **_settings(db), **(env or {})}


def yuebao(*args: str, db: Path | str, stdin: str = "", cwd: Path | None = None,
           env: Mapping[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `yuebao ARGS` in a subprocess on the database `db`, with no settings but the database and `env`."""
    # By default it runs in the database's folder, never in the repository, whose .env would be read.
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True, text=True,
                          env=clean_env(db, env), timeout=timeout, cwd=cwd or Path(db).parent)


@dataclass(frozen=True)
class Ran:
    """What one in-process `yuebao` run gave: the shape of subprocess.CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


class InProcess:
    """`yuebao ARGS` as `bot.cli.main(ARGS)` in this process: no interpreter start, no re-import.

    The environment is the test's (conftest drops the developer's settings and runs in tmp_path) plus the
    database and `env`; the logging levels a command sets are put back afterwards. Call it from a worker
    thread in async tests (`asyncio.to_thread`): commands run their own event loop.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        self._monkeypatch = monkeypatch
        self._capsys = capsys

    def __call__(self, *args: str, db: Path | str, stdin: str = "", env: Mapping[str, str] | None = None) -> Ran:
        """Run one command; its exit status and what it printed."""
        with self._monkeypatch.context() as patch, _logging_restored():
            for name, value in {**_settings(db), **(env or {})}.items():
                patch.setenv(name, value)
            patch.setattr("sys.stdin", io.StringIO(stdin))
            self._capsys.readouterr()  # only this command's output
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, --version, usage errors
                code = exc.code if isinstance(exc.code, int) else 1
            out, err = self._capsys.readouterr()
        return Ran(code, out, err)


@contextmanager
def _logging_restored() -> Iterator[None]:
    root = logging.getLogger()
    loggers = [root, *(lg for lg in logging.root.manager.loggerDict.values() if isinstance(lg, logging.Logger))]
    levels = [(logger, logger.level) for logger in loggers]
    formatters = [(handler, handler.formatter) for handler in root.handlers]
    try:
        yield
    finally:
        for logger, level in levels:
            logger.setLevel(level)
        for handler, formatter in formatters:
            handler.setFormatter(formatter)
