"""`yuebao parse`: messages in, PARSING.md records out, one JSON object per line."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import IO, Any

from bot.config import Settings
from bot.registry_file import load_registry
from handlers.clock import SystemClock
from handlers.parse import MessageParser
from handlers.registry import Registry, RegistryError


class _BadLine(ValueError):
    """An input line that cannot be parsed; its message is the one-line reason."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add `parse`."""
    parser = sub.add_parser(
        "parse", help="解析消息为结构化记录 (parse messages into records)",
        description="Read messages as shared/PARSING.md describes and print one JSON record per message.",
    )
    parser.add_argument("--registry", required=True, metavar="FILE",
                        help="registry YAML (township, villages, people, projects)")
    parser.add_argument("--jsonl", metavar="FILE",
                        help='cases, one {"text", "sender", "now"} object per line; "-" for stdin')
    parser.add_argument("--sender", metavar="NAME", help="registered name of the sender (single message)")
    parser.add_argument("--now", metavar="ISO",
                        help="when it was sent, e.g. 2026-03-28T10:00 (default: now); registry time zone if no offset")
    parser.add_argument("text", nargs="?", help="the message (single message)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Parse a JSONL file or one message; 2 when the registry or the arguments are unusable."""
    try:
        registry = load_registry(args.registry)
    except (RegistryError, OSError) as exc:
        print(f"yuebao parse: cannot load registry {args.registry}: {_one_line(exc)}", file=sys.stderr)
        return 2
    parser = MessageParser(registry)
    if args.jsonl:
        return _run_jsonl(args.jsonl, parser, registry)
    if args.text is None or not args.sender:
        print("yuebao parse: give --jsonl FILE, or --sender NAME [--now ISO] TEXT", file=sys.stderr)
        return 2
    case: dict[str, Any] = {"text": args.text, "sender": args.sender,
                            "now": args.now or SystemClock().now().isoformat()}
    try:
        record = _parse_case(case, parser, registry)
    except _BadLine as exc:
        print(f"yuebao parse: {exc}", file=sys.stderr)
        return 2
    _emit(sys.stdout, record)
    return 0


def _run_jsonl(path: str, parser: MessageParser, registry: Registry) -> int:
    try:
        stream: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")
    except OSError as exc:
        print(f"yuebao parse: cannot read {path}: {_one_line(exc)}", file=sys.stderr)
        return 2
    try:
        for raw in stream:
            if raw.strip():
                _emit(sys.stdout, _record_of(raw, parser, registry))
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return 0


def _record_of(raw: bytes, parser: MessageParser, registry: Registry) -> dict[str, Any]:
    # A line that cannot be read gives an error record; the run goes on with the next one.
    case: dict[str, Any] = {}
    try:
        case = _case_of(raw)
        return _parse_case(case, parser, registry)
    except _BadLine as exc:
        return {"id": case.get("id"), "error": str(exc)}


def _case_of(raw: bytes) -> dict[str, Any]:
    try:
        case = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _BadLine("line is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise _BadLine(f"not JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(case, dict):
        raise _BadLine("not a JSON object")
    return case


def _parse_case(case: dict[str, Any], parser: MessageParser, registry: Registry) -> dict[str, Any]:
    text, name, when = case.get("text"), case.get("sender"), case.get("now")
    if not isinstance(text, str):
        raise _BadLine('missing "text" (a string)')
    if not isinstance(name, str) or not name:
        raise _BadLine('missing "sender"')
    sender = registry.person(name)
    if sender is None:
        raise _BadLine(f"unknown sender {name!r}: not in the registry")
    record = parser.parse(text, sender, _now_of(when, parser))
    return {"id": case.get("id"), **record.to_dict()}


def _now_of(value: Any, parser: MessageParser) -> dt.datetime:
    if not isinstance(value, str) or not value.strip():
        raise _BadLine('missing "now" (an ISO datetime)')
    try:
        when = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise _BadLine(f"bad now {value!r}: not an ISO datetime") from None
    # No offset means the registry's own time zone (+08:00 for Chinese townships).
    return parser.local_time(when)


def _emit(out: IO[str], record: dict[str, Any]) -> None:
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
