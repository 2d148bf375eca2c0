"""The monthly digest and the 季通报 against records built here (hand-offs and issues through chat, confirmed
reports through the report repository): every number checked by hand."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.app import App
from scheduler import digest
from scheduler.jobs import monthly_digest, quarterly_bulletin
from scheduler.jobs._audience import directory_of
from storage.models import Issue, Task, Township
from tests.conftest import CST, RecordingTransport
from tests.scheduler.job_runs import run_job
from tests.scheduler.records import file_report
from tests.support.chat import registered
from tests.support.rows import rows

NAMES = ("王建国", "储德胜", "汪海波", "刘春华", "王芳", "余志强", "吴桂英", "李明亮", "胡立新", "程晓燕")
MARCH = (("王建国", "XC-01", 40, "三步桥街示范点本月进度40%"), ("王建国", "XC-02", 70, "征地搬迁整体进度70%"),
         ("储德胜", "XC-03", 30, "后备干部队伍建设本月进度30%"), ("汪海波", "XC-04", 20, "一米菜园本月进度20%"),
         ("汪海波", "XC-08", 5, "龙潭峡谷乡村旅游开发本月进度5%，存在问题：景区道路资金缺口较大"),
         ("王芳", "XC-06", 25, "移风易俗本月进度25%"), ("余志强", "XC-07", 25, "村级集体经济本月进度25%"))
MARCH_END = dt.date(2026, 3, 31)


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CST)


def _planned(deadline: dt.date) -> int:
    """序时进度 on 31 March for a project running from 1 January, computed here independently."""
    return round(100 * (MARCH_END - dt.date(2026, 1, 1)).days / (deadline - dt.date(2026, 1, 1)).days)


@pytest.fixture
async def quarter(app: App) -> dict:
    """March 2026 in 响肠镇: confirmed reports (桃园村 never reports), hand-offs (石关村 finishes none), grid issues."""
    people = {name: await registered(app, name) for name in NAMES}
    say = {name: people[name].say for name in NAMES}
    await say["程晓燕"]("各村书记3月20日前报送春耕安全检查表")  # one task per village
    app.clock.set(_at(2026, 3, 4, 10, 0))
    await say["程晓燕"]("@余志强 请于3月10日前完成村集体资产清查")
    tasks = {t.assignee_id: t.number for t in await rows(app, Task)}
    ids = {name: (await _person_id(app, name)) for name in NAMES}
    number = {name: tasks[ids[name]] for name in ("王建国", "储德胜")}
    app.clock.set(_at(2026, 3, 5, 15, 0))
    await say["吴桂英"]("一组路边垃圾堆了好几天没人清理，味道很大")  # environment: 7 working days
    await say["王建国"]("#E1 受理")
    app.clock.set(_at(2026, 3, 9, 16, 0))
    await say["吴桂英"]("#E1 已办结，保洁员已清运")
    await say["李明亮"]("三组两户人家因为排水沟吵起来了，需要调解")  # dispute: 3 working days, never resolved
    app.clock.set(_at(2026, 3, 10, 11, 0))
    await say["王建国"](f"#{number['王建国']} 已办结")  # on time
    app.clock.set(_at(2026, 3, 20, 10, 0))
    for name, code, progress, text in MARCH:
        problems = text.partition("存在问题：")[2] or None
        await file_report(app, name, code, "2026-03", progress, text, problems=problems)
    app.clock.set(_at(2026, 3, 25, 10, 0))
    await say["储德胜"](f"#{number['储德胜']} 已办结")  # five days late
    await say["吴桂英"]("一组路边又有人乱堆垃圾，污水流到路上")  # a repeat in the same grid, due in April
    (township,) = await rows(app, Township)
    return {"township_id": township.id, "people": people}


async def _person_id(app: App, name: str) -> int:
    async with app.uow() as store:
        (person,) = await store.people.by_name(name)
        return person.id


async def test_the_monthly_digest_counts_what_the_records_say(
        app: App, quarter: dict, transport: RecordingTransport) -> None:
    issues = await rows(app, Issue)
    assert [(i.number, i.category, i.repeat_of_id is not None) for i in issues] == [
        (1, "environment", False), (2, "dispute", False), (3, "environment", True)]
    await run_job(app, monthly_digest, "2026-04", _at(2026, 4, 1, 10, 0))
    hu = quarter["people"]["胡立新"].chat.id
    card, _, details = transport.texts(hu)[-1].partition("\n\n")  # one message: the card on top
    assert card.startswith("📊 响肠镇2026年3月工作简报\n2026年3月，8个项目已报送7个（报送率88%），其中逾期报送0个；")
    # 龙潭峡谷 (5% against 37%) is red; 一米菜园 (20% against 27%) is within 10 points: green; 桃园村 did not
    # report, so it is in none of the three.
    assert "已报送的项目中进度正常6个、需关注0个、滞后1个。" in card
    # Seven due (six by the 20th, 余志强's by the 10th), 王建国's alone on time; #1 and #2 wait for verification.
    assert "本月到期任务7项，按期办结1项（按期办结率14%），逾期未办结5项，已办结待验收2项。" in card
    assert "网格事件新增3件、办结1件；本月到期2件，限时办结1件（限时办结率50%），超时限1件，重复发生1件。" in card
    assert "桃园村本月未报送，请督促。" in card
    assert "· 桃园村：0/1（0%）" in details and "· 千佛塔村：2/2（100%）" in details
    assert f"🔴 龙潭峡谷乡村旅游开发 5%/序时{_planned(dt.date(2026, 8, 31))}%" in details
    assert "· 龙潭峡谷乡村旅游开发：景区道路资金缺口较大" in details
    assert "重复发生（按网格）：千佛塔村·一组 1件" in details
    assert details.index("【报送情况】") < details.index("【项目进度】") < details.index("【任务】")
    files = transport.sent[-1][1]["attachments"]
    assert [f["kind"] for f in files] == ["photo", "photo", "document"]
    assert all(Path(f["stored_path"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for f in files[:2])
    assert files[2]["name"] == "响肠镇2026年第1季度台账.xlsx"


async def test_the_trend_counts_each_month_of_the_quarter(app: App, quarter: dict) -> None:
    ctx = dataclasses.replace(app.job_context(), township_id=quarter["township_id"])
    async with app.uow() as store:
        march = await digest.gather(store, await directory_of(ctx, store), quarter["township_id"], "2026-03", ctx.zone)
    # March: 7 of 8 projects reported; 7 tasks due (six by the 20th, 余志强's by the 10th), 王建国's alone on time;
    # #E1 resolved within its limit, #E2 never; #E3 is due in April. January and February had nothing.
    assert [(p.period, p.reporting, p.tasks, p.issues) for p in march.trend] == [
        ("2026-01", 0.0, None, None), ("2026-02", 0.0, None, None), ("2026-03", 7 / 8, 1 / 7, 1 / 2)]


def _score(projects: list[tuple[float, int, int]], tasks: tuple[int, int], issues: tuple[int, int]) -> float:
    """DESIGN.md's score written out: (weight, progress, planned) per project, (met, due) for tasks and issues."""
    parts = [(0.60, sum(w * min(1, p / s) for w, p, s in projects) / sum(w for w, _, _ in projects))]
    parts += [(weight, met / due) for weight, (met, due) in ((0.25, tasks), (0.15, issues)) if due]
    return 100 * sum(w * share for w, share in parts) / sum(w for w, _ in parts)


