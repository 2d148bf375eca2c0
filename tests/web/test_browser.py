"""The console in headless Chromium, as a leader uses it: "网页" in chat, the link, 进入网页版, then every page of
bot.web.routes.PAGES they may open, at phone and desktop size, the ledger downloaded and opened. Any console error,
page error, failed request or answer >= 400 fails the test. Screenshots of each page go to the test's tmp_path
(`pytest tests/web/test_browser.py --basetemp=/tmp/shots` keeps them where they can be looked at)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook

from bot.app import App
from bot.web.pages import PageRoute
from bot.web.routes import PAGES
from bot.web.viewer import Viewer, scope_of
from handlers.work_record_ports import NewWorkRecord
from scheduler.jobs import monthly_digest
from storage.models import Person, Village
from tests.conftest import CST, RecordingTransport
from tests.scheduler.job_runs import run_job
from tests.scheduler.records import file_report
from tests.support.chat import registered
from tests.support.loopback import AppServer
from tests.support.rows import rows
from tests.web.conftest import watch
from tests.web.support import link_for

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def engine() -> str:
    """What a browser sees does not depend on the engine (the HTTP tests run on both): SQLite only, to stay quick."""
    return "sqlite"


def _opened_plainly(route: PageRoute) -> bool:
    """A page a browser opens by its address alone: GET, no path parameter."""
    return "GET" in route.methods and "{" not in route.path


def _is_file(route: PageRoute) -> bool:
    """A download (/ledger.xlsx) rather than a page."""
    return "." in route.path.rsplit("/", 1)[-1]


async def _viewer(app: App, name: str) -> Viewer:
    async with app.uow() as store:
        (person,) = await store.people.by_name(name)
        viewer = scope_of(person, await store.townships.all(), "")
    assert viewer is not None
    return viewer


async def _records(app: App) -> None:
    """Something on every page: February and March reports, a hand-off, a grid issue, a work record, February's
    digest kept."""
    await file_report(app, "王建国", "XC-02", "2026-02", 60, "征地搬迁整体进度60%，存在问题：安置房源不足")
    await file_report(app, "储德胜", "XC-03", "2026-02", 30, "后备干部队伍建设本月进度30%")
    await run_job(app, monthly_digest, "2026-03", dt.datetime(2026, 3, 2, 9, 0, tzinfo=CST))
    await (await registered(app, "程晓燕")).say("各村书记3月20日前报送春耕安全检查表")
    await (await registered(app, "吴桂英")).say("一组路边垃圾堆了好几天没人清理，味道很大")
    (wang,), (village,) = await rows(app, Person, name="王建国"), await rows(app, Village, name="千佛塔村")
    async with app.uow() as store:  # as chat stores one on “确认”: a long summary must wrap on a phone
        await store.work_records.add(wang.township_id, wang.id, NewWorkRecord(
            "visit", village.id, dt.date(2026, 3, 2), 8, "走访三组困难户8户，了解春耕生产和生活情况，" * 4),
            inbox_id=None, now=app.clock.now())
    app.clock.set(dt.datetime(2026, 3, 16, 10, 0, tzinfo=CST))
    await file_report(app, "王建国", "XC-02", "2026-03", 70, "征地搬迁整体进度70%")


class Visit:
    """One person's browser tab on the live console, noting every problem the page shows."""

    def __init__(self, tab: Any, live: AppServer, shots: Path, who: str) -> None:
        self.tab, self.live, self.shots, self.who = tab, live, shots, who
        self.problems: list[str] = []
        self.expected: set[str] = set()
        watch(tab, self.problems, self.expected)

    async def go(self, url: str) -> Any:
        """Open an address and wait until the page and its icon have loaded (leaving earlier aborts the icon's
        request, which would count as a failed one)."""
        answer = await self.tab.goto(url)
        await self.tab.wait_for_load_state("networkidle")
        return answer

    def url(self, route: PageRoute) -> str:
        return f"{self.live.base_url}/console{route.path}"

    async def sign_in(self, link: str) -> None:
        """Open the link from chat (its host rewritten to the live server) and press the button."""
        parts = urlsplit(link)
        await self.go(f"{self.live.base_url}{parts.path}?{parts.query}")
        await self.tab.get_by_role("button", name="进入网页版").click()
        await self.tab.wait_for_url(f"{self.live.base_url}/console/")
        await self.tab.wait_for_load_state("networkidle")
        assert "总览" in await self.tab.locator("h1").inner_text()

    async def open(self, route: PageRoute) -> None:
        """The page at phone size, then at desktop size; a screenshot of each; nothing wider than the phone."""
        name = route.name
        for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            await self.tab.set_viewport_size(viewport)
            answer = await self.go(self.url(route))
            assert answer is not None and answer.status == 200, (self.who, route.path, answer and answer.status)
            assert "无法打开" not in await self.tab.title(), (self.who, route.path)
            await self.tab.screenshot(path=self.shots / f"{self.who}-{name}-{size}.png", full_page=True)
            if size == "phone":  # a leader opens it on a phone: the page must not scroll sideways
                overflow = await self.tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{route.path} is {overflow}px wider than a phone"

    async def refused(self, routes: list[PageRoute]) -> None:
        """Pages not theirs answer 403 in the browser too, saying so in Chinese."""
        for route in routes:
            self.expected.add(f"/console{route.path}")
            answer = await self.go(self.url(route))
            assert answer is not None and answer.status == 403, (self.who, route.path)
            assert "没有权限" in await self.tab.content()

    def check(self) -> None:
        assert not self.problems, "\n".join(self.problems)


