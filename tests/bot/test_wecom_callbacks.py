"""WeCom and WeChat callbacks through the HTTP endpoints: Tencent's sample vectors, forgeries, bad XML, retries."""
from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import httpx
import pytest
from pydantic import SecretStr

from bot.app import App, create_app
from bot.wecom.crypto import BadSignature, SeenNonces, signature
from handlers.clock import FakeClock
from storage.models import InboxMessage, OutboxMessage
from tests.support.rows import count, rows
from tests.support.tencent import (
    SAMPLE_AES_KEY,
    SAMPLE_CORP_ID,
    SAMPLE_MESSAGE_BODY,
    SAMPLE_MESSAGE_QUERY,
    SAMPLE_TOKEN,
    SAMPLE_URL_CHECK,
    SAMPLE_URL_ECHO,
    asgi_client,
    encrypted_callback,
    inner_xml,
    tencent_settings,
)

URL_TIME = dt.datetime.fromtimestamp(1476416373, dt.UTC)  # when Tencent's sample URL check was signed
SAMPLE_TIME = dt.datetime.fromtimestamp(1476422779, dt.UTC)  # ... and its sample message
WECHAT_TOKEN = "wxtoken"


@pytest.fixture
async def cb_app(db_url: str) -> AsyncIterator[App]:
    settings = tencent_settings(db_url, "http://127.0.0.1:9", WECHAT_TOKEN)
    app = await create_app(settings, clock=FakeClock(URL_TIME))
    try:
        yield app
    finally:
        await app.aclose()


@pytest.fixture
async def aes_app(db_url: str) -> AsyncIterator[App]:
    """The same app with the Official Account in safe mode (its own EncodingAESKey set)."""
    settings = tencent_settings(db_url, "http://127.0.0.1:9", WECHAT_TOKEN).model_copy(
        update={"wechat_aes_key": SecretStr(SAMPLE_AES_KEY)})
    app = await create_app(settings, clock=FakeClock(SAMPLE_TIME))
    try:
        yield app
    finally:
        await app.aclose()


@pytest.fixture
async def client(cb_app: App) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(cb_app) as http:
        yield http


def _alter(text: str, at: int) -> str:
    return text[:at] + ("0" if text[at] != "0" else "1") + text[at + 1:]


async def test_tencent_sample_url_check(cb_app: App, client: httpx.AsyncClient) -> None:
    response = await client.get("/wecom/callback", params=SAMPLE_URL_CHECK)
    assert response.status_code == 200 and response.text == SAMPLE_URL_ECHO


async def test_tencent_sample_message_is_decrypted_and_stored(cb_app: App, client: httpx.AsyncClient) -> None:
    cb_app.clock.set(SAMPLE_TIME)
    response = await client.post("/wecom/callback", params=SAMPLE_MESSAGE_QUERY, content=SAMPLE_MESSAGE_BODY)
    assert response.status_code == 200 and response.text == ""
    await cb_app.wecom.drain()
    (stored,) = await rows(cb_app, InboxMessage)
    assert (stored.platform, stored.message_key, stored.sender_id, stored.text) == (
        "wecom", "1456453720", "ChenJiaShun", "你好")


@pytest.mark.parametrize("at", [0, 17, 39])
async def test_one_altered_character_in_a_signature_is_403(cb_app: App, client: httpx.AsyncClient, at: int) -> None:
    check = {**SAMPLE_URL_CHECK, "msg_signature": _alter(SAMPLE_URL_CHECK["msg_signature"], at)}
    assert (await client.get("/wecom/callback", params=check)).status_code == 403
    cb_app.clock.set(SAMPLE_TIME)
    query = {**SAMPLE_MESSAGE_QUERY, "msg_signature": _alter(SAMPLE_MESSAGE_QUERY["msg_signature"], at)}
    assert (await client.post("/wecom/callback", params=query, content=SAMPLE_MESSAGE_BODY)).status_code == 403
    body = SAMPLE_MESSAGE_BODY.replace("Kl7kjo", "Kl7kjO")  # the payload altered under a genuine signature
    assert (await client.post("/wecom/callback", params=SAMPLE_MESSAGE_QUERY, content=body)).status_code == 403
    assert await count(cb_app, InboxMessage) == 0


