"""项目, 任务 and 事件 in the console: records made in chat, read back over HTTP by each role, within its scope."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import httpx
import pytest

from bot.app import App
from handlers.clock import FakeClock
from handlers.messages import Attachment
from handlers.refs import NewTask
from storage.models import Person, ReportEvidence
from tests.conftest import RecordingTransport
from tests.support.rows import rows
from tests.web.records_world import World, make_world, registry
from tests.web.support import signed_in

FORBIDDEN = "抱歉，您没有权限查看或修改这项内容。"


@pytest.fixture(scope="module")
def registry_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The township with a supervisor (督导组) on its roster."""
    return registry(tmp_path_factory.mktemp("registry"))


@pytest.fixture
async def world(app: App, clock: FakeClock, tmp_path: Path) -> World:
    return await make_world(app, clock, tmp_path / "files")


def _codes(page: httpx.Response) -> list[str]:
    assert page.status_code == 200, page.text
    return re.findall(r'data-project="([^"]+)"', page.text)


def _numbers(page: httpx.Response, what: str) -> list[int]:
    assert page.status_code == 200, page.text
    return [int(n) for n in re.findall(rf'data-{what}="(\d+)"', page.text)]


def _row(page: httpx.Response, code: str) -> str:
    return page.text.split(f'data-project="{code}"')[1].split("</tr>")[0]


def _href(page: httpx.Response, name: str, record_id: int) -> str:
    """The link to a record's page, as the page wrote it."""
    link = f"http://127.0.0.1:8080/console/{name}/{record_id}"
    assert f'href="{link}' in page.text, f"no link to {link}"
    return link


VILLAGE_ORDER = ["XC-01", "XC-02", "XC-03", "SB2026-001", "XC-04", "XC-08", "XC-05", "XC-06", "XC-07"]


async def test_a_leader_lists_every_project_with_progress_and_schedule(
        app: App, world: World, transport: RecordingTransport) -> None:
    http = await signed_in(app, "胡立新", transport)
    page = await http.get("/console/projects")
    assert _codes(page) == VILLAGE_ORDER  # by village in roster order, then by project
    row = _row(page, "XC-01")
    assert "党建引领，打造三步桥街人居环境治理示范点" in row and "领办事项" in row and "千佛塔村" in row
    assert "王建国" in row and "实施中" in row
    # The corrected and confirmed figure, its month, and the straight-line 序时进度 on 20 March.
    assert "70%" in row and "2026年3月" in row and "<td>21%</td>" in row and 'class="dot green"' in row
    assert _href(page, "projects", world.projects["XC-01"])
    assert "未报" in _row(page, "XC-02") and 'class="dot red"' in _row(page, "XC-02")  # no report: 0% vs 29%
    declared = _row(page, "SB2026-001")
    assert "白茶产业园" in declared and "待审核" in declared and 'class="dot none"' in declared
    assert "<td>—</td>" in declared  # a plan under review has no 序时进度
    assert all(f">{label}</a>" in page.text for label in ("项目", "任务", "事件"))


async def test_filters_narrow_the_list_by_village_kind_status_and_colour(
        app: App, world: World, transport: RecordingTransport) -> None:
    http = await signed_in(app, "胡立新", transport)
    assert _codes(await http.get(f"/console/projects?village={world.villages['龙潭村']}")) == ["XC-04", "XC-08"]
    assert _codes(await http.get("/console/projects?kind=led_matter")) == ["XC-01", "XC-08"]
    assert _codes(await http.get("/console/projects?status=declared")) == ["SB2026-001"]
    assert _codes(await http.get(f"/console/projects?village={world.villages['千佛塔村']}&kind=secretary_project"
                                 "&status=in_progress&colour=")) == ["XC-02"]
    reds = _codes(await http.get("/console/projects?colour=red"))
    greens = _codes(await http.get("/console/projects?colour=green"))
    yellows = _codes(await http.get("/console/projects?colour=yellow"))
    assert "XC-02" in reds and {"XC-01", "XC-03"} <= set(greens)
    assert sorted(reds + greens + yellows) == sorted(set(VILLAGE_ORDER) - {"SB2026-001"})  # each approved once
    empty = await http.get("/console/projects?kind=town_project")
    assert _codes(empty) == [] and "没有符合条件的项目" in empty.text
    # The chosen values stay chosen, and the form both submits plainly and swaps the table through htmx.
    page = await http.get("/console/projects?kind=led_matter")
    assert '<option value="led_matter" selected>' in page.text
    form = page.text.split('<form class="filters"')[1].split(">")[0]
    for attribute in ('method="get"', 'hx-get="http://127.0.0.1:8080/console/projects"', 'hx-trigger="change"',
                      'hx-target="#project-rows"', 'hx-select="#project-rows"', 'hx-push-url="true"'):
        assert attribute in form
    assert page.text.count('id="project-rows"') == 1 and '<button type="submit">' in page.text
    swapped = await http.get("/console/projects?kind=led_matter", headers={"HX-Request": "true"})
    assert _codes(swapped) == ["XC-01", "XC-08"]


