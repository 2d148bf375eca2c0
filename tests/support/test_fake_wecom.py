"""The fake WeCom / WeChat Official Account API, through real HTTP with httpx."""
from __future__ import annotations

import asyncio
import base64
import hashlib
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.support.fake_wecom import FakeWeCom, UploadedFile, api_name, utf8_len
from tests.support.loopback import ManualClock

ROBOT = "robot-key-1"
CREDENTIALS = {"corpid": "wwcorp", "corpsecret": "s3cret"}
WECHAT_CREDENTIALS = {"grant_type": "client_credential", "appid": "wxapp", "secret": "wxs3cret"}


@pytest.fixture(scope="module")
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture(scope="module")
async def shared_fake(clock: ManualClock) -> AsyncIterator[FakeWeCom]:
    async with FakeWeCom(agent_id=1000002, clock=clock) as server:
        yield server


@pytest.fixture(scope="module")
async def http(shared_fake: FakeWeCom) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{shared_fake.base_url}/cgi-bin") as client:
        yield client


@pytest.fixture
def fake(shared_fake: FakeWeCom) -> FakeWeCom:
    """The module's fake, as new."""
    shared_fake.reset()
    return shared_fake


async def get_token(http: httpx.AsyncClient) -> str:
    answer = (await http.get("/gettoken", params=CREDENTIALS)).json()
    assert answer["errcode"] == 0, answer
    return str(answer["access_token"])


def text(user: str, content: str, msgtype: str = "text") -> dict[str, Any]:
    return {"touser": user, "msgtype": msgtype, "agentid": 1000002, msgtype: {"content": content}}


async def send(http: httpx.AsyncClient, token: str, body: dict[str, Any], path: str = "/message/send") -> Any:
    return (await http.post(path, params={"access_token": token}, json=body)).json()


async def robot_send(http: httpx.AsyncClient, body: dict[str, Any], key: str = ROBOT) -> Any:
    return (await http.post("/webhook/send", params={"key": key}, json=body)).json()


# --- tokens --------------------------------------------------------------------------------------------------


