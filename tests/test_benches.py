"""The benchmarks keep working as the code changes (mypy checks their calls; this runs the one that needs no
PostgreSQL server on a tiny corpus of the project's own)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REGISTRY

ROOT = Path(__file__).resolve().parents[1]


def test_the_parse_benchmark_runs_and_prints_its_ratio(tmp_path: Path) -> None:
    corpus = tmp_path / "cases.jsonl"
    corpus.write_text("\n".join(json.dumps({"text": text, "sender": "王建国", "now": "2026-03-20T10:00:00+08:00"},
                                           ensure_ascii=False)
                                for text in ("征地搬迁本月签约10户，进度50%", "月报什么时候交？")), encoding="utf-8")
    ran = subprocess.run([sys.executable, str(ROOT / "bench" / "parse.py"), "--corpus", str(corpus), "--registry",
                          str(REGISTRY), "--repeat", "1"], capture_output=True, text=True, timeout=120, check=False)
    assert ran.returncode == 0, ran.stderr
    assert "parse/store ratio" in ran.stdout.splitlines()[-1]


def test_the_import_benchmark_runs_on_a_small_county_and_prints_its_figures() -> None:
    ran = subprocess.run([sys.executable, str(ROOT / "bench" / "import.py"), "--townships", "2", "--villages", "4",
                          "--people", "20", "--projects", "4", "--rounds", "1", "--no-postgres"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert ran.returncode == 0, ran.stderr
    last = ran.stdout.splitlines()[-1]
    assert last.startswith("sqlite: import/read ratio ") and "re-import: 0 writing statements, 0 rows changed" in last


def test_the_console_benchmark_runs_on_a_small_county_and_counts_the_same_statements_at_both_sizes() -> None:
    ran = subprocess.run([sys.executable, str(ROOT / "bench" / "console.py"), "--quick"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert lines[-1].startswith("console: sqlite worst page p95 ") and "statements equal at both sizes" in lines[-1]
    assert any(line.lstrip().startswith("overview, county cadre") and "p95" in line for line in lines)
