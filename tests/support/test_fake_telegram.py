"""The fake Telegram Bot API, through real HTTP: python-telegram-bot's Bot and plain httpx."""
from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, TelegramObject, Update
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from tests.support import telegram_updates as tu
from tests.support.fake_telegram import FakeTelegram, UploadedFile
from tests.support.loopback import ManualClock

TOKEN = "123:TEST"
GROUP = -1001234567890
PERSON = 1001


def make_bot(fake: FakeTelegram, **request_args: Any) -> telegram.Bot:
    """A PTB Bot talking to the fake (PTB appends the token to both base URLs)."""
    request = HTTPXRequest(**request_args) if request_args else None
    return telegram.Bot(TOKEN, base_url=f"{fake.base_url}/bot", base_file_url=f"{fake.base_url}/file/bot",
                        request=request)


@pytest.fixture(scope="module")
async def shared_fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture(scope="module")
async def shared_bot(shared_fake: FakeTelegram) -> AsyncIterator[telegram.Bot]:
    async with make_bot(shared_fake) as the_bot:  # creating a Bot costs ~0.1 s (two httpx clients)
        yield the_bot


@pytest.fixture
def fake(shared_fake: FakeTelegram) -> FakeTelegram:
    """The module's fake with default limits, as new."""
    shared_fake.reset()
    shared_fake.enforce_limits = True
    return shared_fake


@pytest.fixture
def bot(fake: FakeTelegram, shared_bot: telegram.Bot) -> telegram.Bot:
    """A PTB Bot on `fake`."""
    return shared_bot


