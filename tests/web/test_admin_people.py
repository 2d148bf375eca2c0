"""人员 in the console: the roster, and adding or deactivating someone by chat's own rules — a card, then 确认,
checked again, audited — with the invite code and its QR; anyone but an admin refused with nothing changed."""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest
import segno

from bot.app import App
from bot.console import ConsoleUser
from bot.web.admin_invites import qr_svg
from storage.models import AuditLog, Identity, Invite, Membership, Person, Township
from tests.conftest import REGISTRY, RecordingTransport
from tests.support.chat import import_with, registered
from tests.support.rows import rows
from tests.web.admin_support import CODE, console_as, counts, statements

NEW = {"town": "", "name": "李四", "role": "secretary", "village": "千佛塔村", "title": "村支部书记"}


async def test_an_admin_adds_a_person_card_then_confirm_and_they_register_with_the_code(
        app: App, transport: RecordingTransport) -> None:
    admin = await console_as(app, "程晓燕", transport)
    roster = await admin.get("/admin/people")
    assert roster.status_code == 200
    assert "王建国" in roster.text and "村书记 · 千佛塔村" in roster.text
    assert "包村干部 · 千佛塔村（包村点长）" in roster.text
    before = await counts(app)

    card = await admin.post("/admin/people", step="check", **NEW)
    assert card.status_code == 200
    assert "📋 将新增人员：李四，村书记，千佛塔村。确认后生成邀请码发给您。" in card.text
    assert 'name="step" value="confirm"' in card.text and "取消" in card.text
    assert await counts(app) == before  # the card changes nothing

    done = await admin.post("/admin/people", step="confirm", **NEW)
    assert done.status_code == 200
    code = CODE.search(done.text)
    assert code is not None and "3月9日前有效" in done.text
    assert str(qr_svg(code.group(1))) in done.text and "<svg" in done.text  # the QR of that very code
    (li,) = await rows(app, Person, name="李四")
    (post,) = await rows(app, Membership, person_id=li.id)
    assert (post.role, post.title, post.township_id) == ("secretary", "村支部书记", None)
    (invite,) = await rows(app, Invite, person_id=li.id)
    assert invite.used_at is None and invite.expires_at == app.clock.now() + dt.timedelta(days=7)
    (me,) = await rows(app, Person, name="程晓燕")
    audit = [(a.action, a.actor_id, a.target, a.details) for a in await rows(app, AuditLog)][-2:]
    added = {"name": "李四", "role": "secretary", "unit": "千佛塔村"}
    assert audit == [("roster.add", me.id, f"person:{li.id}", added),
                     ("invite.create", None, f"person:{li.id}", {})]  # exactly as chat's 新增人员 writes them

    assert "李四" in (page := (await admin.get("/admin/people")).text) and "3月9日前有效" in page
    newcomer = ConsoleUser(app, "new-phone", "李四")
    await newcomer.say(code.group(1))
    assert transport.texts("new-phone")[-1].startswith("登记成功！欢迎您，李四（千佛塔村）")
    assert "已登记" in (await admin.get("/admin/people")).text.split("李四")[1].split("</tr>")[0]


# Each rule of chat's 新增人员, posted as the first step and as a forged confirmation: chat's words, nothing written.
RULES = [
    ({"village": "不存在村"}, "新增人员 李四 村书记 不存在村"),
    ({"village": ""}, "新增人员 李四 村书记"),
    ({"role": "grid_worker", "village": ""}, "新增人员 李四 网格员"),
    ({"role": "county_leader", "village": ""}, "新增人员 李四 县领导"),
    ({"role": "county_admin"}, "新增人员 李四 县管理员 千佛塔村"),
    ({"name": "王建国"}, "新增人员 王建国 村书记 千佛塔村"),
]


@pytest.mark.parametrize("step", ["check", "confirm"])
async def test_each_chat_rule_is_refused_in_chats_words_and_nothing_changes(
        app: App, transport: RecordingTransport, step: str) -> None:
    admin = await console_as(app, "程晓燕", transport)
    # The same person in chat (its own message keys: the console's sign-in already said "网页" in this chat).
    chat = ConsoleUser(app, (await registered(app, "程晓燕")).sender.id, "程晓燕", key_prefix="rules")
    for change, said in RULES:
        await chat.say(said)
        refusal = transport.texts(chat.chat.id)[-1]
        assert refusal.startswith("抱歉，")
        before = await counts(app)
        answer = await admin.post("/admin/people", step=step, **{**NEW, **change})
        assert answer.status_code == 400, said
        assert html.escape(refusal, quote=False) in answer.text, (said, refusal)
        assert await counts(app) == before, said


