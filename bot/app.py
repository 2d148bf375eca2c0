"""The composition root: the one place that wires configuration, clock, database, pipeline and sender."""
from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx

from bot.config import Settings
from bot.leader import Leadership
from bot.roster.reader import RosterReader
from bot.sender import OutboxSender
from bot.telegram.adapter import TelegramAdapter
from bot.telegram.transport import TelegramTransport, bot_for
from bot.transport import Transport
from bot.wecom.adapter import TencentCallbacks
from bot.wecom.crypto import CallbackCrypto
from bot.wecom.tokens import AccessTokens
from bot.wecom.transport import TencentApi, WeChatTransport, WeComTransport
from handlers.clock import Clock, SystemClock
from handlers.directory import DirectoryCache
from handlers.identity import unknown_sender
from handlers.issue_policy import IssuePolicy, parse_limits
from handlers.parse.workdays import use_office_days
from handlers.pipeline import Pipeline
from handlers.routes import build_router
from scheduler.artifacts import LedgerMaker
from scheduler.context import JobContext
from scheduler.outcome import Weights
from storage.db import Database
from storage.migrate import ensure_current
from storage.uow import SqlUnitOfWork


@dataclass
class App:
    """Everything a running bot is made of."""

    settings: Settings
    clock: Clock
    db: Database
    uow: SqlUnitOfWork
    pipeline: Pipeline
    sender: OutboxSender
    transports: dict[str, Transport]
    issue_policy: IssuePolicy
    directories: DirectoryCache
    leadership: Leadership
    weights: Weights
    telegram: TelegramAdapter | None = None
    wecom: TencentCallbacks | None = None
    wechat: TencentCallbacks | None = None
    http: httpx.AsyncClient | None = None
    outbox_ready: asyncio.Event = field(default_factory=asyncio.Event)  # set when new replies wait to go out

    def job_context(self) -> JobContext:
        """What scheduled jobs are given: `job(ctx, now)`."""
        return JobContext(self.uow, ZoneInfo(self.settings.timezone), self.issue_policy, self.directories,
                          files_dir=Path(self.settings.files_dir), weights=self.weights)

    async def aclose(self) -> None:
        """Release the platform clients and the database."""
        await self.pipeline.drain()
        if self.telegram is not None:
            await self.telegram.bot.shutdown()
        if self.http is not None:
            await self.http.aclose()
        await self.db.dispose()


async def load_office_days(uow: SqlUnitOfWork) -> None:
    """Make the office's holiday tables the working-day calendar of this process."""
    async with uow() as store:
        use_office_days(await store.office_days.all())


async def create_app(settings: Settings, *, clock: Clock | None = None,
                     transports: Mapping[str, Transport] | None = None, check_schema: bool = True,
                     platforms: bool = True) -> App:
    """Build the app, with the configured platforms only if `platforms`; DatabaseNotMigrated if not current."""
    clock = clock or SystemClock()
    db = Database(settings.database_url)
    if check_schema:
        try:
            await ensure_current(db)
        except BaseException:
            await db.dispose()
            raise
    uow = SqlUnitOfWork(db)
    await load_office_days(uow)
    policy = IssuePolicy(parse_limits(settings.issue_time_limits), settings.issue_auto_accept_hours,
                         dt.timedelta(days=settings.issue_repeat_days))
    directories = DirectoryCache()  # one per process: handlers and calendar jobs share the parsers
    weights = Weights.parse(settings.score_weights)  # a bad value stops the start, not the first bulletin
    pipeline = Pipeline(uow, build_router(), clock, unknown_sender, directories=directories, issue_policy=policy,
                        ledger_files=LedgerMaker(Path(settings.files_dir)), roster_files=RosterReader(),
                        console_url=settings.console_root)
    # Without `platforms` only the given transports exist, so the sender cannot reach real people's chats.
    transports = dict(transports or {})
    telegram: TelegramAdapter | None = None
    if platforms and settings.telegram_enabled and "telegram" not in transports:
        bot = bot_for(settings.telegram_bot_token.get_secret_value(), settings.telegram_api_base)
        transports["telegram"] = transport = TelegramTransport(bot)
        telegram = TelegramAdapter(bot, pipeline, transport, Path(settings.files_dir))
    http: httpx.AsyncClient | None = None
    wecom: TencentCallbacks | None = None
    wechat: TencentCallbacks | None = None
    if platforms and (settings.wecom_enabled or settings.wechat_enabled):
        http = httpx.AsyncClient(timeout=httpx.Timeout(10.0))
        if settings.wecom_enabled:
            wecom = _wecom(settings, db, http, clock, pipeline, transports)
        if settings.wechat_enabled:
            wechat = _wechat(settings, db, http, clock, pipeline, transports)
    app = App(settings, clock, db, uow, pipeline, OutboxSender(db, transports, clock), transports,
              issue_policy=policy, directories=directories, leadership=Leadership(db), weights=weights,
              telegram=telegram, wecom=wecom, wechat=wechat, http=http)
    for adapter in (telegram, wecom, wechat):
        if adapter is not None:
            adapter.on_stored = app.outbox_ready.set
    return app


def _wecom(settings: Settings, db: Database, http: httpx.AsyncClient, clock: Clock, pipeline: Pipeline,
           transports: dict[str, Transport]) -> TencentCallbacks:
    corp, agent, token = settings.wecom_corp_id, settings.wecom_agent_id, settings.wecom_token.get_secret_value()
    base = settings.wecom_api_base.rstrip("/")
    tokens = AccessTokens(db, http, clock, f"wecom:{corp}:{agent}", f"{base}/cgi-bin/gettoken",
                          {"corpid": corp, "corpsecret": settings.wecom_secret.get_secret_value()})
    transports.setdefault("wecom", WeComTransport(TencentApi(http, base, tokens), agent))
    crypto = CallbackCrypto(token, settings.wecom_aes_key.get_secret_value(), corp)
    return TencentCallbacks("wecom", crypto, token, pipeline, clock)


def _wechat(settings: Settings, db: Database, http: httpx.AsyncClient, clock: Clock, pipeline: Pipeline,
            transports: dict[str, Transport]) -> TencentCallbacks:
    app_id, token = settings.wechat_app_id, settings.wechat_token.get_secret_value()
    base = settings.wechat_api_base.rstrip("/")
    tokens = AccessTokens(db, http, clock, f"wechat:{app_id}", f"{base}/cgi-bin/token",
                          {"grant_type": "client_credential", "appid": app_id,
                           "secret": settings.wechat_secret.get_secret_value()})
    transports.setdefault("wechat", WeChatTransport(TencentApi(http, base, tokens)))
    aes = settings.wechat_aes_key.get_secret_value()
    crypto = CallbackCrypto(token, aes, app_id) if aes else None  # no key: the account runs in plain mode
    return TencentCallbacks("wechat", crypto, token, pipeline, clock)
