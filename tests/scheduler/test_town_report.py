"""A township's month-end report to its county (月末报送) over tests/fixtures/county.yaml: assembled from what
the town recorded, shown to its admin, amended and confirmed in chat, sent to the county's 目督办; towns not
confirmed by the due time reminded once; the county's 月报告 says who sent what."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from types import ModuleType

import pytest

from bot.app import App
from bot.console import ConsoleUser
from scheduler.jobs import county_digest, daily_note, deadline_reminder, town_report, town_report_due
from storage.models import County, OutboxMessage, Project, Report, Task, TownReport, Township, Village
from tests.conftest import CST, RecordingTransport
from tests.scheduler.records import file_report
from tests.support.chat import registered
from tests.support.rows import rows

COUNTY = Path(__file__).parents[1] / "fixtures" / "county.yaml"
PEOPLE = ("张丽华", "王德兴", "吴敏", "冯福集", "赵全友", "何晓梅", "罗明远", "纪文清", "孟督导")


@pytest.fixture(scope="module")
def registry_file() -> Path:
    """The county of three townships."""
    return COUNTY


@pytest.fixture
def clock() -> object:
    """Thursday 31 December 2026, the county's due day, before anything runs."""
    from handlers.clock import FakeClock
    return FakeClock(dt.datetime(2026, 12, 31, 8, 0, tzinfo=CST))


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CST)


async def _run(app: App, job: ModuleType, period: str, when: dt.datetime) -> int:
    app.clock.set(when)
    (county,) = await rows(app, County)
    ctx = dataclasses.replace(app.job_context(), county_id=county.id, period=period)
    queued: int = await job.job(ctx, when)
    await daily_note.job(ctx, when)  # what the job held for the day's 今日待办 note goes out
    await app.sender.drain()
    return queued


@pytest.fixture
async def people(app: App) -> dict[str, ConsoleUser]:
    """Everyone who speaks here, with a private chat the bot knows; a village report and the town's own one."""
    users = {name: await registered(app, name) for name in PEOPLE}
    for user in users.values():
        await user.say("帮助")
    await file_report(app, "赵全友", "XT-01", "2026-12", 60, "柑橘本月进度60%，存在问题：冷库资金缺口较大",
                      problems="冷库资金缺口较大")
    (own,) = await rows(app, Project, code="XT-Z1")
    now = app.clock.now()
    async with app.db.sessions() as session:
        session.add(Report(project_id=own.id, village_id=None, period="2026-12", status="confirmed", progress=80,
                           created_at=now, updated_at=now))
        await session.commit()
    return users


def _last(transport: RecordingTransport, user: ConsoleUser) -> str:
    return transport.texts(user.chat.id)[-1]


