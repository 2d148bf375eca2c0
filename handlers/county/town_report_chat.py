"""A township admin's month-end report to the county in chat: "月末报送" shows it, "确认报送" (or the button)
sends it up, "报送补充：…" adds a correction or addition in their own words; the figures are never retyped."""
from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from handlers.callbacks import TownReportButton
from handlers.county.due import due_time, due_words
from handlers.county.store import CountyContext
from handlers.county.town_figures import TownFigures, card, sent
from handlers.county_ports import TownReportRef
from handlers.quarters import shift_period
from handlers.roles import COUNTY_ROLES, SUPERVISOR, TOWNSHIP_LEADERS, Unit, holds
from handlers.router import Router

router = Router()
_REFUSAL = "抱歉，月末报送由本镇党建办或镇领导确认。"
_ADDENDUM = r"[：:，,\s]*.{1,500}"
_CONFIRM_WORDS = ("确认", "确认报送", "报送", "确认上报", "好的确认")
_ADDED = re.compile(r"^(?:报送)?(?:补充|更正|补充说明)[：:，,\s]*(?P<words>.*)$", re.S)


async def _current(ctx: CountyContext) -> TownReportRef | None:
    """This month's report of the sender's township, or last month's while it waits for confirmation."""
    month = ctx.now.astimezone((await ctx.directory()).zone).strftime("%Y-%m")
    for period in (month, shift_period(month, -1)):
        report = await ctx.store.town_reports.get(ctx.person.township_id, period)
        if report is not None and (period == month or not report.confirmed):
            return report
    return None


async def _due(ctx: CountyContext, period: str) -> str:
    if ctx.person.county_id is None:
        return "月底"
    entries = await ctx.store.calendar.county_entries(ctx.person.county_id)
    return due_words(due_time(entries, period, (await ctx.directory()).zone))


async def _nothing_yet(ctx: CountyContext) -> None:
    ctx.reply("本月的月末报送尚未生成：系统会在县里规定的报送日上午自动汇总本镇数据并发给您确认。")


async def _county_view(ctx: CountyContext, county_id: int) -> None:
    """For county cadres: which towns sent this month's report (or last month's, until this month's is built)."""
    zone = (await ctx.directory()).zone
    month = ctx.now.astimezone(zone).strftime("%Y-%m")
    reports = await ctx.store.town_reports.of_county(county_id, month)
    if not reports:
        month = shift_period(month, -1)
        reports = await ctx.store.town_reports.of_county(county_id, month)
    if not reports:
        ctx.reply("本月的月末报送尚未生成：每月报送日上午系统汇总各镇数据，发给各镇党建办确认后报县。")
        return
    by_town = {r.township_id: r for r in reports}
    towns = [t for t in await ctx.store.townships.all() if t.county_id == county_id]
    due = due_time(await ctx.store.calendar.county_entries(county_id), month, zone)
    # Before the due time a town that has not confirmed yet is not behind (减负: nobody is named for that).
    pending = "未报送（已过截止时间）" if due is None or ctx.now >= due else f"待确认（{due_words(due)}截止）"
    lines = [f"📥 {int(month[5:])}月月末报送（已报送{sum(r.confirmed for r in reports)}/{len(towns)}）："]
    for town in towns:
        report = by_town.get(town.id)
        if report is None:
            lines.append(f"· {town.name}：未生成")
        elif not report.confirmed:
            lines.append(f"· {town.name}：{pending}")
        else:
            lines.append(f"· {town.name}：{'逾期报送' if report.late else '已报送'}（{report.confirmed_by}）"
                         + ("，有补充说明" if report.addendum else ""))
    lines.append("各镇报送的内容已分别私聊发给县委目督办。")
    ctx.reply("\n".join(lines))


# Supervisors read (a town's, or all the county's when they supervise the county); only the town confirms.
READERS = TOWNSHIP_LEADERS + COUNTY_ROLES + (SUPERVISOR,)


@router.command("town_report", words=("月末报送", "查看月末报送", "报县材料"), roles=READERS,
                refusal="抱歉，月末报送由本镇党建办或镇领导办理，县领导、县委组织部和督导组可以查看。")
async def show(ctx: CountyContext) -> None:
    """The township's month-end report as it stands (and whether it was sent); for the county's cadres and
    supervisors, every town's."""
    county_id = ctx.person.county_id
    if county_id is not None and holds(ctx.person.memberships, COUNTY_ROLES + (SUPERVISOR,), Unit(county_id)):
        await _county_view(ctx, county_id)
        return
    report = await _current(ctx)
    if report is None:
        await _nothing_yet(ctx)
        return
    figures = TownFigures.of_data(report.figures)
    if report.confirmed:
        ctx.reply(sent(figures, report.addendum, report.confirmed_by or "", report.late))
        return
    ctx.reply(card(figures, report.addendum, await _due(ctx, report.period)))


