"""Button data: one typed pack/unpack per kind, validated on the way in (aiogram's `CallbackData` is the model).

A button's data comes back from the platform as a string anyone can forge. It is decoded here once;
forged, malformed or unknown data decodes to None, and the router answers it with one polite line
and changes nothing. The format is the one buttons already sent in chats carry ("task:verify:12",
"report:confirm:3,4", "choose:2"), so a button pressed after an upgrade still means what it said.
"""
from __future__ import annotations

import dataclasses
import typing
from typing import Any, ClassVar, Self

MAX_BYTES = 64  # Telegram's limit on callback_data
MAX_IDS = 6  # report ids one button can carry within MAX_BYTES (ids of up to 7 digits)
MAX_DIGITS = 12


def _int(text: str) -> int | None:
    # int() would accept "+1", " 1", "1_0" and other scripts' digits; button data is only ever what pack() wrote.
    if not text or len(text) > MAX_DIGITS or not text.isascii() or not text.isdigit():
        return None
    return int(text)


@dataclasses.dataclass(frozen=True)
class CallbackData:
    """Base of every button kind: `prefix` names the kind, fields are ints, strings or tuples of ints."""

    prefix: ClassVar[str]
    choices: ClassVar[dict[str, frozenset[str]]] = {}  # allowed values of string fields

    def pack(self) -> str:
        """The string a button carries."""
        parts = [self.prefix]
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            parts.append(",".join(str(v) for v in value) if isinstance(value, tuple) else str(value))
        data = ":".join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"button data longer than {MAX_BYTES} bytes: {data}")
        return data

    @classmethod
    def unpack(cls, data: str) -> Self | None:
        """The button this data was packed from, or None when it is not one (forged, stale format, other kind)."""
        parts = data.split(":")
        fields = dataclasses.fields(cls)
        if parts[0] != cls.prefix or len(parts) != len(fields) + 1 or len(data.encode()) > MAX_BYTES:
            return None
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        for field, text in zip(fields, parts[1:], strict=True):
            kind = hints[field.name]
            if kind is int:
                values[field.name] = _int(text)
            elif kind == tuple[int, ...]:
                numbers = [_int(t) for t in text.split(",")]
                values[field.name] = None if None in numbers or len(numbers) > MAX_IDS else tuple(numbers)
            else:
                values[field.name] = text if text in cls.choices.get(field.name, frozenset()) else None
            if values[field.name] is None:
                return None
        return cls(**values)


@dataclasses.dataclass(frozen=True)
class ReportButton(CallbackData):
    """确认 / 修改 under one or several report cards."""

    prefix: ClassVar[str] = "report"
    choices: ClassVar[dict[str, frozenset[str]]] = {"action": frozenset({"confirm", "edit"})}
    action: str
    ids: tuple[int, ...]


@dataclasses.dataclass(frozen=True)
class TaskButton(CallbackData):
    """A step on a task from its notice: 签收, 验收通过, 退回, 同意 / 不同意 (an extension)."""

    prefix: ClassVar[str] = "task"
    choices: ClassVar[dict[str, frozenset[str]]] = {
        "action": frozenset({"ack", "verify", "reject", "extend_yes", "extend_no"})}
    action: str
    task_id: int


@dataclasses.dataclass(frozen=True)
class ProjectButton(CallbackData):
    """A review step on a project's card: 通过 / 退回 a plan, 验收通过 / 退回 an acceptance."""

    prefix: ClassVar[str] = "project"
    choices: ClassVar[dict[str, frozenset[str]]] = {"action": frozenset({"approve", "return", "accept"})}
    action: str
    project_id: int


@dataclasses.dataclass(frozen=True)
class TownReportButton(CallbackData):
    """确认报送 under a township's month-end report to its county."""

    prefix: ClassVar[str] = "townreport"
    choices: ClassVar[dict[str, frozenset[str]]] = {"action": frozenset({"confirm"})}
    action: str
    report_id: int


@dataclasses.dataclass(frozen=True)
class ChoiceButton(CallbackData):
    """One numbered option of a question ("which project?", "which village?"), 1-based."""

    prefix: ClassVar[str] = "choose"
    number: int


KINDS: tuple[type[CallbackData], ...] = (ReportButton, TaskButton, ProjectButton, TownReportButton, ChoiceButton)


def unpack(data: str) -> CallbackData | None:
    """Decode any button's data; None for what no button of ours carries."""
    kind = next((k for k in KINDS if data.startswith(k.prefix + ":")), None)
    return kind.unpack(data) if kind is not None else None
