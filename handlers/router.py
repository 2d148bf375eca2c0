"""One router for every kind of message (aiogram-style): commands, buttons, replies to the bot, answers, text.

`/bind 千佛塔村` and `绑定 千佛塔村` reach the same handler. Anything else goes to `dispatch`, which
tries, in this order: a pressed button (decoded and validated by handlers.callbacks), a reply to a bot
message that carried buttons, the answer to the sender's open question, then each feature's text step
by its priority. Feature modules register on their own router; `include` merges them and refuses a
second handler for the same button, question, event or priority, so nothing is silently overwritten.
"""
from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from handlers.callbacks import CallbackData, ChoiceButton, unpack
from handlers.context import Context

# Each feature's handlers take the context of its own store (Context[ReportsStore], …): any of them here.
Handler = Callable[[Context[Any]], Awaitable[None]]
# An answer handler reads a message as the answer to an open question; False: it is not one (a new topic).
AnswerHandler = Callable[[Context[Any]], Awaitable[bool]]
ButtonHandler = Callable[[Context[Any], Any], Awaitable[object]]
ReplyHandler = Callable[[Context[Any], Any], Awaitable[bool]]
Step = Callable[[Context[Any]], Awaitable[bool]]
T = TypeVar("T")

_SEPARATORS = re.compile(r"^[\s:：,，]+")
STALE_BUTTON = "这个按钮已失效，请重新发送消息或发送“帮助”。"
STALE_CHOICE = "这个选项已过期，请重新发送那条消息。"
NOT_UNDERSTOOD = "没有看懂这条消息。发送“帮助”查看可以做什么。"


@dataclass(frozen=True)
class Route:
    """Commands and words that reach one handler; `takes_args` lets a word be followed by arguments, and
    `args` (a pattern) limits which: "任务 12" is a query, "任务12已办结" is not."""

    handler: Handler
    commands: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    takes_args: bool = False
    args: re.Pattern[str] | None = None
    roles: tuple[str, ...] = ()  # when set, anyone else gets `refusal` (checked by handlers.middleware)
    refusal: str = ""


def _register(table: dict[Any, T], key: Any, handler: T, what: str) -> None:
    if key in table:
        raise ValueError(f"two handlers for {what} {key!r}")
    table[key] = handler


def _adding(table: dict[Any, T], key: Any, what: str) -> Callable[[T], T]:
    """A decorator that registers its function under `key` (once)."""
    def decorate(handler: T) -> T:
        _register(table, key, handler, what)
        return handler
    return decorate