async def test_stale_or_missing_signatures_are_403(cb_app: App, client: httpx.AsyncClient) -> None:
    cb_app.clock.set(SAMPLE_TIME + dt.timedelta(hours=1))  # a captured callback replayed an hour later
    assert (await client.post("/wecom/callback", params=SAMPLE_MESSAGE_QUERY,
                              content=SAMPLE_MESSAGE_BODY)).status_code == 403
    assert (await client.post("/wecom/callback", content=SAMPLE_MESSAGE_BODY)).status_code == 403
    assert (await client.get("/wecom/callback")).status_code == 403
    assert await count(cb_app, InboxMessage) == 0


@pytest.mark.parametrize("body", [
    b"not xml at all",
    b"",
    b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaa">]><xml><Encrypt>&a;</Encrypt></xml>',
    b'<!DOCTYPE xml SYSTEM "http://example.org/x.dtd"><xml><Encrypt>x</Encrypt></xml>',
    b"<xml><ToUserName>x</ToUserName></xml>",
    b"<html><Encrypt>x</Encrypt></html>",
])
async def test_garbage_or_xml_with_entities_is_400(cb_app: App, client: httpx.AsyncClient, body: bytes) -> None:
    cb_app.clock.set(SAMPLE_TIME)
    response = await client.post("/wecom/callback", params=SAMPLE_MESSAGE_QUERY, content=body)
    assert response.status_code == 400
    assert await count(cb_app, InboxMessage) == 0


async def test_entities_inside_the_encrypted_payload_are_400(cb_app: App, client: httpx.AsyncClient) -> None:
    cb_app.clock.set(SAMPLE_TIME)
    evil = '<!DOCTYPE xml [<!ENTITY b "bbbb"><!ENTITY c "&b;&b;&b;">]><xml><Content>&c;</Content></xml>'
    query, body = encrypted_callback(evil, token=SAMPLE_TOKEN, aes_key=SAMPLE_AES_KEY, receive_id=SAMPLE_CORP_ID,
                                     timestamp=1476422779)
    assert (await client.post("/wecom/callback", params=query, content=body)).status_code == 400
    assert await count(cb_app, InboxMessage) == 0


async def test_retries_are_recognised_and_distinct_events_are_not(cb_app: App, client: httpx.AsyncClient) -> None:
    cb_app.clock.set(SAMPLE_TIME)
    def callback(fields: dict) -> tuple[dict[str, str], bytes]:
        return encrypted_callback(inner_xml(fields), token=SAMPLE_TOKEN, aes_key=SAMPLE_AES_KEY,
                                  receive_id=SAMPLE_CORP_ID, timestamp=1476422779)
    text = {"ToUserName": SAMPLE_CORP_ID, "FromUserName": "wangjg", "CreateTime": 1476422779, "MsgType": "text",
            "Content": "在吗", "MsgId": 777, "AgentID": 1000002}
    click = {"ToUserName": SAMPLE_CORP_ID, "FromUserName": "wangjg", "CreateTime": 1476422779, "MsgType": "event",
             "Event": "click", "EventKey": "我的", "AgentID": 1000002}
    for fields in (text, text, text, click, click, {**click, "CreateTime": 1476422780},
                   {**click, "EventKey": "帮助"}, {**click, "Event": "enter_agent", "EventKey": ""}):
        query, body = callback(fields)
        assert (await client.post("/wecom/callback", params=query, content=body)).status_code == 200
    await cb_app.wecom.drain()
    keys = [r.message_key for r in await rows(cb_app, InboxMessage)]
    assert keys == ["777", "wangjg:1476422779:click:我的:1000002", "wangjg:1476422780:click:我的:1000002",
                    "wangjg:1476422779:click:帮助:1000002", "wangjg:1476422779:enter_agent::1000002"]
    assert await count(cb_app, OutboxMessage, chat_id="wangjg") == 4  # opening the app gets no reply


