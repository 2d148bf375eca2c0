"""Configuration, read once from the environment or `.env` (pydantic-settings) and passed down."""
from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every key of DESIGN.md; a platform whose credentials are empty is simply off."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field("sqlite+aiosqlite:///./yuebao.db", alias="YUEBAO_DATABASE_URL")
    timezone: str = Field("Asia/Shanghai", alias="YUEBAO_TIMEZONE")
    host: str = Field("127.0.0.1", alias="YUEBAO_HOST")
    port: int = Field(8080, alias="YUEBAO_PORT")
    files_dir: str = Field("./yuebao-files", alias="YUEBAO_FILES_DIR")
    issue_time_limits: str = Field("", alias="YUEBAO_ISSUE_TIME_LIMITS")
    issue_auto_accept_hours: int = Field(24, alias="YUEBAO_ISSUE_AUTO_ACCEPT_HOURS")
    score_weights: str = Field("60,25,15", alias="YUEBAO_SCORE_WEIGHTS")

    telegram_bot_token: SecretStr = Field(SecretStr(""), alias="TELEGRAM_BOT_TOKEN")
    telegram_webhook_url: str = Field("", alias="TELEGRAM_WEBHOOK_URL")
    telegram_webhook_secret: SecretStr = Field(SecretStr(""), alias="TELEGRAM_WEBHOOK_SECRET")
    telegram_api_base: str = Field("https://api.telegram.org", alias="TELEGRAM_API_BASE")

    wecom_corp_id: str = Field("", alias="WECOM_CORP_ID")
    wecom_agent_id: str = Field("", alias="WECOM_AGENT_ID")
    wecom_secret: SecretStr = Field(SecretStr(""), alias="WECOM_SECRET")
    wecom_token: SecretStr = Field(SecretStr(""), alias="WECOM_TOKEN")
    wecom_aes_key: SecretStr = Field(SecretStr(""), alias="WECOM_AES_KEY")
    wecom_api_base: str = Field("https://qyapi.weixin.qq.com", alias="WECOM_API_BASE")

    wechat_app_id: str = Field("", alias="WECHAT_APP_ID")
    wechat_secret: SecretStr = Field(SecretStr(""), alias="WECHAT_SECRET")
    wechat_token: SecretStr = Field(SecretStr(""), alias="WECHAT_TOKEN")
    wechat_aes_key: SecretStr = Field(SecretStr(""), alias="WECHAT_AES_KEY")
    wechat_api_base: str = Field("https://api.weixin.qq.com", alias="WECHAT_API_BASE")

    @property
    def telegram_enabled(self) -> bool:
        """Telegram is on when a bot token is set."""
        return bool(self.telegram_bot_token.get_secret_value())

    @property
    def wecom_enabled(self) -> bool:
        """WeCom is on when corp id, secret, token and AES key are all set."""
        return all((self.wecom_corp_id, self.wecom_secret.get_secret_value(),
                    self.wecom_token.get_secret_value(), self.wecom_aes_key.get_secret_value()))

    @property
    def wechat_enabled(self) -> bool:
        """The Official Account is on when app id, secret and token are set."""
        return all((self.wechat_app_id, self.wechat_secret.get_secret_value(), self.wechat_token.get_secret_value()))
