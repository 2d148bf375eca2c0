"""Sending through WeCom (app messages, app group chats, group robots) and WeChat Official Accounts."""
from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bot.pacing import Limits
from bot.transport import SendError, split_lines
from bot.wecom.tokens import TOKEN_ERRORS, AccessTokens

log = logging.getLogger(__name__)

MAX_TEXT_BYTES = 2048
MAX_MARKDOWN_BYTES = 4096
ROBOT_LIMITS = Limits(group_limit=20, group_window=60.0)  # a group robot takes 20 messages a minute
FREQ_ERRORS = (45009, 45033, 45047)  # frequency limits: try again later
BUSY = -1
CHAT_EXISTS = 86215


def fits(limit: int) -> Callable[[str], bool]:
    """A test that a text is within `limit` UTF-8 bytes."""
    return lambda text: len(text.encode()) <= limit


def numbered(buttons: list[list[dict[str, str]]]) -> str:
    """Buttons as the words to reply, for platforms without buttons: "回复 1 确认，2 修改"."""
    if len(buttons) == 1 and len(buttons[0]) > 1:
        return "回复 " + "，".join(f"{i} {b['label']}" for i, b in enumerate(buttons[0], 1))
    return ""  # one choice per row: the labels carry their numbers already


class TencentApi:
    """POST a JSON body to {base}/cgi-bin/{path}, with the access token, refetched once if rejected."""

    def __init__(self, http: httpx.AsyncClient, base: str, tokens: AccessTokens) -> None:
        self.http = http
        self.base = base.rstrip("/")
        self.tokens = tokens

    async def post(self, path: str, body: dict[str, Any] | None = None, *, token: bool = True,
                   params: dict[str, str] | None = None, upload: tuple[str, bytes] | None = None) -> dict[str, Any]:
        """The JSON answer of a successful call (a JSON body, or a file `upload` as (name, bytes)); SendError
        otherwise."""
        stale = await self.tokens.get() if token else ""
        for attempt in (1, 2):
            query = {**(params or {}), **({"access_token": stale} if token else {})}
            data = await self._call(path, body, query, upload)
            code = data.get("errcode", 0)
            if code == 0:
                return data
            if token and code in TOKEN_ERRORS and attempt == 1:
                stale = await self.tokens.refresh(stale)
                continue
            raise _as_send_error(code, data.get("errmsg", ""))
        raise AssertionError("unreachable")

    async def _call(self, path: str, body: dict[str, Any] | None, query: dict[str, str],
                    upload: tuple[str, bytes] | None) -> dict[str, Any]:
        url = f"{self.base}/cgi-bin/{path}"
        try:
            if upload is not None:
                response = await self.http.post(url, params=query, files={"media": upload})
            else:
                response = await self.http.post(url, params=query, json=body)
        except httpx.HTTPError as exc:  # after a read or write timeout the request may have arrived all the same
            raise SendError(f"network: {type(exc).__name__}",
                            possibly_sent=isinstance(exc, httpx.ReadTimeout | httpx.WriteTimeout)) from exc
        if response.status_code >= 500:
            raise SendError(f"http {response.status_code}")
        try:
            return response.json()
        except ValueError as exc:
            raise SendError(f"http {response.status_code}: not JSON") from exc


def _as_send_error(code: int, message: str) -> SendError:
    if code in FREQ_ERRORS:
        return SendError(f"{code} {message}", retry_after=60.0)
    if code == BUSY:
        return SendError(f"{code} {message}")
    return SendError(f"{code} {message}", permanent=True)  # no such user, no permission, bad content


