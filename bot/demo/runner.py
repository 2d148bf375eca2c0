"""Replays the demo script through the real app on a fake clock and writes what happened to a folder."""
from __future__ import annotations

import datetime as dt
import importlib
import random
from pathlib import Path
from zoneinfo import ZoneInfo

from tqdm import tqdm

from bot.app import App, create_app
from bot.config import Settings
from bot.console import ConsoleTransport, ConsoleUser
from bot.demo.script import SCRIPT, STRANGER, Register, RunJob, Say, Step
from bot.demo.transcript import Transcript
from bot.registry_file import load_registry
from handlers.clock import FakeClock
from handlers.identity import issue_invite
from handlers.messages import Attachment
from storage.db import Database
from storage.migrate import upgrade
from storage.repositories.registry_import import RegistryImporter

SAMPLE_REGISTRY = Path(__file__).with_name("sample_registry.yaml")


class DemoRun:
    """One replay of the script into `out`."""

    def __init__(self, out: Path, *, progress: bool = True) -> None:
        self.out = out
        self.progress = progress
        self.registry = load_registry(SAMPLE_REGISTRY)
        self.tz = ZoneInfo(self.registry.timezone)
        self.clock = FakeClock(self._at(SCRIPT[0].at))
        self.transcript = Transcript(f"月报 yuebao 演示 — {self.registry.county}{self.registry.township}", self.tz)
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
                            YUEBAO_TIMEZONE=self.registry.timezone)
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
            r = self.registry
            self.transcript.note(self.clock.now(), f"党建办导入名册：{len(r.villages)} 个村（社区）、"
                                                   f"{len(r.people)} 人、{len(r.projects)} 个项目")
            # Scenes are written by capability; the clock replays them in time order.
            steps = sorted(SCRIPT, key=lambda step: step.at)
            for step in tqdm(steps, desc="演示进度", unit="步", disable=not self.progress):
                self.clock.set(self._at(step.at))
                await self._play(app, step)
        finally:
            await app.aclose()
        transcript = self.out / "transcript.md"
        self.transcript.write(transcript)
        return [transcript, self.out / "demo.db"]

    async def _play(self, app: App, step: Step) -> None:
        if isinstance(step, RunJob):
            job = importlib.import_module(f"scheduler.jobs.{step.job}")
            self.transcript.note(self.clock.now(), f"定时任务：{step.title}")
            await job.job(app.job_context(), self.clock.now())
            await app.sender.drain()
            return
        user = self._user(app, step.who)
        if isinstance(step, Register):
            async with app.uow() as store:
                (person,) = await store.people.by_name(step.who, self.registry.township)
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
