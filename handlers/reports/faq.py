"""Questions about reporting get answers, not drafts; a secretary's instruction to others is declined.

"月报什么时候交？" "截止是哪天" "怎么报" "有模板吗" are answered from the township's calendar and what
the bot already knows of the sender's village (减负: never make them ask twice or look it up).
"""
from __future__ import annotations

import dataclasses
import re

from handlers.directory import Directory
from handlers.parse import task_number_of
from handlers.quarters import month_end
from handlers.reports.filing import collecting_period, names
from handlers.reports.store import ReportsContext
from handlers.roles import REPORTERS, SUPERVISOR, TOWNSHIP_LEADERS

MAX_QUESTION_CHARS = 60
_QUESTION = re.compile(r"[?？]\s*$|[吗呢么]\s*[?？]?\s*$|怎么|咋|如何|什么时候|啥时候|哪天|几号|何时|是否|能否|能不能"
                       r"|可不可以|要不要|是不是|有没有|多久|哪里")
_ABOUT_REPORTING = re.compile(r"月报|报送|汇报|上报|报告|交|报|模板|格式|进展|进度")
_WHEN = re.compile(r"什么时候|啥时候|哪天|几号|何时|截止|期限|最晚|多久|时间")
_HOW = re.compile(r"怎么|咋|如何|模板|格式|样式|要求|填|写什么")
_ADDRESSES_OTHERS = re.compile(r"各村|各位|各社区|全体|所有村|各支部|@")
_TO_EVERY_VILLAGE = re.compile(r"各村|各社区|所有村|全体村")
HOW_TO = ("不用填表、不用模板：直接在这里发一条消息，说清哪个项目、本月做了什么、进度多少、有什么问题、下步打算。"
          "例如：“征地搬迁本月新签协议5户，进度75%，问题是安置房进度慢，下月完成剩余签约。”"
          "我会整理成卡片，您回复“确认”即可；可以带照片。")


def _day(period: str) -> str:
    end = month_end(period)
    return f"{end.month}月{end.day}日"


async def _owed(ctx: ReportsContext, directory: Directory, period: str) -> str:
    """What the sender's village still owes for `period`, in one line ('' when nothing)."""
    village = ctx.person.reporting_village
    if ctx.person.role not in REPORTERS or village is None:
        return ""
    reports = {r.project_id: r for r in await ctx.store.reports.for_period(ctx.person.township_id, period)}
    missing = [p.title for p in directory.projects_of(village) if p.id not in reports]
    drafts = [p.title for p in directory.projects_of(village)
              if p.id in reports and reports[p.id].status != "confirmed"]
    month = int(period[5:])
    parts = [f"还未报：{'、'.join(missing)}"] if missing else []
    parts += [f"待确认：{'、'.join(drafts)}（回复“确认”即可）"] if drafts else []
    return f"{village}{month}月" + "；".join(parts) + "。" if parts else f"{village}{month}月的月报都已确认，谢谢！"


async def _when(ctx: ReportsContext, directory: Directory) -> str:
    today = directory.local(ctx.now).date()
    this_month, collecting = f"{today.year:04d}-{today.month:02d}", collecting_period(directory, ctx.now)
    entries = {e.job: e for e in await ctx.store.calendar.entries(ctx.person.township_id)}
    window, reminder = entries.get("month_end_check"), entries.get("deadline_reminder")
    lines = [f"月报每月一报，截止到当月最后一天：{today.month}月的请在{_day(this_month)}前报送。"]
    if window is not None and window.enabled and reminder is not None and reminder.enabled:
        lines.append(f"每月{window.day}日提醒开始报送，截止日{reminder.at:%H:%M}只提醒还没报的。")
    if collecting != this_month:
        lines.append(f"{int(collecting[5:])}月的截止日（{_day(collecting)}）已过，还没报的现在补报即可，会注明逾期。")
    owed = await _owed(ctx, directory, collecting)
    return "\n".join(lines + ([owed] if owed else []))


async def answer_question(ctx: ReportsContext, directory: Directory) -> bool:
    """Answer a question about when or how to report; False when the message is no such question."""
    text = ctx.args.strip()
    if (len(text) > MAX_QUESTION_CHARS or not _QUESTION.search(text) or not _ABOUT_REPORTING.search(text)
            or task_number_of(text) is not None):
        return False
    if _WHEN.search(text):
        ctx.reply(await _when(ctx, directory))
        return True
    if _HOW.search(text):
        extra = "" if ctx.person.role in REPORTERS else "\n各村报送情况可发“未报”查看。"
        ctx.reply(HOW_TO + extra)
        return True
    return False


def decline_instruction(ctx: ReportsContext, directory: Directory) -> bool:
    """A reporter or a supervisor telling others to do something ("各村…前上报…"): say who hands off; nothing is
    filed."""
    supervisor = ctx.person.role == SUPERVISOR
    # A supervisor has no reports to be misread as orders, so any order with someone named is declined, not only
    # one to 各村 ("石门村 黄书记 这周把分红方案报上来"). A grid worker's "@王书记 二组路灯坏了，请尽快派人修" is an
    # issue: only an order to every village is theirs to be told whose it is.
    addressed = _TO_EVERY_VILLAGE if ctx.person.role == "grid_worker" else _ADDRESSES_OTHERS
    if ctx.person.role not in REPORTERS + (SUPERVISOR, "grid_worker") \
            or not (supervisor or addressed.search(ctx.args)):
        return False
    own = directory.as_registry_person(ctx.person)
    # "督导发现…，请10天内整改" is an inspection, a supervisor's own work; "申报…" is a project step others take (and
    # the project step refuses it by name): neither is an order.
    if supervisor and any(directory.parser.parse(ctx.args, who, ctx.now).kind == "project"
                          for who in (own, directory.as_reporter(ctx.person))):
        return False
    as_leader = dataclasses.replace(own, role=TOWNSHIP_LEADERS[0])
    parsed = directory.parser.parse(ctx.args, as_leader, ctx.now)
    if parsed.kind != "handoff" or parsed.handoff is None or (supervisor and not parsed.handoff.assignees):
        return False
    leaders = [p for p in directory.registry.people if p.role in TOWNSHIP_LEADERS]
    what = "这条没有记成月报" if ctx.person.role in REPORTERS else "这条没有生成任务"
    ctx.reply(f"抱歉，给各村交办任务由镇领导或党建办发出（{names(tuple(leaders))}），{what}。"
              "如需各村报送材料，请联系他们交办。")
    return True
