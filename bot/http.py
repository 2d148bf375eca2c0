"""The one ASGI app: platform webhooks and /healthz. Malformed bodies get 400, never 500."""
from __future__ import annotations

import hmac
import json
import logging

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot.app import App
from bot.wecom.adapter import TencentCallbacks
from bot.wecom.crypto import BadPayload, BadSignature
from bot.wecom.xmlmsg import fields_of

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024  # Telegram updates are a few KB; anything near this is not one


async def _body(request: Request) -> bytes | None:
    """The request body, or None when it is larger than MAX_BODY."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
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
        body = await _body(request)
        if body is None:
            return PlainTextResponse("too large", status_code=413)
        try:
            update = adapter.parse(json.loads(body))
        except ValueError:  # includes JSON and UTF-8 errors
            return PlainTextResponse("not a Telegram update", status_code=400)
        try:
            await adapter.handle(update)
        except Exception:  # storage down: a non-2xx makes Telegram deliver the update again
            log.exception("telegram update %s could not be stored", update.update_id)
            return PlainTextResponse("try again", status_code=503)
        return Response(status_code=200)

    return Route("/telegram/webhook", endpoint, methods=["POST"])


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
            if body is None:
                return PlainTextResponse("too large", status_code=413)
            if callbacks.crypto is not None:
                # With a key configured only an encrypted body is taken, whatever encrypt_type says: the
                # plain signature covers token, timestamp and nonce but not the body, so one seen callback
                # URL would let anyone post any message as anyone until its timestamp went stale.
                fields = callbacks.open(body, q.get("msg_signature", ""), timestamp, nonce)
                # A replay here is the same signed message, which the inbox recognises as a retry.
                await callbacks.receive(fields)
            else:
                callbacks.verify_plain(q.get("signature", ""), timestamp, nonce)
                fields = fields_of(body)
                callbacks.take_nonce(timestamp, nonce)  # the body is unsigned: each signed query only once
                try:
                    await callbacks.receive(fields)
                except Exception:
                    callbacks.give_back_nonce(timestamp, nonce)
                    raise
        except BadSignature:
            return PlainTextResponse("forbidden", status_code=403)
        except BadPayload:
            return PlainTextResponse("bad request", status_code=400)
        except Exception:  # storage down: no answer in time makes Tencent deliver it again
            log.exception("%s callback could not be stored", callbacks.platform)
            return PlainTextResponse("try again", status_code=503)
        return PlainTextResponse(ok_body)

    return Route(path, endpoint, methods=["GET", "POST"])


def build_http(app: App) -> Starlette:
    """Routes for every platform that is on, plus /healthz."""

    async def healthz(request: Request) -> Response:
        return JSONResponse({"ok": True})

    routes = [Route("/healthz", healthz, methods=["GET"])]
    if app.telegram is not None:
        routes.append(telegram_webhook(app))
    if app.wecom is not None:
        routes.append(tencent_callback("/wecom/callback", app.wecom, ""))  # WeCom: an empty 200 is "received"
    if app.wechat is not None:
        routes.append(tencent_callback("/wechat/callback", app.wechat, "success"))
    return Starlette(routes=routes)
