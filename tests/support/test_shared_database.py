"""The PostgreSQL database the tests share: a reset leaves the schema, no rows, ids from 1 and no other sessions."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import InterfaceError

from bot.app import App
from storage.models import Base, Person, Township
from tests.support.postgres import SharedDatabase
from tests.support.rows import count

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


async def test_a_reset_empties_every_table_restarts_the_ids_and_ends_other_sessions(
        app: App, pg_database: SharedDatabase) -> None:
    assert await count(app, Person) > 0  # the app fixture's registry, to be cleared
    left_open = await app.db.engine.connect()  # a session a test forgot, locking a row the reset deletes
    await left_open.execute(text("SELECT id FROM township FOR UPDATE"))

    await pg_database.reset()

    for table in Base.metadata.sorted_tables:
        assert await count(app, table) == 0, table.name
    async with app.uow() as store:
        township = Township(name="新镇")
        store.session.add(township)
        await store.session.flush()
        assert township.id == 1
    with pytest.raises(InterfaceError, match="connection is closed"):
        await left_open.execute(text("SELECT 1"))
    await left_open.invalidate()
