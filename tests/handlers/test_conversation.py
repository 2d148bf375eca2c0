"""Multi-turn report conversations as a secretary has them, through the real pipeline (zulip_bots-style dialogues).

Each dialogue is a table: who says what, which words the bot's answer must (and must not) contain, and
the report rows that must be stored at the end (project, month, progress, status, what was done).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from bot.app import App
from bot.console import ConsoleUser
from handlers.clock import FakeClock
from storage.models import Project, Report, ReportRevision, Task
from tests.conftest import CST, RecordingTransport
from tests.support.chat import registered
from tests.support.rows import count, rows


@dataclass(frozen=True)
class Turn:
    """One message and what the bot's answer to it must say (`absent`: must not say)."""

    who: str
    says: str
    expect: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    """A stored report: project code, month, progress, status and its done text (None: not checked)."""

    project: str
    period: str
    progress: int | None
    status: str
    done: str | None = None


@dataclass(frozen=True)
class Dialog:
    """A conversation started at `now`, and the rows it must leave."""

    now: dt.datetime
    turns: tuple[Turn, ...]
    reports: tuple[Row, ...]
    sources: tuple[str, ...] = ()  # the revision sources of every report, in order of creation
    extra: dict[str, int] = field(default_factory=dict)


NOV_20 = dt.datetime(2026, 11, 20, 10, 0, tzinfo=CST)
DEC_2 = dt.datetime(2026, 12, 2, 10, 0, tzinfo=CST)
PEACH = "11月小冬桃基地完成冬季修剪200亩，进度60%"

