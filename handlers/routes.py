"""The root router: every handler module's routes in priority order."""
from __future__ import annotations

from handlers import help as help_module
from handlers import identity
from handlers.context import Context
from handlers.router import Router

NOT_UNDERSTOOD = "没有看懂这条消息。发送“帮助”查看可以做什么。"


async def free_text(ctx: Context) -> None:
    """Text that names no command: answer only when spoken to, so group chats stay quiet."""
    if ctx.msg.addressed:
        ctx.reply(NOT_UNDERSTOOD)


def build_router() -> Router:
    """All routes of the bot."""
    root = Router()
    for module in (identity, help_module):
        root.include(module.router)
    root.fallback(free_text)
    return root
