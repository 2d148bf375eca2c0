"""A message the parser fails on is logged with its inbox id, files nothing, and is kept failed for a replay."""
from __future__ import annotations

import pytest

from bot.app import App
from handlers.middleware import APOLOGY
from handlers.parse.parser import MessageParser
from storage.models import InboxMessage, Report
from tests.conftest import RecordingTransport
from tests.support.chat import registered
from tests.support.rows import count, rows


async def test_a_parser_failure_is_logged_kept_failed_and_read_again_by_a_replay(
        app: App, transport: RecordingTransport, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def broken(self: MessageParser, *args: object) -> object:
        raise RuntimeError("table missing")
    working = MessageParser._parse
    monkeypatch.setattr(MessageParser, "_parse", broken)
    wang = await registered(app, "王建国")
    await wang.say("征地搬迁本月签约10户，进度50%")
    assert transport.texts() == [APOLOGY]  # not "没有看懂": the message was not understood because reading it failed
    (row,) = await rows(app, InboxMessage)
    assert row.status == "failed" and "parser error: RuntimeError: table missing" in (row.error or "")
    (logged,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert f"inbox #{row.id}" in logged.getMessage() and "table missing" in logged.exc_text
    assert await count(app, Report) == 0

    monkeypatch.setattr(MessageParser, "_parse", working)  # the parser fixed
    assert (await app.pipeline.replay(row.id)).status == "done"
    (report,) = await rows(app, Report)
    assert (report.progress, report.done) == (50, "签约10户")
    await app.sender.drain()
    assert len(transport.texts()) == 2 and "征地搬迁" in transport.texts()[1]