async def test_a_leader_uses_the_console_in_chromium(app: App, transport: RecordingTransport, live: AppServer,
                                                      chromium: Any, tmp_path: Path) -> None:
    await _records(app)
    leader = await _viewer(app, "胡立新")
    context = await chromium.new_context(viewport=PHONE, accept_downloads=True, locale="zh-CN")
    try:
        visit = Visit(await context.new_page(), live, tmp_path, "leader")
        await visit.sign_in(await link_for(app, "胡立新", transport))
        pages = [r for r in PAGES if _opened_plainly(r) and r.access(leader)]
        for route in pages:
            if not _is_file(route):
                await visit.open(route)
        visit.check()

        # 台账: another quarter from the picker (htmx swaps the page and its address), then the workbook.
        tab = visit.tab
        await visit.go(f"{live.base_url}/console/ledger")
        await tab.get_by_label("季度").select_option("2025Q4")
        await tab.wait_for_url("**/console/ledger?quarter=2025Q4")
        assert "2025年第4季度台账" in await tab.locator("h1").inner_text()
        visit.expected.add("/console/ledger.xlsx")  # a download ends its navigation (net::ERR_ABORTED)
        async with tab.expect_download() as started:
            await tab.get_by_role("link", name="下载 Excel 台账").click()
        download = await started.value
        assert download.suggested_filename == "响肠镇2025年第4季度台账.xlsx"
        saved = tmp_path / download.suggested_filename
        await download.save_as(saved)
        assert await download.failure() is None
        book = load_workbook(saved, read_only=True)
        assert book.sheetnames[0] == "项目台账" and "月报原文" in book.sheetnames
        book.close()
        visit.expected.discard("/console/ledger.xlsx")

        # 通报: the digest the calendar kept, read as text.
        await visit.go(f"{live.base_url}/console/bulletins")
        await tab.get_by_role("link", name="2026年2月工作简报").click()
        await tab.wait_for_url("**/console/bulletins/digest-2026-02.txt")
        await tab.wait_for_load_state("networkidle")
        assert "响肠镇2026年2月工作简报" in await tab.locator("pre").inner_text()
        await tab.screenshot(path=tmp_path / "leader-bulletin-desktop.png", full_page=True)

        # 项目 → a project → its March report's revision: from the list, 千佛塔村's XC-02, then 第1版 of 2026-03.
        await visit.go(f"{live.base_url}/console/projects")
        await tab.locator('tr[data-project="XC-02"] a').click()
        await tab.wait_for_load_state("networkidle")
        assert "党建引领征地搬迁攻坚" in await tab.locator("h1").inner_text()
        march = tab.locator('article[data-report="2026-03"]')
        assert "王建国" in await march.inner_text()
        await march.get_by_role("link", name="第1版").click()
        await tab.wait_for_load_state("networkidle")
        assert "#r1" in tab.url
        revision = await tab.locator('[data-revision="1"]').inner_text()
        assert "征地搬迁整体进度70%" in revision and "王建国" in revision
        await tab.screenshot(path=tmp_path / "leader-report-revision.png", full_page=True)

        await visit.refused([r for r in PAGES if _opened_plainly(r) and not r.access(leader)])
        visit.check()
    finally:
        await context.close()

    # An admin's pages the leader could not open (the admin pages, once merged), seen by 程晓燕 likewise.
    admin = await _viewer(app, "程晓燕")
    theirs = [r for r in PAGES if _opened_plainly(r) and not _is_file(r) and r.access(admin)
              and not r.access(leader)]
    if theirs:
        context = await chromium.new_context(viewport=PHONE, locale="zh-CN")
        try:
            visit = Visit(await context.new_page(), live, tmp_path, "admin")
            await visit.sign_in(await link_for(app, "程晓燕", transport))
            for route in theirs:
                await visit.open(route)
            visit.check()
        finally:
            await context.close()