@pytest.fixture
def retry_after_as_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """PTB 22 warns when RetryAfter.retry_after is read as an int; opt in to timedelta instead."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=label) for label in labels]])


# --- basics --------------------------------------------------------------------------------------------------


async def test_get_me_through_ptb(fake: FakeTelegram) -> None:
    async with make_bot(fake) as bot:
        me = await bot.get_me()
    assert (me.id, me.is_bot, me.username) == (123, True, "yuebao_test_bot")
    assert bot.base_url == f"{fake.base_url}/bot{TOKEN}"
    assert [call.method for call in fake.calls] == ["getMe", "getMe"]  # initialize() calls getMe too
    assert {call.token for call in fake.calls} == {TOKEN}


async def test_send_message_is_recorded_and_echoed(fake: FakeTelegram, bot: telegram.Bot) -> None:
    sent = await bot.send_message(GROUP, "三月报告已收到", reply_markup=keyboard("确认", "更正"))
    assert sent.text == "三月报告已收到"
    assert sent.chat.type == "supergroup" and sent.chat.id == GROUP
    assert sent.reply_markup == keyboard("确认", "更正")
    private = await bot.send_message(PERSON, "你好")
    assert private.chat.type == "private"

    (call,) = [c for c in fake.calls_to("sendMessage") if c.params["chat_id"] == GROUP]
    assert call.params["reply_markup"] == keyboard("确认", "更正").to_dict()  # JSON-decoded from the form value
    assert call.status == 200 and call.token == TOKEN
    assert [m["text"] for m in fake.messages_in(GROUP)] == ["三月报告已收到"]
    assert fake.messages_in(str(GROUP))[0]["message_id"] == sent.message_id == 1


async def test_message_ids_increase_per_chat(fake: FakeTelegram, bot: telegram.Bot) -> None:
    fake.enforce_limits = False
    ids = [(await bot.send_message(chat, "x")).message_id for chat in (1, 1, 2, 1)]
    assert ids == [1, 2, 1, 3]


async def test_html_parse_mode_is_rendered_and_validated(bot: telegram.Bot) -> None:
    sent = await bot.send_message(PERSON, "<b>王建国</b> &lt;红星村&gt;", parse_mode="HTML")
    assert sent.text == "王建国 <红星村>"
    with pytest.raises(BadRequest, match="(?i)unsupported start tag"):
        await bot.send_message(PERSON + 1, "<br>", parse_mode="HTML")


# --- flood limits --------------------------------------------------------------------------------------------


async def test_second_message_to_a_chat_within_a_second_is_rejected(
        fake: FakeTelegram, bot: telegram.Bot, retry_after_as_timedelta: None) -> None:
    await bot.send_message(PERSON, "一")
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(PERSON, "二")
    assert raised.value.retry_after == dt.timedelta(seconds=1)
    await bot.send_message(PERSON + 1, "another chat is fine")
    assert fake.rejected_429 == 1
    assert [c.status for c in fake.calls if c.method == "sendMessage"] == [200, 429, 200]
    assert [m["text"] for m in fake.messages_in(PERSON)] == ["一"]


async def test_group_allows_20_messages_a_minute(retry_after_as_timedelta: None) -> None:
    clock = ManualClock()
    async with FakeTelegram(chat_interval=0.0, clock=clock) as fake, make_bot(fake) as bot:
        for n in range(20):
            await bot.send_message(GROUP, f"第{n + 1}条")
            clock.advance(2.0)  # 20 messages over 40 s: within the per-chat and global limits
        with pytest.raises(RetryAfter) as raised:
            await bot.send_message(GROUP, "第21条")
        assert raised.value.retry_after == dt.timedelta(seconds=20)  # the first one leaves the window at 60 s
        await bot.send_message(-42, "another group is fine")
        clock.advance(20.0)
        await bot.send_message(GROUP, "第21条")
    assert len(fake.messages_in(GROUP)) == 21 and fake.rejected_429 == 1


async def test_group_window_can_be_shrunk(retry_after_as_timedelta: None) -> None:
    async with FakeTelegram(chat_interval=0.0, group_window=0.3, group_limit=2) as fake, make_bot(fake) as bot:
        await bot.send_message(GROUP, "1")
        await bot.send_message(GROUP, "2")
        with pytest.raises(RetryAfter):
            await bot.send_message(GROUP, "3")
        await asyncio.sleep(0.35)
        await bot.send_message(GROUP, "3")
    assert fake.rejected_429 == 1


async def test_31_messages_in_a_second_are_too_many(retry_after_as_timedelta: None) -> None:
    clock = ManualClock()
    async with FakeTelegram(clock=clock) as fake, make_bot(fake) as bot:
        for chat in range(1, 31):
            await bot.send_message(chat, "hi")
        with pytest.raises(RetryAfter) as raised:
            await bot.send_message(31, "hi")
        assert raised.value.retry_after == dt.timedelta(seconds=1)
        clock.advance(1.0)
        await bot.send_message(31, "hi")
    assert fake.rejected_429 == 1 and len(fake.calls_to("sendMessage")) == 31


async def test_edits_count_toward_the_per_chat_limit_only(retry_after_as_timedelta: None) -> None:
    clock = ManualClock()
    async with FakeTelegram(clock=clock, global_limit=1) as fake, make_bot(fake) as bot:
        sent = await bot.send_message(PERSON, "草稿")
        with pytest.raises(RetryAfter):
            await sent.edit_text("定稿")
        clock.advance(1.0)
        await sent.edit_text("定稿")  # the global limit of 1 is not touched by edits
    assert fake.rejected_429 == 1


async def test_429_body_over_plain_http() -> None:
    clock = ManualClock()
    async with FakeTelegram(clock=clock) as fake, httpx.AsyncClient(base_url=f"{fake.base_url}/bot{TOKEN}") as http:
        assert (await http.post("/sendMessage", json={"chat_id": 5, "text": "a"})).status_code == 200
        clock.advance(0.25)
        answer = await http.post("/sendMessage", json={"chat_id": 5, "text": "b"})
    assert answer.status_code == 429
    assert answer.json() == {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                             "parameters": {"retry_after": 1}}


async def test_limits_can_be_switched_off(fake: FakeTelegram, bot: telegram.Bot) -> None:
    fake.enforce_limits = False
    for _ in range(5):
        await bot.send_message(GROUP, "x")
    assert fake.rejected_429 == 0 and len(fake.messages_in(GROUP)) == 5


# --- injected failures ---------------------------------------------------------------------------------------


async def test_fail_next_answers_502_then_recovers(fake: FakeTelegram, bot: telegram.Bot) -> None:
    fake.fail_next("sendMessage", times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(PERSON, "重试")
    fake.enforce_limits = False
    await bot.send_message(PERSON, "重试")
    assert [c.status for c in fake.calls if c.method == "sendMessage"] == [502, 502, 200]
    assert len(fake.messages_in(PERSON)) == 1


async def test_fail_next_other_status(fake: FakeTelegram) -> None:
    fake.fail_next("getMe", status=500)
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{fake.base_url}/bot{TOKEN}/getMe")
    assert answer.status_code == 500
    assert answer.json() == {"ok": False, "error_code": 500, "description": "Internal Server Error"}


async def test_fail_next_blocked_by_user(fake: FakeTelegram, bot: telegram.Bot) -> None:
    fake.fail_next("sendMessage", status=403)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(PERSON, "提醒")


async def test_slow_success_times_the_client_out_but_the_message_is_sent(fake: FakeTelegram) -> None:
    fake.fail_next("sendMessage", status=200, delay=0.3)
    async with make_bot(fake, read_timeout=0.1) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(PERSON, "慢")
    for _ in range(100):
        if fake.messages_in(PERSON):
            break
        await asyncio.sleep(0.01)
    assert [m["text"] for m in fake.messages_in(PERSON)] == ["慢"]


# --- editing, deleting, buttons ------------------------------------------------------------------------------


async def test_edit_message_text(fake: FakeTelegram, bot: telegram.Bot) -> None:
    fake.enforce_limits = False
    sent = await bot.send_message(GROUP, "待确认", reply_markup=keyboard("确认"))
    edited = await bot.edit_message_text("已确认", chat_id=GROUP, message_id=sent.message_id)
    assert isinstance(edited, telegram.Message)
    assert edited.text == "已确认" and edited.edit_date is not None
    assert edited.reply_markup is None  # editing text without reply_markup drops the keyboard, as Telegram does
    assert fake.message(GROUP, sent.message_id)["text"] == "已确认"
    assert [m["text"] for m in fake.messages_in(GROUP)] == ["待确认"]  # the send history is unchanged
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("已确认", chat_id=GROUP, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=GROUP, message_id=999)


async def test_edit_reply_markup_delete_and_answer_callback(fake: FakeTelegram, bot: telegram.Bot) -> None:
    fake.enforce_limits = False
    sent = await bot.send_message(GROUP, "选一个", reply_markup=keyboard("甲", "乙"))
    changed = await bot.edit_message_reply_markup(GROUP, sent.message_id, reply_markup=keyboard("甲"))
    assert isinstance(changed, telegram.Message) and changed.reply_markup == keyboard("甲")
    assert await bot.answer_callback_query("4242", text="已记录") is True
    assert await bot.send_chat_action(GROUP, "typing") is True
    assert await bot.delete_message(GROUP, sent.message_id) is True
    assert fake.message(GROUP, sent.message_id) is None
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(GROUP, sent.message_id)
    assert fake.calls_to("answerCallbackQuery")[0].params == {"callback_query_id": "4242", "text": "已记录"}


async def test_reply_to_a_pushed_user_message(fake: FakeTelegram, bot: telegram.Bot) -> None:
    fake.enforce_limits = False
    person = tu.user(PERSON, "王建国")
    fake.push_update(tu.message_update(1, tu.group_chat(GROUP, "红星村"), person, "三月完成两项", message_id=40))
    reply = await bot.send_message(GROUP, "收到", reply_to_message_id=40)
    assert reply.message_id == 41
    assert reply.reply_to_message is not None and reply.reply_to_message.text == "三月完成两项"
    assert reply.chat.title == "红星村"  # the chat as the pushed update showed it
    unknown = await bot.send_message(GROUP, "回复未知消息", reply_to_message_id=7)  # e.g. it came by webhook
    assert unknown.reply_to_message is None
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("改", chat_id=GROUP, message_id=40)


# --- files ---------------------------------------------------------------------------------------------------


async def test_get_file_and_download(fake: FakeTelegram, bot: telegram.Bot) -> None:
    fake.files["report-xlsx"] = b"PK\x03\x04 spreadsheet bytes"
    file = await bot.get_file("report-xlsx")
    assert file.file_size == len(fake.files["report-xlsx"])
    assert file.file_path is not None and file.file_path.startswith(f"{fake.base_url}/file/bot{TOKEN}/")
    assert bytes(await file.download_as_bytearray()) == fake.files["report-xlsx"]
    with pytest.raises(BadRequest, match="Invalid file_id"):
        await bot.get_file("nope")


async def test_uploads_are_stored_and_downloadable(fake: FakeTelegram, bot: telegram.Bot) -> None:
    content = b"\x89PNG\r\n\x1a\n--boundary-like\r\n\x00\xff"
    sent = await bot.send_photo(PERSON, photo=content, caption="现场")
    assert sent.caption == "现场" and sent.photo
    downloaded = await (await sent.photo[-1].get_file()).download_as_bytearray()
    assert bytes(downloaded) == content
    (call,) = fake.calls_to("sendPhoto")
    assert isinstance(call.params["photo"], UploadedFile) and call.params["photo"].content == content

    document = await bot.send_document(PERSON + 1, document=b"a,b\n1,2\n", filename="报表.csv")
    assert document.document is not None and document.document.file_name == "报表.csv"
    again = await bot.send_document(PERSON + 2, document=document.document.file_id)  # by file_id
    assert again.document is not None and again.document.file_id == document.document.file_id


# --- long polling and webhooks -------------------------------------------------------------------------------


async def test_get_updates_returns_queued_updates_and_confirms_by_offset(fake: FakeTelegram,
                                                                          bot: telegram.Bot) -> None:
    chat = tu.private_chat(tu.user(PERSON, "王建国"))
    fake.push_update(tu.message_update(10, chat, tu.user(PERSON, "王建国"), "/start"))
    fake.push_update(tu.message_update(11, chat, tu.user(PERSON, "王建国"), "你好"))
    first = await bot.get_updates(timeout=0)
    assert [u.update_id for u in first] == [10, 11]
    assert first[0].message is not None and first[0].message.text == "/start"
    assert [u.update_id for u in await bot.get_updates(offset=11, timeout=0)] == [11]
    assert await bot.get_updates(offset=12, timeout=0) == ()
    assert fake.pending_updates == []


async def test_long_poll_waits_for_a_pushed_update(fake: FakeTelegram, bot: telegram.Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.sleep(0.1)
    assert not poll.done()
    fake.push_update(tu.message_update(1, tu.group_chat(GROUP, "红星村"), tu.user(PERSON, "王建国"), "在吗"))
    updates = await asyncio.wait_for(poll, 1.0)
    assert [u.update_id for u in updates] == [1]


async def test_empty_long_poll_is_capped(bot: telegram.Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=30) == ()
    assert 0.9 <= time.monotonic() - started < 2.0


async def test_webhook_lifecycle(fake: FakeTelegram, bot: telegram.Bot) -> None:
    assert await bot.set_webhook("https://bot.example.org/tg", secret_token="s3cret",
                                 allowed_updates=["message", "callback_query"], drop_pending_updates=True)
    assert fake.webhook is not None
    assert fake.webhook["url"] == "https://bot.example.org/tg" and fake.webhook["secret_token"] == "s3cret"
    assert fake.webhook["allowed_updates"] == ["message", "callback_query"]
    assert fake.webhook["drop_pending_updates"] is True
    info = await bot.get_webhook_info()
    assert info.url == "https://bot.example.org/tg" and info.pending_update_count == 0
    with pytest.raises(Conflict):
        await bot.get_updates(timeout=0)
    assert await bot.delete_webhook()
    assert fake.webhook is None
    assert (await bot.get_webhook_info()).url == ""


# --- plain HTTP ----------------------------------------------------------------------------------------------


async def test_json_form_query_and_multipart_requests(fake: FakeTelegram) -> None:
    fake.enforce_limits = False
    markup = {"inline_keyboard": [[{"text": "好", "callback_data": "ok"}]]}
    async with httpx.AsyncClient(base_url=f"{fake.base_url}/bot{TOKEN}") as http:
        as_json = await http.post("/sendMessage", json={"chat_id": "-100", "text": "json", "reply_markup": markup})
        as_form = await http.post("/sendMessage", data={"chat_id": "-100", "text": "123",
                                                        "reply_markup": '{"inline_keyboard": []}'})
        as_query = await http.get("/sendMessage", params={"chat_id": -100, "text": "query"})
        as_multipart = await http.post("/sendDocument", data={"chat_id": "-100", "caption": "表"},
                                       files={"document": ("a.txt", b"abc", "text/plain")})
    for answer in (as_json, as_form, as_query, as_multipart):
        assert answer.status_code == 200 and answer.json()["ok"] is True
    assert as_json.json()["result"]["reply_markup"] == markup
    assert as_form.json()["result"]["text"] == "123"  # free text stays a string
    assert "reply_markup" not in as_form.json()["result"]  # an empty keyboard is not echoed
    assert as_multipart.json()["result"]["document"]["file_name"] == "a.txt"
    assert [c.params["chat_id"] for c in fake.calls] == [-100] * 4
    assert [m["message_id"] for m in fake.messages_in(-100)] == [1, 2, 3, 4]


async def test_unknown_method_and_bad_requests(fake: FakeTelegram) -> None:
    async with httpx.AsyncClient(base_url=f"{fake.base_url}/bot{TOKEN}") as http:
        unknown = await http.post("/sendTelepathy", json={})
        empty = await http.post("/sendMessage", json={"chat_id": 1, "text": ""})
        case_insensitive = await http.post("/GETME")
    assert unknown.status_code == 404
    assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert empty.status_code == 400
    assert empty.json()["description"] == "Bad Request: message text is empty"
    assert case_insensitive.json()["result"]["username"] == "yuebao_test_bot"
    assert [(c.method, c.status) for c in fake.calls] == [("sendTelepathy", 404), ("sendMessage", 400),
                                                           ("getMe", 200)]


# --- update builders -----------------------------------------------------------------------------------------

_PERSON = tu.user(PERSON, "王建国", "wangjianguo")
_GROUP = tu.group_chat(GROUP, "红星村党支部")
_BOT_MESSAGE = tu.message(_GROUP, tu.bot_user(), "请确认三月报告", message_id=7,
                          reply_markup=tu.inline_keyboard([[("确认", "confirm:3"), ("更正", "fix:3")]]))
BUILDERS: dict[str, Callable[[], dict[str, Any]]] = {
    "message": lambda: tu.message_update(1, _GROUP, _PERSON, "/report@yuebao_test_bot 完成 3 项 @lisi_village 👍"),
    "private": lambda: tu.message_update(2, tu.private_chat(_PERSON), _PERSON, "你好", reply_to=_BOT_MESSAGE),
    "edited": lambda: tu.edited_message_update(3, _GROUP, _PERSON, "改为 4 项", 1),
    "photo": lambda: tu.photo_update(4, _GROUP, _PERSON, caption="现场照片", file_ids=("s", "m", "l")),
    "document": lambda: tu.document_update(5, _GROUP, _PERSON, "doc-1", "三月报表.xlsx",
                                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "location": lambda: tu.location_update(6, tu.private_chat(_PERSON), _PERSON, 30.59, 114.30),
    "callback": lambda: tu.callback_query_update(7, _PERSON, _BOT_MESSAGE, "confirm:3"),
    "bot_added": lambda: tu.my_chat_member_update(8, _GROUP, _PERSON, tu.bot_user(), "left", "member"),
    "bot_removed": lambda: tu.my_chat_member_update(9, _GROUP, _PERSON, tu.bot_user(), "member", "left"),
    "bot_kicked": lambda: tu.my_chat_member_update(10, _GROUP, _PERSON, tu.bot_user(), "member", "kicked"),
    "bot_promoted": lambda: tu.my_chat_member_update(11, _GROUP, _PERSON, tu.bot_user(), "member", "administrator"),
    "bot_restricted": lambda: tu.my_chat_member_update(12, _GROUP, _PERSON, tu.bot_user(), "member", "restricted"),
}


def unknown_fields(obj: Any, path: str = "update") -> list[str]:
    """Fields PTB did not recognise (it keeps them in api_kwargs), anywhere in a parsed object."""
    if isinstance(obj, tuple | list):
        return [bad for index, item in enumerate(obj) for bad in unknown_fields(item, f"{path}[{index}]")]
    if not isinstance(obj, TelegramObject):
        return []
    found = [f"{path}.{name}" for name in obj.api_kwargs]
    for cls in type(obj).__mro__:
        for name in getattr(cls, "__slots__", ()):
            if not name.startswith("_"):
                found += unknown_fields(getattr(obj, name, None), f"{path}.{name}")
    return found


def contained(expected: Any, actual: Any) -> bool:
    """Whether every field of `expected` is in `actual` with the same value (PTB adds default flags)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and contained(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(map(contained, expected, actual))
    return expected == actual


@pytest.mark.parametrize("name", list(BUILDERS))
async def test_update_builders_round_trip_through_ptb(name: str, bot: telegram.Bot) -> None:
    data = BUILDERS[name]()
    update = Update.de_json(data, bot)
    assert update is not None and update.update_id == data["update_id"]
    assert unknown_fields(update) == []
    assert contained(data, update.to_dict())


def test_entities_use_utf16_offsets() -> None:
    text = "/report 👍 @lisi_village 完成"
    update = Update.de_json(tu.message_update(1, _GROUP, _PERSON, text), None)
    assert update is not None and update.message is not None
    assert list(update.message.parse_entities().values()) == ["/report", "@lisi_village"]
    assert [e["type"] for e in tu.entities("发给 /report 和 a@b.com")] == []


def test_my_chat_member_statuses() -> None:
    removed = Update.de_json(BUILDERS["bot_kicked"](), None)
    assert removed is not None and removed.my_chat_member is not None
    assert removed.my_chat_member.old_chat_member.status == "member"
    assert removed.my_chat_member.new_chat_member.status == "kicked"
    assert removed.my_chat_member.new_chat_member.user.username == "yuebao_test_bot"
