"""Signing in from WeCom's 工作台 without a chat link: WeCom's web OAuth (网页授权, scope snsapi_base, silent).

The app's home page in WeCom is {YUEBAO_PUBLIC_URL}/console/wecom. That page sends the browser to WeCom's authorize
page with a fresh `state`, kept also in a ten-minute cookie; WeCom sends the browser back to /console/wecom/callback
with a one-time code (valid 5 minutes, at most 512 bytes), which the server exchanges for the member's userid
(GET /cgi-bin/auth/getuserinfo with the app's access token). The state must come back equal to the cookie, so that
another site cannot sign someone in as the attacker (login CSRF). The userid must be an active person's WeCom
identity; the session is then the same as a link's.

In WeCom's admin console the app needs that home page, and the host of YUEBAO_PUBLIC_URL as a trusted domain
(可信域名): otherwise WeCom refuses the redirect, or getuserinfo answers 50001.
"""
from __future__ import annotations

import hmac
import logging
import secrets
from typing import Any
from urllib.parse import urlencode

import httpx
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot.app import App
from bot.transport import SendError
from bot.web.pages import TEMPLATES, BadInput, Console
from bot.web.session import Attempts, begin_session
from bot.wecom.tokens import TOKEN_ERRORS
from bot.wecom.transport import FREQ_ERRORS, TencentApi, WeComTransport
from handlers.web_ports import SignIn

log = logging.getLogger(__name__)

AUTHORIZE = "https://open.weixin.qq.com/connect/oauth2/authorize"
STATE_COOKIE = "yuebao_wecom_state"
STATE_AGE = 600  # seconds
MAX_STATE = 64  # ours is 32 hex digits (WeCom takes a-zA-Z0-9, at most 128 bytes)
MAX_CODE = 512  # bytes: WeCom's own bound on a code
INVALID_CODE = 40029  # used already, expired, or never issued
BUSY = -1

NOT_ENABLED = "本系统未开通企业微信登录。请在与月报助手的私聊中发送“网页”，点开收到的链接即可进入。"
AGAIN = "登录已失效或不是从本系统发起的。请从企业微信工作台重新打开月报。"
BAD_CODE = "企业微信的登录凭证无效或已过期（5分钟内有效，只能用一次）。请从企业微信工作台重新打开月报。"
NOT_REGISTERED = ("您的企业微信账号尚未在月报助手登记（或已停用），无法进入网页版。"
                  "已登记的请在与月报助手的私聊中发送“网页”获取登录链接；未登记的请联系党建办。")
UNREACHABLE = "暂时连不上企业微信，请稍后再试；也可以在与月报助手的私聊中发送“网页”获取登录链接。"
REFUSED = "企业微信拒绝了这次登录（应用的可信域名或密钥可能未配置好），请联系管理员。"


class WeComFailure(Exception):
    """getuserinfo did not say who it is: `status` 400 (the code's fault), 502 (WeCom refused the app), 503 (WeCom
    unreachable or busy)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


async def _getuserinfo(api: TencentApi, code: str) -> dict[str, Any]:
    """WeCom's answer for a code, the access token refetched once if rejected; SendError without a token."""
    token = await api.tokens.get()
    for attempt in (1, 2):
        try:
            response = await api.http.get(f"{api.base}/cgi-bin/auth/getuserinfo",
                                          params={"access_token": token, "code": code})
            data = response.json() if response.status_code < 500 else None
        except (httpx.HTTPError, ValueError) as exc:
            raise WeComFailure(503, f"network: {type(exc).__name__}") from exc
        if not isinstance(data, dict):
            raise WeComFailure(503, f"http {response.status_code}")
        if data.get("errcode") in TOKEN_ERRORS and attempt == 1:
            token = await api.tokens.refresh(token)
            continue
        return data
    raise AssertionError("unreachable")


