"""Every page and form of the console × every role, over HTTP: allowed, or 403 with nothing changed.

The expectations are written out here by hand, per page: a page missing from WHO fails, so a new page cannot
go untested. Records are in 石牛村 (玄滩镇, tests/fixtures/county.yaml); who may see them is the question.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.app import App
from bot.web.routes import PAGES
from handlers.clock import FakeClock
from handlers.messages import Attachment
from storage.models import Issue, Project, Report, ReportEvidence, Task
from tests.conftest import CST, RecordingTransport
from tests.scheduler.records import file_report
from tests.support.chat import registered
from tests.support.rows import rows, snapshot
from tests.web.support import client, signed_in

# Each role of DESIGN.md, by someone of the county fixture who holds it.
PEOPLE = {"county_leader": "罗明远", "county_admin": "何晓梅", "county_supervisor": "纪文清",
          "town_supervisor": "孟督导", "township_leader": "王德兴", "admin": "张丽华", "secretary": "赵全友",
          "other_secretary": "周秀英", "contact_official": "李包村", "grid_worker": "刘网格"}
EVERYONE = frozenset(PEOPLE)
# Who sees a record of 石牛村: the county, 玄滩镇's leaders, and those of 石牛村 (孟督导 is 云锦镇's, 周秀英 蔡家村's).
SHINIU = frozenset({"county_leader", "county_admin", "county_supervisor", "township_leader", "admin", "secretary",
                    "contact_official", "grid_worker"})
READERS = frozenset({"county_leader", "county_admin", "county_supervisor", "town_supervisor", "township_leader",
                     "admin"})
ADMINS = frozenset({"county_admin", "admin"})
WHO: dict[str, frozenset[str]] = {
    "overview": EVERYONE,
    # records: every list answers everyone (scoped); a record of 石牛村 answers only those who see it
    "projects": EVERYONE, "project": SHINIU, "report": SHINIU, "evidence": SHINIU,
    "tasks": EVERYONE, "task": SHINIU, "issues": EVERYONE, "issue": SHINIU, "work_records": EVERYONE,
    # admin: the calendar is read by everyone who reads across villages; every change and the roster, invite codes
    # and audit log are the admins' (a leader or supervisor who is no admin: 403, nothing changed).
    "people": ADMINS, "people_add": ADMINS, "people_deactivate": ADMINS, "invites": ADMINS,
    "invites_issue": ADMINS, "calendar": READERS, "calendar_change": ADMINS, "holidays": READERS, "audit": ADMINS,
    # 台账 and 通报: readers; a kept text is one of the viewer's own unit (`samples` keeps one in each folder).
    "ledger": READERS, "ledger_file": READERS, "bulletins": READERS, "bulletin": READERS,
}


@pytest.fixture(scope="module")
def registry_file() -> Path:
    """The county of three townships."""
    return Path(__file__).parents[1] / "fixtures" / "county.yaml"


@pytest.fixture
def clock() -> FakeClock:
    """Monday 14 December 2026, 10:00."""
    return FakeClock(dt.datetime(2026, 12, 14, 10, 0, tzinfo=CST))


@pytest.fixture
async def samples(app: App) -> dict[str, Any]:
    """A record of each kind in 石牛村, made the way people make them; the path parameters that name them."""
    await file_report(app, "赵全友", "XT-01", "2026-12", 60, "柑橘本月进度60%")
    await (await registered(app, "张丽华")).say("@赵全友 请于12月25日前上报冬训计划")
    await (await registered(app, "刘网格")).say("一组路边垃圾堆了好几天没人清理，味道很大")
    (project,) = await rows(app, Project, code="XT-01")
    (report,) = await rows(app, Report, project_id=project.id)
    (task,) = await rows(app, Task)
    (issue,) = await rows(app, Issue)
    photo = Path(app.settings.files_dir) / "telegram" / "photo.jpg"  # a photo kept with the report
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"\xff\xd8\xff")
    async with app.uow() as store:
        await store.reports.add_evidence(report.id, "telegram", [Attachment("photo", "p1", stored_path=str(photo))],
                                         author_id=None, inbox_id=None, now=app.clock.now())
    (evidence,) = await rows(app, ReportEvidence)
    # A digest the calendar kept in every unit's folder: a reader sees their own unit's (bot.web.files).
    for unit in ("泸县", "玄滩镇", "云锦镇", "福集镇"):
        folder = Path(app.settings.files_dir) / "reports" / unit
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "digest-2026-11.txt").write_text(f"{unit}2026年11月简报", encoding="utf-8")
    return {"project_id": project.id, "report_id": report.id, "task_id": task.id, "issue_id": issue.id,
            "evidence_id": evidence.id, "name": "digest-2026-11.txt"}


def _path(path: str, samples: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in samples, f"the matrix has no sample for {{{name}}}: add one to `samples`"
        return str(samples[name])
    return "/console" + re.sub(r"\{(\w+)(?::\w+)?\}", value, path)


async def _csrf(http: httpx.AsyncClient) -> str:
    page = await http.get("/console/")
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("role", sorted(PEOPLE))
async def test_every_page_answers_each_role_as_written(app: App, samples: dict[str, Any], role: str,
                                                       transport: RecordingTransport) -> None:
    http = await signed_in(app, PEOPLE[role], transport)
    csrf = await _csrf(http)
    assert {p.name for p in PAGES} <= set(WHO), "a page is missing from the role matrix"
    before = await snapshot(app.db)
    for page in PAGES:
        path = _path(page.path, samples)
        allowed = role in WHO[page.name]
        for method in page.methods:
            if method == "GET":
                answer = await http.get(path)
            else:
                answer = await http.post(path, data={"csrf": csrf, **FORMS.get(page.name, {})})
            if allowed:
                assert answer.status_code in (200, 303), (role, method, path, answer.status_code)
                if method == "POST":  # a change was allowed: refusals after it compare with what it left
                    before = await snapshot(app.db)
            else:
                assert answer.status_code == 403, (role, method, path, answer.status_code)
                assert "没有权限" in answer.text
                assert (await snapshot(app.db)).tables == before.tables, (role, method, path)


FORMS: dict[str, dict[str, str]] = {
    # Each a confirmed change (step=confirm) in the admin's first township, 玄滩镇.
    "people_add": {"town": "", "name": "钱新", "role": "secretary", "village": "石牛村", "step": "confirm"},
    "people_deactivate": {"town": "", "name": "刘网格", "step": "confirm"},
    "invites_issue": {"town": "", "name": "", "village": "石牛村", "step": "confirm"},
    "calendar_change": {"town": "", "job": "mid_month", "day": "16", "at": "09:00", "enabled": "on", "step": "confirm"},
}


async def test_without_a_session_every_page_says_how_to_sign_in(app: App, samples: dict[str, Any]) -> None:
    http = client(app)
    for page in PAGES:
        for method in page.methods:
            answer = await http.request(method, _path(page.path, samples))
            assert answer.status_code == 401 and "网页" in answer.text, (method, page.path)
