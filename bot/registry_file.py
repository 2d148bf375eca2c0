"""Reading a registry YAML file (a township's or a county's, UTF-8 or GBK) into a validated `Registry` or
`Organisation`."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.roster.encoding import UndecodableText, decode_text
from handlers.registry import Organisation, Registry, RegistryError, RegistryProblem
from handlers.registry_reader import organisation_from_mapping

MAX_REGISTRY_BYTES = 20 * 1024 * 1024


def load_registry(path: str | Path) -> Registry:
    """Load and validate a township registry file (a county file: its first township); RegistryError lists what
    is wrong in it, OSError if it cannot be read."""
    return load_organisation(path).townships[0]


def load_organisation(path: str | Path) -> Organisation:
    """Load and validate a township or county registry file, every township of it."""
    return organisation_from_mapping(read_document(path))


def read_document(path: str | Path) -> Any:
    """The YAML document in `path`, not yet validated; RegistryError if it is too big, undecodable or not YAML."""
    path = Path(path)
    if path.stat().st_size > MAX_REGISTRY_BYTES:
        raise problem(f"文件大于 {MAX_REGISTRY_BYTES // 1024 // 1024} MB，请拆分后分别导入")
    try:
        text = decode_text(path.read_bytes())
    except UndecodableText as exc:
        raise problem(str(exc)) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列附近" if mark is not None else "文件中"
        raise problem(f"YAML 格式有误（{where}），请检查缩进、冒号和括号是否成对") from None


def problem(text: str) -> RegistryError:
    """A RegistryError about the file as a whole."""
    return RegistryError([RegistryProblem("", None, text)])
