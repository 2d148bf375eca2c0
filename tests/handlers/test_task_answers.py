"""The words a task card offers, typed without a task number: "验收通过", "退回，原因", "同意", "不同意", "收到".

Each conversation is a table row: who says what, then the tasks as a clerk expects them and the last answer.
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from bot.app import App, create_app
from bot.console import ConsoleUser
from bot.registry_file import load_registry
from handlers.clock import FakeClock
from storage.models import Conversation, Task, TaskEvent
from storage.repositories.registry_import import RegistryImporter
from tests.conftest import CST, REGISTRY, RecordingTransport
from tests.support.chat import registered
from tests.support.fake_wecom import FakeWeCom
from tests.support.rows import count, rows
from tests.support.tencent import (
    SAMPLE_AES_KEY,
    SAMPLE_CORP_ID,
    SAMPLE_TOKEN,
    asgi_client,
    encrypted_callback,
    inner_xml,
    tencent_settings,
)

TO_WANG = ("胡立新", "@王建国 请于3月15日前完成千佛塔村征地摸底")  # #1
TO_CHU = ("胡立新", "@储德胜 请于3月20日前报送后备干部名单")  # #2
TO_WANG_AGAIN = ("胡立新", "@王建国 请于3月20日前报送党员名册")
BY_ZHOU_TO_CHU = ("周敏", "@储德胜 请于3月20日前报送后备干部名单")  # #2, handed off by another leader
TO_WANG_HAI_BO = ("胡立新", "@汪海波 请于3月25日前上报一米菜园台账")  # #3


@dataclass(frozen=True)
class Talk:
    """Lines said in order; then each task number's (status, deadline) and the last answer's start."""

    lines: tuple[tuple[str, str], ...]
    tasks: dict[int, tuple[str, dt.date]]
    answer: str
    notes: dict[int, str] = field(default_factory=dict)  # task number → note of its latest step


MARCH = {n: dt.date(2026, 3, d) for n, d in ((1, 15), (2, 20), (3, 25))}
TALKS = {
    "收到 acks the one task awaiting 签收 among several open": Talk(
        (TO_WANG, TO_WANG_AGAIN, ("王建国", "#1 收到"), ("王建国", "收到")),
        {1: ("acknowledged", MARCH[1]), 2: ("acknowledged", MARCH[2])}, "已签收任务 #2"),
    "验收通过 verifies the one done task": Talk(
        (TO_WANG, ("王建国", "#1 已办结"), ("胡立新", "验收通过")),
        {1: ("verified", MARCH[1])}, "任务 #1 已验收销号"),
    "退回 keeps the reason as the note": Talk(
        (TO_WANG, ("王建国", "#1 已办结"), ("胡立新", "退回，材料不全")),
        {1: ("in_progress", MARCH[1])}, "任务 #1 已退回王建国", {1: "材料不全"}),
    "同意 grants the one extension asked for": Talk(
        (TO_WANG, ("王建国", "#1 申请延期到3月25日"), ("胡立新", "同意")),
        {1: ("assigned", dt.date(2026, 3, 25))}, "已同意任务 #1 延期至3月25日"),
    "不同意 refuses it and keeps the reason": Talk(
        (TO_WANG, ("王建国", "#1 申请延期到3月25日"), ("胡立新", "不同意，时间太长")),
        {1: ("assigned", MARCH[1])}, "已不同意任务 #1 延期", {1: "时间太长"}),
    "a township leader who did not hand it off verifies too": Talk(
        (TO_WANG, ("王建国", "#1 已办结"), ("周敏", "验收通过")),
        {1: ("verified", MARCH[1])}, "任务 #1 已验收销号"),
    "the leader's own hand-off comes first": Talk(
        (TO_WANG, BY_ZHOU_TO_CHU, ("王建国", "#1 已办结"), ("储德胜", "#2 已办结"), ("周敏", "验收通过")),
        {1: ("done", MARCH[1]), 2: ("verified", MARCH[2])}, "任务 #2 已验收销号"),
    "nothing done: nothing to verify": Talk(
        (TO_WANG, ("胡立新", "验收通过")), {1: ("assigned", MARCH[1])}, "目前没有待您验收的任务。"),
    "a secretary has no extension to answer": Talk(
        (TO_WANG, ("王建国", "#1 申请延期到3月25日"), ("储德胜", "同意")),
        {1: ("assigned", MARCH[1])}, "目前没有待您批复的延期申请。"),
    "a leader has nothing to acknowledge": Talk(
        (TO_WANG, ("胡立新", "收到")), {1: ("assigned", MARCH[1])}, "目前没有待您签收的任务。"),
}


@pytest.fixture
async def people(app: App) -> dict[str, ConsoleUser]:
    """Everyone the conversations need, each linked once (a second link would repeat message keys)."""
    return {name: await registered(app, name) for name in ("胡立新", "周敏", "王建国", "储德胜", "汪海波")}


async def _talk(people: dict[str, ConsoleUser], lines: tuple[tuple[str, str], ...]) -> None:
    for who, text in lines:
        await people[who].say(text)


async def _tasks(app: App) -> dict[int, tuple[str, dt.date]]:
    return {t.number: (t.status, t.deadline) for t in await rows(app, Task)}


@pytest.mark.parametrize("talk", [pytest.param(t, id=name) for name, t in TALKS.items()])
async def test_typed_answers(app: App, transport: RecordingTransport, people: dict[str, ConsoleUser],
                             talk: Talk) -> None:
    *before, (who, last) = talk.lines
    await _talk(people, tuple(before))
    events = await count(app, TaskEvent)
    await people[who].say(last)
    chat = people[who].chat.id
    assert transport.texts(chat)[-1].startswith(talk.answer), transport.texts(chat)[-1]
    assert await _tasks(app) == talk.tasks
    if talk.answer.startswith("目前没有"):  # nothing pending: nothing recorded
        assert await count(app, TaskEvent) == events
    for number, note in talk.notes.items():
        (task,) = [t for t in await rows(app, Task) if t.number == number]
        assert (await rows(app, TaskEvent, task_id=task.id))[-1].note == note


def _option(line: str, place: int, number: int) -> bool:
    """Whether a line of the question offers task #number at this place ("2. 🟢 #3 龙潭村·汪海波 …")."""
    return line.startswith(f"{place}. ") and f" #{number} " in line


