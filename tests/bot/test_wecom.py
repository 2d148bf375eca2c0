"""WeCom end to end: encrypted callbacks in, replies out through the sender to a fake WeCom API."""
from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import httpx
import pytest

from bot.app import App, create_app
from bot.registry_file import load_registry
from bot.wecom.crypto import signature
from handlers.clock import FakeClock
from handlers.messages import OutgoingMessage
from storage.models import InboxMessage, Project, Report, ReportRevision
from storage.repositories.registry_import import RegistryImporter
from tests.conftest import CST, REGISTRY
from tests.support.fake_wecom import FakeWeCom
from tests.support.rows import count, rows
from tests.support.tencent import (
    SAMPLE_AES_KEY,
    SAMPLE_CORP_ID,
    SAMPLE_TOKEN,
    asgi_client,
    encrypted_callback,
    inner_xml,
    tencent_settings,
)

REPORT = ("【千佛塔村3月份书记领办事项进展】一、本月进展：三步桥街立面改造完成60%，拆除违建5处。"
          "二、存在问题：资金缺口约20万元。三、下步计划：4月底前完成主街段。")
NOW = dt.datetime(2026, 3, 20, 10, 0, tzinfo=CST)


@pytest.fixture
async def fake() -> AsyncIterator[FakeWeCom]:
    async with FakeWeCom(corp_id=SAMPLE_CORP_ID, secret="s3cret", agent_id="1000002") as server:
        yield server


@pytest.fixture
async def wc_app(db_url: str, fake: FakeWeCom) -> AsyncIterator[App]:
    settings = tencent_settings(db_url, fake.base_url)
    app = await create_app(settings, clock=FakeClock(NOW))
    async with app.uow() as store:
        await RegistryImporter(store.session, NOW).run(load_registry(REGISTRY))
        (wang,) = await store.people.by_name("王建国")
        await store.people.link_identity(wang.id, "wecom", "wangjg", NOW)
        await store.people.link_identity(wang.id, "wechat", "openid-wang", NOW)
    try:
        yield app
    finally:
        await app.aclose()


@pytest.fixture
async def client(wc_app: App) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(wc_app) as http:
        yield http


def callback(text: str, msg_id: int, user: str = "wangjg") -> tuple[dict[str, str], bytes]:
    fields = {"ToUserName": SAMPLE_CORP_ID, "FromUserName": user, "CreateTime": int(NOW.timestamp()),
              "MsgType": "text", "Content": text, "MsgId": msg_id, "AgentID": 1000002}
    return encrypted_callback(inner_xml(fields), token=SAMPLE_TOKEN, aes_key=SAMPLE_AES_KEY,
                              receive_id=SAMPLE_CORP_ID, timestamp=int(NOW.timestamp()))


async def deliver(app: App, client: httpx.AsyncClient, query: dict[str, str], body: bytes) -> int:
    status = (await client.post("/wecom/callback", params=query, content=body)).status_code
    assert app.wecom is not None
    await app.wecom.drain()
    await app.sender.drain()
    return status


def texts_to(fake: FakeWeCom, user: str) -> list[str]:
    return [m[m["msgtype"]]["content"] for m in fake.messages_to(user)]


async def test_report_callback_is_stored_and_confirmed_by_replying_1(
        wc_app: App, client: httpx.AsyncClient, fake: FakeWeCom) -> None:
    assert await deliver(wc_app, client, *callback(REPORT, 5001)) == 200
    (card,) = fake.messages_to("wangjg")
    assert card["msgtype"] == "markdown"  # a card: bold title, the reply words last
    assert card["markdown"]["content"].startswith("**📋 已记录：千佛塔村")
    assert card["markdown"]["content"].endswith("回复 1 确认，2 修改</font>")
    assert await deliver(wc_app, client, *callback("1", 5002)) == 200
    assert texts_to(fake, "wangjg")[-1].startswith("✅ 已确认：千佛塔村")
    (report,) = await rows(wc_app, Report)
    assert report.status == "confirmed" and report.progress == 60


async def test_typed_words_work_on_a_card_as_buttons_do(
        wc_app: App, client: httpx.AsyncClient, fake: FakeWeCom) -> None:
    assert await deliver(wc_app, client, *callback(REPORT, 5101)) == 200
    assert await deliver(wc_app, client, *callback("进度写错了，应该是七成", 5102)) == 200
    assert "进度：70%" in texts_to(fake, "wangjg")[-1]
    assert await deliver(wc_app, client, *callback("确认", 5103)) == 200
    assert texts_to(fake, "wangjg")[-1].startswith("✅ 已确认：千佛塔村")
    (report,) = await rows(wc_app, Report)
    assert (report.status, report.progress, report.done) == ("confirmed", 70, "三步桥街立面改造完成70%，拆除违建5处")


async def test_the_same_callback_three_times_is_one_record_and_one_reply(
        wc_app: App, client: httpx.AsyncClient, fake: FakeWeCom) -> None:
    query, body = callback(REPORT, 6001)
    assert [await deliver(wc_app, client, query, body) for _ in range(3)] == [200, 200, 200]
    assert await count(wc_app, InboxMessage) == 1
    assert await count(wc_app, Report) == 1 and await count(wc_app, ReportRevision) == 1
    assert len(fake.messages_to("wangjg")) == 1