@pytest.mark.parametrize(("path", "said"), [
    ("/console/projects?village=abc", "村（社区）“abc”不对"),
    ("/console/projects?village=99999", "村（社区）“99999”不对"),
    ("/console/projects?kind=project", "项目类别“project”不对，可选：书记项目、领办事项、乡镇党委书记项目"),
    ("/console/projects?status=done", "项目状态“done”不对"),
    ("/console/projects?colour=purple", "进度颜色“purple”不对，可选：正常、需关注、滞后"),
    ("/console/tasks?status=late", "任务状态“late”不对"),
    ("/console/issues?category=fire", "事件类别“fire”不对"),
    ("/console/issues?status=open", "事件状态“open”不对"),
    ("/console/issues?over=yes", "是否超时限“yes”不对"),
])
async def test_a_bad_filter_is_a_400_saying_what_to_pick(app: App, transport: RecordingTransport, path: str,
                                                         said: str) -> None:
    http = await signed_in(app, "胡立新", transport)
    page = await http.get(path)
    assert page.status_code == 400 and said in page.text


async def test_a_secretary_sees_their_village_only_and_the_rest_reads_as_nonexistent(
        app: App, world: World, transport: RecordingTransport) -> None:
    http = await signed_in(app, "王建国", transport)
    page = await http.get("/console/projects")
    assert _codes(page) == ["XC-01", "XC-02"]
    assert 'name="village"' not in page.text and "town_project" not in page.text  # one village: nothing to pick
    own = await http.get(f"/console/projects?village={world.villages['千佛塔村']}")
    assert _codes(own) == ["XC-01", "XC-02"]
    other = await http.get(f"/console/projects?village={world.villages['请水寨村']}")
    assert other.status_code == 400  # another village's id is not a value they can pick
    assert (await http.get(f"/console/projects/{world.projects['XC-01']}")).status_code == 200
    assert _numbers(await http.get("/console/tasks"), "task") == [1, 3]  # his task and his 整改 item, not #2
    assert _numbers(await http.get("/console/issues"), "issue") == [1]
    nowhere = {}
    for name in ("projects", "reports", "tasks", "issues", "evidence"):
        nowhere[name] = await http.get(f"/console/{name}/999999")
        assert nowhere[name].status_code == 403 and FORBIDDEN in nowhere[name].text
        beyond = await http.get(f"/console/{name}/{10**30}")  # no INTEGER column holds it
        assert (beyond.status_code, beyond.text) == (403, nowhere[name].text)
    for name, record_id in (("projects", world.projects["XC-03"]), ("projects", world.projects["SB2026-001"]),
                            ("reports", world.other_report), ("tasks", world.tasks[2]), ("issues", world.issues[2])):
        page = await http.get(f"/console/{name}/{record_id}")
        assert (page.status_code, page.text) == (403, nowhere[name].text), (name, record_id)
    # Another village's secretary cannot open his report's photo either.
    chu = await signed_in(app, "储德胜", transport)
    evidence_id = (await rows(app, ReportEvidence, file_id="file-1"))[0].id
    assert (await http.get(f"/console/evidence/{evidence_id}")).status_code == 200
    refused = await chu.get(f"/console/evidence/{evidence_id}")
    assert (refused.status_code, refused.text) == (403, nowhere["evidence"].text)
    assert (await chu.get(f"/console/reports/{world.report}")).status_code == 403
    assert (await chu.get(f"/console/reports/{world.other_report}")).status_code == 200


async def test_from_the_list_to_a_project_to_a_report_revision(
        app: App, world: World, transport: RecordingTransport) -> None:
    http = await signed_in(app, "周敏", transport)
    listing = await http.get("/console/projects")
    project = await http.get(_href(listing, "projects", world.projects["XC-01"]))
    assert project.status_code == 200
    reports = project.text.split('id="reports"')[1].split("</section>")[0]
    assert "2026年3月月报" in reports and "已确认" in reports and "进度70%" in reports
    first, second = reports.split("第1版")[1].split("</li>")[0], reports.split("第2版")[1].split("</li>")[0]
    assert "上报 · 王建国" in first and "2026-03-20 10:00" in first
    assert "更正 · 王建国" in second and "2026-03-20 10:05" in second
    page = await http.get(_href(project, "reports", world.report) + "#r2")
    assert page.status_code == 200 and "千佛塔村 · 2026年3月月报" in page.text
    r1 = page.text.split('id="r1"')[1].split("</section>")[0]
    r2 = page.text.split('id="r2"')[1].split("</section>")[0]
    assert "第1版 · 上报" in r1 and "【千佛塔村3月份书记领办事项进展】" in r1 and "<dd>60%</dd>" in r1
    assert "资金缺口约20万元" in r1 and "20万元" in r1
    assert "第2版 · 更正" in r2 and "进度改成70%" in r2 and "<dd>70%</dd>" in r2 and "10:05" in r2
    assert "已确认" in page.text.split('data-figure="status"')[1].split("</dd>")[0]


