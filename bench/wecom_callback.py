"""WeCom callback latency under load: 200 encrypted callbacks at concurrency 20 against `yuebao run`.

    python bench/wecom_callback.py [--callbacks 200] [--concurrency 20]

The service runs in its own process (SQLite, as a township would run it) so the load generator does not
share its event loop. Every callback is a distinct text message from a registered secretary, so each is
verified, decrypted, stored and answered, and then handled in the background. Prints p50/p99 latency of
the callbacks and of GET /healthz measured the same way in the same run, and their ratio.
Target: callbacks answered within 200 ms at the 99th percentile.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.tencent import (  # noqa: E402
    SAMPLE_AES_KEY,
    SAMPLE_CORP_ID,
    SAMPLE_TOKEN,
    encrypted_callback,
    inner_xml,
)

REGISTRY = ROOT / "bot" / "demo" / "sample_registry.yaml"
TARGET_MS = 200.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(db: Path, port: int, api_port: int) -> dict[str, str]:
    return {**os.environ, "YUEBAO_DATABASE_URL": f"sqlite+aiosqlite:///{db}", "YUEBAO_PORT": str(port),
            "WECOM_CORP_ID": SAMPLE_CORP_ID, "WECOM_AGENT_ID": "1000002", "WECOM_SECRET": "s3cret",
            "WECOM_TOKEN": SAMPLE_TOKEN, "WECOM_AES_KEY": SAMPLE_AES_KEY,
            "WECOM_API_BASE": f"http://127.0.0.1:{api_port}"}


def _request(method: str, path: str, params: dict[str, str], body: bytes) -> bytes:
    target = path + ("?" + urlencode(params) if params else "")
    head = f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n"
    return (head + "Content-Type: text/xml\r\n\r\n").encode() + body


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    writer.write(request)
    status_line = await reader.readline()
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    return int(status_line.split()[1])


async def _timed(port: int, requests: list[bytes], concurrency: int) -> list[float]:
    """Latency of each request, sent over `concurrency` keep-alive connections (a load generator
    light enough not to be what is measured: it shares this machine's cores with the service)."""
    pending = list(reversed(requests))
    took: list[float] = []

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while pending:
                request = pending.pop()
                start = time.perf_counter()
                status = await _exchange(reader, writer, request)
                took.append((time.perf_counter() - start) * 1000)
                if status != 200:
                    raise SystemExit(f"HTTP {status}")
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(concurrency)))
    return took


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--callbacks", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="yuebao-wecom-bench-"))
    port = _free_port()
    env = _env(tmp / "bench.db", port, _free_port())  # nothing listens on the API port: replies wait in the outbox
    cli = [sys.executable, "-m", "bot.cli"]
    for step in (["db", "upgrade"], ["import", str(REGISTRY)]):
        subprocess.run(cli + step, env=env, check=True, capture_output=True, cwd=tmp)
    server = subprocess.Popen(cli + ["run"], env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            for _ in range(200):
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.05)
            now = int(time.time())
            callbacks = []
            for i in range(args.callbacks):
                fields = {"ToUserName": SAMPLE_CORP_ID, "FromUserName": f"user{i % 50}", "CreateTime": now,
                          "MsgType": "text", "Content": f"本月完成道路硬化{i}米，进度{i % 90}%", "MsgId": 10**9 + i,
                          "AgentID": 1000002}
                query, body = encrypted_callback(inner_xml(fields), token=SAMPLE_TOKEN, aes_key=SAMPLE_AES_KEY,
                                                 receive_id=SAMPLE_CORP_ID, timestamp=now, nonce=str(i))
                callbacks.append(_request("POST", "/wecom/callback", query, body))
        healthz = _request("GET", "/healthz", {}, b"")
        await _timed(port, [healthz] * 40, args.concurrency)  # warm-up
        health = await _timed(port, [healthz] * args.callbacks, args.concurrency)
        wecom = await _timed(port, callbacks, args.concurrency)
    finally:
        server.terminate()
        server.wait(10)
    p99, h99 = _p(wecom, 99), _p(health, 99)
    print(f"/healthz        p50 {_p(health, 50):6.1f} ms   p99 {h99:6.1f} ms   ({len(health)} requests)")
    print(f"/wecom/callback p50 {_p(wecom, 50):6.1f} ms   p99 {p99:6.1f} ms   ({len(wecom)} callbacks, "
          f"concurrency {args.concurrency})")
    print(f"p99 ratio callback/healthz {p99 / h99:.1f}   p99 {p99:.0f} ms (target ≤ {TARGET_MS:.0f} ms)")


if __name__ == "__main__":
    asyncio.run(main())
