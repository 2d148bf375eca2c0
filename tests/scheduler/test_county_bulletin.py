"""The county's 季通报 over tests/fixtures/county.yaml (玄滩镇, 云锦镇, 福集镇): towns ranked by their own
projects, the tasks they were handed and their issues, each score recomputed here from the records by hand."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.app import App
from scheduler.jobs import county_bulletin
from storage.models import County, Issue, OutboxMessage, Person, Project, Report, Task, Township
from tests.conftest import CST
from tests.support.chat import registered
from tests.support.rows import rows

COUNTY = Path(__file__).parents[1] / "fixtures" / "county.yaml"
WEIGHTS = (0.60, 0.25, 0.15)


@pytest.fixture(scope="module")
def registry_file() -> Path:
    """The county of three townships."""
    return COUNTY


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CST)


def _score(projects: list[tuple[float, int, int]], tasks: tuple[int, int], issues: tuple[int, int]) -> float:
    """DESIGN.md's formula, written out again: (weight, progress, planned) per project, (met, due) for the rest."""
    parts = []
    if projects:
        parts.append((WEIGHTS[0], sum(w * min(1.0, p / s) for w, p, s in projects) / sum(w for w, _, _ in projects)))
    for weight, (met, due) in ((WEIGHTS[1], tasks), (WEIGHTS[2], issues)):
        if due:
            parts.append((weight, met / due))
    return round(100 * sum(w * v for w, v in parts) / sum(w for w, _ in parts), 1)


async def _add(app: App, *items: Any) -> None:
    async with app.db.sessions() as session:
        session.add_all(items)
        await session.commit()


def _report(project: Project, period: str, progress: int) -> Report:
    at = _at(int(period[:4]), int(period[5:]), 20, 10)
    return Report(project_id=project.id, village_id=None, period=period, status="confirmed", progress=progress,
                  created_at=at, updated_at=at)


def _task(town: Township, number: int, deadline: dt.date, done: dt.datetime | None, by: Person) -> Task:
    at = _at(2026, 10, 8, 9)
    return Task(township_id=town.id, number=number, title="上报年度党建工作总结", deadline=deadline,
                status="done" if done else "assigned", created_at=at, updated_at=at, done_at=done,
                assigner_id=by.id)


@pytest.fixture
async def quarter(app: App) -> dict[str, Township]:
    """2026Q4 (and Q3, for the change) for the three towns' own projects, tasks and issues."""
    towns = {t.name: t for t in await rows(app, Township)}
    xt, yj, fj = towns["玄滩镇"], towns["云锦镇"], towns["福集镇"]
    now = _at(2026, 10, 1, 9)
    yj_project = Project(township_id=yj.id, code="YJ-Z1", title="云锦镇流动党建", kind="secretary_project",
                         start=dt.date(2026, 1, 1), deadline=dt.date(2027, 6, 30), weight=10, updated_at=now)
    fj_project = Project(township_id=fj.id, code="FJ-Z1", title="福集镇产业党建", kind="secretary_project",
                         start=dt.date(2026, 1, 1), deadline=dt.date(2026, 12, 31), weight=10, updated_at=now)
    # A village's project of 云锦镇: ranked among villages by the town, never in the county's ranking.
    await _add(app, yj_project, fj_project)
    (xt_project,) = await rows(app, Project, code="XT-Z1")  # weight 20, milestones 30 June and 30 November
    (village_project,) = await rows(app, Project, code="YJ-01")
    people = {p.name: p for p in await rows(app, Person)}
    county, town_leader = people["罗明远"], people["王德兴"]
    await _add(app, _report(xt_project, "2026-09", 40), _report(xt_project, "2026-12", 90),
               _report(yj_project, "2026-12", 70),
               Report(project_id=village_project.id, village_id=village_project.village_id, period="2026-12",
                      status="confirmed", progress=5, created_at=now, updated_at=now),
               _task(xt, 1, dt.date(2026, 12, 15), _at(2026, 12, 10, 9), county),
               _task(xt, 2, dt.date(2026, 12, 15), _at(2026, 12, 20, 9), county),
               _task(yj, 1, dt.date(2026, 11, 30), _at(2026, 11, 28, 9), county),
               _task(fj, 1, dt.date(2026, 12, 20), None, county),
               # The town's own hand-off to its office, never done: not the county's, so not counted.
               _task(xt, 3, dt.date(2026, 12, 18), None, town_leader),
               Issue(township_id=xt.id, number=1, category="environment", summary="路边垃圾", created_at=now,
                     updated_at=now, due_at=_at(2026, 12, 5, 18), resolved_at=_at(2026, 12, 3, 9), status="resolved"))
    for name in ("罗明远", "何晓梅", "王德兴", "孙云锦"):
        await (await registered(app, name)).say("日程")  # so the bot knows their private chats
    return towns