@pytest.mark.parametrize(("change", "words"), [
    ({"name": "李"}, "姓名须为2至6个汉字"), ({"name": "Li Si"}, "姓名须为2至6个汉字"),
    ({"role": "飞行员"}, "没有“飞行员”这个角色"), ({"role": ""}, "这个角色")])
async def test_a_bad_name_or_role_is_refused_and_nothing_changes(
        app: App, transport: RecordingTransport, change: dict[str, str], words: str) -> None:
    admin = await console_as(app, "程晓燕", transport)
    before = await counts(app)
    answer = await admin.post("/admin/people", step="confirm", **{**NEW, **change})
    assert answer.status_code == 400 and words in answer.text
    assert await counts(app) == before


@pytest.mark.parametrize(("change", "status"), [
    ({"town": "abc"}, 400), ({"town": "99999"}, 403), ({"town": "1" * 20}, 400), ({"step": "do-it"}, 400),
    ({"name": "李" * 65}, 400), ({"title": "长" * 65}, 400), ({"village": "村" * 65}, 400)])
async def test_malformed_input_is_a_400_never_a_500(app: App, transport: RecordingTransport,
                                                    change: dict[str, str], status: int) -> None:
    admin = await console_as(app, "程晓燕", transport)
    before = await counts(app)
    assert (await admin.post("/admin/people", **{**NEW, "step": "confirm", **change})).status_code == status
    if set(change) <= {"town", "step", "name"}:  # what 停用 reads
        assert (await admin.post("/admin/people/deactivate", **{"town": "", "name": "江涛", "step": "confirm",
                                                                 **change})).status_code == status
    assert (await admin.get(f"/admin/people?town={change.get('town', 'x')}")).status_code in (400, 403)
    assert await counts(app) == before


@pytest.mark.parametrize("csrf", ["", "forged", "0" * 64])
async def test_a_missing_or_forged_csrf_token_is_403_and_nothing_changes(
        app: App, transport: RecordingTransport, csrf: str) -> None:
    admin = await console_as(app, "程晓燕", transport)
    before = await counts(app)
    for path, fields in (("/admin/people", NEW), ("/admin/people/deactivate", {"town": "", "name": "江涛"})):
        answer = await admin.post(path, **{**fields, "step": "confirm", "csrf": csrf})
        assert answer.status_code == 403
    without = await admin.http.post("/console/admin/people", data={**NEW, "step": "confirm"})
    assert without.status_code == 403
    assert await counts(app) == before


SUPERVISOR = {"name": "孙督查", "role": "supervisor", "title": "镇纪委督导"}


@pytest.mark.parametrize("name", ["胡立新", "王建国", "孙督查"])
async def test_a_leader_a_secretary_or_a_supervisor_is_refused_and_nothing_changes(
        app: App, transport: RecordingTransport, tmp_path: Path, name: str) -> None:
    await import_with(app, REGISTRY, app.clock.now(), tmp_path, SUPERVISOR)
    user = await console_as(app, name, transport)
    before = await counts(app)
    for path in ("/admin/people", "/admin/invites", "/admin/audit"):
        assert (await user.get(path)).status_code == 403, path
    assert (await user.post("/admin/people", **NEW, step="confirm")).status_code == 403
    assert (await user.post("/admin/people/deactivate", town="", name="江涛", step="confirm")).status_code == 403
    assert (await user.post("/admin/invites", town="", village="千佛塔村", step="confirm")).status_code == 403
    assert await counts(app) == before
    nav = (await user.get("/")).text
    assert ">人员</a>" not in nav and ">记录</a>" not in nav  # the audit log, not 工作记录


