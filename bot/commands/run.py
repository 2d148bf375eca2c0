"""`yuebao run`: the real service — webhooks, Telegram polling, the sender."""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal

from bot.commands._common import CommandError, opened_app
from bot.commands._errors import can_listen
from bot.config import Settings


def register(sub: argparse._SubParsersAction) -> None:
    """Add `run`."""
    parser = sub.add_parser("run", help="运行机器人服务 (run the service)")
    parser.add_argument("--host", help="listen address (default YUEBAO_HOST, 127.0.0.1)")
    parser.add_argument("--port", type=int, help="listen port (default YUEBAO_PORT, 8080)")
    parser.set_defaults(run=run)


async def _run(settings: Settings, host: str, port: int) -> None:
    from bot.service import serve

    stop = asyncio.Event()
    # Ctrl-C and SIGTERM (systemd, docker stop) end the service through its own shutdown. Left to the defaults,
    # uvicorn re-raises them once its server has closed: SIGTERM then kills the process and Ctrl-C cancels the
    # service's task, either way before the scheduler, the background tasks and the database are closed.
    with contextlib.suppress(NotImplementedError):  # Windows has no loop signal handlers; Ctrl-C still interrupts
        for signum in (signal.SIGINT, signal.SIGTERM):
            asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    async with opened_app(settings, platforms=True) as app:
        on = [name for name, enabled in (("Telegram", settings.telegram_enabled), ("企业微信", settings.wecom_enabled),
                                         ("公众号", settings.wechat_enabled)) if enabled]
        print(f"月报助手已启动：http://{host}:{port}  平台：{'、'.join(on) or '无（请在 .env 中配置）'}", flush=True)
        await serve(app, host, port, stop)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Serve until interrupted or terminated."""
    from telegram.error import InvalidToken

    if settings.telegram_webhook_url and not settings.telegram_webhook_secret.get_secret_value():
        raise CommandError("设置了 TELEGRAM_WEBHOOK_URL 就必须同时设置 TELEGRAM_WEBHOOK_SECRET"
                           "（Webhook 需要密钥校验）。")
    host, port = args.host or settings.host, settings.port if args.port is None else args.port
    can_listen(host, port)
    root = logging.getLogger()
    if root.getEffectiveLevel() > logging.INFO:  # a service says what it does; -v (DEBUG) is kept
        root.setLevel(logging.INFO)
    for noisy in ("telegram", "apscheduler.executors", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        asyncio.run(_run(settings, host, port))
    except InvalidToken:  # its message repeats the token, which must never reach a log
        raise CommandError("Telegram 拒绝了机器人令牌，请核对 TELEGRAM_BOT_TOKEN 后重试。") from None
    except KeyboardInterrupt:
        pass
    return 0
