"""Replays the demo script through the real app on a fake clock and writes what happened to a folder."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from tqdm import tqdm

from bot.app import App, create_app
from bot.config import Settings
from bot.console import ConsoleTransport, ConsoleUser
from bot.demo import county_script, script
from bot.demo.script import STRANGER, Register, Say, Step
from bot.demo.transcript import Transcript
from bot.registry_file import load_organisation
from handlers.clock import FakeClock
from handlers.identity import issue_invite
from handlers.messages import Attachment
from handlers.registry import Organisation
from handlers.reporting_calendar import COUNTY_CALENDAR, DEFAULT_CALENDAR
from scheduler.runner import run_due
from storage.db import Database
from storage.migrate import upgrade
from storage.repositories.registry_import import RegistryImporter

SAMPLE_REGISTRY = Path(__file__).with_name("sample_registry.yaml")
COUNTY_REGISTRY = Path(__file__).with_name("county_registry.yaml")
CALENDARS = DEFAULT_CALENDAR + COUNTY_CALENDAR
TICKS = tuple(sorted({entry.at for entry in CALENDARS}))  # every time of day the default calendars fire at
TITLES = {entry.job: entry.title for entry in CALENDARS} | {"task_reminders": "任务到期提醒", "daily_note": "今日待办"}


@dataclass(frozen=True)
class Scenario:
    """What one demo replays: a registry file, a script, and when it ends."""

    registry: Path
    script: tuple[Step, ...]
    end: str


TOWNSHIP = Scenario(SAMPLE_REGISTRY, script.SCRIPT, script.END)
COUNTY = Scenario(COUNTY_REGISTRY, county_script.SCRIPT, county_script.END)


def timeline(steps: list[Step], start: dt.datetime, end: dt.datetime) -> list[Step | dt.datetime]:
    """The scripted steps (local times) with the calendar's ticks between them, in time order; at equal times
    the tick goes first, as the scheduler would have fired before anyone wrote."""
    zone = start.tzinfo
    ticks, day = [], start.date()
    while day <= end.date():
        ticks += [t for t in (dt.datetime.combine(day, at, tzinfo=zone) for at in TICKS) if start <= t <= end]
        day += dt.timedelta(days=1)

    def when(item: Step | dt.datetime) -> tuple[dt.datetime, bool]:
        if isinstance(item, dt.datetime):
            return item, False
        return dt.datetime.strptime(item.at, "%Y-%m-%d %H:%M").replace(tzinfo=zone), True
    return sorted([*ticks, *steps], key=when)


class DemoRun:
    """One replay of the script into `out`."""

    def __init__(self, out: Path, *, progress: bool = True, scenario: Scenario = TOWNSHIP) -> None:
        self.out = out
        self.progress = progress
        self.scenario = scenario
        self.registry: Organisation = load_organisation(scenario.registry)
        self.tz = ZoneInfo(self.registry.timezone)
        self.clock = FakeClock(self._at(min(step.at for step in scenario.script)))
        r = self.registry
        where = r.county if r.is_county else f"{r.county or ''}{r.townships[0].township}"
        self.transcript = Transcript(f"月报 yuebao 演示 — {where}", self.tz)
        self.users: dict[str, ConsoleUser] = {}
        self.rng = random.Random(2026)  # the same invite codes every run, so transcripts can be compared

    def _at(self, local: str) -> dt.datetime:
        return dt.datetime.strptime(local, "%Y-%m-%d %H:%M").replace(tzinfo=self.tz)

    def _user(self, app: App, who: str) -> ConsoleUser:
        if who not in self.users:
            user = ConsoleUser(app, f"demo:{who}", who)
            self.transcript.name_chat(user.chat.id, f"与{who}私聊")
            self.users[who] = user
        return self.users[who]

    async def _prepare_database(self) -> Settings:
        self.out.mkdir(parents=True, exist_ok=True)
        db_file = self.out / "demo.db"
        for stale in (db_file, db_file.with_name("demo.db-wal"), db_file.with_name("demo.db-shm")):
            stale.unlink(missing_ok=True)
        settings = Settings(YUEBAO_DATABASE_URL=f"sqlite+aiosqlite:///{db_file}",
                            YUEBAO_TIMEZONE=self.registry.timezone, YUEBAO_FILES_DIR=str(self.out))
        db = Database(settings.database_url)
        try:
            await upgrade(db)
        finally:
            await db.dispose()
        return settings

    async def run(self) -> list[Path]:
        """Replay everything; the files written."""
        settings = await self._prepare_database()
        transport = ConsoleTransport(lambda chat, text: self.transcript.bot_said(self.clock.now(), chat, text))
        app = await create_app(settings, clock=self.clock, transports={"console": transport})
        try:
            async with app.uow() as store:
                await RegistryImporter(store.session, self.clock.now()).run(self.registry)
            towns = self.registry.townships
            villages = sum(len(t.villages) for t in towns)
            people = len(self.registry.people) + sum(len(t.people) for t in towns)
            where = f"{len(towns)} 个乡镇、" if self.registry.is_county else ""
            self.transcript.note(self.clock.now(), f"党建办导入名册：{where}{villages} 个村（社区）、"
                                                   f"{people} 人、{sum(len(t.projects) for t in towns)} 个项目")
            # Scenes are written by capability; the clock replays them in time order, and the calendar's
            # ticks between them fire every scheduled job when it falls due.
            items = timeline(list(self.scenario.script), self.clock.now().astimezone(self.tz),
                             self._at(self.scenario.end))
            for item in tqdm(items, desc="演示进度", unit="步", disable=not self.progress):
                if isinstance(item, dt.datetime):
                    self.clock.set(item)
                    await self._tick(app)
                else:
                    self.clock.set(self._at(item.at))
                    await self._play(app, item)
        finally:
            await app.aclose()
        transcript = self.out / "transcript.md"
        self.transcript.write(transcript)
        generated = sorted((self.out / "reports").rglob("*.*")) if (self.out / "reports").exists() else []
        return [transcript, *generated, self.out / "demo.db"]

    async def _tick(self, app: App) -> None:
        for outcome in await run_due(app.job_context(), self.clock.now()):
            if outcome.status != "done" or outcome.note == "0 messages":
                continue
            sent = outcome.note.split()[0]
            self.transcript.note(self.clock.now(), f"定时任务：{TITLES.get(outcome.job, outcome.job)}（{sent} 条消息）")
        await app.sender.drain()

    async def _play(self, app: App, step: Step) -> None:
        user = self._user(app, step.who)
        if isinstance(step, Register):
            async with app.uow() as store:
                (person,) = await store.people.by_name(step.who)
                code = await issue_invite(store, person.id, self.clock.now(), self.rng.choice)
            self.transcript.note(self.clock.now(), f"党建办为{step.who}生成邀请码（yuebao invite {step.who}）")
            text = code
        else:
            text = step.text
        if isinstance(step, Say) and step.group:
            user.enter_group(step.group)
            self.transcript.name_chat(user.chat.id, step.group)
        else:
            user.enter_private()
        who = step.who if step.who != STRANGER else "陌生人（未登记）"
        photo = step.photo if isinstance(step, Say) else None
        attachments = (Attachment("photo", f"demo-photo-{step.at}", name=photo),) if photo else ()
        self.transcript.said(self.clock.now(), who, user.chat.id, text + (f" [照片：{photo}]" if photo else ""))
        await user.say(text, attachments)
