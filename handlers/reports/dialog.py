"""Answers to an open report card: confirm (all or one), edit, photos, or a correction of the fields it names.

A message while a card is open is read as an answer first. Only a message that is clearly something
else (a new report, a hand-off, a question) is let through to be read afresh; a reply that meant to
correct but could not be read gets a hint, never a new report made of its words.
"""
from __future__ import annotations

import re
from typing import Any

from handlers.callbacks import CallbackData, ReportButton
from handlers.directory import Directory
from handlers.projects.access import acts_for_town
from handlers.quarters import period_label
from handlers.refs import ReportView
from handlers.reports.cards import report_card
from handlers.reports.corrections import Correction, read_correction, with_additions
from handlers.reports.filing import (
    collecting_period,
    is_late,
    milestones_reached,
    open_card_ids,
    refuse_other_village,
)
from handlers.reports.store import ReportsContext
from handlers.roles import REPORTERS

CONFIRM_WORDS = ("确认", "确定", "没问题", "无误", "确认无误", "全部确认", "都确认", "确认全部", "全部无误")
PRIVATE_CONFIRM_WORDS = CONFIRM_WORDS + ("对", "对的", "是的", "好", "好的", "ok", "OK")  # too common for a group
EDIT_WORDS = ("修改", "改", "改一下", "不对", "有误", "写错了", "错了", "要改")
EDIT_HINT = "请直接说要改的地方，例如：“进度改成70%”“项目是XX那个”“是3月的”“问题改为……”。"
EDIT_HINT_MANY = "请在更正前加上序号，例如“2 进度改成75%”“1 问题改为……”。"
_CONFIRM_ONE = re.compile(r"^(?:确认\s*第?\s*(?P<a>\d{1,2})\s*(?:个|份|项)?"
                          r"|第?\s*(?P<b>\d{1,2})\s*(?:个|份|项)?\s*确认)$")


def latest_ids(data: dict[str, Any]) -> list[int]:
    """The cards of the latest message: what a number ("确认1", "2 进度…") or an unaddressed correction means."""
    return [int(i) for i in data.get("latest", ())]


def _own_card(ctx: ReportsContext, report_id: int) -> bool:
    """Whether this report's card is one the bot last showed this sender in this chat (they filed it)."""
    return report_id in open_card_ids(ctx)


def _may_touch(ctx: ReportsContext, view: ReportView) -> bool:
    """Whether the sender may confirm or correct this report: their village's, or a card they just filed; a
    township's own project's, for its leaders and admins."""
    person = ctx.person
    if view.village_id is None:
        return acts_for_town(person) and view.township_id == person.township_id
    if person.role not in REPORTERS:
        return False
    # A contact official with no village may file for a village they name; only that card is theirs.
    return (view.village in person.villages_for(REPORTERS) or person.reporting_village == view.village
            or _own_card(ctx, view.id))


def _refuse(ctx: ReportsContext, directory: Directory, view: ReportView) -> bool:
    if (ctx.person.role in REPORTERS and ctx.person.reporting_village is None
            and not ctx.person.villages_for(REPORTERS)):
        # Said so, not passed over in silence: they meant this card but no village is known for them.
        names = "、".join(p.name for p in directory.reporters_of(view.village)) or "该村书记或包村干部"
        ctx.reply(f"抱歉，还不知道您负责哪个村，不能确认或修改{view.village}的报告，请由{names}办理。"
                  "如您负责该村，请联系镇党建办在名册中登记。")
        return True
    return False


def _confirm_choice(text: str, button: CallbackData | None, views: list[ReportView], latest: list[ReportView],
                    private: bool) -> list[ReportView] | None:
    """The cards a confirmation is for (all of them, or the one named), None when it is no confirmation."""
    if isinstance(button, ReportButton) and button.action == "confirm":
        return [v for v in views if v.id in button.ids]
    if text in (PRIVATE_CONFIRM_WORDS if private else CONFIRM_WORDS):
        return views
    if (m := _CONFIRM_ONE.match(text)) and 1 <= (n := int(m["a"] or m["b"])) <= len(latest):
        return [latest[n - 1]]
    return None


async def _confirm(ctx: ReportsContext, views: list[ReportView]) -> None:
    fresh = [v for v in views if v.status != "confirmed"]
    if not fresh:
        ctx.reply("已确认过了，无需再确认。如需更正，直接说要改的地方。")
        return
    lines = []
    for view in fresh:
        await ctx.store.reports.confirm(view.id, ctx.now)
        shown = f"进度 {view.fields.progress}%" if view.fields.progress is not None else "进度未说明"
        lines.append(f"✅ 已确认：{view.village} · {view.project_title}，{shown}。")
        for step in await milestones_reached(ctx, view):  # shown on the card: confirming the report confirms them
            await ctx.store.projects.tick(view.project_id, step.id, actor_id=ctx.person.id, now=ctx.now,
                                          inbox_id=ctx.inbox_id)
            lines.append(f"已记录里程碑完成：{step.title}。")
    ctx.reply("\n".join(lines) + "谢谢！", in_place=True)


def _target(fix: Correction, newest: list[ReportView], views: list[ReportView]) -> ReportView | None:
    """The one card a correction is about: the numbered one, the project it names, or the only new one."""
    if fix.target is not None:
        return newest[fix.target] if 0 <= fix.target < len(newest) else None
    if fix.project is not None and len(views) > 1:
        named = [v for v in views if v.project_title == fix.project.title]
        if named:
            fix.changes.pop("project", None)  # it picks the card; it changes nothing
            return named[0]
    return newest[0] if len(newest) == 1 else None


