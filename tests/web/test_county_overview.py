"""A county's 总览: each township's month-end report status and figures, as the county digest reads them."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from bot.app import App
from handlers.clock import FakeClock
from scheduler.jobs import town_report
from storage.models import County, TownReport, Township
from tests.conftest import CST, RecordingTransport
from tests.scheduler.records import file_report
from tests.support.chat import registered
from tests.support.rows import rows
from tests.web.support import signed_in


@pytest.fixture(scope="module")
def registry_file() -> Path:
    """The county of three townships."""
    return Path(__file__).parents[1] / "fixtures" / "county.yaml"


@pytest.fixture
def clock() -> FakeClock:
    """Thursday 31 December 2026, the county's due day."""
    return FakeClock(dt.datetime(2026, 12, 31, 8, 0, tzinfo=CST))


def _rows(html: str) -> list[list[str]]:
    return [[re.sub(r"<[^>]+>|\s+", "", cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)]


@pytest.fixture
async def confirmed(app: App) -> None:
    """石牛村 reported; every town's card built at 09:00; 玄滩镇's admin confirmed hers."""
    await file_report(app, "赵全友", "XT-01", "2026-12", 60, "柑橘本月进度60%")
    app.clock.set(dt.datetime(2026, 12, 31, 9, 0, tzinfo=CST))
    (county,) = await rows(app, County)
    await town_report.job(dataclasses.replace(app.job_context(), county_id=county.id, period="2026-12"),
                          app.clock.now())
    await (await registered(app, "张丽华")).say("确认报送")


async def test_a_county_cadre_sees_every_town(app: App, confirmed: None, transport: RecordingTransport) -> None:
    for who in ("罗明远", "纪文清"):  # a county leader, the county's supervisor
        page = await (await signed_in(app, who, transport)).get("/console/")
        assert page.status_code == 200 and "各乡镇总览" in page.text
        towns = {row[0]: row[1:3] for row in _rows(page.text) if len(row) == 6}
        assert {town: status for town, (status, _) in towns.items()} == {"玄滩镇": "已报送", "云锦镇": "待确认",
                                                                        "福集镇": "待确认"}, who
        # The figures each town's admin confirmed (or is asked to) are the ones shown.
        names = {t.id: t.name for t in await rows(app, Township)}
        assert {names[r.township_id]: f"{r.figures['reported']}/{r.figures['owed']}"
                for r in await rows(app, TownReport)} == {town: shown for town, (_, shown) in towns.items()}
        assert towns["玄滩镇"][1] == "1/3"


async def test_a_towns_supervisor_sees_that_town_only(app: App, confirmed: None,
                                                     transport: RecordingTransport) -> None:
    page = await (await signed_in(app, "孟督导", transport)).get("/console/")
    assert page.status_code == 200 and "云锦镇" in page.text
    assert "玄滩镇" not in page.text and "各乡镇总览" not in page.text