async def test_a_secretary_sees_their_village_and_no_reader_page(app: App, transport: RecordingTransport,
                                                                  live: AppServer, chromium: Any,
                                                                  tmp_path: Path) -> None:
    await _records(app)
    secretary = await _viewer(app, "王建国")
    context = await chromium.new_context(viewport=PHONE, locale="zh-CN")
    try:
        visit = Visit(await context.new_page(), live, tmp_path, "secretary")
        await visit.sign_in(await link_for(app, "王建国", transport))
        nav = await visit.tab.locator("header nav").inner_text()
        assert "台账" not in nav and "通报" not in nav
        for route in [r for r in PAGES if _opened_plainly(r) and not _is_file(r) and r.access(secretary)]:
            await visit.open(route)
        refused = [r for r in PAGES if _opened_plainly(r) and not r.access(secretary)]
        assert {r.name for r in refused} >= {"ledger", "ledger_file", "bulletins"}
        await visit.refused(refused)
        visit.check()
    finally:
        await context.close()


class TestACounty:
    """tests/fixtures/county.yaml: 泸县's cadre sees the towns side by side and downloads the county's workbook."""

    @pytest.fixture(scope="class")
    @classmethod
    def registry_file(cls) -> Path:
        return Path(__file__).parents[1] / "fixtures" / "county.yaml"

    async def test_a_county_cadre_uses_the_console_in_chromium(self, app: App, transport: RecordingTransport,
                                                               live: AppServer, chromium: Any, tmp_path: Path) -> None:
        cadre = await _viewer(app, "罗明远")
        context = await chromium.new_context(viewport=PHONE, accept_downloads=True, locale="zh-CN")
        try:
            visit = Visit(await context.new_page(), live, tmp_path, "county")
            await visit.sign_in(await link_for(app, "罗明远", transport))
            assert "各乡镇总览" in await visit.tab.locator("h1").inner_text()
            for route in [r for r in PAGES if _opened_plainly(r) and not _is_file(r) and r.access(cadre)]:
                await visit.open(route)
            await visit.go(f"{live.base_url}/console/ledger")
            visit.expected.add("/console/ledger.xlsx")
            async with visit.tab.expect_download() as started:
                await visit.tab.get_by_role("link", name="下载 Excel 台账").click()
            download = await started.value
            assert download.suggested_filename == "泸县2026年第1季度基层党建台账.xlsx"
            assert await download.failure() is None
            visit.check()
        finally:
            await context.close()
