"""What a handler gets: the message, who sent it, where, the store, the time, and a way to reply."""
from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from handlers.callbacks import CallbackData
from handlers.directory import Directory, DirectoryCache
from handlers.issue_policy import IssuePolicy
from handlers.messages import Attachment, Button, IncomingMessage, OutgoingMessage
from handlers.parse import PARSER_ERROR, ParsedMessage
from handlers.ports import DirectoryStore, LedgerFiles, RosterFiles
from handlers.refs import PersonRef, PlaceRef, Question

if TYPE_CHECKING:  # the router imports this module
    from handlers.router import Route

class ParserFailed(Exception):
    """The parser failed on this message: handling stops, and the stored row is marked failed for a replay."""


@dataclass(frozen=True)
class Reply:
    """A message back to the chat the incoming one came from."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    in_place: bool = False  # replace the card whose button was pressed, where the platform can
    attachments: tuple[Attachment, ...] = ()  # files sent after the text (a workbook, a chart)


@dataclass(frozen=True)
class Later:
    """A reply whose file is made after the message's transaction commits (rendering must not hold the write lock)."""

    text: str
    render: Callable[[], Awaitable[Attachment]]


# The store a handler sees: each feature declares the repositories it uses (handlers/reports/store.py, …), and
# mypy keeps it to them. Covariant, so the pipeline's full store serves every feature.
S = TypeVar("S", bound=DirectoryStore, covariant=True)


@dataclass
class Context(Generic[S]):
    """One message being handled; replies collect here and go to the outbox with the unit of work."""

    msg: IncomingMessage
    store: S
    now: dt.datetime
    inbox_id: int
    directories: DirectoryCache
    issue_policy: IssuePolicy
    ledger_files: LedgerFiles | None  # how the 台账 workbook is made; None where files cannot be made
    roster_files: RosterFiles | None = None  # how a roster file an admin sends is read; None: not in chat
    console_url: str | None = None  # the web console's public root; None: no console is served
    # Filled in by the steps before the handler (handlers.middleware):
    sender: PersonRef | None = None
    left_roster: bool = False  # the sender's account belongs to someone no longer on the roster
    chat: PlaceRef | None = None  # the village or township a group chat is bound to
    question: Question | None = None  # what the bot last asked this sender in this chat
    replied_actions: tuple[str, ...] = ()  # the buttons of the bot message this one replies to
    route: Route | None = None
    args: str = ""
    button: CallbackData | None = None  # the pressed button, decoded (None when none was, or it was not ours)
    error: str | None = None  # what went wrong, when the handler raised
    replies: list[Reply] = field(default_factory=list)
    outgoing: list[OutgoingMessage] = field(default_factory=list)  # messages to other chats
    later: list[Later] = field(default_factory=list)  # replies with a file made once the message is committed
    _parsed: ParsedMessage | None = None

    def reply(self, text: str, buttons: tuple[tuple[Button, ...], ...] = (), *, in_place: bool = False,
              attachments: tuple[Attachment, ...] = ()) -> None:
        """Answer in the same chat; `in_place` updates the pressed card instead, where the platform can."""
        self.replies.append(Reply(text, buttons, in_place, attachments))

    def reply_later(self, text: str, render: Callable[[], Awaitable[Attachment]]) -> None:
        """Answer with a file that `render` makes after this message's unit of work has committed."""
        self.later.append(Later(text, render))

    def send_to(self, chats: list[tuple[str, str]], text: str, key: str,
                buttons: tuple[tuple[Button, ...], ...] = (), *, not_before: dt.datetime | None = None,
                urgent: bool = False, daily: bool = False) -> None:
        """Send to other chats (platform, chat id); `key` makes each delivery happen once; `not_before`
        holds it (for working hours); `daily` holds it for the recipient's one 今日待办 note instead."""
        self.outgoing.extend(OutgoingMessage(platform, chat_id, text, key=f"{key}:{platform}:{chat_id}",
                                             buttons=buttons, not_before=not_before, urgent=urgent, daily=daily)
                             for platform, chat_id in chats)

    @property
    def person(self) -> PersonRef:
        """The registered sender (handlers behind the router only run for registered senders)."""
        assert self.sender is not None, "handler reached without a registered sender"
        return self.sender

    async def directory(self) -> Directory:
        """The sender's township registry, parser and ids."""
        return await self.directories.get(self.store, self.person.township_id, self.person.registry_version)

    async def parsed(self) -> ParsedMessage:
        """The message text read by the township's parser (once per message, whichever step asks first)."""
        if self._parsed is None:
            directory = await self.directory()
            parsed = directory.parser.parse(self.args, directory.as_registry_person(self.person), self.now)
            # Not read as "other" (a wrong "没有看懂", the message forgotten): the pipeline logs the failure with
            # the inbox id and marks the row failed, so `yuebao inbox replay` reads it again once the parser is fixed.
            failure = next((w for w in parsed.warnings if w.startswith(PARSER_ERROR)), None)
            if failure is not None:
                raise ParserFailed(failure)
            self._parsed = parsed
        return self._parsed
