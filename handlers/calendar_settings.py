"""日程: the township's reporting calendar, shown and changed in chat ("月中督办改到16日", "月报截止提醒关闭")."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Protocol

from handlers.context import Context
from handlers.county_ports import CalendarRepo
from handlers.issue_policy import EVENING, MORNING
from handlers.ports import AuditRepo, DirectoryStore
from handlers.refs import PersonRef
from handlers.reporting_calendar import COUNTY_CALENDAR, DEFAULT_CALENDAR, CalendarEntry, with_partners
from handlers.roles import COUNTY_ROLES, LEADERS
from handlers.router import Router
from handlers.step_order import TextStep

router = Router()
CHANGERS = LEADERS


class CalendarStore(DirectoryStore, Protocol):
    """What showing and changing the calendar uses."""

    @property
    def calendar(self) -> CalendarRepo: ...
    @property
    def audit(self) -> AuditRepo: ...


NAMES = {e.title: e.job for e in DEFAULT_CALENDAR + COUNTY_CALENDAR} | {
    "月报告": "monthly_digest", "季通报": "quarterly_bulletin", "截止提醒": "deadline_reminder",
    "月末提醒": "deadline_reminder", "县通报": "county_bulletin", "报送截止": "town_report_due"}
COUNTY_JOBS = {e.job for e in COUNTY_CALENDAR}  # the county's own calendar: changed by county cadres only
_DAY = re.compile(r"(?:改到|改为|调到|调整到|放到)?\s*(?:每月)?\s*(?P<d>\d{1,2})\s*[日号]|(?P<last>月底|最后一天)")
_TIME = re.compile(r"(?P<h>\d{1,2})\s*(?:[:：](?P<m>\d{2})|点(?:(?P<half>半)|(?P<m2>\d{1,2})分?)?)")
_OFF = re.compile(r"关闭|停用|暂停|取消|不发")
_ON = re.compile(r"开启|恢复|打开|启用")


def in_working_hours(at: dt.time) -> bool:
    """Calendar messages never go out in the quiet hours, 21:00-08:00."""
    return MORNING <= at < EVENING


def describe(entry: CalendarEntry) -> str:
    """'月中督办：每月15日 09:00'."""
    # A deadline on day 0 moves back off holidays: it is the month's last working day, as offices say.
    last = "每月最后一个工作日" if entry.before_deadline else "每月最后一天"
    day = last if entry.day == 0 else f"每月{entry.day}日"
    months = "" if len(entry.months) == 12 else "（" + "、".join(f"{m}月" for m in entry.months) + "）"
    state = "" if entry.enabled else "（已关闭）"
    return f"{entry.title}：{day}{months} {entry.at:%H:%M}{state}"


def read_change(entry: CalendarEntry, words: str) -> CalendarEntry | None:
    """The entry as the words change it, or None when they say nothing it understands."""
    changed = entry
    if _OFF.search(words):
        changed = dataclasses.replace(changed, enabled=False)
    elif _ON.search(words):
        changed = dataclasses.replace(changed, enabled=True)
    if (day := _DAY.search(words)) is not None:
        value = 0 if day["last"] else int(day["d"])
        if not 0 <= value <= 31:
            return None
        changed = dataclasses.replace(changed, day=value)
    if (time := _TIME.search(words.replace(day.group(0) if day else "\0", ""))) is not None:
        hour, minute = int(time["h"]), 30 if time["half"] else int(time["m"] or time["m2"] or 0)
        if hour > 23 or minute > 59 or not in_working_hours(dt.time(hour, minute)):
            return None
        changed = dataclasses.replace(changed, at=dt.time(hour, minute))
    return changed if changed != entry else None


@router.command("calendar", words=("日程", "工作日程", "日程安排"))
async def show(ctx: Context[CalendarStore]) -> None:
    """The township's calendar, and its county's when the township has one."""
    entries = await ctx.store.calendar.entries(ctx.person.township_id)
    county = ""
    if ctx.person.county_id is not None:
        county = ("\n📅 县里的日程：\n"
                  + "\n".join(describe(e) for e in await ctx.store.calendar.county_entries(ctx.person.county_id)))
    ctx.reply("📅 本镇工作日程（遇节假日顺延到下一个工作日，截止提醒提前到前一个工作日）：\n"
              + "\n".join(describe(e) for e in entries) + county
              + ("\n修改示例：“月中督办改到16日”“月末督查改到26日9点”“月报截止提醒关闭”。"
                 if ctx.person.may(CHANGERS) else ""))


_NAME = "|".join(sorted(map(re.escape, NAMES), key=len, reverse=True))
# Only a short order like "月中督办改到16日" or "月报截止提醒关闭" changes the calendar, so that "月中督办要求
# 各村20日前完成整改" or "月初安排取消了吗？" are read as the messages they are.
_ORDER = re.compile(rf"^(?P<name>{_NAME})\s*(?P<words>(?:改到|改为|改成|调到|调整到|调整为|放到)\s*\S{{1,12}}"
                    r"|关闭|停用|暂停|开启|恢复|打开|启用)\s*[。!！]?$")


def refusal(person: PersonRef, job: str) -> str | None:
    """Why this person may not change this job of the calendar where they act, or None when they may."""
    if job in COUNTY_JOBS:
        if person.county_id is None or not person.may(COUNTY_ROLES):
            return "抱歉，县里的日程（月末报送、县月报告、县季通报）由县领导或县委组织部调整。发送“日程”可以查看。"
    elif not person.may(CHANGERS):
        return "抱歉，工作日程由镇领导或党建办调整。发送“日程”可以查看。"
    return None


async def entries_for(store: CalendarStore, person: PersonRef, job: str) -> dict[str, CalendarEntry]:
    """The calendar a job belongs to, by job: the county's (of the person's county) or their township's."""
    if job in COUNTY_JOBS and person.county_id is not None:
        return {e.job: e for e in await store.calendar.county_entries(person.county_id)}
    return {e.job: e for e in await store.calendar.entries(person.township_id)}


