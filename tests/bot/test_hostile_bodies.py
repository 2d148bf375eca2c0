"""Hostile bodies at the webhooks: stored as received and answered 200 (then handled or marked unreadable),
400 when not a platform payload at all, 403 for a bad signature; never 5xx, never a traceback logged."""
from __future__ import annotations

import asyncio
import copy
import datetime as dt
import json
import logging
import socket
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from bot import http, service
from bot.app import App, create_app
from bot.config import Settings
from bot.wecom.crypto import signature
from handlers.clock import FakeClock
from storage.models import InboxMessage, OutboxMessage
from tests.conftest import CST
from tests.support import telegram_updates as tg
from tests.support.fake_telegram import FakeTelegram
from tests.support.rows import count, rows
from tests.support.tencent import (
    SAMPLE_AES_KEY,
    SAMPLE_CORP_ID,
    SAMPLE_TOKEN,
    asgi_client,
    encrypted_callback,
    inner_xml,
)

SECRET = "s3cret-token_1"
NOW = dt.datetime(2026, 3, 20, 10, 0, tzinfo=CST)
WANG = tg.user(1001, "建国", "wangjg", last_name="王")
Json = dict[str, Any]


@pytest.fixture
async def app(db_url: str) -> AsyncIterator[App]:
    async with FakeTelegram() as fake:
        settings = Settings(
            YUEBAO_DATABASE_URL=db_url, TELEGRAM_BOT_TOKEN="123:TEST", TELEGRAM_API_BASE=fake.base_url,
            TELEGRAM_WEBHOOK_SECRET=SECRET, WECOM_CORP_ID=SAMPLE_CORP_ID, WECOM_AGENT_ID="1000002",
            WECOM_SECRET="s3cret", WECOM_TOKEN=SAMPLE_TOKEN, WECOM_AES_KEY=SAMPLE_AES_KEY,
            WECOM_API_BASE="http://127.0.0.1:9", WECHAT_APP_ID="wxapp", WECHAT_SECRET="wxs3cret",
            WECHAT_TOKEN="wxtoken", WECHAT_API_BASE="http://127.0.0.1:9")
        the_app = await create_app(settings, clock=FakeClock(NOW))
        try:
            yield the_app
        finally:
            await the_app.aclose()


@pytest.fixture
async def client(app: App, caplog: pytest.LogCaptureFixture) -> AsyncIterator[httpx.AsyncClient]:
    """The app's endpoints in process; afterwards, no traceback may have been logged."""
    caplog.set_level(logging.WARNING)
    async with asgi_client(app) as http:
        yield http
    await app.pipeline.drain()
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


def _update(change: Callable[[Json], None], update_id: int = 1) -> bytes:
    update = copy.deepcopy(tg.message_update(update_id, tg.private_chat(WANG), WANG, "在吗"))
    change(update["message"])
    return json.dumps(update).encode()


def _set(**fields: Any) -> Callable[[Json], None]:
    return lambda message: message.update(fields)


def _nested(depth: int) -> bytes:
    return b'{"update_id": 1, "x": ' + b"[" * depth + b"]" * depth + b"}"


TELEGRAM = {  # name: (body, status answered, status of the stored row (None: nothing stored), replies)
    "date 1e20": (_update(_set(date=1e20)), 200, "unreadable", 0),
    "text a number": (_update(_set(text=3)), 200, "unreadable", 0),
    "text an object": (_update(_set(text={"a": 1})), 200, "unreadable", 0),
    "chat id of 200 digits": (_update(lambda m: m["chat"].update(id=int("9" * 200))), 200, "unreadable", 0),
    "lone surrogate": (_update(_set(text="在吗\ud800")), 200, "done", 1),
    "NUL": (_update(_set(text="在\u0000吗")), 200, "done", 1),
    "update_id of 250 digits": (json.dumps(tg.message_update(int("7" * 250), tg.private_chat(WANG), WANG, "在吗"))
                                .encode(), 200, "done", 1),
    "nested 32 deep": (_nested(31), 200, "done", 0),  # 31 arrays inside the update object: not a message
    "nested 33 deep": (_nested(32), 400, None, 0),
    "nested 100000 deep": (_nested(100_000), 400, None, 0),
    "NaN": (b'{"update_id": NaN}', 400, None, 0),
    "over 1 MiB": (b'{"update_id": 1, "x": "' + b"x" * (1 << 20) + b'"}', 413, None, 0),
}


