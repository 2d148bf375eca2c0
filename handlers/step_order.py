"""The order in which feature modules may take free text (Router.on_text priorities), in one place.

Buttons, replies to the bot's messages and answers to an open question come before all of these.
"""
from __future__ import annotations

from enum import IntEnum


class TextStep(IntEnum):
    """Lower runs first; a step that does not take the message lets the next one try."""

    EDITED = 10  # an edited message may correct a report, and starts nothing new
    CALENDAR_CHANGE = 20  # "月中督办改到16日"
    HOLIDAY_NOTICE = 25  # the State Council's holiday notice pasted by an admin
    REPORT_QUESTION = 30  # "月报什么时候交？"
    INSTRUCTION_FROM_REPORTER = 31  # "各村…前上报…" from a secretary: declined
    CONFIRM_DRAFTS = 32  # "确认" with no card open
    COUNTY_HANDOFF = 34  # "请各镇…前上报…", "#5 分解到各村": before a town's name is read as a village's words
    ROSTER_FILE = 37  # an admin sending 名册.xlsx
    ROSTER = 38  # an admin's "停用 王建国", "把王建国的工作交给李四", "切换 玄滩镇"
    ISSUE_STEP = 40  # "#E2 已办结" before tasks: it is not the sender's only open task
    PROJECT = 45  # 申报, 方案退回/通过, 里程碑完成, 督导, 申请验收: before a leader's words are read as a hand-off
    TASK = 50  # typed answers, hand-offs, "#12 …", the only open task
    REPORT = 60
    WORK_LOG = 65  # "今天走访了8户…": a note of work done, neither a report nor an issue
    NEW_ISSUE = 70
    SMALL_TALK = 90  # "谢谢", "好的", "您好": a word back, not "没有看懂"
