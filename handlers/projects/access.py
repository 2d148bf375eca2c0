"""Who may take which step on a project (DESIGN.md, roles): the village's secretary or 包村干部 declares, revises,
ticks milestones and applies for acceptance; township leaders and admins (and the county above them) publish
topics, review, approve, accept and name 示范点; a supervisor (or a leader) inspects. A refusal names who may."""
from __future__ import annotations

from handlers.project_refs import ProjectState
from handlers.refs import PersonRef
from handlers.roles import LEADERS, REPORTERS, SUPERVISOR

OWNER_STEPS = ("claim", "declare", "revise", "milestone_done", "request_acceptance")
REVIEW_STEPS = ("topics", "approve", "return", "accept", "showcase")
INSPECT_STEPS = ("inspect",)
_WHAT = {"claim": "领题", "declare": "申报项目", "revise": "修改方案", "milestone_done": "标记里程碑",
         "request_acceptance": "申请验收", "topics": "发布选题", "approve": "审核方案", "return": "退回",
         "accept": "验收", "showcase": "确定示范点", "inspect": "督导检查"}


def may(person: PersonRef, action: str, project: ProjectState | None = None) -> bool:
    """Whether this person may take this step (on this project, when there is one)."""
    village_id = project.village_id if project is not None else None
    if action in OWNER_STEPS:  # with no project yet: a reporter of some village of the township
        return person.may(REPORTERS, village_id) or (project is None and bool(person.villages_for(REPORTERS)))
    if action in REVIEW_STEPS:
        return person.may(LEADERS, village_id)
    return person.may(LEADERS + (SUPERVISOR,), village_id)


def refusal(person: PersonRef, action: str, project: ProjectState | None = None) -> str | None:
    """Why this person may not take this step, naming who may; None when they may."""
    if may(person, action, project):
        return None
    what = _WHAT.get(action, "这一步")
    if action in OWNER_STEPS:
        where = f"{project.village}的" if project is not None and project.village else "本村的"
        return f"抱歉，{what}由{where}村书记或包村干部办理。"
    if action in REVIEW_STEPS:
        return f"抱歉，{what}由镇领导或镇党建办办理。"
    return f"抱歉，{what}由督导组或镇领导办理。"
