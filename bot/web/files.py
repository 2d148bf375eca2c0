"""台账 and 通报: a quarter's ledger workbook to download, and the digests and bulletins the calendar wrote.

The workbook is made by the same code as chat's 台账 (a township's, `scheduler.artifacts.LedgerMaker`) and the
county's 季通报 (the county's, `county_ledger`): the records are read in the page's unit of work, and the file is
written only after it has ended (`_Workbook` is sent after `_guarded` commits), since drawing a workbook must not
hold SQLite's only write lock. The texts are those the calendar kept in the unit's files folder
(`scheduler.artifacts.Folder`): a name is shown only if it has the strict form of one and is a file of that folder.
"""
from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from bot.web.pages import BadInput, Forbidden, Page
from handlers.messages import Attachment
from handlers.quarters import Quarter, period_label
from handlers.roles import COUNTY_ROLES
from scheduler import county_bulletin, county_ledger
from scheduler.artifacts import XLSX, Folder, LedgerMaker, county_ledger_file

QUARTERS_BACK = 8  # the picker's reach: this quarter and the seven before
NAME = re.compile(r"(?P<kind>digest|bulletin)-(?P<period>20[0-9]{2}-(0[1-9]|1[0-2])|20[0-9]{2}Q[1-4])\.txt")
_UNIT = re.compile(r"[0-9]{1,3}")


@dataclass(frozen=True)
class Unit:
    """A unit whose ledger and texts the viewer reads: a county (a county's cadre or supervisor) or a township."""

    name: str  # also its folder's name
    township_id: int | None  # None: the county itself
    county_id: int | None

    def folder(self, page: Page) -> Folder:
        """Where the calendar keeps this unit's files."""
        return Folder(page.console.files_dir, self.name)


def units(page: Page) -> list[Unit]:
    """The viewer's units: their county (or counties), or their township(s)."""
    viewer = page.viewer
    if viewer.level == "county":
        counties = {t.county_id: t.county for t in viewer.towns if t.county_id is not None and t.county}
        return [Unit(name, None, county_id) for county_id, name in counties.items()]
    return [Unit(t.name, t.id, t.county_id) for t in viewer.towns]


def unit_of(page: Page, mine: list[Unit]) -> Unit:
    """The unit asked for (?unit=1, an index into the viewer's own; the first by default)."""
    asked = page.request.query_params.get("unit", "0")
    if not _UNIT.fullmatch(asked):
        raise BadInput("单位参数不对。")
    if int(asked) >= len(mine):
        raise Forbidden()
    return mine[int(asked)]


def recent_quarters(page: Page) -> list[Quarter]:
    """This quarter and the ones before it, newest first."""
    quarters = [Quarter.of(page.today)]
    while len(quarters) < QUARTERS_BACK:
        quarters.append(quarters[-1].previous())
    return quarters


def quarter_of(page: Page, quarters: list[Quarter]) -> Quarter:
    """The quarter asked for (?quarter=2026Q1), this one by default; BadInput for anything else."""
    asked = page.request.query_params.get("quarter", quarters[0].code)
    chosen = next((q for q in quarters if q.code == asked), None)
    if chosen is None:
        raise BadInput(f"季度“{asked[:10]}”不对，应为近两年内的季度，如 {quarters[1].code}。")
    return chosen


async def ledger(page: Page) -> Response:
    """台账: pick a quarter, download its workbook."""
    quarters = recent_quarters(page)
    return page.render("ledger.html", quarters=quarters, quarter=quarter_of(page, quarters), units=units(page))


class _Workbook(Response):
    """A workbook sent once the page's unit of work has ended: it is written when the response is sent."""

    def __init__(self, make: Callable[[], Awaitable[Attachment]]) -> None:
        super().__init__(media_type=XLSX)
        self.make = make

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        made = await self.make()
        assert made.stored_path is not None and made.name is not None
        body = await asyncio.to_thread(Path(made.stored_path).read_bytes)
        disposition = f"attachment; filename*=UTF-8''{quote(made.name)}"
        await Response(body, media_type=XLSX, headers={"content-disposition": disposition})(scope, receive, send)


async def ledger_file(page: Page) -> Response:
    """The quarter's workbook: a township's as chat's 台账 sends it, a county's as its 季通报 does."""
    unit = unit_of(page, units(page))
    quarter = quarter_of(page, recent_quarters(page))
    if unit.township_id is not None:
        directory = await page.directory(unit.township_id)
        maker = LedgerMaker(page.console.files_dir)
        return _Workbook(await maker(page.store, directory, unit.township_id, quarter, page.now))
    assert unit.county_id is not None
    zone, weights = page.console.zone, page.console.weights
    towns = [(t.id, t.name) for t in page.viewer.towns if t.county_id == unit.county_id]
    ranking, _ = await county_bulletin.build(page.store, [t for t, _ in towns], quarter, zone,
                                             f"{unit.name}{quarter.label}乡镇党委书记项目推进情况通报", weights)
    cadres = await page.store.county_people.of_county(unit.county_id, COUNTY_ROLES)
    data = await county_ledger.gather(page.store, unit.county_id, unit.name, towns, ranking, zone, weights, cadres)
    folder = unit.folder(page)
    return _Workbook(lambda: county_ledger_file(folder, data))


@dataclass(frozen=True)
class Text:
    """A digest or bulletin the calendar kept."""

    name: str
    kind: str  # digest | bulletin
    period: str  # 2026-03 or 2026Q1

    def label(self, unit: Unit) -> str:
        """As the text titles itself: '2026年3月工作简报', '2026年第1季度基层党建工作通报' (a county's: its own)."""
        county = unit.township_id is None
        if self.kind == "bulletin":
            return Quarter.parse(self.period).label + ("乡镇党委书记项目推进情况通报" if county else "基层党建工作通报")
        return period_label(self.period) + ("基层党建月报告" if county else "工作简报")


def _texts(folder: Path) -> list[Text]:
    """The kept texts of a folder, newest first (none if the calendar has written nothing there yet)."""
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return []
    found = [Text(p.name, m["kind"], m["period"]) for p in entries
             for m in [NAME.fullmatch(p.name)] if m and not p.is_symlink() and p.is_file()]
    return sorted(found, key=lambda t: t.period, reverse=True)


async def bulletins(page: Page) -> Response:
    """通报: the digests and bulletins of the viewer's unit(s)."""
    listed = [(unit, await asyncio.to_thread(_texts, unit.folder(page).dir)) for unit in units(page)]
    return page.render("bulletins.html", listed=listed)


async def bulletin(page: Page) -> Response:
    """One kept text, as it went out."""
    name = page.request.path_params["name"]
    if not NAME.fullmatch(name):
        raise BadInput("文件名不对。请从“通报”页选择要查看的简报或通报。")
    unit = unit_of(page, units(page))
    folder = unit.folder(page).dir
    chosen = next((t for t in await asyncio.to_thread(_texts, folder) if t.name == name), None)
    if chosen is None:
        raise Forbidden()
    body = await asyncio.to_thread((folder / chosen.name).read_text, "utf-8")
    return page.render("bulletin.html", unit=unit, text=chosen, body=body)
