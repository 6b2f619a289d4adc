"""One record across devices: `course progress --import FILE` and `--export FILE`.

The offline site keeps the learner's record on a phone and moves it as a file, `course-record.jsonl`, in
the same line format as the workspace's `.course/record.jsonl` (course/learner/record.py). Importing such
a file adds only the events the workspace lacks: an event present on both sides is kept once (two tries
of one question differ in their attempt number and time, so both are kept), so importing the same file
twice adds nothing. The file comes from another device and may have been edited, so it is read strictly:
one bad line stops the import, named by file and line, before anything is written.

The workspace's own lines are never changed: the new events go after them, in time order, written to a
temporary file beside the record and moved over it in one step, so a crash leaves the old record or the
new one, never half of either. A line the workspace's record already had, damaged or not, is kept as it
was. If a lesson's kernel appends while the import runs, the import starts again from the new record.
"""

from __future__ import annotations

import json
from pathlib import Path

from course.learner import record
from course.learner.workspace import write_atomically

#: a record of a whole course is a few thousand lines; a file far larger than this is not one
MAX_BYTES = 20 * 1024 * 1024


class SyncError(Exception):
    """A one-line message for the learner: the import or export did nothing."""


def key(event: dict) -> str:
    """What two copies of one event share: its fields, sorted, with 3.0 and 3 the same number.

    The site writes numbers as JavaScript does (3, never 3.0), so a laptop's `3.0` must match a phone's `3`.
    """
    def same(value):
        if isinstance(value, float) and not isinstance(value, bool) and value.is_integer():
            return int(value)
        return value

    return json.dumps({k: same(v) for k, v in event.items()}, sort_keys=True, ensure_ascii=False)


def line(event: dict) -> str:
    """One event as record.py writes it (and the site reads it)."""
    return json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n"


def read_file(path: Path) -> list[dict]:
    """Every event of a record file, or SyncError naming the file and the first line that is not one."""
    path = Path(path)
    shown = path.name
    try:
        if not path.is_file():
            raise SyncError(f"{path}: no such record file (export one from the site's progress page).")
        if path.stat().st_size > MAX_BYTES:
            raise SyncError(f"{shown}: larger than {MAX_BYTES // (1024 * 1024)} MB, so not a course record; "
                            "nothing was imported.")
        data = path.read_bytes()
    except OSError as error:
        raise SyncError(f"{path}: cannot be read ({error.strerror or error}); nothing was imported.") from None
    events = []
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            event = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise SyncError(f"{shown}, line {number}: not a complete JSON line; nothing was imported.") from None
        problem = record._invalid(event)
        if problem:
            raise SyncError(f"{shown}, line {number}: {problem}; nothing was imported.")
        events.append(event)
    return events


def _new_events(existing: list[dict], incoming: list[dict]) -> list[dict]:
    seen = {key(e) for e in existing}
    new = []
    for event in incoming:
        k = key(event)
        if k not in seen:
            seen.add(k)
            new.append(event)
    return sorted(new, key=lambda e: e["at"])  # stable: events of one second keep their order


def import_file(workspace: Path, path: Path, attempts: int = 5) -> int:
    """Merge the record file `path` into the workspace's record; how many events were new."""
    incoming = read_file(path)
    target = record.path_of(workspace)
    for _ in range(attempts):
        before = target.read_bytes() if target.is_file() else b""
        new = _new_events(record.read(workspace).events, incoming)
        if not new:
            return 0
        text = "".join(line(e) for e in new).encode("utf-8")
        if before and not before.endswith(b"\n"):
            text = b"\n" + text
        if _replace_if_unchanged(target, before, before + text):
            return len(new)
    raise SyncError(f"{record.RECORD.as_posix()} kept changing while importing (is a lesson recording?); "
                    "nothing was imported: try again.")


def _replace_if_unchanged(target: Path, before: bytes, data: bytes) -> bool:
    return write_atomically(target, data, only_if=lambda: (target.read_bytes() if target.is_file() else b"") == before)


def export_file(workspace: Path, path: Path) -> int:
    """Write the workspace's record to `path` in the site's import format; how many events it holds."""
    events = record.read(workspace).events
    path = Path(path)
    if not path.parent.is_dir():
        raise SyncError(f"{path.parent}: no such folder; nothing was exported.")
    if path.is_dir():
        raise SyncError(f"{path}: is a folder, give a file name such as course-record.jsonl; nothing was exported.")
    try:
        write_atomically(path, "".join(line(e) for e in events).encode("utf-8"))
    except OSError as error:
        raise SyncError(f"{path}: cannot be written ({error.strerror or error}); nothing was exported.") from None
    return len(events)
