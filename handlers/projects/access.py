"""Who may take which step on a project (DESIGN.md, roles), one level apart: on a village's project the village's
secretary or 包村干部 declares, revises, ticks milestones and applies for acceptance, township leaders and admins (and
the county above them) publish topics, review, approve, accept and name 示范点, a supervisor (or a leader) inspects.
On a township's own project (乡镇党委书记项目) the township's leaders and admins are the owners, the county's leaders
and admins review, and a county supervisor (or a county leader) inspects. A refusal names who may."""
from __future__ import annotations

from handlers.project_refs import ProjectState
from handlers.refs import PersonRef
from handlers.roles import COUNTY_ROLES, LEADERS, REPORTERS, SUPERVISOR, TOWNSHIP_LEADERS, Unit, holds

OWNER_STEPS = ("claim", "declare", "revise", "milestone_done", "request_acceptance")
REVIEW_STEPS = ("topics", "approve", "return", "accept", "showcase")
INSPECT_STEPS = ("inspect",)
_WHAT = {"claim": "领题", "declare": "申报项目", "revise": "修改方案", "milestone_done": "标记里程碑",
         "request_acceptance": "申请验收", "topics": "发布选题", "approve": "审核方案", "return": "退回",
         "accept": "验收", "showcase": "确定示范点", "inspect": "督导检查"}


def acts_for_town(person: PersonRef) -> bool:
    """Whether the sender acts for their township itself (its leaders and admins own its projects)."""
    return person.role in TOWNSHIP_LEADERS


def county_cadre(person: PersonRef) -> bool:
    """Whether they hold a post on the county itself (a leader, an admin, a supervisor): they act on every town's
    own projects of the county, from wherever they act."""
    return any(m.unit.level == "county" and m.role in COUNTY_ROLES + (SUPERVISOR,) for m in person.memberships)


def may(person: PersonRef, action: str, project: ProjectState | None = None, *, town: bool = False) -> bool:
    """Whether this person may take this step (on this project, when there is one; `town`: a step on the
    township level with no project yet — a town's 领题 or 申报, a county's menu)."""
    if (project is not None and project.town_level) or (project is None and town):
        return _may_on_town(person, action, project)
    village_id = project.village_id if project is not None else None
    if action in OWNER_STEPS:  # with no project yet: a reporter of some village of the township
        return person.may(REPORTERS, village_id) or (project is None and bool(person.villages_for(REPORTERS)))
    if action in REVIEW_STEPS:
        return person.may(LEADERS, village_id)
    return person.may(LEADERS + (SUPERVISOR,), village_id)


def _may_on_town(person: PersonRef, action: str, project: ProjectState | None) -> bool:
    if project is None:
        unit = Unit(person.county_id) if action in REVIEW_STEPS else Unit(person.county_id, person.township_id)
    else:
        unit = Unit(project.county_id, project.township_id)
    if unit.county_id is None and action not in OWNER_STEPS:
        return False  # a township outside any county has no one above it to review its own projects
    if action in OWNER_STEPS:
        return holds(person.memberships, TOWNSHIP_LEADERS, unit)
    if action in REVIEW_STEPS:
        return holds(person.memberships, COUNTY_ROLES, unit)
    above = [m for m in person.memberships if m.unit.level == "county"]  # a town's own 督导组 does not inspect it
    return holds(above, COUNTY_ROLES + (SUPERVISOR,), unit)


def refusal(person: PersonRef, action: str, project: ProjectState | None = None, *, town: bool = False) -> str | None:
    """Why this person may not take this step, naming who may; None when they may."""
    if may(person, action, project, town=town):
        return None
    what = _WHAT.get(action, "这一步")
    if (project is not None and project.town_level) or (project is None and town):
        township = project.township if project is not None else person.township
        return {"owner": f"抱歉，{what}由{township}的镇领导或镇党建办办理。",
                "review": f"抱歉，{what}由县领导或县委组织部办理。",
                "inspect": f"抱歉，{what}由县督导组或县领导办理。"}[_group(action)]
    if action in OWNER_STEPS:
        where = f"{project.village}的" if project is not None and project.village else "本村的"
        return f"抱歉，{what}由{where}村书记或包村干部办理。"
    if action in REVIEW_STEPS:
        return f"抱歉，{what}由镇领导或镇党建办办理。"
    return f"抱歉，{what}由督导组或镇领导办理。"


def _group(action: str) -> str:
    return "owner" if action in OWNER_STEPS else "review" if action in REVIEW_STEPS else "inspect"
