"""The learner's record: self-check attempts, `course check` results and self-assessed essay marks.

It lives in the workspace as `.course/record.jsonl`, one JSON object per line, appended to and never
rewritten. JSON Lines because an append is the only write: a crash or a full disk in the middle of one can
damage only the last line, and reading skips a damaged line (saying which file and line) and keeps every
other event. Nothing in it names a folder, so a workspace moved elsewhere keeps its record, and
`course update` never writes to it (it writes only the course's files and `.course/base/`).

Events (`at` is a UTC time in ISO 8601):

- {"kind": "selfcheck", "lesson": "01", "question": 3, "right": true, "attempt": 1, "at": ...}
- {"kind": "selfcheck", ..., "revealed": true}: answered after the answer was shown (not known first-hand)
- {"kind": "reveal", "lesson": "01", "question": 3, "at": ...}: the answer was shown (on request, or after
  a second wrong try); a right answer after it does not count as known
- {"kind": "check", "assignment": "a1_westernization", "question": "Q6", "points": 3, "max": 3,
  "answered": true, "at": ...} (`answered` false: the answer cell was untouched; older events lack it)
- {"kind": "essay", "assignment": "a1_westernization", "question": "Q9", "marks": 14, "max": 20, "at": ...}
- {"kind": "timed", "assignment": "mock_exam", "event": "start" or "finish", "at": ...}
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

RECORD = Path(".course") / "record.jsonl"
#: the file `course start` writes at the top of every workspace: how a folder is known to be one
MARKER = ".course-manifest.json"

_NUMBER = (int, float)
#: kind -> {field: accepted types}; an event missing one of them, or of another type, is skipped
FIELDS = {
    "selfcheck": {"lesson": (str,), "question": (int,), "right": (bool,), "attempt": (int,)},
    "check": {"assignment": (str,), "question": (str,), "points": _NUMBER, "max": _NUMBER},
    "essay": {"assignment": (str,), "question": (str,), "marks": _NUMBER, "max": _NUMBER},
    "timed": {"assignment": (str,), "event": (str,)},
    "reveal": {"lesson": (str,), "question": (int,)},
}
#: kind -> {field: accepted types} for fields an event may leave out (events written before they existed)
OPTIONAL = {"selfcheck": {"revealed": (bool,)}, "check": {"answered": (bool,)}}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def find_workspace(start: Path | None = None) -> Path | None:
    """The workspace holding `start` (default: the current folder, where Jupyter runs a notebook), or None."""
    try:
        here = Path(start if start is not None else os.getcwd()).resolve()
    except OSError:
        return None
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file():
            return folder
    return None


def path_of(workspace: Path) -> Path:
    return Path(workspace) / RECORD


def append(workspace: Path, event: dict) -> dict:
    """Add one event (its `at` filled in if missing) as one line, with a single write call.

    A single `write` on a file opened for appending lands whole at the end on every system the course runs
    on, so two kernels recording at once do not mix their lines. If the file's last line was cut short by
    an earlier crash, the new event starts on a line of its own.
    """
    event = {**event, "at": event.get("at") or now()}
    problem = _invalid(event)
    if problem:
        raise ValueError(f"not a record event: {problem}")
    path = path_of(workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        if os.fstat(fd).st_size and not _ends_with_newline(path):
            line = "\n" + line
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)
    return event


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _invalid(event) -> str | None:
    if not isinstance(event, dict):
        return "a line must hold one JSON object"
    kind = event.get("kind")
    if kind not in FIELDS:
        return f"unknown kind {kind!r} (known: {', '.join(FIELDS)})"
    for name, types in FIELDS[kind].items():
        value = event.get(name)
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            return f"{kind} event without a valid {name!r}"
    for name, types in OPTIONAL.get(kind, {}).items():
        if name in event and not isinstance(event[name], types):
            return f"{kind} event with an invalid {name!r}"
    if not isinstance(event.get("at"), str):
        return "no 'at' time"
    return None


@dataclass
class Record:
    events: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one message per skipped line, naming file and line

    def of_kind(self, kind: str) -> list[dict]:
        return [e for e in self.events if e["kind"] == kind]


def read(workspace: Path) -> Record:
    """Every valid event, in the order written; a damaged or hand-broken line is skipped and reported."""
    path = path_of(workspace)
    record = Record()
    if not path.is_file():
        return record
    shown = f"{RECORD.as_posix()}"
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                event = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                record.problems.append(f"{shown}, line {number}: not a complete JSON line (perhaps cut short by "
                                       f"a crash or edited by hand); skipped, every other line is read")
                continue
            problem = _invalid(event)
            if problem:
                record.problems.append(f"{shown}, line {number}: {problem}; skipped, every other line is read")
                continue
            record.events.append(event)
    return record


def record_quietly(event: dict, start: Path | None = None) -> bool:
    """Append `event` to the record of the workspace around `start` (the current folder by default).

    For the self-checks: outside a workspace nothing is recorded, and a record that cannot be written (a
    read-only folder, a full disk) never stops a lesson. True when the event was written.
    """
    workspace = find_workspace(start)
    if workspace is None:
        return False
    try:
        append(workspace, event)
    except (OSError, ValueError):
        return False
    return True


def revealed_quietly(lesson: str, start: Path | None = None) -> set[int]:
    """The questions of `lesson` whose answer the record says was shown (empty outside a workspace).

    A self-check reads it when it starts, so a reply typed after a reveal in an earlier kernel is recorded
    as revealed too.
    """
    workspace = find_workspace(start)
    if workspace is None:
        return set()
    try:
        events = read(workspace).events
    except OSError:
        return set()
    return {e["question"] for e in events if e["kind"] in ("reveal", "selfcheck") and e["lesson"] == lesson
            and (e["kind"] == "reveal" or e.get("revealed"))}
