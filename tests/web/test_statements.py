"""The 总览 issues as many SQL statements for a county of a few villages as for one of many (no query per village):
two counties of bench/console.py's making, their township leader and county cadre each."""
from __future__ import annotations

import re

import httpx

from bench.console import NOW, Probe, build, session_cookie, statements
from bot.app import App
from bot.web.session import COOKIE
from handlers.clock import FakeClock
from tests.web.support import client


async def _statements(app: App, http: httpx.AsyncClient) -> tuple[int, str]:
    """SQL statements of a request of the overview that computes its figures (the directories cached), and the page."""
    count = await statements(app, Probe("总览", http, "/console/"))
    return count, (await http.get("/console/")).text


async def test_the_overview_issues_as_many_statements_for_many_villages_as_for_few(app: App, clock: FakeClock) -> None:
    clock.set(NOW)
    small = await build(app, "小县", towns=2, villages=2, months=3)
    big = await build(app, "大县", towns=2, villages=7, months=3)
    seen = {}
    for county in (small, big):
        for role, person_id in (("town", county.leader_id), ("county", county.cadre_id)):
            http = client(app)
            http.cookies.set(COOKIE, await session_cookie(app, person_id, NOW), path="/console")
            seen[county.name, role] = await _statements(app, http)
    for role in ("town", "county"):
        (few, _), (many, _) = seen["小县", role], seen["大县", role]
        assert few == many, (role, few, many)
    # The pages do show every village: a row each in the town's, in the towns' sums (2 projects each) in the county's.
    assert len(re.findall(r"<tr><td>大县01镇\d\d村</td>", seen["大县", "town"][1])) == 7
    assert len(re.findall(r"<tr><td>小县01镇\d\d村</td>", seen["小县", "town"][1])) == 2
    assert len(re.findall(r"<td>\d+/14</td>", seen["大县", "county"][1])) == 2
    assert len(re.findall(r"<td>\d+/4</td>", seen["小县", "county"][1])) == 2
