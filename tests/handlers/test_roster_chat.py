"""An admin keeping the roster in chat: every change shown as a card, done on 确认, audited; invite codes only
in private; anyone else refused with nothing changed; an ordinary message is never read as a roster command."""
from __future__ import annotations

import re

from bot.app import App
from bot.console import ConsoleUser
from storage.models import AuditLog, Membership, Person, Project, Report, Task
from tests.conftest import RecordingTransport
from tests.support.chat import registered
from tests.support.rows import count, rows

CODE = re.compile(r"[A-Z2-9]{8}")


async def test_add_a_person_confirm_and_they_register_with_the_code(app: App, transport: RecordingTransport) -> None:
    admin = await registered(app, "程晓燕")
    await admin.say("新增人员 李四 村书记 千佛塔村")
    assert transport.texts(admin.chat.id)[-1] == ("📋 将新增人员：李四，村书记，千佛塔村。确认后生成邀请码发给您。\n"
                                                  "回复“确认”执行，回复“取消”放弃。")
    assert await count(app, Person, name="李四") == 0
    await admin.say("确认")
    reply = transport.texts(admin.chat.id)[-1]
    assert reply.startswith("✅ 已新增李四。邀请码：") and "请转发给本人" in reply
    (li,) = await rows(app, Person, name="李四")
    (post,) = await rows(app, Membership, person_id=li.id)
    assert (post.role, post.village_id is not None, post.township_id) == ("secretary", True, None)
    assert [a.action for a in await rows(app, AuditLog)][-2:] == ["roster.add", "invite.create"]

    newcomer = ConsoleUser(app, "new-phone", "李四")
    await newcomer.say(CODE.search(reply).group(0))  # type: ignore[union-attr]
    assert transport.texts("new-phone")[-1].startswith("登记成功！欢迎您，李四（千佛塔村）")
    await newcomer.say("我的")
    assert "千佛塔村" in transport.texts("new-phone")[-1]


async def test_deactivate_shows_open_work_then_hand_it_over(app: App, transport: RecordingTransport) -> None:
    admin, leader, wang = [await registered(app, n) for n in ("程晓燕", "周敏", "王建国")]
    await leader.say("@王建国 请于12月20日前报送党员花名册")
    await admin.say("停用 王建国")
    card = transport.texts(admin.chat.id)[-1]
    assert card.startswith("📋 将停用：王建国（村书记·千佛塔村）") and "未办结任务：#1 报送党员花名册" in card
    assert "负责项目：XC-01" in card and "把王建国的工作交给某某" in card
    await admin.say("取消")
    assert transport.texts(admin.chat.id)[-1] == "好的，没有修改名册。"
    assert (await rows(app, Person, name="王建国"))[0].active
    await admin.say("停用 王建国")
    await admin.say("确认")
    assert transport.texts(admin.chat.id)[-1] == "✅ 已停用王建国。"
    await wang.say("我的")
    assert transport.texts(wang.chat.id)[-1].startswith("您好，名册已调整，您的账号已停用")

    await admin.say("新增人员 李四 村书记 千佛塔村")
    await admin.say("确认")
    await admin.say("把王建国的工作交给李四")
    card = transport.texts(admin.chat.id)[-1]
    assert card.startswith("📋 将把王建国的工作移交给李四：") and "#1 报送党员花名册" in card
    await admin.say("确认")
    assert transport.texts(admin.chat.id)[-1] == "✅ 已把王建国的工作移交给李四：1 项任务、2 个项目。"
    (li,) = await rows(app, Person, name="李四")
    assert [t.assignee_id for t in await rows(app, Task)] == [li.id]
    assert {p.code for p in await rows(app, Project, owner_id=li.id)} == {"XC-01", "XC-02"}
    assert await rows(app, Person, name="李四") and "📌 以下工作已移交给您（原由王建国负责）" not in "\n".join(
        transport.texts())  # 李四 has no account yet: nothing to send to


async def test_invites_for_a_whole_village_are_given_in_private_only(app: App, transport: RecordingTransport) -> None:
    admin = await registered(app, "程晓燕")
    admin.enter_group("党建办群")
    await admin.say("邀请 千佛塔村全部")
    assert transport.texts(admin.chat.id)[-1] == "邀请码需要保密，请在与我的私聊中发送这条指令。"
    admin.enter_private()
    await admin.say("邀请千佛塔村全部")
    assert transport.texts(admin.chat.id)[-1] == ("📋 将为 3 人生成邀请码（7天内有效）：王建国、江涛、吴桂英。\n"
                                                  "回复“确认”执行，回复“取消”放弃。")
    await admin.say("确认")
    codes = transport.texts(admin.chat.id)[-1].splitlines()[1:]
    assert [line.split("：")[0] for line in codes] == ["王建国", "江涛", "吴桂英"]
    assert all(CODE.fullmatch(line.split("：")[1]) for line in codes)


async def test_others_are_refused_and_ordinary_words_are_not_commands(app: App, transport: RecordingTransport) -> None:
    wang, leader = await registered(app, "王建国"), await registered(app, "周敏")
    audit = await count(app, AuditLog)
    for line in ("停用 江涛", "新增人员 李四 村书记 千佛塔村", "把江涛的工作交给王建国"):
        await wang.say(line)
        assert transport.texts(wang.chat.id)[-1] == "抱歉，人员和项目名册由党建办管理员维护。如需调整，请联系管理员。"
    await leader.say("停用 储德胜")  # a township leader is no admin
    assert transport.texts(leader.chat.id)[-1].startswith("抱歉，人员和项目名册由党建办管理员维护")
    assert await count(app, AuditLog) == audit and await count(app, Person, active=False) == 0
    await leader.say("邀请各村书记明天参加例会")
    assert "名册" not in transport.texts(leader.chat.id)[-1]  # read as a hand-off or chatter, never as a roster step


async def test_a_project_added_in_chat_is_reported_on_at_once(app: App, transport: RecordingTransport) -> None:
    admin, liu = await registered(app, "程晓燕"), await registered(app, "刘春华")
    await admin.say("新增项目 XC-09 小龙虾稻田养殖 桃园村 负责人刘春华 截止2026-12-31")
    assert transport.texts(admin.chat.id)[-1].startswith(
        "📋 将新增项目：XC-09 小龙虾稻田养殖（桃园村），负责人：刘春华，截止：2026年12月31日。")
    await admin.say("确认")
    await admin.say("新增项目 XC-09 重复 桃园村")
    assert transport.texts(admin.chat.id)[-1] == "抱歉，项目编号 XC-09 已被使用，请换一个编号。"
    await liu.say("小龙虾稻田养殖本月进度30%，已放苗2万尾")
    (project,) = await rows(app, Project, code="XC-09")
    assert [r.project_id for r in await rows(app, Report)] == [project.id]


async def test_a_card_is_void_once_its_author_switches_township(app: App, transport: RecordingTransport) -> None:
    from pathlib import Path

    from bot.registry_file import load_organisation
    from storage.repositories.registry_import import RegistryImporter
    from tests.conftest import REGISTRY  # noqa: F401  (the township registry: one town, so import a second)

    county = Path(__file__).parents[1] / "fixtures" / "county.yaml"
    async with app.uow() as store:
        await RegistryImporter(store.session, app.clock.now()).run(load_organisation(county))
    he = await registered(app, "何晓梅")
    await he.say("新增人员 钱新 村书记 石牛村")
    await he.say("切换 云锦镇")
    await he.say("确认")
    assert transport.texts(he.chat.id)[-1].startswith("您已切换到其他乡镇，这张卡片已作废，没有修改名册。")
    assert await count(app, Person, name="钱新") == 0
