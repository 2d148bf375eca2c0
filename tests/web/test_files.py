"""台账 and 通报 over HTTP: the workbook chat sends, for the viewer's unit only; the texts the calendar kept."""
from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from bot.app import App
from bot.console import ConsoleUser
from scheduler import county_ledger_xlsx, ledger_xlsx
from scheduler.artifacts import XLSX
from scheduler.jobs import monthly_digest
from tests.conftest import CST, RecordingTransport
from tests.scheduler.job_runs import run_job
from tests.scheduler.records import file_report
from tests.web.support import client, signed_in

COUNTY = Path(__file__).parents[1] / "fixtures" / "county.yaml"
QUARTERS = ["2026Q1", "2025Q4", "2025Q3", "2025Q2", "2025Q1", "2024Q4", "2024Q3", "2024Q2"]


def _cells(book: bytes | Path) -> dict[str, list[tuple[Any, ...]]]:
    opened = load_workbook(io.BytesIO(book) if isinstance(book, bytes) else book, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in opened.worksheets}
    finally:
        opened.close()


def _disposition(name: str) -> str:
    return f"attachment; filename*=UTF-8''{quote(name)}"


async def test_a_leader_downloads_the_workbook_chat_sends(app: App, transport: RecordingTransport) -> None:
    await file_report(app, "王建国", "XC-02", "2026-02", 60, "征地搬迁整体进度60%")
    http = await signed_in(app, "胡立新", transport)
    async with app.uow() as store:
        (person,) = await store.people.by_name("胡立新")
    # The same account (signed_in linked it), its messages numbered apart from those signing in.
    await ConsoleUser(app, f"person:{person.id}", "胡立新", key_prefix="chat").say("台账 2026Q1")
    (sent,) = transport.sent[-1][1]["attachments"]
    in_chat = _cells(Path(sent["stored_path"]))
    page = await http.get("/console/ledger")
    assert page.status_code == 200 and "2026年第1季度台账" in page.text
    assert [code for code in QUARTERS if f'value="{code}"' in page.text] == QUARTERS
    answer = await http.get("/console/ledger.xlsx", params={"quarter": "2026Q1"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == XLSX
    assert answer.headers["content-disposition"] == _disposition("响肠镇2026年第1季度台账.xlsx") == \
        _disposition(sent["name"])
    on_the_web = _cells(answer.content)
    assert on_the_web == in_chat and "月报原文" in on_the_web
    assert any("征地搬迁整体进度60%" in str(row) for row in on_the_web["月报原文"])
    older = await http.get("/console/ledger.xlsx", params={"quarter": "2024Q2"})
    assert older.status_code == 200 and "2024%E5%B9%B4%E7%AC%AC2%E5%AD%A3%E5%BA%A6" in older.headers[
        "content-disposition"]


@pytest.mark.parametrize("asked", ["2026Q2", "2024Q1", "2026Q5", "2026-03", "q" * 300, ""])
async def test_a_quarter_out_of_the_pickers_reach_is_refused(app: App, transport: RecordingTransport,
                                                             asked: str) -> None:
    http = await signed_in(app, "胡立新", transport)
    for path in ("/console/ledger", "/console/ledger.xlsx"):
        answer = await http.get(path, params={"quarter": asked})
        assert answer.status_code == 400 and "季度" in answer.text and "2025Q4" in answer.text, (path, asked)


async def test_a_secretary_may_open_neither_page(app: App, transport: RecordingTransport) -> None:
    http = await signed_in(app, "王建国", transport)
    for path in ("/console/ledger", "/console/ledger.xlsx", "/console/bulletins",
                 "/console/bulletins/digest-2026-02.txt"):
        assert (await http.get(path)).status_code == 403, path
    nav = (await http.get("/console/")).text
    assert "台账" not in nav and "通报" not in nav


async def test_the_workbook_is_written_after_the_unit_of_work_has_ended(
        app: App, transport: RecordingTransport, monkeypatch: pytest.MonkeyPatch) -> None:
    http = await signed_in(app, "胡立新", transport)
    open_units, seen = [0], []
    uow = app.uow

    class Counted:
        """The app's unit of work, counting the units open (a GET page reads in one; a POST writes in one)."""

        @contextlib.asynccontextmanager
        async def _open(self, unit: Any) -> AsyncIterator[Any]:
            open_units[0] += 1
            try:
                async with unit as store:
                    yield store
            finally:
                open_units[0] -= 1

        def __call__(self) -> Any:
            return self._open(uow())

        def reading(self) -> Any:
            return self._open(uow.reading())

    write = ledger_xlsx.write

    def watched(*args: Any) -> Path:
        seen.append(open_units[0])
        return write(*args)

    monkeypatch.setattr(app, "uow", Counted())
    monkeypatch.setattr(ledger_xlsx, "write", watched)
    watching = client(app)  # the console is built with each client, from app.uow as it is now
    watching.cookies = http.cookies
    assert (await watching.get("/console/ledger.xlsx")).status_code == 200
    assert seen == [0] and open_units == [0]


async def _digest_kept(app: App) -> None:
    """February reported, and the digest the 1 March job keeps (digest-2026-02.txt, with its charts and 台账)."""
    await file_report(app, "王建国", "XC-02", "2026-02", 60, "征地搬迁整体进度60%")
    await run_job(app, monthly_digest, "2026-03", dt.datetime(2026, 3, 2, 9, 0, tzinfo=CST))


async def test_a_leader_reads_the_digests_the_calendar_kept(app: App, transport: RecordingTransport,
                                                            tmp_path: Path) -> None:
    await _digest_kept(app)
    town = tmp_path / "files" / "reports" / "响肠镇"
    assert {p.suffix for p in town.iterdir()} == {".txt", ".png", ".xlsx"}
    (town / "bulletin-2025Q4.txt").write_text("响肠镇2025年第4季度基层党建工作通报\n一、……\n", encoding="utf-8")
    (town / "notes.txt").write_text("不是简报", encoding="utf-8")
    http = await signed_in(app, "胡立新", transport)
    listing = await http.get("/console/bulletins")
    assert listing.status_code == 200
    assert "2026年2月工作简报" in listing.text and "2025年第4季度基层党建工作通报" in listing.text
    assert "bulletins/notes" not in listing.text and "bulletins/ledger" not in listing.text
    digest = await http.get("/console/bulletins/digest-2026-02.txt")
    assert digest.status_code == 200 and "响肠镇2026年2月工作简报" in digest.text
    assert (await http.get("/console/bulletins/bulletin-2025Q4.txt")).status_code == 200


async def test_only_a_kept_text_of_the_viewers_own_unit_is_shown(app: App, transport: RecordingTransport,
                                                                 tmp_path: Path) -> None:
    await _digest_kept(app)
    reports = tmp_path / "files" / "reports"
    (reports / "其他镇").mkdir()
    (reports / "其他镇" / "digest-2026-01.txt").write_text("其他镇的简报", encoding="utf-8")
    (reports / "digest-2025-12.txt").write_text("上一级目录", encoding="utf-8")
    http = await signed_in(app, "胡立新", transport)
    for name in ("digest-2026-01.txt", "digest-2025-12.txt", "bulletin-2026Q1.txt"):  # well formed, not theirs
        answer = await http.get(f"/console/bulletins/{name}")
        assert answer.status_code == 403 and "其他镇" not in answer.text and "上一级" not in answer.text, name
    for name in ("..%2F%E5%85%B6%E4%BB%96%E9%95%87%2Fdigest-2026-01.txt", "digest-2026-02.TXT",
                 "digest-2026-02.txt.png", "ledger-2026Q1.xlsx", "digest-2026-13.txt", "x" * 300):
        answer = await http.get(f"/console/bulletins/{name}")
        assert answer.status_code in (400, 404) and "其他镇" not in answer.text, name
    assert (await http.get("/console/bulletins/digest-2026-02.txt", params={"unit": "1"})).status_code == 403
    assert (await http.get("/console/bulletins/digest-2026-02.txt", params={"unit": "-1"})).status_code == 400
    (reports / "响肠镇" / "digest-2025-11.txt").symlink_to(reports / "其他镇" / "digest-2026-01.txt")
    assert (await http.get("/console/bulletins/digest-2025-11.txt")).status_code == 403


class TestACounty:
    """tests/fixtures/county.yaml: 泸县 with 玄滩镇, 云锦镇 and 福集镇."""

    @pytest.fixture(scope="class")
    @classmethod
    def registry_file(cls) -> Path:
        return COUNTY

    async def test_a_county_cadre_downloads_the_county_workbook(self, app: App, transport: RecordingTransport,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
        written = []
        write = county_ledger_xlsx.write
        monkeypatch.setattr(county_ledger_xlsx, "write", lambda data, path: written.append(data) or write(data, path))
        http = await signed_in(app, "罗明远", transport)
        page = await http.get("/console/ledger", params={"quarter": "2025Q4"})
        assert page.status_code == 200 and "泸县2025年第4季度基层党建台账" in page.text
        answer = await http.get("/console/ledger.xlsx", params={"quarter": "2025Q4"})
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-disposition"] == _disposition("泸县2025年第4季度基层党建台账.xlsx")
        assert list(_cells(answer.content)) == ["乡镇排名", "乡镇项目", "村级汇总", "月末报送", "县交办任务",
                                               "工作记录汇总"]
        (data,) = written
        assert [v.town for v in data.villages] == ["玄滩镇", "云锦镇", "福集镇"]

    async def test_a_town_leader_of_the_county_gets_the_towns_workbook(self, app: App,
                                                                       transport: RecordingTransport) -> None:
        http = await signed_in(app, "王德兴", transport)
        answer = await http.get("/console/ledger.xlsx")
        assert answer.headers["content-disposition"] == _disposition("玄滩镇2026年第1季度台账.xlsx")
        assert "月报原文" in _cells(answer.content)

    async def test_the_county_reads_its_own_texts_and_not_a_towns(self, app: App, transport: RecordingTransport,
                                                                  tmp_path: Path) -> None:
        reports = tmp_path / "files" / "reports"
        for folder, name, text in (("泸县", "digest-2026-02.txt", "📊 泸县2026年2月基层党建月报告"),
                                   ("泸县", "bulletin-2025Q4.txt", "泸县2025年第4季度乡镇党委书记项目推进情况通报"),
                                   ("玄滩镇", "digest-2026-01.txt", "📊 玄滩镇2026年1月工作简报")):
            (reports / folder).mkdir(parents=True, exist_ok=True)
            (reports / folder / name).write_text(text, encoding="utf-8")
        county = await signed_in(app, "纪文清", transport)  # a county supervisor reads too
        listing = (await county.get("/console/bulletins")).text
        assert "2026年2月基层党建月报告" in listing and "2025年第4季度乡镇党委书记项目推进情况通报" in listing
        assert "2026年1月" not in listing
        assert "泸县2026年2月基层党建月报告" in (await county.get("/console/bulletins/digest-2026-02.txt")).text
        assert (await county.get("/console/bulletins/digest-2026-01.txt")).status_code == 403
        town = await signed_in(app, "王德兴", transport)
        assert (await town.get("/console/bulletins/digest-2026-01.txt")).status_code == 200
        assert (await town.get("/console/bulletins/digest-2026-02.txt")).status_code == 403
