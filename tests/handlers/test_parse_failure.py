"""A message the parser fails on is answered as unreadable, logged with its inbox id, and files nothing."""
from __future__ import annotations

import pytest

from bot.app import App
from handlers.parse.parser import MessageParser
from storage.models import Report
from tests.conftest import RecordingTransport
from tests.support.chat import registered
from tests.support.rows import count


async def test_a_parser_failure_is_logged_with_the_inbox_id(
        app: App, transport: RecordingTransport, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def broken(self: MessageParser, *args: object) -> object:
        raise RuntimeError("table missing")
    monkeypatch.setattr(MessageParser, "_parse", broken)
    wang = await registered(app, "王建国")
    await wang.say("征地搬迁本月签约10户，进度50%")
    (logged,) = [r for r in caplog.records if r.name == "handlers.context"]
    assert logged.levelname == "ERROR" and "parser error: RuntimeError: table missing" in logged.getMessage()
    assert logged.getMessage().startswith("inbox #")
    assert await count(app, Report) == 0
