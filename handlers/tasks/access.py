"""Who may take which step on a task (DESIGN.md, roles), however the step arrives: "#12 …", a typed answer, a
reply to the task's message or a button.

The assignee acknowledges, reports progress, finishes and asks for more time. The assigner, and the township
leaders and admins of the task's township, verify, return, answer an extension and reassign; a task the county
handed down is answered by the assigner or the county's leaders and admins, never by the town that holds it.
"""
from __future__ import annotations

from handlers.refs import PersonRef, TaskRef
from handlers.roles import COUNTY_ROLES, LEADERS, Unit, holds

ASSIGNEE_STEPS = ("ack", "progress", "done", "extend")
ASSIGNER_STEPS = ("verify", "reject", "extend_yes", "extend_no", "reassign")
_WHAT = {"verify": "验收", "reject": "退回", "extend_yes": "延期批复", "extend_no": "延期批复", "reassign": "改派"}


def may_answer(person: PersonRef, task: TaskRef) -> bool:
    """Whether this person may verify, return, answer an extension of or reassign this task."""
    if person.id == task.assigner_id:
        return True
    if task.assigner_county_id is not None:
        return holds(person.memberships, COUNTY_ROLES, Unit(task.assigner_county_id))
    return person.may(LEADERS) and person.township_id == task.township_id


def refusal(person: PersonRef, task: TaskRef, action: str) -> str | None:
    """Why this person may not take this step on this task (naming who may), or None."""
    if action in ASSIGNEE_STEPS and person.id != task.assignee_id:
        return f"抱歉，任务 #{task.number} 由{task.assignee}承办，只有承办人可以签收、报进度、办结或申请延期。"
    if action in ASSIGNER_STEPS and not may_answer(person, task):
        above = "县领导、县管理员" if task.assigner_county_id is not None else "镇领导、镇党建办"
        return f"抱歉，任务 #{task.number} 的{_WHAT[action]}由交办人{task.assigner}或{above}办理。"
    return None
