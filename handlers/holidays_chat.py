"""The State Council's holiday notice pasted in chat by an admin: read back as a table, stored on "确认"."""
from __future__ import annotations

import datetime as dt
from typing import Protocol

from handlers.confirm import settled
from handlers.context import Context
from handlers.holiday_schedule import ScheduleError, from_notice, looks_like_notice, schedule, summary
from handlers.parse.workdays import use_office_days
from handlers.ports import AuditRepo, ConversationRepo, DirectoryStore, OfficeDayRepo
from handlers.questions import QuestionKind
from handlers.router import Router
from handlers.step_order import TextStep

router = Router()
LOADERS = ("admin", "county_admin")  # the table is the whole installation's, not one township's
TTL = dt.timedelta(days=1)


class HolidaysStore(DirectoryStore, Protocol):
    """What loading a holiday schedule in chat uses."""

    @property
    def office_days(self) -> OfficeDayRepo: ...
    @property
    def conversations(self) -> ConversationRepo: ...
    @property
    def audit(self) -> AuditRepo: ...


HolidaysContext = Context[HolidaysStore]


@router.on_text(TextStep.HOLIDAY_NOTICE)
async def notice(ctx: HolidaysContext) -> bool:
    """A pasted "XXXX年部分节假日安排：…": shown back for 确认 (admins), or refused politely; False otherwise."""
    if not looks_like_notice(ctx.args):
        return False
    if not ctx.person.may(LOADERS):
        if ctx.msg.addressed:  # forwarded into a group for everyone to read: no answer there
            ctx.reply("节假日安排由党建办管理员导入，请把通知转给管理员。")
        return True
    try:
        found = from_notice(ctx.args)
    except ScheduleError as exc:
        ctx.reply("这份节假日安排没能读全，没有保存：\n" + str(exc) + "\n请检查后重新粘贴，或由技术人员用文件导入。")
        return True
    await ctx.store.conversations.put(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id,
                                      QuestionKind.HOLIDAY_SCHEDULE,
                                      {"year": found.year, "source": found.source,
                                       "off": sorted(d.isoformat() for d in found.off),
                                       "workdays": sorted(d.isoformat() for d in found.workdays)},
                                      ctx.now, ctx.now + TTL)
    ctx.reply(f"📅 读到 {found.year} 年节假日安排（{found.source}）：\n" + "\n".join(summary(found))
              + f"\n共放假 {len(found.off)} 天、调休上班 {len(found.workdays)} 天。"
              "请核对，回复“确认”保存（用于日程、期限和提醒），回复“取消”不保存。")
    return True


@router.on_answer(QuestionKind.HOLIDAY_SCHEDULE)
async def answer(ctx: HolidaysContext) -> bool:
    """确认 stores the schedule read back, 取消 drops it; anything else is a new topic (False)."""
    assert ctx.question is not None
    yes = await settled(ctx, "好的，没有保存。")
    if yes is None:
        return False
    if not yes:
        return True
    data = ctx.question.data
    found = schedule(data["year"], data["source"],
                     [(dt.date.fromisoformat(d), dt.date.fromisoformat(d)) for d in data["off"]],
                     [dt.date.fromisoformat(d) for d in data["workdays"]])
    await ctx.store.office_days.replace_year(found.year, found.days(), found.source, ctx.person.id, ctx.now)
    await ctx.store.audit.record(ctx.person.id, "holidays.import", str(found.year), {"source": found.source},
                                 ctx.now)
    use_office_days(await ctx.store.office_days.all())  # this process at once; others on their next tick
    ctx.reply(f"✅ 已保存 {found.year} 年节假日安排，日程、办理时限和提醒将按此计算。")
    return True
