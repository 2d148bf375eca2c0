"""`yuebao inbox failed` lists what failed or could not be read; `yuebao inbox replay` handles it again, once."""
from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest

from bot.app import create_app
from bot.config import Settings
from handlers.messages import message_from_dict
from storage.models import InboxMessage, OutboxMessage
from tests.support.cli import InProcess
from tests.support.rows import count, rows

NOW = dt.datetime(2026, 3, 20, 2, 0, tzinfo=dt.UTC)
MESSAGE = {"platform": "console", "key": "k1", "chat": {"id": "stranger"}, "sender": {"id": "stranger"},
           "text": "在吗", "sent_at": NOW.isoformat()}


async def _store_failures(url: str) -> None:
    app = await create_app(Settings(YUEBAO_DATABASE_URL=url))
    try:
        async with app.uow() as store:
            failed = await store.inbox.add("console", "k1", json.dumps(MESSAGE), NOW, form="message")
            junk = await store.inbox.add("console", "k2", "{not json", NOW, form="message")
            assert failed is not None and junk is not None
            await store.inbox.finish(failed.id, NOW, "failed", "RuntimeError: handler bug", message_from_dict(MESSAGE))
            await store.inbox.finish(junk.id, NOW, "unreadable", "JSONDecodeError: Expecting property name")
    finally:
        await app.aclose()


async def _counts(url: str) -> tuple[list[str], int]:
    app = await create_app(Settings(YUEBAO_DATABASE_URL=url))
    try:
        return [row.status for row in await rows(app, InboxMessage)], await count(app, OutboxMessage)
    finally:
        await app.aclose()


@pytest.fixture
def yb(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> InProcess:
    return InProcess(monkeypatch, capsys)


def test_failed_messages_are_listed_and_replayed_once(yb: InProcess, db_url: str) -> None:
    asyncio.run(_store_failures(db_url))

    listed = yb("inbox", "failed", db=db_url)
    assert listed.returncode == 0, listed.stderr
    assert "#1  2026-03-20 10:00  console  处理失败  '在吗'\n    原因：RuntimeError: handler bug" in listed.stdout
    assert "#2  2026-03-20 10:00  console  无法读取  '{not json'" in listed.stdout

    replayed = yb("inbox", "replay", "--failed", db=db_url)
    assert replayed.returncode == 1  # one of them still cannot be read
    assert replayed.stdout.splitlines() == ["#1 已处理", "#2 无法读取：JSONDecodeError: Expecting property name "
                                            "enclosed in double quotes: line 1 column 2 (char 1)",
                                            "重新处理 2 条，现已处理 1 条。"]
    again = yb("inbox", "replay", "1", "99", db=db_url)
    assert again.stdout.splitlines()[:2] == ["#1 无需重新处理（已处理）", "#99 没有这条消息"]
    assert asyncio.run(_counts(db_url)) == (["done", "unreadable"], 1)  # one reply, however often replayed

    neither = yb("inbox", "replay", db=db_url)
    assert neither.returncode == 2 and "请给出消息编号" in neither.stderr
