"""The command line as a user meets it: db upgrade, invite, chat, demo, run; only `run` reaches the platforms.

Commands run in this process (`bot.cli.main`); a subprocess only where the process is what is tested:
the console script, what `--help` loads, logging to a real stderr, stopping on a signal.
"""
from __future__ import annotations

import asyncio
import importlib.metadata
import io
import logging
import re
import signal
import socket
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.app import create_app
from bot.cli import configure_logging
from bot.config import load_settings
from handlers.messages import OutgoingMessage
from storage.models import OutboxMessage
from tests.conftest import REGISTRY
from tests.support.cli import InProcess, clean_env, yuebao
from tests.support.fake_telegram import FakeTelegram
from tests.support.rows import rows

# What a sub-command may load only when it runs: `yuebao --help` must not pay for any of it.
APPLICATION = {"matplotlib", "telegram", "sqlalchemy", "alembic", "storage", "scheduler", "handlers", "openpyxl",
               "uvicorn", "starlette", "httpx", "apscheduler", "wechatpy", "yaml", "cn2an", "rapidfuzz"}


@pytest.fixture
def yb(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> InProcess:
    return InProcess(monkeypatch, capsys)


def test_commands_refuse_an_unmigrated_database_then_work_after_upgrade(yb: InProcess, tmp_path: Path) -> None:
    db = tmp_path / "y.db"
    refused = yb("invite", "王建国", db=db)
    assert refused.returncode == 2 and "请先运行：yuebao db upgrade" in refused.stderr
    assert yb("db", "status", db=db).returncode == 1
    assert yb("db", "upgrade", db=db).returncode == 0
    assert yb("db", "status", db=db).returncode == 0
    assert yb("import", str(REGISTRY), db=db).returncode == 0
    invite = yb("invite", "王建国", db=db)
    assert invite.returncode == 0
    code = re.search(r"邀请码：([A-Z2-9]{8})", invite.stdout)
    assert code is not None and f"/start {code.group(1)}" in invite.stdout
    assert yb("invite", "无名氏", db=db).stderr == "错误：没有找到登记的人员“无名氏”。请先用 yuebao import 导入名册。\n"


def test_chat_as_a_person(yb: InProcess, tmp_path: Path) -> None:
    db = tmp_path / "y.db"
    assert yb("db", "upgrade", db=db).returncode == 0
    run = yb("chat", "--as", "程晓燕", "--registry", str(REGISTRY), db=db,
             stdin="帮助\n::群 千佛塔村工作群\n绑定 千佛塔村\n::退出\n")
    assert run.returncode == 0, run.stderr
    assert "程晓燕（党建办），您可以发送" in run.stdout
    assert "本群已绑定到千佛塔村。" in run.stdout


def test_demo_runs_offline_and_writes_a_transcript(yb: InProcess, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    run = yb("demo", "--out", str(out), db=tmp_path / "unused.db")
    assert run.returncode == 0, run.stderr
    transcript = (out / "transcript.md").read_text(encoding="utf-8")
    assert "登记成功！欢迎您，黄志明（石门村）" in transcript
    assert "本群已绑定到石门村。" in transcript
    assert "📋 已记录：石门村 · 党建引领茶叶合作社提质增效" in transcript  # a month of reports
    assert "（第 3 版，历次修改均已保留）" in transcript
    assert "项目台账（已报 6/6）" in transcript
    assert "✅ 已交办 4 项任务（3月31日前）：上报集体经济收入台账" in transcript  # hand-offs
    assert "任务 #10 已验收销号" in transcript and "📣 您交办的任务有1项逾期3天以上：" in transcript
    assert "🔔 今日待办（2项）" in transcript  # a person's notices of a day, in one message
    assert "🚨 紧急事件 #E4：安全隐患（紧急）" in transcript and "事件 #E1 已回访办结" in transcript  # grid issues
    assert "⚠️ 同一网格90天内第2次同类事件（上次 #E3）" in transcript
    # The whole quarter's calendar fired on the fake clock, each job in each month:
    for job in ("月初安排", "月中督办", "月末督查", "月报截止提醒", "月度简报"):
        assert transcript.count(f"定时任务：{job}") == 3, job
    assert transcript.count("定时任务：季度通报") == 1 and "📣 青山镇2026年第1季度基层党建工作通报" in transcript
    assert "2026年1月，6个项目已报送5个（报送率83%）" in transcript and "茶岭村本月未报送，请督促。" in transcript
    folder = out / "reports" / "青山镇"
    expected = [f"digest-2026-0{m}.txt" for m in (1, 2, 3)] + [f"progress-2026-0{m}.png" for m in (1, 2, 3)] + [
        f"trend-2026-0{m}.png" for m in (1, 2, 3)] + ["bulletin-2026Q1.txt", "trend-2026Q1.png", "ledger-2026Q1.xlsx"]
    for name in expected:
        assert (folder / name).stat().st_size > 0 and str(folder / name) in run.stdout, name
    assert load_workbook(folder / "ledger-2026Q1.xlsx")["项目台账"].max_row == 7  # header and the six projects
    assert str(out / "transcript.md") in run.stdout
    assert not (tmp_path / "unused.db").exists()  # the demo never touches the configured database

    exported = yb("export", "ledger", "--quarter", "2026Q1", "--out", str(tmp_path / "q1.xlsx"), db=out / "demo.db")
    assert exported.returncode == 0, exported.stderr
    assert "已导出 青山镇2026年第1季度台账" in exported.stdout and "网格事件 5 件" in exported.stdout
    assert load_workbook(tmp_path / "q1.xlsx").sheetnames == LEDGER_SHEETS
    refused = yb("export", "ledger", "--quarter", "2026Q5", db=out / "demo.db")
    assert refused.returncode == 2 and "2026Q1" in refused.stderr


def test_run_refuses_a_webhook_without_a_secret(yb: InProcess, tmp_path: Path) -> None:
    env_run = yb("run", db=tmp_path / "y.db",
                 env={"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_URL": "https://example.org/telegram/webhook"})
    assert env_run.returncode == 2 and "TELEGRAM_WEBHOOK_SECRET" in env_run.stderr


LEDGER_SHEETS = ["项目台账", "方案版本", "里程碑", "督导记录", "整改事项", "任务台账", "网格事件台账", "月报原文",
                 "工作记录"]


async def test_chat_delivers_its_own_replies_and_leaves_telegram_to_the_service(
        yb: InProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "y.db"
    assert (await asyncio.to_thread(yb, "db", "upgrade", db=db)).returncode == 0
    monkeypatch.setenv("YUEBAO_DATABASE_URL", f"sqlite+aiosqlite:///{db}")
    app = await create_app(load_settings())
    try:
        async with app.uow() as store:  # a reminder for a Telegram user, due now, waiting for `yuebao run`
            await store.outbox.enqueue([OutgoingMessage("telegram", "1001", "3月月报今天截止", key="due:1001")],
                                       app.clock.now())
        async with FakeTelegram() as fake:
            telegram = {"TELEGRAM_BOT_TOKEN": "123:TEST", "TELEGRAM_API_BASE": fake.base_url}
            chat = await asyncio.to_thread(yb, "chat", "--as", "程晓燕", "--registry", str(REGISTRY), db=db,
                                           env=telegram, stdin="帮助\n::退出\n")
        assert chat.returncode == 0, chat.stderr
        assert "程晓燕（党建办），您可以发送" in chat.stdout  # the console's own outbox was drained
        assert fake.calls == []  # ... and nothing else: no sendMessage, not even a getMe
        (waiting,) = await rows(app, OutboxMessage, platform="telegram")
        assert waiting.status == "pending"
    finally:
        await app.aclose()


def test_help_loads_no_part_of_the_application(tmp_path: Path) -> None:
    probe = ("import sys, bot.cli; bot.cli.build_parser(); "
             "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in sys.argv[1:])))")
    loaded = subprocess.run([sys.executable, "-c", probe, *APPLICATION], capture_output=True, text=True,
                            env=clean_env(tmp_path / "y.db"), cwd=tmp_path, timeout=60, check=True)
    assert loaded.stdout.split() == []


def test_the_console_script_answers_help_and_version(tmp_path: Path) -> None:
    script = Path(sysconfig.get_path("scripts")) / "yuebao"  # what `pip install -e .` put on the PATH
    shown = subprocess.run([script, "--help"], capture_output=True, text=True, env=clean_env(tmp_path / "y.db"),
                           cwd=tmp_path, timeout=60)
    assert shown.returncode == 0 and "乡镇党建月报机器人" in shown.stdout and "parse" in shown.stdout
    version = subprocess.run([script, "--version"], capture_output=True, text=True, env=clean_env(tmp_path / "y.db"),
                             cwd=tmp_path, timeout=60)
    assert (version.returncode, version.stdout) == (0, f"yuebao {importlib.metadata.version('yuebao')}\n")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_run_stops_cleanly_on_a_signal(yb: InProcess, tmp_path: Path, signum: signal.Signals) -> None:
    db, port = tmp_path / "y.db", _free_port()
    assert yb("db", "upgrade", db=db).returncode == 0
    service = subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "--port", str(port)], cwd=tmp_path,
                               env=clean_env(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while service.poll() is None and time.monotonic() < deadline:  # until the HTTP server listens
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        service.send_signal(signum)  # SIGTERM is what systemd and `docker stop` send
        out, err = service.communicate(timeout=30)
    finally:
        if service.poll() is None:
            service.kill()
            service.communicate()
    assert service.returncode == 0, err
    assert "月报助手已启动" in out and "Traceback" not in err
    assert "Scheduler has been shut down" in err  # the service ran its own shutdown, not cut off by the signal


async def test_verbose_run_reaches_telegram_and_logs_debug_but_no_request_urls(yb: InProcess, tmp_path: Path) -> None:
    db = tmp_path / "y.db"
    assert (await asyncio.to_thread(yb, "db", "upgrade", db=db)).returncode == 0
    async with FakeTelegram() as fake:
        fake.fail_next("getMe", status=401)  # the service stops at its first call to Telegram
        telegram = {"TELEGRAM_BOT_TOKEN": "123:TEST", "TELEGRAM_API_BASE": fake.base_url}
        run = await asyncio.to_thread(yuebao, "-v", "run", db=db, env=telegram, timeout=60)
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
