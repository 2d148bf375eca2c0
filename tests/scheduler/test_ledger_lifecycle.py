"""The 台账 and the project lifecycle: every project with its status (示范点 marked) and kind, figures for approved
ones only, 投入 and 收入 of 村集体经济 projects, and a sheet each for plan versions, milestones, 督导 and 整改."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.app import App
from handlers.quarters import Quarter
from scheduler import ledger, ledger_xlsx
from scheduler.jobs._audience import directory_of
from tests.scheduler.lifecycle import (
    add_inspection,
    add_milestone,
    add_plan,
    add_rectification,
    at,
    project_id,
    set_status,
)
from tests.scheduler.records import file_report

D = dt.date
NAIVE = dt.datetime  # the workbook holds the township's wall-clock time


async def _records(app: App) -> None:
    """Q1 2026 in 响肠镇 with every stage of the lifecycle, and a little after it."""
    await set_status(app, "accepted", "XC-01", showcase="三步桥街环境整治经验在全镇推广")
    await set_status(app, "declared", "XC-02", "XC-07")
    await set_status(app, "returned", "XC-03")
    await set_status(app, "acceptance_requested", "XC-04")
    peach, land, gorge = [await project_id(app, code) for code in ("XC-05", "XC-02", "XC-08")]
    app.clock.set(at(2026, 3, 20, 10, 0))
    await file_report(app, "刘春华", "XC-05", "2026-01", 10, "冬桃基地投入资金5万元", done="投入资金5万元",
                      amounts=({"value": 50000, "unit": "元", "text": "5万元"},))
    said = "冬桃销售收入12万元，又投入3万元修冷库"
    await file_report(app, "刘春华", "XC-05", "2026-03", 40, f"{said}。存在问题：缺口10万元", done=said,
                      problems="缺口10万元",
                      amounts=tuple({"value": v, "unit": "元", "text": t}
                                    for v, t in ((120000, "12万元"), (30000, "3万元"), (100000, "10万元"))))
    await file_report(app, "刘春华", "XC-05", "2026-04", 50, "分红2万元", done="分红2万元",
                      amounts=({"value": 20000, "unit": "元", "text": "2万元"},))  # after the quarter
    await file_report(app, "余志强", "XC-07", "2026-03", 20, "投入8万元", done="投入8万元",
                      amounts=({"value": 80000, "unit": "元", "text": "8万元"},))  # declared: not a figure
    await file_report(app, "王建国", "XC-02", "2026-03", 30, "征地搬迁进度30%")  # declared: not a figure
    await add_plan(app, land, 1, "目标：完成120户签约。步骤：3月摸底，6月签约。", D(2026, 9, 30), "王建国",
                   at(2026, 2, 10, 9, 30))
    await add_plan(app, land, 2, "目标：完成120户签约。步骤：3月摸底，5月评估，6月签约。资金：镇财政补助。",
                   D(2026, 9, 30), "王建国", at(2026, 3, 5, 16, 0))
    await add_milestone(app, gorge, "规划编制", D(2026, 3, 1), at(2026, 3, 5, 11, 0), "汪海波")
    await add_milestone(app, gorge, "游客中心主体完工", D(2026, 3, 15))
    await add_milestone(app, gorge, "景区开放", D(2026, 8, 1))
    visit = await add_inspection(app, peach, "周敏", at(2026, 3, 10, 15, 0), "实地查看冬桃基地和冷库",
                                 ["收支台账不全", "冷库未验收"])
    await add_rectification(app, visit, 50, "补齐收支台账", "刘春华", D(2026, 3, 20), at(2026, 3, 10, 16, 0),
                            status="verified", done_at=at(2026, 3, 18, 10, 0), verified_at=at(2026, 3, 19, 9, 0))
    await add_rectification(app, visit, 51, "冷库组织验收", "刘春华", D(2026, 4, 30), at(2026, 3, 10, 16, 0))
    await add_inspection(app, gorge, "周敏", at(2026, 4, 10, 9, 0), "四月督导", [])  # next quarter's


async def _workbook(app: App, folder: Path) -> dict[str, Worksheet]:
    ctx = dataclasses.replace(app.job_context(), township_id=1)
    async with app.uow() as store:
        data = await ledger.gather(store, await directory_of(ctx, store), 1, Quarter(2026, 1), D(2026, 4, 20),
                                   ctx.zone)
    book = load_workbook(ledger_xlsx.write(data, folder / "ledger.xlsx"))
    return {name: book[name] for name in book.sheetnames}


def _rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(min_row=2, values_only=True))


async def test_the_project_sheet_has_status_kind_and_money_and_figures_for_approved_projects_only(
        app: App, tmp_path: Path) -> None:
    await _records(app)
    sheets = await _workbook(app, tmp_path)
    projects = sheets["项目台账"]
    header = [c.value for c in projects[1]]
    assert header[11:] == ["序时进度（03-31）", "进度评价", "状态", "类别", "累计投入（元）", "累计收入（元）"]
    by_code = {row[1]: row for row in _rows(projects)}
    assert {code: row[13] for code, row in by_code.items()} == {
        "XC-01": "已验收·示范点", "XC-02": "待审核", "XC-03": "退回修改", "XC-04": "待验收", "XC-05": "实施中",
        "XC-06": "实施中", "XC-07": "待审核", "XC-08": "实施中"}
    assert by_code["XC-01"][14] == "领办事项" and by_code["XC-02"][14] == "书记项目"
    assert by_code["XC-02"][8:13] == (None,) * 5  # under review: reported or not, blank figures
    assert by_code["XC-05"][8:11] == (10, "未报", 40)
    assert by_code["XC-05"][15:] == (80000, 120000)  # 5万 + 3万 put in, 12万 earned; the 缺口 and April left out
    assert by_code["XC-07"][15:] == (None, None)  # 村集体经济 too, but declared
    assert by_code["XC-06"][15:] == (None, None)  # not 村集体经济
    assert by_code["XC-08"][11:13] == (67, "滞后")  # two of three milestones due by 31 March, nothing reported
    line = next(line for line in projects.iter_rows(min_row=2) if line[1].value == "XC-01")
    assert line[13].comment.text == "示范点：三步桥街环境整治经验在全镇推广"
    assert line[15].number_format == "#,##0"


async def test_plans_milestones_inspections_and_corrections_each_have_a_sheet(app: App, tmp_path: Path) -> None:
    await _records(app)
    sheets = await _workbook(app, tmp_path)
    assert list(sheets) == ["项目台账", "方案版本", "里程碑", "督导记录", "整改事项", "任务台账", "网格事件台账",
                            "月报原文", "工作记录"]
    plans = _rows(sheets["方案版本"])
    assert [row[:7] for row in plans] == [
        ("XC-02", "党建引领征地搬迁攻坚", "千佛塔村", "第1版", NAIVE(2026, 2, 10, 9, 30), "王建国", NAIVE(2026, 9, 30)),
        ("XC-02", "党建引领征地搬迁攻坚", "千佛塔村", "第2版", NAIVE(2026, 3, 5, 16, 0), "王建国", NAIVE(2026, 9, 30))]
    assert plans[1][7].endswith("资金：镇财政补助。")
    milestones = _rows(sheets["里程碑"])
    assert [(row[0], row[3], row[4], row[5], row[6], row[7]) for row in milestones] == [
        ("XC-08", "规划编制", NAIVE(2026, 3, 1), NAIVE(2026, 3, 5, 11, 0), "汪海波", "逾期完成"),
        ("XC-08", "游客中心主体完工", NAIVE(2026, 3, 15), None, None, "逾期未完成"),
        ("XC-08", "景区开放", NAIVE(2026, 8, 1), None, None, None)]
    (inspection,) = _rows(sheets["督导记录"])  # April's is next quarter's
    assert inspection == (NAIVE(2026, 3, 10, 15, 0), "XC-05", "党建引领“小冬桃”助力乡村振兴", "桃园村", "周敏",
                          "实地查看冬桃基地和冷库", "1. 收支台账不全\n2. 冷库未验收")
    corrections = _rows(sheets["整改事项"])
    assert [(row[0], row[1], row[5], row[6], row[7], row[8], row[10]) for row in corrections] == [
        ("#50", "XC-05", "补齐收支台账", "刘春华", NAIVE(2026, 3, 20), "已验收销号", NAIVE(2026, 3, 19, 9, 0)),
        ("#51", "XC-05", "冷库组织验收", "刘春华", NAIVE(2026, 4, 30), "待签收", None)]
    assert {row[0] for row in _rows(sheets["任务台账"])} == {"#50", "#51"}  # 整改 items are tasks too
