"""The report conversation: a button, a reply to a card, or an answer to the question the bot asked.

Each chat has at most one open question per person (stored, with its expiry): report cards awaiting
confirmation, "which project?" holding the message it is about, or "which village?". A message is
read as an answer to it first; only what is clearly a new topic is read afresh.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from handlers.callbacks import ChoiceButton, ReportButton
from handlers.directory import Directory
from handlers.parse import ParsedMessage, find_village
from handlers.questions import QuestionKind
from handlers.refs import ProjectRef, ReportFields
from handlers.reports.cards import changes_label, project_choices
from handlers.reports.corrections import Correction, read_correction, with_additions
from handlers.reports.dialog import CONFIRM_WORDS, EDIT_HINT, PRIVATE_CONFIRM_WORDS, latest_ids, on_cards
from handlers.reports.filing import (
    CARD,
    ask,
    collecting_period,
    file_report,
    open_card_ids,
    open_cards,
    refuse_other_village,
    store_report,
)
from handlers.reports.queries import router
from handlers.reports.store import ReportsContext
from handlers.roles import REPORTERS
from handlers.step_order import TextStep

_FIELDS = ("progress", "done", "problems", "next_plan", "amounts")


def _choice(ctx: ReportsContext, fix: Correction, count: int) -> int | None:
    """The option picked by a button or a number ("2", "第二个"), 0-based."""
    if isinstance(ctx.button, ChoiceButton):
        index = ctx.button.number - 1
    elif fix.target is not None:
        index = fix.target
    else:
        return None
    return index if 0 <= index < count else None


def _is_confirmation(ctx: ReportsContext) -> bool:
    return ctx.args.strip() in (CONFIRM_WORDS if ctx.msg.chat.is_group else PRIVATE_CONFIRM_WORDS)


@router.on_button(ReportButton)
@router.on_reply(ReportButton)
async def on_card_button(ctx: ReportsContext, button: ReportButton) -> bool:
    """A pressed card button, or a reply to a card message: about that card, whatever else is open."""
    return await on_cards(ctx, await ctx.directory(), list(button.ids))


@router.on_text(TextStep.CONFIRM_DRAFTS)
async def confirm_drafts_step(ctx: ReportsContext) -> bool:
    """"确认" typed with no card open."""
    return await confirm_drafts(ctx, await ctx.directory())


async def confirm_drafts(ctx: ReportsContext, directory: Directory) -> bool:
    """"确认" with no card open: the sender's only draft is confirmed; several are shown to pick from."""
    village = ctx.person.reporting_village
    if ctx.args.strip() not in CONFIRM_WORDS or ctx.person.role not in REPORTERS or village is None:
        return False
    periods = {collecting_period(directory, ctx.now), directory.local(ctx.now).strftime("%Y-%m")}
    drafts = [r for period in sorted(periods)
              for r in await ctx.store.reports.for_period(ctx.person.township_id, period)
              if r.village == village and r.status != "confirmed"]
    if not drafts:
        ctx.reply("目前没有待您确认的月报。发送“我的”可查看本村各项目本月情况。")
        return True
    if len(drafts) == 1:
        return await on_cards(ctx, directory, [drafts[0].id])
    await open_cards(ctx, directory, drafts)
    return True


@router.on_answer(CARD)
async def card_answer(ctx: ReportsContext) -> bool:
    """A message while the sender's report cards are open."""
    assert ctx.question is not None
    return await on_cards(ctx, await ctx.directory(), open_card_ids(ctx), latest_ids(ctx.question.data) or None)


def _pending_with(data: dict[str, Any], fix: Correction) -> dict[str, Any]:
    fields = dict(data["fields"])
    changes = with_additions(fields, fix.changes, fix.added)
    fields.update({name: value for name, value in changes.items() if name in _FIELDS})
    return {**data, "fields": fields, "period": changes.get("period", data["period"])}


