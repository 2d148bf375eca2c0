"""The root router: every handler module's routes in priority order."""
from __future__ import annotations

from handlers import calendar_settings, identity, issues, reports, tasks
from handlers import help as help_module
from handlers.context import Context
from handlers.directory import Directory
from handlers.router import AnswerHandler, Router

NOT_UNDERSTOOD = "没有看懂这条消息。发送“帮助”查看可以做什么。"


_MODULES = (identity, help_module, reports, tasks, issues, calendar_settings)  # in priority order


def _answer_handler(kind: str) -> AnswerHandler | None:
    return next((h for m in _MODULES if (h := m.router.answer_handler(kind)) is not None), None)


async def free_text(ctx: Context) -> None:
    """Text that names no command: an answer to an open question, or a message to read; else quiet."""
    directory = await ctx.directory()
    if await reports.continue_conversation(ctx, directory) or await issues.continue_issue(ctx, directory):
        return
    answer = _answer_handler(ctx.question.kind) if ctx.question is not None else None
    if answer is not None and await answer(ctx):
        return
    await _read_afresh(ctx, directory)


async def _read_afresh(ctx: Context, directory: Directory) -> None:
    """A message that answers no open question: read it as whatever it is."""
    if await calendar_settings.change_order(ctx):
        return
    if (await reports.answer_question(ctx, directory) or reports.decline_instruction(ctx, directory)
            or await reports.confirm_drafts(ctx, directory)):
        return
    parsed = directory.parser.parse(ctx.args, directory.as_registry_person(ctx.person), ctx.now)
    if ctx.msg.edited:  # an edited report is a correction; an edited hand-off or issue must not start again
        if parsed.kind == "report":
            await reports.on_free_text(ctx, directory, parsed)
        return
    # A numbered issue step first: "#E2 已办结" must not be read as the sender's only open task.
    if await issues.on_step(ctx, directory) or await tasks.on_message(ctx, directory, parsed):
        return
    if ctx.args and await reports.on_free_text(ctx, directory, parsed):
        return
    if await issues.on_new_issue(ctx, directory, parsed):
        return
    if ctx.msg.addressed:  # group chatter not aimed at the bot gets no answer
        ctx.reply(NOT_UNDERSTOOD)


def build_router() -> Router:
    """All routes of the bot."""
    root = Router()
    for module in _MODULES:
        root.include(module.router)
    root.fallback(free_text)
    return root
