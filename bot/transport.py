"""What the sender needs from a platform: send one stored message, or say why it could not."""
from __future__ import annotations

from typing import Any, Protocol


class SendError(Exception):
    """A failed send: `retry_after` seconds when the platform said when to retry; `permanent` when it never will."""

    def __init__(self, message: str, *, retry_after: float | None = None, permanent: bool = False) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


class Transport(Protocol):
    """One platform's way out."""

    platform: str

    async def send(self, chat_id: str, payload: dict[str, Any]) -> str | None:
        """Deliver; return the platform's message id if it gives one; raise SendError on failure."""
        ...
