"""工作记录: the work records (visits, meetings, study sessions, duty shifts) in the viewer's scope, filtered by
village, type and month, a page at a time. Listed only: they enter no rate, digest or ranking."""
from __future__ import annotations

import datetime as dt

from starlette.responses import Response

from bot.web.pages import BadInput, Page
from bot.web.records import choice, scope, village_choices
from handlers.quarters import month_end, shift_period
from handlers.work_record_ports import TYPE_LABELS, WorkRecordFilter

PER_PAGE = 50
MONTHS = 24  # how far back the month filter reaches
LAST_PAGE = 1000  # a page number beyond any list (and bounded before it reaches SQL)


def months(today: dt.date) -> dict[str, str]:
    """The months offered, latest first: {'2026-03': '2026年3月', …}."""
    latest = f"{today:%Y-%m}"
    return {m: f"{m[:4]}年{int(m[5:])}月" for m in (shift_period(latest, -n) for n in range(MONTHS))}


def page_number(page: Page) -> int:
    """The list page asked for (1 when not said); a 400 for anything but a number from 1 to LAST_PAGE."""
    said = page.request.query_params.get("page", "")
    if said == "":
        return 1
    if not said.isdecimal() or len(said) > 4 or not 1 <= int(said) <= LAST_PAGE:
        raise BadInput(f"页码“{said[:20]}”不对，请填写 1–{LAST_PAGE} 之间的数字。")
    return int(said)


def _link(page: Page, number: int) -> str:
    """This list with the same filters, at another page."""
    asked = {k: v for k, v in page.request.query_params.items() if k != "page"}
    return str(page.request.url.replace_query_params(**asked, page=str(number)))


async def work_records(page: Page) -> Response:
    """The viewer's work records, latest day first, with their filters and pages."""
    villages = await village_choices(page)
    offered = months(page.today)
    village = choice(page, "village", villages, "村（社区）")
    kind = choice(page, "type", TYPE_LABELS, "工作类型")
    month = choice(page, "month", offered, "月份")
    days = (dt.date.fromisoformat(f"{month}-01"), month_end(month)) if month else None
    number = page_number(page)
    listing = await page.store.console_work_records.records(
        scope(page.viewer), WorkRecordFilter(int(village) if village else None, kind, days),
        (number - 1) * PER_PAGE, PER_PAGE)
    return page.render("work_records.html", listing=listing, villages=villages, types=TYPE_LABELS, months=offered,
                       asked=page.request.query_params, many_towns=len(page.viewer.towns) > 1, number=number,
                       previous=_link(page, number - 1) if number > 1 else None,
                       following=_link(page, number + 1) if listing.more else None)