class WeComTransport:
    """Chat ids: a userid (app message to that person), appchat:<chatid>, robot:<webhook key>."""

    platform = "wecom"
    limits = ROBOT_LIMITS

    def __init__(self, api: TencentApi, agent_id: str) -> None:
        self.api = api
        self.agent_id = agent_id

    def is_group(self, chat_id: str) -> bool:
        """App group chats and robots are groups; a robot's 20 a minute is paced as a group's."""
        return chat_id.startswith(("appchat:", "robot:"))

    def direct_chat(self, platform_user_id: str) -> str:
        """An app message goes to a userid."""
        return platform_user_id

    def split(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        """Text within 2,048 bytes a part, cut at line boundaries; a card (a text with buttons, or one marked as
        a card) as markdown within 4,096 bytes, its title in bold and any reply hint last; then one part per kept
        file."""
        text, buttons = payload.get("text", ""), payload.get("buttons") or []
        card = bool(buttons) or bool(payload.get("card"))
        if card:
            title, _, rest = text.partition("\n")
            hint = numbered(buttons)
            text = f"**{title}**\n{rest}" + (f"\n<font color=\"warning\">{hint}</font>" if hint else "")
        kind = "markdown" if card else "text"
        pieces = split_lines(text, fits(MAX_MARKDOWN_BYTES if card else MAX_TEXT_BYTES))
        parts: list[dict[str, Any]] = [{"text": piece, "format": kind} for piece in pieces if piece.strip()]
        # Only a file kept on disk can be uploaded; another platform's file id means nothing here.
        return parts + [{"attachment": a} for a in payload.get("attachments") or [] if a.get("stored_path")]

    async def send(self, chat_id: str, payload: dict[str, Any]) -> str | None:
        """Send one part to a person, an app group chat or a robot."""
        if "attachment" in payload:
            return await self._send_file(chat_id, payload["attachment"])
        kind = payload.get("format", "text")
        content = {"msgtype": kind, kind: {"content": payload["text"]}}
        return await self._deliver(chat_id, content)

    async def _deliver(self, chat_id: str, content: dict[str, Any]) -> str | None:
        if chat_id.startswith("robot:"):
            await self.api.post("webhook/send", content, token=False, params={"key": chat_id[len("robot:"):]})
            return None
        if chat_id.startswith("appchat:"):
            await self.api.post("appchat/send", {"chatid": chat_id[len("appchat:"):], **content})
            return None
        data = await self.api.post("message/send", {"touser": chat_id, "agentid": self.agent_id, **content})
        return str(data.get("msgid") or "") or None

    async def _send_file(self, chat_id: str, attachment: dict[str, Any]) -> str | None:
        path = Path(attachment["stored_path"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SendError(f"file {path.name}: {exc.strerror}", permanent=True) from exc
        kind = "image" if attachment.get("kind") == "photo" else "file"
        name = attachment.get("name") or path.name
        if chat_id.startswith("robot:"):
            key = chat_id[len("robot:"):]
            if kind == "image":  # robots take images inline
                content = {"base64": base64.b64encode(data).decode(), "md5": hashlib.md5(data).hexdigest()}
                return await self._deliver(chat_id, {"msgtype": "image", "image": content})
            uploaded = await self.api.post("webhook/upload_media", token=False, params={"key": key, "type": "file"},
                                           upload=(name, data))
        else:
            uploaded = await self.api.post("media/upload", params={"type": kind}, upload=(name, data))
        return await self._deliver(chat_id, {"msgtype": kind, kind: {"media_id": uploaded["media_id"]}})

    async def create_group(self, chat_id: str, name: str, owner: str, members: list[str]) -> str:
        """Create an app group chat (appchat/create; chat_id is 1-32 letters or digits) and return its chat
        id for this transport. A chat that exists already (a retried create) counts as created."""
        try:
            data = await self.api.post("appchat/create", {"name": name, "owner": owner, "userlist": members,
                                                          "chatid": chat_id})
        except SendError as exc:
            if not str(exc).startswith(f"{CHAT_EXISTS} "):
                raise
            data = {"chatid": chat_id}
        return f"appchat:{data.get('chatid', chat_id)}"


class WeChatTransport:
    """WeChat Official Account: customer-service messages to a follower's openid."""

    platform = "wechat"
    limits = None

    def __init__(self, api: TencentApi) -> None:
        self.api = api

    def is_group(self, chat_id: str) -> bool:
        """An Official Account has no groups."""
        return False

    def direct_chat(self, platform_user_id: str) -> str:
        """Messages go to an openid."""
        return platform_user_id

    def split(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        """Text within 2,048 bytes a part, the reply hint last."""
        hint = numbered(payload.get("buttons") or [])
        text = f"{payload.get('text', '')}\n{hint}" if hint else payload.get("text", "")
        return [{"text": piece} for piece in split_lines(text, fits(MAX_TEXT_BYTES)) if piece.strip()]

    async def send(self, chat_id: str, payload: dict[str, Any]) -> str | None:
        """Send one part."""
        await self.api.post("message/custom/send", {"touser": chat_id, "msgtype": "text",
                                                    "text": {"content": payload["text"]}})
        return None
