"""Who calendar jobs write to, and how they speak of periods and tasks."""
from __future__ import annotations

from handlers.directory import Directory
from handlers.messages import Attachment, Button, OutgoingMessage
from handlers.refs import PersonRef, TaskRef
from handlers.summary_lifecycle import MilestoneRow
from handlers.tasks.cards import day
from scheduler.context import JobContext
from scheduler.stores import AudienceStore


def listing(items: list[str], sep: str = "、") -> str:
    """Items joined, or 无 when there are none."""
    return sep.join(items) or "无"


def month_words(period: str) -> str:
    """'3月'."""
    return f"{int(period.split('-')[1])}月"


def task_item(task: TaskRef, *, overdue: bool) -> str:
    """'#7 柳溪村何秀兰 上报集体经济收入台账 3月31日到期' (or '…前' while not overdue), for lists to a group."""
    when = f"{day(task.deadline)}{'到期' if overdue else '前'}" if task.deadline else ""
    return f"#{task.number} {task.village or ''}{task.assignee} {task.title[:20]} {when}"


async def directory_of(ctx: JobContext[object], store: AudienceStore) -> Directory:
    """The township's directory (registry, projects, parser), as the handlers use it."""
    assert ctx.township_id is not None
    township = await store.townships.get(ctx.township_id)
    if township is None:
        raise LookupError(f"township {ctx.township_id} is not in the database")
    return await ctx.directories.get(store, township.id, township.registry_version)


Buttons = tuple[tuple[Button, ...], ...]


async def to_people(store: AudienceStore, people: list[PersonRef], text: str, key: str, *, card: bool = False,
                    attachments: tuple[Attachment, ...] = (), buttons: Buttons = (),
                    daily: bool = True) -> list[OutgoingMessage]:
    """A notice to each person's private chats, each keyed once per chat; held for the day's 今日待办 note
    (scheduler.jobs.daily_note) unless `daily` is False (urgent safety)."""
    chats: list[tuple[str, str]] = []
    for person in people:
        chats += await store.people.direct_chats(person.id)
    return to_chats(chats, text, key, card=card, attachments=attachments, buttons=buttons, daily=daily)


def to_chats(chats: list[tuple[str, str]], text: str, key: str, *, card: bool = False,
             attachments: tuple[Attachment, ...] = (), buttons: Buttons = (),
             daily: bool = False) -> list[OutgoingMessage]:
    """A message to each chat, each keyed once per chat."""
    return [OutgoingMessage(platform, chat, text, key=f"{key}:{platform}:{chat}", card=card, attachments=attachments,
                            buttons=buttons, daily=daily) for platform, chat in chats]


def milestone_item(milestone: MilestoneRow, *, overdue: bool = False) -> str:
    """'千佛塔村·征地搬迁攻坚：完成签约（4月30日）' (…到期 when overdue; ticked ones say so), for lists to a group."""
    when = day(milestone.due) + ("到期" if overdue else "") if milestone.due else "未定日期"
    done = "，已完成" if milestone.done_at else ""
    return f"{milestone.village or '镇级'}·{milestone.project}：{milestone.title}（{when}{done}）"