async def test_a_projects_page_has_its_plans_milestones_steps_inspections_and_fixes(
        app: App, world: World, transport: RecordingTransport) -> None:
    http = await signed_in(app, "胡立新", transport)
    declared = await http.get(f"/console/projects/{world.projects['SB2026-001']}")
    plans = declared.text.split('id="plans"')[1].split("</section>")[0]
    assert "共2版" in plans and plans.index("第2版") < plans.index("第1版")  # the newest first
    assert "资金来源为村集体自筹5万元" in plans and "请水寨村申报书记项目：白茶产业园" in plans
    milestones = declared.text.split('id="milestones"')[1].split("</section>")[0]
    assert "完成选址" in milestones and "2026年4月30日" in milestones and "建成大棚" in milestones
    steps = declared.text.split('id="steps"')[1].split("</section>")[0]
    assert "储德胜 申报" in steps and "胡立新 退回修改：请补充资金来源" in steps and "储德胜 修改方案" in steps
    assert "审核通过后计" in declared.text

    inspected = await http.get(f"/console/projects/{world.projects['XC-02']}")
    inspections = inspected.text.split('id="inspections"')[1].split("</section>")[0]
    assert "赵纪检" in inspections and "现场查看签约进度" in inspections and "<li>台账不全</li>" in inspections
    assert "整改事项" in inspections and "整改：台账不全（党建引领征地搬迁攻坚）" in inspections
    assert "2026年4月20日" in inspections and "待签收" in inspections
    fix = await http.get(_href(inspected, "tasks", world.tasks[3]))
    assert "任务 #3" in fix.text and "督导整改事项" in fix.text
    assert "赵纪检 督导检查" in inspected.text.split('id="steps"')[1]
    assert "还没有月报" in inspected.text


async def test_a_kept_photo_is_served_by_id_with_its_type_and_nothing_else_is(
        app: App, world: World, transport: RecordingTransport, tmp_path: Path) -> None:
    files = tmp_path / "files"
    sheet = files / "telegram" / "清单.xlsx"
    sheet.write_bytes(b"PK not really a workbook")
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(b"\xff\xd8 secret")
    async with app.uow() as store:
        await store.reports.add_evidence(world.report, "telegram", [
            Attachment("document", "file-3", "清单.xlsx", stored_path=str(sheet)),
            Attachment("photo", "file-4", mime="image/jpeg", stored_path=str(files / ".." / "outside.jpg")),
            Attachment("photo", "file-5", mime="image/jpeg", stored_path=str(files / "telegram" / "gone.jpg"))],
            author_id=None, inbox_id=None, now=app.clock.now())
    ids = {e.file_id: e.id for e in await rows(app, ReportEvidence)}
    http = await signed_in(app, "王建国", transport)
    photo = await http.get(f"/console/evidence/{ids['file-1']}")
    assert photo.status_code == 200 and photo.content == b"\xff\xd8\xff\xe0 not really a jpeg"
    assert photo.headers["content-type"] == "image/jpeg" and photo.headers["content-disposition"] == "inline"
    assert photo.headers["x-content-type-options"] == "nosniff" and photo.headers["cache-control"] == "no-store"
    document = await http.get(f"/console/evidence/{ids['file-3']}")
    assert document.status_code == 200 and document.headers["content-type"] == "application/octet-stream"
    assert document.headers["content-disposition"].startswith("attachment;")
    for file_id in ("file-2", "file-4", "file-5"):  # never kept, kept outside the files folder, gone
        answer = await http.get(f"/console/evidence/{ids[file_id]}")
        assert answer.status_code == 404 and "没有保存副本" in answer.text
    report = await http.get(f"/console/reports/{world.report}")
    kept = report.text.split("佐证材料")[1].split("</ul>")[0]
    assert f'<img src="http://127.0.0.1:8080/console/evidence/{ids["file-1"]}"' in kept
    assert f'<a href="http://127.0.0.1:8080/console/evidence/{ids["file-3"]}">清单.xlsx</a>' in kept
    assert kept.count("未保存副本") == 3
    assert (await http.get("/console/evidence/..%2F..%2Fetc%2Fpasswd")).status_code == 404  # ids only


async def _person(app: App, name: str) -> Person:
    (person,) = await rows(app, Person, name=name)
    return person


