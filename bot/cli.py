"""`yuebao` command line: one sub-command per module in bot/commands, each registering itself."""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

from pydantic import SecretStr

from bot.config import Settings

# Each module has `register(subparsers)`, which adds its parser and sets `run(args, settings) -> int`.
COMMANDS = ("demo", "chat", "run", "db", "registry_import", "invite", "calendar", "export", "parse")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="yuebao",
        description="月报 — 乡镇党建月报机器人。Monthly reporting bot for township Party-building work.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"bot.commands.{name}").register(sub)
    return parser


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
    """Log to stderr, DEBUG with -v and WARNING otherwise, never the HTTP clients' request lines nor a secret."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets or []))
    logging.getLogger().setLevel(logging.DEBUG if verbose else logging.WARNING)
    # httpx logs every request URL at INFO, and platform URLs carry tokens and secrets (gettoken?corpsecret=…).
    for client in ("httpx", "httpcore"):
        logging.getLogger(client).setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `yuebao` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = Settings()
    configure_logging(args.verbose, [value.get_secret_value() for value in settings.model_dump().values()
                                     if isinstance(value, SecretStr)])
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    return int(args.run(args, settings) or 0)


if __name__ == "__main__":
    sys.exit(main())
