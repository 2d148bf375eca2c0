"""The time-limit check reads only issues that need it: unaccepted too long, or overdue and not yet escalated."""
from __future__ import annotations

import datetime as dt

from bot.app import App
from scheduler.jobs import issue_deadlines
from storage.models import Issue
from tests.support.chat import registered
from tests.support.rows import rows


async def _needing(app: App, accept_before: dt.datetime, now: dt.datetime) -> list[int]:
    async with app.uow() as store:
        return [i.number for i in await store.issues.needing_action(accept_before, now)]


async def test_an_escalated_issue_is_not_read_again_until_its_limit_moves(app: App) -> None:
    wu = await registered(app, "吴桂英")
    await registered(app, "王建国")  # the village secretary, who is told when the limit passes
    await wu.say("二组两户人家因为宅基地边界吵起来了，请村里调解")  # dispute: 3 working days
    (issue,) = await rows(app, Issue)
    assert issue.due_at is not None
    before_limit = issue.due_at - dt.timedelta(minutes=1)
    assert await _needing(app, issue.created_at - dt.timedelta(seconds=1), before_limit) == []  # fresh, in time
    assert await _needing(app, issue.created_at, before_limit) == [1]  # unaccepted long enough
    ctx = app.job_context()
    await issue_deadlines.job(ctx, before_limit)  # auto-accepted
    after = issue.due_at + dt.timedelta(hours=1)
    assert await _needing(app, after, before_limit) == []
    assert await _needing(app, after, after) == [1]  # overdue, not yet escalated
    assert await issue_deadlines.job(ctx, after) == 1
    assert await _needing(app, after, after + dt.timedelta(days=1)) == []  # escalated for this limit
    async with app.uow() as store:  # a new limit (as an extension would set) that passes again
        await store.session.execute(Issue.__table__.update().values(due_at=after + dt.timedelta(days=2)))
    assert await _needing(app, after, after + dt.timedelta(days=3)) == [1]
