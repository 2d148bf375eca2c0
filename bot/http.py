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


def build_http(app: App) -> Starlette:
    """Routes for every platform that is on, plus /healthz."""

    async def healthz(request: Request) -> Response:
        return JSONResponse({"ok": True})

    routes = [Route("/healthz", healthz, methods=["GET"])]
    if app.telegram is not None:
        routes.append(telegram_webhook(app))
    return Starlette(routes=routes)