async def test_a_town_confirms_what_was_assembled_and_the_county_receives_it(
        app: App, people: dict[str, ConsoleUser], transport: RecordingTransport) -> None:
    await people["罗明远"].say("月末报送")  # nothing built yet: no town is named
    assert _last(transport, people["罗明远"]).startswith("本月的月末报送尚未生成")
    assert await _run(app, town_report, "2026-12", _at(2026, 12, 31, 9, 0)) == 3  # one card per town
    card = _last(transport, people["张丽华"])
    assert card.startswith("📤 玄滩镇12月月末报送（12月31日16:00前报县委目督办）")
    assert "一、村级项目：应报3项，已报1项" in card
    assert "玄滩镇党委非均衡发展项目·乡村旅游 80%（序时100%）" in card
    assert "石牛村·石牛村柑橘产业提质增效：冷库资金缺口较大" in card
    assert _last(transport, people["冯福集"]).startswith("📤 福集镇12月月末报送")  # no admin: its leader

    await people["赵全友"].say("确认报送")
    assert _last(transport, people["赵全友"]) == "抱歉，月末报送由本镇党建办或镇领导确认。"
    await people["吴敏"].say("报送补充：荷花村冬训已完成")  # 云锦镇's admin: her own town's report only
    (xt, yj) = [r for r in await rows(app, TownReport) if r.township_id in {1, 2}]
    assert xt.addendum is None and xt.status == "draft" and yj.addendum == "荷花村冬训已完成"

    # A village reports after the card was made: what goes up is read again when the admin confirms.
    app.clock.set(_at(2026, 12, 31, 10, 0))
    await file_report(app, "周秀英", "XT-02", "2026-12", 50, "人居环境整治本月进度50%")
    await people["张丽华"].say("报送补充：本月还完成了党员冬训")
    assert "补充说明：本月还完成了党员冬训" in _last(transport, people["张丽华"])
    await people["张丽华"].say("确认报送")
    assert _last(transport, people["张丽华"]) == "✅ 已报送何晓梅（按确认时的最新数据重新汇总）。"
    (xt,) = [r for r in await rows(app, TownReport) if r.township_id == 1]
    assert (xt.status, xt.late, xt.addendum) == ("confirmed", False, "本月还完成了党员冬训")
    # Held for the 目督办's one note of the day (twenty towns confirming make one message, not twenty).
    (held,) = [m for m in await rows(app, OutboxMessage) if m.key.startswith(f"town-report-sent:{xt.id}:")]
    assert held.status == "held" and held.payload["text"].startswith("📥 玄滩镇12月月末报送（张丽华确认）")
    assert "补充说明：本月还完成了党员冬训" in held.payload["text"] and xt.figures["reported"] == 2
    assert "一、村级项目：应报3项，已报2项" in held.payload["text"]
    await people["王德兴"].say("确认报送")
    assert "无需重复报送" in _last(transport, people["王德兴"])

    # Who may read: the county's cadres and supervisor every town's status, a town's supervisor that town's card.
    for who in ("罗明远", "纪文清"):
        await people[who].say("月末报送")
        assert _last(transport, people[who]).splitlines() == [
            "📥 12月月末报送（已报送1/3）：", "· 玄滩镇：已报送（张丽华），有补充说明",
            "· 云锦镇：待确认（12月31日16:00截止）", "· 福集镇：待确认（12月31日16:00截止）",
            "各镇报送的内容已分别私聊发给县委目督办。"]
    await people["孟督导"].say("月末报送")
    assert _last(transport, people["孟督导"]).startswith("📤 云锦镇12月月末报送")
    for who in ("纪文清", "孟督导", "罗明远"):  # reading is not confirming
        await people[who].say("确认报送")
        assert _last(transport, people[who]) == "抱歉，月末报送由本镇党建办或镇领导确认。"
    await people["赵全友"].say("月末报送")
    assert _last(transport, people["赵全友"]).startswith("抱歉，月末报送由本镇党建办或镇领导办理")
    assert [r.status for r in await rows(app, TownReport)] == ["confirmed", "draft", "draft"]

    # 16:00: the two towns not confirmed are reminded, once; 玄滩镇 hears nothing more.
    before = len(transport.texts(people["张丽华"].chat.id))
    assert await _run(app, town_report_due, "2026-12", _at(2026, 12, 31, 16, 0)) == 2
    assert await _run(app, town_report_due, "2026-12", _at(2026, 12, 31, 16, 5)) == 0
    assert len(transport.texts(people["张丽华"].chat.id)) == before
    assert "月末报送今天截止" in _last(transport, people["冯福集"])
    assert "📥 玄滩镇12月月末报送（张丽华确认）" in _last(transport, people["何晓梅"])  # in her note of the day
    await people["罗明远"].say("月末报送")
    assert "· 云锦镇：未报送（已过截止时间）" in _last(transport, people["罗明远"])
    app.clock.set(_at(2026, 12, 31, 17, 30))
    await people["冯福集"].say("确认报送")
    # Nothing changed in 福集镇 since its card: no word of re-reading, only that it is late.
    assert _last(transport, people["冯福集"]) == "✅ 已报送何晓梅（已过截止时间，记为逾期报送）。"

    assert await _run(app, county_digest, "2027-01", _at(2027, 1, 4, 9, 0)) > 0
    digest = _last(transport, people["罗明远"])
    assert "一、月末报送：3个乡镇，已报送2个" in digest
    assert "玄滩镇：已报送" in digest and "云锦镇：未报送" in digest and "福集镇：逾期报送" in digest
    assert "玄滩镇·补充说明：本月还完成了党员冬训" in digest and "冷库资金缺口较大" in digest
    folder = app.job_context().files_dir / "reports" / "泸县"
    written = (folder / "digest-2026-12.txt").read_text("utf-8")
    assert written.startswith("📊 泸县12月基层党建月报告\n一、月末报送：3个乡镇，已报送2个")
    assert (folder / "progress-2026-12.png").stat().st_size > 0  # the towns' own projects against schedule
    towns = {t.id: t.name for t in await rows(app, Township)}
    assert towns[1] == "玄滩镇" and towns[2] == "云锦镇"


async def test_the_towns_own_project_owes_its_report_and_its_owner_is_reminded(
        app: App, transport: RecordingTransport) -> None:
    """玄滩镇's own project (XT-Z1, owner 王德兴) unreported on the last day: its owner is reminded, as a village's
    secretary is for the village's."""
    wang, zhao = await registered(app, "王德兴"), await registered(app, "赵全友")
    for user in (wang, zhao):
        await user.say("帮助")
    towns = {t.name: t.id for t in await rows(app, Township)}
    when = _at(2026, 12, 31, 9, 0)
    app.clock.set(when)
    ctx = dataclasses.replace(app.job_context(), township_id=towns["玄滩镇"], period="2026-12")
    await deadline_reminder.job(ctx, when)
    await daily_note.job(ctx, when)
    await app.sender.drain()
    note = transport.texts(wang.chat.id)[-1]
    assert "玄滩镇以下项目还没有报送" in note and "· 玄滩镇党委非均衡发展项目·乡村旅游" in note
    assert "石牛村柑橘产业提质增效" in transport.texts(zhao.chat.id)[-1]  # the village's own, to its secretary
    assert "乡村旅游" not in transport.texts(zhao.chat.id)[-1]


async def test_the_card_calls_overdue_only_what_is_past_its_day(
        app: App, people: dict[str, ConsoleUser], transport: RecordingTransport) -> None:
    """On the due day's morning a task due that day is not late yet (减负: nobody is named for it)."""
    village = {v.name: v.id for v in await rows(app, Village)}["石牛村"]
    at = _at(2026, 12, 1, 9, 0)
    async with app.db.sessions() as session:
        session.add_all([Task(township_id=1, number=n, title=title, village_id=village, deadline=due,
                              status="assigned", created_at=at, updated_at=at)
                         for n, title, due in ((1, "报送党员花名册", dt.date(2026, 12, 20)),
                                               (2, "报送冬训总结", dt.date(2026, 12, 31)))])
        await session.commit()
    await _run(app, town_report, "2026-12", _at(2026, 12, 31, 9, 0))
    card = _last(transport, people["张丽华"])
    assert "三、任务：本月办结0项，逾期1项：#1 报送党员花名册（12月20日到期）" in card and "冬训总结" not in card
