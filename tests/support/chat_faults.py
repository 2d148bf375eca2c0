"""The fake platform APIs with faults aimed at one chat, for tests and benchmarks of the sender.

`fail_next` on the fakes applies to whichever call comes next; these hold a named chat for good (until the
test lets it go): Telegram answers every send to it 429 with a `retry_after`, WeCom answers every app message
to a user 45009 (frequency limit), and either can answer a chat late (a slow success). A test sets the dicts.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from tests.support.fake_telegram import SEND_METHODS, Call, FakeTelegram, chat_key, too_many_requests
from tests.support.fake_wecom import FREQ_OUT_OF_LIMIT, FakeWeCom, JsonDict, WeComError
from tests.support.fake_wecom import Call as WeComCall


class FaultyTelegram(FakeTelegram):
    """FakeTelegram where `held` chats get 429 (chat id → retry_after), `slow` chats wait (id → seconds) and
    every send waits `lag` seconds before it is handled (so that several are in flight at once)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.held: dict[int | str, int] = {}
        self.slow: dict[int | str, float] = {}
        self.lag = 0.0

    async def _answer(self, call: Call) -> Any:
        if call.method in SEND_METHODS:
            chat = chat_key(call.params.get("chat_id"))
            if chat in self.held:
                raise too_many_requests(self.held[chat])
            delay = self.slow.get(chat, 0.0) + self.lag
            if delay:
                await self._sleep_unless_stopping(delay)
        return await super()._answer(call)


class FaultyWeCom(FakeWeCom):
    """FakeWeCom where app messages to `held` users get 45009 and those to `slow` users wait (id → seconds)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.held: set[str] = set()
        self.slow: dict[str, float] = {}
        send = self._message_send

        async def faulty_send(call: WeComCall, kind: str) -> JsonDict:
            user = str((call.body or {}).get("touser", "")) if isinstance(call.body, dict) else ""
            if user in self.held:
                raise WeComError(FREQ_OUT_OF_LIMIT)
            if user in self.slow:
                await self._sleep_unless_stopping(self.slow[user])
            return await send(call, kind)

        self._apis["message/send"] = dataclasses.replace(self._apis["message/send"], handler=faulty_send)