async def test_deactivate_shows_what_they_hold_then_is_done_once(app: App, transport: RecordingTransport) -> None:
    admin = await console_as(app, "程晓燕", transport)
    card = await admin.post("/admin/people/deactivate", town="", name="王建国", step="check")
    assert card.status_code == 200
    assert "📋 将停用：王建国（村书记·千佛塔村）。停用后其账号不能再使用，历史记录保留。" in card.text
    assert "负责项目：XC-01" in card.text
    assert (await rows(app, Person, name="王建国"))[0].active
    done = await admin.post("/admin/people/deactivate", town="", name="王建国", step="confirm")
    assert done.status_code == 200 and "✅ 已停用王建国。" in done.text
    (wang,) = await rows(app, Person, name="王建国")
    assert not wang.active
    assert [(a.action, a.target) for a in await rows(app, AuditLog)][-1] == ("roster.deactivate", f"person:{wang.id}")
    before = await counts(app)
    again = await admin.post("/admin/people/deactivate", town="", name="王建国", step="confirm")
    assert again.status_code == 400 and "抱歉，名册中没有在用的“王建国”。" in again.text
    assert await counts(app) == before
    assert "已停用" in (await admin.get("/admin/people")).text


async def test_a_county_admin_keeps_each_town_of_the_county_and_no_other(
        app: App, transport: RecordingTransport) -> None:
    from bot.registry_file import load_organisation
    from storage.repositories.registry_import import RegistryImporter

    async with app.uow() as store:
        await RegistryImporter(store.session, app.clock.now()).run(
            load_organisation(REGISTRY.parent / "county.yaml"))
    towns = {t.name: t.id for t in await rows(app, Township)}
    county = await console_as(app, "何晓梅", transport)
    page = await county.get(f"/admin/people?town={towns['云锦镇']}")
    assert page.status_code == 200 and "吴敏" in page.text and "张丽华" not in page.text
    assert 'name="town"' in page.text and "玄滩镇" in page.text  # the picker of the county's towns
    done = await county.post("/admin/people", town=str(towns["云锦镇"]), name="钱新", role="secretary",
                             village="荷花村", title="", step="confirm")
    assert done.status_code == 200 and CODE.search(done.text)
    (qian,) = await rows(app, Person, name="钱新")
    assert qian.township_id == towns["云锦镇"]
    # 响肠镇 is in another county: neither its roster nor a change to it.
    assert (await county.get(f"/admin/people?town={towns['响肠镇']}")).status_code == 403
    town_admin = await console_as(app, "程晓燕", transport)
    before = await counts(app)
    refused = await town_admin.post("/admin/people", town=str(towns["云锦镇"]), name="钱多", role="secretary",
                                    village="荷花村", title="", step="confirm")
    assert refused.status_code == 403 and await counts(app) == before


async def test_the_roster_page_runs_the_same_statements_however_many_people(
        app: App, transport: RecordingTransport, tmp_path: Path) -> None:
    admin = await console_as(app, "程晓燕", transport)

    async def measured() -> int:
        assert (await admin.get("/admin/people")).status_code == 200  # builds the directory once per version
        with statements(app) as seen:
            page = await admin.get("/admin/people")
        assert page.status_code == 200
        return len(seen)

    few = await measured()
    many = [{"name": f"新人{chr(0x4e00 + n)}", "role": "grid_worker", "village": "河西村", "grids": ["一组"]}
            for n in range(40)]
    await import_with(app, REGISTRY, app.clock.now(), tmp_path, *many)
    added = await rows(app, Person)
    async with app.uow() as store:  # some registered, some invited: every column has something to read
        for person in added[-40:-20]:
            await store.people.link_identity(person.id, "telegram", f"tg{person.id}", app.clock.now())
        for person in added[-20:]:
            await store.invites.create(person.id, f"hash{person.id}", app.clock.now(),
                                       app.clock.now() + dt.timedelta(days=7))
    assert await rows(app, Identity) and len(added) > 50
    assert await measured() == few
    page = (await admin.get("/admin/people")).text
    assert page.count("<tr data-person=") == len(added) and "Telegram" in page


def test_the_qr_encodes_the_code_and_nothing_else() -> None:
    expected = segno.make("ABCD2345", error="m", micro=False).svg_inline(omitsize=True, border=4,
                                                                         title="邀请码 ABCD2345")
    assert str(qr_svg("ABCD2345")) == expected