DIALOGS = {
    "progress correction in plain words changes only progress": Dialog(NOV_20, (
        Turn("刘春华", PEACH, ("进度：60%",)),
        Turn("刘春华", "进度写错了，应该是七成", ("进度：70%", "已完成：小冬桃基地完成冬季修剪200亩"), ("写错",)),
    ), (Row("XC-05", "2026-11", 70, "draft", "小冬桃基地完成冬季修剪200亩"),), ("report", "correction")),
    "a problem said again with another sum takes the old sum out of the amounts": Dialog(NOV_20, (
        Turn("刘春华", "小冬桃基地完成冬季修剪200亩，进度60%，就是冷库资金还差两万", ("金额：两万",)),
        Turn("刘春华", "问题改为冷库资金还差三万", ("存在问题：冷库资金还差三万", "金额：三万"), ("两万",)),
    ), (Row("XC-05", "2026-11", 60, "draft", "小冬桃基地完成冬季修剪200亩"),), ("report", "correction")),
    "a sum corrected replaces what was spent, in the text too, and keeps the gap": Dialog(NOV_20, (
        Turn("刘春华", "小冬桃基地修了冷库地基花了三千二，就是资金还差两万，进度60%", ("金额：三千二、两万",)),
        Turn("刘春华", "金额改成三千五", ("已完成：小冬桃基地修了冷库地基花了三千五", "金额：三千五、两万"), ("三千二",)),
    ), (Row("XC-05", "2026-11", 60, "draft", "小冬桃基地修了冷库地基花了三千五"),), ("report", "correction")),
    "a month correction moves the month and nothing else": Dialog(NOV_20, (
        Turn("刘春华", PEACH),
        Turn("刘春华", "不是11月是10月的", ("月份：2026年10月",), ("已完成：是10月的",)),
    ), (Row("XC-05", "2026-10", 60, "draft", "小冬桃基地完成冬季修剪200亩"),), ("report", "correction")),
    "不对是七成 right after the card is a correction, not a new report": Dialog(NOV_20, (
        Turn("刘春华", PEACH),
        Turn("刘春华", "不对是七成", ("进度：70%",)),
        Turn("刘春华", "不对是七成", ("没有改动",)),
        Turn("刘春华", "确认", ("✅ 已确认",)),
    ), (Row("XC-05", "2026-11", 70, "confirmed", "小冬桃基地完成冬季修剪200亩"),), ("report", "correction")),
    "a correction that cannot be read gets a hint, never a report": Dialog(NOV_20, (
        Turn("刘春华", PEACH),
        Turn("刘春华", "写错了", ("请直接说要改的地方",)),
    ), (Row("XC-05", "2026-11", 60, "draft", "小冬桃基地完成冬季修剪200亩"),), ("report",)),
    "which project? keeps the message; a correction and 确认 while it is open": Dialog(NOV_20, (
        Turn("王建国", "本月完成入户摸底42户，进度60%", ("哪个项目",)),
        Turn("王建国", "进度改成70%", ("进度70%", "哪个项目")),
        Turn("王建国", "确认", ("还差一步", "哪个项目")),
        Turn("王建国", "项目是征地那个", ("党建引领征地搬迁攻坚", "进度：70%", "已完成：完成入户摸底42户")),
        Turn("王建国", "确认", ("✅ 已确认",)),
    ), (Row("XC-02", "2026-11", 70, "confirmed", "完成入户摸底42户"),), ("report",)),
    "a choice in words: 是菜园那个 / 第二个": Dialog(NOV_20, (
        Turn("汪海波", "本月接待游客300人次，进度40%", ("哪个项目",)),
        Turn("汪海波", "第二个", ("龙潭峡谷乡村旅游开发", "进度：40%")),
        Turn("汪海波", "确认"),
        Turn("汪海波", "本月新增种植户8户，进度50%", ("哪个项目",)),
        Turn("汪海波", "是菜园那个", ("一米菜园", "进度：50%")),
    ), (Row("XC-04", "2026-11", 50, "draft", "新增种植户8户"), Row("XC-08", "2026-11", 40, "confirmed")),
        ("report", "report")),
    "the answer to which project never touches last month's confirmed report": Dialog(NOV_20, (
        Turn("王建国", "征地搬迁本月签约10户，进度50%"),
        Turn("王建国", "确认", ("✅",)),
    ), (Row("XC-02", "2026-11", 50, "confirmed"),), ("report",)),
    "one message about two projects becomes two cards": Dialog(NOV_20, (
        Turn("王建国", "11月工作汇报：1.三步桥示范点立面改造完成，进度55%；2.征地搬迁新签协议5户，进度70%，"
                       "存在问题是安置房进度慢。", ("2 个项目", "进度：55%", "进度：70%", "安置房进度慢")),
        Turn("王建国", "2 进度改成75%", ("党建引领征地搬迁攻坚", "进度：75%")),
        Turn("王建国", "确认1", ("三步桥",), ("征地",)),
        Turn("王建国", "确认", ("征地",)),
    ), (Row("XC-01", "2026-11", 55, "confirmed", "三步桥示范点立面改造完成"),
        Row("XC-02", "2026-11", 75, "confirmed", "征地搬迁新签协议5户")), ("report", "report", "correction")),
    "a confirmed report corrected opens a new revision and says so": Dialog(NOV_20, (
        Turn("刘春华", PEACH),
        Turn("刘春华", "确认"),
        Turn("刘春华", "进度改成80%", ("原已确认", "第 2 版")),
    ), (Row("XC-05", "2026-11", 80, "draft"),), ("report", "correction")),
    "questions get answers, instructions a refusal, neither a report": Dialog(DEC_2, (
        Turn("王建国", "请问月报什么时候交？", ("12月31日", "11月", "还未报")),
        Turn("王建国", "我们村这个月的情况怎么报", ("不用填表",)),
        Turn("王建国", "各村书记本月底前上报党员发展计划", ("镇领导或党建办", "胡立新")),
    ), (), extra={"tasks": 0}),
    "early in the month the card says which month it went to and moves in one word": Dialog(DEC_2, (
        Turn("王建国", "征地搬迁这个月新签协议5户，进度75%", ("2026年12月", "回复“11月”")),
        Turn("王建国", "11月", ("月份：2026年11月（逾期报送）",)),
    ), (Row("XC-02", "2026-11", 75, "draft"),), ("report", "correction")),
    "a second report while a card is open keeps the first one open; 确认 confirms both": Dialog(NOV_20, (
        Turn("王建国", "征地搬迁本月签约10户，进度50%"),
        Turn("王建国", "三步桥示范点本月完成立面改造，进度60%", ("另有 1 份月报还没确认", "党建引领征地搬迁攻坚")),
        Turn("王建国", "进度改成65%", ("三步桥", "进度：65%")),
        Turn("王建国", "征地那个进度改成55%", ("征地", "进度：55%")),
        Turn("王建国", "确认", ("三步桥", "征地")),
    ), (Row("XC-01", "2026-11", 65, "confirmed"), Row("XC-02", "2026-11", 55, "confirmed")),
        ("report", "report", "correction", "correction")),
    "labels, additions and amounts: 问题：… / 问题补充：… / 补充一下，投入资金3万元": Dialog(NOV_20, (
        Turn("王建国", "征地搬迁本月签约10户，进度50%"),
        Turn("王建国", "问题：安置房建设滞后", ("存在问题：安置房建设滞后",)),
        Turn("王建国", "问题补充：部分群众有顾虑", ("安置房建设滞后；部分群众有顾虑",)),
        Turn("王建国", "下步计划：月底前完成剩余签约", ("下步计划：月底前完成剩余签约",)),
        Turn("王建国", "补充一下，投入资金3万元", ("金额：3万元",)),
        Turn("王建国", "本月完成入户摸底42户，进度60%", ("哪个项目",)),
        Turn("王建国", "1", ("三步桥", "另有 1 份月报还没确认")),
        Turn("王建国", "确认", ("三步桥", "征地")),
    ), (Row("XC-01", "2026-11", 60, "confirmed", "完成入户摸底42户"),
        Row("XC-02", "2026-11", 50, "confirmed", "签约10户")),
        ("report", "correction", "correction", "correction", "correction", "report")),
    "确认 with no card open confirms the only draft, and says so when there is none": Dialog(NOV_20, (
        Turn("刘春华", "确认", ("没有待您确认的月报",)),
        Turn("刘春华", PEACH),
        Turn("刘春华", "请问月报什么时候交？", ("待确认",)),
        Turn("刘春华", "确认", ("✅ 已确认",)),
    ), (Row("XC-05", "2026-11", 60, "confirmed"),), ("report",)),
    "a correction naming another project of the village changes that project's report, not the card": Dialog(NOV_20, (
        Turn("王建国", "征地搬迁本月签约10户，进度50%"),
        Turn("王建国", "确认"),
        Turn("王建国", "三步桥示范点本月完成立面改造，进度60%"),
        Turn("王建国", "征地进度改成55%", ("党建引领征地搬迁攻坚", "进度：55%", "原已确认")),
        Turn("王建国", "龙潭峡谷进度改成10%", ("龙潭村的项目",)),
    ), (Row("XC-01", "2026-11", 60, "draft"), Row("XC-02", "2026-11", 55, "draft")),
        ("report", "report", "correction")),
    "another village's project named with no card open is refused, though the village has one project": Dialog(
        NOV_20, (
            Turn("刘春华", "三步桥示范点进度改成90%", ("千佛塔村的项目", "王建国")),
            Turn("刘春华", "三步桥示范点本月完成立面改造，进度60%", ("千佛塔村的项目",)),
            Turn("刘春华", "小冬桃本月进度80%", ("📋 已记录：桃园村",)),
        ), (Row("XC-05", "2026-11", 80, "draft"),), ("report",)),
    "another project named with new figures is a new report, never a move of the card": Dialog(NOV_20, (
        Turn("王建国", "征地搬迁本月签约10户，进度50%"),
        Turn("王建国", "确认"),
        Turn("王建国", "三步桥示范点本月进度30%", ("📋 已记录：千佛塔村 · 党建引领，打造三步桥街",)),
        Turn("王建国", "是征地那个", ("已有一份报告", "没有改动")),
    ), (Row("XC-01", "2026-11", 30, "draft"), Row("XC-02", "2026-11", 50, "confirmed")), ("report", "report")),
    "a leader or grid worker writing a project report is told who reports it, and nothing is filed": Dialog(
        NOV_20, (
            Turn("胡立新", "征地搬迁本月签约10户，进度50%", ("村书记或包村干部报送（千佛塔村：王建国、江涛）", "未报"),
                 ("没有看懂",)),
            Turn("吴桂英", "三步桥示范点本月完成改厕20户，进度40%", ("千佛塔村：王建国、江涛", "直接描述问题")),
        ), ()),
    "a report on a named project while 'which project?' is open is its own, and the held message is asked again":
        Dialog(NOV_20, (
            Turn("王建国", "本月完成入户摸底42户，进度60%", ("哪个项目",)),
            Turn("王建国", "三步桥示范点本月清理垃圾30吨，进度40%", ("清理垃圾30吨", "进度：40%", "还没说明项目"),
                 ("已完成：完成入户摸底",)),
            Turn("王建国", "确认", ("还差一步",)),
            Turn("王建国", "2", ("入户摸底42户", "进度：60%", "另有 1 份")),
            Turn("王建国", "确认", ("✅ 已确认",)),
        ), (Row("XC-01", "2026-11", 40, "confirmed", "清理垃圾30吨"),
            Row("XC-02", "2026-11", 60, "confirmed", "完成入户摸底42户")), ("report", "report")),
    "nothing to report this month is one line for every project not yet reported": Dialog(NOV_20, (
        Turn("王建国", "征地搬迁本月签约10户，进度50%"),
        Turn("王建国", "确认"),
        Turn("王建国", "这个月没啥可报的", ("三步桥", "无新进展"), ("征地", "没有看懂", "哪个项目")),
        Turn("王建国", "确认", ("✅ 已确认",)),
        Turn("王建国", "嗯 这个月确实没啥可报的", ("都已报送",), ("📋",)),
    ), (Row("XC-01", "2026-11", None, "confirmed", "无新进展"), Row("XC-02", "2026-11", 50, "confirmed")),
        ("report", "report")),
    "no progress said of no project files every project's month, with the reason, and is no step on a task": Dialog(
        NOV_20, (
            Turn("胡立新", "@王建国 11月25日前上报党员发展计划", ("已交办",)),
            Turn("王建国", "本月两个项目都没什么进展，都在忙秋收", ("三步桥", "征地", "无新进展，在忙秋收"), ("任务", "哪个项目")),
            Turn("刘春华", "本月暂无进展", ("小冬桃",), ("哪个项目",)),
        ), (Row("XC-01", "2026-11", None, "draft", "无新进展，在忙秋收"),
            Row("XC-02", "2026-11", None, "draft", "无新进展，在忙秋收"), Row("XC-05", "2026-11", None, "draft")),
        ("report", "report", "report"), extra={"tasks": 1}),
    "an idle month with a plan, from a village of one project, is that project's report: never asked which": Dialog(
        NOV_20, (
            Turn("刘春华", "桃园这个月主要忙防汛和值班，项目进展不大，下月加快推进", ("小冬桃", "下步计划：加快推进"),
                 ("哪个项目",)),
        ), (Row("XC-05", "2026-11", None, "draft", None),), ("report",)),
    "help tells a secretary how to say a month went by with nothing to report": Dialog(NOV_20, (
        Turn("王建国", "帮助", ("本月暂无进展",)),
    ), ()),
    "thanks, greetings and a cheer get a word back, never a report, a task or 没有看懂": Dialog(NOV_20, (
        Turn("王建国", "您好", ("您好",), ("没有看懂",)),
        Turn("王建国", "谢谢", ("不客气",), ("没有看懂",)),
        Turn("王建国", "好的", ("好的",), ("没有看懂",)),
        Turn("胡立新", "大家辛苦了，今年书记项目整体推进不错，年底再加把劲。", ("收到",), ("没有看懂", "交办")),
    ), ()),
    "another village's project named in a correction is refused": Dialog(NOV_20, (
        Turn("刘春华", PEACH),
        Turn("刘春华", "三步桥示范点进度改成90%", ("千佛塔村的项目", "王建国")),
    ), (Row("XC-05", "2026-11", 60, "draft"),), ("report",)),
}