@pytest.mark.parametrize("case", TELEGRAM)
async def test_telegram(app: App, client: httpx.AsyncClient, case: str) -> None:
    body, answer, stored, replies = TELEGRAM[case]
    response = await client.post("/telegram/webhook", content=body,
                                 headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    assert response.status_code == answer
    await app.pipeline.drain()
    found = await rows(app, InboxMessage)
    assert [r.status for r in found] == ([stored] if stored else [])
    assert await count(app, OutboxMessage) == replies
    if stored:
        (row,) = found
        assert row.raw == body.decode() and len(row.message_key) <= 200
        assert (row.error is None) == (stored == "done")
        assert not row.text or ("\x00" not in row.text and "\ud800" not in row.text)


async def test_telegram_unauthenticated_junk_is_403_before_it_is_read(app: App, client: httpx.AsyncClient) -> None:
    for body in (_nested(100_000), b"\xff" * 10, TELEGRAM["date 1e20"][0]):
        response = await client.post("/telegram/webhook", content=body,
                                     headers={"X-Telegram-Bot-Api-Secret-Token": "x"})
        assert response.status_code == 403
    assert await count(app, InboxMessage) == 0


def _wecom(**fields: Any) -> tuple[dict[str, str], bytes]:
    base = {"ToUserName": SAMPLE_CORP_ID, "FromUserName": "wangjg", "CreateTime": int(NOW.timestamp()),
            "MsgType": "text", "Content": "在吗", "MsgId": 5001, "AgentID": 1000002}
    return encrypted_callback(inner_xml({**base, **fields}), token=SAMPLE_TOKEN, aes_key=SAMPLE_AES_KEY,
                              receive_id=SAMPLE_CORP_ID, timestamp=int(NOW.timestamp()))


WECOM = {
    "FromUserName of 5000": (_wecom(FromUserName="u" * 5000), "unreadable"),
    "MsgId of 5000": (_wecom(MsgId="9" * 5000), "done"),
    "CreateTime overflowing": (_wecom(CreateTime=int("9" * 30)), "unreadable"),
    "CreateTime ²": (_wecom(CreateTime="²"), "unreadable"),
}


@pytest.mark.parametrize("case", WECOM)
async def test_wecom(app: App, client: httpx.AsyncClient, case: str) -> None:
    (query, body), stored = WECOM[case]
    for _ in range(2):  # a retry is the same row
        response = await client.post("/wecom/callback", params=query, content=body)
        assert response.status_code == 200 and response.text == ""
    await app.pipeline.drain()
    (row,) = await rows(app, InboxMessage)
    assert row.status == stored and row.raw.startswith("<xml>") and len(row.message_key) <= 200
    assert await count(app, OutboxMessage) == (1 if stored == "done" else 0)


async def test_wechat_plain_create_time_overflowing(app: App, client: httpx.AsyncClient) -> None:
    ts, nonce = str(int(NOW.timestamp())), "7"
    message = inner_xml({"ToUserName": "gh_1", "FromUserName": "openid-1", "CreateTime": int("9" * 30),
                         "MsgType": "text", "Content": "在吗", "MsgId": 9001})
    response = await client.post("/wechat/callback", content=message.encode(),
                                 params={"signature": signature("wxtoken", ts, nonce), "timestamp": ts, "nonce": nonce})
    assert response.status_code == 200 and response.text == "success"
    await app.pipeline.drain()
    (row,) = await rows(app, InboxMessage)
    assert (row.status, row.raw) == ("unreadable", message)


@pytest.mark.parametrize("timestamp", ["²", "²²²²²²²²²²", "1" * 400, "-1", ""])
async def test_tencent_unauthenticated_timestamps_are_403(app: App, client: httpx.AsyncClient, timestamp: str) -> None:
    query, body = _wecom()
    for path in ("/wecom/callback", "/wechat/callback"):
        params = {**query, "timestamp": timestamp, "signature": "x", "echostr": "x"}
        assert (await client.get(path, params=params)).status_code == 403
        assert (await client.post(path, params=params, content=body)).status_code == 403
    assert await count(app, InboxMessage) == 0


async def test_a_content_length_of_superscript_digits_is_not_an_error(app: App, client: httpx.AsyncClient) -> None:
    query, body = _wecom()
    for length in ("²", "9" * 40):
        request = client.build_request("POST", "/wecom/callback", params=query, content=body)
        request.headers.encoding = "latin-1"  # as servers decode header bytes: b"\xb2" is "²", which isdigit()
        request.headers["content-length"] = length
        assert (await client.send(request)).status_code == 200


async def test_half_open_connections_are_closed_and_a_stalled_body_let_go(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "READ_TIMEOUT", 0.2)
    monkeypatch.setattr(http, "BODY_TIMEOUT", 0.2)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    stop = asyncio.Event()
    running = asyncio.create_task(service.serve(app, "127.0.0.1", port, stop))
    for _ in range(100):
        try:
            _, probe = await asyncio.open_connection("127.0.0.1", port)
            probe.close()
            break
        except OSError:
            await asyncio.sleep(0.05)
    loop = asyncio.get_running_loop()
    started = loop.time()
    heads = [await asyncio.open_connection("127.0.0.1", port) for _ in range(50)]
    for _, writer in heads:
        writer.write(b"POST /telegram/webhook HTTP/1.1\r\nHost: yuebao\r\nContent-Le")  # and nothing more
    stalled, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"POST /telegram/webhook HTTP/1.1\r\nHost: yuebao\r\nContent-Length: 100\r\n"
                 b"X-Telegram-Bot-Api-Secret-Token: " + SECRET.encode() + b"\r\n\r\n{")
    assert (await asyncio.wait_for(stalled.read(), 5)).startswith(b"HTTP/1.1 408 ")
    for reader, _ in heads:
        assert await asyncio.wait_for(reader.read(), 5) == b""  # closed by the server
    assert loop.time() - started < 2 * service.READ_TIMEOUT + 1
    async with httpx.AsyncClient() as client:  # whole requests are served as before
        assert (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200
    for _, head in [*heads, (stalled, writer)]:
        head.close()
    stop.set()
    await asyncio.wait_for(running, 10)
    assert await count(app, InboxMessage) == 0
