"""Every page of the console, with who may open it: the one table the app, the role matrix and the nav read."""
from __future__ import annotations

from bot.web import files, projects, work, work_log
from bot.web.admin_audit import audit
from bot.web.admin_calendar import calendar, change, holidays
from bot.web.admin_invites import invites, issue
from bot.web.admin_people import add_person, deactivate, people
from bot.web.overview import overview
from bot.web.pages import PageRoute, admins, anyone, readers

MOUNT = "/console"  # where bot.http mounts the console

PAGES: tuple[PageRoute, ...] = (
    PageRoute("/", overview, anyone, "overview"),
    # 项目, 任务, 事件: read-only, each scoped to what the viewer may see (bot.web.projects, bot.web.work)
    PageRoute("/projects", projects.projects, anyone, "projects", "项目"),
    PageRoute("/projects/{project_id:int}", projects.project, anyone, "project"),
    PageRoute("/reports/{report_id:int}", projects.report, anyone, "report"),
    PageRoute("/evidence/{evidence_id:int}", projects.evidence, anyone, "evidence"),
    PageRoute("/tasks", work.tasks, anyone, "tasks", "任务"),
    PageRoute("/tasks/{task_id:int}", work.task, anyone, "task"),
    PageRoute("/issues", work.issues, anyone, "issues", "事件"),
    PageRoute("/issues/{issue_id:int}", work.issue, anyone, "issue"),
    # 工作记录: visits, meetings, study sessions and duty shifts confirmed in chat, scoped like 任务 and 事件
    PageRoute("/work-records", work_log.work_records, anyone, "work_records", "工作记录"),
    # 台账 and 通报 (bot.web.files): the quarter's workbook, and the digests and bulletins the calendar kept.
    PageRoute("/ledger", files.ledger, readers, "ledger", "台账"),
    PageRoute("/ledger.xlsx", files.ledger_file, readers, "ledger_file"),
    PageRoute("/bulletins", files.bulletins, readers, "bulletins", "通报"),
    PageRoute("/bulletins/{name}", files.bulletin, readers, "bulletin"),
    # admin: the roster, invite codes, the calendar and the audit log. Every change is an admin's (a leader or a
    # supervisor who is no admin gets 403, nothing changed), shown as a card and confirmed, and audited.
    PageRoute("/admin/people", people, admins, "people", "人员"),
    PageRoute("/admin/people", add_person, admins, "people_add", methods=("POST",)),
    PageRoute("/admin/people/deactivate", deactivate, admins, "people_deactivate", methods=("POST",)),
    PageRoute("/admin/invites", invites, admins, "invites", "邀请"),
    PageRoute("/admin/invites", issue, admins, "invites_issue", methods=("POST",)),
    PageRoute("/admin/calendar", calendar, readers, "calendar", "日程"),
    PageRoute("/admin/calendar", change, admins, "calendar_change", methods=("POST",)),
    PageRoute("/admin/holidays", holidays, readers, "holidays"),
    PageRoute("/admin/audit", audit, admins, "audit", "记录"),
    # /admin end
)
