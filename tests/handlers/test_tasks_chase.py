"""A chase for reports (催报) on a township with a community that has no 书记项目: it owes nothing, so it is not chased."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import App
from bot.console import ConsoleUser
from storage.models import Person, Task
from tests.conftest import REGISTRY, RecordingTransport
from tests.support.chat import registered, with_people
from tests.support.rows import count, rows

SECRETARIES = ("王建国", "储德胜", "汪海波", "刘春华", "王芳", "余志强", "方小燕")


@pytest.fixture(scope="module")
def registry_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The township with 新街社区, newly set up: a secretary, no project yet."""
    return with_people(REGISTRY, tmp_path_factory.mktemp("registry"),
                       {"name": "方小燕", "role": "secretary", "village": "新街社区"},
                       villages=({"name": "新街社区", "aliases": ["新街"], "grids": ["一网格"]},))


async def _everyone(app: App) -> dict[str, ConsoleUser]:
    return {name: await registered(app, name) for name in SECRETARIES + ("程晓燕",)}


async def test_a_chase_skips_a_village_without_projects_and_says_so(app: App, transport: RecordingTransport) -> None:
    people = await _everyone(app)
    leader = people["程晓燕"]
    await people["储德胜"].say("2月份后备干部队伍建设：完成两名后备干部的考察谈话，进度40%")
    await people["储德胜"].say("确认")
    await leader.say("各村还没报2月份月报的，3月5日前报上来")
    names = {p.id: p.name for p in await rows(app, Person)}
    assert sorted(names[t.assignee_id] for t in await rows(app, Task)) == ["余志强", "刘春华", "汪海波", "王建国", "王芳"]
    reply = transport.texts(leader.chat.id)[-1].splitlines()
    assert reply[-2:] == ["已报送，不再催报：请水寨村", "没有书记项目，不催报：新街社区"]
    await leader.say("请水寨村、新街社区月报还没报的抓紧报")
    assert transport.texts(leader.chat.id)[-1] == "✅ 2026年2月请水寨村的项目均已报送，新街社区没有登记书记项目；无需催报。"


async def test_when_every_village_has_reported_the_answer_says_各村(app: App, transport: RecordingTransport) -> None:
    people = await _everyone(app)
    leader = people["程晓燕"]
    for name, text in [("王建国", "2月份三步桥街人居环境治理：清理沟渠两条，进度20%"),
                       ("王建国", "2月份征地搬迁：完成12户丈量，进度30%"),
                       ("储德胜", "2月份后备干部队伍建设：完成两名后备干部的考察谈话，进度40%"),
                       ("汪海波", "2月份一米菜园：新开了十二块菜园，进度30%"),
                       ("汪海波", "2月份龙潭峡谷乡村旅游：完成步道设计，进度10%"),
                       ("刘春华", "2月份小冬桃：冬剪完成，进度50%"),
                       ("王芳", "2月份移风易俗：修订村规民约，进度10%"),
                       ("余志强", "2月份集体经济快车道：完成厂房选址，进度10%")]:
        await people[name].say(text)
        await people[name].say("确认")
    await leader.say("各村还没报2月份月报的，3月5日前报上来")
    assert await count(app, Task) == 0
    assert transport.texts(leader.chat.id)[-1] == "✅ 2026年2月各村的项目均已报送，无需催报。"

