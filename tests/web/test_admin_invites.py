"""邀请 in the console: codes for one person or a whole village by chat's rules, on a page to print with a QR
code each; the codes work; anyone but an admin refused with nothing changed."""
from __future__ import annotations

import pytest

from bot.app import App
from bot.console import ConsoleUser
from bot.web.admin_invites import qr_svg
from storage.models import AuditLog, Invite, Person
from tests.conftest import RecordingTransport
from tests.support.rows import count, rows
from tests.web.admin_support import CODE, console_as, counts

VILLAGE = {"town": "", "name": "", "village": "千佛塔村"}


async def test_codes_for_a_whole_village_on_one_printable_page(app: App, transport: RecordingTransport) -> None:
    admin = await console_as(app, "程晓燕", transport)
    form = await admin.get("/admin/invites")
    assert form.status_code == 200 and "千佛塔村" in form.text and "王建国" in form.text
    before = await counts(app)
    card = await admin.post("/admin/invites", step="check", **VILLAGE)
    assert card.status_code == 200
    assert "📋 将为 3 人生成邀请码（7天内有效）：王建国、江涛、吴桂英。" in card.text
    assert await counts(app) == before

    page = await admin.post("/admin/invites", step="confirm", **VILLAGE)
    assert page.status_code == 200
    codes = CODE.findall(page.text)
    assert len(codes) == 3 and len(set(codes)) == 3
    names = [name for name in ("王建国", "江涛", "吴桂英") if f"<h2>{name}</h2>" in page.text]
    assert names == ["王建国", "江涛", "吴桂英"] and "3月9日前有效" in page.text
    assert all(str(qr_svg(code)) in page.text for code in codes) and page.text.count("<svg") == 3
    assert await count(app, Invite) == before["invite"] + 3
    assert [a.action for a in await rows(app, AuditLog)][-3:] == ["invite.create"] * 3
    assert page.headers["cache-control"] == "no-store"  # codes are shown once and kept by no cache

    jiang = ConsoleUser(app, "jiang-phone", "江涛")
    await jiang.say(codes[1])
    assert transport.texts("jiang-phone")[-1].startswith("登记成功！欢迎您，江涛")


async def test_a_code_for_one_person(app: App, transport: RecordingTransport) -> None:
    admin = await console_as(app, "程晓燕", transport)
    fields = {"town": "", "name": "储德胜", "village": ""}
    card = await admin.post("/admin/invites", step="check", **fields)
    assert "📋 将为 1 人生成邀请码（7天内有效）：储德胜。" in card.text
    page = await admin.post("/admin/invites", step="confirm", **fields)
    (chu,) = await rows(app, Person, name="储德胜")
    assert len(CODE.findall(page.text)) == 1 and f'data-person="{chu.id}"' in page.text
    assert await count(app, Invite, person_id=chu.id) == 1


@pytest.mark.parametrize(("fields", "words"), [
    ({"name": "", "village": "不存在村"}, "抱歉，没有找到“不存在村”。"),
    ({"name": "不存在", "village": ""}, "抱歉，名册中没有“不存在”。请先“新增人员”。"),
    ({"name": "江涛", "village": ""}, "抱歉，江涛已停用（不在当前名册中），不能生成邀请码。"),
    ({"name": "", "village": ""}, "二者选一"),
    ({"name": "江涛", "village": "千佛塔村"}, "二者选一"),
    ({"name": "江" * 65, "village": ""}, "太长了"),
    ({"name": "江涛", "village": "", "step": "again"}, "重新操作"),
])
@pytest.mark.parametrize("step", ["check", "confirm"])
async def test_chats_refusals_and_bad_input_are_400_with_nothing_changed(
        app: App, transport: RecordingTransport, fields: dict[str, str], words: str, step: str) -> None:
    admin = await console_as(app, "程晓燕", transport)
    await admin.post("/admin/people/deactivate", town="", name="江涛", step="confirm")
    before = await counts(app)
    answer = await admin.post("/admin/invites", **{"town": "", "step": step, **fields})
    assert answer.status_code == 400 and words in answer.text
    assert await counts(app) == before


async def test_a_village_with_nobody_left_is_refused(app: App, transport: RecordingTransport) -> None:
    admin = await console_as(app, "程晓燕", transport)
    await admin.post("/admin/people/deactivate", town="", name="余志强", step="confirm")
    before = await counts(app)
    answer = await admin.post("/admin/invites", town="", name="", village="石关村", step="confirm")
    assert answer.status_code == 400 and "抱歉，石关村在名册中还没有人员。" in answer.text
    assert await counts(app) == before


@pytest.mark.parametrize("name", ["胡立新", "王建国"])
async def test_non_admins_are_refused_and_nothing_changes(app: App, transport: RecordingTransport, name: str) -> None:
    user = await console_as(app, name, transport)
    before = await counts(app)
    assert (await user.get("/admin/invites")).status_code == 403
    assert (await user.post("/admin/invites", step="confirm", **VILLAGE)).status_code == 403
    assert await counts(app) == before


async def test_a_forged_token_is_refused_and_nothing_changes(app: App, transport: RecordingTransport) -> None:
    admin = await console_as(app, "程晓燕", transport)
    before = await counts(app)
    assert (await admin.post("/admin/invites", step="confirm", csrf="f" * 64, **VILLAGE)).status_code == 403
    assert await counts(app) == before
