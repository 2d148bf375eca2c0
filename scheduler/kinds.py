"""Project kinds — 书记项目 and 领办事项 — which digests, bulletins and the ledger show and count apart."""
from __future__ import annotations

from collections.abc import Mapping

from handlers.registry import PROJECT_KIND_LABELS

TOWN_PROJECT = "town_project"  # a township's own project, as its county counts it (not a stored kind)
LABELS = {**PROJECT_KIND_LABELS, TOWN_PROJECT: "乡镇党委书记项目"}
ORDER = tuple(LABELS)  # 书记项目 first, as the townships list them


def label(kind: str) -> str:
    """'书记项目' (an unknown kind as stored)."""
    return LABELS.get(kind, kind)


def order(kind: str) -> tuple[int, str]:
    """Sort key: the kinds in ORDER, anything else after them."""
    return (ORDER.index(kind) if kind in ORDER else len(ORDER), kind)


def counts(by_kind: Mapping[str, int]) -> str:
    """'书记项目6个、领办事项2个' (kinds with none left out)."""
    return "、".join(f"{label(kind)}{by_kind[kind]}个" for kind in sorted(by_kind, key=order) if by_kind[kind])
