"""Button data: typed pack/unpack, and forged or stale data answered politely with nothing changed."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bot.app import App
from handlers.callbacks import ChoiceButton, ReportButton, TaskButton, unpack
from handlers.clock import FakeClock
from handlers.router import STALE_BUTTON, STALE_CHOICE, Router
from storage.models import Report, ReportRevision, Task, TaskEvent
from tests.conftest import CST, RecordingTransport
from tests.support.chat import registered
from tests.support.rows import count, rows


@pytest.mark.parametrize("button", [ReportButton("confirm", (3,)), ReportButton("edit", (3, 4, 5)),
                                    TaskButton("verify", 12), TaskButton("extend_no", 1), ChoiceButton(2)])
def test_every_button_unpacks_to_itself(button: object) -> None:
    assert unpack(button.pack()) == button  # type: ignore[attr-defined]


def test_the_data_of_buttons_already_in_chats_still_reads() -> None:
    assert unpack("task:verify:12") == TaskButton("verify", 12)
    assert unpack("report:confirm:3,4") == ReportButton("confirm", (3, 4))
    assert unpack("choose:2") == ChoiceButton(2)


@pytest.mark.parametrize("data", ["task:foo:1", "task:verify:x", "task:verify:", "task:verify:1:2", "task:verify:+1",
                                  "task:verify:1_0", "task:verify:²", "report:confirm:3,,4", "report:zap:3",
                                  "report:confirm:" + ",".join(["1"] * 7), "choose:-1", "choose:", "nope:1", "",
                                  "report:confirm:" + "9" * 60])
def test_forged_data_reads_as_nothing(data: str) -> None:
    assert unpack(data) is None


def test_a_button_longer_than_telegram_allows_is_refused_when_packed() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        ReportButton("confirm", (10**11,) * 6).pack()


def test_a_second_handler_for_the_same_thing_is_refused() -> None:
    async def handler(ctx: object, button: object = None) -> bool:
        return True
    first, second = Router(), Router()
    first.on_button(TaskButton)(handler)
    second.on_button(TaskButton)(handler)
    root = Router()
    root.include(first)
    with pytest.raises(ValueError, match="two handlers for button"):
        root.include(second)
    steps = Router()
    steps.on_text(5)(handler)
    with pytest.raises(ValueError, match="two handlers for text step priority 5"):
        steps.on_text(5)(handler)


async def test_forged_and_stale_presses_get_one_line_and_change_nothing(
        app: App, clock: FakeClock, transport: RecordingTransport) -> None:
    clock.set(dt.datetime(2026, 11, 20, 10, 0, tzinfo=CST))
    hu, wang = await registered(app, "胡立新"), await registered(app, "王建国")
    await hu.say("@王建国 请于12月15日前完成征地摸底")
    await wang.say("征地搬迁本月签约10户，进度50%")
    before = (await count(app, TaskEvent), await count(app, ReportRevision))
    for data in ("task:foo:1", "task:verify:999", "report:zap:1", "garbage", "choose:1"):
        await app.pipeline.handle(dataclasses.replace(wang.message(""), action=data, key=f"press-{data}"))
    await app.sender.drain()
    assert transport.texts(wang.chat.id)[-5:] == [STALE_BUTTON] * 4 + [STALE_CHOICE]
    assert (await count(app, TaskEvent), await count(app, ReportRevision)) == before
    (task,), (report,) = await rows(app, Task), await rows(app, Report)
    assert (task.status, report.status) == ("assigned", "draft")

