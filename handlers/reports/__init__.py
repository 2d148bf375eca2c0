"""Monthly reports in chat: read, confirm, correct, keep every revision (DESIGN.md, principle 1)."""
from __future__ import annotations

from handlers.directory import Directory
from handlers.parse import ParsedMessage
from handlers.reports import answers as _answers  # noqa: F401  (registers its button and question readers)
from handlers.reports.faq import answer_question, decline_instruction
from handlers.reports.filing import file_report, looks_like_project_report, nothing_to_report
from handlers.reports.queries import router
from handlers.reports.store import ReportsContext
from handlers.roles import REPORTERS
from handlers.step_order import TextStep

__all__ = ["file_report", "looks_like_project_report", "on_free_text", "router"]


@router.on_text(TextStep.EDITED)
async def edited(ctx: ReportsContext) -> bool:
    """An edited message corrects the report it was (read afresh, amending that month's report); starts nothing."""
    if not ctx.msg.edited:
        return False
    parsed = await ctx.parsed()
    if parsed.kind == "report":
        await on_free_text(ctx, await ctx.directory(), parsed)
    return True


@router.on_text(TextStep.REPORT_QUESTION)
async def question(ctx: ReportsContext) -> bool:
    """"月报什么时候交？" "怎么报": answered, never filed."""
    return await answer_question(ctx, await ctx.directory())


@router.on_text(TextStep.INSTRUCTION_FROM_REPORTER)
async def instruction(ctx: ReportsContext) -> bool:
    """"各村…前上报…" from a secretary: declined, naming who hands off."""
    return decline_instruction(ctx, await ctx.directory())


@router.on_text(TextStep.REPORT)
async def report(ctx: ReportsContext) -> bool:
    """A progress report, filed with its card (or refused politely)."""
    return bool(ctx.args) and await on_free_text(ctx, await ctx.directory(), await ctx.parsed())


async def on_free_text(ctx: ReportsContext, directory: Directory, parsed: ParsedMessage) -> bool:
    """File the message as a report when it is one (or refuse it politely); False when it is not a report."""
    if parsed.kind == "report":
        await file_report(ctx, directory, parsed)
        return True
    if parsed.kind == "other" and await nothing_to_report(ctx, directory):
        return True
    if ctx.person.role not in REPORTERS:
        # Leaders hand off and grid workers log issues; a message of theirs that reads like a project report is
        # refused by name (who reports for that village), not met with "没有看懂".
        probe = directory.parser.parse(ctx.args, directory.as_reporter(ctx.person), ctx.now)
        if looks_like_project_report(probe):
            await file_report(ctx, directory, probe)
            return True
    return False
