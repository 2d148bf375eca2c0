"""Configuration, read once from the environment or `.env` (pydantic-settings) and passed down."""
from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, SettingsConfigDict

DATABASE_EXAMPLES = "sqlite+aiosqlite:///./yuebao.db 或 postgresql+asyncpg://用户:密码@主机/库名"
ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg", "postgres": "postgresql+asyncpg"}


class ConfigError(ValueError):
    """A setting that cannot be used; the message is one Chinese line naming it and the fix."""


class Settings(BaseSettings):
    """Every key of DESIGN.md; a platform whose credentials are empty is simply off."""

    # utf-8-sig: Windows Notepad saves a BOM, which would otherwise hide the first key.
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8-sig", extra="ignore")

    database_url: str = Field("sqlite+aiosqlite:///./yuebao.db", alias="YUEBAO_DATABASE_URL")
    timezone: str = Field("Asia/Shanghai", alias="YUEBAO_TIMEZONE")
    host: str = Field("127.0.0.1", alias="YUEBAO_HOST")
    port: int = Field(8080, ge=0, le=65535, alias="YUEBAO_PORT")
    files_dir: str = Field("./yuebao-files", alias="YUEBAO_FILES_DIR")
    public_url: str = Field("", alias="YUEBAO_PUBLIC_URL")
    issue_time_limits: str = Field("", alias="YUEBAO_ISSUE_TIME_LIMITS")
    issue_auto_accept_hours: int = Field(24, alias="YUEBAO_ISSUE_AUTO_ACCEPT_HOURS")
    issue_repeat_days: int = Field(90, ge=1, le=3650, alias="YUEBAO_ISSUE_REPEAT_DAYS")
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

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        # Imported here: SQLAlchemy is not needed for `yuebao --help`.
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(f"YUEBAO_DATABASE_URL 不是有效的数据库地址，请写成 {DATABASE_EXAMPLES}") from None
        backend = url.drivername.partition("+")[0]
        if backend not in ASYNC_DRIVERS:
            raise ValueError(f"YUEBAO_DATABASE_URL 用的是 {backend}，本系统只支持 SQLite 和 PostgreSQL，"
                             f"请写成 {DATABASE_EXAMPLES}")
        if url.drivername != ASYNC_DRIVERS[backend]:
            fixed = url.set(drivername=ASYNC_DRIVERS[backend]).render_as_string(hide_password=True)
            raise ValueError(f"YUEBAO_DATABASE_URL 缺少异步驱动（{url.render_as_string(hide_password=True)}），"
                             f"请改为 {fixed}")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"YUEBAO_TIMEZONE 的值“{value}”不是时区，请写成 Asia/Shanghai 这样的名称") from None
        return value

    @field_validator("score_weights")
    @classmethod
    def _score_weights(cls, value: str) -> str:
        from scheduler.outcome import Weights  # the one definition of the format, loaded only when settings are

        try:
            Weights.parse(value)
        except ValueError:
            raise ValueError(f"YUEBAO_SCORE_WEIGHTS 的值“{value}”不对，应为三个非负数，"
                             "如 60,25,15（项目、任务、事件的权重）") from None
        return value

    @field_validator("issue_time_limits")
    @classmethod
    def _issue_time_limits(cls, value: str) -> str:
        from handlers.issue_policy import DEFAULT_LIMITS, parse_limits

        try:
            parse_limits(value)
        except ValueError:
            raise ValueError(f"YUEBAO_ISSUE_TIME_LIMITS 的值“{value}”不对，应为“类别=工作日天数”，用逗号分隔，"
                             f"如 safety=3,dispute=2；类别可为 {'、'.join(DEFAULT_LIMITS)}") from None
        return value

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError(f"YUEBAO_PUBLIC_URL 的值“{value}”不对，应以 http:// 或 https:// 开头，"
                             "如 https://dj.example.gov.cn")
        return value.rstrip("/")

    @property
    def console_root(self) -> str:
        """Where the console's links point: YUEBAO_PUBLIC_URL, else this server's own address."""
        return self.public_url or f"http://{self.host}:{self.port}"

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


def load_settings() -> Settings:
    """Settings from the environment and `.env`; ConfigError (one Chinese line) when a value cannot be used."""
    try:
        return Settings()
    except ValidationError as exc:
        raise ConfigError("；".join(_describe(e) for e in exc.errors()) + "。请在环境变量或 .env 中改正。") from None
    except UnicodeDecodeError:
        raise ConfigError("无法读取 .env：它不是 UTF-8 编码的文本，请用 UTF-8 另存。") from None
    except PermissionError:
        raise ConfigError("无法读取 .env：没有读取权限，请检查它的权限。") from None


def _describe(error: ErrorDetails) -> str:
    if error["type"] == "value_error":  # raised by a validator above, already in Chinese
        return str(error.get("ctx", {}).get("error", error["msg"]))
    key, value, ctx = error["loc"][0] if error["loc"] else "?", error["input"], error.get("ctx", {})
    hint = {"int_parsing": "应为整数", "greater_than_equal": f"应不小于 {ctx.get('ge')}",
            "less_than_equal": f"应不大于 {ctx.get('le')}"}.get(error["type"], "不符合要求")
    return f"{key} 的值“{value}”{hint}"
