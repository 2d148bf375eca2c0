"""Work records in the 台账: the township's quarter lists them (工作记录), the county's counts each town's by type
(工作记录汇总); records of another quarter stay out. Read back by opening the workbooks with openpyxl."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.app import App
from handlers.work_record_ports import NewWorkRecord
from scheduler.jobs import county_bulletin
from storage.models import County, Person, Project, Report, Township, Village
from tests.conftest import CST, RecordingTransport
from tests.support.chat import registered
from tests.support.rows import rows


async def _log(app: App, who: str, village: str | None, *records: tuple[str, dt.date, int | None, str, str | None]
               ) -> None:
    """Store confirmed work records as `who` (what chat stores on “确认”)."""
    (person,) = await rows(app, Person, name=who)
    village_id = (await rows(app, Village, name=village))[0].id if village else None
    async with app.uow() as store:
        for kind, day, people, summary, place in records:
            await store.work_records.add(person.township_id, person.id,
                                         NewWorkRecord(kind, village_id, day, people, summary, place),
                                         inbox_id=None, now=app.clock.now())


async def test_the_quarters_ledger_lists_its_work_records(app: App, transport: RecordingTransport) -> None:
    await _log(app, "王建国", "千佛塔村", ("visit", dt.date(2026, 1, 15), 8, "走访三组困难户8户", "三组"),
               ("duty", dt.date(2026, 4, 1), None, "四月防汛值班", None))  # next quarter: not in Q1's ledger
    await _log(app, "胡立新", None, ("study", dt.date(2026, 3, 31), 30, "镇党委理论学习中心组学习", None),
               ("meeting", dt.date(2025, 12, 31), 9, "去年的例会", None))  # last quarter
    leader = await registered(app, "胡立新")
    app.clock.set(dt.datetime(2026, 4, 2, 9, 0, tzinfo=CST))
    await leader.say("台账 2026Q1")
    (workbook,) = transport.sent[-1][1]["attachments"]
    book = load_workbook(workbook["stored_path"])
    assert book.sheetnames[-1] == "工作记录" and book.sheetnames[0] == "项目台账"
    page = book["工作记录"]
    assert [c.value for c in page[1]] == ["日期", "村（社区）", "类型", "地点", "户数/人数", "内容", "记录人"]
    assert list(page.iter_rows(min_row=2, values_only=True)) == [
        (dt.datetime(2026, 1, 15), "千佛塔村", "走访", "三组", 8, "走访三组困难户8户", "王建国"),
        (dt.datetime(2026, 3, 31), "镇级", "学习", None, 30, "镇党委理论学习中心组学习", "胡立新")]
    assert page["A2"].number_format == "yyyy-mm-dd"


class TestACounty:
    """tests/fixtures/county.yaml: the county's workbook counts each town's work records, in the towns' order."""

    @pytest.fixture(scope="class")
    @classmethod
    def registry_file(cls) -> Path:
        return Path(__file__).parents[1] / "fixtures" / "county.yaml"

    async def test_the_countys_ledger_counts_each_towns_work_records_by_type(self, app: App) -> None:
        q4 = dt.date(2026, 11, 5)
        await _log(app, "赵全友", "石牛村", ("visit", q4, 6, "走访一组农户", None),
                   ("visit", q4, 4, "走访二组农户", None), ("meeting", q4, 7, "村两委例会", None),
                   ("duty", dt.date(2026, 9, 30), None, "国庆前值班", None))  # Q3: not counted
        await _log(app, "钱荷花", "荷花村", ("study", dt.date(2026, 12, 31), 12, "党员冬训学习", None))
        town_project = next(p for p in await rows(app, Project) if p.village_id is None)
        async with app.db.transaction() as session:  # something scored, or the county has no bulletin to make
            at = dt.datetime(2026, 11, 20, 10, 0, tzinfo=CST)
            session.add(Report(project_id=town_project.id, village_id=None, period="2026-11", status="confirmed",
                               progress=50, created_at=at, updated_at=at))
        (county,) = await rows(app, County)
        when = dt.datetime(2027, 1, 11, 9, 0, tzinfo=CST)
        app.clock.set(when)
        await county_bulletin.job(dataclasses.replace(app.job_context(), county_id=county.id, period="2027-01"), when)
        book = load_workbook(app.job_context().files_dir / "reports" / "泸县" / "ledger-2026Q4.xlsx")
        page = book["工作记录汇总"]
        assert [c.value for c in page[1]] == ["乡镇（街道）", "走访", "会议", "学习", "值班", "其他", "合计"]
        towns = [t.name for t in await rows(app, Township)]
        counted = {row[0]: row[1:] for row in page.iter_rows(min_row=2, values_only=True)}
        assert list(counted) == towns  # every town, in its order: counts are kept, not ranked
        assert counted == {"玄滩镇": (2, 1, 0, 0, 0, 3), "云锦镇": (0, 0, 1, 0, 0, 1), "福集镇": (0, 0, 0, 0, 0, 0)}
