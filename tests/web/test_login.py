"""Signing in: a link from chat, once, for ten minutes; sessions revocable; guessing bounded."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from bot.app import App, create_app
from bot.config import Settings
from handlers.clock import FakeClock
from storage.models import AuditLog, WebLogin, WebSession
from tests.support.chat import registered
from tests.web.support import client, link_for, signed_in


async def test_a_leader_signs_in_from_chat_and_sees_the_overview(app: App, transport, clock: FakeClock) -> None:
    http = await signed_in(app, "胡立新", transport)
    page = await http.get("/console/")
    assert page.status_code == 200
    assert "响肠镇" in page.text and "各村报送" in page.text
    cookie = page.request.headers["cookie"]
    assert "yuebao_console=" in cookie
    async with app.uow() as store:
        sessions = (await store.session.execute(select(WebSession))).scalars().all()
        logins = (await store.session.execute(select(WebLogin))).scalars().all()
    assert len(sessions) == 1 and logins[0].used_at is not None
    # Only hashes are stored: the cookie's value is in no row.
    value = cookie.split("yuebao_console=")[1].split(";")[0]
    assert value not in sessions[0].token_hash


async def test_the_session_cookie_is_httponly_lax_and_scoped(app: App, transport) -> None:
    link = await link_for(app, "胡立新", transport)
    http = client(app)
    token = re.search(r"token=([^&\s]+)", link)
    assert token is not None
    answer = await http.post("/console/login", data={"token": token.group(1)})
    set_cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in set_cookie and "samesite=lax" in set_cookie and "path=/console" in set_cookie
    assert "max-age=28800" in set_cookie and "secure" not in set_cookie  # http://: a Secure cookie would be dropped


async def test_opening_the_link_does_not_spend_it_pressing_the_button_does(app: App, transport) -> None:
    link = await link_for(app, "胡立新", transport)
    http = client(app)
    for _ in range(3):  # a chat app's link preview fetches it first
        assert (await http.get(link)).status_code == 200
    token = link.split("token=")[1]
    assert (await http.post("/console/login", data={"token": token})).status_code == 303
    again = await client(app).post("/console/login", data={"token": token})
    assert again.status_code == 400 and "已经用过" in again.text


async def test_an_expired_link_is_refused(app: App, transport, clock: FakeClock) -> None:
    link = await link_for(app, "胡立新", transport)
    clock.advance(dt.timedelta(minutes=10, seconds=1))
    answer = await client(app).post("/console/login", data={"token": link.split("token=")[1]})
    assert answer.status_code == 400 and "已过期" in answer.text
    assert (await client(app).get("/console/")).status_code == 401


async def test_without_a_session_the_console_says_how_to_get_a_link(app: App) -> None:
    page = await client(app).get("/console/")
    assert page.status_code == 401 and "网页" in page.text and "私聊" in page.text


async def test_a_session_ends_after_eight_hours(app: App, transport, clock: FakeClock) -> None:
    http = await signed_in(app, "胡立新", transport)
    clock.advance(dt.timedelta(hours=8))
    assert (await http.get("/console/")).status_code == 401


async def test_an_admin_revokes_someones_sessions_in_chat(app: App, transport) -> None:
    http = await signed_in(app, "胡立新", transport)
    admin = await registered(app, "程晓燕")
    await admin.say("注销网页登录 胡立新")
    assert "已注销胡立新的网页登录（1处）" in transport.texts()[-1]
    assert (await http.get("/console/")).status_code == 401
    async with app.uow() as store:
        audit = (await store.session.execute(select(AuditLog).where(AuditLog.action == "web.revoke"))).scalar_one()
    assert audit.details == {"sessions": 1}


async def test_a_secretary_cannot_revoke_and_nothing_changes(app: App, transport) -> None:
    http = await signed_in(app, "胡立新", transport)
    secretary = await registered(app, "王建国")
    await secretary.say("注销网页登录 胡立新")
    assert "管理员" in transport.texts()[-1]
    assert (await http.get("/console/")).status_code == 200


async def test_the_link_is_only_sent_in_a_private_chat(app: App, transport) -> None:
    user = await registered(app, "胡立新")
    user.enter_group("响肠镇工作群")
    await user.say("网页")
    assert "私聊" in transport.texts()[-1] and "token=" not in transport.texts()[-1]
    async with app.uow() as store:
        assert (await store.session.execute(select(func.count()).select_from(WebLogin))).scalar_one() == 0


async def test_asking_for_links_is_bounded_per_person(app: App, transport) -> None:
    user = await registered(app, "胡立新")
    for _ in range(5):
        await user.say("网页")
    await user.say("网页")
    assert "最多发送5个" in transport.texts()[-1]


async def test_guessing_is_bounded_per_address_and_logged(app: App, caplog: pytest.LogCaptureFixture) -> None:
    http = client(app)
    for n in range(10):
        assert (await http.post("/console/login", data={"token": f"guess{n}"})).status_code == 400
    assert (await http.post("/console/login", data={"token": "guess-more"})).status_code == 429
    assert "too many failures" in caplog.text and "guess" not in caplog.text


async def test_signing_out_needs_the_csrf_token_and_ends_the_session(app: App, transport) -> None:
    http = await signed_in(app, "胡立新", transport)
    assert (await http.post("/console/logout", data={"csrf": "forged"})).status_code == 403
    page = await http.get("/console/")
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert csrf is not None
    assert (await http.post("/console/logout", data={"csrf": csrf.group(1)})).status_code == 200
    assert (await http.get("/console/")).status_code == 401


async def test_the_access_log_never_shows_a_links_token(app: App, transport,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    import asyncio
    import socket

    import httpx

    from bot.service import serve
    link = await link_for(app, "胡立新", transport)
    token = link.split("token=")[1]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    stop = asyncio.Event()
    service = asyncio.create_task(serve(app, "127.0.0.1", port, stop))
    try:
        async with httpx.AsyncClient() as http:
            for _ in range(100):
                try:
                    page = await http.get(f"http://127.0.0.1:{port}/console/login", params={"token": token})
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.05)
        assert page.status_code == 200
    finally:
        stop.set()
        await asyncio.wait_for(service, 10)
    out, err = capsys.readouterr()  # uvicorn's own handlers write the access log (it does not propagate)
    assert '"GET /console/login?token=… HTTP/1.1" 200' in out + err
    assert token not in out + err


async def test_behind_https_the_cookie_is_secure_and_the_link_points_there(app: App, transport) -> None:
    settings = Settings(YUEBAO_DATABASE_URL=app.settings.database_url, YUEBAO_PUBLIC_URL="https://dj.example.gov.cn/")
    public = await create_app(settings, clock=app.clock, transports={"console": transport}, check_schema=False)
    try:
        link = await link_for(public, "胡立新", transport)
        assert link.startswith("https://dj.example.gov.cn/console/login?token=")
        answer = await client(public).post("/console/login", data={"token": link.split("token=")[1]})
        assert "secure" in answer.headers["set-cookie"].lower()
    finally:
        await public.aclose()
