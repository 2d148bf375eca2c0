"""总览 shows the month as that month's digest states it, scoped to the viewer's unit."""
from __future__ import annotations

import datetime as dt
import re

from bot.app import App
from scheduler.jobs import monthly_digest
from tests.conftest import CST, RecordingTransport
from tests.scheduler.job_runs import run_job
from tests.scheduler.test_digest_and_bulletin import quarter  # noqa: F401  (the fixture: March 2026 in 响肠镇)
from tests.web.support import signed_in


def _figures(html: str) -> dict[str, str]:
    """The page's figures by name, tags stripped."""
    return {name: re.sub(r"<[^>]+>|\s+", "", value)
            for name, value in re.findall(r'data-figure="([a-z-]+)">(.*?)</dd>', html, re.S)}


def _rows(html: str) -> list[list[str]]:
    return [[re.sub(r"<[^>]+>|\s+", "", cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)]


async def test_the_overview_states_the_figures_of_the_months_digest(
        app: App, quarter: dict, transport: RecordingTransport) -> None:  # noqa: F811
    app.clock.set(dt.datetime(2026, 4, 1, 10, 0, tzinfo=CST))
    await run_job(app, monthly_digest, "2026-04", app.clock.now())
    card = transport.texts(quarter["people"]["胡立新"].chat.id)[-1].partition("\n\n")[0]
    http = await signed_in(app, "胡立新", transport)
    page = await http.get("/console/", params={"month": "2026-03"})
    assert page.status_code == 200
    shown = _figures(page.text)
    # Each figure of the page, read back out of the digest the leaders received.
    due, met, rate = re.search(r"(\d+)个项目已报送(\d+)个（报送率(\d+%)）", card).groups()
    assert shown["reports"] == f"{met}/{due}（{rate}）"
    assert shown["late-reports"] == re.search(r"其中逾期报送(\d+)个", card).group(1)
    green, yellow, red = re.search(r"进度正常(\d+)个、需关注(\d+)个、滞后(\d+)个", card).groups()
    assert shown["colours"] == f"{green}{yellow}{red}"
    due, met, rate = re.search(r"本月到期任务(\d+)项，按期办结(\d+)项（按期办结率(\d+%)）", card).groups()
    assert shown["tasks"] == f"{met}/{due}（{rate}）"
    assert shown["tasks-overdue"] == re.search(r"逾期未办结(\d+)项", card).group(1)
    opened, resolved = re.search(r"网格事件新增(\d+)件、办结(\d+)件", card).groups()
    assert shown["issues"] == f"{opened}/{resolved}"
    due, met, rate = re.search(r"本月到期(\d+)件，限时办结(\d+)件（限时办结率(\d+%)）", card).groups()
    assert shown["issues-in-time"] == f"{met}/{due}（{rate}）"
    assert shown["issues-late"] == re.search(r"超时限(\d+)件", card).group(1)
    assert ["桃园村", "0/1", "", "未报齐"] in _rows(page.text)
    assert ["千佛塔村", "2/2", "", "已报齐"] in _rows(page.text)


async def test_a_secretary_sees_only_their_village(app: App, quarter: dict,  # noqa: F811
                                                  transport: RecordingTransport) -> None:
    app.clock.set(dt.datetime(2026, 4, 1, 10, 0, tzinfo=CST))
    http = await signed_in(app, "汪海波", transport)
    page = await http.get("/console/", params={"month": "2026-03"})
    assert page.status_code == 200
    villages = [row[0] for row in _rows(page.text) if len(row) == 4 and "/" in row[1]]
    assert villages == ["龙潭村"]
    assert "龙潭峡谷乡村旅游开发" in page.text and "三步桥街" not in page.text


async def test_before_the_month_ends_nothing_not_yet_due_is_called_late(
        app: App, quarter: dict, transport: RecordingTransport) -> None:  # noqa: F811
    # On 25 March: the village tasks were due on the 20th (late), nothing else is.
    http = await signed_in(app, "胡立新", transport)
    page = await http.get("/console/")
    shown = _figures(page.text)
    assert page.status_code == 200 and "2026年3月总览" in page.text
    assert '"bad">未报齐' not in page.text and "尚未报齐" in page.text  # not yet the month's end: not named late
    assert int(shown["tasks-overdue"]) >= 1


async def test_a_month_outside_the_picker_is_a_clear_400(app: App, transport: RecordingTransport) -> None:
    http = await signed_in(app, "胡立新", transport)
    for month in ("2026-13", "1999-01", "2026-04", "x" * 5000):
        page = await http.get("/console/", params={"month": month})
        assert page.status_code == 400 and "月份" in page.text, month
