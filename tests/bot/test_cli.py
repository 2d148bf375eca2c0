"""The command line as a user meets it: db upgrade, invite, chat, demo, run; only `run` reaches the platforms."""
from __future__ import annotations

import asyncio
import io
import logging
import re
from pathlib import Path

from openpyxl import load_workbook

from bot.app import create_app
from bot.cli import configure_logging
from bot.config import Settings
from handlers.messages import OutgoingMessage
from storage.models import OutboxMessage
from tests.conftest import REGISTRY
from tests.support.cli import yuebao as _yuebao
from tests.support.fake_telegram import FakeTelegram
from tests.support.rows import rows


def test_commands_refuse_an_unmigrated_database_then_work_after_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "y.db"
    refused = _yuebao("invite", "王建国", db=db)
    assert refused.returncode == 2 and "请先运行：yuebao db upgrade" in refused.stderr
    assert _yuebao("db", "upgrade", db=db).returncode == 0
    assert _yuebao("import", str(REGISTRY), db=db).returncode == 0
    invite = _yuebao("invite", "王建国", db=db)
    assert invite.returncode == 0
    code = re.search(r"邀请码：([A-Z2-9]{8})", invite.stdout).group(1)
    assert f"/start {code}" in invite.stdout
    assert _yuebao("invite", "无名氏", db=db).returncode == 2


def test_chat_as_a_person(tmp_path: Path) -> None:
    db = tmp_path / "y.db"
    assert _yuebao("db", "upgrade", db=db).returncode == 0
    run = _yuebao("chat", "--as", "程晓燕", "--registry", str(REGISTRY), db=db,
                  stdin="帮助\n::群 千佛塔村工作群\n绑定 千佛塔村\n::退出\n")
    assert run.returncode == 0, run.stderr
    assert "程晓燕（党建办），您可以发送" in run.stdout
    assert "本群已绑定到千佛塔村。" in run.stdout


