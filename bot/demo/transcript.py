"""The demo's transcript: a Markdown record of who said what, where and when, as a reader would follow it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

WEEKDAYS = "一二三四五六日"
BOT_NAME = "月报助手"


class Transcript:
    """Collects the lines of the demo chat, with day headings."""

    def __init__(self, title: str, tz: dt.tzinfo) -> None:
        self._lines = [f"# {title}", ""]
        self._tz = tz
        self._day: dt.date | None = None
        self._chat_names: dict[str, str] = {}

    def name_chat(self, chat_id: str, name: str) -> None:
        """How a chat id is shown."""
        self._chat_names[chat_id] = name

    def _stamp(self, when: dt.datetime) -> str:
        local = when.astimezone(self._tz)
        if local.date() != self._day:
            self._day = local.date()
            self._lines += ["", f"## {local:%Y-%m-%d} 周{WEEKDAYS[local.weekday()]}", ""]
        return f"{local:%H:%M}"

    def said(self, when: dt.datetime, who: str, chat_id: str, text: str) -> None:
        """A person's message."""
        where = self._chat_names.get(chat_id, chat_id)
        self._lines.append(f"**{self._stamp(when)} {who}**（{where}）：{_lines(text, '')}")

    def bot_said(self, when: dt.datetime, chat_id: str, text: str) -> None:
        """The bot's message."""
        where = self._chat_names.get(chat_id, chat_id)
        self._lines.append(f"> **{BOT_NAME}** → {where}：{_lines(text, '> ')}")
        self._lines.append("")

    def note(self, when: dt.datetime, text: str) -> None:
        """Something that happened off the chat."""
        self._lines.append(f"*{self._stamp(when)} {text}*")

    def write(self, path: Path) -> None:
        """Write the transcript as UTF-8 Markdown."""
        path.write_text("\n".join(self._lines).rstrip() + "\n", encoding="utf-8")


def _lines(text: str, prefix: str) -> str:
    # Markdown needs two trailing spaces for a line break, and the quote prefix on every line.
    return text.replace("\n", f"  \n{prefix}")