def _already(ctx: CountyContext, report: TownReportRef, zone: ZoneInfo) -> None:
    when = f"于{report.confirmed_at.astimezone(zone):%m月%d日%H:%M}" if report.confirmed_at else ""
    ctx.reply(f"本镇{int(report.period[5:])}月的月末报送已{when}由{report.confirmed_by}确认报县，无需重复报送；"
              "如需补充，请直接联系县委目督办。")


async def _confirm(ctx: CountyContext, report: TownReportRef) -> None:
    zone = (await ctx.directory()).zone
    if report.confirmed:
        _already(ctx, report, zone)
        return
    entries = await ctx.store.calendar.county_entries(ctx.person.county_id) if ctx.person.county_id else ()
    due = due_time(entries, report.period, zone)
    late = due is not None and ctx.now > due
    # Read again now: what was reported since the card was made (often the town's own project) goes up too.
    current = report.figures
    if ctx.ledger_files is not None:
        current = await ctx.ledger_files.town_figures(ctx.store, await ctx.directory(), report.township_id,
                                                      report.period, ctx.now)
    figures = TownFigures.of_data(current)
    if not await ctx.store.town_reports.confirm(report.id, ctx.person.id, current, ctx.now, late):
        # Another admin confirmed it a moment ago (two phones, one card): theirs stands.
        _already(ctx, await ctx.store.town_reports.get(report.township_id, report.period) or report, zone)
        return
    receivers = []
    if ctx.person.county_id is not None:
        county = ctx.store.county_people
        ids = (await county.of_county(ctx.person.county_id, ("county_admin",))
               or await county.of_county(ctx.person.county_id, COUNTY_ROLES))
        receivers = await ctx.store.people.by_ids(ids)
    text = sent(figures, report.addendum, ctx.person.name, late)
    for person in receivers:
        # Held for the 目督办's one note of the working day: twenty towns confirming make one message, not twenty.
        ctx.send_to(await ctx.store.people.direct_chats(person.id), text,
                    f"town-report-sent:{report.id}:{person.id}", daily=True)
    to = "、".join(p.name for p in receivers) or "县委目督办"
    updated = "（按确认时的最新数据重新汇总）" if figures != TownFigures.of_data(report.figures) else ""
    ctx.reply(f"✅ 已报送{to}{updated}{'（已过截止时间，记为逾期报送）' if late else ''}。")


@router.command("town_report_confirm", words=("确认报送", "确认上报"), roles=TOWNSHIP_LEADERS, refusal=_REFUSAL)
async def confirm(ctx: CountyContext) -> None:
    """Send the township's report up as assembled (with any addendum already given)."""
    report = await _current(ctx)
    if report is None:
        await _nothing_yet(ctx)
        return
    await _confirm(ctx, report)


async def _amend(ctx: CountyContext, report: TownReportRef, words: str) -> None:
    if not words:
        ctx.reply("请在“报送补充：”后写明要补充或更正的内容。")
        return
    if report.confirmed or not await ctx.store.town_reports.amend(report.id, words):
        _already(ctx, await ctx.store.town_reports.get(report.township_id, report.period) or report,
                 (await ctx.directory()).zone)
        return
    figures = TownFigures.of_data(report.figures)
    ctx.reply(card(figures, words, await _due(ctx, report.period)))


@router.command("town_report_amend", words=("报送补充", "月末报送补充", "报送更正"), args=_ADDENDUM,
                roles=TOWNSHIP_LEADERS, refusal=_REFUSAL)
async def amend(ctx: CountyContext) -> None:
    """Add the admin's correction or addition, in their words, and show the card again to confirm."""
    words = ctx.args.strip().lstrip("：:，, ").strip()
    report = await _current(ctx)
    if report is None:
        await _nothing_yet(ctx)
        return
    await _amend(ctx, report, words)


async def _answering(ctx: CountyContext, report_id: int) -> TownReportRef | bool:
    """The card's report when the sender may answer it; True when refused (said so), False when it is not the
    sender's township's current report (another handler may know the message)."""
    if not ctx.person.may(TOWNSHIP_LEADERS):
        ctx.reply(_REFUSAL)
        return True
    report = await _current(ctx)
    return report if report is not None and report.id == report_id else False


@router.on_button(TownReportButton)
async def on_button(ctx: CountyContext, button: TownReportButton) -> bool:
    """确认报送 pressed on the card."""
    report = await _answering(ctx, button.report_id)
    if isinstance(report, bool):
        return report
    await _confirm(ctx, report)
    return True


@router.on_reply(TownReportButton)
async def on_reply(ctx: CountyContext, button: TownReportButton) -> bool:
    """A reply to the card: a yes sends it up; other words are the addendum."""
    report = await _answering(ctx, button.report_id)
    if isinstance(report, bool):
        return report
    text = ctx.args.strip().rstrip("。！!")
    if text in _CONFIRM_WORDS:
        await _confirm(ctx, report)
    elif (addendum := _ADDED.match(text)) is not None:
        await _amend(ctx, report, addendum["words"].strip())
    else:  # "收到", a question: nothing is added to what goes to the county unless it is said to be an addition
        ctx.reply("回复“确认报送”即报县；需要更正或补充请回复“报送补充：……”。")
    return True