async def test_official_account_plain_mode(cb_app: App, client: httpx.AsyncClient) -> None:
    cb_app.clock.set(SAMPLE_TIME)
    ts, nonce = "1476422779", "42"
    good = signature(WECHAT_TOKEN, ts, nonce)
    check = {"signature": good, "timestamp": ts, "nonce": nonce, "echostr": "hello-echo"}
    assert (await client.get("/wechat/callback", params=check)).text == "hello-echo"
    assert (await client.get("/wechat/callback", params={**check, "signature": _alter(good, 5)})).status_code == 403
    message = inner_xml({"ToUserName": "gh_1", "FromUserName": "openid-1", "CreateTime": 1476422779,
                         "MsgType": "text", "Content": "帮助", "MsgId": 9001})
    response = await client.post("/wechat/callback", params={"signature": good, "timestamp": ts, "nonce": nonce},
                                 content=message.encode())
    assert response.status_code == 200 and response.text == "success"
    await cb_app.wechat.drain()
    (stored,) = await rows(cb_app, InboxMessage)
    assert (stored.platform, stored.sender_id, stored.text) == ("wechat", "openid-1", "帮助")


def _plain_text(sender: str, msg_id: int, content: str = "帮助") -> bytes:
    return inner_xml({"ToUserName": "gh_1", "FromUserName": sender, "CreateTime": 1476422779,
                      "MsgType": "text", "Content": content, "MsgId": msg_id}).encode()


async def test_plaintext_is_refused_when_an_aes_key_is_configured(aes_app: App) -> None:
    ts, nonce = "1476422779", "42"
    plain = {"signature": signature(WECHAT_TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce}
    forged = _plain_text("openid-leader", 9001, "任务已完成")
    async with asgi_client(aes_app) as client:
        for query in (plain, {**plain, "encrypt_type": "aes"}, {**plain, "encrypt_type": "raw"}):
            response = await client.post("/wechat/callback", params=query, content=forged)
            assert 400 <= response.status_code < 500
        wecom_plain = {"signature": signature(SAMPLE_TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce}
        response = await client.post("/wecom/callback", params=wecom_plain, content=forged)
        assert 400 <= response.status_code < 500
        assert await count(aes_app, InboxMessage) == 0
        # The same account still takes what Tencent encrypts with its key.
        query, body = encrypted_callback(_plain_text("openid-1", 9002).decode(), token=WECHAT_TOKEN,
                                         aes_key=SAMPLE_AES_KEY, receive_id="wxapp", timestamp=1476422779)
        response = await client.post("/wechat/callback", params={**query, "encrypt_type": "aes"}, content=body)
        assert response.status_code == 200 and response.text == "success"
        await aes_app.wechat.drain()
    (stored,) = await rows(aes_app, InboxMessage)
    assert (stored.platform, stored.sender_id) == ("wechat", "openid-1")


async def test_a_plain_mode_query_string_is_taken_once(cb_app: App, client: httpx.AsyncClient,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cb_app.clock.set(SAMPLE_TIME)
    ts, nonce = "1476422779", "43"
    query = {"signature": signature(WECHAT_TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce}
    # Storage down: the pair is given back, so Tencent's retry of the same request is let in.
    pipeline = cb_app.wechat.pipeline
    async def down(*payload: object) -> None:
        raise RuntimeError("database is down")
    monkeypatch.setattr(pipeline, "receive", down)
    assert (await client.post("/wechat/callback", params=query, content=_plain_text("openid-1", 9001))
            ).status_code == 503
    monkeypatch.undo()
    assert (await client.post("/wechat/callback", params=query, content=_plain_text("openid-1", 9001))
            ).status_code == 200
    # Someone who saw that query string posts another body as another user under it: refused.
    cb_app.clock.set(SAMPLE_TIME + dt.timedelta(seconds=200))
    assert (await client.post("/wechat/callback", params=query, content=_plain_text("openid-leader", 9002))
            ).status_code == 403
    await cb_app.wechat.drain()
    assert [r.sender_id for r in await rows(cb_app, InboxMessage)] == ["openid-1"]


def test_seen_nonces_stay_bounded_and_forget_stale_pairs() -> None:
    seen = SeenNonces(limit=2)
    for nonce in ("a", "b", "c"):
        seen.take("1000", nonce, now=1000)
    seen.take("1000", "a", now=1000)  # the oldest was dropped at the limit
    with pytest.raises(BadSignature):
        seen.take("1000", "c", now=1299)
    seen.take("1000", "c", now=1301)  # past its window check_fresh refuses it; the set need not keep it
    assert len(seen._until) == 1
