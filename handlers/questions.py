"""The kinds of question the bot can leave open with a person in a chat (stored in `conversations.kind`)."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

# How long a question stays open: an answer two days later is still an answer, a week later it is a new message.
QUESTION_TTL = dt.timedelta(days=2)


class QuestionKind(StrEnum):
    """What an open question waits for; the values are what is stored, so they never change."""

    REPORT_CARD = "report_card"  # report cards awaiting 确认 or a correction
    CHOOSE_PROJECT = "choose_project"  # "which project?", holding the message it is about
    CHOOSE_VILLAGE = "choose_village"  # "which village?", asked once of a contact official with none
    ISSUE_CARD = "issue_card"  # an issue just logged, open to corrections
    CHOOSE_TASK = "choose_task"  # which of several tasks a typed 验收通过 / 同意 / 收到 is about
    HOLIDAY_SCHEDULE = "holiday_schedule"  # a pasted holiday notice, read back, awaiting 确认
    ROSTER_CHANGE = "roster_change"  # an admin's roster change (新增人员, 停用, 交接…), shown, awaiting 确认
    PROJECT_DRAFT = "project_draft"  # a declaration missing its deadline or a dated step, asked for once or twice
    PROJECT_COMMENT = "project_comment"  # "退回" pressed on a plan or an acceptance: waiting for the comment
    ROSTER_FILE = "roster_file"  # a roster file that would deactivate people (换届), shown, awaiting 确认
    WORK_LOG = "work_log"  # a work record (走访, 会议…) read from a note, shown, awaiting 确认 or a correction
    VISIT_PROBLEM = "visit_problem"  # a note of a visit that names a problem: log an issue, or keep only the record?


# The answers to a card that asks for a yes before it changes anything (a holiday table, a roster change).
CONFIRM = ("确认", "确定", "保存", "确认无误")
CANCEL = ("取消", "不用了", "算了")


def answer_of(text: str) -> bool | None:
    """True for a yes to a card that waits for one, False for a no, None for anything else (a new topic)."""
    said = text.strip().rstrip("。！!")
    return True if said in CONFIRM else False if said in CANCEL else None
