"""`yuebao parse`: messages in, PARSING.md records out, one JSON object per line."""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from bot.commands._common import CommandError, reaching_database, read_registry
from bot.commands._errors import reason
from bot.config import Settings

if TYPE_CHECKING:
    from handlers.parse import MessageParser
    from handlers.registry import Registry


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
    parser.add_argument("--steps", action="store_true",
                        help="also read project lifecycle steps (kind project), as the chat does; "
                             "without it the output has PARSING.md's kinds only")
    parser.set_defaults(run=run)


async def _load_office_days(settings: Settings) -> None:
    """The database's holiday table, when there is a database to read it from (parsing needs none)."""
    from sqlalchemy.engine import make_url

    from bot.app import load_office_days
    from storage.db import Database
    from storage.migrate import current_revision, head_revision
    from storage.uow import SqlUnitOfWork

    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
        return  # no database yet: nothing loaded, and none created as a side effect of parsing
    db = Database(settings.database_url)
    try:
        with reaching_database(settings.database_url):
            current = await current_revision(db)
            if current == head_revision():
                await load_office_days(SqlUnitOfWork(db))
            elif current is not None:
                print(f"提示：数据库版本过旧（{current}），未读取其中的节假日安排；请运行 yuebao db upgrade。",
                      file=sys.stderr)
    finally:
        await db.dispose()


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Parse a JSONL file or one message; CommandError when the registry or the arguments are unusable."""
    from handlers.clock import SystemClock
    from handlers.parse import MessageParser  # the parser tables: loaded only when there is something to parse

    if not args.jsonl and (args.text is None or not args.sender):
        raise CommandError("请给出 --jsonl 文件，或 --sender 姓名 [--now 时间] 和消息文字。")
    registry = read_registry(args.registry, "请改正后再试")
    if "database_url" in settings.model_fields_set:  # YUEBAO_DATABASE_URL given: its holiday table counts too
        asyncio.run(_load_office_days(settings))
    parser = MessageParser(registry)
    if args.jsonl:
        return _run_jsonl(args.jsonl, parser, registry, args.steps)
    sender = registry.person(args.sender)
    if sender is None:
        raise CommandError(f"名册中没有“{args.sender}”，--sender 请用名册里的姓名。")
    try:
        sent = dt.datetime.fromisoformat(args.now) if args.now else SystemClock().now()
    except ValueError:
        raise CommandError(f"--now 应为 ISO 时间，如 2026-03-28T10:00，而不是“{args.now}”。") from None
    record = parser.parse(args.text, sender, parser.local_time(sent), steps=args.steps)
    _emit(sys.stdout, {"id": None, **record.to_dict()})
    return 0


def _run_jsonl(path: str, parser: MessageParser, registry: Registry, steps: bool) -> int:
    try:
        stream: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")
    except OSError as exc:
        raise CommandError(f"无法读取 {path}：{reason(exc)}。请检查 --jsonl 的文件路径。") from exc
    try:
        for raw in stream:
            if raw.strip():
                _emit(sys.stdout, _record_of(raw, parser, registry, steps))
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return 0


def _record_of(raw: bytes, parser: MessageParser, registry: Registry, steps: bool) -> dict[str, Any]:
    # A line that cannot be read gives an error record; the run goes on with the next one.
    case: dict[str, Any] = {}
    try:
        case = _case_of(raw)
        return _parse_case(case, parser, registry, steps)
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


def _parse_case(case: dict[str, Any], parser: MessageParser, registry: Registry, steps: bool) -> dict[str, Any]:
    text, name, when = case.get("text"), case.get("sender"), case.get("now")
    if not isinstance(text, str):
        raise _BadLine('missing "text" (a string)')
    if not isinstance(name, str) or not name:
        raise _BadLine('missing "sender"')
    sender = registry.person(name)
    if sender is None:
        raise _BadLine(f"unknown sender {name!r}: not in the registry")
    record = parser.parse(text, sender, _now_of(when, parser), steps=steps)
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