SEVERAL = (TO_WANG, TO_CHU, TO_WANG_HAI_BO, ("储德胜", "#2 已办结"), ("汪海波", "#3 已办结"))


@pytest.mark.parametrize("choice", ["2", "第二个", "#3", "3"])
async def test_with_several_pending_a_numbered_question_asks_which(
        app: App, transport: RecordingTransport, people: dict[str, ConsoleUser], choice: str) -> None:
    hu = people["胡立新"]
    await _talk(people, SEVERAL)
    await hu.say("退回，材料不全")
    question = transport.texts(hu.chat.id)[-1].splitlines()
    assert question[0] == "有 2 项任务待您验收，是哪一项？请回复序号或任务编号："
    assert _option(question[1], 1, 2) and _option(question[2], 2, 3), question
    await hu.say(choice)  # the second in the list, by place or by its number
    assert transport.texts(hu.chat.id)[-1].startswith("任务 #3 已退回汪海波")
    assert await _tasks(app) == {1: ("assigned", MARCH[1]), 2: ("done", MARCH[2]), 3: ("in_progress", MARCH[3])}
    (task,) = await rows(app, Task, number=3)
    assert (await rows(app, TaskEvent, task_id=task.id))[-1].note == "材料不全"
    assert await count(app, Conversation, kind="choose_task") == 0  # answered: the question is closed


