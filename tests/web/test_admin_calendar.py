"""日程 and 节假日 in the console: the calendar as chat's 日程 shows it, one entry changed by chat's rules and
audited the same way; the holiday table read only."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.app import App
from storage.models import AuditLog, CalendarSetting, Person, Township
from tests.conftest import REGISTRY, RecordingTransport
from tests.support.chat import registered
from tests.support.rows import rows
from tests.web.admin_support import console_as, counts

MID_MONTH = {"town": "", "job": "mid_month", "day": "16", "at": "09:30", "enabled": "on"}


async def test_an_admin_moves_one_entry_card_then_confirm_audited_as_chat_does(
        app: App, transport: RecordingTransport) -> None:
    admin = await console_as(app, "程晓燕", transport)
    page = await admin.get("/admin/calendar")
    assert page.status_code == 200
    assert "每月15日 09:00" in page.text and "每月最后一个工作日 16:00" in page.text  # the town's and the county's
    assert "3月16日 09:00" in page.text  # the 15th is a Sunday: it fires on Monday the 16th
    before = await counts(app)
    card = await admin.post("/admin/calendar", step="check", **MID_MONTH)
    assert card.status_code == 200 and "📋 将调整：月中督办：每月16日 09:30。" in card.text
    assert await counts(app) == before

    done = await admin.post("/admin/calendar", step="confirm", **MID_MONTH)
    assert done.status_code == 200 and "已调整：月中督办：每月16日 09:30" in done.text
    (setting,) = await rows(app, CalendarSetting)
    assert (setting.job, setting.day, setting.at, setting.enabled) == ("mid_month", 16, "09:30", True)
    (me,) = await rows(app, Person, name="程晓燕")
    entry = (await rows(app, AuditLog))[-1]
    assert (entry.action, entry.actor_id, entry.target, entry.details) == (
        "calendar.change", me.id, "mid_month", {"day": 16, "at": "09:30", "enabled": True})

    leader = await registered(app, "胡立新")
    await leader.say("日程")
    assert "月中督办：每月16日 09:30" in transport.texts(leader.chat.id)[-1]  # chat reads what the console stored


async def test_switching_an_entry_off(app: App, transport: RecordingTransport) -> None:
    admin = await console_as(app, "程晓燕", transport)
    fields = {"town": "", "job": "deadline_reminder", "day": "0", "at": "09:00", "enabled": "off"}
    done = await admin.post("/admin/calendar", step="confirm", **fields)
    assert done.status_code == 200 and "月报截止提醒：每月最后一个工作日 09:00（已关闭）" in done.text
    assert (await rows(app, AuditLog))[-1].details == {"day": 0, "at": "09:00", "enabled": False}


@pytest.mark.parametrize(("change", "words"), [
    ({"day": "32"}, "日期应为"), ({"day": "-1"}, "日期应为"), ({"day": "一"}, "日期应为"), ({"day": ""}, "日期应为"),
    ({"at": "22:00"}, "8:00–21:00"), ({"at": "07:59"}, "8:00–21:00"), ({"at": "25:00"}, "8:00–21:00"),
    ({"at": "9点"}, "8:00–21:00"), ({"job": "no_such_job"}, "没有这项日程"), ({"enabled": "maybe"}, "开启或关闭"),
    ({"day": "15", "at": "09:00"}, "月中督办没有改动"), ({"town": "x"}, "乡镇参数不对"), ({"step": "go"}, "重新操作")])
async def test_bad_input_is_400_and_nothing_changes(app: App, transport: RecordingTransport,
                                                    change: dict[str, str], words: str) -> None:
    admin = await console_as(app, "程晓燕", transport)
    before = await counts(app)
    answer = await admin.post("/admin/calendar", **{**MID_MONTH, "step": "confirm", **change})
    assert answer.status_code == 400 and words in answer.text
    assert await counts(app) == before


async def test_a_township_admin_cannot_change_the_countys_calendar(app: App, transport: RecordingTransport) -> None:
    admin = await console_as(app, "程晓燕", transport)
    page = await admin.get("/admin/calendar")
    assert 'name="job" value="town_report"' not in page.text and "由县领导或县委组织部调整" in page.text
    before = await counts(app)
    answer = await admin.post("/admin/calendar", town="", job="town_report", day="28", at="09:00", enabled="on",
                              step="confirm")
    assert answer.status_code == 403
    assert "抱歉，县里的日程（月末报送、县月报告、县季通报）由县领导或县委组织部调整。" in answer.text
    assert await counts(app) == before


async def test_a_county_admin_moves_the_month_end_report_and_its_deadline_with_it(
        app: App, transport: RecordingTransport) -> None:
    from bot.registry_file import load_organisation
    from storage.repositories.registry_import import RegistryImporter

    async with app.uow() as store:
        await RegistryImporter(store.session, app.clock.now()).run(
            load_organisation(REGISTRY.parent / "county.yaml"))
    towns = {t.name: t.id for t in await rows(app, Township)}
    county = await console_as(app, "何晓梅", transport)
    fields = {"town": str(towns["玄滩镇"]), "job": "town_report", "day": "28", "at": "09:00", "enabled": "on"}
    card = await county.post("/admin/calendar", step="check", **fields)
    assert "📋 将调整：月末报送：每月28日 09:00；月末报送截止：每月28日 16:00。" in card.text
    done = await county.post("/admin/calendar", step="confirm", **fields)
    assert done.status_code == 200
    assert sorted((s.job, s.day, s.county_id is not None) for s in await rows(app, CalendarSetting)) == [
        ("town_report", 28, True), ("town_report_due", 28, True)]
    assert [a.target for a in await rows(app, AuditLog, action="calendar.change")] == ["town_report",
                                                                                       "town_report_due"]


async def test_a_leader_reads_the_calendar_but_may_not_change_it(app: App, transport: RecordingTransport) -> None:
    leader = await console_as(app, "胡立新", transport)
    page = await leader.get("/admin/calendar")
    assert page.status_code == 200 and "每月15日 09:00" in page.text and 'name="job"' not in page.text
    before = await counts(app)
    assert (await leader.post("/admin/calendar", step="confirm", **MID_MONTH)).status_code == 403
    assert await counts(app) == before
    secretary = await console_as(app, "王建国", transport)
    assert (await secretary.get("/admin/calendar")).status_code == 403
    assert (await secretary.get("/admin/holidays")).status_code == 403


async def test_the_holiday_table_is_shown_year_by_year(app: App, transport: RecordingTransport) -> None:
    admin = await console_as(app, "程晓燕", transport)
    assert "还没有导入节假日安排" in (await admin.get("/admin/holidays")).text
    days = {dt.date(2026, 1, 1): False, dt.date(2026, 1, 2): False, dt.date(2026, 1, 3): False,
            dt.date(2026, 1, 4): True}
    async with app.uow() as store:
        await store.office_days.replace_year(2026, days, "国务院办公厅关于2026年部分节假日安排的通知", None,
                                             app.clock.now())
    page = await admin.get("/admin/holidays")
    assert page.status_code == 200
    assert "2026 年" in page.text and "1月1日–1月3日 放假（3天）" in page.text and "1月4日 上班（调休）" in page.text
    assert "放假 3 天、调休上班 1 天" in page.text and "国务院办公厅关于2026年部分节假日安排的通知" in page.text
    assert "<form" not in page.text.split("<main>")[1]  # read only
