"""Signing in from WeCom's 工作台 by WeCom's web OAuth, against the fake WeCom API on 127.0.0.1."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from bot.app import App, create_app
from bot.registry_file import load_registry
from handlers.clock import FakeClock
from storage.models import AuditLog, WebSession
from storage.repositories.registry_import import RegistryImporter
from tests.conftest import CST, REGISTRY
from tests.support.fake_wecom import FakeWeCom
from tests.support.loopback import ManualClock
from tests.support.rows import count, rows
from tests.support.tencent import SAMPLE_CORP_ID, tencent_settings
from tests.web.support import client

NOW = dt.datetime(2026, 3, 20, 10, 0, tzinfo=CST)
CALLBACK = "/console/wecom/callback"

AppMaker = Callable[..., Awaitable[App]]


@pytest.fixture
def wecom_time() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def fake(wecom_time: ManualClock) -> AsyncIterator[FakeWeCom]:
    async with FakeWeCom(corp_id=SAMPLE_CORP_ID, secret="s3cret", agent_id="1000002", clock=wecom_time) as server:
        yield server


@pytest.fixture
async def make_app(db_url: str, fake: FakeWeCom) -> AsyncIterator[AppMaker]:
    """Apps with WeCom on the fake (and YUEBAO_PUBLIC_URL when given); 胡立新 is wecom "hulx", 王建国 "wangjg"."""
    made: list[App] = []

    async def make(public_url: str = "") -> App:
        settings = tencent_settings(db_url, fake.base_url).model_copy(update={"public_url": public_url})
        app = await create_app(settings, clock=FakeClock(NOW))
        made.append(app)
        if len(made) == 1:
            async with app.uow() as store:
                await RegistryImporter(store.session, NOW).run(load_registry(REGISTRY))
                for name, userid in (("胡立新", "hulx"), ("王建国", "wangjg")):
                    (person,) = await store.people.by_name(name)
                    await store.people.link_identity(person.id, "wecom", userid, NOW)
        return app

    yield make
    for app in made:
        await app.aclose()


@pytest.fixture
async def wc_app(make_app: AppMaker) -> App:
    return await make_app()


@pytest.fixture
async def http(wc_app: App) -> AsyncIterator[httpx.AsyncClient]:
    async with client(wc_app) as browser:
        yield browser


async def workbench(http: httpx.AsyncClient) -> str:
    """Open the app from the 工作台 as WeCom's browser does; the state WeCom will bring back."""
    answer = await http.get("/console/wecom")
    assert answer.status_code == 302, answer.text
    (state,) = parse_qs(urlsplit(answer.headers["location"]).query)["state"]
    return state


async def stored(app: App) -> tuple[int, int]:
    """(sessions, web.login audit rows)."""
    return await count(app, WebSession), await count(app, AuditLog, action="web.login")


async def test_the_workbench_page_sends_the_browser_to_wecom_with_a_state_also_in_a_cookie(
        http: httpx.AsyncClient, wc_app: App) -> None:
    answer = await http.get("/console/wecom")
    assert answer.status_code == 302
    location = answer.headers["location"]
    url = urlsplit(location)
    assert (url.scheme, url.netloc, url.path) == ("https", "open.weixin.qq.com", "/connect/oauth2/authorize")
    assert url.fragment == "wechat_redirect"
    query = parse_qs(url.query)
    assert {k: v[0] for k, v in query.items() if k != "state"} == {
        "appid": SAMPLE_CORP_ID, "redirect_uri": "http://127.0.0.1:8080/console/wecom/callback",
        "response_type": "code", "scope": "snsapi_base", "agentid": "1000002"}
    assert "redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fconsole%2Fwecom%2Fcallback&" in location  # urlencoded
    state = query["state"][0]
    assert len(state) == 32 and state.isalnum()  # WeCom takes a-zA-Z0-9 only
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"yuebao_wecom_state={state};")
    lowered = cookie.lower()
    assert "httponly" in lowered and "samesite=lax" in lowered and "path=/console" in lowered
    assert "max-age=600" in lowered and "secure" not in lowered
    assert await workbench(http) != state  # a fresh one each time
    assert await stored(wc_app) == (0, 0)


async def test_behind_an_https_public_url_the_redirect_uses_it_and_the_cookie_is_secure(
        make_app: AppMaker) -> None:
    app = await make_app("https://dj.example.gov.cn")
    async with client(app) as http:
        answer = await http.get("/console/wecom")
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query["redirect_uri"] == ["https://dj.example.gov.cn/console/wecom/callback"]
    assert "secure" in answer.headers["set-cookie"].lower()