async def _passed_down(app: App, world: World) -> tuple[int, dict[str, int]]:
    """A township task (held by 程晓燕) passed down to 千佛塔村 and 请水寨村: the parent's id and the sub-tasks' ids."""
    cheng, wang, chu = [await _person(app, n) for n in ("程晓燕", "王建国", "储德胜")]
    async with app.uow() as store:
        (parent,) = await store.tasks.create(cheng.township_id, cheng.id, [
            NewTask("上报年度党建工作总结", cheng.id, None, dt.date(2026, 3, 31))], inbox_id=None, now=app.clock.now())
        subs = await store.tasks.create(cheng.township_id, cheng.id, [
            NewTask("上报年度党建工作总结（村）", who.id, world.villages[village], dt.date(2026, 3, 28),
                    parent_id=parent.id) for who, village in ((wang, "千佛塔村"), (chu, "请水寨村"))],
            inbox_id=None, now=app.clock.now())
    return parent.id, {t.assignee or "": t.id for t in subs}


async def test_tasks_by_status_and_deadline_and_a_task_with_its_history_and_sub_tasks(
        app: App, world: World, transport: RecordingTransport) -> None:
    parent, subs = await _passed_down(app, world)
    http = await signed_in(app, "胡立新", transport)
    page = await http.get("/console/tasks")
    assert _numbers(page, "task") == [2, 1, 5, 6, 4, 3]  # open ones by deadline, then number
    late = page.text.split('data-task="2"')[1].split("</tr>")[0]
    assert "报送后备干部名单" in late and "请水寨村 · 储德胜" in late and "2026年3月10日" in late
    assert "待签收" in late and "逾期10天" in late and 'class="dot red"' in late
    assert _numbers(await http.get("/console/tasks?status=overdue"), "task") == [2]
    assert _numbers(await http.get("/console/tasks?status=acknowledged"), "task") == [1]
    assert _numbers(await http.get("/console/tasks?status=verified"), "task") == []
    with pytest.MonkeyPatch.context() as patch:  # a long list stops at the limit and says so
        patch.setattr("bot.web.work.LIMIT", 4)
        capped = await http.get("/console/tasks")
        assert _numbers(capped, "task") == [2, 1, 5, 6] and "只列出前4项" in capped.text
        assert "只列出" not in (await http.get("/console/tasks?status=overdue")).text

    one = await http.get(f"/console/tasks/{world.tasks[1]}")
    steps = one.text.split('id="steps"')[1]
    assert "胡立新 交办" in steps and "王建国 签收" in steps and "已签收" in one.text
    top = await http.get(f"/console/tasks/{parent}")
    assert "分解到各村" in top.text and "已办结 0/2" in top.text
    assert _numbers(top, "task") == [5, 6]
    sub = await http.get(_href(top, "tasks", subs["王建国"]))
    assert "由 <a" in sub.text and "#4 上报年度党建工作总结" in sub.text

    # A village sees its own sub-task, not the township's task above it nor the other village's.
    wang = await signed_in(app, "王建国", transport)
    assert _numbers(await wang.get("/console/tasks"), "task") == [1, 5, 3]
    own = await wang.get(f"/console/tasks/{subs['王建国']}")
    assert own.status_code == 200 and "由 <a" not in own.text
    assert (await wang.get(f"/console/tasks/{parent}")).status_code == 403
    assert (await wang.get(f"/console/tasks/{subs['储德胜']}")).status_code == 403


async def test_issues_by_status_category_and_time_limit_and_an_issue_with_its_history(
        app: App, world: World, transport: RecordingTransport) -> None:
    http = await signed_in(app, "程晓燕", transport)
    page = await http.get("/console/issues")
    assert _numbers(page, "issue") == [2, 1]  # the newest first
    hazard = page.text.split('data-issue="1"')[1].split("</tr>")[0]
    assert "安全隐患" in hazard and "紧急" in hazard and "千佛塔村 · 二组" in hazard and "已受理" in hazard
    assert "3月3日前" in hazard and "超时限" in hazard and 'class="dot red"' in hazard
    assert _numbers(await http.get("/console/issues?category=safety"), "issue") == [1]
    assert _numbers(await http.get("/console/issues?status=reported"), "issue") == [2]
    assert _numbers(await http.get("/console/issues?over=1"), "issue") == [2, 1]
    assert _numbers(await http.get("/console/issues?over=1&category=dispute"), "issue") == []
    one = await http.get(f"/console/issues/{world.issues[1]}")
    steps = one.text.split('id="steps"')[1]
    assert "吴桂英 上报" in steps and "王建国 受理" in steps
    assert "二组路口电线杆倾斜" in one.text and "超时限" in one.text

    # The grid worker sees her village's issues only.
    wu = await signed_in(app, "吴桂英", transport)
    assert _numbers(await wu.get("/console/issues"), "issue") == [1]
    assert (await wu.get(f"/console/issues/{world.issues[2]}")).status_code == 403
