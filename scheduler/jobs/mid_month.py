"""The 15th (月中督办): projects not yet reported, tasks due within 7 days and overdue issues to the township
group; each owner of an unreported project by direct message (a filed draft only needs its confirmation)."""
from __future__ import annotations

import datetime as dt

from handlers.refs import ProjectRef, ReportView
from handlers.tasks.cards import day
from scheduler.context import JobContext
from scheduler.jobs._audience import directory_of, listing, month_words, to_chats, to_people
from scheduler.jobs._owed import confirm_buttons, confirm_lines, owed
from scheduler.stores import MidMonthStore

SOON = dt.timedelta(days=7)


def _owner_text(period: str, missing: list[ProjectRef], drafts: tuple[ReportView, ...]) -> str:
    titles = "、".join(p.title for p in missing)
    lines = [f"您好，{month_words(period)}以下项目还没有报送进展：{titles}。直接回复进展即可。"
             if missing else f"您好，{month_words(period)}月报："]
    return "\n".join(lines + confirm_lines(drafts))


async def job(ctx: JobContext[MidMonthStore], now: dt.datetime) -> int:
    """The supervision summary, and a nudge to each owner who has not reported."""
    assert ctx.township_id is not None and ctx.period is not None
    today = now.astimezone(ctx.zone).date()
    async with ctx.uow() as store:
        directory = await directory_of(ctx, store)
        villages = await owed(store, directory, ctx.township_id, ctx.period)
        missing = [title for village in villages for title in village.titles()]
        soon = [t for t in await store.tasks.with_deadlines(ctx.township_id)
                if t.deadline and today <= t.deadline <= today + SOON]
        late = [i for i in await store.issues.open_issues(ctx.township_id) if i.due_at and i.due_at < now]
        lines = [f"🔎 {month_words(ctx.period)}月中督办",
                 f"本月尚未报送进展的项目（{len(missing)}）：" + listing(missing),
                 f"7天内到期的任务（{len(soon)}）：" + listing(
                     [f"#{t.number} {t.assignee} {day(t.deadline)}前" for t in soon if t.deadline], "；"),
                 f"超时限未办结的事件（{len(late)}）：" + listing([f"#E{i.number}" for i in late])]
        messages = to_chats(await store.places.township_chats(ctx.township_id), "\n".join(lines),
                            f"mid-month:{ctx.period}")
        projects = {p.id: p for p in directory.projects}
        owners: dict[str, tuple[list[ProjectRef], list[ReportView]]] = {}
        for village in villages:
            for project in village.missing:
                if project.owner:
                    owners.setdefault(project.owner, ([], []))[0].append(project)
            for draft in village.drafts:
                if owner := projects[draft.project_id].owner:
                    owners.setdefault(owner, ([], []))[1].append(draft)
        people = await store.people.by_name_many(list(owners), ctx.township_id)
        for name, (unreported, drafts) in owners.items():
            if name in people:
                messages += await to_people(store, [people[name]], _owner_text(ctx.period, unreported, tuple(drafts)),
                                            f"mid-month:{ctx.period}:owner", buttons=confirm_buttons(tuple(drafts)))
        return await store.outbox.enqueue(messages, now)