async def test_the_county_bulletin_ranks_towns_with_reasons_from_the_figures(
        app: App, quarter: dict[str, Township], tmp_path: Path) -> None:
    planned_yj = round(100 * (dt.date(2026, 12, 31) - dt.date(2026, 1, 1)).days
                       / (dt.date(2027, 6, 30) - dt.date(2026, 1, 1)).days)
    expected = {"云锦镇": _score([(10, 70, planned_yj)], (1, 1), (0, 0)),
                "玄滩镇": _score([(20, 90, 100)], (1, 2), (1, 1)),
                "福集镇": _score([(10, 0, 100)], (0, 1), (0, 0))}
    assert expected == {"云锦镇": 100.0, "玄滩镇": 81.5, "福集镇": 0.0}
    (county,) = await rows(app, County)
    when = _at(2027, 1, 11, 9)
    app.clock.set(when)
    ctx = dataclasses.replace(app.job_context(), county_id=county.id, period="2027-01")
    assert await county_bulletin.job(ctx, when) > 0

    text = (app.job_context().files_dir / "reports" / "泸县" / "bulletin-2026Q4.txt").read_text("utf-8")
    ranking = [line for line in text.splitlines() if re.match(r"\d\. ", line)]
    assert [re.match(r"\d\. (\S+) ([\d.]+)分｜", line).groups() for line in ranking] == [  # type: ignore[union-attr]
        (town, f"{score:.1f}") for town, score in expected.items()]
    # 玄滩镇 was scored last quarter too: its milestones put it at 50% by 30 September, it reported 40%.
    q3 = _score([(20, 40, 50)], (0, 0), (0, 0))
    assert "｜项目 100%（乡镇党委书记项目1个） · 任务 1/1 · 事件 —｜" in ranking[0]
    assert ranking[1].endswith(f"｜↓1位，{expected['玄滩镇'] - q3:+.1f}分")  # first of one in Q3, second of three now
    praised = [line for line in text.splitlines() if line.startswith("表扬")]
    blamed = [line for line in text.splitlines() if line.startswith("批评")]
    assert praised == ["表扬 云锦镇（100.0分）：项目全部达到序时进度，任务 1/1 按期办结"]
    assert blamed == ["批评 福集镇（0.0分）：本季度未报送项目进度，任务 1/1 未按期办结"]
    assert "【2026年累计（供年度考核参考）】" in text and "评分办法" in text
    folder = app.job_context().files_dir / "reports" / "泸县"
    assert (folder / "scores-2026Q4.png").stat().st_size > 0
    book = load_workbook(folder / "ledger-2026Q4.xlsx")
    assert book.sheetnames == ["乡镇排名", "乡镇项目", "村级汇总", "月末报送", "县交办任务", "工作记录汇总"]
    assert [row[:3] for row in book["乡镇排名"].iter_rows(min_row=2, values_only=True)] == [
        (rank, town, score) for rank, (town, score) in enumerate(expected.items(), 1)]
    assert [row[-1] for row in book["乡镇排名"].iter_rows(min_row=2, values_only=True)] == ["表扬", None, "批评"]
    towns_projects = {row[1]: row[4:] for row in book["乡镇项目"].iter_rows(min_row=2, values_only=True)}
    # The latest report by each month (40% from September), and yellow: due within three days of 31 December.
    assert towns_projects["玄滩镇党委非均衡发展项目·乡村旅游"] == (40, 40, 90, 100, "预警")
    villages = {row[0]: row for row in book["村级汇总"].iter_rows(min_row=2, values_only=True)}
    # Two villages, a project each, both red at the year's end (5% and none), three months owed by each.
    assert villages["云锦镇"][:7] == ("云锦镇", 2, 2, 2, 6, 1, 16.7)
    assert len(list(book["县交办任务"].iter_rows(min_row=2))) == 4  # not 玄滩镇's own hand-off

    sent = await rows(app, OutboxMessage)
    told = {m.chat_id for m in sent if m.key and m.key.startswith("county-bulletin:2026Q4")}
    assert len(told) == 4  # two county cadres and the two town leaders who have a private chat here


async def test_a_town_with_nothing_to_score_is_not_ranked_nor_named(app: App) -> None:
    """Only 玄滩镇 has a project of its own (XT-Z1) and nothing is due anywhere: the other two towns are listed as
    having nothing to score, never ranked last or criticised for it."""
    (project,) = await rows(app, Project, code="XT-Z1")
    await _add(app, _report(project, "2026-12", 95))
    (county,) = await rows(app, County)
    when = _at(2027, 1, 11, 9)
    app.clock.set(when)
    await registered(app, "罗明远")
    ctx = dataclasses.replace(app.job_context(), county_id=county.id, period="2027-01")
    await county_bulletin.job(ctx, when)
    text = (app.job_context().files_dir / "reports" / "泸县" / "bulletin-2026Q4.txt").read_text("utf-8")
    assert re.findall(r"^\d\. (\S+) ", text, re.MULTILINE) == ["玄滩镇"]
    assert "不参与排名：云锦镇、福集镇" in text and "平均 95.0 分" in text
    assert not [line for line in text.splitlines() if line.startswith(("批评", "需加快"))]
