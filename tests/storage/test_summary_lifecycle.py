"""The summary reads of the project lifecycle: only approved projects are measured, milestone dues come in one
statement per call, and the 台账's lifecycle rows are what was stored."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from bot.app import App
from storage.models import Township
from tests.scheduler.lifecycle import add_milestone, at, project_id, set_status, township_project
from tests.scheduler.records import file_report
from tests.support.rows import rows

D = dt.date


@contextmanager
def statements(app: App) -> Iterator[list[str]]:
    """The SELECT statements run inside the block."""
    seen: list[str] = []

    def count(*args: Any) -> None:
        if args[2].lstrip().upper().startswith("SELECT"):  # not SQLite's BEGIN IMMEDIATE
            seen.append(args[2])

    engine = app.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def _township(app: App) -> int:
    (township,) = await rows(app, Township)
    return township.id


async def test_progress_yields_approved_projects_with_their_kind_and_milestone_dues_in_one_more_statement(
        app: App) -> None:
    await set_status(app, "declared", "XC-03")
    await set_status(app, "returned", "XC-06")
    await set_status(app, "accepted", "XC-07")  # accepted is approved: still measured
    gorge = await project_id(app, "XC-08")
    for title, due in (("道路硬化", D(2026, 6, 30)), ("游客中心", D(2026, 3, 15)), ("未定", None)):
        await add_milestone(app, gorge, title, due)
    await add_milestone(app, await project_id(app, "XC-03"), "名单", D(2026, 2, 1))  # declared: not read
    township_id = await _township(app)
    async with app.uow() as store:
        with statements(app) as seen:
            found = [row async for row in store.summary.project_progress([township_id], ["2026-03"])]
    assert len(seen) == 2  # the progress stream and one read of every project's milestones, however many projects
    by_title = {row.title: row for row in found}
    assert "“三步走”建强村级后备干部队伍" not in by_title and "党建引领促和谐，移风易俗入人心" not in by_title
    assert len(found) == 6
    gorge_row = by_title["龙潭峡谷乡村旅游开发"]
    assert (gorge_row.kind, gorge_row.status, gorge_row.milestone_dues) == (
        "led_matter", "in_progress", (D(2026, 3, 15), D(2026, 6, 30)))
    assert by_title["创新举措推动村级集体经济驶入“快车道”"].status == "accepted"
    assert by_title["党建引领征地搬迁攻坚"].milestone_dues == ()


async def test_report_tally_counts_only_projects_that_owe_reports(app: App) -> None:
    await set_status(app, "declared", "XC-01")
    await set_status(app, "accepted", "XC-02")  # 千佛塔村's other project: 销号, owes nothing
    app.clock.set(at(2026, 3, 20, 10, 0))
    await file_report(app, "王建国", "XC-01", "2026-03", 10, "示范点本月进度10%")  # filed on a declared project
    township_id = await _township(app)
    async with app.uow() as store:
        (march,) = await store.summary.report_tally([township_id], [["2026-03"]])
        village_ids = await store.registry.village_ids(township_id)
    assert village_ids["千佛塔村"] not in march  # neither project owes a report
    assert sum(t.due for t in march.values()) == 6 and sum(t.met for t in march.values()) == 0


async def test_milestones_of_the_month_include_a_township_projects_and_ticked_ones_not_declared_ones(
        app: App) -> None:
    township_id = await _township(app)
    own = await township_project(app, "XZ-01", "镇党委书记项目：党群服务中心提升")
    await add_milestone(app, own, "完成改造设计", D(2026, 4, 20))
    await add_milestone(app, await project_id(app, "XC-02"), "完成签约", D(2026, 4, 30))
    garden = await project_id(app, "XC-04")
    await add_milestone(app, garden, "菜园划分", D(2026, 4, 1), at(2026, 3, 28, 10, 0), "汪海波")
    await add_milestone(app, await project_id(app, "XC-06"), "宣讲", D(2026, 4, 10))
    await add_milestone(app, await project_id(app, "XC-08"), "游客中心", D(2026, 3, 31))
    await set_status(app, "declared", "XC-06")
    async with app.uow() as store:
        april = await store.summary.milestones_due(township_id, (D(2026, 4, 1), D(2026, 4, 30)))
        overdue = await store.summary.milestones_overdue(township_id, D(2026, 4, 15))
    assert [(m.village, m.project_code, m.title, m.due, m.done_by) for m in april] == [
        ("龙潭村", "XC-04", "菜园划分", D(2026, 4, 1), "汪海波"),
        (None, "XZ-01", "完成改造设计", D(2026, 4, 20), None),
        ("千佛塔村", "XC-02", "完成签约", D(2026, 4, 30), None)]
    assert [(m.project_code, m.title) for m in overdue] == [("XC-08", "游客中心")]  # not ticked, not declared


async def test_collective_amounts_are_confirmed_reports_of_approved_collective_economy_projects(app: App) -> None:
    money = ({"value": 50000, "unit": "元", "text": "5万元"},)
    app.clock.set(at(2026, 3, 20, 10, 0))
    await file_report(app, "余志强", "XC-07", "2026-02", 20, "投入5万元", done="投入5万元", amounts=money)
    await file_report(app, "余志强", "XC-07", "2026-03", 25, "收益5万元", done="收益5万元", amounts=money)
    await file_report(app, "余志强", "XC-07", "2026-04", 30, "收益5万元", done="收益5万元", amounts=money)  # after
    await file_report(app, "刘春华", "XC-05", "2026-03", 40, "投入5万元", done="投入5万元", amounts=money,
                      confirm=False)  # a draft
    await file_report(app, "汪海波", "XC-04", "2026-03", 20, "投入5万元", done="投入5万元", amounts=money)  # 产业发展
    await file_report(app, "刘春华", "XC-05", "2026-02", 30, "进度30%")  # no sums of money
    township_id = await _township(app)
    async with app.uow() as store:
        found = await store.summary.collective_amounts(township_id, "2026-03")
    xc07 = await project_id(app, "XC-07")
    assert [(r.project_id, r.done) for r in found] == [(xc07, "投入5万元"), (xc07, "收益5万元")]
    assert found[0].amounts == money
    await set_status(app, "returned", "XC-07")
    async with app.uow() as store:
        assert await store.summary.collective_amounts(township_id, "2026-03") == []


async def test_project_states_name_every_active_projects_kind_status_and_showcase(app: App) -> None:
    await set_status(app, "accepted", "XC-05", showcase="冬桃产业链带动全村增收，作为比学创参观点")
    async with app.uow() as store:
        states = await store.summary.project_states(await _township(app))
    assert len(states) == 8
    peach = states[await project_id(app, "XC-05")]
    assert (peach.kind, peach.category, peach.status, peach.approved, peach.reporting) == (
        "secretary_project", "村集体经济", "accepted", True, False)
    assert peach.showcase == "冬桃产业链带动全村增收，作为比学创参观点"
    assert states[await project_id(app, "XC-08")].kind == "led_matter"
