"""Reading a registry YAML file into a validated `Registry`."""
from __future__ import annotations

from pathlib import Path

import yaml

from handlers.registry import Registry, RegistryError, registry_from_mapping

MAX_REGISTRY_BYTES = 20 * 1024 * 1024


def load_registry(path: str | Path) -> Registry:
    """Load and validate a registry file; raises RegistryError (bad content) or OSError (unreadable)."""
    path = Path(path)
    if path.stat().st_size > MAX_REGISTRY_BYTES:
        raise RegistryError(str(path), "-", f"file larger than {MAX_REGISTRY_BYTES // 1024 // 1024} MB")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise RegistryError(str(path), "-", "not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else str(path)
        raise RegistryError(where, "-", f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    return registry_from_mapping(data)
