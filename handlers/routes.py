"""The root router: every feature module's routes, buttons, answers and text steps, merged once.

Commands and words are matched in the modules' order; everything else goes through `Router.dispatch`,
whose text steps run in the order of `handlers.step_order.TextStep`.
"""
from __future__ import annotations

from handlers import (
    calendar_settings,
    county,
    holidays_chat,
    identity,
    issues,
    projects,
    reports,
    roster_chat,
    roster_file_chat,
    tasks,
    web_login,
    worklog,
)
from handlers import help as help_module
from handlers.router import Router

MODULES = (identity, help_module, reports, tasks, issues, projects, calendar_settings,  # commands: in order
           holidays_chat, roster_chat, roster_file_chat, county, web_login, worklog)


def build_router() -> Router:
    """All routes of the bot (a duplicate button, question, event or step priority is an error here)."""
    root = Router()
    for module in MODULES:
        root.include(module.router)
    return root