async def on_cards(ctx: ReportsContext, directory: Directory, ids: list[int], latest: list[int] | None = None) -> bool:
    """A message while report cards are open: confirm, edit, photos, or a correction; False if none.

    `latest` are the cards of the latest message (the rest are earlier drafts still open): numbers and
    corrections without a number are about those."""
    store, text, button = ctx.store, ctx.args.strip(), ctx.button
    found = [v for i in ids if (v := await store.reports.get(i)) is not None]
    views = [v for v in found if _may_touch(ctx, v)]
    if not views:
        return bool(found) and _refuse(ctx, directory, found[0])
    views = [v for v in views if latest is None or v.id in latest] + [
        v for v in views if latest is not None and v.id not in latest]
    newest = views[:len(latest)] if latest is not None else views
    chosen = _confirm_choice(text, button, views, newest, not ctx.msg.chat.is_group)
    if chosen:
        await _confirm(ctx, chosen)
        return True
    if text in EDIT_WORDS or (isinstance(button, ReportButton) and button.action == "edit"):
        ctx.reply(EDIT_HINT if len(views) == 1 else EDIT_HINT_MANY)
        return True
    fix = read_correction(text, views[0].village, directory.parser.index, directory.local(ctx.now).date())
    if ctx.msg.attachments and (not text or fix.names_only_a_target):
        return await _add_evidence(ctx, newest, views, fix)
    if not fix.pure:
        if fix.intent and len(text) <= 20:  # it meant to correct; its words must not become a report
            ctx.reply(EDIT_HINT if len(views) == 1 else EDIT_HINT_MANY)
            return True
        return False  # a new message (a report on another project is filed, or refused, as one)
    if fix.project is not None and (fix.project.village or directory.registry.township) != views[0].village:
        refuse_other_village(ctx, directory, fix.project.village, fix.project.title)
        return True
    if fix.project is not None and not fix.moves and all(v.project_title != fix.project.title for v in views):
        if not fix.intent:  # "征地搬迁进度70%" with another card open: a report on that project, read afresh
            return False
        return await _correct_named(ctx, directory, fix, newest[0])
    view = _target(fix, newest, views)
    if view is None:
        ctx.reply(EDIT_HINT_MANY)
        return True
    return await apply_correction(ctx, directory, view, fix.changes, fix.added)


async def _correct_named(ctx: ReportsContext, directory: Directory, fix: Correction, shown: ReportView) -> bool:
    """"三步桥进度改成60%" while another project's card is open: that project's report, not this card."""
    assert fix.project is not None
    project = directory.project(fix.project.id)
    changes = {k: v for k, v in fix.changes.items() if k != "project"}
    named = await ctx.store.reports.find(project.id, changes.get("period", shown.period)) if project else None
    if named is None:
        ctx.reply(f"{fix.project.title}在{period_label(shown.period)}还没有月报，没有改动。如刚才这份是它的，"
                  f"请回复“项目是{fix.project.title[:8]}那个”。")
        return True
    return await apply_correction(ctx, directory, named, changes, fix.added)


async def _add_evidence(ctx: ReportsContext, newest: list[ReportView], views: list[ReportView],
                        fix: Correction) -> bool:
    view = _target(fix, newest, views)
    if view is None:
        ctx.reply("有几份月报待确认，请在照片说明里写上序号（如“1”），以便放到对应的月报下。")
        return True
    added = await ctx.store.reports.add_evidence(view.id, ctx.msg.platform, ctx.msg.attachments,
                                                 author_id=ctx.person.id, inbox_id=ctx.inbox_id, now=ctx.now)
    ctx.reply(f"📎 已把 {added} 份材料作为佐证加入：{view.village} · {view.project_title}。")
    return True


async def apply_correction(ctx: ReportsContext, directory: Directory, view: ReportView, changes: dict[str, Any],
                           added: set[str] | None = None) -> bool:
    """Change only the named fields of one report, as a new revision; never move it onto another report."""
    current = {"period": view.period, "progress": view.fields.progress, "done": view.fields.done,
               "problems": view.fields.problems, "next_plan": view.fields.next_plan,
               "amounts": list(view.fields.amounts)}
    changes = with_additions(current, changes, added or set())
    changes = {name: value for name, value in changes.items() if current.get(name, object()) != value}
    if "project" in changes:
        project = directory.project(changes.pop("project"))
        if project is not None and project.id != view.project_id:
            changes["project_id"] = project.id
    target_project, target_period = changes.get("project_id", view.project_id), changes.get("period", view.period)
    if (target_project, target_period) != (view.project_id, view.period):
        clash = await ctx.store.reports.find(target_project, target_period)
        if clash is not None:
            ctx.reply(f"{clash.project_title}在{target_period[:4]}年{int(target_period[5:])}月已有一份报告，"
                      "这一份没有改动。如需修改那一份，请重新发送那个月的进展。")
            return True
    if not changes:
        ctx.reply("这份月报已经是这样记录的，没有改动。")
        return True
    if "period" in changes:  # filing for another month: lateness is judged against that month
        changes["late"] = is_late(changes["period"], directory.local(ctx.now))
    revised = await ctx.store.reports.revise(view.id, changes, author_id=ctx.person.id, inbox_id=ctx.inbox_id,
                                             raw_text=ctx.args, now=ctx.now)
    ctx.reply(*report_card(revised, collecting_period(directory, ctx.now), was_confirmed=view.status == "confirmed"))
    return True
