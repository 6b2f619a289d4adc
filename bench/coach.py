"""How long the essay coach takes on a 1,500-word answer, as a ratio to a baseline measured in the same run.

Baseline: reading the same answer's words and sentences with a plain regular expression (the least any
review must do). Reported: the first call in a fresh process, with the coach's table cache empty (pandas
and pandera imported to validate the tables) and with it filled, in seconds, and the median of later calls, in seconds and as a ratio to the baseline. The budget from the
course's goal is one second per 1,500-word answer after the first call, on a 2-core machine.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPEATS = 7
BUDGET_SECONDS = 1.0


def answer_of(words: int = 1500) -> str:
    """A long answer built from the test set's sound answer, padded with more of the same paragraphs."""
    from tests.coach_answers import BASE

    parts, text = BASE.split("\n\n"), BASE
    i = 0
    while len(text.split()) < words:
        text += "\n\n" + parts[1 + i % (len(parts) - 1)]
        i += 1
    return text


def _first_call_seconds(text_file: Path, cache: Path | None = None) -> float:
    """One review in a fresh process; with `cache`, the coach's table cache starts empty there."""
    import os

    code = ("import time,sys; t=time.perf_counter(); from course.coach import review; "
            "review(open(sys.argv[1]).read()); print(time.perf_counter()-t)")
    env = dict(os.environ, **({"XDG_CACHE_HOME": str(cache)} if cache else {}))
    out = subprocess.run([sys.executable, "-c", code, str(text_file)], capture_output=True, text=True, check=True,
                         env=env)
    return float(out.stdout.strip().splitlines()[-1])


def run(results: Path) -> dict:
    from course.coach import review

    text = answer_of()
    sample = results / "coach_answer.md"
    sample.write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as empty:
        cold = _first_call_seconds(sample, Path(empty))
    _first_call_seconds(sample)  # fills the cache if this machine has none
    first = _first_call_seconds(sample)
    review(text)  # warm this process too (tables and libraries loaded)
    later, floor = [], []
    for _ in range(REPEATS):
        t = time.perf_counter()
        review(text)
        later.append(time.perf_counter() - t)
        t = time.perf_counter()
        len(re.findall(r"\w+", text)), re.split(r"(?<=[.!?])\s+", text)
        floor.append(time.perf_counter() - t)
    median, base = statistics.median(later), statistics.median(floor)
    summary = {"words": len(text.split()), "first_call_no_cache_s": round(cold, 2), "first_call_s": round(first, 2), "later_call_s": round(median, 3),
               "ratio_to_regex_baseline": round(median / base, 1), "budget_s": BUDGET_SECONDS,
               "within_budget": median < BUDGET_SECONDS}
    (results / "coach.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return summary
