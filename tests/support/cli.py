"""The `yuebao` command line in a subprocess that can reach neither the developer's settings nor the network."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from bot.config import Settings

# Nothing listens on the discard port: a platform call that slips through fails at once instead of going out.
CLOSED = "http://127.0.0.1:9"
PREFIXES = tuple(sorted({f.alias.split("_", 1)[0] + "_" for f in Settings.model_fields.values() if f.alias}))


def is_setting(name: str) -> bool:
    """Whether an environment variable would configure the bot (pydantic-settings ignores case)."""
    return name.upper().startswith(PREFIXES)


def yuebao(*args: str, db: Path, stdin: str = "", cwd: Path | None = None,
           env: Mapping[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `yuebao ARGS` on the SQLite file `db`, with no settings but the database and those in `env`."""
    clean = {k: v for k, v in os.environ.items() if not is_setting(k)}
    clean.update({"YUEBAO_DATABASE_URL": f"sqlite+aiosqlite:///{db}", "YUEBAO_HOST": "127.0.0.1",
                  "YUEBAO_PORT": "0", "TELEGRAM_API_BASE": CLOSED, "WECOM_API_BASE": CLOSED,
                  "WECHAT_API_BASE": CLOSED})
    clean.update(env or {})
    # By default it runs in the database's folder, never in the repository, whose .env would be read.
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True, text=True,
                          env=clean, timeout=timeout, cwd=cwd or Path(db).parent)
