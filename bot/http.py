"""The one ASGI app: platform webhooks and /healthz. Malformed bodies get 400, never 5xx.

A webhook stores the payload as received and answers; reading and handling it come after (the pipeline),
so nothing in a payload can turn the answer into an error that makes the platform deliver it forever.
"""
from __future__ import annotations

import asyncio
import hmac
import logging
import re

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from bot.app import App
from bot.telegram.payload import NotAnUpdate
from bot.web.app import build_console
from bot.web.routes import MOUNT
from bot.wecom.adapter import TencentCallbacks
from bot.wecom.crypto import BadPayload, BadSignature

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024  # Telegram updates are a few KB; anything near this is not one
BODY_TIMEOUT = 10.0  # seconds for a body to arrive once its headers have: a stalled client is let go
_LENGTH = re.compile(r"[0-9]{1,15}")  # ASCII digits: str.isdigit() takes "²", which int() refuses


class BadBody(Exception):
    """A body that is too large, too slow or cut off, with the status to answer."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


async def _body(request: Request) -> bytes:
    """The request body, at most MAX_BODY bytes and within BODY_TIMEOUT; BadBody otherwise."""
    declared = request.headers.get("content-length", "")
    if _LENGTH.fullmatch(declared) and int(declared) > MAX_BODY:
        raise BadBody(413, "too large")
    chunks, size = [], 0
    try:
        async with asyncio.timeout(BODY_TIMEOUT):
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BODY:
                    raise BadBody(413, "too large")
                chunks.append(chunk)
    except TimeoutError:
        raise BadBody(408, "body too slow") from None
    except ClientDisconnect:
        raise BadBody(400, "body cut off") from None
    return b"".join(chunks)


def telegram_webhook(app: App) -> Route:
    """POST /telegram/webhook: the secret header checked in constant time, the update stored before 200."""
    adapter = app.telegram
    assert adapter is not None
    secret = app.settings.telegram_webhook_secret.get_secret_value().encode()

    async def endpoint(request: Request) -> Response:
        given = request.headers.get("x-telegram-bot-api-secret-token", "").encode()
        if not secret or not hmac.compare_digest(given, secret):
            return PlainTextResponse("forbidden", status_code=403)
        try:
            await adapter.accept(await _body(request))
        except BadBody as exc:
            return PlainTextResponse(str(exc), status_code=exc.status)
        except NotAnUpdate:
            return PlainTextResponse("not a Telegram update", status_code=400)
        except Exception:  # storage down: a non-2xx makes Telegram deliver the update again
            log.exception("telegram update could not be stored")
            return PlainTextResponse("try again", status_code=503)
        return Response(status_code=200)

    return Route("/telegram/webhook", endpoint, methods=["POST"])


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadPayload("body is not UTF-8") from exc


def tencent_callback(path: str, callbacks: TencentCallbacks, ok_body: str) -> Route:
    """GET (URL check) and POST (a message) of a WeCom app or an Official Account; 403 for a bad signature."""

    async def endpoint(request: Request) -> Response:
        q = request.query_params
        timestamp, nonce = q.get("timestamp", ""), q.get("nonce", "")
        try:
            if request.method == "GET":
                if callbacks.crypto is not None and callbacks.platform == "wecom":
                    echo = callbacks.verify_url(q.get("msg_signature", ""), timestamp, nonce, q.get("echostr", ""))
                else:
                    callbacks.verify_plain(q.get("signature", ""), timestamp, nonce)
                    echo = q.get("echostr", "")
                return PlainTextResponse(echo)
            body = await _body(request)
            if callbacks.crypto is not None:
                # With a key configured only an encrypted body is taken, whatever encrypt_type says: the
                # plain signature covers token, timestamp and nonce but not the body, so one seen callback
                # URL would let anyone post any message as anyone until its timestamp went stale.
                xml = callbacks.open(body, q.get("msg_signature", ""), timestamp, nonce)
                # A replay here is the same signed message, which the inbox recognises as a retry.
                await callbacks.receive(xml)
            else:
                callbacks.verify_plain(q.get("signature", ""), timestamp, nonce)
                xml = _utf8(body)
                callbacks.take_nonce(timestamp, nonce)  # the body is unsigned: each signed query only once
                try:
                    await callbacks.receive(xml)
                except Exception:
                    callbacks.give_back_nonce(timestamp, nonce)
                    raise
        except BadSignature:
            return PlainTextResponse("forbidden", status_code=403)
        except BadPayload:
            return PlainTextResponse("bad request", status_code=400)
        except BadBody as exc:
            return PlainTextResponse(str(exc), status_code=exc.status)
        except Exception:  # storage down: no answer in time makes Tencent deliver it again
            log.exception("%s callback could not be stored", callbacks.platform)
            return PlainTextResponse("try again", status_code=503)
        return PlainTextResponse(ok_body)

    return Route(path, endpoint, methods=["GET", "POST"])


def build_http(app: App) -> Starlette:
    """Routes for every platform that is on, /healthz, and the web console under /console."""

    async def healthz(request: Request) -> Response:
        return JSONResponse({"ok": True})

    routes: list[BaseRoute] = [Route("/healthz", healthz, methods=["GET"])]
    if app.telegram is not None:
        routes.append(telegram_webhook(app))
    if app.wecom is not None:
        routes.append(tencent_callback("/wecom/callback", app.wecom, ""))  # WeCom: an empty 200 is "received"
    if app.wechat is not None:
        routes.append(tencent_callback("/wechat/callback", app.wechat, "success"))
    routes.append(Mount(MOUNT, app=build_console(app)))
    return Starlette(routes=routes)