async def test_a_good_code_signs_in_with_a_session_its_cookie_and_an_audit_row(
        http: httpx.AsyncClient, wc_app: App, fake: FakeWeCom) -> None:
    state = await workbench(http)
    code = fake.issue_code("hulx")
    answer = await http.get(CALLBACK, params={"code": code, "state": state})
    assert answer.status_code == 303 and answer.headers["location"] == "http://127.0.0.1:8080/console/"
    cookies = answer.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookies if c.startswith("yuebao_console="))
    assert "httponly" in session_cookie.lower() and "max-age=28800" in session_cookie.lower()
    assert any(c.startswith('yuebao_wecom_state="";') and "Max-Age=0" in c for c in cookies)  # used up
    (session,) = await rows(wc_app, WebSession)
    async with wc_app.uow() as store:
        (hu,) = await store.people.by_name("胡立新")
    assert (session.person_id, session.platform, session.platform_user_id) == (hu.id, "wecom", "hulx")
    (audit,) = await rows(wc_app, AuditLog, action="web.login")
    assert (audit.actor_id, audit.target, audit.details) == (hu.id, f"person:{hu.id}",
                                                             {"platform": "wecom", "via": "oauth"})
    (call,) = fake.calls_to("auth/getuserinfo")
    assert call.params["code"] == code and call.params["access_token"]
    page = await http.get("/console/")
    assert page.status_code == 200 and "胡立新" in page.text and "响肠镇" in page.text


async def test_a_rejected_access_token_is_refetched_once_and_the_sign_in_goes_through(
        http: httpx.AsyncClient, wc_app: App, fake: FakeWeCom) -> None:
    state = await workbench(http)
    assert (await http.get(CALLBACK, params={"code": fake.issue_code("wangjg"), "state": state})).status_code == 303
    fake.expire_tokens()  # the app still holds the token as valid: WeCom answers 42001 to it
    state = await workbench(http)
    answer = await http.get(CALLBACK, params={"code": fake.issue_code("wangjg"), "state": state})
    assert answer.status_code == 303
    assert fake.tokens_issued == 2 and await stored(wc_app) == (2, 2)


@pytest.mark.parametrize("forged", ["no cookie", "another state", "no state"])
async def test_a_state_other_than_the_cookies_is_refused_and_the_code_never_sent(
        http: httpx.AsyncClient, wc_app: App, fake: FakeWeCom, forged: str) -> None:
    state = await workbench(http)
    if forged == "no cookie":  # the sign-in was not started in this browser: someone else's callback link
        http.cookies.clear()
    else:  # a callback carrying someone else's code and state
        state = "0" * 32 if forged == "another state" else ""
    answer = await http.get(CALLBACK, params={"code": fake.issue_code("hulx"), "state": state})
    assert answer.status_code == 403 and "请从企业微信工作台重新打开" in answer.text
    assert await stored(wc_app) == (0, 0) and fake.calls_to("auth/getuserinfo") == []
    assert (await http.get("/console/")).status_code == 401


@pytest.mark.parametrize("who", [{"userid": "stranger"}, {"openid": "o-not-a-member"}])
async def test_someone_not_on_the_roster_is_refused_in_chinese(
        http: httpx.AsyncClient, wc_app: App, fake: FakeWeCom, who: dict[str, str]) -> None:
    state = await workbench(http)
    answer = await http.get(CALLBACK, params={"code": fake.issue_code(**who), "state": state})
    assert answer.status_code == 403
    assert "尚未在月报助手登记" in answer.text and "“网页”" in answer.text and "党建办" in answer.text
    assert await stored(wc_app) == (0, 0)


async def test_a_deactivated_person_is_refused(http: httpx.AsyncClient, wc_app: App, fake: FakeWeCom) -> None:
    async with wc_app.uow() as store:
        (wang,) = await store.people.by_name("王建国")
        await store.roster.deactivate(wang.township_id, wang.id)
    state = await workbench(http)
    answer = await http.get(CALLBACK, params={"code": fake.issue_code("wangjg"), "state": state})
    assert answer.status_code == 403 and "尚未在月报助手登记（或已停用）" in answer.text
    assert await stored(wc_app) == (0, 0)


