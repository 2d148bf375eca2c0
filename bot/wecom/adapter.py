"""WeCom / WeChat in: verify, decrypt, store as received and answer at once; read and handle after.

Tencent retries a callback three times when no answer comes within 5 seconds, so the endpoint only
stores the decrypted XML (recognising retries by MsgId, or for events by sender, time, event, key and
agent) and answers; reading it, handling it and the reply through the sender come after (the pipeline).
"""
from __future__ import annotations

from collections.abc import Callable

from bot.wecom.crypto import BadPayload, CallbackCrypto, SeenNonces, check, check_fresh, signature
from bot.wecom.translate import dedup_key, translate
from bot.wecom.xmlmsg import fields_of
from handlers.clock import Clock
from handlers.messages import IncomingMessage
from handlers.pipeline import Pipeline, Unreadable


class TencentCallbacks:
    """One app's callbacks (a WeCom agent or an Official Account) into the pipeline."""

    def __init__(self, platform: str, crypto: CallbackCrypto | None, token: str, pipeline: Pipeline, clock: Clock,
                 on_stored: Callable[[], None] = lambda: None) -> None:
        self.platform = platform
        self.crypto = crypto
        self.token = token
        self.pipeline = pipeline
        self.clock = clock
        self.on_stored = on_stored
        self._nonces = SeenNonces()
        # No buttons on these platforms: a bare "1" answers the bot's last numbered question in the chat.
        pipeline.register(platform, self, numbered_answers=True)

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

    def open(self, body: bytes, msg_signature: str, timestamp: str, nonce: str) -> str:
        """The decrypted XML of an encrypted callback body, after its signature checks out."""
        assert self.crypto is not None
        outer = fields_of(body)
        encrypted = outer.get("Encrypt")
        if not encrypted:
            raise BadPayload("no <Encrypt> element")
        self.crypto.verify(msg_signature, timestamp, nonce, encrypted, self.clock.now().timestamp())
        return self.crypto.decrypt(encrypted)

    async def receive(self, xml: str) -> bool:
        """Store a decrypted callback as received, to be handled right after; BadPayload when it is not one,
        False for a retry."""
        fields = fields_of(xml)
        if not fields.get("FromUserName") or not fields.get("MsgType"):
            raise BadPayload("callback without FromUserName or MsgType")
        return await self.pipeline.accept(self.platform, dedup_key(fields), xml, self.on_stored)

    async def read(self, raw: str, key: str) -> IncomingMessage | None:
        """The core's message for a stored callback (None for what the bot does not act on)."""
        try:
            return translate(fields_of(raw), self.platform, key)
        except Exception as exc:  # whatever the callback holds, it is kept and marked, never retried forever
            raise Unreadable(f"{type(exc).__name__}: {exc}") from exc

    async def before_handling(self, raw: str, msg: IncomingMessage) -> IncomingMessage:
        """Nothing to fetch: voice comes with its recognised text, files stay on Tencent's side."""
        return msg

    async def drain(self) -> None:
        """Wait until every stored message has been handled (tests and shutdown)."""
        await self.pipeline.drain()
