"""Registering with invite codes, strangers, and binding group chats."""
from __future__ import annotations

import datetime as dt

from bot.app import App
from bot.console import ConsoleUser
from handlers.clock import FakeClock
from handlers.identity import HOW_TO_REGISTER, issue_invite
from storage.models import AuditLog, ChatBinding, Identity, InboxMessage, Invite
from tests.conftest import RecordingTransport
from tests.support.chat import registered
from tests.support.rows import count, rows


async def _invite(app: App, name: str) -> str:
    async with app.uow() as store:
        (person,) = await store.people.by_name(name)
        return await issue_invite(store, person.id, app.clock.now())


async def test_an_invite_code_links_the_sender_once(app: App, transport: RecordingTransport) -> None:
    code = await _invite(app, "王建国")
    (invite,) = await rows(app, Invite)
    assert code not in invite.code_hash  # only a hash is stored
    phone = ConsoleUser(app, "tg-1001", "Wang")
    await phone.say(f"/start {code}")
    await phone.say("帮助")
    stranger = ConsoleUser(app, "tg-2002", "Somebody")
    await stranger.say(code.lower())  # codes are read aloud and retyped: case does not matter
    texts = transport.texts()
    assert texts[0].startswith("登记成功！欢迎您，王建国（千佛塔村）")
    assert texts[1].startswith("王建国（村书记），您可以发送")
    assert texts[2].startswith("这个邀请码已经用过了")
    (identity,) = await rows(app, Identity)
    assert identity.platform_user_id == "tg-1001"


async def test_an_invite_code_expires_after_seven_days(app: App, clock: FakeClock,
                                                       transport: RecordingTransport) -> None:
    code = await _invite(app, "储德胜")
    clock.advance(dt.timedelta(days=7, minutes=1))
    await ConsoleUser(app, "wecom-chu", "chu").say(code)
    assert transport.texts() == ["这个邀请码已过期（有效期7天）。请联系镇党建办重新生成。"]
    assert await count(app, Identity) == 0


async def test_a_stranger_gets_the_how_to_and_nothing_is_recorded_but_the_raw_message(
        app: App, transport: RecordingTransport) -> None:
    stranger = ConsoleUser(app, "tg-9", "路人")
    await stranger.say("我想报一下村里的情况")
    await stranger.say("ABCDEFGH")  # code-shaped but unknown
    assert transport.texts() == [HOW_TO_REGISTER, "邀请码不正确，请核对后重新发送。"]
    assert await count(app, InboxMessage) == 2
    assert await count(app, Identity) == 0 and await count(app, AuditLog) == 0
    stranger.enter_group("千佛塔村群")
    await stranger.say("大家好", addressed=False)  # group chatter from a stranger is not answered
    assert len(transport.texts()) == 2


async def test_only_leaders_and_admins_bind_and_only_in_groups(app: App, transport: RecordingTransport) -> None:
    secretary = await registered(app, "王建国")
    secretary.enter_group("村群")
    await secretary.say("绑定 千佛塔村")
    admin = await registered(app, "程晓燕")
    await admin.say("绑定 千佛塔村")  # private chat
    admin.enter_group("村群")
    await admin.say("绑定 不存在村")
    assert await count(app, ChatBinding) == 0
    await admin.say("绑定 千佛塔")  # an alias
    await admin.say("/bind 响肠镇")  # re-binding the same chat replaces the binding
    assert transport.texts() == [
        "抱歉，只有镇领导或党建办工作人员可以绑定群聊。",
        "请在要绑定的群里发送“绑定 村名”。",
        "没有找到“不存在村”。可绑定：响肠镇，或 千佛塔村、请水寨村、龙潭村、桃园村、河西村、石关村。",
        "本群已绑定到千佛塔村。",
        "本群已绑定到响肠镇。",
    ]
    (binding,) = await rows(app, ChatBinding)
    assert binding.village_id is None and binding.chat_id == "group:村群"
