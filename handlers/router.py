"""Routing a message to its handler by slash command or Chinese command word (aiogram-style routers).

`/bind 千佛塔村` and `绑定 千佛塔村` reach the same handler; free text goes to the fallback.
"""
from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from handlers.context import Context

Handler = Callable[[Context], Awaitable[None]]
# An answer handler reads a message as the answer to an open question; False: it is not one (a new topic).
AnswerHandler = Callable[[Context], Awaitable[bool]]

_SEPARATORS = re.compile(r"^[\s:：,，]+")


@dataclass(frozen=True)
class Route:
    """Commands and words that reach one handler; `takes_args` lets a word be followed by arguments, and
    `args` (a pattern) limits which: "任务 12" is a query, "任务12已办结" is not."""

    handler: Handler
    commands: tuple[str, ...]
    words: tuple[str, ...]
    takes_args: bool
    args: re.Pattern[str] | None = None


class Router:
    """An ordered set of routes, with a fallback for text that names no command."""

    def __init__(self) -> None:
        self.routes: list[Route] = []
        self._fallback: Handler | None = None
        self._events: dict[str, Handler] = {}
        self._answers: dict[str, AnswerHandler] = {}

    def command(self, *commands: str, words: tuple[str, ...] = (), takes_args: bool = False,
                args: str | None = None) -> Callable[[Handler], Handler]:
        """Register a handler for `/command` and for the given Chinese words (`args`: what may follow them)."""
        def decorate(handler: Handler) -> Handler:
            pattern = re.compile(args) if args else None
            self.routes.append(Route(handler, tuple(c.lower() for c in commands), words, takes_args or bool(args),
                                     pattern))
            return handler
        return decorate

    def fallback(self, handler: Handler) -> Handler:
        """Register the handler for free text."""
        self._fallback = handler
        return handler

    def on_event(self, name: str) -> Callable[[Handler], Handler]:
        """Register the handler for a chat event ("joined", "left")."""
        def decorate(handler: Handler) -> Handler:
            self._events[name] = handler
            return handler
        return decorate

    def event_handler(self, name: str) -> Handler | None:
        """The handler for a chat event, if any."""
        return self._events.get(name)

    def on_answer(self, kind: str) -> Callable[[AnswerHandler], AnswerHandler]:
        """Register the reader of answers to an open question of this kind (see `Question.kind`)."""
        def decorate(handler: AnswerHandler) -> AnswerHandler:
            self._answers[kind] = handler
            return handler
        return decorate

    def answer_handler(self, kind: str) -> AnswerHandler | None:
        """The reader of answers to a question of this kind, if any."""
        return self._answers.get(kind)

    def include(self, other: Router) -> None:
        """Take over another router's routes and event handlers (and its fallback, if this one has none)."""
        self.routes.extend(other.routes)
        self._events.update(other._events)
        self._fallback = self._fallback or other._fallback

    def match(self, text: str) -> tuple[Handler | None, str, bool]:
        """(handler, arguments, is_command) for a message text; the handler is the fallback for free text."""
        text = text.strip()
        if text.startswith("/"):
            head, _, rest = text[1:].partition(" ")
            name = head.split("@", 1)[0].lower()
            for route in self.routes:
                if name in route.commands:
                    return route.handler, rest.strip(), True
            return self._fallback, text, False
        for route in self.routes:
            for word in route.words:
                if text == word:
                    return route.handler, "", True
                # Chinese is written without spaces: "绑定千佛塔村" is "绑定" + "千佛塔村".
                if route.takes_args and text.startswith(word):
                    rest = _SEPARATORS.sub("", text[len(word):]).strip()
                    if route.args is None or route.args.fullmatch(rest):
                        return route.handler, rest, True
        return self._fallback, text, False