async def test_an_invalid_used_expired_or_overlong_code_is_400(
        http: httpx.AsyncClient, wc_app: App, fake: FakeWeCom, wecom_time: ManualClock) -> None:
    state = await workbench(http)

    async def status(code: str | None) -> int:
        answer = await http.get(CALLBACK, params={"state": state} | ({"code": code} if code is not None else {}))
        assert answer.status_code != 400 or "登录凭证无效或已过期" in answer.text
        return answer.status_code

    assert await status("never-issued") == 400
    used = fake.issue_code("hulx")
    assert await status(used) == 303
    state = await workbench(http)
    assert await status(used) == 400  # a code is good once
    late = fake.issue_code("hulx")
    wecom_time.advance(301)  # five minutes
    assert await status(late) == 400
    calls = len(fake.calls)
    assert await status("x" * 513) == 400 and await status(None) == 400 and await status("") == 400
    assert len(fake.calls) == calls  # not worth asking WeCom
    assert await stored(wc_app) == (1, 1)


@pytest.mark.parametrize("failure", [{"http_status": 502}, {"errcode": -1}, {"http_status": 404}])
async def test_wecom_failing_to_answer_is_503_and_nothing_is_stored(
        http: httpx.AsyncClient, wc_app: App, fake: FakeWeCom, failure: dict[str, int]) -> None:
    state = await workbench(http)
    fake.fail_next("auth/getuserinfo", **failure)  # a gateway's 502, WeCom busy, a proxy's plain-text 404
    answer = await http.get(CALLBACK, params={"code": fake.issue_code("hulx"), "state": state})
    assert answer.status_code == 503 and "暂时连不上企业微信" in answer.text
    assert await stored(wc_app) == (0, 0)


async def test_wecom_unreachable_is_503_and_nothing_is_stored(
        http: httpx.AsyncClient, wc_app: App, fake: FakeWeCom) -> None:
    state = await workbench(http)
    code = fake.issue_code("hulx")
    await fake.stop()  # connection refused, for the access token already
    answer = await http.get(CALLBACK, params={"code": code, "state": state})
    assert answer.status_code == 503 and "暂时连不上企业微信" in answer.text and "“网页”" in answer.text
    assert await stored(wc_app) == (0, 0)


async def test_wecom_refusing_the_app_is_502_for_the_admin_to_mend(
        http: httpx.AsyncClient, wc_app: App, fake: FakeWeCom) -> None:
    state = await workbench(http)
    fake.fail_next("auth/getuserinfo", errcode=50001)  # redirect_uri unauthorized: the trusted domain is not set
    answer = await http.get(CALLBACK, params={"code": fake.issue_code("hulx"), "state": state})
    assert answer.status_code == 502 and "联系管理员" in answer.text
    assert await stored(wc_app) == (0, 0)


async def test_without_wecom_the_workbench_pages_say_sign_in_by_wecom_is_not_enabled(app: App) -> None:
    async with client(app) as http:
        for path in ("/console/wecom", f"{CALLBACK}?code=abc&state=def"):
            answer = await http.get(path)
            assert answer.status_code == 200 and "未开通企业微信登录" in answer.text and "“网页”" in answer.text
            assert "set-cookie" not in answer.headers
    assert await count(app, WebSession) == 0


async def test_failed_callbacks_share_the_per_address_bound_with_link_guessing(
        http: httpx.AsyncClient, wc_app: App, fake: FakeWeCom) -> None:
    for n in range(5):
        assert (await http.post("/console/login", data={"token": f"guess{n}"})).status_code == 400
    state = await workbench(http)
    for _ in range(5):
        assert (await http.get(CALLBACK, params={"code": "forged", "state": "f" * 32})).status_code == 403
    answer = await http.get(CALLBACK, params={"code": fake.issue_code("hulx"), "state": state})
    assert answer.status_code == 429 and fake.calls_to("auth/getuserinfo") == []
    assert (await http.post("/console/login", data={"token": "guess-more"})).status_code == 429
    assert await stored(wc_app) == (0, 0)


async def test_neither_the_code_nor_a_token_is_ever_logged(
        http: httpx.AsyncClient, wc_app: App, fake: FakeWeCom, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")
    codes = []
    for who, failure in (("hulx", None), ("stranger", None), ("hulx", {"errcode": 40029}),
                         ("hulx", {"http_status": 502}), ("hulx", {"errcode": 50001})):
        state = await workbench(http)
        if failure:
            fake.fail_next("auth/getuserinfo", **failure)
        codes.append(fake.issue_code(who))
        await http.get(CALLBACK, params={"code": codes[-1], "state": state})
    await http.get(CALLBACK, params={"code": "forged-code", "state": "f" * 32})
    tokens = {call.params["access_token"] for call in fake.calls_to("auth/getuserinfo")}
    assert "not registered" in caplog.text and "invalid code" in caplog.text and "http 502" in caplog.text
    assert "errcode 50001" in caplog.text and "(state)" in caplog.text
    for secret in [*codes, "forged-code", *tokens]:
        assert secret not in caplog.text
