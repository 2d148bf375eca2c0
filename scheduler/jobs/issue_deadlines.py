"""Grid issue time limits: an issue nobody accepted within the configured hours counts as accepted, and
an issue past its time limit is escalated once — to its village's officers and the township leaders, in
their next 今日待办 note (an urgent safety issue alone, in working hours) — and marked in its history.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from handlers.issue_policy import is_immediate, working_time
from handlers.issues.cards import kind, where
from handlers.refs import IssueRef, PersonRef
from handlers.roles import LEADERS, REPORTERS
from scheduler.context import JobContext
from scheduler.jobs._audience import to_people
from scheduler.stores import AudienceStore, IssueDeadlineStore


async def _officers(store: AudienceStore, issue: IssueRef) -> list[PersonRef]:
    people = await store.people.with_roles(issue.township_id, LEADERS)
    if issue.village:
        people += await store.people.with_roles(issue.township_id, REPORTERS, issue.village)
    return people


async def job(ctx: JobContext[IssueDeadlineStore], now: dt.datetime) -> int:
    """Auto-accept and escalate; returns how many issues changed."""
    changed = 0
    accept_before = now - dt.timedelta(hours=ctx.issue_policy.auto_accept_hours)
    send_at = working_time(now.astimezone(ctx.zone))
    async with ctx.uow() as store:
        for issue in await store.issues.needing_action(accept_before, now):
            if issue.status == "reported" and issue.created_at <= accept_before:
                await store.issues.change(issue.id, "auto_accepted", actor_id=None, now=now, inbox_id=None,
                                          status="accepted")
                changed += 1
            if issue.due_at is None or issue.due_at >= now:
                continue
            text = (f"🔴 事件 #E{issue.number} 已超过办理时限（{kind(issue)}）：{where(issue)} · {issue.summary[:30]}\n"
                    f"请尽快处置，办结后回复“#E{issue.number} 已办结”。")
            key = f"issue-overdue:{issue.id}:{issue.due_at.isoformat()}"
            # Held for the officers' next 今日待办 note, unless it is an urgent safety issue (then in working hours).
            messages = [dataclasses.replace(m, not_before=send_at)
                        for m in await to_people(store, await _officers(store, issue), text, key,
                                                 daily=not is_immediate(issue.category, issue.urgent))]
            # Keyed by the time limit: the first run after the breach sends, later runs find the keys taken.
            if await store.outbox.enqueue(messages, now):
                await store.issues.change(issue.id, "overdue", actor_id=None, now=now, inbox_id=None)
                changed += 1
    return changed
