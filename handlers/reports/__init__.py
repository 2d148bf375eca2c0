"""Monthly reports in chat: read, confirm, correct, keep every revision (DESIGN.md, principle 1)."""
from __future__ import annotations

import dataclasses

from handlers.context import Context
from handlers.directory import Directory
from handlers.parse import ParsedMessage
from handlers.reports.answers import confirm_drafts, continue_conversation
from handlers.reports.faq import answer_question, decline_instruction
from handlers.reports.filing import file_report, looks_like_project_report
from handlers.reports.queries import router

__all__ = ["answer_question", "confirm_drafts", "continue_conversation", "decline_instruction", "file_report",
           "looks_like_project_report", "on_free_text", "router"]


async def on_free_text(ctx: Context, directory: Directory, parsed: ParsedMessage) -> bool:
    """File the message as a report when it is one (or refuse it politely); False when it is not a report."""
    if parsed.kind == "report":
        await file_report(ctx, directory, parsed)
        return True
    if ctx.person.role == "grid_worker":
        # Grid workers log issues; a message of theirs that reads like a project report is refused by name.
        as_reporter = dataclasses.replace(directory.as_registry_person(ctx.person), role="secretary")
        probe = directory.parser.parse(ctx.args, as_reporter, ctx.now)
        if looks_like_project_report(probe):
            await file_report(ctx, directory, probe)
            return True
    return False
