"""Snapshots of a database's rows: the app fixture imports the registry once and restores its rows after that."""
from __future__ import annotations

from sqlalchemy import delete

from bot.app import App
from storage.models import Base, Township
from tests.support.postgres import SharedDatabase
from tests.support.rows import restore, snapshot


async def test_a_restored_snapshot_reads_back_the_same_and_new_ids_follow_it(
        app: App, engine: str, pg_database: SharedDatabase | None) -> None:
    saved = await snapshot(app.db)  # the registry the fixture imported (or restored)
    assert len(saved.tables["person"]) > 10 and saved.tables["township"]
    if engine == "postgresql":
        assert pg_database is not None
        await pg_database.reset()  # as between tests: no rows, sequences back at their start
    else:
        async with app.db.transaction() as session:
            for table in reversed(Base.metadata.sorted_tables):
                await session.execute(delete(table))

    await restore(app.db, saved)

    assert await snapshot(app.db) == saved
    async with app.uow() as store:
        township = Township(name="新镇")
        store.session.add(township)
        await store.session.flush()
    assert township.id == max(row["id"] for row in saved.tables["township"]) + 1