async def _replay(app: App, clock: FakeClock, transport: RecordingTransport, dialog: Dialog,
                  people: dict[str, ConsoleUser] | None = None) -> None:
    clock.set(dialog.now)
    people = {} if people is None else people  # the same users across dialogues: their message keys go on
    for i, turn in enumerate(dialog.turns):
        if turn.who not in people:
            people[turn.who] = await registered(app, turn.who)
        before = len(transport.sent)
        clock.advance(dt.timedelta(minutes=2))
        await people[turn.who].say(turn.says)
        answer = "\n".join(p["text"] for _, p in transport.sent[before:])
        for words in turn.expect:
            assert words in answer, f"turn {i} «{turn.says}»: «{words}» not in «{answer}»"
        for words in turn.absent:
            assert words not in answer, f"turn {i} «{turn.says}»: «{words}» in «{answer}»"


@pytest.mark.parametrize("name", DIALOGS)
async def test_dialog(app: App, clock: FakeClock, transport: RecordingTransport, name: str) -> None:
    dialog = DIALOGS[name]
    await _replay(app, clock, transport, dialog)
    codes = {p.id: p.code for p in await rows(app, Project)}
    stored = sorted((codes[r.project_id], r.period, r.progress, r.status, r.done) for r in await rows(app, Report))
    expected = sorted((r.project, r.period, r.progress, r.status, r.done) for r in dialog.reports)
    assert [s[:4] for s in stored] == [e[:4] for e in expected]
    for got, want in zip(stored, expected, strict=True):
        assert want[4] is None or got[4] == want[4], f"{got[0]} done: {got[4]!r}, expected {want[4]!r}"
    assert [r.source for r in await rows(app, ReportRevision)] == list(dialog.sources)
    assert await count(app, Task) == dialog.extra.get("tasks", 0)


async def test_a_correction_after_the_month_moved_keeps_the_confirmed_month(
        app: App, clock: FakeClock, transport: RecordingTransport) -> None:
    """On 12-02 a December report corrected to 11月 does not overwrite the confirmed November one."""
    people: dict[str, ConsoleUser] = {}
    await _replay(app, clock, transport, Dialog(NOV_20, (
        Turn("王建国", "征地搬迁本月签约10户，进度50%"), Turn("王建国", "确认")), ()), people)
    await _replay(app, clock, transport, Dialog(DEC_2, (
        Turn("王建国", "本月完成入户摸底42户，进度60%", ("哪个项目",)),
        Turn("王建国", "项目是征地那个", ("2026年12月",)),
        Turn("王建国", "11月", ("已有一份报告", "没有改动")),
    ), ()), people)
    codes = {p.id: p.code for p in await rows(app, Project)}
    stored = sorted((codes[r.project_id], r.period, r.progress, r.status) for r in await rows(app, Report))
    assert stored == [("XC-02", "2026-11", 50, "confirmed"), ("XC-02", "2026-12", 60, "draft")]
