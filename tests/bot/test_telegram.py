"""Telegram end to end through HTTP: webhook → pipeline → records → sender → a fake Bot API server."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bot.app import App, create_app
from bot.config import Settings
from bot.http import build_http
from bot.registry_file import load_registry
from bot.service import start_telegram
from bot.telegram import adapter as adapter_module
from handlers.clock import FakeClock
from handlers.identity import issue_invite
from storage.models import ChatBinding, Identity, InboxMessage, Project, Report, ReportEvidence, ReportRevision
from storage.repositories.inbox import SqlInbox
from storage.repositories.registry_import import RegistryImporter
from tests.conftest import CST, REGISTRY
from tests.support import telegram_updates as tg
from tests.support.fake_telegram import FakeTelegram
from tests.support.rows import count, rows

SECRET = "s3cret-token_1"
WANG = tg.user(1001, "建国", "wangjg", last_name="王")
HU = tg.user(1002, "立新", last_name="胡")
GROUP = tg.group_chat(-100123, "千佛塔村工作群")
REPORT = ("【千佛塔村3月份书记领办事项进展】一、本月进展：三步桥街立面改造完成60%，拆除违建5处。"
          "二、存在问题：资金缺口约20万元。三、下步计划：4月底前完成主街段。")


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def tg_app(db_url: str, fake: FakeTelegram, tmp_path: Path) -> AsyncIterator[App]:
    clock = FakeClock(dt.datetime(2026, 3, 20, 10, 0, tzinfo=CST))
    settings = Settings(YUEBAO_DATABASE_URL=db_url, TELEGRAM_BOT_TOKEN="123:TEST", TELEGRAM_API_BASE=fake.base_url,
                        TELEGRAM_WEBHOOK_SECRET=SECRET, YUEBAO_FILES_DIR=str(tmp_path / "files"))
    app = await create_app(settings, clock=clock)
    async with app.uow() as store:
        await RegistryImporter(store.session, clock.now()).run(load_registry(REGISTRY))
        for name, user_id in (("王建国", "1001"), ("胡立新", "1002")):
            (person,) = await store.people.by_name(name)
            await store.people.link_identity(person.id, "telegram", user_id, clock.now())
    assert app.telegram is not None
    await app.telegram.start()
    try:
        yield app
    finally:
        await app.aclose()


@pytest.fixture
async def client(tg_app: App) -> AsyncIterator[httpx.AsyncClient]:
    """Webhook requests, each answered once stored and returned once handled in the background too."""
    async def handled(response: httpx.Response) -> None:
        await tg_app.pipeline.drain()

    transport = httpx.ASGITransport(app=build_http(tg_app))
    async with httpx.AsyncClient(transport=transport, base_url="http://yuebao.test",
                                 event_hooks={"response": [handled]}) as http:
        yield http


async def post(client: httpx.AsyncClient, update: object, secret: str | None = SECRET) -> httpx.Response:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return await client.post("/telegram/webhook", json=update, headers=headers)


async def test_report_card_with_buttons_then_a_press_edits_the_card(
        tg_app: App, client: httpx.AsyncClient, fake: FakeTelegram) -> None:
    assert (await post(client, tg.message_update(1, tg.private_chat(WANG), WANG, REPORT))).status_code == 200
    (report,) = await rows(tg_app, Report)
    assert report.progress == 60 and report.status == "draft"
    await tg_app.sender.drain()
    (card,) = fake.messages_in(1001)
    assert card["text"].startswith("📋 已记录：千佛塔村")
    buttons = card["reply_markup"]["inline_keyboard"][0]
    assert [b["text"] for b in buttons] == ["确认", "修改"]

    press = tg.callback_query_update(2, WANG, card, buttons[0]["callback_data"])
    assert (await post(client, press)).status_code == 200
    await tg_app.sender.drain()
    assert len(fake.calls_to("answerCallbackQuery")) == 1
    edited = fake.message(1001, card["message_id"])
    assert edited is not None and edited["text"].startswith("✅ 已确认：千佛塔村")
    assert len(fake.messages_in(1001)) == 1  # the card changed in place; no new message
    (report,) = await rows(tg_app, Report)
    assert report.status == "confirmed"


@pytest.mark.parametrize("secret", [None, "", "wrong", SECRET[:-1] + "2"])
async def test_wrong_or_missing_secret_is_403_and_nothing_is_stored(
        tg_app: App, client: httpx.AsyncClient, secret: str | None) -> None:
    response = await post(client, tg.message_update(1, tg.private_chat(WANG), WANG, REPORT), secret)
    assert response.status_code == 403
    assert await count(tg_app, InboxMessage) == 0 and await count(tg_app, Report) == 0


async def test_the_same_update_three_times_has_one_effect(
        tg_app: App, client: httpx.AsyncClient, fake: FakeTelegram) -> None:
    update = tg.message_update(7, tg.private_chat(WANG), WANG, REPORT)
    assert [(await post(client, update)).status_code for _ in range(3)] == [200, 200, 200]
    await tg_app.sender.drain()
    assert await count(tg_app, InboxMessage) == 1
    assert await count(tg_app, Report) == 1 and await count(tg_app, ReportRevision) == 1
    assert len(fake.messages_in(1001)) == 1


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'{"foo": 1}', b'{"update_id": "x"}',
                                  b'{"update_id": true}', "\xff".encode("latin-1")])
async def test_a_body_that_is_not_an_update_is_400(tg_app: App, client: httpx.AsyncClient, body: bytes) -> None:
    response = await client.post("/telegram/webhook", content=body,
                                 headers={"X-Telegram-Bot-Api-Secret-Token": SECRET,
                                          "Content-Type": "application/json"})
    assert response.status_code == 400
    assert await count(tg_app, InboxMessage) == 0


async def test_an_edited_report_is_a_correction(tg_app: App, client: httpx.AsyncClient) -> None:
    chat = tg.private_chat(WANG)
    await post(client, tg.message_update(1, chat, WANG, "征地搬迁这块已签约25户，整体进度60%", message_id=50))
    await post(client, tg.edited_message_update(2, chat, WANG, "征地搬迁这块已签约28户，整体进度65%", 50))
    (report,) = await rows(tg_app, Report)
    assert report.progress == 65
    assert await count(tg_app, ReportRevision, report_id=report.id) == 2


async def test_a_photo_with_a_report_is_kept_as_evidence_with_a_copy(
        tg_app: App, client: httpx.AsyncClient, fake: FakeTelegram) -> None:
    fake.files["large"] = b"\xff\xd8\xff fake jpeg"
    update = tg.photo_update(1, tg.private_chat(WANG), WANG, caption=REPORT, file_ids=("small", "large"))
    assert (await post(client, update)).status_code == 200
    (evidence,) = await rows(tg_app, ReportEvidence)
    assert evidence.file_id == "large" and evidence.kind == "photo"
    assert evidence.stored_path and Path(evidence.stored_path).read_bytes() == b"\xff\xd8\xff fake jpeg"


async def test_start_with_an_invite_code_registers(tg_app: App, client: httpx.AsyncClient, fake: FakeTelegram) -> None:
    async with tg_app.uow() as store:
        (person,) = await store.people.by_name("储德胜")
        code = await issue_invite(store, person.id, tg_app.clock.now())
    chu = tg.user(2001, "德胜", last_name="储")
    await post(client, tg.message_update(1, tg.private_chat(chu), chu, f"/start {code}"))
    await tg_app.sender.drain()
    assert fake.messages_in(2001)[0]["text"].startswith("登记成功！欢迎您，储德胜（请水寨村）")
    assert await count(tg_app, Identity, platform="telegram", platform_user_id="2001") == 1


async def test_groups_added_removed_and_only_answered_when_spoken_to(
        tg_app: App, client: httpx.AsyncClient, fake: FakeTelegram) -> None:
    await post(client, tg.my_chat_member_update(1, GROUP, HU, tg.bot_user(), "left", "member"))
    await post(client, tg.message_update(2, GROUP, HU, "/bind@yuebao_test_bot 千佛塔村"))
    await post(client, tg.message_update(3, GROUP, WANG, "今天下雨了"))  # chatter: no answer
    await post(client, tg.message_update(4, GROUP, WANG, "@yuebao_test_bot 在吗"))
    await tg_app.sender.drain()
    texts = [m["text"] for m in fake.messages_in(GROUP["id"])]
    assert texts[0].startswith("大家好，我是月报助手") and texts[1:] == ["本群已绑定到千佛塔村。", "在的。"]
    assert await count(tg_app, ChatBinding) == 1
    await post(client, tg.my_chat_member_update(5, GROUP, HU, tg.bot_user(), "member", "kicked"))
    assert await count(tg_app, ChatBinding) == 0


async def test_long_replies_are_split_under_4096_characters(tg_app: App, fake: FakeTelegram) -> None:
    from handlers.messages import OutgoingMessage
    text = "\n".join(f"第{i}行：" + "进展情况" * 20 for i in range(100))  # ~8,600 characters
    async with tg_app.uow() as store:
        await store.outbox.enqueue([OutgoingMessage("telegram", "1001", text, key="long")], tg_app.clock.now())
    await tg_app.sender.drain()
    parts = [m["text"] for m in fake.messages_in(1001)]
    assert len(parts) == 3 and all(len(p) <= 4096 for p in parts) and "\n".join(parts) == text
    assert fake.rejected_429 == 0


async def test_run_registers_the_webhook_or_polls(tg_app: App, fake: FakeTelegram) -> None:
    stop = asyncio.Event()
    tg_app.settings.telegram_webhook_url = "https://bot.example.org/telegram/webhook"
    assert await start_telegram(tg_app, stop) is None
    assert fake.webhook is not None and fake.webhook["secret_token"] == SECRET
    assert fake.webhook["url"] == "https://bot.example.org/telegram/webhook"

    tg_app.settings.telegram_webhook_url = ""
    fake.push_update(tg.message_update(40, tg.private_chat(WANG), WANG, "在吗"))
    polling = await start_telegram(tg_app, stop)
    assert polling is not None
    for _ in range(100):
        if await count(tg_app, InboxMessage) == 1:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(polling, 5)
    assert fake.webhook is None  # long polling removed the webhook first
    await tg_app.sender.drain()
    assert [m["text"] for m in fake.messages_in(1001)] == ["在的。"]


async def test_a_reply_to_a_card_corrects_that_report(
        tg_app: App, client: httpx.AsyncClient, fake: FakeTelegram) -> None:
    chat = tg.private_chat(WANG)
    await post(client, tg.message_update(1, chat, WANG, "征地搬迁这块已签约25户，整体进度60%"))
    await tg_app.sender.drain()
    (card,) = fake.messages_in(1001)
    await post(client, tg.message_update(2, chat, WANG, "三步桥街示范点本月进度30%"))  # another card opens
    await post(client, tg.message_update(3, chat, WANG, "进度改成65%", reply_to=card))  # ...but this answers the first
    reports = {r.project_id: r.progress for r in await rows(tg_app, Report)}
    assert sorted(reports.values()) == [30, 65]


async def test_a_numbered_choice_button_turns_the_question_into_the_card(
        tg_app: App, client: httpx.AsyncClient, fake: FakeTelegram) -> None:
    chat = tg.private_chat(WANG)
    await post(client, tg.message_update(1, chat, WANG, "本月完成了60%，下步继续推进"))
    await tg_app.sender.drain()
    (question,) = fake.messages_in(1001)
    second = question["reply_markup"]["inline_keyboard"][1][0]
    await post(client, tg.callback_query_update(2, WANG, question, second["callback_data"]))
    await tg_app.sender.drain()
    assert len(fake.messages_in(1001)) == 1
    assert fake.message(1001, question["message_id"])["text"].startswith("📋 已记录：千佛塔村 · 党建引领征地搬迁攻坚")


async def test_the_service_serves_healthz_and_stops(tg_app: App) -> None:
    import socket

    from bot.service import serve
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    stop = asyncio.Event()
    service = asyncio.create_task(serve(tg_app, "127.0.0.1", port, stop))
    async with httpx.AsyncClient() as http:
        for _ in range(100):
            try:
                response = await http.get(f"http://127.0.0.1:{port}/healthz")
                break
            except httpx.ConnectError:
                await asyncio.sleep(0.05)
        assert response.status_code == 200 and response.json() == {"ok": True}
    stop.set()
    await asyncio.wait_for(service, 10)


async def test_an_update_translation_failed_on_is_kept_and_replayed_once_after_the_fix(
        tg_app: App, client: httpx.AsyncClient, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("translation bug")
    monkeypatch.setattr(adapter_module, "translate", broken)
    update = tg.message_update(9, tg.private_chat(WANG), WANG, REPORT)
    assert (await post(client, update)).status_code == 200  # stored as received, answered
    async with tg_app.uow() as store:
        (failed,) = await store.inbox.failed(10)
    assert (failed.status, failed.error) == ("unreadable", "RuntimeError: translation bug")
    assert json.loads(failed.raw) == update and await count(tg_app, Report) == 0

    monkeypatch.undo()  # the fix
    for _ in range(2):
        await tg_app.pipeline.replay(failed.id)
        assert (await post(client, update)).status_code == 200  # Telegram re-sending it changes nothing either
    await tg_app.sender.drain()
    assert await count(tg_app, Report) == 1 and await count(tg_app, ReportRevision) == 1
    (card,) = fake.messages_in(1001)
    assert card["text"].startswith("📋 已记录：千佛塔村")
    (row,) = await rows(tg_app, InboxMessage)
    assert (row.status, row.error, row.sender_id) == ("done", None, "1001")


async def test_nothing_goes_out_to_telegram_before_the_update_is_stored(
        tg_app: App, client: httpx.AsyncClient, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch) -> None:
    async def down(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database is down")
    monkeypatch.setattr(SqlInbox, "add", down)
    card = tg.message(tg.private_chat(WANG), tg.bot_user(), "📋 已记录", message_id=70)
    fake.files["large"] = b"\xff\xd8\xff fake jpeg"
    for update in (tg.callback_query_update(1, WANG, card, "confirm"),
                   tg.photo_update(2, tg.private_chat(WANG), WANG, caption=REPORT, file_ids=("small", "large"))):
        assert (await post(client, update)).status_code == 503  # Telegram delivers it again
    assert not fake.calls_to("answerCallbackQuery") and not fake.calls_to("getFile")


async def test_a_plan_is_reviewed_on_its_card_and_returned_with_a_typed_comment(
        tg_app: App, client: httpx.AsyncClient, fake: FakeTelegram) -> None:
    plan = "申报书记项目：千佛塔村茶园提升。步骤：5月底前完成茶园改造，8月底前建成加工点。完成时限：2026年11月底。"
    assert (await post(client, tg.message_update(1, tg.private_chat(WANG), WANG, plan))).status_code == 200
    await tg_app.sender.drain()
    (card,) = [m for m in fake.messages_in(1002) if m["text"].startswith("📋 项目申报待审核")]
    buttons = card["reply_markup"]["inline_keyboard"][0]
    assert [b["text"] for b in buttons] == ["通过", "退回修改"]
    assert (await post(client, tg.callback_query_update(2, HU, card, buttons[1]["callback_data"]))).status_code == 200
    await post(client, tg.message_update(3, tg.private_chat(HU), HU, "请补充资金来源"))
    await tg_app.sender.drain()
    (project,) = [p for p in await rows(tg_app, Project) if p.title == "茶园提升"]
    assert project.status == "returned"
    assert fake.messages_in(1001)[-1]["text"].startswith("↩️ 项目“茶园提升”方案退回修改：请补充资金来源")
