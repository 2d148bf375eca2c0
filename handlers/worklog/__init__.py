"""Work records (工作记录) in chat: a note of a visit, meeting, study session or duty shift is read back as a card and
stored on “确认”; corrected in plain words or rewritten before that; never scored (DESIGN.md, principle 2)."""
from __future__ import annotations

from handlers.confirm import settled
from handlers.directory import Directory
from handlers.parse import LogBlock, ParsedMessage
from handlers.questions import QUESTION_TTL, QuestionKind
from handlers.roles import SUPERVISOR
from handlers.router import Router
from handlers.step_order import TextStep
from handlers.work_record_ports import NewWorkRecord
from handlers.worklog.corrections import read_correction
from handlers.worklog.draft import Draft, card, draft_of, headline, refusal
from handlers.worklog.store import WorklogContext

__all__ = ["router", "show_note"]

router = Router()


async def _note(ctx: WorklogContext, directory: Directory) -> ParsedMessage | None:
    """The message read as a work note, or None. A supervisor's messages are read as inspections only, so theirs is
    read again as a village cadre's, to refuse a note by name rather than not understand it."""
    parsed = await ctx.parsed()
    if parsed.kind != "log" and ctx.person.role == SUPERVISOR:
        parsed = directory.parser.parse(ctx.args, directory.as_reporter(ctx.person), ctx.now)
    return parsed if parsed.kind == "log" and parsed.log is not None else None


async def _show(ctx: WorklogContext, draft: Draft, head: str = "📝 工作记录") -> None:
    """Keep the draft in the open card's question and show the card; refused (nothing kept) when not theirs."""
    if (why := refusal(ctx.person, draft.village)) is not None:
        ctx.reply(why)
        return
    await ctx.store.conversations.put(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id, QuestionKind.WORK_LOG,
                                      draft.to_data(), ctx.now, ctx.now + QUESTION_TTL)
    ctx.reply(card(draft, head))


async def show_note(ctx: WorklogContext, log: LogBlock, inbox_id: int) -> None:
    """Show a note of work as its card, awaiting 确认 (a note first asked about as a possible issue)."""
    await _show(ctx, draft_of(log, ctx.person, inbox_id))


@router.on_text(TextStep.WORK_LOG)
async def on_note(ctx: WorklogContext) -> bool:
    """A note of work done, shown back for “确认”; False when the message is no such note."""
    directory = await ctx.directory()
    parsed = await _note(ctx, directory)
    if parsed is None or parsed.log is None:
        return False
    await _show(ctx, draft_of(parsed.log, ctx.person, ctx.inbox_id))
    return True


@router.on_answer(QuestionKind.WORK_LOG)
async def on_card(ctx: WorklogContext) -> bool:
    """确认 stores the record, 取消 drops it, a correction or a rewritten note changes the card; anything else is a
    new topic (False), and the card stays open."""
    assert ctx.question is not None
    draft = Draft.from_data(ctx.question.data)
    directory = await ctx.directory()
    yes = await settled(ctx, "好的，这条工作记录没有保存。")
    if yes is False:
        return True
    if yes is None:
        today = directory.local(ctx.now).date()
        if (changes := read_correction(ctx.args, directory.parser.index, today)) is not None:
            await _show(ctx, draft.changed(**changes), "📝 已更正工作记录")
            return True
        rewritten = await _note(ctx, directory)
        if rewritten is None or rewritten.log is None:
            return False
        await _show(ctx, draft_of(rewritten.log, ctx.person, ctx.inbox_id), "📝 已改写工作记录")
        return True
    if (why := refusal(ctx.person, draft.village)) is not None:  # the roster may have changed since the card
        ctx.reply(why)
        return True
    village_id = directory.village_ids.get(draft.village) if draft.village else None
    await ctx.store.work_records.add(ctx.person.township_id, ctx.person.id, NewWorkRecord(
        draft.type, village_id, draft.day, draft.people, draft.summary, draft.place),
        inbox_id=draft.inbox_id, now=ctx.now)
    ctx.reply(f"✅ 已保存工作记录：{headline(draft)}。将列入本季度台账，不计入考核排名。")
    return True
