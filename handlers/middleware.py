"""The steps every message goes through around its handler (aiogram-style middlewares), in one chain.

    resolve_sender → in_savepoint → Routing → check_role → the handler

Each step gets the context and the rest of the chain, and may stop it (a refusal) or wrap it (the savepoint).
The pipeline builds the context, runs the chain, and queues what it collected.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from handlers.context import Context, Reply
from handlers.ports import Store
from handlers.router import Handler, Route, Router

log = logging.getLogger(__name__)

Next = Callable[[Context[Store]], Awaitable[None]]
Middleware = Callable[[Context[Store], Next], Awaitable[None]]

APOLOGY = "抱歉，处理这条消息时出了问题。消息已保存，工作人员会尽快处理，请稍后再试。"
MAX_ERROR_CHARS = 2000


def error_text(exc: BaseException) -> str:
    """How an exception is recorded on the stored message."""
    return f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARS]


def chain(steps: Sequence[Middleware], last: Next) -> Next:
    """The steps around `last`, the first step outermost."""
    handler = last
    for step in reversed(steps):
        handler = _link(step, handler)
    return handler


def _link(step: Middleware, rest: Next) -> Next:
    async def run(ctx: Context[Store]) -> None:
        await step(ctx, rest)
    return run


async def resolve_sender(ctx: Context[Store], next_step: Next) -> None:
    """Who sent this, in which chat, what the bot last asked them there, and which card they replied to."""
    store, msg = ctx.store, ctx.msg
    ctx.chat = await store.places.binding(msg.platform, msg.chat.id) if msg.chat.is_group else None
    # In a group bound to a township, someone who belongs to several (a county cadre) acts in that one.
    ctx.sender, ctx.question, direct_chat = await store.people.sender_in_chat(
        msg.platform, msg.sender.id, msg.chat.id, ctx.now, ctx.chat.township_id if ctx.chat else None)
    if ctx.sender is not None and not ctx.sender.active:
        ctx.sender, ctx.left_roster = None, True  # read as an unknown sender's: only an invite code acts
    if ctx.sender is not None and not msg.chat.is_group and msg.event is None and direct_chat != msg.chat.id:
        await store.people.set_direct_chat(msg.platform, msg.sender.id, msg.chat.id)
    if msg.reply_to and not msg.action and ctx.sender is not None:
        ctx.replied_actions = tuple(await store.outbox.actions_of(msg.platform, msg.chat.id, msg.reply_to))
    await next_step(ctx)


async def in_savepoint(ctx: Context[Store], next_step: Next) -> None:
    """The rest in a savepoint: a handler that raises is undone alone, and the sender gets an apology."""
    try:
        async with ctx.store.savepoint():
            await next_step(ctx)
    except Exception as exc:  # any handler bug: keep the stored message, apologise, keep serving
        log.exception("handler failed on inbox #%s (%s/%s)", ctx.inbox_id, ctx.msg.platform, ctx.msg.key)
        ctx.error = error_text(exc)
        ctx.replies[:] = [Reply(APOLOGY)]
        ctx.outgoing.clear()
        ctx.later.clear()


class Routing:
    """Chooses the handler: a chat event's, the unknown sender's, or the router's match for the text."""

    def __init__(self, router: Router, unknown_sender: Handler) -> None:
        self._router = router
        self._unknown_sender = unknown_sender

    async def __call__(self, ctx: Context[Store], next_step: Next) -> None:
        msg = ctx.msg
        if msg.event is not None:
            ctx.route, ctx.args = self._router.event_route(msg.event), ""
        elif ctx.sender is None:
            ctx.route, ctx.args = Route(self._unknown_sender), msg.text.strip()
        else:
            ctx.route, ctx.args = self._router.match(msg.text)
        await next_step(ctx)


async def check_role(ctx: Context[Store], next_step: Next) -> None:
    """A route for some roles only refuses anyone else, politely, and the message is read as nothing else."""
    route = ctx.route
    if route is not None and route.roles and (ctx.sender is None or not ctx.sender.may(route.roles)):
        ctx.reply(route.refusal)
        return
    await next_step(ctx)


async def run_route(ctx: Context[Store]) -> None:
    """The chosen handler, if any."""
    if ctx.route is not None:
        await ctx.route.handler(ctx)


def steps(router: Router, unknown_sender: Handler) -> Next:
    """Every message's chain, ending in its handler."""
    return chain((resolve_sender, in_savepoint, Routing(router, unknown_sender), check_role), run_route)