@router.on_answer(QuestionKind.CHOOSE_PROJECT)
async def project_answer(ctx: ReportsContext) -> bool:
    """The answer to 'which project?': a number, words ("征地那个"), or a correction of the kept message."""
    assert ctx.question is not None
    directory, data = await ctx.directory(), ctx.question.data
    options = [p for code in data["options"] if (p := directory.project(code)) is not None]
    if not options:
        return False
    village = options[0].village
    fix = read_correction(ctx.args, village, directory.parser.index, directory.local(ctx.now).date())
    index = _choice(ctx, fix, len(options))
    if fix.pure and fix.project is not None and fix.project.village != village:
        refuse_other_village(ctx, directory, fix.project.village, fix.project.title)
        return True
    if fix.project is not None and not fix.pure and not fix.moves and (await ctx.parsed()).kind == "report":
        await _report_meanwhile(ctx, directory, await ctx.parsed(), data, options)
        return True
    named = [p for p in options if fix.project is not None and p.code == fix.project.id]
    chosen = options[index] if index is not None else (named[0] if named else None)
    if chosen is None and not fix.pure:
        if _is_confirmation(ctx):
            text, buttons = project_choices(village, options)
            ctx.reply("还差一步：请先说明是哪个项目。\n" + text, buttons)
            return True
        if fix.intent and len(ctx.args.strip()) <= 20:
            ctx.reply(EDIT_HINT)
            return True
        return False
    if chosen is None and not fix.changes:  # a number out of range
        ctx.reply(f"请回复 1–{len(options)} 之间的序号，或直接说项目名称。")
        return True
    pending = _pending_with(data, fix)
    if chosen is None:  # a correction of the kept message; the project is still to be told
        text, buttons = project_choices(village, options)
        said = f"好的，已记下：{changes_label(fix.changes)}。"
        await ask(ctx, QuestionKind.CHOOSE_PROJECT, pending, said + text, buttons)
        return True
    f = pending["fields"]
    await store_report(ctx, directory, chosen, pending["period"],
                       ReportFields(f["progress"], f["done"], f["problems"], f["next_plan"], tuple(f["amounts"])),
                       pending["text"])
    return True


async def _report_meanwhile(ctx: ReportsContext, directory: Directory, parsed: ParsedMessage, held: dict[str, Any],
                            options: list[ProjectRef]) -> None:
    """A report of its own on a named project while 'which project?' holds another message: it is filed as read
    afresh (never merged into the held one), and the question about the held message is asked again."""
    await file_report(ctx, directory, parsed)
    block = parsed.report
    project = directory.project_by_title(block.project) if block and block.project else None
    filed = await ctx.store.reports.find(project.id, block.period) if project and block else None
    cards = list(held.get("cards", [])) + ([filed.id] if filed and filed.status != "confirmed" else [])
    text, buttons = project_choices(options[0].village, options)
    excerpt = held["text"] if len(held["text"]) <= 20 else held["text"][:20] + "…"
    await ask(ctx, QuestionKind.CHOOSE_PROJECT, {**held, "cards": cards},
              f"另外，上一条“{excerpt}”还没说明项目。" + text, buttons)


@router.on_answer(QuestionKind.CHOOSE_VILLAGE)
async def village_answer(ctx: ReportsContext) -> bool:
    """The answer to 'which village?': remember it, then read the kept message again."""
    assert ctx.question is not None
    directory, data = await ctx.directory(), ctx.question.data
    options: list[str] = data["options"]
    fix = read_correction(ctx.args, None, directory.parser.index, directory.local(ctx.now).date())
    index = _choice(ctx, fix, len(options))
    said = find_village(ctx.args, directory.parser.index) if len(ctx.args) <= 20 else None
    village = options[index] if index is not None else (said if said in options else None)
    village_id = directory.village_ids.get(village) if village else None
    if village is None or village_id is None:
        if _is_confirmation(ctx):
            ctx.reply("还差一步：请先回复序号，说明您报送的是哪个村。")
            return True
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
