"""A fake WeCom (企业微信) and WeChat Official Account (公众号) API server, for tests and benchmarks only.

`FakeWeCom` is a real HTTP server (Starlette app under uvicorn, in the caller's event loop, bound to
127.0.0.1) answering the subset of Tencent's ``/cgi-bin`` APIs the yuebao WeCom and WeChat adapters use,
the way Tencent does: HTTP 200 with ``{"errcode": 0, "errmsg": "ok", ...}``, and failures as non-zero
errcodes, still with HTTP 200.

* Access tokens: WeCom ``gettoken`` and Official Account ``token``. Every call issues a new token; earlier
  ones stay valid until they expire (``expires_in`` by `clock`) or the test expires or revokes them.
* WeCom: app messages (``message/send``), app group chats (``appchat/create``, ``appchat/send``) and
  temporary media (``media/upload``, ``media/get``).
* WeCom group robots (``webhook/send``, ``webhook/upload_media``), keyed by ``?key=``, at most 20 messages
  per key in any 60 seconds.
* Official Account customer-service messages (``message/custom/send``; ``media/upload`` and ``media/get``
  too).
* WeCom web OAuth (网页授权): ``auth/getuserinfo`` exchanges a code from `issue_code` for the member's userid
  (a non-member's openid), each code once and within five minutes, as WeCom does.

Both products share one server root: point WECOM_API_BASE and WECHAT_API_BASE at what `start()` returns.
A token is good only for its own product (a WeCom token on ``message/custom/send`` is an invalid token);
the media routes take either. Content limits are counted in UTF-8 bytes and over-long content is rejected,
so tests catch text Tencent would refuse or truncate.

It records every call, can be told to answer the next calls of a route with an errcode, an HTTP error or
after a delay, keeps no state between instances and never talks to the network beyond its own loopback
socket. Do not use it outside tests.
"""
from __future__ import annotations

import base64
import binascii
import copy
import hashlib
import itertools
import json
import re
import secrets
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from tests.support.loopback import LoopbackServer, UploadedFile, header_params, parse_multipart

JsonDict = dict[str, Any]
Handler = Callable[["Call", str], Awaitable["JsonDict | Response"]]

TOKEN_TTL = 7200.0
CODE_TTL = 300.0  # an OAuth code: five minutes, once
TEXT_MAX_BYTES = 2048
MARKDOWN_MAX_BYTES = 4096
TEXTCARD_TITLE_MAX_BYTES = 128
TEXTCARD_DESCRIPTION_MAX_BYTES = 512
ROBOT_IMAGE_MAX_BYTES = 2 * 1024 * 1024
NEWS_MAX_ARTICLES = 8
MEDIA_MIN_BYTES = 6  # Tencent: every file must be larger than 5 bytes
MEDIA_MAX_BYTES = {"image": 10 * 1024 * 1024, "voice": 2 * 1024 * 1024, "video": 10 * 1024 * 1024,
                   "file": 20 * 1024 * 1024}
ROBOT_MEDIA_TYPES = frozenset({"file", "voice"})
_CHATID = re.compile(r"[0-9A-Za-z]{1,32}")

