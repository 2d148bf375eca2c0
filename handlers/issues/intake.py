"""Logging an issue from the field: the card back, notices to the village (and township when urgent),
and corrections in plain words ("类别改为安全隐患", "是三组", "不紧急")."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from handlers.directory import Directory
from handlers.issue_policy import is_immediate, working_time
from handlers.issues.access import logging_refusal, refusal
from handlers.issues.cards import CATEGORY, logged_card, notice
from handlers.issues.store import IssuesContext
from handlers.parse import IssueBlock, location_of
from handlers.questions import QUESTION_TTL, QuestionKind
from handlers.refs import IssueRef, NewIssue
from handlers.roles import REPORTERS, TOWNSHIP_LEADERS

VILLAGE_OFFICERS = REPORTERS
_CATEGORY_WORDS = {"安全": "safety", "隐患": "safety", "纠纷": "dispute", "矛盾": "dispute", "环境": "environment",
                   "卫生": "environment", "民生": "livelihood", "诉求": "livelihood", "政策": "policy",
                   "咨询": "policy", "其他": "other"}
_CATEGORY_CHANGE = re.compile(r"(?:类别|类型|分类)\s*(?:改为|改成|应该是|是|为)\s*(?P<v>\S+)")
_PLACE_CHANGE = re.compile(r"^(?:地点|位置|网格)?\s*(?:改为|改成|应该是|是|在)\s*(?P<v>\S{1,12}?)(?:的)?$")
_URGENCY = re.compile(r"^(?P<no>不|不是|没那么)?(?:很)?紧急(?:的)?$")


def _grids(directory: Directory, village: str | None) -> tuple[str, ...]:
    """The village's grids; none when it is not named or the registry no longer lists it."""
    entry = directory.registry.village(village) if village else None
    return tuple(entry.grids) if entry is not None else ()


async def people_to_tell(ctx: IssuesContext, directory: Directory, issue: IssueRef) -> list[tuple[str, str]]:
    """The village's secretary and contact officials, and for an urgent safety issue the township leaders."""
    names = [p.name for p in directory.registry.people
             if (p.village == issue.village and p.role in VILLAGE_OFFICERS)
             or (is_immediate(issue.category, issue.urgent) and p.role in TOWNSHIP_LEADERS)]
    chats: list[tuple[str, str]] = []
    for person in (await ctx.store.people.by_name_many(names, ctx.person.township_id)).values():
        if person.id != ctx.person.id:
            chats += await ctx.store.people.direct_chats(person.id)
    return chats


def pass_on(ctx: IssuesContext, chats: list[tuple[str, str]], issue: IssueRef, text: str, key: str,
            local: dt.datetime, *, alarm: bool = True) -> None:
    """Tell other chats about an issue: an alarm on an urgent safety issue at once, day or night; anything else
    (any issue's 办结 among it: nobody need act) in working hours."""
    immediate = alarm and is_immediate(issue.category, issue.urgent)
    ctx.send_to(chats, text, key, not_before=None if immediate else working_time(local), urgent=immediate)


async def log_issue(ctx: IssuesContext, directory: Directory, block: IssueBlock) -> None:
    """Store an issue a message describes, answer with its card, and tell whoever must act."""
    village = block.village or ctx.person.reporting_village
    if (why := logging_refusal(ctx.person, village)) is not None:
        ctx.reply(why)
        return
    grids = _grids(directory, village)
    grid = block.location if block.location in grids else None
    local = directory.local(ctx.now)
    attachments = ctx.msg.attachments
    pin = next((a for a in attachments if a.kind == "location"), None)
    issue = await ctx.store.issues.create(ctx.person.township_id, ctx.person.id, NewIssue(
        block.category, directory.village_ids.get(village) if village else None, grid,
        None if grid else block.location, block.urgent, block.summary,
        ctx.issue_policy.due(block.category, block.urgent, local),
        pin.latitude if pin else None, pin.longitude if pin else None,
    ), repeat_since=ctx.now - ctx.issue_policy.repeat_window, inbox_id=ctx.inbox_id, now=ctx.now)
    if photos := [a.file_id for a in attachments if a.file_id]:
        await ctx.store.issues.change(issue.id, "photos", actor_id=ctx.person.id, now=ctx.now,
                                      inbox_id=ctx.inbox_id, data={"attachments": photos})
    repeats = await ctx.store.issues.repeats(issue.id) if issue.repeat_of is not None else 1
    await ctx.store.conversations.put(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id, QuestionKind.ISSUE_CARD,
                                      {"issue_id": issue.id}, ctx.now, ctx.now + QUESTION_TTL)
    ctx.reply(logged_card(issue, directory.zone, repeats, ctx.issue_policy.repeat_window))
    pass_on(ctx, await people_to_tell(ctx, directory, issue), issue, notice(issue, directory.zone),
            f"issue:{issue.id}:new", local)


def read_issue_correction(text: str, grids: tuple[str, ...]) -> dict[str, Any] | None:
    """The fields a short correction of a logged issue changes, or None."""
    text = text.strip().rstrip("。！!")
    changes: dict[str, Any] = {}
    if match := _CATEGORY_CHANGE.search(text):
        word = match.group("v")
        code = next((c for c, name in CATEGORY.items() if name in word or word in name), None)
        code = code or next((c for w, c in _CATEGORY_WORDS.items() if w in word), None)
        if code:
            changes["category"] = code
    if match := _URGENCY.match(text):
        changes["urgent"] = match.group("no") is None
    if (match := _PLACE_CHANGE.match(text)) and (place := location_of(match.group("v"), grids)):
        changes["grid" if place in grids else "location"] = place
    return changes or None


async def correct(ctx: IssuesContext, directory: Directory, issue: IssueRef, text: str) -> bool:
    """Apply a correction ("类别改为矛盾纠纷", "是三组", "不紧急") if the sender may; False when the text is none."""
    changes = read_issue_correction(text, _grids(directory, issue.village))
    if changes is None:
        return False
    if (why := refusal(ctx.person, issue, "corrected")) is not None:
        ctx.reply(why)
        return True
    category, urgent = changes.get("category", issue.category), changes.get("urgent", issue.urgent)
    said = issue.grid or issue.location  # "二组…" said first, "是三组" after: the summary says where it is too
    place = changes.get("grid") or changes.get("location")
    if said and place and said != place and said in issue.summary:
        changes["summary"] = issue.summary.replace(said, place)
    changes["due_at"] = ctx.issue_policy.due(category, urgent, directory.local(issue.created_at))
    issue = await ctx.store.issues.change(issue.id, "corrected", actor_id=ctx.person.id, now=ctx.now,
                                          inbox_id=ctx.inbox_id, note=text, **changes)
    repeats = await ctx.store.issues.repeats(issue.id) if issue.repeat_of is not None else 1
    card = logged_card(issue, directory.zone, repeats, ctx.issue_policy.repeat_window)
    ctx.reply(card.replace("📝 已登记", "📝 已更正"))
    return True