class Router:
    """Routes of one feature module, or (after `include`) of the whole bot."""

    def __init__(self) -> None:
        self.routes: list[Route] = []
        self._events: dict[str, Handler] = {}
        self._answers: dict[str, AnswerHandler] = {}
        self._buttons: dict[type[CallbackData], ButtonHandler] = {}
        self._replies: dict[type[CallbackData], ReplyHandler] = {}
        self._steps: dict[int, Step] = {}

    def command(self, *commands: str, words: tuple[str, ...] = (), takes_args: bool = False,
                args: str | None = None, roles: tuple[str, ...] = (),
                refusal: str = "") -> Callable[[Handler], Handler]:
        """Register a handler for `/command` and for the given Chinese words (`args`: what may follow them;
        `roles`: who may use it, anyone else gets `refusal`)."""
        if roles and not refusal:
            raise ValueError(f"/{commands[0]}: a command for some roles needs the refusal the others get")

        def decorate(handler: Handler) -> Handler:
            pattern = re.compile(args) if args else None
            self.routes.append(Route(handler, tuple(c.lower() for c in commands), words, takes_args or bool(args),
                                     pattern, roles, refusal))
            return handler
        return decorate

    def on_event(self, name: str) -> Callable[[Handler], Handler]:
        """Register the handler for a chat event ("joined", "left")."""
        return _adding(self._events, name, "event")

    def on_answer(self, kind: str) -> Callable[[AnswerHandler], AnswerHandler]:
        """Register the reader of answers to an open question of this kind (see `QuestionKind`)."""
        return _adding(self._answers, str(kind), "question")

    def on_button(self, kind: type[CallbackData]) -> Callable[[ButtonHandler], ButtonHandler]:
        """Register the handler of a pressed button of this kind; it gets the decoded button."""
        return _adding(self._buttons, kind, "button")

    def on_reply(self, kind: type[CallbackData]) -> Callable[[ReplyHandler], ReplyHandler]:
        """Register the reader of a text reply to a bot message that carried buttons of this kind."""
        return _adding(self._replies, kind, "reply to button")

    def on_text(self, priority: int) -> Callable[[Step], Step]:
        """Register a step that may take free text (lower priority runs first); False lets the next one try."""
        return _adding(self._steps, priority, "text step priority")

    def event_route(self, name: str) -> Route | None:
        """The route of a chat event, if any."""
        handler = self._events.get(name)
        return None if handler is None else Route(handler)

    def include(self, other: Router) -> None:
        """Take over another router's routes and handlers; a second handler for the same key is an error."""
        self.routes.extend(other.routes)
        tables: tuple[tuple[dict[Any, Any], dict[Any, Any], str], ...] = (
            (self._events, other._events, "event"), (self._answers, other._answers, "question"),
            (self._buttons, other._buttons, "button"), (self._replies, other._replies, "reply to button"),
            (self._steps, other._steps, "text step priority"))
        for mine, theirs, what in tables:
            for key, handler in theirs.items():
                _register(mine, key, handler, what)

    def match(self, text: str) -> tuple[Route, str]:
        """(route, arguments) for a message text; free text goes to `dispatch`."""
        text = text.strip()
        if text.startswith("/"):
            head, _, rest = text[1:].partition(" ")
            name = head.split("@", 1)[0].lower()
            for route in self.routes:
                if name in route.commands:
                    return route, rest.strip()
            return Route(self.dispatch), text
        for route in self.routes:
            for word in route.words:
                if text == word:
                    return route, ""
                # Chinese is written without spaces: "绑定千佛塔村" is "绑定" + "千佛塔村".
                if route.takes_args and text.startswith(word):
                    rest = _SEPARATORS.sub("", text[len(word):]).strip()
                    if route.args is None or route.args.fullmatch(rest):
                        return route, rest
        return Route(self.dispatch), text

    async def dispatch(self, ctx: Context[Any]) -> None:
        """A button, a reply, an answer or free text: the first handler that takes it."""
        if ctx.msg.action is not None:
            await self._press(ctx)
            return
        for data in ctx.replied_actions:  # a reply to a card is about that card, whatever else is open
            button = unpack(data)
            reader = self._replies.get(type(button)) if button is not None else None
            if reader is not None and await reader(ctx, button):
                return
        answer = self._answers.get(ctx.question.kind) if ctx.question is not None else None
        if answer is not None and await answer(ctx):
            return
        for _, step in sorted(self._steps.items()):
            if await step(ctx):
                return
        if ctx.msg.addressed:  # group chatter not aimed at the bot gets no answer
            ctx.reply(NOT_UNDERSTOOD)

    async def _press(self, ctx: Context[Any]) -> None:
        button = unpack(ctx.msg.action or "")
        ctx.button = button
        if isinstance(button, ChoiceButton):  # a numbered option answers the open question, if still open
            answer = self._answers.get(ctx.question.kind) if ctx.question is not None else None
            if answer is None or not await answer(ctx):
                ctx.reply(STALE_CHOICE)
            return
        handler = self._buttons.get(type(button)) if button is not None else None
        if handler is None:  # forged, stale or foreign data: one polite line, nothing changes
            ctx.reply(STALE_BUTTON)
            return
        if await handler(ctx, button) is False:  # ours, but about nothing this sender can act on now
            ctx.reply(STALE_BUTTON)