async def save_change(store: CalendarStore, person: PersonRef, entries: dict[str, CalendarEntry],
                      changed: CalendarEntry, now: dt.datetime) -> list[CalendarEntry]:
    """Store one allowed change (a county's 月末报送 day moves its partner too), each entry audited as the person's;
    the entries stored."""
    county_id = person.county_id
    stored = with_partners(entries, changed) if changed.job in COUNTY_JOBS else [changed]
    for each in stored:
        if changed.job in COUNTY_JOBS and county_id is not None:
            await store.calendar.change_county(county_id, each, person.id, now)
        else:
            await store.calendar.change(person.township_id, each, person.id, now)
        await store.audit.record(person.id, "calendar.change", each.job, {"day": each.day,
                                 "at": each.at.strftime("%H:%M"), "enabled": each.enabled}, now)
    return stored


@router.on_text(TextStep.CALENDAR_CHANGE)
async def change_order(ctx: Context[CalendarStore]) -> bool:
    """Change one job's day, time, or whether it runs, if the message is such an order; False otherwise."""
    match = _ORDER.match(ctx.args.strip())
    if match is None:
        return False
    job = NAMES[match["name"]]
    refused = refusal(ctx.person, job)
    if refused is not None:
        ctx.reply(refused)
        return True
    entries = await entries_for(ctx.store, ctx.person, job)
    entry = entries[job]
    changed = read_change(entry, match["words"])
    if changed is None:
        ctx.reply(f"没看懂要怎么调整{entry.title}（时间须在8:00–21:00之间）。"
                  f"例如：“{entry.title}改到16日”“{entry.title}改到9点半”“{entry.title}关闭”。")
        return True
    stored = await save_change(ctx.store, ctx.person, entries, changed, ctx.now)
    ctx.reply("已调整：" + "；".join(describe(each) for each in stored))
    return True