def _first_quarter() -> dict[str, float]:
    """Each village's 2026Q1 score from the fixture's records, in registry order."""
    dec, oct_, sep, nov, aug = (_planned(dt.date(2026, m, d)) for m, d in ((12, 31), (10, 31), (9, 30), (11, 30),
                                                                            (8, 31)))
    return {
        "千佛塔村": _score([(10, 40, dec), (15, 70, sep)], (1, 1), (1, 1)),
        "请水寨村": _score([(10, 30, dec)], (0, 1), (0, 0)),
        "龙潭村": _score([(15, 20, nov), (10, 5, aug)], (0, 1), (0, 0)),
        "桃园村": _score([(15, 0, oct_)], (0, 1), (0, 0)),
        "河西村": _score([(10, 25, dec)], (0, 1), (0, 1)),
        "石关村": _score([(15, 25, dec)], (0, 2), (0, 0)),
    }


def _ranking(scores: dict[str, float]) -> list[str]:
    return sorted(scores, key=lambda name: -scores[name])  # a tie keeps registry order (sorted is stable)


async def test_the_bulletin_scores_ranks_and_explains(app: App, quarter: dict, transport: RecordingTransport) -> None:
    await run_job(app, quarterly_bulletin, "2026-04", _at(2026, 4, 7, 9, 0))
    text = transport.texts(quarter["people"]["胡立新"].chat.id)[-1]
    aug = _planned(dt.date(2026, 8, 31))
    expected = _first_quarter()
    for rank, name in enumerate(_ranking(expected), 1):
        assert f"{rank}. {name} {expected[name]:.1f}分｜" in text, name
    assert "1. 千佛塔村 100.0分｜项目 100%（书记项目1个、领办事项1个） · 任务 1/1 · 事件 1/1｜上季无数据" in text
    assert "石关村 70.6分｜项目 100%（书记项目1个） · 任务 0/2 · 事件 —" in text  # every task late
    assert "2026年第1季度共 6 个村（社区）参评（项目：书记项目6个、领办事项2个），平均" in text
    assert "【表扬】\n👍 千佛塔村：项目全部达到序时进度，任务 1/1 按期办结，事件 1/1 限时办结" in text
    assert f"⚠️ 龙潭村：「龙潭峡谷乡村旅游开发」5%（序时{aug}%）等2个项目落后，任务 1/1 未按期办结" in text
    assert "⚠️ 桃园村：本季度未报送项目进度，任务 1/1 未按期办结" in text
    assert "评分办法：综合得分 = 项目推进×60% + 任务按期办结×25% + 事件限时办结×15%" in text
    assert "不统计发言次数、在线时长" in text
    (chart,) = transport.sent[-1][1]["attachments"]
    assert Path(chart["stored_path"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


CHANGED = re.compile(r"^(\d+)\. (\S+) ([\d.]+)分｜.*｜(?:↑(\d+)位|↓(\d+)位|名次持平)，([+-][\d.]+)分$", re.MULTILINE)


async def test_the_next_bulletin_shows_the_change_since_the_last_quarter(
        app: App, quarter: dict, transport: RecordingTransport) -> None:
    app.clock.set(_at(2026, 6, 20, 10, 0))
    await file_report(app, "刘春华", "XC-05", "2026-06", 90, "小冬桃本月进度90%")  # last in Q1, ahead in Q2
    await run_job(app, quarterly_bulletin, "2026-07", _at(2026, 7, 6, 9, 0))
    text = transport.texts(quarter["people"]["胡立新"].chat.id)[-1]
    assert "2026年第2季度" in text
    before = _first_quarter()
    places = {name: rank for rank, name in enumerate(_ranking(before), 1)}
    rows = CHANGED.findall(text)
    assert sorted(name for _, name, *_ in rows) == sorted(before)  # every village, each compared with Q1
    for rank, name, score, up, down, delta in rows:
        assert places[name] - int(rank) == (int(up) if up else -int(down) if down else 0), name
        assert abs(float(score) - before[name] - float(delta)) <= 0.11, name
    assert ("1", "桃园村", "100.0") == rows[0][:3] and int(rows[0][3]) == places["桃园村"] - 1


async def test_the_ledger_workbook_holds_the_records(app: App, quarter: dict, transport: RecordingTransport) -> None:
    app.clock.set(_at(2026, 4, 2, 9, 0))
    await quarter["people"]["胡立新"].say("台账 2026Q1")
    (workbook,) = transport.sent[-1][1]["attachments"]
    book = load_workbook(workbook["stored_path"])
    assert book.sheetnames == ["项目台账", "方案版本", "里程碑", "督导记录", "整改事项", "任务台账", "网格事件台账",
                               "月报原文", "工作记录"]
    projects = book["项目台账"]
    assert [c.value for c in projects[1]][:3] == ["序号", "项目编号", "项目名称"]
    assert projects.freeze_panes == "A2" and projects.page_setup.orientation == "landscape"
    by_code = {row[1]: row for row in projects.iter_rows(min_row=2, values_only=True)}
    assert by_code["XC-02"][2:6] == ("党建引领征地搬迁攻坚", "千佛塔村", "王建国", 15)
    assert by_code["XC-02"][8:11] == ("未报", "未报", 70)  # January, February, March
    assert by_code["XC-05"][10] == "未报" and by_code["XC-05"][12] == "滞后"
    assert by_code["XC-08"][10:13] == (5, _planned(dt.date(2026, 8, 31)), "滞后")
    tasks = list(book["任务台账"].iter_rows(min_row=2, values_only=True))
    assert len(tasks) == 7 and sum(row[-1] == "是" for row in tasks) == 1 and sum(row[-1] == "否" for row in tasks) == 1
    late = next(row for row in tasks if row[3] == "储德胜")
    assert late[6] == dt.datetime(2026, 3, 20) and late[9] == dt.datetime(2026, 3, 25, 10, 0)  # local wall-clock time
    issues = list(book["网格事件台账"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[1], row[13], row[14]) for row in issues] == [
        ("#E1", "环境卫生", "是", None), ("#E2", "矛盾纠纷", None, None), ("#E3", "环境卫生", None, "#E1")]
    originals = list(book["月报原文"].iter_rows(min_row=2, values_only=True))
    assert ("2026-03", "龙潭村", "XC-08", "龙潭峡谷乡村旅游开发", "第1版", dt.datetime(2026, 3, 20, 10, 0), "汪海波",
            "上报", "龙潭峡谷乡村旅游开发本月进度5%，存在问题：景区道路资金缺口较大") in [row[:9] for row in originals]
    assert len(originals) == 7 and all(row[4] == "第1版" and row[7] == "上报" for row in originals)
