"""Lesson and assignment times, and a study plan over two to four weeks.

The times are the course's own words, read where a learner reads them: each lesson's first cell ("takes
about **30 minutes**", "Time: about **75 minutes**") and each assignment's header ("Allow about two
hours."). Reading them there keeps one source: a lesson that changes its time changes the plan.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

_LESSON_TIME = re.compile(r"about \*\*(\d+) (minutes?|hours?)\*\*")
_ALLOW = re.compile(r"Allow about (\w+) hours?")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass
class Step:
    kind: str  # "lesson", "assignment" or "revision"
    name: str  # lesson code ("01") or assignment name
    title: str
    minutes: int | None


def _first_cell(path: Path) -> str:
    try:
        cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells") or [{}]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        return ""
    source = cells[0].get("source", "") if isinstance(cells[0], dict) else ""
    return "".join(source) if isinstance(source, list) else str(source)


def lesson_minutes(text: str) -> int | None:
    found = _LESSON_TIME.search(text)
    if not found:
        return None
    return int(found.group(1)) * (60 if found.group(2).startswith("hour") else 1)


def assignment_minutes(text: str) -> int | None:
    found = _ALLOW.search(text)
    if not found:
        return None
    word = found.group(1).lower()
    number = _WORDS.get(word) or (int(word) if word.isdigit() else None)
    return number * 60 if number else None


def lesson_code(path: Path) -> str:
    return Path(path).stem.split("_")[0]


def lessons(notebooks: Path) -> list[Step]:
    out = []
    for path in sorted(Path(notebooks).glob("*.ipynb")):
        if ".updated-" in path.name:
            continue
        text = _first_cell(path)
        heading = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), path.stem)
        title = heading.split("·", 1)[-1].strip()
        out.append(Step("lesson", lesson_code(path), title, lesson_minutes(text)))
    return out


def assignments(folder: Path) -> list[Step]:
    out = []
    for path in sorted(Path(folder).glob("*/*.ipynb")):
        if ".updated-" in path.name or path.stem != path.parent.name:
            continue
        text = _first_cell(path)
        title = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), path.stem)
        out.append(Step("assignment", path.stem, title, assignment_minutes(text)))
    return out


def order(lesson_steps: list[Step], assignment_steps: list[Step]) -> list[Step]:
    """Each assignment after its lesson (a1 after lesson 01), the others (the mock) after the last lesson,
    then revision."""
    after: dict[str, list[Step]] = {}
    rest = []
    codes = {s.name for s in lesson_steps}
    for step in assignment_steps:
        found = re.match(r"a(\d+)_", step.name)
        code = f"{int(found.group(1)):02d}" if found else None
        (after.setdefault(code, []) if code in codes else rest).append(step)
    out: list[Step] = []
    for lesson in lesson_steps:
        out += [lesson, *after.get(lesson.name, [])]
    return out + rest + [Step("revision", "revision", "Revision: the questions you got wrong first time, "
                                                      "then the mock again, timed", None)]


def weeks(steps: list[Step], count: int) -> list[list[Step]]:
    """`steps` in order, cut into `count` weeks of about equal time; revision in the last week."""
    count = max(1, count)
    work = [s for s in steps if s.kind != "revision"]
    total = sum(s.minutes or 0 for s in work)
    out: list[list[Step]] = [[] for _ in range(count)]
    done = 0
    for step in work:
        week = min(count - 1, int(done * count / total)) if total else 0
        out[week].append(step)
        done += step.minutes or 0
    out[-1] += [s for s in steps if s.kind == "revision"]
    return out


def duration(minutes: int | None) -> str:
    if not minutes:
        return ""
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h" + (f" {rest} min" if rest else "")
