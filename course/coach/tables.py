"""The few columns of the course's tables that the coach reads, as plain rows, cached on disk.

Loading through `course.data` validates every table (pandera) but imports pandas and pandera, which costs
a few seconds in a fresh process. The rows the coach needs are therefore kept, after one validated load,
in a small JSON file in the user's cache folder, keyed by the tables' modification times: a later process
(`course coach` on the command line) starts in well under a second. Any cache problem falls back to the
validated load.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from course.paths import DATA

COLUMNS = {
    "events": ("event_id", "date_label", "precision", "event", "source", "verified"),
    "polls": ("series", "field_date_label", "answer", "answer_kind", "percent", "pollster", "question", "source"),
    "un_votes": ("resolution", "date_label", "subject", "yes", "no", "abstained", "pakistan", "source"),
    "questions": ("question_id", "wording"),
    "article_errors": ("error_id", "claim", "pattern", "unless", "correction", "lesson", "source"),
}


def _cache_file() -> Path:
    stamp = "|".join(f"{n}:{(DATA / f'{n}.csv').stat().st_mtime_ns}" for n in COLUMNS)
    key = hashlib.sha256(f"{DATA}|{stamp}".encode()).hexdigest()[:16]
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "russia-and-the-west" / f"coach-{key}.json"


def _validated() -> dict[str, list[dict]]:
    from course import data

    out = {}
    for name, columns in COLUMNS.items():
        df = data.load(name)[list(columns)]
        out[name] = [{c: (v.item() if hasattr(v, "item") else v) for c, v in zip(columns, row)}
                     for row in df.astype(object).itertuples(index=False, name=None)]
        for row in out[name]:
            for c in row:
                if not isinstance(row[c], (str, int, float, bool)) or row[c] != row[c]:
                    row[c] = "" if row[c] is None or row[c] != row[c] else str(row[c])
    return out


@lru_cache(maxsize=1)
def tables() -> dict[str, list[dict]]:
    """{table: [row, ...]} with the COLUMNS above."""
    try:
        path = _cache_file()
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    rows = _validated()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(rows), encoding="utf-8")
        tmp.replace(path)
    except (OSError, NameError):
        pass
    return rows
