"""A card that waits for “确认” before it changes anything (a holiday table, a roster change, a roster file)."""
from __future__ import annotations

from typing import Protocol

from handlers.context import Context
from handlers.ports import ConversationRepo, DirectoryStore
from handlers.questions import answer_of


class Asking(DirectoryStore, Protocol):
    """What closing a card's question uses."""

    @property
    def conversations(self) -> ConversationRepo: ...


async def settled(ctx: Context[Asking], cancelled: str) -> bool | None:
    """The answer to the open card: None when this is no answer (a new topic); else the card is closed, and
    False (取消, and `cancelled` said) or True (确认: go ahead)."""
    yes = answer_of(ctx.args)
    if yes is not None:
        await ctx.store.conversations.clear(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id)
        if not yes:
            ctx.reply(cancelled)
    return yes
