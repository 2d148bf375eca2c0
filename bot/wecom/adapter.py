"""WeCom / WeChat in: verify, decrypt, store raw and answer at once; handle in the background.

Tencent retries a callback three times when no answer comes within 5 seconds, so the endpoint only
stores the message (recognising retries by MsgId, or for events by sender, time, event, key and agent)
and answers; handling, and the reply through the sender, come after.
"""
from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
import time
from collections.abc import Callable

from bot.wecom.crypto import BadPayload, CallbackCrypto, SeenNonces, check, check_fresh, signature
from bot.wecom.translate import translate
from bot.wecom.xmlmsg import fields_of
from handlers.clock import Clock
from handlers.messages import IncomingMessage
from handlers.pipeline import Pipeline
from handlers.ports import InboxItem, UnitOfWorkFactory

log = logging.getLogger(__name__)
_NUMBER = re.compile(r"^\s*(\d{1,2})\s*$")
QUIET = 0.02  # seconds without a new callback before background handling goes on
MAX_HOLD = 1.0


class TencentCallbacks:
    """One app's callbacks (a WeCom agent or an Official Account) into the pipeline."""

    def __init__(self, platform: str, crypto: CallbackCrypto | None, token: str, pipeline: Pipeline,
                 uow: UnitOfWorkFactory, clock: Clock, on_stored: Callable[[], None] = lambda: None) -> None:
        self.platform = platform
        self.crypto = crypto
        self.token = token
        self.pipeline = pipeline
        self.uow = uow
        self.clock = clock
        self.on_stored = on_stored
        # One worker handles stored messages in order, so the stores a platform waits on are not crowded out.
        self._queue: asyncio.Queue[InboxItem] = asyncio.Queue()
        self._worker: asyncio.Task[None] | None = None
        self._last_intake = 0.0
        self._nonces = SeenNonces()

    def verify_url(self, msg_signature: str, timestamp: str, nonce: str, echostr: str) -> str:
        """The URL check of an encrypted app: the decrypted echostr (BadSignature/BadPayload otherwise)."""
        assert self.crypto is not None
        self.crypto.verify(msg_signature, timestamp, nonce, echostr, self.clock.now().timestamp())
        return self.crypto.decrypt(echostr)

    def verify_plain(self, given: str, timestamp: str, nonce: str) -> None:
        """The signature of a plain-mode Official Account request (token, timestamp, nonce)."""
        check_fresh(timestamp, self.clock.now().timestamp())
        check(given, signature(self.token, timestamp, nonce))

    def take_nonce(self, timestamp: str, nonce: str) -> None:
        """Claim a verified plain-mode request's (timestamp, nonce) once; BadSignature for a replay."""
        self._nonces.take(timestamp, nonce, self.clock.now().timestamp())

    def give_back_nonce(self, timestamp: str, nonce: str) -> None:
        """Release a claimed pair when storing failed, so Tencent's retry is not refused."""
        self._nonces.give_back(timestamp, nonce)

    def open(self, body: bytes, msg_signature: str, timestamp: str, nonce: str) -> dict[str, str]:
        """The fields of an encrypted callback body, after its signature checks out."""
        assert self.crypto is not None
        outer = fields_of(body)
        encrypted = outer.get("Encrypt")
        if not encrypted:
            raise BadPayload("no <Encrypt> element")
        self.crypto.verify(msg_signature, timestamp, nonce, encrypted, self.clock.now().timestamp())
        return fields_of(self.crypto.decrypt(encrypted).encode())

    async def receive(self, fields: dict[str, str]) -> bool:
        """Store the message raw and start handling it; False for a retry or something not acted on."""
        msg = translate(fields, self.platform)
        if msg is None:
            return False
        msg = await self._numbered_answer(msg)
        self._last_intake = time.monotonic()
        inbox_id = await self.pipeline.receive(msg)
        if inbox_id is None:
            return False
        self._queue.put_nowait(InboxItem(inbox_id, msg))
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._work())
        return True

    async def _work(self) -> None:
        while not self._queue.empty():
            await self._lull()
            item = self._queue.get_nowait()
            try:
                await self.pipeline.process(item)
            except Exception:  # stays "new" in the inbox; the sweep handles it later
                log.exception("%s message %s: handling failed", self.platform, item.message.key)
            finally:
                self._queue.task_done()
            self.on_stored()

    async def _lull(self) -> None:
        # Handling can wait a moment; answering Tencent cannot. During a burst of callbacks, hold back
        # (never longer than MAX_HOLD) so the event loop serves the requests first.
        started = time.monotonic()
        while time.monotonic() - self._last_intake < QUIET and time.monotonic() - started < MAX_HOLD:
            await asyncio.sleep(QUIET)

    async def drain(self) -> None:
        """Wait until every stored message has been handled (tests and shutdown)."""
        await self._queue.join()

    async def _numbered_answer(self, msg: IncomingMessage) -> IncomingMessage:
        # No buttons here: "1" answers the numbered choices of the bot's last message in this chat.
        match = _NUMBER.match(msg.text)
        if not match:
            return msg
        async with self.uow(urgent=True) as store:  # Tencent is waiting: don't queue behind handling
            actions = await store.outbox.last_actions(self.platform, msg.chat.id)
        index = int(match.group(1)) - 1
        if 0 <= index < len(actions):
            return dataclasses.replace(msg, action=actions[index])
        return msg
