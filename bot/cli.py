"""`yuebao` command line: one sub-command per module in bot/commands, each registering itself.

A command module imports only argparse-level things at the top and the application inside `run`, so
`yuebao --help` does not load matplotlib, the parser tables or the platform clients.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from typing import Any

from pydantic import SecretStr

from bot.commands._errors import CommandError, report
from bot.config import ConfigError, load_settings

log = logging.getLogger(__name__)

# Each module has `register(subparsers)`, which adds its parser and sets `run(args, settings) -> int`.
COMMANDS = ("demo", "chat", "run", "db", "registry_import", "handover", "invite", "calendar", "holidays", "export",
            "parse", "inbox", "backup", "restore", "template")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="yuebao",
        description="月报 — 乡镇党建月报机器人。Monthly reporting bot for township Party-building work.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="more log output, tracebacks of errors")
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"bot.commands.{name}").register(sub)
    return parser


class _Version(argparse.Action):
    """--version, reading the installed package's metadata only when asked (it takes a scan of sys.path)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        from importlib.metadata import version

        print(f"yuebao {version('yuebao')}")
        parser.exit()


class RedactingFormatter(logging.Formatter):
    """Replaces every configured secret in a formatted record, its traceback included, with ***."""

    def __init__(self, fmt: str, secrets: list[str]) -> None:
        super().__init__(fmt)
        self._secrets = sorted((s for s in secrets if len(s) >= 4), key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        """The record as text, without secrets (libraries put tokens in exception messages and URLs)."""
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text


def configure_logging(verbose: bool, secrets: list[str] | None = None) -> None:
    """Log to stderr, DEBUG with -v and WARNING otherwise, never the HTTP clients' request lines, the database
    driver's statement parameters nor a secret."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets or []))
    logging.getLogger().setLevel(logging.DEBUG if verbose else logging.WARNING)
    # httpx logs every request URL at INFO, and platform URLs carry tokens and secrets (gettoken?corpsecret=…).
    for client in ("httpx", "httpcore"):
        logging.getLogger(client).setLevel(logging.WARNING)
    # aiosqlite logs every statement with its bound parameters at DEBUG: access tokens, login codes.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `yuebao` console script; 2 and one Chinese line for a problem the user can fix."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        return report(exc)
    configure_logging(args.verbose, [value.get_secret_value() for value in settings.model_dump().values()
                                     if isinstance(value, SecretStr)])
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args, settings) or 0)
    except CommandError as exc:
        if exc.__cause__ is not None:  # shown with -v only: the line below says all a user needs
            log.debug("what went wrong underneath:", exc_info=exc.__cause__)
        return report(exc)


if __name__ == "__main__":
    sys.exit(main())
