"""Start-up time of the command line, as ratios to importing its two base libraries, in one run.

    python bench/cli.py [--rounds 9]

Each round starts a fresh interpreter for the baseline (`python -c "import sqlalchemy, pydantic_settings"`),
`yuebao --help`, and `yuebao parse` of one message, in a rotating order so that a busy moment on the machine
falls on each of them alike; the medians are compared. One round is run first and not counted (disk cache).
Targets: `--help` ≤ 3× the baseline, `parse` ≤ 4×.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.cli import is_setting  # noqa: E402

REGISTRY = ROOT / "tests" / "fixtures" / "township.yaml"
TARGETS = {"yuebao --help": 3.0, "yuebao parse": 4.0}


def _yuebao() -> list[str]:
    script = Path(sysconfig.get_path("scripts")) / "yuebao"  # the console script `pip install -e .` installed
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def _seconds(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    commands = {
        "baseline": [sys.executable, "-c", "import sqlalchemy, pydantic_settings"],
        "yuebao --help": [*_yuebao(), "--help"],
        "yuebao parse": [*_yuebao(), "parse", "--registry", str(REGISTRY), "--sender", "王建国", "本月完成60%"],
    }
    # No developer settings and no .env: every process reads the same (default) configuration.
    env = {k: v for k, v in os.environ.items() if not is_setting(k)}
    names = list(commands)
    times: dict[str, list[float]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory(prefix="yuebao-cli-bench-") as folder:
        for name in names:
            _seconds(commands[name], Path(folder), env)
        for round_ in range(args.rounds):
            for name in names[round_ % 3:] + names[:round_ % 3]:
                times[name].append(_seconds(commands[name], Path(folder), env))
    base = statistics.median(times["baseline"])
    print(f"{'baseline':14} {base * 1000:6.0f} ms  (python -c \"import sqlalchemy, pydantic_settings\", "
          f"median of {args.rounds} cold starts)")
    for name, target in TARGETS.items():
        took = statistics.median(times[name])
        print(f"{name:14} {took * 1000:6.0f} ms  ratio {took / base:4.2f} (target ≤ {target:.0f})")


if __name__ == "__main__":
    main()
