"""A fake Telegram Bot API server, for tests and benchmarks only.

`FakeTelegram` is a real HTTP server (Starlette app under uvicorn, in the caller's event loop, bound to
127.0.0.1) that answers the subset of the Bot API the yuebao Telegram adapter uses, in the shapes
python-telegram-bot parses: getMe, setWebhook, deleteWebhook, getWebhookInfo, getUpdates (long polling),
sendMessage, editMessageText, editMessageReplyMarkup, answerCallbackQuery, sendPhoto, sendDocument,
getFile (+ the file download route), deleteMessage and sendChatAction.

It records every call, enforces Telegram's flood limits by answering 429 with `retry_after`, and can be
told to fail or stall the next calls of a method. It keeps no state between instances and never talks
to the network beyond its own loopback socket. Do not use it outside tests.

Routes: ``POST|GET /bot{token}/{method}`` and ``GET /file/bot{token}/{file_path}``. Parameters are read
from the query string and from JSON, urlencoded or multipart bodies; form values (which
python-telegram-bot sends JSON-encoded, except plain strings) are JSON-decoded unless the parameter is
a free-text one such as ``text`` or ``caption``; a numeric ``chat_id`` is recorded as an int.
"""
from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import hashlib
import itertools
import json
import math
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.loopback import LoopbackServer, UploadedFile, header_params, parse_multipart

JsonDict = dict[str, Any]
ChatKey = int | str
Handler = Callable[[str, JsonDict], Awaitable[Any]]

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024
SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
PER_CHAT_ONLY_METHODS = frozenset({"editMessageText"})
CHAT_ACTIONS = frozenset({
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
})
# Update types getUpdates delivers when the bot never said which it wants (Bot API default).
DEFAULT_ALLOWED_UPDATES_EXCLUDE = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
# Parameters that are free text: never JSON-decoded when they arrive as form values.
_STRING_PARAMS = frozenset({
    "text", "caption", "parse_mode", "callback_query_id", "file_id", "url", "secret_token", "ip_address",
    "action", "photo", "document", "inline_message_id", "business_connection_id", "message_effect_id",
    "title", "description", "name", "short_name", "query", "emoji", "question", "address",
})
# Parameters that hold JSON even inside a JSON body, when a client encodes them as strings.
_JSON_PARAMS = frozenset({
    "reply_markup", "entities", "caption_entities", "allowed_updates", "reply_parameters", "link_preview_options",
})
_TELEGRAM_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
}
_HTML_TAGS = frozenset({
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
    "blockquote", "tg-emoji",
})


@dataclass
class Call:
    """One request the fake received (status is filled in once it has been answered)."""

    method: str
    token: str
    params: dict[str, Any]
    at: float
    status: int = 0


@dataclass
class _Failure:
    status: int
    times: int
    delay: float


