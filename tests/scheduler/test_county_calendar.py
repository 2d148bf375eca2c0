"""The county's own calendar (月末报送, 月末报送截止, 县月报告, 县季通报): shown to a town's people, changed in
chat by county cadres only, and with `yuebao calendar --unit`; the runner fires it at the county's times."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.app import App
from scheduler.runner import run_due
from storage.models import CalendarSetting, ScheduledRun
from tests.conftest import CST, RecordingTransport
from tests.support.chat import registered
from tests.support.cli import InProcess, Ran
from tests.support.rows import rows

COUNTY = Path(__file__).parents[1] / "fixtures" / "county.yaml"


@pytest.fixture(scope="module")
def registry_file() -> Path:
    """The county of three townships."""
    return COUNTY


async def test_county_cadres_change_the_county_calendar_and_towns_cannot(
        app: App, transport: RecordingTransport) -> None:
    admin, town_admin = await registered(app, "何晓梅"), await registered(app, "张丽华")
    await town_admin.say("月末报送截止改到28日")
    refused = transport.texts(town_admin.chat.id)[-1]
    assert refused.startswith("抱歉，县里的日程（月末报送、县月报告、县季通报）由县领导")
    assert await rows(app, CalendarSetting) == []
    await admin.say("月末报送截止改到28日")
    # The card goes out on the morning of the due day: it moves with it.
    assert transport.texts(admin.chat.id)[-1] == "已调整：月末报送截止：每月28日 16:00；月末报送：每月28日 09:00"
    settings = await rows(app, CalendarSetting)
    assert [(s.county_id, s.township_id, s.job, s.day) for s in settings] == [
        (1, None, "town_report_due", 28), (1, None, "town_report", 28)]
    await town_admin.say("日程")
    shown = transport.texts(town_admin.chat.id)[-1]
    assert "月中督办：每月15日 09:00" in shown and "月末报送截止：每月28日 16:00" in shown
    # 28 April 2026 is a Tuesday: the reminder fires then, not on the last working day.
    app.clock.set(dt.datetime(2026, 4, 28, 16, 0, tzinfo=CST))
    await run_due(app.job_context(), app.clock.now())
    (run,) = await rows(app, ScheduledRun, job="town_report_due", period="2026-04")
    assert (run.scope, run.status) == ("泸县", "done")


def test_the_calendar_command_changes_a_county(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    def yuebao(*args: str) -> Ran:
        return InProcess(monkeypatch, capsys)(*args, db=tmp_path / "c.db")
    assert yuebao("db", "upgrade").returncode == 0 and yuebao("import", str(COUNTY)).returncode == 0
    changed = yuebao("calendar", "县季通报", "--unit", "泸县", "--day", "12")
    assert changed.returncode == 0 and "县季通报：每月12日（1月、4月、7月、10月） 09:00" in changed.stdout
    assert "月中督办" not in changed.stdout  # the county's calendar, not a township's
    moved = yuebao("calendar", "月末报送", "--unit", "泸县", "--day", "27").stdout
    assert "月末报送：每月27日 09:00" in moved and "月末报送截止：每月27日 16:00" in moved
    assert "月中督办：每月15日 09:00" in yuebao("calendar", "--unit", "玄滩镇").stdout
    assert yuebao("calendar").returncode == 2  # three townships and a county: which one?
