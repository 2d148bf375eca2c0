"""An admin sending the roster file (名册.xlsx, a sheet as CSV, or YAML) in a private chat: read, checked, imported;
when it no longer lists someone (a 换届), what would be deactivated is shown first and done on "确认"."""
from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from handlers.confirm import settled
from handlers.messages import Attachment
from handlers.questions import QuestionKind
from handlers.refs import RosterChange, TownshipRef
from handlers.registry import Organisation, RegistryError
from handlers.roles import ADMINS, Unit, holds
from handlers.roster_chat import ONLY_ADMINS, RosterContext
from handlers.router import Router
from handlers.step_order import TextStep

router = Router()
SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", ".yaml", ".yml")
TTL = dt.timedelta(days=1)
SHOWN = 15  # lines of a list on a phone screen before "等 N 项"
NO_COPY = "这个平台发来的文件我读不到。请把名册交给技术人员用 yuebao import 导入，或在 Telegram 中发给我。"


def _roster_file(ctx: RosterContext) -> Attachment | None:
    return next((a for a in ctx.msg.attachments if a.kind == "document"
                 and PurePath(a.name or "").suffix.lower() in SUFFIXES), None)


@router.on_text(TextStep.ROSTER_FILE)
async def roster_file(ctx: RosterContext) -> bool:
    """A roster file from an admin in private: imported, or shown for 确认; False for any other message."""
    sent = _roster_file(ctx)
    if sent is None or ctx.roster_files is None:
        return False
    if not ctx.person.may(ADMINS):
        ctx.reply(ONLY_ADMINS)
        return True
    if ctx.msg.chat.is_group:
        ctx.reply("名册含个人信息，请在与我的私聊中发送。")
        return True
    if sent.stored_path is None:
        ctx.reply(NO_COPY)
        return True
    roster = await _read(ctx, sent.stored_path)
    if roster is None:
        return True
    change = await _import(ctx, roster, apply=False)
    if change is None:
        return True
    if change.applied:
        await ctx.store.audit.record(ctx.person.id, "roster.import", change.scope, {"file": sent.name}, ctx.now)
        ctx.reply("\n".join([f"✅ 已导入{change.scope}名册（{sent.name}）。", *_lines(change)]))
        return True
    await ctx.store.conversations.put(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id, QuestionKind.ROSTER_FILE,
                                      {"path": sent.stored_path, "name": sent.name}, ctx.now, ctx.now + TTL)
    ctx.reply("\n".join([f"📋 {sent.name}（{change.scope}）与现有名册相比：", *_lines(change),
                         "以上尚未导入。回复“确认”导入并停用名册中不再有的人员、项目和村（保留历史记录），回复“取消”放弃。"]))
    return True


async def _read(ctx: RosterContext, path: str) -> Organisation | None:
    """The roster in the file, within what this admin keeps; None after saying what is wrong."""
    assert ctx.roster_files is not None
    me = ctx.person
    # A county admin keeps the rosters of their county's townships; anyone else only their own township's.
    county_admin = me.county_id is not None and holds(me.memberships, ("county_admin",), Unit(me.county_id))
    existing = await ctx.store.roster.as_file(me.township_id, county=county_admin)
    try:
        roster = ctx.roster_files.read(path, existing)
    except RegistryError as exc:
        problems = [str(p) for p in exc.problems]
        more = [f"……等共 {len(problems)} 处"] if len(problems) > SHOWN else []
        ctx.reply("\n".join(["名册有误，没有导入：", *problems[:SHOWN], *more, "请改正后重新发送。"]))
        return None
    except OSError:
        ctx.reply("这个文件读不出来，请重新发送，或另存为 .xlsx 后再试。")
        return None
    outside = _outside(roster, await ctx.store.townships.all(), me.township_id, me.county_id if county_admin else None)
    if outside:
        ctx.reply(f"抱歉，您只能导入{'本县' if county_admin else '本镇（' + me.township + '）'}的名册，"
                  f"这份名册{outside}。没有导入。")
        return None
    return roster


async def _import(ctx: RosterContext, roster: Organisation, *, apply: bool) -> RosterChange | None:
    """Import (or, without `apply`, try) the roster; None after saying why it conflicts with the database."""
    try:
        return await ctx.store.roster.import_roster(roster, ctx.now, apply=apply)
    except RegistryError as exc:
        ctx.reply("\n".join(["名册与已有数据冲突，没有导入：", *(str(p) for p in exc.problems[:SHOWN])]))
        return None


def _outside(roster: Organisation, towns: list[TownshipRef], township_id: int, county_id: int | None) -> str | None:
    """What in the roster lies outside the admin's township (or, `county_id` given, their county), or None."""
    mine = next(t for t in towns if t.id == township_id)
    by_name = {t.name: t for t in towns}
    if county_id is None:
        if roster.is_county:
            return "是县级名册"
        others = [t.township for t in roster.townships if t.township != mine.name]
        if others:
            return f"含有{'、'.join(others)}"
        label = roster.townships[0].county
        if label is not None and label != mine.county:  # it would move the township to another county
            return f"把本镇写在“{label}”下，而本镇属于{mine.county or '（未设县）'}"
        return None
    if roster.county not in (None, mine.county) and (roster.is_county or roster.townships[0].county is not None):
        return f"属于“{roster.county}”"
    # A township already served elsewhere must not be taken over by naming it in this county's file.
    taken = [t.township for t in roster.townships if t.township in by_name and by_name[t.township].county_id != county_id]
    return f"含有不属于本县的{'、'.join(taken)}" if taken else None


def _lines(change: RosterChange) -> list[str]:
    def listed(title: str, items: tuple[str, ...]) -> list[str]:
        more = f" 等 {len(items)} 项" if len(items) > SHOWN else ""
        return [f"{title}（{len(items)}）：{'、'.join(items[:SHOWN])}{more}"] if items else []

    lines = listed("新增", change.added) + listed("变更", change.changed)
    if change.leaving:
        lines.append(f"名册中不再有（{len(change.leaving)}）：")
        lines += [f"· {item}" for item in change.leaving[:SHOWN]]
    return lines or ["没有变化。"]


@router.on_answer(QuestionKind.ROSTER_FILE)
async def answer(ctx: RosterContext) -> bool:
    """确认 imports the file shown and deactivates what it no longer lists; 取消 drops it."""
    assert ctx.question is not None
    yes = await settled(ctx, "好的，没有导入。")
    if yes is None:
        return False
    if not yes:
        return True
    if not ctx.person.may(ADMINS) or ctx.roster_files is None:
        ctx.reply(ONLY_ADMINS)
        return True
    roster = await _read(ctx, ctx.question.data["path"])
    if roster is None:
        return True
    change = await _import(ctx, roster, apply=True)
    if change is None:
        return True
    await ctx.store.audit.record(ctx.person.id, "roster.import", change.scope,
                                 {"file": ctx.question.data["name"], "deactivated": len(change.leaving)}, ctx.now)
    hint = ["停用人员的未了工作，可发“把某某的工作交给某某”移交。"] if change.left_work else []
    ctx.reply("\n".join([f"✅ 已导入{change.scope}名册，停用 {len(change.leaving)} 项（历史记录保留）。", *hint]))
    return True
