"""On the first working day of December, and again of January, while next year's (this year's) official holiday
schedule is missing: tell each township's admins how to load the State Council's notice."""
from __future__ import annotations

import datetime as dt

from handlers.parse.workdays import is_official
from scheduler.context import JobContext
from scheduler.jobs._audience import to_people
from scheduler.stores import AudienceStore


def year_to_check(local: dt.date) -> int | None:
    """The year whose schedule should be loaded by now: next year in December, this year in January."""
    return local.year + 1 if local.month == 12 else local.year if local.month == 1 else None


def text(year: int) -> str:
    """The notice to admins."""
    return (f"⚠️ 系统还没有{year}年的国务院节假日安排，日程和工作日期限暂按法定节日估算（调休上班日未知）。"
            f"收到《国务院办公厅关于{year}年部分节假日安排的通知》后，请由技术人员运行"
            f"“yuebao holidays import 文件”导入（文件格式见说明书），导入后立即生效。")


async def job(ctx: JobContext[AudienceStore], now: dt.datetime) -> int:
    """Queue the notice to every township's admins, if the year is still missing; how many messages."""
    year = year_to_check(now.astimezone(ctx.zone).date())
    if year is None or is_official(year):
        return 0
    sent = 0
    async with ctx.uow() as store:
        for township in await store.townships.all():
            admins = await store.people.with_roles(township.id, ("admin",))
            sent += await store.outbox.enqueue(await to_people(store, admins, text(year), f"holidays-missing:{year}"
                                                               f":{now.astimezone(ctx.zone):%m}"), now)
    return sent
