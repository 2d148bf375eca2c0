"""减负, through the runner on a fake clock: a secretary who reports on time hears from the bot at most twice a
month and is never named in a group before a deadline; nobody gets more than one message a working day (the
day's notices in one 今日待办 note); an assigner hears of overdue tasks in one summary, on the 3rd overdue day and
then weekly."""
from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Awaitable, Callable

from bot.app import App
from bot.console import ConsoleUser
from handlers.parse import is_workday
from scheduler.runner import run_due
from storage.models import OutboxMessage
from tests.conftest import CST, RecordingTransport
from tests.scheduler.records import file_report
from tests.support.chat import registered
from tests.support.rows import rows

GROUP = "响肠镇党建工作群"


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CST)


Step = Callable[[], Awaitable[object]]


async def _march(app: App, *, ticks: tuple[dt.time, ...] = (dt.time(9, 0), dt.time(16, 0)),
                 days: tuple[int, int] = (2, 31), steps: tuple[tuple[dt.datetime, Step], ...] = ()) -> None:
    """Every tick of every working day in March through the runner; `steps` run at their times in between."""
    pending = list(steps)
    for day in range(days[0], days[1] + 1):
        if not is_workday(dt.date(2026, 3, day)):
            continue
        for at in ticks:
            when = dt.datetime.combine(dt.date(2026, 3, day), at, tzinfo=CST)
            while pending and pending[0][0] <= when:
                at_step, step = pending.pop(0)
                app.clock.set(at_step)
                await step()
            app.clock.set(when)
            await run_due(app.job_context(), when)
            await app.sender.drain()


async def _started(app: App, chat: str | None = None) -> list[OutboxMessage]:
    """What the bot sent on its own (to one chat when given): not a reply, nor a colleague's action passed on."""
    return [m for m in await rows(app, OutboxMessage) if m.status == "sent" and ":inbox:" not in m.key
            and not m.key.startswith(("task:", "issue:")) and (chat is None or m.chat_id == chat)]


def _local_day(message: OutboxMessage) -> dt.date:
    assert message.sent_at is not None
    return message.sent_at.astimezone(CST).date()


async def _township_group(app: App) -> ConsoleUser:
    office = await registered(app, "程晓燕")
    office.enter_group(GROUP)
    await office.say("绑定 响肠镇")
    office.enter_private()
    return office


async def test_a_secretary_who_reports_on_time_hears_twice_at_most_and_is_named_nowhere(
        app: App, transport: RecordingTransport) -> None:
    await _township_group(app)
    wang, chu = await registered(app, "王建国"), await registered(app, "储德胜")
    report = functools.partial(file_report, app, period="2026-03", progress=40, text="本月进度40%")
    await _march(app, steps=((_at(2026, 3, 10, 10, 0), functools.partial(report, "储德胜", "XC-03")),
                             (_at(2026, 3, 31, 17, 0), functools.partial(report, "王建国", "XC-01")),
                             (_at(2026, 3, 31, 17, 1), functools.partial(report, "王建国", "XC-02"))))
    told = await _started(app, wang.chat.id)  # on the last day, after the reminder: on time
    assert len(told) == 2
    assert told[0].payload["text"].startswith("📋 3月月报已开始报送") and _local_day(told[0]) == dt.date(2026, 3, 25)
    assert told[1].payload["text"].startswith("⏰ 3月月报今天截止") and _local_day(told[1]) == dt.date(2026, 3, 31)
    assert await _started(app, chu.chat.id) == []  # reported before the window opened: nothing at all
    (supervision,) = [t for t in transport.texts(f"group:{GROUP}") if t.startswith("🔎 3月月中督办")]
    assert "本月月报：1个项目已报送，7个未报（3月31日截止）" in supervision  # nothing is late yet: a count, no names
    assert not [name for name in ("千佛塔村", "请水寨村", "王建国", "储德胜") if name in supervision]


async def test_a_persons_notices_of_a_day_go_in_one_note_and_later_ones_wait_for_the_next_working_day(
        app: App, transport: RecordingTransport) -> None:
    hu, wang = await registered(app, "胡立新"), await registered(app, "汪海波")
    await hu.say("月末督查改到16点")  # the window opens after the day's note has gone
    await hu.say("@汪海波 请于3月28日前上报一米菜园用地台账")  # reminders on the 25th and 27th, overdue on the 30th
    await _march(app, days=(23, 31))
    daily = Counter((m.chat_id, _local_day(m)) for m in await _started(app))
    assert max(daily.values()) == 1  # nobody, any day
    texts = {_local_day(m): m.payload["text"] for m in await _started(app, wang.chat.id)}
    assert sorted(texts) == [dt.date(2026, 3, d) for d in (25, 26, 27, 30, 31)]
    assert texts[dt.date(2026, 3, 25)].startswith("⏰ 任务 #1 还有 3 天到期")
    assert texts[dt.date(2026, 3, 26)].startswith("📋 3月月报已开始报送")  # held from 16:00 the day before
    note = texts[dt.date(2026, 3, 31)].split("\n\n")
    assert note[0] == "🔔 今日待办（2项）"
    assert note[1].startswith("⏰ 3月月报今天截止，龙潭村以下项目还没有报送：")
    assert note[2].startswith("🔴 任务 #1 已逾期 3 天")
    assert transport.texts(wang.chat.id)[-1] == texts[dt.date(2026, 3, 31)]


async def test_an_assigner_hears_of_overdue_tasks_in_one_summary_on_the_third_day_then_weekly(app: App) -> None:
    hu = await registered(app, "胡立新")
    for name in ("王建国", "储德胜", "汪海波", "刘春华", "王芳", "余志强"):
        await registered(app, name)
    await hu.say("各村书记3月10日前报送后备干部名单")  # six tasks, #1–#6; nobody finishes
    await _march(app, ticks=(dt.time(9, 0),), days=(11, 27))
    told = await _started(app, hu.chat.id)
    assert [_local_day(m) for m in told] == [dt.date(2026, 3, d) for d in (13, 20, 27)]  # day 3, 10, 17
    for message in told:
        text = message.payload["text"]
        assert text.startswith("📣 您交办的任务有6项逾期3天以上：")
        assert all(f"#{n} " in text for n in range(1, 7))
