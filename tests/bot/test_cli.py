"""The command line as a user meets it: db upgrade, invite, chat, demo."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REGISTRY


def _yuebao(*args: str, db: Path, stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "YUEBAO_DATABASE_URL": f"sqlite+aiosqlite:///{db}"}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=120, cwd=cwd)


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
    assert "任务 #5 已验收销号" in transcript and "📣 您交办的任务 #4 已逾期 3 天" in transcript
    assert "🚨 紧急事件 #E2：安全隐患（紧急）" in transcript and "事件 #E1 已回访办结" in transcript  # grid issues
    assert "⚠️ 同一网格90天内第2次同类事件（上次 #E1）" in transcript
    assert str(out / "transcript.md") in run.stdout
    assert not (tmp_path / "unused.db").exists()  # the demo never touches the configured database


def test_run_refuses_a_webhook_without_a_secret(tmp_path: Path) -> None:
    db = tmp_path / "y.db"
    assert _yuebao("db", "upgrade", db=db).returncode == 0
    env_run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"], capture_output=True, text=True, timeout=60,
        env={**os.environ, "YUEBAO_DATABASE_URL": f"sqlite+aiosqlite:///{db}", "TELEGRAM_BOT_TOKEN": "1:x",
             "TELEGRAM_WEBHOOK_URL": "https://example.org/telegram/webhook", "TELEGRAM_WEBHOOK_SECRET": ""})
    assert env_run.returncode == 2 and "TELEGRAM_WEBHOOK_SECRET" in env_run.stderr
