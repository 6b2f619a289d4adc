"""Near misses of the MCQ checks: answers scored 0 only because of their form (`"b"`, `"(D)"`, `" C "`,
`"c)"` where the key is that letter), listed at the end of `course grade` for a teacher to accept by hand.

Why not accept them automatically: the form is part of the instructions ("one capital letter between
quotes"), and whether to forgive it is the teacher's call; but a teacher cannot find them among hundreds of
zeros. Why by hand in formgrader: a manual score is nbgrader's own way to override an autograded one, it is
kept when the class is graded again, and the export and the feedback read it like any other.

Where each fact comes from, so that nothing a student controls decides what is listed:
- which cells are MCQs, and their keys: the instructor's source (`source/ASSIGNMENT/`), the solution line
  `answer_qN = "X"` of each `qN_answer` cell that has a graded `qN_check` cell;
- that the answer scored 0 and nobody has marked it by hand yet: the gradebook;
- what the student wrote: the `qN_answer` cell of the autograded notebook, read as Python source (never run,
  never its outputs), and only when it is one plain string literal assigned once in the whole notebook (an
  answer computed or reassigned elsewhere is not the value that was graded, so it is not listed).
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

from course.grading.submission_files import read_regular

_KEY = re.compile(r"""^\s*(answer_q\w+)\s*=\s*["']([A-D])["']\s*$""", re.M)
MAX_BYTES = 50 << 20


@dataclass(frozen=True)
class NearMiss:
    student: str
    notebook: str
    question: str   # "Q1"
    cell: str       # the graded cell, "q1_check"
    written: str    # what the student wrote, e.g. "b"
    key: str        # "B"
    points: float

    def line(self) -> str:
        return (f"  {self.student}: {self.question} wrote {self.written!r}, the key is ({self.key}): "
                f"{self.notebook}, cell {self.cell}, {self.points:g} point(s)")


def how_to_accept(assignment: str) -> str:
    """The formgrader step, once, above the list."""
    return (f"To accept one: formgrader > Manual Grading > {assignment} > the notebook > the student's submission, "
            f"then type the points in that cell's score box (a manual score overrides the autograded 0 and is kept "
            f"when the class is graded again).")


def normalise(text: str) -> str | None:
    """The letter a near miss means: `"b"`, `"(D)"`, `" C "`, `"c)"`, `"[a]"`, `"C."` -> B, D, C, C, A, C."""
    core = text.strip().strip("([").rstrip(".)]").strip()
    return core.upper() if len(core) == 1 and core.upper() in "ABCD" else None


def _cells(path: Path) -> list[dict] | None:
    try:
        # a link, a FIFO or a device in a student's folder is not read (and cannot hold the grader up)
        nb = json.loads(read_regular(path, MAX_BYTES, follow_links=False).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    return [c for c in cells if isinstance(c, dict)] if isinstance(cells, list) else None


def _grade_id(cell: dict) -> str:
    meta = cell.get("metadata")
    grading = meta.get("nbgrader") if isinstance(meta, dict) else None
    grade_id = grading.get("grade_id") if isinstance(grading, dict) else None
    return grade_id if isinstance(grade_id, str) else ""


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        return "".join(source)
    return source if isinstance(source, str) else ""


def _solution(text: str) -> str:
    """The instructor's solution region of an answer cell (the whole cell if it has none)."""
    if "### BEGIN SOLUTION" in text and "### END SOLUTION" in text:
        return text.split("### BEGIN SOLUTION", 1)[1].split("### END SOLUTION", 1)[0]
    return text


def keys(source_notebook: Path) -> dict[str, tuple[str, str]]:
    """The instructor's MCQs: `qN_check` -> (variable, key letter)."""
    cells = _cells(source_notebook) or []
    by_id = {_grade_id(c): c for c in cells if _grade_id(c)}
    out = {}
    for grade_id, cell in by_id.items():
        if not grade_id.endswith("_answer") or cell.get("cell_type") != "code":
            continue
        slot = grade_id.removesuffix("_answer")
        check = by_id.get(f"{slot}_check")
        found = _KEY.search(_solution(_source(cell)))
        if found and check is not None and (check.get("metadata") or {}).get("nbgrader", {}).get("grade"):
            out[f"{slot}_check"] = (found.group(1), found.group(2))
    return out


def written(cells: list[dict], slot: str, variable: str) -> str | None:
    """The string literal the student's `slot`_answer cell assigns to `variable`, if that is the only
    assignment of it in the notebook's code; else None."""
    literal, assignments = None, 0
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        code = "\n".join(line for line in _source(cell).splitlines() if not line.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(code)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            binds = (isinstance(node, ast.Name) and node.id == variable and isinstance(node.ctx, (ast.Store, ast.Del))) \
                or (isinstance(node, ast.alias) and (node.asname or node.name.split(".")[0]) == variable)
            if binds:
                assignments += 1
            if (_grade_id(cell) == f"{slot}_answer" and isinstance(node, ast.Assign) and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name) and node.targets[0].id == variable
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
                literal = node.value.value
    return literal if assignments == 1 else None


def find(db: str, course_id: str, assignment: str, students: list[str], source_folder: Path,
         autograded_folder) -> list[NearMiss]:
    """Near misses of `students` (graded already), read from the gradebook, the instructor's source and
    the autograded notebooks (`autograded_folder(student)` is that student's folder)."""
    from nbgrader.api import Gradebook, MissingEntry

    mcqs = {path.stem: keys(path) for path in sorted(Path(source_folder).glob("*.ipynb"))}
    mcqs = {name: found for name, found in mcqs.items() if found}
    if not mcqs or not students:
        return []
    out = []
    with Gradebook(db, course_id) as gb:
        for student in students:
            for name, found in mcqs.items():
                try:
                    grades = {g.name: g for g in gb.find_submission_notebook(name, assignment, student).grades}
                except MissingEntry:
                    continue
                zeros = [cell for cell in found if cell in grades and grades[cell].auto_score == 0
                         and grades[cell].manual_score is None]
                if not zeros:
                    continue
                cells = _cells(Path(autograded_folder(student)) / f"{name}.ipynb") or []
                for cell in zeros:
                    variable, key = found[cell]
                    slot = cell.removesuffix("_check")
                    text = written(cells, slot, variable)
                    if text is not None and text != key and normalise(text) == key:
                        out.append(NearMiss(student, name, "Q" + slot[1:], cell, text, key,
                                            float(grades[cell].max_score)))
    return out
