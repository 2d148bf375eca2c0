"""The console's page plumbing: who may open a page, the request a page is given, and its answers."""
from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.templating import Jinja2Templates

from bot.web.kept import Kept
from bot.web.month_figures import MonthFigures
from bot.web.viewer import Viewer
from handlers.clock import Clock
from handlers.directory import Directory, DirectoryCache
from scheduler.outcome import DEFAULT_WEIGHTS, Weights
from storage.uow import SqlStore, SqlUnitOfWork

TEMPLATES = Jinja2Templates(directory=Path(__file__).with_name("templates"))


class Forbidden(HTTPException):
    """403: not theirs to see or change. Said the same way whether or not the record exists."""

    def __init__(self) -> None:
        super().__init__(403, "抱歉，您没有权限查看或修改这项内容。")


class BadInput(HTTPException):
    """400 with a message in Chinese saying what to fix."""

    def __init__(self, message: str) -> None:
        super().__init__(400, message)


@dataclass
class Console:
    """What the pages are made from (wired once, in bot.web.app)."""

    uow: SqlUnitOfWork
    directories: DirectoryCache
    clock: Clock
    zone: ZoneInfo
    files_dir: Path
    secure_cookies: bool
    kept: Kept
    figures: MonthFigures
    weights: Weights = DEFAULT_WEIGHTS  # of the outcome score, as the calendar's bulletins rank by


@dataclass
class Page:
    """One request to a page: the viewer, an open unit of work, and how to answer."""

    request: Request
    viewer: Viewer
    store: SqlStore
    console: Console
    now: dt.datetime

    @property
    def today(self) -> dt.date:
        """Today in the office's time zone."""
        return self.now.astimezone(self.console.zone).date()

    async def directory(self, township_id: int) -> Directory:
        """A township's directory (registry, villages, projects), as chat uses it."""
        town = next((t for t in self.viewer.towns if t.id == township_id), None)
        if town is None:
            raise Forbidden()
        return await self.console.directories.get(self.store, town.id, town.registry_version)

    def render(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        """A page of the console, with the viewer and the nav it may see."""
        return TEMPLATES.TemplateResponse(self.request, template, {"viewer": self.viewer, **values},
                                          status_code=status)


Access = Callable[[Viewer], bool]
Endpoint = Callable[[Page], Awaitable[Response]]


def anyone(viewer: Viewer) -> bool:
    """Every signed-in person (what they see is still scoped)."""
    return True


def readers(viewer: Viewer) -> bool:
    """Leaders and supervisors: across villages."""
    return viewer.reader


def admins(viewer: Viewer) -> bool:
    """Those who keep a roster."""
    return viewer.admin


@dataclass(frozen=True)
class PageRoute:
    """A page of the console: its path under /console, who may open it, and for which methods."""

    path: str
    endpoint: Endpoint
    access: Access
    name: str
    label: str | None = None  # shown in the nav bar to whoever may open it
    methods: tuple[str, ...] = ("GET",)
