"""Configuration: every key documented, read from the environment, platforms off without credentials."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bot.config import Settings
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
    assert Settings().telegram_enabled


def test_defaults_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings()
    assert settings.database_url == "sqlite+aiosqlite:///./yuebao.db"
    assert (settings.host, settings.port, settings.timezone) == ("127.0.0.1", 8080, "Asia/Shanghai")
    assert not (settings.telegram_enabled or settings.wecom_enabled or settings.wechat_enabled)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("YUEBAO_PORT", "9000")
    settings = Settings()
    assert settings.telegram_enabled and settings.port == 9000
    assert "123:abc" not in repr(settings)  # secrets never show up in logs
