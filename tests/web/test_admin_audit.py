"""操作记录 in the console: the audit log newest first, fifty to a page, names read with the entries, and only the
entries of the admin's own township (a county admin's: their county's)."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.app import App
from bot.registry_file import load_organisation
from storage.models import AuditLog, Person
from storage.repositories.registry_import import RegistryImporter
from tests.conftest import REGISTRY, RecordingTransport
from tests.support.rows import count, rows
from tests.web.admin_support import console_as, statements

ENTRY = re.compile(r'<tr data-entry="(\d+)">')


async def _record(app: App, name: str, n: int, action: str = "roster.add") -> None:
    (person,) = await rows(app, Person, name=name)
    async with app.uow() as store:
        for i in range(n):
            await store.audit.record(person.id, action, f"person:{person.id}", {"name": f"第{i}条"},
                                     app.clock.now() + dt.timedelta(minutes=i + 1))


async def test_the_log_is_paged_newest_first(app: App, transport: RecordingTransport) -> None:
    admin = await console_as(app, "程晓燕", transport)  # its sign-in is the first entry
    await _record(app, "程晓燕", 120)
    first = await admin.get("/admin/audit")
    assert first.status_code == 200
    ids = [int(i) for i in ENTRY.findall(first.text)]
    assert len(ids) == 50 and ids == sorted(ids, reverse=True)
    assert ids[0] == max(a.id for a in await rows(app, AuditLog))
    assert "第119条" in first.text and "程晓燕" in first.text and "新增人员" in first.text
    assert "?page=2" in first.text and "上一页" not in first.text
    third = await admin.get("/admin/audit?page=3")
    assert len(ENTRY.findall(third.text)) == 21 and "网页登录" in third.text  # 121 in all: the sign-in is last
    assert "?page=2" in third.text and "?page=4" not in third.text
    past = await admin.get("/admin/audit?page=9")
    assert past.status_code == 200 and "没有更多记录" in past.text


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "10001", "99999999999", "", "１"])
async def test_a_bad_page_number_is_a_400(app: App, transport: RecordingTransport, page: str) -> None:
    admin = await console_as(app, "程晓燕", transport)
    answer = await admin.get(f"/admin/audit?page={page}")
    assert answer.status_code == 400 and "页码" in answer.text


async def test_each_admin_sees_only_their_own_townships_or_countys_entries(
        app: App, transport: RecordingTransport) -> None:
    async with app.uow() as store:
        await RegistryImporter(store.session, app.clock.now()).run(
            load_organisation(REGISTRY.parent / "county.yaml"))
    await _record(app, "张丽华", 2, "calendar.change")  # 玄滩镇's admin, in 泸县
    await _record(app, "何晓梅", 1, "roster.import")  # 泸县's county admin
    await _record(app, "程晓燕", 1, "chat.bind")  # 响肠镇, in 岳西县
    (zhang,) = await rows(app, Person, name="张丽华")
    async with app.uow() as store:  # an entry of no one about someone of 玄滩镇 (as an invite code's is)
        await store.audit.record(None, "invite.create", f"person:{zhang.id}", {}, app.clock.now())

    town = (await (await console_as(app, "程晓燕", transport)).get("/admin/audit")).text
    assert "绑定群聊" in town and "调整日程" not in town and "导入名册" not in town and "张丽华" not in town
    county = (await (await console_as(app, "何晓梅", transport)).get("/admin/audit")).text
    assert county.count("调整日程") == 2 and "导入名册" in county and "绑定群聊" not in county
    assert "生成邀请码" in county and "张丽华" in county  # the entry about 张丽华, by no one, names her
    assert "程晓燕" not in county
    other = (await (await console_as(app, "张丽华", transport)).get("/admin/audit")).text
    assert "调整日程" in other and "导入名册" not in other and "绑定群聊" not in other


async def test_a_page_is_one_statement_whatever_it_holds(app: App, transport: RecordingTransport) -> None:
    admin = await console_as(app, "程晓燕", transport)
    await admin.get("/admin/audit")

    async def measured() -> int:
        await admin.get("/admin/audit")  # after a write, who the admin is is read once more, then kept
        with statements(app) as seen:
            assert (await admin.get("/admin/audit")).status_code == 200
        return len(seen)

    few = await measured()
    for name in ("胡立新", "周敏", "王建国", "江涛"):
        await _record(app, name, 15)
    assert await count(app, AuditLog) > 50
    assert await measured() == few
    with statements(app) as seen:
        await admin.get("/admin/audit")
    assert len([sql for sql in seen if "audit_log" in sql]) == 1  # the entries, the actors' and targets' names