async def test_gettoken_issues_a_new_token_each_time(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    answer = (await http.get("/gettoken", params=CREDENTIALS)).json()
    assert answer["errcode"] == 0 and answer["errmsg"] == "ok" and answer["expires_in"] == 7200
    second = await get_token(http)
    assert second != answer["access_token"] and fake.tokens_issued == 2
    for token in (answer["access_token"], second):  # the earlier one is still valid
        assert (await send(http, token, text("wangjg", "hi")))["errcode"] == 0


async def test_gettoken_rejects_bad_credentials(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    wrong_corp = (await http.get("/gettoken", params={**CREDENTIALS, "corpid": "nope"})).json()
    wrong_secret = (await http.get("/gettoken", params={**CREDENTIALS, "corpsecret": "nope"})).json()
    assert wrong_corp == {"errcode": 40013, "errmsg": "invalid corpid"}
    assert wrong_secret["errcode"] == 40001
    assert (await http.get("/gettoken", params={"corpid": "wwcorp"})).json()["errcode"] == 41004
    assert fake.tokens_issued == 0 and fake.calls_to("gettoken") == []
    assert [call.errcode for call in fake.calls] == [40013, 40001, 41004]


async def test_expired_junk_and_missing_tokens(fake: FakeWeCom, http: httpx.AsyncClient,
                                               clock: ManualClock) -> None:
    token = await get_token(http)
    answer = await send(http, token, text("wangjg", "三月报告已收到"))
    assert answer["errcode"] == 0 and answer["msgid"] and answer["invaliduser"] == ""
    fake.expire_tokens()
    assert await send(http, token, text("wangjg", "x")) == {"errcode": 42001, "errmsg": "access_token expired"}
    assert (await send(http, "junk", text("wangjg", "x")))["errcode"] == 40014
    assert (await http.post("/message/send", json=text("wangjg", "x"))).json()["errcode"] == 41001
    fresh = await get_token(http)
    assert (await send(http, fresh, text("wangjg", "again")))["errcode"] == 0
    clock.advance(7200)  # tokens also expire by the clock
    assert (await send(http, fresh, text("wangjg", "x")))["errcode"] == 42001
    fake.revoke_tokens()
    assert (await send(http, fresh, text("wangjg", "x")))["errcode"] == 40014
    assert [m["text"]["content"] for m in fake.messages_to("wangjg")] == ["三月报告已收到", "again"]


async def test_tokens_are_per_product(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    wecom, wechat = fake.issue_token("wecom"), fake.issue_token("wechat")
    custom = {"touser": "oOPENID", "msgtype": "text", "text": {"content": "hi"}}
    assert (await send(http, wecom, custom, "/message/custom/send"))["errcode"] == 40014
    assert (await send(http, wechat, text("wangjg", "hi")))["errcode"] == 40014
    assert (await send(http, wechat, custom, "/message/custom/send"))["errcode"] == 0


# --- app messages --------------------------------------------------------------------------------------------


async def test_text_is_limited_to_2048_utf8_bytes(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    token = await get_token(http)
    fits = "字" * 682 + "ab"
    assert utf8_len(fits) == 2048 and len(fits) == 684
    assert (await send(http, token, text("wangjg", fits)))["errcode"] == 0
    answer = await send(http, token, text("wangjg", fits + "c"))
    assert answer == {"errcode": 44004, "errmsg": "content exceed max length"}
    assert (await send(http, token, text("wangjg", "字" * 1365, "markdown")))["errcode"] == 0  # 4095 bytes
    assert (await send(http, token, text("wangjg", "字" * 1366, "markdown")))["errcode"] == 44004
    assert (await send(http, token, text("wangjg", " ")))["errcode"] == 44004  # empty content
    assert len(fake.messages_to("wangjg")) == 2 and len(fake.calls_to("/cgi-bin/message/send")) == 2


async def test_message_send_validation(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    token = await get_token(http)
    card: dict[str, Any] = {"touser": "a|b|c", "msgtype": "textcard", "agentid": "1000002",
            "textcard": {"title": "月报", "description": "请核对", "url": "https://example.invalid/r/1",
                         "btntxt": "详情"}}
    fake.invalid_users.add("b")
    answer = await send(http, token, card)
    assert answer["errcode"] == 0 and answer["invaliduser"] == "b"
    assert fake.messages_to("a") == [card] == fake.messages_to("c") and fake.messages_to("b") == []
    assert (await send(http, token, {**card, "touser": "b"}))["errcode"] == 81013
    assert (await send(http, token, {**card, "agentid": 7}))["errcode"] == 40056
    assert (await send(http, token, {**card, "msgtype": "sticker"}))["errcode"] == 40008
    assert (await send(http, token, {**card, "touser": ""}))["errcode"] == 40058
    long_title = {**card, "textcard": {**card["textcard"], "title": "题" * 43}}  # 129 bytes
    assert (await send(http, token, long_title))["errcode"] == 45003
    image = {"touser": "a", "msgtype": "image", "agentid": 1000002, "image": {"media_id": "nope"}}
    assert (await send(http, token, image))["errcode"] == 40007
    assert (await http.get("/message/send", params={"access_token": token})).json()["errcode"] == 43002
    bad_json = await http.post("/message/send", params={"access_token": token}, content=b"{not json")
    assert bad_json.json()["errcode"] == 47001


async def test_appchat_create_and_send(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    token = await get_token(http)
    created = await send(http, token, {"name": "红星村月报", "owner": "wangjg", "userlist": ["wangjg", "lihua"]},
                         "/appchat/create")
    assert created["errcode"] == 0
    chatid = created["chatid"]
    assert fake.chats[chatid]["userlist"] == ["wangjg", "lihua"]
    body = {"chatid": chatid, "msgtype": "markdown", "markdown": {"content": "**三月** 已收齐"}}
    assert await send(http, token, body, "/appchat/send") == {"errcode": 0, "errmsg": "ok"}
    unknown = await send(http, token, {**body, "chatid": "nosuchchat"}, "/appchat/send")
    assert unknown == {"errcode": 86003, "errmsg": "chat not exist"}
    too_long = {"chatid": chatid, "msgtype": "text", "text": {"content": "x" * 2049}}
    assert (await send(http, token, too_long, "/appchat/send"))["errcode"] == 44004
    assert fake.chat_messages(chatid) == [body]
    named = {"name": "n", "userlist": ["a", "b"], "chatid": "chat42"}
    assert (await send(http, token, named, "/appchat/create"))["chatid"] == "chat42"
    assert (await send(http, token, named, "/appchat/create"))["errcode"] == 86215
    assert (await send(http, token, {"userlist": ["a"]}, "/appchat/create"))["errcode"] == 40058


# --- robots --------------------------------------------------------------------------------------------------


async def test_robot_allows_20_messages_a_minute(fake: FakeWeCom, http: httpx.AsyncClient,
                                                 clock: ManualClock) -> None:
    for n in range(20):
        answer = await robot_send(http, {"msgtype": "text", "text": {"content": f"第{n + 1}条"}})
        assert answer == {"errcode": 0, "errmsg": "ok"}
        clock.advance(1.0)
    limited = await robot_send(http, {"msgtype": "text", "text": {"content": "第21条"}})
    assert limited == {"errcode": 45009, "errmsg": "api freq out of limit"}
    assert (await robot_send(http, {"msgtype": "text", "text": {"content": "other"}}, key="k2"))["errcode"] == 0
    clock.advance(40.0)  # the first message leaves the 60 s window
    assert (await robot_send(http, {"msgtype": "text", "text": {"content": "第21条"}}))["errcode"] == 0
    assert (await robot_send(http, {"msgtype": "text", "text": {"content": "第22条"}}))["errcode"] == 45009
    contents = [m["text"]["content"] for m in fake.robot_messages(ROBOT)]
    assert contents == [f"第{n}条" for n in range(1, 22)] and fake.freq_limited == 2


async def test_robot_window_and_limit_can_be_shrunk() -> None:
    clock = ManualClock()
    async with FakeWeCom(robot_limit=2, robot_window=5.0, robot_keys={"only"}, clock=clock) as server, \
            httpx.AsyncClient(base_url=f"{server.base_url}/cgi-bin") as client:
        ping = {"msgtype": "text", "text": {"content": "ping"}}
        assert [(await robot_send(client, ping, key="only"))["errcode"] for _ in range(3)] == [0, 0, 45009]
        clock.advance(5.0)
        assert (await robot_send(client, ping, key="only"))["errcode"] == 0
        assert (await robot_send(client, ping, key="other"))["errcode"] == 93000


async def test_robot_content_checks(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    assert (await robot_send(http, {"msgtype": "text", "text": {"content": "x" * 2049}}))["errcode"] == 40058
    assert (await robot_send(http, {"msgtype": "markdown", "markdown": {"content": "x" * 4097}}))["errcode"] == 40058
    assert (await robot_send(http, {"msgtype": "markdown", "markdown": {"content": "x" * 4096}}))["errcode"] == 0
    png = b"\x89PNG\r\n\x1a\n fake image"
    image = {"base64": base64.b64encode(png).decode(), "md5": hashlib.md5(png).hexdigest()}
    assert (await robot_send(http, {"msgtype": "image", "image": image}))["errcode"] == 0
    bad_md5 = {**image, "md5": "0" * 32}
    assert (await robot_send(http, {"msgtype": "image", "image": bad_md5}))["errcode"] == 40058
    assert [m["msgtype"] for m in fake.robot_messages(ROBOT)] == ["markdown", "image"]


# --- failure injection ---------------------------------------------------------------------------------------


async def test_fail_next_errcode_then_recovers(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    token = await get_token(http)
    fake.fail_next("message/send", errcode=45009, times=2)
    answers = [(await send(http, token, text("wangjg", str(n))))["errcode"] for n in range(3)]
    assert answers == [45009, 45009, 0]
    assert [m["text"]["content"] for m in fake.messages_to("wangjg")] == ["2"]
    fake.fail_next("/cgi-bin/message/send", errcode=42001)  # does not expire the token itself
    assert await send(http, token, text("wangjg", "x")) == {"errcode": 42001, "errmsg": "access_token expired"}
    assert (await send(http, token, text("wangjg", "x")))["errcode"] == 0


async def test_fail_next_http_error_and_delay(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    fake.fail_next("gettoken", http_status=502)
    answer = await http.get("/gettoken", params=CREDENTIALS)
    assert (answer.status_code, answer.text) == (502, "Bad Gateway")
    assert (fake.calls[-1].status, fake.calls[-1].errcode) == (502, None)
    fake.fail_next("gettoken", http_status=503, errcode=-1)
    busy = await http.get("/gettoken", params=CREDENTIALS)
    assert (busy.status_code, busy.json()) == (503, {"errcode": -1, "errmsg": "system busy"})
    fake.fail_next("gettoken", delay=0.2)  # a slow success
    started = time.perf_counter()
    assert (await http.get("/gettoken", params=CREDENTIALS)).json()["errcode"] == 0
    assert time.perf_counter() - started >= 0.2
    fake.fail_next("gettoken", delay=0.3)
    with pytest.raises(httpx.ReadTimeout):
        await http.get("/gettoken", params=CREDENTIALS, timeout=0.1)
    assert fake.tokens_issued == 1
    await asyncio.sleep(0.3)
    assert fake.tokens_issued == 2  # the server still handled the call the client gave up on


# --- media ---------------------------------------------------------------------------------------------------


async def test_media_upload_then_get(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    token = await get_token(http)
    content = "三月份党建工作报告\n".encode() * 50
    answer = (await http.post("/media/upload", params={"access_token": token, "type": "file"},
                              files={"media": ("三月报告.txt", content, "text/plain")})).json()
    assert answer["errcode"] == 0 and answer["type"] == "file" and isinstance(answer["created_at"], str)
    media_id = answer["media_id"]
    assert fake.media[media_id] == content
    upload = fake.calls_to("media/upload")[0].body["media"]
    assert isinstance(upload, UploadedFile) and upload.filename == "三月报告.txt"

    got = await http.get("/media/get", params={"access_token": token, "media_id": media_id})
    assert got.status_code == 200 and got.content == content
    assert got.headers["content-type"].startswith("text/plain")
    assert "filename*=UTF-8''" in got.headers["content-disposition"]
    missing = await http.get("/media/get", params={"access_token": token, "media_id": "nope"})
    assert missing.json() == {"errcode": 40007, "errmsg": "invalid media_id"}

    fake.media["seeded"] = b"\xff\xd8\xff user photo"  # what a user's picture would be in a test
    assert (await http.get("/media/get", params={"access_token": token, "media_id": "seeded"})).content.endswith(
        b"user photo")
    file_message = {"touser": "wangjg", "msgtype": "file", "agentid": 1000002, "file": {"media_id": media_id}}
    assert (await send(http, token, file_message))["errcode"] == 0


async def test_media_upload_checks(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    token = await get_token(http)

    async def upload(media_type: str, content: bytes, field: str = "media") -> int:
        answer = await http.post("/media/upload", params={"access_token": token, "type": media_type},
                                 files={field: ("a.bin", content, "application/octet-stream")})
        return int(answer.json()["errcode"])

    assert await upload("sticker", b"123456") == 40005
    assert await upload("file", b"123456", field="other") == 41005
    assert await upload("file", b"12345") == 40006  # Tencent wants more than 5 bytes
    assert await upload("image", b"123456") == 0
    assert fake.calls_to("media/upload")[0].params["type"] == "image"


async def test_robot_upload_media(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    answer = (await http.post("/webhook/upload_media", params={"key": ROBOT, "type": "file"},
                              files={"media": ("月报.xlsx", b"PK\x03\x04 sheet", "application/octet-stream")})).json()
    assert answer["errcode"] == 0 and answer["type"] == "file"
    message = {"msgtype": "file", "file": {"media_id": answer["media_id"]}}
    assert (await robot_send(http, message))["errcode"] == 0
    assert fake.robot_messages(ROBOT) == [message]
    image = await http.post("/webhook/upload_media", params={"key": ROBOT, "type": "image"},
                            files={"media": ("a.png", b"123456", "image/png")})
    assert image.json()["errcode"] == 40005  # robots upload only file and voice


# --- WeChat Official Account ---------------------------------------------------------------------------------


async def test_wechat_token_and_custom_send(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    answer = (await http.get("/token", params=WECHAT_CREDENTIALS)).json()
    assert answer["errcode"] == 0 and answer["expires_in"] == 7200
    token = answer["access_token"]
    body = {"touser": "oABCD1234", "msgtype": "text", "text": {"content": "您的三月月报已登记"}}
    assert await send(http, token, body, "/message/custom/send") == {"errcode": 0, "errmsg": "ok"}
    assert fake.messages_to("oABCD1234") == [body]
    assert (await send(http, token, {**body, "touser": ""}, "/message/custom/send"))["errcode"] == 40003
    bad_appid = (await http.get("/token", params={**WECHAT_CREDENTIALS, "appid": "wxother"})).json()
    assert bad_appid == {"errcode": 40013, "errmsg": "invalid appid"}
    assert (await http.get("/token", params={**WECHAT_CREDENTIALS, "secret": "x"})).json()["errcode"] == 40001
    grant = (await http.get("/token", params={**WECHAT_CREDENTIALS, "grant_type": "password"})).json()
    assert grant["errcode"] == 40002
    uploaded = (await http.post("/media/upload", params={"access_token": token, "type": "image"},
                                files={"media": ("a.jpg", b"\xff\xd8\xff jpeg", "image/jpeg")})).json()
    assert isinstance(uploaded["created_at"], int)  # the Official Account gives a number, WeCom a string


# --- bookkeeping ---------------------------------------------------------------------------------------------


async def test_calls_are_recorded_and_reset_forgets_everything(fake: FakeWeCom, http: httpx.AsyncClient) -> None:
    token = await get_token(http)
    body = text("wangjg", "hi")
    await send(http, token, body)
    assert (await http.get("/no/such/api")).status_code == 404
    gettoken, sent, unknown = fake.calls
    assert (gettoken.path, gettoken.params, gettoken.body) == ("/cgi-bin/gettoken", CREDENTIALS, None)
    assert (sent.path, sent.params, sent.body, sent.status, sent.errcode) == (
        "/cgi-bin/message/send", {"access_token": token}, body, 200, 0)
    assert (unknown.status, unknown.errcode) == (404, None)
    assert gettoken.at <= sent.at
    assert api_name("/cgi-bin/message/send?access_token=x") == "message/send"

    fake.fail_next("message/send", errcode=-1)
    fake.reset()
    assert fake.calls == [] and fake.tokens_issued == 0 and fake.messages_to("wangjg") == []
    assert (await send(http, token, body))["errcode"] == 40014  # tokens are forgotten
    assert (await send(http, await get_token(http), body))["errcode"] == 0  # and the failure too


async def test_stop_ends_a_pending_delay() -> None:
    async with FakeWeCom() as server, httpx.AsyncClient(base_url=f"{server.base_url}/cgi-bin") as client:
        server.fail_next("gettoken", delay=30.0)
        pending = asyncio.create_task(client.get("/gettoken", params=CREDENTIALS))
        await asyncio.sleep(0.05)
        started = time.perf_counter()
        await server.stop()
        answer = await pending
    assert answer.json()["errcode"] == 0 and time.perf_counter() - started < 2.0
