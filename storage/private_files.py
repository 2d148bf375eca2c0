"""Files that hold people's data or secrets (the database, kept evidence), made readable by their owner only.

Created 0600 in 0700 folders whatever the umask (a service under umask 022 would make them world-readable).
A folder or a file with content that exists already is left as it is: its permissions are the operator's.
"""
from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> None:
    """Create `path` and any missing parents as 0700 folders."""
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)


def private_file(path: Path) -> None:
    """Create `path` empty and 0600 unless it has content (SQLite then makes its -wal and -shm files alike)."""
    private_dir(path.parent)
    fd = os.open(path, os.O_RDONLY | os.O_CREAT, FILE_MODE)  # read-only: a database may be only readable here
    try:
        stat = os.fstat(fd)
        if stat.st_size == 0 and stat.st_uid == os.getuid():  # new, or made a moment ago under the umask
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` (replacing it), readable by its owner only, in a 0700 folder if it is new."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        os.fchmod(fd, FILE_MODE)  # a file that existed keeps its mode otherwise
        out.write(data)
