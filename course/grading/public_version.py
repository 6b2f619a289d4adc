"""A submission of the course's public version of an assignment, in a class that was given its own variant.

Why it is told apart before grading: the public assignments (assignments/source) have other questions and a
public key. Graded against the class's variant, such a notebook either breaks nbgrader (its cells do not
match the variant's) or, worse, is scored against the wrong questions. The instructor needs one line: who
handed in what, and what to ask of them.

What is read: the question cells (`*_question`) of the submitted notebook, compared as text with those of
the course's public source and of the class's variant. The submitted file is the student's, so it is read
as untrusted JSON (size-limited, every type checked); anything unexpected is simply "not recognised", and
nbgrader then grades or fails it as it would have.
"""

from __future__ import annotations

import functools
import json
import shlex
from pathlib import Path

from course.content import paths
from course.grading.submission_files import read_regular

MAX_BYTES = 50 << 20  # larger files are left to nbgrader, which says what it makes of them


def _questions(path: Path) -> dict[str, str] | None:
    """grade_id -> text of the question cells of a notebook, or None if it is not a readable notebook."""
    try:
        # a link, a FIFO or a device in a student's folder is not read (and cannot hold the grader up)
        nb = json.loads(read_regular(path, MAX_BYTES, follow_links=False).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        return None
    out = {}
    for cell in cells:
        meta = cell.get("metadata") if isinstance(cell, dict) else None
        grading = meta.get("nbgrader") if isinstance(meta, dict) else None
        grade_id = grading.get("grade_id") if isinstance(grading, dict) else None
        source = cell.get("source")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            source = "".join(source)
        if isinstance(grade_id, str) and grade_id.endswith("_question") and isinstance(source, str):
            out[grade_id] = source.strip()
    return out


@functools.lru_cache(maxsize=64)
def _source_questions(path: str, stamp: tuple[int, int]) -> dict[str, str]:
    """An instructor's or the course's notebook, read once per grading run (a class has hundreds of students)."""
    return _questions(Path(path)) or {}


def _known(path: Path) -> dict[str, str]:
    info = path.stat()
    return _source_questions(str(path), (info.st_mtime_ns, info.st_size))


def _is_variant(path: Path) -> bool:
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return False
    return isinstance(meta, dict) and isinstance(meta.get("course"), dict) and meta["course"].get("variant") is True


def origin(class_root: Path, name: str) -> str:
    """The course assignment the class's `name` was drawn from: its record in variants/, else `name`."""
    try:
        record = json.loads((Path(class_root) / "variants" / f"{name}.json").read_text(encoding="utf-8"))
        return str(record["assignment"])
    except (OSError, ValueError, KeyError, TypeError):
        return name


def check(class_root: Path, source_folder: Path, submitted_folder: Path, name: str, student: str,
          public_source: Path | None = None) -> str | None:
    """Why the submission in `submitted_folder` is the course's public version rather than the class's
    variant `name` (whose source is `source_folder`), as one line; None when it is not."""
    variant_nbs = [p for p in sorted(Path(source_folder).glob("*.ipynb")) if _is_variant(p)]
    if not variant_nbs:
        return None  # the class grades the course's own assignment: nothing to tell apart
    course_name = origin(class_root, name)
    public_source = Path(public_source) if public_source else paths.ASSIGNMENTS / "source"
    public = {}
    for path in sorted((public_source / course_name).glob("*.ipynb")):
        public.update(_known(path))
    own = {}
    for path in variant_nbs:
        own.update(_known(path))
    if not public:
        return None
    for path in sorted(Path(submitted_folder).glob("*.ipynb")):
        handed = _questions(path) or {}
        same_as_public = sum(1 for g, text in handed.items() if public.get(g) == text and own.get(g) != text)
        same_as_own = sum(1 for g, text in handed.items() if own.get(g) == text)
        if same_as_public and same_as_public > same_as_own:
            return (f"handed in the course's public version of {course_name} ({path.name}; its questions and key "
                    f"are public), not the class's own {name}: not graded. Ask them to fetch {name} again "
                    f"(the Assignments tab, or `nbgrader fetch_assignment {name}`), answer it and submit it, "
                    f"then run `course grade {name} --student {shlex.quote(student)}`")
    return None