async def test_a_choice_out_of_range_asks_again(
        app: App, transport: RecordingTransport, people: dict[str, ConsoleUser]) -> None:
    hu = people["胡立新"]
    await _talk(people, SEVERAL)
    await hu.say("验收通过")
    await hu.say("5")
    assert transport.texts(hu.chat.id)[-1] == "请回复 1 到 2 之间的序号，或任务编号，如“#2”。"
    await hu.say("第一个")
    assert transport.texts(hu.chat.id)[-1].startswith("任务 #2 已验收销号")
    await hu.say("验收通过")  # one done task left: no question
    assert transport.texts(hu.chat.id)[-1].startswith("任务 #3 已验收销号")
    assert {n: s for n, (s, _) in (await _tasks(app)).items()} == {1: "assigned", 2: "verified", 3: "verified"}


async def test_a_new_topic_while_the_question_is_open_is_read_afresh(
        app: App, transport: RecordingTransport, people: dict[str, ConsoleUser]) -> None:
    hu = people["胡立新"]
    await _talk(people, SEVERAL)
    await hu.say("验收通过")
    assert transport.texts(hu.chat.id)[-1].startswith("有 2 项任务待您验收")
    await hu.say("@王建国 请于3月30日前报送党员名册")
    assert transport.texts(hu.chat.id)[-1].startswith("✅ 已交办 1 项任务")
    await hu.say("1")  # the question was left behind: "1" is not a choice any more
    assert {n: s for n, (s, _) in (await _tasks(app)).items()} == {1: "assigned", 2: "done", 3: "done",
                                                                   4: "assigned"}


WECOM_NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=CST)
WECOM_IDS = {"胡立新": "hulx", "王建国": "wangjg", "储德胜": "chuds"}


@pytest.fixture
async def fake() -> AsyncIterator[FakeWeCom]:
    async with FakeWeCom(corp_id=SAMPLE_CORP_ID, secret="s3cret", agent_id="1000002") as server:
        yield server


@pytest.fixture
async def wecom_app(db_url: str, fake: FakeWeCom) -> AsyncIterator[App]:
    app = await create_app(tencent_settings(db_url, fake.base_url), clock=FakeClock(WECOM_NOW))
    async with app.uow() as store:
        await RegistryImporter(store.session, WECOM_NOW).run(load_registry(REGISTRY))
        for name, user in WECOM_IDS.items():
            (person,) = await store.people.by_name(name)
            await store.people.link_identity(person.id, "wecom", user, WECOM_NOW)
    try:
        yield app
    finally:
        await app.aclose()


async def test_on_wecom_the_same_words_and_a_numbered_choice_work(wecom_app: App, fake: FakeWeCom) -> None:
    ids = itertools.count(7001)

    async def say(name: str, text: str) -> str:
        fields = {"ToUserName": SAMPLE_CORP_ID, "FromUserName": WECOM_IDS[name], "MsgType": "text",
                  "CreateTime": int(WECOM_NOW.timestamp()), "Content": text, "MsgId": next(ids), "AgentID": 1000002}
        query, body = encrypted_callback(inner_xml(fields), token=SAMPLE_TOKEN, aes_key=SAMPLE_AES_KEY,
                                         receive_id=SAMPLE_CORP_ID, timestamp=int(WECOM_NOW.timestamp()))
        async with asgi_client(wecom_app) as http:
            assert (await http.post("/wecom/callback", params=query, content=body)).status_code == 200
        assert wecom_app.wecom is not None
        await wecom_app.wecom.drain()
        await wecom_app.sender.drain()
        sent = fake.messages_to(WECOM_IDS[name])
        return str(sent[-1][sent[-1]["msgtype"]]["content"]) if sent else ""

    for who, text in (TO_WANG, TO_CHU, ("王建国", "#1 已办结"), ("储德胜", "#2 已办结")):
        await say(who, text)
    notice = fake.messages_to("hulx")[-1]
    assert "回复 1 验收通过，2 退回" in notice[notice["msgtype"]]["content"]  # the done notices carry buttons
    assert _option((await say("胡立新", "退回，材料不全")).splitlines()[2], 2, 2)
    assert (await say("胡立新", "2")).startswith("任务 #2 已退回储德胜")  # "2" picks from the list, not a button
    assert (await say("胡立新", "验收通过")).startswith("任务 #1 已验收销号")
    assert {t.number: t.status for t in await rows(wecom_app, Task)} == {1: "verified", 2: "in_progress"}