# errcodes (Tencent's global return codes; the adapter should branch on these, never on errmsg)
SYSTEM_BUSY = -1
INVALID_CREDENTIAL = 40001
INVALID_GRANT_TYPE = 40002
INVALID_OPENID = 40003
INVALID_TYPE = 40005
INVALID_FILE_SIZE = 40006
INVALID_MEDIA_ID = 40007
INVALID_MSGTYPE = 40008
INVALID_CORPID = 40013
INVALID_TOKEN = 40014
INVALID_CODE = 40029
INVALID_AGENTID = 40056
INVALID_PARAMETER = 40058
TOKEN_MISSING = 41001
CORPID_MISSING = 41002
SECRET_MISSING = 41004
MEDIA_DATA_MISSING = 41005
MEDIA_ID_MISSING = 41006
OAUTH_CODE_MISSING = 41008
AGENTID_MISSING = 41011
TOKEN_EXPIRED = 42001
REQUIRE_GET = 43001
REQUIRE_POST = 43002
EMPTY_MEDIA = 44001
EMPTY_POST_DATA = 44002
EMPTY_CONTENT = 44004
# The brief for this fake fixes 44004 for over-long app and app-chat content; Tencent's global table lists
# 44004 as "empty content" and 45002 as "content size out of limit". Split content before sending instead.
APP_CONTENT_TOO_LONG = 44004
CONTENT_TOO_LONG = 45002
TITLE_TOO_LONG = 45003
DESCRIPTION_TOO_LONG = 45004
FREQ_OUT_OF_LIMIT = 45009
DATA_FORMAT_ERROR = 47001
ALL_RECIPIENTS_INVALID = 81013
CHAT_NOT_EXIST = 86003
CHATID_EXISTS = 86215
INVALID_WEBHOOK_URL = 93000

ERRMSG: dict[int, str] = {
    SYSTEM_BUSY: "system busy",
    INVALID_CREDENTIAL: "invalid credential",
    INVALID_GRANT_TYPE: "invalid grant_type",
    INVALID_OPENID: "invalid openid",
    INVALID_TYPE: "invalid type",
    INVALID_FILE_SIZE: "invalid file size",
    INVALID_MEDIA_ID: "invalid media_id",
    INVALID_MSGTYPE: "invalid message type",
    INVALID_CORPID: "invalid corpid",
    INVALID_TOKEN: "invalid access_token",
    INVALID_CODE: "invalid code",
    INVALID_AGENTID: "invalid agentid",
    INVALID_PARAMETER: "invalid Request Parameter",
    TOKEN_MISSING: "access_token missing",
    CORPID_MISSING: "corpid missing",
    SECRET_MISSING: "corpsecret missing",
    MEDIA_DATA_MISSING: "media data missing",
    MEDIA_ID_MISSING: "media_id missing",
    OAUTH_CODE_MISSING: "missing code",
    AGENTID_MISSING: "agentid missing",
    TOKEN_EXPIRED: "access_token expired",
    REQUIRE_GET: "require GET method",
    REQUIRE_POST: "require POST method",
    EMPTY_MEDIA: "empty media data",
    EMPTY_POST_DATA: "empty post data",
    EMPTY_CONTENT: "empty content",
    CONTENT_TOO_LONG: "content size out of limit",
    TITLE_TOO_LONG: "title size out of limit",
    DESCRIPTION_TOO_LONG: "description size out of limit",
    FREQ_OUT_OF_LIMIT: "api freq out of limit",
    DATA_FORMAT_ERROR: "data format error",
    ALL_RECIPIENTS_INVALID: "user & party & tag all invalid",
    CHAT_NOT_EXIST: "chat not exist",
    CHATID_EXISTS: "chatid already exists",
    INVALID_WEBHOOK_URL: "invalid webhook url",
}


@dataclass
class Call:
    """One request the fake received; status and errcode are filled in once it has been answered.

    `path` is the URL path (``/cgi-bin/message/send``), `params` the query string, `body` the JSON object
    or the multipart fields (uploads as `UploadedFile`), None without a body. `errcode` is None when the
    answer was not Tencent JSON (an injected HTTP error, an unknown route).
    """

    path: str
    params: dict[str, str]
    body: Any
    at: float
    status: int = 0
    errcode: int | None = None


@dataclass(frozen=True)
class _Rules:
    """What one send route accepts."""

    msgtypes: frozenset[str]
    text_max: int | None  # bytes; None: not checked
    too_long: int  # the errcode for over-long text or markdown
    inline_image: bool = False  # robots send images as base64 + md5, not media_id


APP_RULES = _Rules(frozenset({"text", "markdown", "textcard", "image", "voice", "video", "file"}), TEXT_MAX_BYTES,
                   APP_CONTENT_TOO_LONG)
