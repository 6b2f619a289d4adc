"""Run the benchmarks: `python -m bench [NAME ...]` (all of them by default).

Each benchmark is a module in this package with `run(results: Path) -> dict`; it writes its own files
into bench/results/ (git-ignored) and returns a summary, printed here. Register a new one in BENCHMARKS.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"

#: name -> module (each with run(results) -> dict)
BENCHMARKS = {
    "site": "bench.site",
    "grading": "bench.grading",
    "exchange": "bench.exchange",
    "lessons": "bench.lessons",
    "similarity": "bench.similarity",
    "install": "bench.install",
    "coach": "bench.coach",
    "student_memory": "bench.student_memory",
    "class_cycle": "bench.class_cycle",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run: {', '.join(BENCHMARKS)} (default: all)")
    names = parser.parse_args(argv).names or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHMARKS)}")
    RESULTS.mkdir(exist_ok=True)
    failed = False
    for name in names:
        print(f"== {name}", flush=True)
        summary = importlib.import_module(BENCHMARKS[name]).run(RESULTS)
        print(json.dumps(summary, indent=1))
        failed |= summary.get("within_budget") is False
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
