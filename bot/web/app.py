"""The console's ASGI app, mounted at /console by bot.http: sign-in, sign-out, and every page of bot.web.routes.

Pages are plain Starlette routes around one wrapper (`_guarded`) that signs the viewer in from the cookie, opens
one unit of work, checks the page's access rule and, for a form, its CSRF token — so no page can forget either.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.app import App
from bot.web.kept import Kept
from bot.web.links import url_for
from bot.web.month_figures import MonthFigures
from bot.web.pages import TEMPLATES, BadInput, Console, Forbidden, Page, PageRoute
from bot.web.routes import PAGES
from bot.web.session import COOKIE, MAX_TOKEN, Attempts, begin_session, csrf_ok, csrf_token, session_key
from bot.web.viewer import Viewer, scope_of
from bot.web.wecom_oauth import wecom_sign_in
from handlers.refs import PersonRef, TownshipRef
from handlers.web_login import hash_secret
from storage.uow import SqlStore

log = logging.getLogger(__name__)

MAX_FORM = 64 * 1024  # the console's forms are a few fields; a roster goes through the import page's file
SIGNED_OUT = "请先登录：在与月报助手的私聊中发送“网页”，点开收到的链接即可进入（链接10分钟内有效）。"
# Pages are never cached (they are personal), never framed, and never tell another site where they were.
HEADERS = [(b"cache-control", b"no-store"), (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer"),
           (b"x-content-type-options", b"nosniff"),
           (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")]


class SecurityHeaders:
    """Adds HEADERS to every console response (Starlette ships no such middleware; it is five lines)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)
        await self.app(scope, receive, with_headers)


def _error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = SIGNED_OUT if exc.status_code == 401 else exc.detail
    return TEMPLATES.TemplateResponse(request, "error.html", {"viewer": None, "status": exc.status_code,
                                                              "message": message}, status_code=exc.status_code)


async def _form(request: Request) -> Any:
    """The posted form, bounded in size (a body without a length is refused, as a stream could be endless)."""
    length = request.headers.get("content-length", "")
    if not length.isascii() or not length.isdigit():
        raise HTTPException(411, "请求缺少长度。")
    if int(length) > MAX_FORM:
        raise HTTPException(413, "提交的内容过长。")
    return await request.form(max_files=0, max_fields=100)


async def _person(store: SqlStore, person_id: int) -> tuple[list[PersonRef], list[TownshipRef]]:
    return await store.people.by_ids([person_id]), await store.townships.all()


def _guarded(console: Console, route: PageRoute) -> Any:
    async def endpoint(request: Request) -> Response:
        cookie = request.cookies.get(COOKIE, "")
        if not cookie or len(cookie) > MAX_TOKEN:
            raise HTTPException(401)
        now = console.clock.now()
        unit = console.uow() if request.method == "POST" else console.uow.reading()  # a GET only looks
        async with unit as store:
            who = await store.web_logins.session(session_key(cookie), now)
            if who is None:
                raise HTTPException(401)
            # Who they are and what they may see change only by a write: kept between their page views.
            people, towns = await console.kept.get(("viewer", who.person_id), lambda: _person(store, who.person_id))
            viewer = scope_of(people[0], towns, csrf_token(cookie)) if people else None
            if viewer is None or not route.access(viewer):
                raise Forbidden()
            if request.method == "POST" and not csrf_ok(cookie, str((await _form(request)).get("csrf", ""))):
                raise Forbidden()
            return await route.endpoint(Page(request, viewer, store, console, now))
    return endpoint


def _sign_in(console: Console, guesses: Attempts) -> list[BaseRoute]:
    async def link(request: Request) -> Response:
        token = request.query_params.get("token", "")
        if not token or len(token) > MAX_TOKEN:
            raise BadInput("登录链接不完整。请在私聊中重新发送“网页”获取新链接。")
        return TEMPLATES.TemplateResponse(request, "login.html", {"viewer": None, "token": token})

    async def sign_in(request: Request) -> Response:
        ip = request.client.host if request.client else "?"
        if guesses.blocked(ip):
            log.warning("console sign-in: too many failures from %s", ip)
            raise HTTPException(429, "尝试次数过多，请10分钟后再试。")
        token = str((await _form(request)).get("token", ""))
        now = console.clock.now()
        async with console.uow() as store:
            who = await store.web_logins.redeem(hash_secret(token), now) if 0 < len(token) <= MAX_TOKEN else "unknown"
            if isinstance(who, str):
                guesses.failed(ip)
                log.warning("console sign-in refused (%s) from %s", who, ip)
                raise BadInput({"used": "这个登录链接已经用过了。", "expired": "这个登录链接已过期（10分钟内有效）。"}
                               .get(who, "登录链接无效。") + "请在私聊中重新发送“网页”获取新链接。")
            return await begin_session(request, store, who, now, {"platform": who.platform},
                                       secure=console.secure_cookies)

    async def sign_out(request: Request) -> Response:
        cookie = request.cookies.get(COOKIE, "")
        if cookie and len(cookie) <= MAX_TOKEN:
            if not csrf_ok(cookie, str((await _form(request)).get("csrf", ""))):
                raise Forbidden()
            async with console.uow() as store:
                await store.web_logins.end_session(session_key(cookie), console.clock.now())
        response = TEMPLATES.TemplateResponse(request, "error.html", {"viewer": None, "status": 200,
                                                                      "message": "您已退出网页版。"})
        response.delete_cookie(COOKIE, path="/console")
        return response

    return [Route("/login", link, methods=["GET"], name="login"), Route("/login", sign_in, methods=["POST"]),
            Route("/logout", sign_out, methods=["POST"], name="logout")]


def nav(viewer: Viewer) -> list[PageRoute]:
    """The nav bar's pages for this viewer: those they may open."""
    return [page for page in PAGES if page.label and page.access(viewer)]


TEMPLATES.env.globals["nav"] = nav
TEMPLATES.env.globals["url_for"] = url_for


def build_console(app: App) -> Starlette:
    """The /console app of this service."""
    settings = app.settings
    kept = Kept(app.db.writes)
    console = Console(app.uow, app.directories, app.clock, ZoneInfo(settings.timezone), Path(settings.files_dir),
                      secure_cookies=settings.console_root.startswith("https://"),
                      kept=kept, figures=MonthFigures(kept), weights=app.weights)
    guesses = Attempts(limit=10, window=600.0)  # failed sign-ins per address, by link or by WeCom alike
    routes = _sign_in(console, guesses)
    routes += wecom_sign_in(app, console, guesses)
    routes += [Route(page.path, _guarded(console, page), methods=list(page.methods), name=page.name)
               for page in PAGES]
    routes.append(Mount("/static", StaticFiles(directory=Path(__file__).with_name("static")), name="static"))
    console_app = Starlette(routes=routes, exception_handlers={HTTPException: _error})
    console_app.add_middleware(SecurityHeaders)
    return console_app