ROBOT_RULES = _Rules(frozenset({"text", "markdown", "markdown_v2", "image", "news", "file", "voice"}),
                     TEXT_MAX_BYTES, INVALID_PARAMETER, inline_image=True)
CUSTOM_RULES = _Rules(frozenset({"text", "image", "voice", "video", "news", "msgmenu"}), None, CONTENT_TOO_LONG)


@dataclass(frozen=True)
class _Api:
    handler: Handler
    http_method: str
    auth: str  # "wecom" | "wechat" token, "any" token, "robot" key, "" none


@dataclass
class _Token:
    kind: str  # "wecom" | "wechat"
    expires_at: float


@dataclass
class _Failure:
    errcode: int | None
    http_status: int | None
    times: int
    delay: float


class WeComError(Exception):
    """A Tencent error answer: HTTP 200 with a non-zero errcode."""

    def __init__(self, errcode: int, errmsg: str | None = None) -> None:
        self.errcode = errcode
        self.errmsg = errmsg if errmsg is not None else ERRMSG.get(errcode, "error")
        super().__init__(f"{self.errcode} {self.errmsg}")

    def body(self) -> JsonDict:
        return {"errcode": self.errcode, "errmsg": self.errmsg}


# --- helpers -------------------------------------------------------------------------------------------------


def utf8_len(text: str) -> int:
    """Length in UTF-8 bytes, the unit of Tencent's content limits."""
    return len(text.encode("utf-8"))


def api_name(path: str) -> str:
    """A route as the fake keys it: ``/cgi-bin/message/send?x=1``, ``cgi-bin/message/send`` and
    ``message/send`` are all ``message/send``."""
    return path.split("?", 1)[0].strip("/").removeprefix("cgi-bin/")


def _window_full(times: deque[float], now: float, window: float, limit: int) -> bool:
    """Whether a sliding window holding `times` has no room for one more (drops times that left it)."""
    while times and times[0] <= now - window:
        times.popleft()
    return len(times) >= limit


async def _read_body(request: Request) -> tuple[Any, WeComError | None]:
    """The request body (a JSON object or multipart fields) and the error to answer if it is unreadable.

    Tencent parses any non-multipart body as JSON, whatever its Content-Type says.
    """
    raw = await request.body()
    if not raw:
        return None, None
    media_type, options = header_params(request.headers.get("content-type", ""))
    if media_type == "multipart/form-data":
        return parse_multipart(raw, options.get("boundary", "")), None
    try:
        data = json.loads(raw)
    except ValueError:
        return None, WeComError(DATA_FORMAT_ERROR)
    if not isinstance(data, dict):
        return data, WeComError(DATA_FORMAT_ERROR)
    return data, None


def _json_object(call: Call) -> JsonDict:
    """The JSON body of a POST route (44002 without one)."""
    if not isinstance(call.body, dict) or not call.body:
        raise WeComError(EMPTY_POST_DATA)
    return call.body


def _text_field(section: JsonDict, name: str) -> str:
    value = section.get(name)
    return value if isinstance(value, str) else ""


