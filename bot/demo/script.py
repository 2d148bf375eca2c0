"""The demo's script: who says what, where and when. Each capability adds its scenes here."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Say:
    """`who` sends `text` at `at` (local time), in a private chat or in `group`."""

    at: str
    who: str
    text: str
    group: str | None = None


@dataclass(frozen=True)
class Register:
    """`who` gets an invite code from the office and sends it to the bot."""

    at: str
    who: str


STRANGER = "陌生人"

SCRIPT: tuple[Say | Register, ...] = (
    # Setting up: the office registers people with one-time codes; strangers are told how to register.
    Say("2026-03-02 08:50", STRANGER, "你好，我想报一下村里的情况"),
    Register("2026-03-02 09:00", "赵敏"),
    Register("2026-03-02 09:05", "陈国华"),
    Register("2026-03-02 09:10", "黄志明"),
    Register("2026-03-02 09:12", "何秀兰"),
    Register("2026-03-02 09:15", "郑大勇"),
    Register("2026-03-02 09:18", "孙立平"),
    Register("2026-03-02 09:20", "吴刚"),
    Register("2026-03-02 09:25", "马丽"),
    Say("2026-03-02 09:30", "赵敏", "帮助"),
    # Binding the village group chats: only leaders and the office may.
    Say("2026-03-02 09:40", "黄志明", "绑定 石门村", group="石门村工作群"),
    Say("2026-03-02 09:41", "陈国华", "绑定石门村", group="石门村工作群"),
    Say("2026-03-02 09:45", "赵敏", "/bind 柳溪", group="柳溪村党员群"),
    Say("2026-03-02 09:50", "赵敏", "绑定 青山镇", group="青山镇党建工作群"),
    Say("2026-03-02 10:00", "黄志明", "在吗"),
)