def test_demo_runs_offline_and_writes_a_transcript(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    run = _yuebao("demo", "--out", str(out), db=tmp_path / "unused.db", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    transcript = (out / "transcript.md").read_text(encoding="utf-8")
    assert "登记成功！欢迎您，黄志明（石门村）" in transcript
    assert "本群已绑定到石门村。" in transcript
    assert "📋 已记录：石门村 · 党建引领茶叶合作社提质增效" in transcript  # a month of reports
    assert "（第 3 版，历次修改均已保留）" in transcript
    assert "项目台账（已报 5/5）" in transcript
    assert "✅ 已交办 4 项任务（3月31日前）：上报集体经济收入台账" in transcript  # hand-offs
    assert "任务 #10 已验收销号" in transcript and "📣 您交办的任务 #3 已逾期 3 天" in transcript
    assert "🚨 紧急事件 #E4：安全隐患（紧急）" in transcript and "事件 #E1 已回访办结" in transcript  # grid issues
    assert "⚠️ 同一网格90天内第2次同类事件（上次 #E3）" in transcript
    # The whole quarter's calendar fired on the fake clock, each job in each month:
    for job in ("月初安排", "月中督办", "月末督查", "月报截止提醒", "月度简报"):
        assert transcript.count(f"定时任务：{job}") == 3, job
    assert transcript.count("定时任务：季度通报") == 1 and "📣 青山镇2026年第1季度基层党建工作通报" in transcript
    assert "2026年1月，5个项目已报送4个（报送率80%）" in transcript and "茶岭村本月未报送，请督促。" in transcript
    folder = out / "reports" / "青山镇"
    expected = [f"digest-2026-0{m}.txt" for m in (1, 2, 3)] + [f"progress-2026-0{m}.png" for m in (1, 2, 3)] + [
        f"trend-2026-0{m}.png" for m in (1, 2, 3)] + ["bulletin-2026Q1.txt", "trend-2026Q1.png", "ledger-2026Q1.xlsx"]
    for name in expected:
        assert (folder / name).stat().st_size > 0 and str(folder / name) in run.stdout, name
    assert load_workbook(folder / "ledger-2026Q1.xlsx")["项目台账"].max_row == 6  # header and the five projects
    assert str(out / "transcript.md") in run.stdout
    assert not (tmp_path / "unused.db").exists()  # the demo never touches the configured database

    exported = _yuebao("export", "ledger", "--quarter", "2026Q1", "--out", str(tmp_path / "q1.xlsx"),
                       db=out / "demo.db")
    assert exported.returncode == 0, exported.stderr
    assert "已导出 青山镇2026年第1季度台账" in exported.stdout and "网格事件 5 件" in exported.stdout
    assert load_workbook(tmp_path / "q1.xlsx").sheetnames == ["项目台账", "任务台账", "网格事件台账", "月报原文"]
    refused = _yuebao("export", "ledger", "--quarter", "2026Q5", db=out / "demo.db")
    assert refused.returncode == 2 and "2026Q1" in refused.stderr


def test_run_refuses_a_webhook_without_a_secret(tmp_path: Path) -> None:
    db = tmp_path / "y.db"
    assert _yuebao("db", "upgrade", db=db).returncode == 0
    env_run = _yuebao("run", db=db, timeout=60,
                      env={"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_URL": "https://example.org/telegram/webhook",
                           "TELEGRAM_WEBHOOK_SECRET": ""})
    assert env_run.returncode == 2 and "TELEGRAM_WEBHOOK_SECRET" in env_run.stderr


async def test_chat_delivers_its_own_replies_and_leaves_telegram_to_the_service(tmp_path: Path) -> None:
    db = tmp_path / "y.db"
    assert _yuebao("db", "upgrade", db=db).returncode == 0
    app = await create_app(Settings(YUEBAO_DATABASE_URL=f"sqlite+aiosqlite:///{db}"))
    try:
        async with app.uow() as store:  # a reminder for a Telegram user, due now, waiting for `yuebao run`
            await store.outbox.enqueue([OutgoingMessage("telegram", "1001", "3月月报今天截止", key="due:1001")],
                                       app.clock.now())
        async with FakeTelegram() as fake:
            telegram = {"TELEGRAM_BOT_TOKEN": "123:TEST", "TELEGRAM_API_BASE": fake.base_url}
            chat = await asyncio.to_thread(_yuebao, "chat", "--as", "程晓燕", "--registry", str(REGISTRY), db=db,
                                           env=telegram, stdin="帮助\n::退出\n")
        assert chat.returncode == 0, chat.stderr
        assert "程晓燕（党建办），您可以发送" in chat.stdout  # the console's own outbox was drained
        assert fake.calls == []  # ... and nothing else: no sendMessage, not even a getMe
        (waiting,) = await rows(app, OutboxMessage, platform="telegram")
        assert waiting.status == "pending"
    finally:
        await app.aclose()


async def test_verbose_run_reaches_telegram_and_logs_debug_but_no_request_urls(tmp_path: Path) -> None:
    db = tmp_path / "y.db"
    assert _yuebao("db", "upgrade", db=db).returncode == 0
    async with FakeTelegram() as fake:
        fake.fail_next("getMe", status=401)  # the service stops at its first call to Telegram
        telegram = {"TELEGRAM_BOT_TOKEN": "123:TEST", "TELEGRAM_API_BASE": fake.base_url}
        run = await asyncio.to_thread(_yuebao, "-v", "run", db=db, env=telegram, timeout=60)
    assert [call.method for call in fake.calls] == ["getMe"]
    assert " DEBUG " in run.stderr  # -v holds for the service too
    assert "HTTP Request" not in run.stderr and "/bot123:TEST/" not in run.stderr  # request URLs carry tokens
    assert run.returncode == 2 and "Telegram 拒绝了机器人令牌" in run.stderr and "123:TEST" not in run.stderr


def test_verbose_logging_leaves_out_the_http_clients() -> None:
    root, clients = logging.getLogger(), [logging.getLogger(name) for name in ("httpx", "httpcore")]
    saved = [logger.level for logger in (root, *clients)]
    try:
        configure_logging(verbose=True)
        assert root.level == logging.DEBUG
        assert all(client.getEffectiveLevel() == logging.WARNING for client in clients)
    finally:
        for logger, level in zip((root, *clients), saved, strict=True):
            logger.setLevel(level)


def test_a_secret_is_never_logged_not_even_in_a_traceback() -> None:
    root, out = logging.getLogger(), io.StringIO()
    stream = logging.StreamHandler(out)
    root.addHandler(stream)
    saved_level, saved = root.level, [(h, h.formatter) for h in root.handlers]
    try:
        configure_logging(verbose=True, secrets=["123:TEST-secret"])
        try:
            raise ValueError("The token `123:TEST-secret` was rejected by the server.")
        except ValueError:
            logging.getLogger("telegram").exception("polling stopped for /bot123:TEST-secret/getMe")
        logged = out.getvalue()
        assert "polling stopped for /bot***/getMe" in logged and "The token `***` was rejected" in logged
        assert "123:TEST-secret" not in logged
    finally:
        root.removeHandler(stream)
        root.setLevel(saved_level)
        for handler, formatter in saved:
            handler.setFormatter(formatter)