async def test_an_expired_token_is_refreshed_once_and_the_message_delivered(
        wc_app: App, client: httpx.AsyncClient, fake: FakeWeCom) -> None:
    await deliver(wc_app, client, *callback("在吗", 7001))
    assert fake.tokens_issued == 1
    fake.expire_tokens()
    await deliver(wc_app, client, *callback("帮助", 7002))
    assert fake.tokens_issued == 2
    assert texts_to(fake, "wangjg")[0] == "在的。" and texts_to(fake, "wangjg")[1].startswith("王建国（村书记）")
    fake.fail_next("message/send", errcode=40014)  # rejected once more: refetched once, then delivered
    await deliver(wc_app, client, *callback("在吗", 7003))
    assert fake.tokens_issued == 3 and len(fake.messages_to("wangjg")) == 3


async def test_a_long_robot_digest_is_split_under_2048_bytes_in_order(wc_app: App, fake: FakeWeCom) -> None:
    lines = [f"{i:03d}. 千佛塔村 · 党建引领征地搬迁攻坚：进度 {i % 100}%，序时 50%，已确认" for i in range(120)]
    digest = "\n".join(lines)
    assert len(digest.encode()) > 3 * 2048
    async with wc_app.uow() as store:
        await store.outbox.enqueue([OutgoingMessage("wecom", "robot:KEY1", digest, key="digest:2026-03")], NOW)
        await store.outbox.enqueue([OutgoingMessage("wecom", "robot:KEY1", "之后的通知", key="after")], NOW)
    await wc_app.sender.drain()
    parts = [m["text"]["content"] for m in fake.robot_messages("KEY1")]
    assert len(parts) > 3 and all(len(p.encode()) <= 2048 for p in parts)
    assert "\n".join(parts[:-1]) == digest and parts[-1] == "之后的通知"


async def test_app_group_chats_are_created_and_sent_to(wc_app: App, fake: FakeWeCom) -> None:
    transport = wc_app.transports["wecom"]
    members = ["wangjg", "jiangtao"]
    chat = await transport.create_group("qft2026", "千佛塔村工作群", "wangjg", members)
    assert chat == "appchat:qft2026"
    assert await transport.create_group("qft2026", "千佛塔村工作群", "wangjg", members) == chat  # a retry
    async with wc_app.uow() as store:
        await store.outbox.enqueue([OutgoingMessage("wecom", chat, "本月月报请于月底前报送。", key="g1")], NOW)
    await wc_app.sender.drain()
    assert [m["text"]["content"] for m in fake.chat_messages("qft2026")] == ["本月月报请于月底前报送。"]


async def test_official_account_replies_through_custom_messages(
        wc_app: App, client: httpx.AsyncClient, fake: FakeWeCom) -> None:
    ts, nonce = str(int(NOW.timestamp())), "9"
    message = inner_xml({"ToUserName": "gh_1", "FromUserName": "openid-wang", "CreateTime": int(NOW.timestamp()),
                         "MsgType": "text", "Content": "在吗", "MsgId": 8001})
    response = await client.post("/wechat/callback", content=message.encode(),
                                 params={"signature": signature("wxtoken", ts, nonce), "timestamp": ts, "nonce": nonce})
    assert response.text == "success"
    await wc_app.wechat.drain()
    await wc_app.sender.drain()
    assert [m["text"]["content"] for m in fake.messages_to("openid-wang")] == ["在的。"]


async def test_files_are_uploaded_and_sent_as_images_and_files(wc_app: App, fake: FakeWeCom, tmp_path) -> None:
    from handlers.messages import Attachment
    chart = tmp_path / "进度图.png"
    chart.write_bytes(b"\x89PNG\r\n\x1a\n fake chart")
    ledger = tmp_path / "台账.xlsx"
    ledger.write_bytes(b"PK\x03\x04 fake workbook")
    files = (Attachment("photo", "", "进度图.png", stored_path=str(chart)),
             Attachment("document", "", "台账.xlsx", stored_path=str(ledger)),
             Attachment("photo", "telegram-file-id"))  # another platform's file: nothing to upload here
    async with wc_app.uow() as store:
        await store.outbox.enqueue([
            OutgoingMessage("wecom", "wangjg", "3月月报", key="m1", attachments=files),
            OutgoingMessage("wecom", "robot:KEY2", "3月月报", key="m2", attachments=files),
        ], NOW)
    assert await wc_app.sender.drain() == 2
    assert [m["msgtype"] for m in fake.messages_to("wangjg")] == ["text", "image", "file"]
    assert [m["msgtype"] for m in fake.robot_messages("KEY2")] == ["text", "image", "file"]
    media_ids = [m["image"]["media_id"] for m in fake.messages_to("wangjg") if m["msgtype"] == "image"]
    assert fake.media[media_ids[0]] == chart.read_bytes()


async def test_a_plan_is_approved_by_typed_words_on_wecom(
        wc_app: App, client: httpx.AsyncClient, fake: FakeWeCom) -> None:
    async with wc_app.uow() as store:
        (hu,) = await store.people.by_name("胡立新")
        await store.people.link_identity(hu.id, "wecom", "hulx", NOW)
    plan = "申报书记项目：千佛塔村茶园提升。步骤：5月底前完成茶园改造，8月底前建成加工点。完成时限：2026年11月底。"
    assert await deliver(wc_app, client, *callback(plan, 5301)) == 200
    assert "回复 1 通过，2 退回修改" in texts_to(fake, "hulx")[-1]
    assert await deliver(wc_app, client, *callback("茶园提升方案通过，权重1.5", 5302, user="hulx")) == 200
    (project,) = [p for p in await rows(wc_app, Project) if p.title == "茶园提升"]
    assert (project.status, project.weight) == ("in_progress", 1.5)
    assert texts_to(fake, "wangjg")[-1].startswith("✅ 项目“茶园提升”方案已审核通过，认定权重 1.5")
