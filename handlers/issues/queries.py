"""事件 / 事件 37: open issues the sender can act on (leaders also see counts), or one issue's history."""
from __future__ import annotations

import re
from collections import Counter

from handlers.issues.access import may_see
from handlers.issues.cards import CATEGORY, details, line
from handlers.issues.store import IssuesContext
from handlers.roles import READERS
from handlers.router import Router

router = Router()
_NUMBER = re.compile(r"#?\s*[Ee]?\s*(\d+)")


@router.command("issues", words=("事件", "网格事件", "事件列表"), args=r"#?\s*[Ee]?\s*\d*")
async def issues(ctx: IssuesContext) -> None:
    """Open issues with colours; with a number, that issue and its history."""
    directory = await ctx.directory()
    me = ctx.person
    if match := _NUMBER.fullmatch(ctx.args.strip()):
        issue = await ctx.store.issues.by_number(me.township_id, int(match.group(1)))
        if issue is None or not may_see(me, issue):
            ctx.reply(f"没有找到您可以查看的事件 #E{match.group(1)}。")
            return
        ctx.reply(details(issue, await ctx.store.issues.history(issue.id), ctx.now, directory.zone))
        return
    village_id = None if me.may(READERS) else directory.village_ids.get(me.reporting_village or "", -1)
    found = await ctx.store.issues.open_issues(me.township_id, village_id)
    found = [i for i in found if may_see(me, i)]
    if not found:
        ctx.reply("目前没有未办结的事件。")
        return
    lines = [f"未办结事件（{len(found)}）："] + [line(i, ctx.now, directory.zone) for i in found]
    if me.may(READERS):
        by_village = Counter(i.village or "未定" for i in found)
        by_category = Counter(CATEGORY.get(i.category, i.category) for i in found)
        lines.append("按村：" + "，".join(f"{v} {n}" for v, n in by_village.most_common()))
        lines.append("按类别：" + "，".join(f"{c} {n}" for c, n in by_category.most_common()))
    lines.append("发送“事件 编号”查看详情。")
    ctx.reply("\n".join(lines))
