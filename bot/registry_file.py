"""Reading a registry YAML file (a township's or a county's) into a validated `Organisation`."""
from __future__ import annotations

from pathlib import Path

import yaml

from handlers.registry import Organisation, Registry, RegistryError, RegistryProblem
from handlers.registry_reader import organisation_from_mapping

MAX_REGISTRY_BYTES = 20 * 1024 * 1024


def load_registry(path: str | Path) -> Registry:
    """Load and validate a township registry file (a county file: its first township); RegistryError lists what
    is wrong in it, OSError if it cannot be read."""
    return load_organisation(path).townships[0]


def load_organisation(path: str | Path) -> Organisation:
    """Load and validate a township or county registry file."""
    path = Path(path)
    if path.stat().st_size > MAX_REGISTRY_BYTES:
        raise _problem(f"文件大于 {MAX_REGISTRY_BYTES // 1024 // 1024} MB，请拆分后分别导入")
    return organisation_from_mapping(_yaml(path))


def _yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise _problem("不是 UTF-8 编码的文本，请用 UTF-8 另存后再试") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列附近" if mark is not None else "文件中"
        raise _problem(f"YAML 格式有误（{where}），请检查缩进、冒号和括号是否成对") from None


def _problem(text: str) -> RegistryError:
    return RegistryError([RegistryProblem("", None, text)])

