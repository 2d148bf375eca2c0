"""The record pages across a county (tests/fixtures/county.yaml): the county's cadres see every town, a town's leaders
their town with its own projects (乡镇党委书记项目, no village), a village its own."""
from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from bot.app import App
from bot.console import ConsoleUser
from storage.models import Issue, Project, Task
from tests.conftest import RecordingTransport
from tests.support.chat import registered
from tests.support.rows import rows
from tests.web.support import signed_in

COUNTY = Path(__file__).parents[1] / "fixtures" / "county.yaml"
FORBIDDEN = "抱歉，您没有权限查看或修改这项内容。"


@pytest.fixture(scope="module")
def registry_file() -> Path:
    """The county of three townships."""
    return COUNTY


def _codes(page: httpx.Response) -> list[str]:
    assert page.status_code == 200, page.text
    return re.findall(r'data-project="([^"]+)"', page.text)


async def _speak(app: App, name: str, text: str) -> None:
    user = await registered(app, name)
    await ConsoleUser(app, user.sender.id, name, key_prefix=f"county:{user.sender.id}").say(text)


@pytest.fixture
async def ids(app: App) -> dict[str, int]:
    """The county hands a task to every town; a grid worker of 石牛村 logs an issue."""
    await _speak(app, "罗明远", "请各镇于12月20日前上报年度党建工作总结")
    await _speak(app, "刘网格", "一组路边垃圾堆放，没人清理")
    found = {p.code: p.id for p in await rows(app, Project)}
    towns = {p.code[:2]: p.township_id for p in await rows(app, Project)}
    found |= {f"task-{code}": t.id for t in await rows(app, Task) for code, town in towns.items()
              if t.township_id == town}
    (issue,) = await rows(app, Issue)
    return found | {"issue": issue.id}


async def test_the_county_sees_every_town_and_a_town_its_own_projects_too(
        app: App, ids: dict[str, int], transport: RecordingTransport) -> None:
    county = await signed_in(app, "罗明远", transport)
    page = await county.get("/console/projects")
    assert _codes(page) == ["XT-Z1", "XT-01", "XT-02", "XT-03", "YJ-01", "YJ-02", "FJ-01"]
    own = page.text.split('data-project="XT-Z1"')[1].split("</tr>")[0]
    assert "乡镇党委书记项目" in own and "<td>玄滩镇</td>" in own and "王德兴" in own
    assert "玄滩镇 · 石牛村" in page.text.split('data-project="XT-01"')[1].split("</tr>")[0]
    assert '>云锦镇 · 荷花村</option>' in page.text  # villages named with their town when there are several
    assert _codes(await county.get("/console/projects?kind=town_project")) == ["XT-Z1"]
    assert _codes(await county.get("/console/projects?kind=secretary_project")) == [
        "XT-01", "XT-02", "XT-03", "YJ-01", "YJ-02", "FJ-01"]
    tasks = await county.get("/console/tasks")
    assert [re.sub(r"\s+", " ", t) for t in re.findall(r"<td>(\S+ #\d+)</td>", tasks.text)] == [
        "玄滩镇 #1", "云锦镇 #1", "福集镇 #1"]
    assert (await county.get(f"/console/issues/{ids['issue']}")).status_code == 200

    town = await signed_in(app, "王德兴", transport)
    assert _codes(await town.get("/console/projects")) == ["XT-Z1", "XT-01", "XT-02", "XT-03"]
    assert (await town.get(f"/console/projects/{ids['XT-Z1']}")).status_code == 200
    assert (await town.get(f"/console/tasks/{ids['task-XT']}")).status_code == 200
    for path in (f"projects/{ids['YJ-01']}", f"tasks/{ids['task-YJ']}"):
        refused = await town.get(f"/console/{path}")
        assert refused.status_code == 403 and FORBIDDEN in refused.text

    other = await signed_in(app, "孙云锦", transport)
    assert _codes(await other.get("/console/projects")) == ["YJ-01", "YJ-02"]
    assert (await other.get(f"/console/issues/{ids['issue']}")).status_code == 403
    assert "垃圾" not in (await other.get("/console/issues")).text


async def test_a_village_sees_neither_its_towns_own_project_nor_its_tasks(
        app: App, ids: dict[str, int], transport: RecordingTransport) -> None:
    village = await signed_in(app, "赵全友", transport)
    page = await village.get("/console/projects")
    assert _codes(page) == ["XT-01"] and "town_project" not in page.text
    assert (await village.get(f"/console/projects/{ids['XT-Z1']}")).status_code == 403
    assert "年度党建工作总结" not in (await village.get("/console/tasks")).text
    assert (await village.get(f"/console/tasks/{ids['task-XT']}")).status_code == 403
    assert (await village.get(f"/console/issues/{ids['issue']}")).status_code == 200
    # A 包村干部 of two villages may pick either.
    both = await signed_in(app, "李包村", transport)
    assert _codes(await both.get("/console/projects")) == ["XT-01", "XT-02"]
    assert 'name="village"' in (await both.get("/console/projects")).text
