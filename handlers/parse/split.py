"""One message, several projects: "1.三步桥示范点…进度55%；2.征地搬迁…进度70%" is two reports.

Pure. A message is split only when each numbered (or ；-separated) part names a different project of
the village; a report whose numbered parts are its sections (一、本月进展 二、存在问题) stays whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.callbacks import MAX_IDS
from handlers.parse.names import RegistryIndex, find_project
from handlers.registry import Project

MAX_PARTS = MAX_IDS  # the cards of one message are confirmed by one button
# An item number at the start of the text or after punctuation; "3.5万" is a number, not an item.
_ITEM = re.compile(r"(?:^|(?<=[\s，,。；;：:]))(?:\d{1,2}\s*[、．)）]|\d{1,2}\.(?!\d)|[一二三四五六七八九十]\s*[、.．]"
                   r"|[（(][一二三四五六七八九十\d]{1,2}[)）]|第[一二三四五六七八九十]个?项目[，,：:、]?)")
_SEMICOLON = re.compile(r"[；;\n]+")


@dataclass(frozen=True)
class ProjectPart:
    """The text about one project, with the message's opening words (its month, its title) before it."""

    head: str
    text: str
    project: Project


def _pieces(text: str) -> tuple[str, list[str]]:
    starts = [m.start() for m in _ITEM.finditer(text)]
    if len(starts) >= 2:
        ends = starts[1:] + [len(text)]
        return text[:starts[0]], [text[a:b] for a, b in zip(starts, ends, strict=True)]
    return "", [p for p in _SEMICOLON.split(text) if p.strip()]


def project_parts(text: str, village: str | None, index: RegistryIndex) -> list[ProjectPart]:
    """The message's parts when they are about different projects of `village`; [] when it is about one."""
    if village is None or len(index.keys_of(village)) < 2:
        return []
    head, pieces = _pieces(text)
    if not 2 <= len(pieces) <= MAX_PARTS:
        return []
    projects = [find_project(piece, village, index) for piece in pieces]
    if any(p is None for p in projects) or len({p.id for p in projects if p}) != len(projects):
        return []
    return [ProjectPart(head, _ITEM.sub("", piece.strip(" ，,；;"), count=1).strip(), p)
            for piece, p in zip(pieces, projects, strict=True) if p]
