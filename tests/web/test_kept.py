"""What the console keeps between views (month figures, who the viewer is) goes stale at the next committed change."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import insert, update

from bot.app import App
from bot.web.kept import MAX_AGE, Kept
from storage.models import InboxMessage, Membership, Person, Township
from storage.write_clock import WriteClock
from tests.conftest import CST, RecordingTransport
from tests.scheduler.records import file_report
from tests.scheduler.test_digest_and_bulletin import quarter  # noqa: F401  (the fixture: March 2026 in 响肠镇)
from tests.web.admin_support import statements
from tests.web.support import signed_in


def _row(html: str, village: str) -> str:
    """A village's 已报/应报 cell on the overview."""
    found = re.search(rf"<td>{village}</td><td>(\d+/\d+)</td>", html)
    assert found is not None, html
    return found.group(1)


async def test_a_report_filed_after_a_view_shows_on_the_next_view(
        app: App, quarter: dict, transport: RecordingTransport) -> None:  # noqa: F811
    app.clock.set(dt.datetime(2026, 3, 26, 10, 0, tzinfo=CST))
    http = await signed_in(app, "胡立新", transport)
    first = await http.get("/console/", params={"month": "2026-03"})
    assert _row(first.text, "桃园村") == "0/1"
    with statements(app) as seen:
        again = await http.get("/console/", params={"month": "2026-03"})
    assert again.text == first.text
    warm = len(seen)
    await file_report(app, "刘春华", "XC-05", "2026-03", 40, "小冬桃基地完成40%")
    with statements(app) as seen:
        after = await http.get("/console/", params={"month": "2026-03"})
    assert _row(after.text, "桃园村") == "1/1"
    assert len(seen) > warm  # computed afresh from the records, not served from the kept figures


async def test_a_leader_whose_role_ends_is_refused_on_the_next_view(app: App, transport: RecordingTransport) -> None:
    http = await signed_in(app, "胡立新", transport)
    assert (await http.get("/console/ledger")).status_code == 200
    async with app.db.transaction() as session:
        person = await session.scalar(Person.__table__.select().where(Person.name == "胡立新"))
        await session.execute(update(Membership).where(Membership.person_id == person).values(role="secretary"))
    assert (await http.get("/console/ledger")).status_code == 403


async def test_a_sign_in_or_a_message_stored_does_not_count_as_a_change(app: App) -> None:
    writes = app.db.writes
    before = writes.generation
    async with app.db.transaction() as session:
        await session.execute(insert(InboxMessage).values(
            platform="test", message_key="k1", raw="{}", form="message", chat_id="c", sender_id="s", text="你好",
            received_at=dt.datetime(2026, 3, 2, tzinfo=CST)))
    assert writes.generation == before
    async with app.db.transaction() as session:
        await session.execute(insert(Township).values(name="新建镇"))
    assert writes.generation == before + 1


async def test_a_write_rolled_back_is_no_change(app: App) -> None:
    writes = app.db.writes
    before = writes.generation
    with pytest.raises(RuntimeError):
        async with app.db.transaction() as session:
            await session.execute(insert(Township).values(name="未建镇"))
            raise RuntimeError("cancelled")
    assert writes.generation == before


class _Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_kept_values_expire_for_writes_another_process_made() -> None:
    clock, computed = _Ticks(), []
    kept = Kept(WriteClock(), clock)

    async def compute() -> int:
        computed.append(clock.now)
        return len(computed)

    assert await kept.get(("k",), compute) == 1
    clock.now = MAX_AGE - 1
    assert await kept.get(("k",), compute) == 1
    clock.now = MAX_AGE + 1
    assert await kept.get(("k",), compute) == 2


async def test_a_projects_page_shows_a_report_filed_after_it_was_viewed(app: App, transport: RecordingTransport) -> None:
    app.clock.set(dt.datetime(2026, 3, 26, 10, 0, tzinfo=CST))
    http = await signed_in(app, "胡立新", transport)
    async with app.uow() as store:
        (leader,) = await store.people.by_name("胡立新")
        (project,) = [p for p in await store.projects.of_township(leader.township_id) if p.code == "XC-05"]
    path = f"/console/projects/{project.id}"
    reports = re.compile(r'href="[^"]*/console/reports/(\d+)"')
    before = set(reports.findall((await http.get(path)).text))
    assert set(reports.findall((await http.get(path)).text)) == before  # kept: the same page
    filed = await file_report(app, "刘春华", "XC-05", "2026-03", 40, "小冬桃基地完成40%")
    assert set(reports.findall((await http.get(path)).text)) == before | {str(filed)}
