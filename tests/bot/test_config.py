"""Configuration: every key documented, read from the environment, platforms off without credentials."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings
from tests.support.cli import is_setting

ENV_EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"


def test_env_example_lists_exactly_the_settings_keys_each_with_a_comment() -> None:
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    keys = re.findall(r"^([A-Z_]+)=", text, re.M)
    assert set(keys) == {field.alias for field in Settings.model_fields.values()}
    for key in keys:
        assert re.search(rf"^# .+\n{key}=", text, re.M), f"{key} has no comment line above it"


def test_tests_never_see_the_developers_settings(tmp_path: Path) -> None:
    assert Path.cwd() == tmp_path  # Settings() reads ./.env: the repository's must not configure the tests
    assert not [name for name in os.environ if is_setting(name)]


def test_settings_ignore_the_case_of_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("telegram_bot_token", "123:abc")  # which is why the tests drop them in any case
    assert load_settings().telegram_enabled


def test_defaults_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite+aiosqlite:///./yuebao.db"
    assert (settings.host, settings.port, settings.timezone) == ("127.0.0.1", 8080, "Asia/Shanghai")
    assert not (settings.telegram_enabled or settings.wecom_enabled or settings.wechat_enabled)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("YUEBAO_PORT", "9000")
    settings = load_settings()
    assert settings.telegram_enabled and settings.port == 9000
    assert "123:abc" not in repr(settings)  # secrets never show up in logs


def test_a_dotenv_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    # Windows Notepad writes one; read as plain UTF-8 it would hide the first key.
    (tmp_path / ".env").write_text("\ufeffYUEBAO_PORT=9000\nYUEBAO_TIMEZONE=Asia/Urumqi\n", encoding="utf-8")
    assert (load_settings().port, load_settings().timezone) == (9000, "Asia/Urumqi")


def test_settings_that_work_are_taken_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "postgresql+asyncpg://yuebao:p%40ss@db.example:6543/yuebao"
    for name, value in {"YUEBAO_DATABASE_URL": url, "YUEBAO_SCORE_WEIGHTS": "50，30，20",
                        "YUEBAO_ISSUE_TIME_LIMITS": "safety=2, dispute=4", "YUEBAO_PORT": "0"}.items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert (settings.database_url, settings.score_weights, settings.port) == (url, "50，30，20", 0)


def test_every_unusable_setting_is_named_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUEBAO_PORT", "-1")
    monkeypatch.setenv("YUEBAO_ISSUE_TIME_LIMITS", "fire=3")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert "\n" not in message and message.endswith("请在环境变量或 .env 中改正。")
    assert "YUEBAO_PORT 的值“-1”应不小于 0" in message and "YUEBAO_ISSUE_TIME_LIMITS 的值“fire=3”不对" in message
