"""`yuebao demo`: offline, no accounts — a sample township's (or, `--county`, a county's) scripted chat replayed
into a folder."""
from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.commands._errors import writable_folder
from bot.config import Settings


def register(sub: argparse._SubParsersAction) -> None:
    """Add `demo`."""
    parser = sub.add_parser("demo", help="离线演示 (offline demo with a sample township)")
    parser.add_argument("--out", default="./demo-out", help="folder for the results (default ./demo-out)")
    parser.add_argument("--county", action="store_true",
                        help="县级演示：一个县三个乡镇的一个季度，月末报送和县季通报 (a county of three towns)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the demo and list the files it wrote."""
    from bot.demo.runner import COUNTY, TOWNSHIP, DemoRun

    out = Path(args.out)
    writable_folder(out, "--out")
    scenario = COUNTY if args.county else TOWNSHIP
    files = asyncio.run(DemoRun(out, progress=not args.quiet and sys.stderr.isatty(), scenario=scenario).run())
    print(f"演示完成，结果在 {out}/：")
    for path in files:
        print(f"  {path}")
    return 0
