"""今日待办 (减负): whatever the bot has for a person on a working day goes out as one message.

Calendar jobs and reminders never write to a person directly: `to_people` marks each notice `daily`, and the
outbox stores it held, unseen by the sender. The runner calls this step at every tick; on a working day from
09:00 (when the day's reminders are made) until 21:00 it queues, for each private chat with held notices that
are due, one note in their place — keyed by chat and day, so the first note of a day is the only one: what is
held after it waits for the next working day's note. The note and the marking of its parts share one
transaction (storage.repositories.outbox), so a second run, a restart or a second instance finds the key taken
and changes nothing, and each notice goes out once. Not held: replies, a colleague's action passed on at once
(a hand-off, a 办结), group messages, and urgent safety issues, which go at once, day or night.
"""
from __future__ import annotations

import datetime as dt
from itertools import groupby

from handlers.issue_policy import EVENING
from handlers.messages import HeldNotice, OutgoingMessage
from handlers.parse import is_workday
from scheduler.context import JobContext
from scheduler.stores import NoteStore

AT = dt.time(9, 0)  # the note goes from the morning tick on; the runner makes the day's reminders then too


def note(parts: list[HeldNotice], day: dt.date) -> OutgoingMessage:
    """One message for a chat's held notices: one alone as it is, several under a 今日待办 heading."""
    messages = [part.message for part in parts]
    first = messages[0]
    text = first.text if len(messages) == 1 else "\n\n".join(
        [f"🔔 今日待办（{len(messages)}项）", *(m.text for m in messages)])
    return OutgoingMessage(first.platform, first.chat_id, text, key=f"today:{day}:{first.platform}:{first.chat_id}",
                           buttons=tuple(row for m in messages for row in m.buttons),
                           attachments=tuple(a for m in messages for a in m.attachments),
                           card=any(m.card for m in messages))


async def job(ctx: JobContext[NoteStore], now: dt.datetime) -> int:
    """Queue today's note for each chat that has held notices due and no note yet today; how many were queued."""
    local = now.astimezone(ctx.zone)
    if not is_workday(local.date()) or not AT <= local.time() < EVENING:
        return 0
    queued = 0
    async with ctx.uow() as store:
        held = await store.outbox.held(now)
        for _, chat in groupby(held, key=lambda h: (h.message.platform, h.message.chat_id)):
            parts = list(chat)
            queued += await store.outbox.merge(note(parts, local.date()), parts, now)
    return queued
