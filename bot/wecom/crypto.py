"""Callback signatures and AES payloads of WeCom and WeChat.

Decryption is wechatpy's (`PrpCrypto`, on the `cryptography` package). The signature is computed and
compared here, because wechatpy compares with `!=`; a webhook's signature must be compared in
constant time. A timestamp far from our clock is refused, so a captured callback cannot be replayed.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re

from wechatpy.crypto import PrpCrypto
from wechatpy.exceptions import InvalidAppIdException

MAX_SKEW = 300  # seconds between the platform's timestamp and our clock
_TIMESTAMP = re.compile(r"[0-9]{1,12}")


class BadSignature(Exception):
    """Forged, altered or stale: answer 403."""


class BadPayload(Exception):
    """Not something the platform would send: answer 400."""


def signature(*parts: str) -> str:
    """Tencent's callback signature: SHA-1 of the sorted parts joined."""
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def check(given: str, expected: str) -> None:
    """Constant-time comparison; BadSignature when they differ."""
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise BadSignature("signature mismatch")


def check_fresh(timestamp: str, now: float, max_skew: int = MAX_SKEW) -> None:
    """BadSignature unless `timestamp` is a number within `max_skew` seconds of `now`."""
    # ASCII digits only, and few: str.isdigit() takes "²" (which int() refuses), and a long enough
    # number overflows the float comparison.
    if not _TIMESTAMP.fullmatch(timestamp) or abs(int(timestamp) - now) > max_skew:
        raise BadSignature("stale or missing timestamp")


class SeenNonces:
    """(timestamp, nonce) pairs of plain-mode callbacks already taken, kept while the timestamp is accepted.

    In plain mode the signature does not cover the body, so a captured query string could carry any body
    until its timestamp goes stale; taking each pair once closes that. The set is in memory: enough for
    one process (the SQLite deployment), but with several instances behind a balancer a replay that lands
    on another instance gets through; an Official Account that matters should set WECHAT_AES_KEY.
    """

    def __init__(self, limit: int = 100_000) -> None:
        # Only verified requests add pairs, so the limit is reached by genuine traffic alone (333/s).
        self._until: dict[tuple[str, str], int] = {}
        self._limit = limit

    def take(self, timestamp: str, nonce: str, now: float) -> None:
        """Record a fresh pair; BadSignature if it was taken before (a replay)."""
        self._forget(now)
        key = (timestamp, nonce)
        if key in self._until:
            raise BadSignature("nonce already used")
        if len(self._until) >= self._limit:
            del self._until[next(iter(self._until))]
        self._until[key] = int(timestamp) + MAX_SKEW  # after that, check_fresh refuses the pair anyway

    def give_back(self, timestamp: str, nonce: str) -> None:
        """Forget a pair whose message could not be stored, so the platform's retry is let in."""
        self._until.pop((timestamp, nonce), None)

    def _forget(self, now: float) -> None:
        # Pairs arrive roughly in time order; an expired pair behind a live one waits for a later call,
        # which is harmless because its timestamp no longer passes check_fresh.
        while self._until:
            key, until = next(iter(self._until.items()))
            if until >= now:
                return
            del self._until[key]


class CallbackCrypto:
    """One app's token and EncodingAESKey, with the id the payloads must name (CorpID or AppID)."""

    def __init__(self, token: str, aes_key: str, receive_id: str) -> None:
        try:
            key = base64.b64decode(aes_key + "=", validate=True)
        except binascii.Error:
            key = b""
        if len(key) != 32:
            raise ValueError("EncodingAESKey must be 43 characters of base64")
        self.token = token
        self.receive_id = receive_id
        self._cipher = PrpCrypto(key)

    def verify(self, given: str, timestamp: str, nonce: str, encrypted: str, now: float) -> None:
        """Check a msg_signature over (token, timestamp, nonce, encrypted payload)."""
        check_fresh(timestamp, now)
        check(given, signature(self.token, timestamp, nonce, encrypted))

    def decrypt(self, encrypted: str) -> str:
        """The plaintext of a verified payload; BadSignature if it names another app."""
        try:
            return self._cipher.decrypt(encrypted, self.receive_id)
        except InvalidAppIdException as exc:
            raise BadSignature("payload is for another app") from exc
        except Exception as exc:  # wrong padding, not base64, not UTF-8: not from the platform
            raise BadPayload(f"cannot decrypt: {type(exc).__name__}") from exc
