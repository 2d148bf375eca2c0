"""What the fake HTTP servers (`FakeTelegram`, `FakeWeCom`) share, for tests and benchmarks only.

* `LoopbackServer`: the base class that serves a subclass's Starlette app under uvicorn, in the caller's
  event loop, on a free 127.0.0.1 port: `start()`/`stop()`, ``async with`` and `base_url`.
* `UploadedFile`, `header_params` and `parse_multipart`: decoding multipart/form-data request bodies.
* `ManualClock`: a clock to pass as a fake's ``clock=``, that moves only when a test says so.
"""
from __future__ import annotations

import asyncio
import contextlib
import socket
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message as _MimeHeaders
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

import uvicorn
from starlette.applications import Starlette

# --- request decoding ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request (what a fake records for an uploaded photo, document or media)."""

    filename: str
    content_type: str
    content: bytes


def header_params(value: str) -> tuple[str, dict[str, str]]:
    """The main value and the parameters of a header like Content-Type or Content-Disposition."""
    headers = _MimeHeaders()
    headers["x"] = value
    params = headers.get_params(header="x") or [("", "")]
    return params[0][0].lower(), {key.lower(): str(val) for key, val in params[1:]}


def parse_multipart(body: bytes, boundary: str) -> dict[str, Any]:
    """The fields of a multipart/form-data body: text as str, file parts as `UploadedFile`."""
    fields: dict[str, Any] = {}
    for part in body.split(b"--" + boundary.encode())[1:]:
        if part.startswith(b"--"):
            break
        head, _, content = part.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        content = content.removesuffix(b"\r\n")
        headers = dict(
            line.split(":", 1) for line in head.decode("utf-8", "replace").split("\r\n") if ":" in line
        )
        headers = {key.strip().lower(): val.strip() for key, val in headers.items()}
        _, disposition = header_params(headers.get("content-disposition", ""))
        name = disposition.get("name", "")
        if "filename" in disposition:
            content_type = headers.get("content-type", "application/octet-stream")
            fields[name] = UploadedFile(disposition["filename"], content_type, content)
        else:
            fields[name] = content.decode("utf-8", "replace")
    return fields


# --- the server ----------------------------------------------------------------------------------------------


class InjectedFailure(Protocol):
    """What a fake queues for `fail_next`: how many more calls it applies to and how long they wait first."""

    times: int
    delay: float


_Injected = TypeVar("_Injected", bound=InjectedFailure)


class InLoopServer(uvicorn.Server):
    """uvicorn without signal handlers, so it can run inside a test's event loop, and quick to stop."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.exit_requested = asyncio.Event()

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    async def main_loop(self) -> None:
        """uvicorn's housekeeping tick, but ending as soon as `exit_requested` is set."""
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.exit_requested.wait(), 0.1)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's shutdown without its fixed 0.1 s pause (paid by every test with a fake): stop listening, ask
        each connection to close, and wait until they and their tasks are gone, for at most the graceful timeout."""
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        try:
            async with asyncio.timeout(self.config.timeout_graceful_shutdown):
                while self.server_state.connections or self.server_state.tasks:
                    await asyncio.sleep(0.001)  # uvicorn signals neither; a closing connection takes a tick or two
        except TimeoutError:
            for task in self.server_state.tasks:
                task.cancel()
        for server in self.servers:
            await server.wait_closed()


class LoopbackServer:
    """A real HTTP server on 127.0.0.1, run in the caller's event loop; subclasses provide `_app()`.

    `stop()` sets `_stopping` before shutting down, so that requests still waiting (long polls, injected
    delays) end at once instead of holding up the shutdown: wait with `_sleep_unless_stopping`.
    `_take_injected` serves the queues behind a fake's `fail_next`.
    """

    def __init__(self) -> None:
        self.base_url = ""
        self._server: InLoopServer | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    def _app(self) -> Starlette:
        """The app to serve (built once per `start()`)."""
        raise NotImplementedError

    async def start(self) -> str:
        """Serve on a free 127.0.0.1 port in the running loop; returns the server root (also `base_url`)."""
        name = type(self).__name__
        if self._task is not None:
            raise RuntimeError(f"{name} is already running")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # asyncio sets TCP_NODELAY
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        config = uvicorn.Config(self._app(), log_level="warning", access_log=False, lifespan="off", ws="none",
                                timeout_graceful_shutdown=1)
        self._stopping = asyncio.Event()
        self._server = InLoopServer(config)
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]), name=name)
        while not self._server.started:
            if self._task.done():
                self._task.result()
                raise RuntimeError(f"{name} exited during startup")
            await asyncio.sleep(0.005)
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        """Stop serving; requests waiting in `_sleep_unless_stopping` (long polls, delays) end at once."""
        if self._server is None or self._task is None:
            return
        self._stopping.set()
        self._server.should_exit = True
        self._server.exit_requested.set()
        try:
            await self._task
        finally:
            self._server = None
            self._task = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.stop()

    async def _sleep_unless_stopping(self, seconds: float, wake: asyncio.Event | None = None) -> None:
        """Sleep up to `seconds`; returns early when the server stops or `wake` is set."""
        waiters = [asyncio.ensure_future(self._stopping.wait())]
        if wake is not None:
            waiters.append(asyncio.ensure_future(wake.wait()))
        try:
            await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def _take_injected(self, queue: deque[_Injected] | None) -> _Injected | None:
        """The first failure in a `fail_next` queue, if any, once its delay is over (or the server stops);
        it leaves the queue when this was the last call it applies to."""
        if not queue:
            return None
        failure = queue[0]
        failure.times -= 1
        if failure.times <= 0:
            queue.popleft()
        if failure.delay > 0:
            await self._sleep_unless_stopping(failure.delay)
        return failure


class AppServer(LoopbackServer):
    """A given app on a free 127.0.0.1 port: the service's own, for the browser tests and bench/console.py."""

    def __init__(self, app: Starlette) -> None:
        super().__init__()
        self._served = app

    def _app(self) -> Starlette:
        return self._served


# --- test helpers --------------------------------------------------------------------------------------------


class ManualClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


__all__ = ["AppServer", "InLoopServer", "InjectedFailure", "LoopbackServer", "ManualClock", "UploadedFile",
           "header_params", "parse_multipart"]
