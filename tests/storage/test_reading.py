"""A page that only looks reads in a read-only transaction: it waits for no writer, and cannot write."""
from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import DBAPIError

from bot.app import App
from storage.models import Person, Township
from tests.conftest import RecordingTransport
from tests.web.support import signed_in


async def test_a_console_page_opens_while_a_writer_holds_the_database(app: App,
                                                                       transport: RecordingTransport) -> None:
    http = await signed_in(app, "胡立新", transport)
    async with app.db.transaction() as writer:  # e.g. the calendar writing a digest: SQLite's one write lock
        await writer.execute(update(Township).values(next_task_no=Township.next_task_no))
        page = await asyncio.wait_for(http.get("/console/tasks"), timeout=20)
    assert page.status_code == 200


async def test_a_write_in_a_reading_transaction_fails_and_changes_nothing(app: App) -> None:
    async with app.uow.reading() as store:
        before = await store.session.scalar(select(func.count()).select_from(Person).where(Person.active))
    with pytest.raises(DBAPIError):
        async with app.uow.reading() as store:
            await store.session.execute(update(Person).values(active=False))
    async with app.uow() as store:  # the next writer on a pooled connection writes as usual
        assert await store.session.scalar(select(func.count()).select_from(Person).where(Person.active)) == before
        await store.session.execute(update(Township).values(next_task_no=Township.next_task_no + 1))