class ApiError(Exception):
    """An error answer: HTTP status, Telegram description and, for 429, the retry delay."""

    def __init__(self, status: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def body(self) -> JsonDict:
        """The JSON error body Telegram sends."""
        out: JsonDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            out["parameters"] = {"retry_after": self.retry_after}
        return out


def bad_request(detail: str) -> ApiError:
    """A 400 answer with Telegram's "Bad Request: ..." description."""
    return ApiError(400, f"Bad Request: {detail}")


def too_many_requests(retry_after: int) -> ApiError:
    """A 429 answer."""
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


# --- flood control -------------------------------------------------------------------------------------------


def _window_wait(times: deque[float], now: float, window: float, limit: int) -> float:
    """Seconds until a sliding window holding `times` has room for one more (0.0 if it has room now)."""
    while times and times[0] <= now - window:
        times.popleft()
    if len(times) < limit:
        return 0.0
    return times[len(times) - limit] + window - now


class FloodControl:
    """Telegram's documented send limits: per chat, per group chat and overall."""

    def __init__(self, *, chat_interval: float, group_window: float, group_limit: int, global_window: float,
                 global_limit: int) -> None:
        self.chat_interval = chat_interval
        self.group_window = group_window
        self.group_limit = group_limit
        self.global_window = global_window
        self.global_limit = global_limit
        self._last: dict[ChatKey, float] = {}
        self._groups: defaultdict[ChatKey, deque[float]] = defaultdict(deque)
        self._global: deque[float] = deque()

    def wait(self, chat: ChatKey, now: float, *, per_chat_only: bool) -> float:
        """Seconds until a send to `chat` would be accepted; 0.0 or less means now."""
        waits = [0.0]
        last = self._last.get(chat)
        if last is not None:
            waits.append(last + self.chat_interval - now)
        if not per_chat_only:
            if _is_group(chat):
                waits.append(_window_wait(self._groups[chat], now, self.group_window, self.group_limit))
            waits.append(_window_wait(self._global, now, self.global_window, self.global_limit))
        return max(waits)

    def accept(self, chat: ChatKey, now: float, *, per_chat_only: bool) -> None:
        """Count an accepted send."""
        self._last[chat] = now
        if not per_chat_only:
            if _is_group(chat):
                self._groups[chat].append(now)
            self._global.append(now)


# --- request decoding ----------------------------------------------------------------------------------------


def _normalized(params: JsonDict) -> JsonDict:
    """Parameters with a numeric chat_id as an int, however the client encoded it."""
    if "chat_id" in params:
        params["chat_id"] = chat_key(params["chat_id"])
    return params


def _decode_form_value(name: str, value: Any) -> Any:
    """A form value as Telegram reads it: JSON-decoded, except free-text parameters and non-JSON strings."""
    if not isinstance(value, str) or name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _decode_json_value(name: str, value: Any) -> Any:
    """A JSON body value; object-valued parameters may still arrive JSON-encoded as strings."""
    if name in _JSON_PARAMS and isinstance(value, str):
        with contextlib.suppress(ValueError):
            return json.loads(value)
    return value


async def read_params(request: Request) -> JsonDict:
    """All parameters of a Bot API request, from the query string and a JSON, urlencoded or multipart body."""
    params: JsonDict = {key: _decode_form_value(key, val) for key, val in request.query_params.items()}
    body = await request.body()
    if not body:
        return _normalized(params)
    media_type, options = header_params(request.headers.get("content-type", ""))
    if media_type == "application/json":
        data = json.loads(body)
        if not isinstance(data, dict):
            raise bad_request("request body must be a JSON object")
        params.update({key: _decode_json_value(key, val) for key, val in data.items()})
    elif media_type == "multipart/form-data":
        fields = parse_multipart(body, options.get("boundary", ""))
        params.update({key: _decode_form_value(key, val) for key, val in fields.items()})
    else:
        pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        params.update({key: _decode_form_value(key, val) for key, val in pairs})
    return _normalized(params)


# --- small helpers -------------------------------------------------------------------------------------------


def _is_group(chat: ChatKey) -> bool:
    return isinstance(chat, int) and chat < 0


def chat_key(chat_id: Any) -> ChatKey:
    """A chat id as the fake stores it: an int when it looks like one, else the string."""
    if isinstance(chat_id, bool):
        return str(chat_id)
    if isinstance(chat_id, int):
        return chat_id
    text = str(chat_id).strip()
    try:
        return int(text)
    except ValueError:
        return text


def file_unique_id(file_id: str) -> str:
    """A stable file_unique_id for a file_id."""
    return "U" + hashlib.sha1(file_id.encode()).hexdigest()[:15]


def _injected_description(status: int) -> str:
    """The description Telegram gives with an error status (the common cause, for 4xx)."""
    if status in _TELEGRAM_DESCRIPTIONS:
        return _TELEGRAM_DESCRIPTIONS[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _bot_id(token: str) -> int:
    """The bot id a token names (the part before the colon), as the real API derives it."""
    head = token.split(":", 1)[0]
    return int(head) if head.isdigit() else 1


def _inline_markup(markup: Any) -> JsonDict | None:
    """The reply_markup a returned Message carries: only non-empty inline keyboards are echoed."""
    if isinstance(markup, dict) and markup.get("inline_keyboard"):
        return markup
    return None


class _TelegramHtml(HTMLParser):
    """Telegram's HTML parse mode: plain text out, 400 on tags Telegram rejects."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self._source = source
        self._open: list[str] = []
        self._text: list[str] = []

    def plain_text(self) -> str:
        self.feed(self._source)
        self.close()
        if self._open:
            raise self._error(f'Can\'t find end tag corresponding to start tag "{self._open[-1]}"')
        return "".join(self._text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS:
            raise self._error(f'Unsupported start tag "{tag}" at byte offset {self._byte_offset()}')
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1] != tag:
            expected = f'"</{self._open[-1]}>"' if self._open else "no end tag"
            raise self._error(f'Unmatched end tag at byte offset {self._byte_offset()}, expected {expected}, '
                              f'found "</{tag}>"')
        self._open.pop()

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def _byte_offset(self) -> int:
        line, column = self.getpos()
        before = "\n".join(self._source.split("\n")[: line - 1])
        prefix = before + ("\n" if line > 1 else "") + self._source.split("\n")[line - 1][:column]
        return len(prefix.encode())

    @staticmethod
    def _error(detail: str) -> ApiError:
        return bad_request(f"can't parse entities: {detail}")


def rendered_text(text: str, parse_mode: Any) -> str:
    """The text Telegram shows: HTML tags stripped and validated; other parse modes are echoed verbatim."""
    if isinstance(parse_mode, str) and parse_mode.upper() == "HTML":
        return _TelegramHtml(text).plain_text()
    return text


# --- the server ----------------------------------------------------------------------------------------------


class FakeTelegram(LoopbackServer):
    """A local Telegram Bot API server for tests: records calls, answers like Telegram, enforces flood limits.

    Defaults are Telegram's limits: one message per second per chat, 20 per minute per group, 30 per second
    overall. `clock` (default `time.monotonic`) times both the limits and `Call.at`.

    `start()` (or ``async with``) returns the server root, for TELEGRAM_API_BASE; `stop()` ends pending long
    polls and injected delays at once. Uploads arrive in `Call.params` as `UploadedFile`.
    """

    def __init__(self, *, enforce_limits: bool = True, bot_username: str = "yuebao_test_bot",
                 chat_interval: float = 1.0, group_window: float = 60.0, group_limit: int = 20,
                 global_window: float = 1.0, global_limit: int = 30, long_poll_cap: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.enforce_limits = enforce_limits
        self.bot_username = bot_username
        self.long_poll_cap = long_poll_cap
        self._new_flood_control = functools.partial(
            FloodControl, chat_interval=chat_interval, group_window=group_window, group_limit=group_limit,
            global_window=global_window, global_limit=global_limit)
        self._clock = clock
        self.files: dict[str, bytes] = {}  # file_id -> content, for getFile and downloads
        self._handlers: dict[str, Handler] = {
            "getMe": self._get_me, "setWebhook": self._set_webhook, "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info, "getUpdates": self._get_updates,
            "sendMessage": self._send_message, "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query, "sendPhoto": self._send_photo,
            "sendDocument": self._send_document, "getFile": self._get_file, "deleteMessage": self._delete_message,
            "sendChatAction": self._send_chat_action,
        }
        self._canonical = {name.lower(): name for name in self._handlers}
        self.reset()

    def reset(self) -> None:
        """Back to the state of a new instance (calls, messages, updates, webhook, failures, limits, files)."""
        self.files.clear()
        self.calls: list[Call] = []
        self.rejected_429 = 0
        self.webhook: JsonDict | None = None
        self.flood = self._new_flood_control()
        self._failures: dict[str, deque[_Failure]] = defaultdict(deque)
        self._updates: list[JsonDict] = []
        self._last_update_id = 0
        self._allowed_updates: list[str] | None = None
        self._arrived = asyncio.Event()
        self._chats: dict[ChatKey, JsonDict] = {}
        self._sent: defaultdict[ChatKey, list[JsonDict]] = defaultdict(list)
        self._current: defaultdict[ChatKey, dict[int, JsonDict]] = defaultdict(dict)
        self._own: set[tuple[ChatKey, int]] = set()
        self._next_id: defaultdict[ChatKey, int] = defaultdict(lambda: 1)
        self._file_paths: dict[str, str] = {}
        self._upload_ids = itertools.count(1)

    # -- test API --

    def calls_to(self, method: str) -> list[Call]:
        """Successful (200) calls of `method`, in arrival order."""
        name = self._canonical.get(method.lower(), method)
        return [call for call in self.calls if call.method == name and call.status == 200]

    def messages_in(self, chat_id: int | str) -> list[JsonDict]:
        """Messages the bot sent to a chat, as returned to it (edits and deletions do not change this list)."""
        return copy.deepcopy(self._sent.get(chat_key(chat_id), []))

    def message(self, chat_id: int | str, message_id: int) -> JsonDict | None:
        """A message as it stands now (after edits); None if unknown or deleted."""
        found = self._current.get(chat_key(chat_id), {}).get(message_id)
        return copy.deepcopy(found)

    def fail_next(self, method: str, *, status: int = 502, times: int = 1, delay: float = 0.0) -> None:
        """Make the next `times` calls of `method` wait `delay` seconds, then answer `status`.

        Any non-200 status answers a JSON error body (429 with retry_after 1; 403 "Forbidden: bot was
        blocked by the user"; 5xx the HTTP reason, e.g. "Bad Gateway"); status=200 with a delay
        handles the call normally after the delay (a slow success, e.g. to see a client time out on a
        message Telegram did send).
        """
        name = self._canonical.get(method.lower(), method)
        self._failures[name].append(_Failure(status, times, delay))

    def push_update(self, update: JsonDict) -> None:
        """Queue an update for getUpdates (call it from the event loop or before start).

        A missing update_id is assigned; messages in the update become known to the fake (for replies,
        deletion and the chat's message id sequence).
        """
        update = copy.deepcopy(update)
        if "update_id" not in update:
            update["update_id"] = self._last_update_id + 1
        self._last_update_id = max(self._last_update_id, update["update_id"])
        self._remember_incoming(update)
        self._updates.append(update)
        self._arrived.set()
        self._arrived = asyncio.Event()

    @property
    def pending_updates(self) -> list[JsonDict]:
        """Updates queued and not yet confirmed by a getUpdates offset."""
        return copy.deepcopy(self._updates)

    # -- HTTP layer --

    def _app(self) -> Starlette:
        return Starlette(routes=[
            Route("/file/bot{token}/{file_path:path}", self._download, methods=["GET"]),
            Route("/bot{token}/{method}", self._endpoint, methods=["GET", "POST"]),
        ])

    async def _endpoint(self, request: Request) -> Response:
        token = request.path_params["token"]
        method = request.path_params["method"]
        method = self._canonical.get(method.lower(), method)
        params: JsonDict = {}
        unreadable: ApiError | None = None
        try:
            params = await read_params(request)
        except ApiError as exc:
            unreadable = exc
        except ValueError as exc:
            unreadable = bad_request(f"can't parse request: {exc}")
        call = Call(method=method, token=token, params=params, at=self._clock())
        self.calls.append(call)
        try:
            if unreadable is not None:
                raise unreadable
            result = await self._answer(call)
        except ApiError as exc:
            return self._respond(call, exc.status, exc.body())
        except Exception as exc:  # a bug in the fake: answer it visibly rather than hang the client
            return self._respond(call, 500, ApiError(500, f"Internal Server Error: {exc!r}").body())
        return self._respond(call, 200, {"ok": True, "result": result})

    def _respond(self, call: Call, status: int, body: JsonDict) -> Response:
        call.status = status
        if status == 429:
            self.rejected_429 += 1
        return JSONResponse(body, status_code=status)

    async def _answer(self, call: Call) -> Any:
        """Injected failure, then flood control, then the method itself."""
        handler = self._handlers.get(call.method)
        if handler is None:
            raise ApiError(404, "Not Found")
        await self._injected_failure(call.method)
        limited = self.enforce_limits and (call.method in SEND_METHODS or call.method in PER_CHAT_ONLY_METHODS)
        chat = chat_key(call.params["chat_id"]) if limited and "chat_id" in call.params else None
        per_chat_only = call.method in PER_CHAT_ONLY_METHODS
        if chat is not None:
            wait = self.flood.wait(chat, self._clock(), per_chat_only=per_chat_only)
            if wait > 0:
                raise too_many_requests(max(1, math.ceil(wait)))
        result = await handler(call.token, call.params)
        if chat is not None:
            self.flood.accept(chat, self._clock(), per_chat_only=per_chat_only)
        return result

    async def _injected_failure(self, method: str) -> None:
        failure = await self._take_injected(self._failures.get(method))
        if failure is None or failure.status == 200:
            return
        if failure.status == 429:
            raise too_many_requests(1)
        raise ApiError(failure.status, _injected_description(failure.status))

    async def _download(self, request: Request) -> Response:
        file_id = self._file_paths.get(request.path_params["file_path"])
        if file_id is None or file_id not in self.files:
            return JSONResponse(ApiError(404, "Not Found").body(), status_code=404)
        return Response(self.files[file_id], media_type="application/octet-stream")

    # -- chats and messages --

    def _bot_user(self, token: str) -> JsonDict:
        return {"id": _bot_id(token), "is_bot": True, "first_name": "Yuebao (test)", "username": self.bot_username}

    def _chat(self, params: JsonDict) -> tuple[ChatKey, JsonDict]:
        """The chat a request names: as seen in a pushed update, else negative ids are supergroups and
        positive ones private chats."""
        if "chat_id" not in params or params["chat_id"] in ("", None):
            raise bad_request("chat_id is empty")
        key = chat_key(params["chat_id"])
        if not isinstance(key, int) or key == 0:
            raise bad_request("chat not found")
        if key in self._chats:
            return key, copy.deepcopy(self._chats[key])
        if key < 0:
            return key, {"id": key, "type": "supergroup", "title": f"group {key}"}
        return key, {"id": key, "type": "private", "first_name": f"user {key}"}

    def _new_message(self, token: str, params: JsonDict, content: JsonDict) -> JsonDict:
        """Store and return a message the bot sends, with the chat's next message id."""
        key, chat = self._chat(params)
        message_id = self._next_id[key]
        self._next_id[key] = message_id + 1
        message: JsonDict = {"message_id": message_id, "from": self._bot_user(token), "chat": chat,
                             "date": int(time.time())}
        reply_to = self._reply_target(key, params)
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update({name: val for name, val in content.items() if val is not None})
        markup = _inline_markup(params.get("reply_markup"))
        if markup is not None:
            message["reply_markup"] = markup
        self._current[key][message_id] = copy.deepcopy(message)
        self._own.add((key, message_id))
        self._sent[key].append(copy.deepcopy(message))
        return message

    def _reply_target(self, key: ChatKey, params: JsonDict) -> JsonDict | None:
        """The message replied to, if the fake knows it (unknown targets are tolerated: updates may have
        reached the bot by webhook, unseen by the fake)."""
        reply = params.get("reply_parameters")
        message_id = reply.get("message_id") if isinstance(reply, dict) else params.get("reply_to_message_id")
        target = self._current[key].get(int(message_id)) if message_id is not None else None
        if target is None:
            return None
        return {name: val for name, val in target.items() if name != "reply_to_message"}

    def _remember_incoming(self, update: JsonDict) -> None:
        """Make messages and chats of a pushed update known, keeping each chat's id sequence ahead of them."""
        for kind in ("message", "edited_message"):
            message = update.get(kind)
            if not isinstance(message, dict) or "chat" not in message or "message_id" not in message:
                continue
            key = chat_key(message["chat"]["id"])
            self._chats[key] = copy.deepcopy(message["chat"])
            self._current[key][message["message_id"]] = copy.deepcopy(message)
            self._next_id[key] = max(self._next_id[key], message["message_id"] + 1)

    def _existing(self, params: JsonDict, missing: str) -> tuple[ChatKey, JsonDict]:
        key, _ = self._chat(params)
        message_id = params.get("message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        message = self._current[key].get(int(message_id))
        if message is None:
            raise bad_request(missing)
        return key, message

    def _editable(self, params: JsonDict) -> tuple[ChatKey, JsonDict]:
        key, message = self._existing(params, "message to edit not found")
        if (key, message["message_id"]) not in self._own:
            raise bad_request("message can't be edited")
        return key, message

    def _store_edit(self, key: ChatKey, before: JsonDict, after: JsonDict) -> JsonDict:
        if after == before:
            raise bad_request("message is not modified: specified new message content and reply markup are "
                              "exactly the same as a content and reply markup of the current message")
        after["edit_date"] = int(time.time())
        self._current[key][after["message_id"]] = copy.deepcopy(after)
        return after

    # -- files --

    def _store_upload(self, upload: UploadedFile, kind: str) -> str:
        file_id = f"fake-{kind}-{next(self._upload_ids)}"
        self.files[file_id] = upload.content
        return file_id

    def _file_input(self, params: JsonDict, kind: str) -> tuple[str, UploadedFile | None]:
        """The file_id a send refers to, storing an upload (also via attach://name) under a new id."""
        value = params.get(kind)
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.get(value.removeprefix("attach://"))
        if isinstance(value, UploadedFile):
            return self._store_upload(value, kind), value
        if isinstance(value, str) and value:
            return value, None
        raise bad_request(f"there is no {kind} in the request")

    def _caption(self, params: JsonDict) -> str | None:
        caption = params.get("caption")
        if caption in (None, ""):
            return None
        text = rendered_text(str(caption), params.get("parse_mode"))
        if len(text) > MAX_CAPTION_LENGTH:
            raise bad_request("message caption is too long")
        return text

    # -- Bot API methods --

    async def _get_me(self, token: str, params: JsonDict) -> JsonDict:
        return {**self._bot_user(token), "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False, "can_connect_to_business": False, "has_main_web_app": False}

    async def _set_webhook(self, token: str, params: JsonDict) -> bool:
        url = params.get("url", "")
        if not url:
            self.webhook = None
            return True
        if not str(url).startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = {name: params.get(name) for name in (
            "url", "secret_token", "allowed_updates", "drop_pending_updates", "max_connections", "ip_address")}
        if params.get("allowed_updates") is not None:
            self._allowed_updates = list(params["allowed_updates"])
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _delete_webhook(self, token: str, params: JsonDict) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _get_webhook_info(self, token: str, params: JsonDict) -> JsonDict:
        info: JsonDict = {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._updates)}
        if self.webhook is not None:
            info["url"] = self.webhook["url"]
            for name in ("max_connections", "ip_address", "allowed_updates"):
                if self.webhook.get(name) is not None:
                    info[name] = self.webhook[name]
        return info

    async def _get_updates(self, token: str, params: JsonDict) -> list[JsonDict]:
        if self.webhook is not None:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        if params.get("allowed_updates") is not None:
            self._allowed_updates = list(params["allowed_updates"])
        self._confirm(int(params.get("offset") or 0))
        limit = max(1, min(100, int(params.get("limit") or 100)))
        updates = self._deliverable(limit)
        timeout = min(float(params.get("timeout") or 0), self.long_poll_cap)
        if not updates and timeout > 0:
            await self._sleep_unless_stopping(timeout, wake=self._arrived)
            updates = self._deliverable(limit)
        return updates

    def _confirm(self, offset: int) -> None:
        """Forget updates an offset confirms (a negative offset keeps only the last -offset updates)."""
        if offset < 0:
            del self._updates[:offset]
        elif offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]

    def _deliverable(self, limit: int) -> list[JsonDict]:
        def wanted(update: JsonDict) -> bool:
            kind = next((name for name in update if name != "update_id"), "")
            if self._allowed_updates:
                return kind in self._allowed_updates
            return kind not in DEFAULT_ALLOWED_UPDATES_EXCLUDE

        return copy.deepcopy([u for u in self._updates if wanted(u)][:limit])

    async def _send_message(self, token: str, params: JsonDict) -> JsonDict:
        text = rendered_text(str(params.get("text") or ""), params.get("parse_mode"))
        if not text.strip():
            raise bad_request("message text is empty")
        if len(text) > MAX_TEXT_LENGTH:
            raise bad_request("message is too long")
        return self._new_message(token, params, {"text": text})

    async def _edit_message_text(self, token: str, params: JsonDict) -> JsonDict | bool:
        if params.get("inline_message_id"):
            return True
        text = rendered_text(str(params.get("text") or ""), params.get("parse_mode"))
        if not text.strip():
            raise bad_request("message text is empty")
        if len(text) > MAX_TEXT_LENGTH:
            raise bad_request("message is too long")
        key, message = self._editable(params)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        after = {name: val for name, val in message.items() if name not in ("reply_markup", "edit_date")}
        after["text"] = text
        markup = _inline_markup(params.get("reply_markup"))
        if markup is not None:
            after["reply_markup"] = markup
        before = {name: val for name, val in message.items() if name != "edit_date"}
        return self._store_edit(key, before, after)

    async def _edit_message_reply_markup(self, token: str, params: JsonDict) -> JsonDict | bool:
        if params.get("inline_message_id"):
            return True
        key, message = self._editable(params)
        before = {name: val for name, val in message.items() if name != "edit_date"}
        after = {name: val for name, val in before.items() if name != "reply_markup"}
        markup = _inline_markup(params.get("reply_markup"))
        if markup is not None:
            after["reply_markup"] = markup
        return self._store_edit(key, before, after)

    async def _answer_callback_query(self, token: str, params: JsonDict) -> bool:
        if not params.get("callback_query_id"):
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        return True

    async def _send_photo(self, token: str, params: JsonDict) -> JsonDict:
        caption = self._caption(params)
        file_id, _ = self._file_input(params, "photo")
        size = len(self.files.get(file_id, b""))
        photo = [{"file_id": file_id, "file_unique_id": file_unique_id(file_id), "width": 1280, "height": 960,
                  "file_size": size}]
        return self._new_message(token, params, {"photo": photo, "caption": caption})

    async def _send_document(self, token: str, params: JsonDict) -> JsonDict:
        caption = self._caption(params)
        file_id, upload = self._file_input(params, "document")
        document: JsonDict = {"file_id": file_id, "file_unique_id": file_unique_id(file_id)}
        if upload is not None:
            document.update(file_name=upload.filename, mime_type=upload.content_type)
        if file_id in self.files:
            document["file_size"] = len(self.files[file_id])
        return self._new_message(token, params, {"document": document, "caption": caption})

    async def _get_file(self, token: str, params: JsonDict) -> JsonDict:
        file_id = str(params.get("file_id") or "")
        if file_id not in self.files:
            raise bad_request("invalid file_id")
        content = self.files[file_id]
        if len(content) > MAX_DOWNLOAD_SIZE:
            raise bad_request("file is too big")
        path = next((p for p, fid in self._file_paths.items() if fid == file_id), None)
        if path is None:
            path = f"documents/file_{len(self._file_paths)}"
            self._file_paths[path] = file_id
        return {"file_id": file_id, "file_unique_id": file_unique_id(file_id), "file_size": len(content),
                "file_path": path}

    async def _delete_message(self, token: str, params: JsonDict) -> bool:
        key, message = self._existing(params, "message to delete not found")
        del self._current[key][message["message_id"]]
        return True

    async def _send_chat_action(self, token: str, params: JsonDict) -> bool:
        self._chat(params)
        if params.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True


__all__ = ["ApiError", "Call", "FakeTelegram", "FloodControl", "UploadedFile", "chat_key", "file_unique_id",
           "read_params", "rendered_text"]
