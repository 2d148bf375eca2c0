"""Answers to what the bot asked: confirm or correct a card, pick a project or village, add photos."""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from handlers.context import Context
from handlers.directory import Directory
from handlers.ports import ReportFields
from handlers.reports.cards import report_card
from handlers.reports.corrections import read_correction
from handlers.reports.filing import file_report, is_late, store_report
from handlers.roles import REPORTERS

CONFIRM_WORDS = ("确认", "确定", "没问题", "无误", "确认无误")
PRIVATE_CONFIRM_WORDS = CONFIRM_WORDS + ("对", "对的", "是的", "好", "好的", "ok", "OK")  # too common for a group
EDIT_WORDS = ("修改", "改", "不对", "有误")
EDIT_HINT = "请直接说要改的地方，例如：“进度改成70%”“项目是XX那个”“是3月的”“问题改为……”。"
_CHOICE = re.compile(r"^\s*(?:选|第)?\s*(\d{1,2})\s*(?:个|号)?\s*[。.]?\s*$")


def _choice(ctx: Context, count: int) -> int | None:
    raw = ctx.msg.action.split(":", 1)[1] if ctx.msg.action and ctx.msg.action.startswith("choose:") else ctx.args
    match = _CHOICE.match(raw)
    if match and 1 <= int(match.group(1)) <= count:
        return int(match.group(1)) - 1
    return None


def _own_card(ctx: Context, report_id: int) -> bool:
    """Whether this report's card is the one the bot last showed this sender in this chat (they filed it)."""
    question = ctx.question
    return (question is not None and question.kind == "report_card"
            and str(question.data.get("report_id")) == str(report_id))


def _may_touch(ctx: Context, report_id: int, report_village: str) -> bool:
    """Whether the sender may confirm or correct this report: their village's, or the card they just filed."""
    person = ctx.person
    if person.role not in REPORTERS:
        return False
    # A contact official with no village may file for a village they name; only that card is theirs.
    return person.reporting_village == report_village or _own_card(ctx, report_id)


async def on_card(ctx: Context, directory: Directory, report_id: int) -> bool:
    """A message while a report card is open: confirm, edit, photos, or a correction; False if none."""
    store, text, action = ctx.store, ctx.args.strip(), ctx.msg.action or ""
    view = await store.reports.get(report_id)
    if view is None:
        return False
    if not _may_touch(ctx, report_id, view.village):
        if ctx.person.role in REPORTERS and ctx.person.reporting_village is None:
            # Said so, not passed over in silence: they meant this card but no village is known for them.
            names = "、".join(p.name for p in directory.reporters_of(view.village)) or "该村书记或包村干部"
            ctx.reply(f"抱歉，还不知道您负责哪个村，不能确认或修改{view.village}的报告，请由{names}办理。"
                      "如您负责该村，请联系镇党建办在名册中登记。")
            return True
        return False
    confirm_words = CONFIRM_WORDS if ctx.msg.chat.is_group else PRIVATE_CONFIRM_WORDS
    if text in confirm_words or action == f"report:confirm:{report_id}":
        await store.reports.confirm(report_id, ctx.now)
        await store.conversations.clear(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id)
        ctx.reply(f"✅ 已确认：{view.village} · {view.project_title}，进度 "
                  f"{view.fields.progress if view.fields.progress is not None else '未说明'}"
                  f"{'%' if view.fields.progress is not None else ''}。谢谢！", in_place=True)
        return True
    if text in EDIT_WORDS or action == f"report:edit:{report_id}":
        ctx.reply(EDIT_HINT)
        return True
    if ctx.msg.attachments and not text:
        added = await store.reports.add_evidence(report_id, ctx.msg.platform, ctx.msg.attachments,
                                                 author_id=ctx.person.id, inbox_id=ctx.inbox_id, now=ctx.now)
        ctx.reply(f"📎 已把 {added} 份材料作为佐证加入：{view.village} · {view.project_title}。")
        return True
    changes = read_correction(text, view.village, directory.parser.index, directory.local(ctx.now).date())
    if changes is None:
        return False
    return await _apply(ctx, directory, view.id, view.project_id, view.period, changes)


async def _apply(ctx: Context, directory: Directory, report_id: int, project_id: int, period: str,
                 changes: dict[str, Any]) -> bool:
    store = ctx.store
    if "project" in changes:
        project = directory.project(changes.pop("project"))
        if project is not None and project.id != project_id:
            changes["project_id"] = project.id
    target_project, target_period = changes.get("project_id", project_id), changes.get("period", period)
    if (target_project, target_period) != (project_id, period):
        clash = await store.reports.find(target_project, target_period)
        if clash is not None:
            ctx.reply(f"{clash.project_title}在{target_period}已有一份报告，未改动。"
                      "如需修改那一份，请重新发送那个月的进展。")
            return True
    if not changes:
        return False
    if "period" in changes:  # filing for another month: lateness is judged against that month
        changes["late"] = is_late(changes["period"], directory.local(ctx.now))
    view = await store.reports.revise(report_id, changes, author_id=ctx.person.id, inbox_id=ctx.inbox_id,
                                      raw_text=ctx.args, now=ctx.now)
    ctx.reply(*report_card(view))
    return True


async def on_project_choice(ctx: Context, directory: Directory, data: dict[str, Any]) -> bool:
    """The answer to 'which project?': store the report kept aside; False if this is not an answer."""
    index = _choice(ctx, len(data["options"]))
    if index is None:
        return False
    project = directory.project(data["options"][index])
    if project is None:
        return False
    fields = data["fields"]
    await store_report(ctx, directory, project, data["period"],
                       ReportFields(fields["progress"], fields["done"], fields["problems"], fields["next_plan"],
                                    tuple(fields["amounts"])), data["text"])
    return True


async def on_village_choice(ctx: Context, directory: Directory, data: dict[str, Any]) -> bool:
    """The answer to 'which village?': remember it, then read the kept message again."""
    index = _choice(ctx, len(data["options"]))
    if index is None:
        return False
    village = data["options"][index]
    village_id = directory.village_ids.get(village)
    if village_id is None:
        return False
    await ctx.store.people.remember_village(ctx.person.id, village_id)
    await ctx.store.conversations.clear(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id)
    ctx.sender = dataclasses.replace(ctx.person, remembered_village=village)
    ctx.args = data["text"]
    parsed = directory.parser.parse(data["text"], directory.as_registry_person(ctx.person), ctx.now)
    if parsed.kind != "report":
        ctx.reply(f"好的，已记住您负责{village}。")
        return True
    await file_report(ctx, directory, parsed)
    return True


async def continue_conversation(ctx: Context, directory: Directory) -> bool:
    """Treat the message as an answer to the open question, if it is one."""
    action = ctx.msg.action or ""
    if action.startswith("report:"):
        _, _, report_id = action.rpartition(":")
        if report_id.isdigit():
            return await on_card(ctx, directory, int(report_id))
    for replied in ctx.replied_actions:  # a reply to a report card is about that report
        if replied.startswith("report:confirm:"):
            return await on_card(ctx, directory, int(replied.rpartition(":")[2]))
    if ctx.question is None:
        return False
    kind, data = ctx.question.kind, ctx.question.data
    if kind == "report_card":
        return await on_card(ctx, directory, int(data["report_id"]))
    if kind == "choose_project":
        return await on_project_choice(ctx, directory, data)
    if kind == "choose_village":
        return await on_village_choice(ctx, directory, data)
    return False