def _attachment(filename: str) -> str:
    """A Content-Disposition header for a download, safe for non-ASCII names."""
    fallback = filename.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def _reason(status: int) -> str:
    """The HTTP reason phrase of a status, e.g. "Bad Gateway"."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


# --- message checks ------------------------------------------------------------------------------------------


def _check_content(section: JsonDict, limit: int | None, too_long: int) -> None:
    content = _text_field(section, "content")
    if not content.strip():
        raise WeComError(EMPTY_CONTENT)
    if limit is not None and utf8_len(content) > limit:
        raise WeComError(too_long, "content exceed max length")


def _check_textcard(section: JsonDict) -> None:
    title, description = _text_field(section, "title"), _text_field(section, "description")
    if not title or not description or not _text_field(section, "url"):
        raise WeComError(INVALID_PARAMETER, "textcard needs title, description and url")
    if utf8_len(title) > TEXTCARD_TITLE_MAX_BYTES:
        raise WeComError(TITLE_TOO_LONG)
    if utf8_len(description) > TEXTCARD_DESCRIPTION_MAX_BYTES:
        raise WeComError(DESCRIPTION_TOO_LONG)


def _check_inline_image(section: JsonDict) -> None:
    """A robot image: base64 of at most 2 MB of image data, and the md5 of that data."""
    try:
        data = base64.b64decode(_text_field(section, "base64"), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise WeComError(INVALID_PARAMETER, "invalid base64") from exc
    if not data:
        raise WeComError(EMPTY_MEDIA)
    if len(data) > ROBOT_IMAGE_MAX_BYTES:
        raise WeComError(INVALID_PARAMETER, "image exceed max size")
    if hashlib.md5(data).hexdigest() != _text_field(section, "md5").lower():
        raise WeComError(INVALID_PARAMETER, "invalid image md5")


def _check_news(section: JsonDict) -> None:
    articles = section.get("articles")
    if not isinstance(articles, list) or not 1 <= len(articles) <= NEWS_MAX_ARTICLES:
        raise WeComError(INVALID_PARAMETER, f"news needs 1 to {NEWS_MAX_ARTICLES} articles")
    for article in articles:
        if not isinstance(article, dict) or not _text_field(article, "title") or not _text_field(article, "url"):
            raise WeComError(INVALID_PARAMETER, "every article needs a title and a url")


# --- the server ----------------------------------------------------------------------------------------------


class FakeWeCom(LoopbackServer):
    """A local WeCom + WeChat Official Account API server for tests: records calls, answers like Tencent.

    `corp_id`/`secret` are what ``gettoken`` accepts, `app_id`/`app_secret` what ``token`` accepts;
    `agent_id`, when set, is the only agentid ``message/send`` accepts; `robot_keys`, when set, are the
    only robot keys (else any non-empty key is a robot). `clock` (default `time.monotonic`) times token
    expiry, the robot window and `Call.at`.

    `start()` (or ``async with``) returns the server root, for WECOM_API_BASE and WECHAT_API_BASE; `stop()`
    ends injected delays at once.
    """

    def __init__(self, *, corp_id: str = "wwcorp", secret: str = "s3cret", agent_id: int | str | None = None,
                 app_id: str = "wxapp", app_secret: str = "wxs3cret", robot_keys: Collection[str] | None = None,
                 robot_limit: int = 20, robot_window: float = 60.0, token_ttl: float = TOKEN_TTL,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.corp_id = corp_id
        self.secret = secret
        self.agent_id = agent_id
        self.app_id = app_id
        self.app_secret = app_secret
        self.robot_keys = frozenset(robot_keys) if robot_keys is not None else None
        self.robot_limit = robot_limit
        self.robot_window = robot_window
        self.token_ttl = token_ttl
        self._clock = clock
        self.media: dict[str, bytes] = {}  # media_id -> content, for media/get and media checks
        self.chats: dict[str, JsonDict] = {}  # chatid -> {"chatid", "name", "owner", "userlist"}
        self.invalid_users: set[str] = set()  # userids message/send reports as invaliduser
        self._apis: dict[str, _Api] = {
            "gettoken": _Api(self._get_token, "GET", ""),
            "token": _Api(self._get_wechat_token, "GET", ""),
            "message/send": _Api(self._message_send, "POST", "wecom"),
            "appchat/create": _Api(self._appchat_create, "POST", "wecom"),
            "appchat/send": _Api(self._appchat_send, "POST", "wecom"),
            "media/upload": _Api(self._media_upload, "POST", "any"),
            "media/get": _Api(self._media_get, "GET", "any"),
            "webhook/send": _Api(self._webhook_send, "POST", "robot"),
            "webhook/upload_media": _Api(self._webhook_upload, "POST", "robot"),
            "message/custom/send": _Api(self._custom_send, "POST", "wechat"),
            "auth/getuserinfo": _Api(self._auth_getuserinfo, "GET", "wecom"),
        }
        self.reset()

    def reset(self) -> None:
        """Back to the state of a new instance: calls, tokens (all become invalid), messages, chats, media,
        invalid users, robot windows, OAuth codes and pending failures."""
        self.calls: list[Call] = []
        self.tokens_issued = 0
        self.freq_limited = 0  # 45009 answers from the robot limit (not injected ones)
        self.media.clear()
        self.chats.clear()
        self.invalid_users.clear()
        self._tokens: dict[str, _Token] = {}
        self._media_info: dict[str, tuple[str, str]] = {}  # media_id -> (filename, content type)
        self._user_messages: defaultdict[str, list[JsonDict]] = defaultdict(list)
        self._chat_messages: defaultdict[str, list[JsonDict]] = defaultdict(list)
        self._robot_messages: defaultdict[str, list[JsonDict]] = defaultdict(list)
        self._robot_times: defaultdict[str, deque[float]] = defaultdict(deque)
        self._failures: defaultdict[str, deque[_Failure]] = defaultdict(deque)
        self._codes: dict[str, tuple[JsonDict, float]] = {}  # OAuth code -> (who, expires at)
        self._ids = itertools.count(1)

    # -- test API --

    def calls_to(self, path: str) -> list[Call]:
        """Successful (errcode 0) calls of a route, in arrival order; `path` as in `api_name`."""
        name = api_name(path)
        return [call for call in self.calls if api_name(call.path) == name and call.errcode == 0]

    def messages_to(self, user_id: str) -> list[JsonDict]:
        """Bodies of accepted message/send (per touser entry, ``@all`` as is) and message/custom/send to a
        user, in order."""
        return copy.deepcopy(self._user_messages.get(user_id, []))

    def chat_messages(self, chatid: str) -> list[JsonDict]:
        """Bodies of accepted appchat/send to a chat, in order."""
        return copy.deepcopy(self._chat_messages.get(chatid, []))

    def robot_messages(self, key: str) -> list[JsonDict]:
        """Bodies of accepted webhook/send with a robot key, in order."""
        return copy.deepcopy(self._robot_messages.get(key, []))

    def fail_next(self, path: str, *, errcode: int | None = None, http_status: int | None = None, times: int = 1,
                  delay: float = 0.0) -> None:
        """Make the next `times` calls of a route wait `delay` seconds, then fail.

        `errcode` answers Tencent JSON with that errcode (HTTP 200, or `http_status` if given), e.g. 45009,
        42001 or -1 "system busy"; the call has no other effect (an injected 42001 does not expire the
        token). `http_status` alone answers that status with the plain-text reason, as a gateway would.
        Neither: a slow success, handled normally after the delay.
        """
        self._failures[api_name(path)].append(_Failure(errcode, http_status, times, delay))

    def issue_token(self, kind: str = "wecom") -> str:
        """A new valid access token for "wecom" or "wechat", as gettoken / token would issue."""
        if kind not in ("wecom", "wechat"):
            raise ValueError(f"unknown token kind {kind!r}")
        token = secrets.token_urlsafe(48)
        self._tokens[token] = _Token(kind, self._clock() + self.token_ttl)
        self.tokens_issued += 1
        return token

    def issue_code(self, userid: str | None = None, *, openid: str | None = None) -> str:
        """A one-time OAuth code, as WeCom appends to the redirect_uri after 网页授权: for a member's `userid`, or
        for a non-member (`openid`). ``auth/getuserinfo`` takes it once, within CODE_TTL seconds by `clock`."""
        if (userid is None) == (openid is None):
            raise ValueError("a code is for a userid or for an openid")
        who: JsonDict = {"userid": userid} if userid is not None else {"openid": openid}
        code = secrets.token_urlsafe(32)
        self._codes[code] = (who, self._clock() + CODE_TTL)
        return code

    def expire_tokens(self) -> None:
        """Make every token issued so far expired (42001); tokens issued later are valid."""
        for token in self._tokens.values():
            token.expires_at = float("-inf")

    def revoke_tokens(self) -> None:
        """Forget every token issued so far: they become invalid (40014)."""
        self._tokens.clear()

    # -- HTTP layer --

    def _app(self) -> Starlette:
        return Starlette(routes=[Route("/cgi-bin/{name:path}", self._endpoint, methods=["GET", "POST"])])

    async def _endpoint(self, request: Request) -> Response:
        name = api_name(request.path_params["name"])
        body, unreadable = await _read_body(request)
        call = Call(path=request.url.path, params=dict(request.query_params), body=body, at=self._clock())
        self.calls.append(call)
        api = self._apis.get(name)
        if api is None:
            return self._respond(call, PlainTextResponse("Not Found", status_code=404))
        try:
            failure = await self._take_injected(self._failures.get(name))
            if failure is not None and (failure.errcode is not None or failure.http_status not in (None, 200)):
                return self._failure_answer(call, failure)
            if request.method != api.http_method:
                raise WeComError(REQUIRE_GET if api.http_method == "GET" else REQUIRE_POST)
            if unreadable is not None:
                raise unreadable
            result = await api.handler(call, self._authorize(api.auth, call.params))
        except WeComError as exc:
            return self._json(call, exc.body())
        except Exception as exc:  # a bug in the fake: answer it visibly rather than hang the client
            return self._respond(call, PlainTextResponse(f"FakeWeCom error: {exc!r}", status_code=500))
        if isinstance(result, Response):
            call.errcode = 0
            return self._respond(call, result)
        return self._json(call, {"errcode": 0, "errmsg": "ok", **result})

    def _json(self, call: Call, body: JsonDict, status: int = 200) -> Response:
        call.errcode = body["errcode"]
        return self._respond(call, JSONResponse(body, status_code=status))

    @staticmethod
    def _respond(call: Call, response: Response) -> Response:
        call.status = response.status_code
        return response

    def _failure_answer(self, call: Call, failure: _Failure) -> Response:
        status = failure.http_status or 200
        if failure.errcode is not None:
            return self._json(call, WeComError(failure.errcode).body(), status)
        return self._respond(call, PlainTextResponse(_reason(status), status_code=status))

    def _authorize(self, auth: str, params: dict[str, str]) -> str:
        """The credential kind of a call ("wecom", "wechat", "robot", "" for none), or the error to answer."""
        if auth == "":
            return ""
        if auth == "robot":
            key = params.get("key", "")
            if not key or (self.robot_keys is not None and key not in self.robot_keys):
                raise WeComError(INVALID_WEBHOOK_URL)
            return "robot"
        token = params.get("access_token", "")
        if not token:
            raise WeComError(TOKEN_MISSING)
        issued = self._tokens.get(token)
        if issued is None or (auth != "any" and issued.kind != auth):
            raise WeComError(INVALID_TOKEN)
        if self._clock() >= issued.expires_at:
            raise WeComError(TOKEN_EXPIRED)
        return issued.kind

    # -- tokens --

    def _token_answer(self, kind: str) -> JsonDict:
        return {"access_token": self.issue_token(kind), "expires_in": int(self.token_ttl)}

    async def _get_token(self, call: Call, kind: str) -> JsonDict:
        corpid, secret = call.params.get("corpid", ""), call.params.get("corpsecret", "")
        if not corpid:
            raise WeComError(CORPID_MISSING)
        if corpid != self.corp_id:
            raise WeComError(INVALID_CORPID)
        if not secret:
            raise WeComError(SECRET_MISSING)
        if secret != self.secret:
            raise WeComError(INVALID_CREDENTIAL)
        return self._token_answer("wecom")

    async def _get_wechat_token(self, call: Call, kind: str) -> JsonDict:
        if call.params.get("grant_type") != "client_credential":
            raise WeComError(INVALID_GRANT_TYPE)
        appid, secret = call.params.get("appid", ""), call.params.get("secret", "")
        if not appid:
            raise WeComError(CORPID_MISSING, "appid missing")
        if appid != self.app_id:
            raise WeComError(INVALID_CORPID, "invalid appid")
        if not secret:
            raise WeComError(SECRET_MISSING, "appsecret missing")
        if secret != self.app_secret:
            raise WeComError(INVALID_CREDENTIAL)
        return self._token_answer("wechat")

    # -- web OAuth --

    async def _auth_getuserinfo(self, call: Call, kind: str) -> JsonDict:
        code = call.params.get("code", "")
        if not code:
            raise WeComError(OAUTH_CODE_MISSING)
        issued = self._codes.pop(code, None)  # spent even when late, as a code is good once
        if issued is None or self._clock() >= issued[1]:
            raise WeComError(INVALID_CODE)
        return dict(issued[0])

    # -- messages --

    def _check_message(self, body: JsonDict, rules: _Rules) -> None:
        """Validate the msgtype and its content object against a route's rules."""
        msgtype = body.get("msgtype")
        if not isinstance(msgtype, str) or msgtype not in rules.msgtypes:
            raise WeComError(INVALID_MSGTYPE)
        section = body.get(msgtype, {})
        if not isinstance(section, dict):
            raise WeComError(INVALID_PARAMETER, f"{msgtype} must be an object")
        if msgtype == "text":
            _check_content(section, rules.text_max, rules.too_long)
        elif msgtype in ("markdown", "markdown_v2"):
            _check_content(section, MARKDOWN_MAX_BYTES, rules.too_long)
        elif msgtype == "textcard":
            _check_textcard(section)
        elif msgtype == "news":
            _check_news(section)
        elif msgtype == "image" and rules.inline_image:
            _check_inline_image(section)
        elif msgtype in ("image", "voice", "video", "file"):
            self._check_media_id(section.get("media_id"))

    def _check_media_id(self, media_id: Any) -> str:
        if not media_id:
            raise WeComError(MEDIA_ID_MISSING)
        if not isinstance(media_id, str) or media_id not in self.media:
            raise WeComError(INVALID_MEDIA_ID)
        return media_id

    def _check_agent(self, body: JsonDict) -> None:
        agentid = body.get("agentid")
        if agentid in (None, ""):
            raise WeComError(AGENTID_MISSING)
        if self.agent_id is not None and str(agentid) != str(self.agent_id):
            raise WeComError(INVALID_AGENTID)

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids)}"

    async def _message_send(self, call: Call, kind: str) -> JsonDict:
        body = _json_object(call)
        users = [user for user in str(body.get("touser") or "").split("|") if user]
        if not (users or body.get("toparty") or body.get("totag")):
            raise WeComError(INVALID_PARAMETER, "touser, toparty and totag are all empty")
        self._check_agent(body)
        self._check_message(body, APP_RULES)
        invalid = [user for user in users if user in self.invalid_users]
        delivered = [user for user in users if user not in self.invalid_users]
        if invalid and not delivered and not (body.get("toparty") or body.get("totag")):
            raise WeComError(ALL_RECIPIENTS_INVALID)
        for user in delivered:
            self._user_messages[user].append(copy.deepcopy(body))
        return {"invaliduser": "|".join(invalid), "invalidparty": "", "invalidtag": "", "unlicenseduser": "",
                "msgid": self._new_id("fake-msg-")}

    async def _custom_send(self, call: Call, kind: str) -> JsonDict:
        body = _json_object(call)
        touser = body.get("touser")
        if not isinstance(touser, str) or not touser:
            raise WeComError(INVALID_OPENID)
        self._check_message(body, CUSTOM_RULES)
        self._user_messages[touser].append(copy.deepcopy(body))
        return {}

    async def _appchat_create(self, call: Call, kind: str) -> JsonDict:
        body = _json_object(call)
        userlist = body.get("userlist")
        if not isinstance(userlist, list) or len(userlist) < 2 or not all(isinstance(u, str) for u in userlist):
            raise WeComError(INVALID_PARAMETER, "userlist needs at least 2 userids")
        chatid = body.get("chatid") or self._new_id("fakechat")
        if not isinstance(chatid, str) or not _CHATID.fullmatch(chatid):
            raise WeComError(INVALID_PARAMETER, "invalid chatid")
        if chatid in self.chats:
            raise WeComError(CHATID_EXISTS)
        self.chats[chatid] = {"chatid": chatid, "name": str(body.get("name") or ""),
                              "owner": str(body.get("owner") or userlist[0]), "userlist": list(userlist)}
        return {"chatid": chatid}

    async def _appchat_send(self, call: Call, kind: str) -> JsonDict:
        body = _json_object(call)
        chatid = body.get("chatid")
        if not isinstance(chatid, str) or chatid not in self.chats:
            raise WeComError(CHAT_NOT_EXIST)
        self._check_message(body, APP_RULES)
        self._chat_messages[chatid].append(copy.deepcopy(body))
        return {}

    async def _webhook_send(self, call: Call, kind: str) -> JsonDict:
        key = call.params["key"]
        body = _json_object(call)
        now = self._clock()
        if _window_full(self._robot_times[key], now, self.robot_window, self.robot_limit):
            self.freq_limited += 1
            raise WeComError(FREQ_OUT_OF_LIMIT)
        self._check_message(body, ROBOT_RULES)
        self._robot_times[key].append(now)
        self._robot_messages[key].append(copy.deepcopy(body))
        return {}

    # -- media --

    def _store_upload(self, call: Call, allowed: Collection[str]) -> tuple[str, str]:
        """Store the "media" part of an upload; returns (type, media_id)."""
        media_type = call.params.get("type", "")
        if media_type not in allowed:
            raise WeComError(INVALID_TYPE)
        upload = call.body.get("media") if isinstance(call.body, dict) else None
        if not isinstance(upload, UploadedFile):
            raise WeComError(MEDIA_DATA_MISSING)
        if not upload.content:
            raise WeComError(EMPTY_MEDIA)
        if not MEDIA_MIN_BYTES <= len(upload.content) <= MEDIA_MAX_BYTES[media_type]:
            raise WeComError(INVALID_FILE_SIZE)
        media_id = self._new_id(f"fake-{media_type}-")
        self.media[media_id] = upload.content
        self._media_info[media_id] = (upload.filename, upload.content_type)
        return media_type, media_id

    @staticmethod
    def _upload_answer(media_type: str, media_id: str, kind: str) -> JsonDict:
        """WeCom gives created_at as a string of Unix seconds, the Official Account as a number."""
        created = int(time.time())
        return {"type": media_type, "media_id": media_id, "created_at": created if kind == "wechat" else str(created)}

    async def _media_upload(self, call: Call, kind: str) -> JsonDict:
        return self._upload_answer(*self._store_upload(call, MEDIA_MAX_BYTES), kind)

    async def _webhook_upload(self, call: Call, kind: str) -> JsonDict:
        return self._upload_answer(*self._store_upload(call, ROBOT_MEDIA_TYPES), kind)

    async def _media_get(self, call: Call, kind: str) -> Response:
        media_id = self._check_media_id(call.params.get("media_id"))
        filename, content_type = self._media_info.get(media_id, (media_id, "application/octet-stream"))
        return Response(self.media[media_id], media_type=content_type,
                        headers={"Content-Disposition": _attachment(filename)})


__all__ = ["ERRMSG", "Call", "FakeWeCom", "UploadedFile", "WeComError", "api_name", "utf8_len"]
