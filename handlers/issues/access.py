"""Who may see, act on and log which grid issues (DESIGN.md, roles).

Township leaders and admins reach every issue. A village's secretary and contact officials reach
their village's issues; a grid worker reaches the issues in their own grids and those they reported,
and there handles, resolves and corrects them. A sender with no village, and an issue with no village,
are left to the township; whoever logged an issue may still correct it.
"""
from __future__ import annotations

from handlers.refs import IssueRef, PersonRef
from handlers.roles import LEADERS, READERS, VILLAGE_ROLES

NO_VILLAGE = "抱歉，名册中还没有登记您所属的村，暂时不能办理事件。请联系镇党建办补充。"
GRID_WORKER_STEPS = ("in_progress", "resolved", "corrected")


def refusal(person: PersonRef, issue: IssueRef, step: str | None = None) -> str | None:
    """Why this person may not see this issue, or take this step on it (a lifecycle step or "corrected"), or None."""
    if person.may(LEADERS) or (step == "corrected" and person.id == issue.reporter_id):
        return None
    if person.may(READERS):  # a supervisor reads every issue of the township and changes none
        return None if step is None else "抱歉，督导人员只查看事件，办理由村干部或镇党建办负责。"
    held = person.villages_for(VILLAGE_ROLES)  # a 包村干部 may cover several villages
    village = person.reporting_village
    if village is None and not held:
        return NO_VILLAGE
    if issue.village is None:
        return f"抱歉，事件 #E{issue.number} 还没有确定所属村，请由镇领导或镇党建办处理。"
    if issue.village not in (held or (village,)):
        return f"抱歉，事件 #E{issue.number} 属于{issue.village}，请由{issue.village}的村干部或镇党建办办理。"
    if person.role != "grid_worker":
        return None
    if issue.reporter_id != person.id and issue.grid not in person.grids:
        return (f"抱歉，事件 #E{issue.number} 不在您负责的网格，"
                f"请由{issue.village}的村干部或该网格的网格员办理。")
    if step is not None and step not in GRID_WORKER_STEPS:
        return f"抱歉，受理、回访和重新打开由{issue.village}的村干部或镇党建办办理。"
    return None


def may_see(person: PersonRef, issue: IssueRef) -> bool:
    """Whether the issue shows in this person's lists and details."""
    return refusal(person, issue) is None


def logging_refusal(person: PersonRef, village: str | None) -> str | None:
    """Why this person may not log an issue in this village (None: not named), or None."""
    if person.may(LEADERS):
        return None
    if village is None:
        return "请写明事件所在的村和地点，例如“千佛塔村二组路灯坏了”。"
    # A contact official with no village in the registry covers whichever village they name, as in reports.
    held = person.villages_for(VILLAGE_ROLES)
    if held and village not in held:
        return (f"抱歉，您只能登记本村（{'、'.join(held)}）的事件，{village}的事件请由该村网格员或村干部登记。"
                "如事件就在本村，请写明本村的地点重新发送。")
    return None
