"""Access tokens for WeCom / WeChat APIs: cached in memory and in the database, refreshed once under a lock."""
from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import httpx

from bot.transport import SendError
from handlers.clock import Clock
from storage.db import Database
from storage.repositories.tokens import SqlTokens

EARLY = dt.timedelta(minutes=5)  # refresh a little before the platform's expiry
TOKEN_ERRORS = (40001, 40014, 42001)  # invalid credential / invalid token / expired token


class AccessTokens:
    """One app's token: `get()` for a valid one, `refresh(stale)` after the API rejected `stale`."""

    def __init__(self, db: Database, http: httpx.AsyncClient, clock: Clock, key: str, url: str,
                 params: dict[str, str]) -> None:
        self._db = db
        self._http = http
        self._clock = clock
        self._key = key
        self._url = url
        self._params = params
        self._token = ""
        self._expires = dt.datetime.min.replace(tzinfo=dt.UTC)
        self._lock = asyncio.Lock()

    def _fresh(self, token: str, expires: dt.datetime) -> bool:
        return bool(token) and expires - EARLY > self._clock.now()

    async def get(self) -> str:
        """A valid token, fetched only when neither memory nor the database has one."""
        if self._fresh(self._token, self._expires):
            return self._token
        return await self.refresh("")

    async def refresh(self, stale: str) -> str:
        """A token other than `stale`: the one another worker just stored, or a newly fetched one."""
        async with self._lock:  # one refresh per process; the row lock below makes it one per database
            if self._token != stale and self._fresh(self._token, self._expires):
                return self._token
            # SQLite means one instance, and its single write lock must not wait on Tencent's answer:
            # there the token is fetched between two transactions instead of under the row lock.
            under_lock = not self._db.is_sqlite
            async with self._db.transaction() as session:
                token, expires = await SqlTokens(session).locked(self._key)
                needed = token == stale or not self._fresh(token, expires)
                if needed and under_lock:
                    token, expires = await self._fetch()
                    await SqlTokens(session).save(self._key, token, expires)
            if needed and not under_lock:
                token, expires = await self._fetch()
                async with self._db.transaction() as session:
                    await SqlTokens(session).locked(self._key)  # the row is there, and this is a write
                    await SqlTokens(session).save(self._key, token, expires)
            self._token, self._expires = token, expires
            return token

    async def _fetch(self) -> tuple[str, dt.datetime]:
        try:
            response = await self._http.get(self._url, params=self._params)
            data: dict[str, Any] = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise SendError(f"access token: {type(exc).__name__}") from exc
        if data.get("errcode", 0) != 0 or not data.get("access_token"):
            # Wrong corp id or secret will not heal by retrying; anything else might.
            permanent = data.get("errcode") in (40001, 40013, 40125, 41002, 41004)
            raise SendError(f"access token: {data.get('errcode')} {data.get('errmsg')}", permanent=permanent)
        return data["access_token"], self._clock.now() + dt.timedelta(seconds=int(data.get("expires_in", 7200)))
