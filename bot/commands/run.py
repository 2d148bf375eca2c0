"""`yuebao run`: the real service — webhooks, Telegram polling, the sender."""
from __future__ import annotations

import argparse
import asyncio
import logging

from telegram.error import InvalidToken

from bot.commands._common import CommandError, opened_app, report
from bot.config import Settings
from bot.service import serve


def register(sub: argparse._SubParsersAction) -> None:
    """Add `run`."""
    parser = sub.add_parser("run", help="运行机器人服务 (run the service)")
    parser.add_argument("--host", help="listen address (default YUEBAO_HOST, 127.0.0.1)")
    parser.add_argument("--port", type=int, help="listen port (default YUEBAO_PORT, 8080)")
    parser.set_defaults(run=run)


async def _run(settings: Settings, host: str, port: int) -> None:
    if settings.telegram_webhook_url and not settings.telegram_webhook_secret.get_secret_value():
        raise CommandError("设置了 TELEGRAM_WEBHOOK_URL 就必须同时设置 TELEGRAM_WEBHOOK_SECRET"
                           "（Webhook 需要密钥校验）。")
    async with opened_app(settings, platforms=True) as app:
        on = [name for name, enabled in (("Telegram", settings.telegram_enabled), ("企业微信", settings.wecom_enabled),
                                         ("公众号", settings.wechat_enabled)) if enabled]
        print(f"月报助手已启动：http://{host}:{port}  平台：{'、'.join(on) or '无（请在 .env 中配置）'}", flush=True)
        await serve(app, host, port)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Serve until interrupted."""
    root = logging.getLogger()
    if root.getEffectiveLevel() > logging.INFO:  # a service says what it does; -v (DEBUG) is kept
        root.setLevel(logging.INFO)
    for noisy in ("telegram", "apscheduler.executors"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        asyncio.run(_run(settings, args.host or settings.host, args.port or settings.port))
    except CommandError as exc:
        return report(exc)
    except InvalidToken:  # its message repeats the token, which must never reach a log
        return report(CommandError("Telegram 拒绝了机器人令牌，请核对 TELEGRAM_BOT_TOKEN 后重试。"))
    except KeyboardInterrupt:
        pass
    return 0
