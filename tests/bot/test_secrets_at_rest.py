"""Secrets at rest and in logs: no access token in a verbose log or an error's text; the database, its -wal and
-shm files and kept evidence are created readable by their owner only, whatever the umask."""
from __future__ import annotations

import datetime as dt
import io
import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from bot.app import create_app
from bot.cli import configure_logging
from bot.telegram.transport import TelegramTransport, bot_for
from handlers.clock import SystemClock
from handlers.messages import OutgoingMessage
from scheduler.artifacts import Folder, trend_png
from storage.db import Database
from storage.migrate import upgrade
from storage.models import AccessToken
from tests.support.fake_telegram import FakeTelegram
from tests.support.fake_wecom import FakeWeCom
from tests.support.tencent import SAMPLE_AES_KEY, SAMPLE_CORP_ID, SAMPLE_TOKEN, tencent_settings


@pytest.fixture
def verbose_log() -> Iterator[io.StringIO]:
    """What `yuebao -v` logs, as text; the logging set-up is put back afterwards."""
    root, out = logging.getLogger(), io.StringIO()
    loggers = [root, *(logging.getLogger(name) for name in ("httpx", "httpcore", "aiosqlite"))]
    levels, formatters = [logger.level for logger in loggers], [(h, h.formatter) for h in root.handlers]
    handler = logging.StreamHandler(out)
    root.addHandler(handler)
    try:
        configure_logging(verbose=True, secrets=["s3cret", SAMPLE_TOKEN, SAMPLE_AES_KEY])
        yield out
    finally:
        root.removeHandler(handler)
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
        for each, formatter in formatters:
            each.setFormatter(formatter)


async def test_the_wecom_access_token_shows_in_no_verbose_log_nor_error(db_url: str, verbose_log: io.StringIO) -> None:
    async with FakeWeCom(corp_id=SAMPLE_CORP_ID, secret="s3cret", agent_id="1000002") as fake:
        app = await create_app(tencent_settings(db_url, fake.base_url), clock=SystemClock())
        try:
            async with app.uow() as store:
                await store.outbox.enqueue([OutgoingMessage("wecom", "wangjg", "本月进展", key="k")], app.clock.now())
            assert await app.sender.drain() == 1
            async with app.db.transaction() as session:
                key, token = (await session.execute(select(AccessToken.key, AccessToken.token)
                                                    .where(AccessToken.key.like("wecom:%")))).one()
            with pytest.raises(IntegrityError) as clash:  # an error's text, logged as is, holds no parameter
                async with app.db.transaction() as session:
                    await session.execute(insert(AccessToken).values(key=key, token=token, expires_at=app.clock.now()))
        finally:
            await app.aclose()
    logged = verbose_log.getvalue()
    assert len(token) >= 32 and fake.messages_to("wangjg")
    assert logging.getLogger().level == logging.DEBUG and "INFO alembic" in logged  # the log at -v, as captured
    assert token not in logged and token not in str(clash.value)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, under which new files are world-readable unless made otherwise."""
    saved = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(saved)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
async def test_a_new_database_with_its_wal_and_shm_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "new" / "data" / "yuebao.db"
    db = Database(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade(db)
        async with db.transaction() as session:  # a connection open: the -wal and -shm files exist
            await session.execute(insert(AccessToken).values(key="k", token="t", expires_at=dt.datetime.now(dt.UTC)))
            files = [path, path.with_name("yuebao.db-wal"), path.with_name("yuebao.db-shm")]
            assert [mode(f) for f in files] == [0o600] * 3
    finally:
        await db.dispose()
    assert mode(path.parent) == mode(path.parent.parent) == 0o700

    opened = tmp_path / "opened.db"  # `yuebao run` opens the file once with sqlite3 before the engine does
    sqlite3.connect(opened).close()
    assert mode(opened) == 0o644
    await Database(f"sqlite+aiosqlite:///{opened}").dispose()
    assert mode(opened) == 0o600


@pytest.mark.usefixtures("umask_022")
async def test_kept_evidence_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    async with FakeTelegram() as fake:
        fake.files["photo-1"] = b"\xff\xd8\xff a photo of the site"
        bot = bot_for("123:TEST", fake.base_url)
        await bot.initialize()
        try:
            kept = await TelegramTransport(bot).fetch("photo-1", tmp_path / "files" / "telegram")
        finally:
            await bot.shutdown()
    assert kept is not None and Path(kept).read_bytes() == b"\xff\xd8\xff a photo of the site"
    assert (mode(Path(kept)), mode(tmp_path / "files" / "telegram"), mode(tmp_path / "files")) == (0o600, 0o700, 0o700)


@pytest.mark.usefixtures("umask_022")
async def test_generated_charts_and_workbooks_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    folder = Folder(tmp_path / "files", "云溪镇")
    chart = await trend_png(folder, "云溪镇报送与办结趋势", [], "trend-2026-03")
    text = folder.path("digest-2026-03.txt")
    text.write_text("摘要", encoding="utf-8")
    assert mode(Path(chart.stored_path or "")) == 0o600 and mode(text) == 0o600
    assert mode(tmp_path / "files" / "reports" / "云溪镇") == 0o700
