"""Share the marking of an assignment among several markers: by student or by question.

Why: in a class of 180, three teachers mark the essays. Each needs a list of their own that does not
change under them: `share` is deterministic (the same submissions and markers give the same lists),
balanced (shares differ by at most one submission; by question, the points are spread as evenly as the
questions allow), and stable (run again after late submissions are collected, everyone keeps what they
had and only the newcomers are shared out). The lists are written to DIR/markers/ASSIGNMENT.csv and
printed as formgrader addresses. Formgrader itself still shows every submission to every instructor: a
marker works through their own list there.

A marker must be an instructor: a member of the instructors' Unix group the hub uses
(COURSE_INSTRUCTORS_GROUP, default course-instructors), or a name in DIR/markers/markers.txt (one a line)
for a course run without that group.
"""

from __future__ import annotations

import csv
import grp
import os
import pwd
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

#: what a student folder in submitted/ may be called for it to be listed (the rest is named and skipped)
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


class MarkersError(ValueError):
    """Nothing was written; the message is one line saying why."""


@dataclass
class Share:
    assignment: str
    by: str
    rows: list[tuple[str, ...]]  # (marker, student) or (marker, notebook, question, points)
    skipped: list[str]
    path: Path

    def lines(self) -> list[str]:
        """Each marker's list as formgrader addresses (relative to the instructor's server)."""
        out = []
        for marker in sorted({row[0] for row in self.rows}):
            mine = [row for row in self.rows if row[0] == marker]
            if self.by == "student":
                out.append(f"{marker}: {len(mine)} submission(s)")
                out += [f"  {s}  formgrader/manage_students/{s}/{self.assignment}" for _, s in mine]
            else:
                points = sum(float(row[3]) for row in mine)
                out.append(f"{marker}: {len(mine)} question(s), {points:g} point(s) per submission")
                out += [f"  {nb} {q}  formgrader/gradebook/{self.assignment}/{nb}" for _, nb, q, _ in mine]
        if self.skipped:
            out.append(f"skipped {len(self.skipped)} folder(s) in submitted/ with unexpected names: "
                       + ", ".join(repr(name) for name in self.skipped))
        out.append(f"written to {self.path}")
        return out


def known_markers(course_dir: Path) -> set[str]:
    """Instructors the deploy knows (the instructors' group, also as TLJH's hub names) and the course's list."""
    group = os.environ.get("COURSE_INSTRUCTORS_GROUP", "course-instructors")
    names: set[str] = set()
    try:
        entry = grp.getgrnam(group)
        names |= set(entry.gr_mem) | {p.pw_name for p in pwd.getpwall() if p.pw_gid == entry.gr_gid}
    except KeyError:
        pass
    names |= {name.removeprefix("jupyter-") for name in names}
    listed = Path(course_dir) / "markers" / "markers.txt"
    if listed.is_file():
        names |= {line.strip() for line in listed.read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")}
    return names


def submissions(course_dir: Path, assignment: str) -> tuple[list[str], list[str]]:
    """(student ids with a submission of `assignment`, sorted; folder names skipped as unsafe)."""
    found, skipped = [], []
    submitted = Path(course_dir) / "submitted"
    for folder in sorted(submitted.iterdir()) if submitted.is_dir() else []:
        if (folder / assignment).is_dir() and not folder.is_symlink():
            (found if SAFE_ID.fullmatch(folder.name) else skipped).append(folder.name)
    return found, skipped


def hand_marked_questions(course_dir: Path, assignment: str) -> list[tuple[str, str, float]]:
    """(notebook, question id, points) of every answer a person marks, from the instructor's source/."""
    questions = []
    for path in sorted((Path(course_dir) / "source" / assignment).glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            manual = (meta.get("grade") and meta.get("solution")) or meta.get("task")
            if manual:
                questions.append((path.stem, meta["grade_id"], float(meta.get("points", 0))))
    return questions


def _by_student(students: list[str], markers: list[str], before: dict[str, str]) -> list[tuple[str, str]]:
    """Keep earlier shares; give each newcomer, in id order, to the marker with fewest (ties: by name)."""
    load = dict.fromkeys(markers, 0)
    owner = {s: before[s] for s in students if before.get(s) in load}
    for marker in owner.values():
        load[marker] += 1
    for student in students:
        if student not in owner:
            owner[student] = min(markers, key=lambda m: (load[m], m))
            load[owner[student]] += 1
    return sorted(((owner[s], s) for s in students), key=lambda row: (row[0], row[1]))


def _by_question(questions: list[tuple[str, str, float]], markers: list[str]) -> list[tuple[str, ...]]:
    """Largest question first, each to the marker with fewest points so far (ties: fewer questions, name)."""
    load = {m: (0.0, 0) for m in markers}
    rows = []
    for notebook, question, points in sorted(questions, key=lambda q: (-q[2], q[0], q[1])):
        marker = min(markers, key=lambda m: (load[m], m))
        load[marker] = (load[marker][0] + points, load[marker][1] + 1)
        rows.append((marker, notebook, question, f"{points:g}"))
    return sorted(rows)


def share(course_dir: Path, assignment: str, markers: list[str], by: str = "student") -> Share:
    """Work out the shares and write DIR/markers/ASSIGNMENT.csv; MarkersError (nothing written) if wrong."""
    course_dir = Path(course_dir)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", assignment):
        raise MarkersError(f"{assignment!r} is not an assignment name")
    names = sorted(set(markers))
    if not names:
        raise MarkersError("name at least one marker (--marker NAME)")
    known = known_markers(course_dir)
    strangers = [m for m in names if m not in known]
    if strangers:
        group = os.environ.get("COURSE_INSTRUCTORS_GROUP", "course-instructors")
        raise MarkersError(f"{strangers[0]!r} is not an instructor: not in the Unix group {group} nor in "
                           f"{course_dir / 'markers' / 'markers.txt'}")
    path = course_dir / "markers" / f"{assignment}.csv"
    skipped: list[str] = []
    if by == "student":
        students, skipped = submissions(course_dir, assignment)
        if not students:
            raise MarkersError(f"no submissions of {assignment} in {course_dir / 'submitted'} (collect them first)")
        rows = _by_student(students, names, _earlier(path))
        header = ("marker", "student_id")
    elif by == "question":
        questions = hand_marked_questions(course_dir, assignment)
        if not questions:
            raise MarkersError(f"no hand-marked questions in {course_dir / 'source' / assignment}")
        rows = _by_question(questions, names)
        header = ("marker", "notebook", "question", "points")
    else:
        raise MarkersError(f"--by is student or question, not {by!r}")
    path.parent.mkdir(exist_ok=True)
    temporary = path.with_suffix(".csv.tmp")
    with open(temporary, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    temporary.replace(path)  # a failed run leaves the earlier lists as they were
    return Share(assignment, by, rows, skipped, path)


def _earlier(path: Path) -> dict[str, str]:
    """student -> marker from an earlier by-student share of the assignment (nothing if there is none)."""
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {row["student_id"]: row["marker"] for row in rows if row.get("student_id") and row.get("marker")}
