"""Pure message parsing: free Chinese text → one structured record (shared/PARSING.md).

No I/O and no clock: `now` is passed in. Build one `MessageParser` per registry and call
`parse(text, sender, now)`. The field readers are exported too, so chat handlers can apply a
correction such as "进度改成70%", "是3月的" or "类别改为安全隐患" with the same rules.
"""
from __future__ import annotations

from handlers.parse.amounts import Amount, amounts_of
from handlers.parse.deadlines import deadline_of
from handlers.parse.handoff import Assignees, assignees_of
from handlers.parse.idle import idle_remark
from handlers.parse.issue import is_urgent, issue_category, location_of, summary_of
from handlers.parse.log import people_of, restate_people, work_date
from handlers.parse.names import RegistryIndex, find_project, find_village
from handlers.parse.parser import PARSER_ERROR, MessageParser
from handlers.parse.periods import default_period, month_mentions, period_of
from handlers.parse.progress import progress_of, read_progress, stated_progress_of
from handlers.parse.record import (
    KINDS,
    PROJECT_ACTIONS,
    HandoffBlock,
    IssueBlock,
    LogBlock,
    MilestoneItem,
    ParsedMessage,
    ProjectBlock,
    ReportBlock,
    TaskUpdateBlock,
)
from handlers.parse.sections import Sections, sections_of
from handlers.parse.task_update import (
    TaskUpdateReading,
    names_an_action,
    read_task_update,
    task_action_of,
    task_note_of,
    task_number_of,
)
from handlers.parse.workdays import add_workdays, is_workday

__all__ = [
    "KINDS", "PARSER_ERROR", "PROJECT_ACTIONS", "Amount", "Assignees", "HandoffBlock", "IssueBlock", "LogBlock",
    "MessageParser", "MilestoneItem", "ParsedMessage", "ProjectBlock", "RegistryIndex",
    "ReportBlock", "Sections", "TaskUpdateBlock", "TaskUpdateReading", "add_workdays", "amounts_of", "assignees_of",
    "deadline_of", "idle_remark",
    "default_period", "find_project", "find_village", "is_urgent", "is_workday", "issue_category", "location_of",
    "month_mentions", "names_an_action", "people_of", "period_of", "progress_of", "read_progress", "read_task_update",
    "restate_people", "sections_of",
    "stated_progress_of",
    "summary_of", "task_action_of", "task_note_of", "task_number_of", "work_date",
]
