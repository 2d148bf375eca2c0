"""工作记录 in the console: confirmed work records read back over HTTP, each role within its scope (a secretary their
village, a leader the whole township), filtered by village, type and month, a page at a time; bad filters are 400."""
from __future__ import annotations

import datetime as dt
import re

import httpx
import pytest

from bot.app import App
from handlers.work_record_ports import NewWorkRecord
from storage.models import Person, Village
from tests.conftest import RecordingTransport
from tests.support.rows import rows
from tests.web.support import signed_in

LIST = "/console/work-records"


async def _log(app: App, who: str, village: str | None, kind: str, day: dt.date, summary: str,
               people: int | None = None) -> None:
    (person,) = await rows(app, Person, name=who)
    village_id = (await rows(app, Village, name=village))[0].id if village else None
    async with app.uow() as store:
        await store.work_records.add(person.township_id, person.id,
                                     NewWorkRecord(kind, village_id, day, people, summary),
                                     inbox_id=None, now=app.clock.now())


SUMMARIES = ("走访三组困难户", "河西村防汛值班", "镇党委中心组学习", "村两委例会")  # latest day first


def _shown(page: httpx.Response) -> list[str]:
    """The records' summaries on a page, in the order shown."""
    assert page.status_code == 200, page.text
    return sorted((s for s in SUMMARIES if s in page.text), key=page.text.index)


@pytest.fixture
async def logged(app: App) -> dict[str, int]:
    """Work records of 千佛塔村 (March and February), 河西村, and the township's own; the village ids."""
    await _log(app, "王建国", "千佛塔村", "visit", dt.date(2026, 3, 2), "走访三组困难户", 8)
    await _log(app, "王建国", "千佛塔村", "meeting", dt.date(2026, 2, 20), "村两委例会", 7)
    await _log(app, "王芳", "河西村", "duty", dt.date(2026, 3, 1), "河西村防汛值班")
    await _log(app, "胡立新", None, "study", dt.date(2026, 2, 27), "镇党委中心组学习", 12)
    return {v.name: v.id for v in await rows(app, Village)}


async def test_each_role_sees_its_scope_latest_first(app: App, logged: dict[str, int],
                                                     transport: RecordingTransport) -> None:
    mine = await (await signed_in(app, "王建国", transport)).get(LIST)
    assert _shown(mine) == ["走访三组困难户", "村两委例会"]
    assert "8户" in mine.text and "7人" in mine.text and "2026年3月2日" in mine.text
    everything = await (await signed_in(app, "胡立新", transport)).get(LIST)
    assert _shown(everything) == list(SUMMARIES)
    assert "镇级" in everything.text
    grid_worker = await (await signed_in(app, "李明亮", transport)).get(LIST)  # 河西村's
    assert _shown(grid_worker) == ["河西村防汛值班"]


async def test_the_filters_narrow_the_list(app: App, logged: dict[str, int], transport: RecordingTransport) -> None:
    leader = await signed_in(app, "胡立新", transport)

    async def shown(**query: str) -> list[str]:
        return _shown(await leader.get(LIST, params=query))
    assert await shown(type="meeting") == ["村两委例会"]
    assert await shown(village=str(logged["河西村"])) == ["河西村防汛值班"]
    assert await shown(month="2026-02") == ["镇党委中心组学习", "村两委例会"]
    assert await shown(village=str(logged["千佛塔村"]), month="2026-03") == ["走访三组困难户"]


@pytest.mark.parametrize("query", [{"type": "party"}, {"month": "1999-01"}, {"month": "2026-13"}, {"page": "0"},
                                   {"page": "abc"}, {"page": "99999999999999999999"}, {"village": "9" * 30}])
async def test_bad_filters_are_400_saying_what_to_fix(app: App, logged: dict[str, int], transport: RecordingTransport,
                                                      query: dict[str, str]) -> None:
    leader = await signed_in(app, "胡立新", transport)
    page = await leader.get(LIST, params=query)
    assert page.status_code == 400 and "不对" in page.text


async def test_a_secretary_cannot_filter_by_another_village(app: App, logged: dict[str, int],
                                                            transport: RecordingTransport) -> None:
    secretary = await signed_in(app, "王建国", transport)
    page = await secretary.get(LIST, params={"village": str(logged["河西村"])})
    assert page.status_code == 400 and "河西村防汛值班" not in page.text


async def test_a_long_list_comes_a_page_at_a_time(app: App, transport: RecordingTransport) -> None:
    for n in range(55):
        await _log(app, "王建国", "千佛塔村", "visit", dt.date(2026, 1, 1) + dt.timedelta(days=n), f"第{n}次走访")
    secretary = await signed_in(app, "王建国", transport)
    first = await secretary.get(LIST)
    assert first.text.count("data-work-record=") == 50 and "第54次走访" in first.text and "第4次走访" not in first.text
    following = re.search(r'<a href="([^"]+)"[^>]*>下一页</a>', first.text)
    assert following is not None and "上一页" not in first.text
    second = await secretary.get(following.group(1).replace("&amp;", "&"))
    assert second.text.count("data-work-record=") == 5 and "第0次走访" in second.text
    assert "上一页" in second.text and "下一页" not in second.text
