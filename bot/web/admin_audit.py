"""操作记录: the audit log of the admin's township (or county) — every change made in chat, by the command line or
here — newest first, fifty to a page, with who made it and whom it was about, in one statement per page."""
from __future__ import annotations

from typing import Any

from starlette.responses import Response

from bot.web.pages import BadInput, Page
from handlers.admin_ports import AuditScope
from handlers.roles import ROLE_LABELS

PER_PAGE = 50
MAX_PAGE = 10_000  # half a million entries back; further back is for the database's own tools
ACTIONS = {"roster.add": "新增人员", "roster.deactivate": "停用人员", "roster.handover": "移交工作",
           "roster.add_project": "新增项目", "roster.import": "导入名册", "invite.create": "生成邀请码",
           "identity.link": "登记账号", "chat.bind": "绑定群聊", "chat.unbind": "解除群聊绑定",
           "calendar.change": "调整日程", "holidays.import": "导入节假日", "weights.set": "调整权重规则",
           "web.login": "网页登录", "web.revoke": "注销网页登录"}
DETAIL_LABELS = {"name": "姓名", "role": "角色", "unit": "单位", "code": "编号", "title": "名称", "day": "日",
                 "at": "时间", "enabled": "开启", "to": "接手人", "tasks": "任务", "projects": "项目",
                 "sessions": "会话", "platform": "平台", "place": "地点", "source": "来源", "file": "文件"}


def page_number(page: Page) -> int:
    """?page=N, from 1; BadInput for anything else."""
    raw = page.request.query_params.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 5 or not 1 <= int(raw) <= MAX_PAGE:
        raise BadInput(f"页码“{raw[:10]}”不对，应为 1 到 {MAX_PAGE} 之间的整数。")
    return int(raw)


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return ROLE_LABELS.get(value, str(value)) if key == "role" else str(value)


def details(values: dict[str, Any]) -> str:
    """An entry's details as one short line ("姓名：李四；角色：村书记；单位：千佛塔村")."""
    return "；".join(f"{DETAIL_LABELS.get(k, k)}：{_value(k, v)}" for k, v in values.items() if v not in (None, ""))


async def audit(page: Page) -> Response:
    """A page of the log, scoped to the people of the viewer's township (a county's: its towns and its own)."""
    number = page_number(page)
    counties = tuple(sorted({t.county_id for t in page.viewer.towns if t.county_id is not None}))
    scope = AuditScope(page.viewer.township_ids, counties if page.viewer.level == "county" else ())
    entries = await page.store.audit.entries(scope, (number - 1) * PER_PAGE, PER_PAGE + 1)
    return page.render("admin_audit.html", entries=entries[:PER_PAGE], number=number,
                       more=len(entries) > PER_PAGE, actions=ACTIONS, details=details, zone=page.console.zone)