async def member(api: TencentApi, code: str) -> str | None:
    """The userid of the member who brought this OAuth code (None: not a member of the corp); WeComFailure if
    WeCom does not say."""
    try:
        data = await _getuserinfo(api, code)
    except SendError as exc:  # no access token: a wrong corp id or secret, or WeCom unreachable
        raise WeComFailure(502 if exc.permanent else 503, str(exc)) from exc
    errcode = data.get("errcode", 0)
    if errcode == INVALID_CODE:
        raise WeComFailure(400, f"errcode {errcode}")
    if errcode == BUSY or errcode in FREQ_ERRORS:
        raise WeComFailure(503, f"errcode {errcode}")
    if errcode != 0:
        raise WeComFailure(502, f"errcode {errcode}")
    userid = data.get("userid")  # a non-member has an openid instead
    return userid if isinstance(userid, str) and userid else None


def _api(app: App) -> TencentApi | None:
    """The WeCom API of this service, with its access tokens; None when WeCom is not configured."""
    transport = app.transports.get("wecom")
    return transport.api if app.wecom is not None and isinstance(transport, WeComTransport) else None


async def _not_enabled(request: Request) -> Response:
    return TEMPLATES.TemplateResponse(request, "error.html", {"viewer": None, "status": 200, "message": NOT_ENABLED})


def wecom_sign_in(app: App, console: Console, guesses: Attempts) -> list[BaseRoute]:
    """GET /wecom (the 工作台 home page) and /wecom/callback; both say sign-in is not enabled without WeCom.
    Failed callbacks count in `guesses`, the bound the link sign-in keeps per address."""
    api = _api(app)
    if api is None:
        return [Route("/wecom", _not_enabled, methods=["GET"], name="wecom"),
                Route("/wecom/callback", _not_enabled, methods=["GET"], name="wecom_callback")]
    settings = app.settings
    redirect_uri = f"{settings.console_root}/console/wecom/callback"

    async def start(request: Request) -> Response:
        state = secrets.token_hex(16)
        query = urlencode({"appid": settings.wecom_corp_id, "redirect_uri": redirect_uri, "response_type": "code",
                           "scope": "snsapi_base", "state": state, "agentid": settings.wecom_agent_id})
        response = RedirectResponse(f"{AUTHORIZE}?{query}#wechat_redirect", status_code=302)
        response.set_cookie(STATE_COOKIE, state, max_age=STATE_AGE, path="/console", httponly=True,
                            samesite="lax", secure=console.secure_cookies)
        return response

    async def callback(request: Request) -> Response:
        ip = request.client.host if request.client else "?"
        if guesses.blocked(ip):
            log.warning("console WeCom sign-in: too many failures from %s", ip)
            raise HTTPException(429, "尝试次数过多，请10分钟后再试。")

        def refused(why: str) -> None:
            guesses.failed(ip)
            log.warning("console WeCom sign-in refused (%s) from %s", why, ip)

        state, expected = request.query_params.get("state", ""), request.cookies.get(STATE_COOKIE, "")
        if not expected or len(state) > MAX_STATE or not hmac.compare_digest(state.encode(), expected.encode()):
            refused("state")
            raise HTTPException(403, AGAIN)
        code = request.query_params.get("code", "")
        if not code or len(code.encode()) > MAX_CODE:
            refused("code")
            raise BadInput(BAD_CODE)
        try:
            userid = await member(api, code)
        except WeComFailure as exc:
            if exc.status == 400:
                refused("invalid code")
                raise BadInput(BAD_CODE) from None
            # 502 is for the admin to mend (trusted domain, secret); 503 passes by itself.
            log.log(logging.ERROR if exc.status == 502 else logging.WARNING,
                    "console WeCom sign-in: getuserinfo failed (%s)", exc)
            raise HTTPException(exc.status, UNREACHABLE if exc.status == 503 else REFUSED) from None
        now = console.clock.now()
        async with console.uow() as store:
            person = await store.people.by_identity("wecom", userid) if userid else None  # active people only
            if userid is None or person is None:
                refused("not registered")
                raise HTTPException(403, NOT_REGISTERED)
            response = await begin_session(request, store, SignIn(person.id, "wecom", userid), now,
                                           {"platform": "wecom", "via": "oauth"}, secure=console.secure_cookies)
        response.delete_cookie(STATE_COOKIE, path="/console", httponly=True, samesite="lax",
                               secure=console.secure_cookies)
        return response

    return [Route("/wecom", start, methods=["GET"], name="wecom"),
            Route("/wecom/callback", callback, methods=["GET"], name="wecom_callback")]
