"""`course export`: one row per student of the roster and assignment of the gradebook, that a spreadsheet
cannot misread.

nbgrader's own CSV export counts an unmarked essay as 0 with no flag, shows a notebook that could not be
graded as 0.0 like a blank one, and prints times in UTC without saying so. Here every row carries a
**status**, read from the gradebook alone (through nbgrader's public `nbgrader.api.Gradebook`):

- `complete`: every graded cell has its score.
- `essays not marked yet`: a cell that needs a hand mark has none (nbgrader's `needs_manual_grade` with no
  `manual_score`): the scores count what is marked so far and `score_is` says `provisional`.
- `not graded: REASON`: handed in, but the gradebook has no score for it: it sits in submitted/ and was
  never autograded, or autograding failed (no autograded notebook), or the gradebook holds no scores.
- `no submission`: nothing handed in and nothing in the gradebook.

Times are the class's (`c.Exchange.timezone` in its nbgrader_config.py, else the machine's zone; see
class_settings), written with their offset, and the zone's name is in the `time_zone` column of every row.
The columns nbgrader's export also has keep nbgrader's names and meanings (`raw_score`,
`late_submission_penalty` as the gradebook records it, `score` = raw score less penalty, never below 0).

**Parts (MCQ, data, essay).** The assignments carry no tag for a part; what marks their cells is nbgrader's
own metadata, kept in the gradebook (grade cells, solution cells and their source), and the course's
naming of question cells (`q<N>_question`, `q<N>_answer`, `q<N>_check`, as the assignments and
`course variant` write them). The rule, in this order, per grade cell:

1. `essay`: a grade cell that is also a solution cell and is markdown: an answer in prose, marked by hand
   (the essays, and short written parts such as the mock exam's Q21(d)).
2. `mcq`: an autograded test (a code grade cell that is not a solution cell) whose source checks that the
   answer is one of the letters `('A', 'B', 'C', 'D')`: every MCQ check the course writes does, practice,
   mock and variant alike.
3. `data`: any other autograded test named as a question's check (`q<N>_check`, `q21a_check`): the course's
   other checks all test a value computed from the tables.
4. `other`: anything else (a hand-marked code answer, a task cell, a cell named otherwise), so that the
   parts always add up to the total and nothing is put in a part by guesswork.

The files themselves (a CSV safe from formulas, the .xlsx, writing atomically) are `export_files`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from course.grading import class_settings, export_files, gradebook
from course.grading.export_files import ExportError

PARTS = ("mcq", "data", "essay", "other")
COMPLETE, UNMARKED, NO_SUBMISSION = "complete", "essays not marked yet", "no submission"
NOT_GRADED = "not graded: "
__all__ = ["ExportError", "export", "part_of", "table"]

#: The header, in order: nbgrader's own column names where the meaning is the same.
COLUMNS = ("student_id", "last_name", "first_name", "email", "assignment", "status", "score_is", "raw_score",
           "late_submission_penalty", "score", "max_score",
           *(name for part in PARTS for name in (part, f"{part}_max")),
           "duedate", "timestamp", "time_zone", "seconds_late")
#: Columns that hold numbers; every other column is text (and neutralised against formulas).
NUMBERS = frozenset({"raw_score", "late_submission_penalty", "score", "max_score", "seconds_late",
                     *PARTS, *(f"{part}_max" for part in PARTS)})

_MCQ_CHECK = re.compile(r"""in\s*\(\s*(['"])A\1\s*,\s*\1B\1\s*,\s*\1C\1\s*,\s*\1D\1\s*\)""")
_QUESTION_CHECK = re.compile(r"q\d+[a-z]?_check")


def part_of(name: str, cell_type: str, is_solution: bool, source: str) -> str:
    """The part (mcq, data, essay, other) of one grade cell, by the rule in the module's docstring."""
    if is_solution:
        return "essay" if cell_type == "markdown" else "other"
    if cell_type != "code":
        return "other"
    if _MCQ_CHECK.search(source or ""):
        return "mcq"
    return "data" if _QUESTION_CHECK.fullmatch(name) else "other"


@dataclass
class Layout:
    """What the gradebook knows of one assignment's cells: (notebook, cell) -> part, and each part's marks."""

    parts: dict[tuple[str, str], str] = field(default_factory=dict)
    marks: dict[tuple[str, str], float] = field(default_factory=dict)
    maxima: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PARTS, 0.0))
    autograded: set[tuple[str, str]] = field(default_factory=set)


def layout(assignment) -> Layout:
    out = Layout()
    for notebook in assignment.notebooks:
        solutions = {cell.name for cell in notebook.solution_cells}
        sources = {cell.name: cell.source for cell in notebook.source_cells}
        for cell in notebook.grade_cells:
            part = part_of(cell.name, cell.cell_type, cell.name in solutions, sources.get(cell.name, ""))
            out.parts[(notebook.name, cell.name)] = part
            out.marks[(notebook.name, cell.name)] = cell.max_score or 0.0
            out.maxima[part] += cell.max_score or 0.0
            if cell.name not in solutions:
                out.autograded.add((notebook.name, cell.name))
    return out


def _number(value: float) -> float | int:
    """Scores as the gradebook keeps them, without a float's noise (13.999999 -> 14)."""
    value = round(float(value), 6)
    return int(value) if value == int(value) else value


def _safe_folder_name(name: str) -> bool:
    return bool(name) and "/" not in name and "\\" not in name and name not in (".", "..")


def submission_row(submission, shape: Layout, course_dir: Path) -> dict:
    """Status, scores and parts of one submission in the gradebook."""
    scores = dict.fromkeys(PARTS, 0.0)
    marked = dict.fromkeys(PARTS, False)
    unmarked_marks, unscored_tests, notebooks = 0.0, 0, 0
    for notebook in submission.notebooks:
        notebooks += 1
        for grade in notebook.grades:
            key = (notebook.name, grade.name)
            part = shape.parts.get(key, "other")
            if key in shape.autograded and grade.auto_score is None and grade.manual_score is None:
                # an autograded test with no score at all: the run that should have scored it failed (nbgrader
                # made the submission's rows, then the kernel or the sandbox failed), whatever else is marked
                unscored_tests += 1
                continue
            if grade.needs_manual_grade and grade.manual_score is None and grade.auto_score is None:
                unmarked_marks += shape.marks.get(key, 0.0)
                continue
            if grade.needs_manual_grade and grade.manual_score is None:
                unmarked_marks += shape.marks.get(key, 0.0)  # an autograded score still waiting for a look by hand
            scores[part] += grade.score or 0.0
            marked[part] = True
    row = {"timestamp": submission.timestamp, "duedate": submission.duedate,
           "seconds_late": _number(submission.total_seconds_late) if submission.timestamp else None}
    if not notebooks or unscored_tests:
        autograded = course_dir / "autograded" / submission.student_id / submission.assignment.name
        if not notebooks:
            reason = "the gradebook has no notebook for it"
        elif _safe_folder_name(submission.student_id) and not any(autograded.glob("*.ipynb")):
            reason = "autograding failed (no autograded notebook; `course grade` says why)"
        else:
            reason = "the gradebook has no scores for it"
        return row | {"status": NOT_GRADED + reason, "score_is": "no score"}
    raw = sum(scores.values())
    # nbgrader's SubmittedAssignment.late_submission_penalty is this sum; read here from the loaded notebooks
    penalty = sum(notebook.late_submission_penalty or 0.0 for notebook in submission.notebooks)
    row |= {"raw_score": _number(raw), "late_submission_penalty": _number(penalty),
            "score": _number(max(0.0, raw - penalty))}
    row |= {part: _number(scores[part]) if marked[part] else None for part in PARTS}
    if unmarked_marks:
        return row | {"status": UNMARKED, "score_is": f"provisional: {_number(unmarked_marks):g} marks not marked yet"}
    return row | {"status": COMPLETE, "score_is": "final"}


def missing_row(student_id: str, assignment, course_dir: Path) -> dict:
    """A student with no submission of this assignment in the gradebook: handed in but not graded, or not at
    all."""
    folder = course_dir / "submitted" / student_id / assignment.name
    if _safe_folder_name(student_id) and folder.is_dir():
        return {"status": NOT_GRADED + "submitted but not autograded yet (run `course grade`)",
                "score_is": "no score", "duedate": assignment.duedate}
    return {"status": NO_SUBMISSION, "score_is": "no score", "duedate": assignment.duedate}


def open_gradebook(course_dir: Path, url: str):
    """nbgrader's Gradebook on the class's database, never creating one that is not there."""
    from nbgrader.api import Gradebook

    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///").split("?")[0]).is_file():
        raise ExportError(f"no gradebook at {url.removeprefix('sqlite:///')}: run `course release` for the class "
                          f"first, or give --course or --db")
    return Gradebook(url, gradebook.course_id(gradebook.course_config(course_dir, url)))


def _submissions(gb, assignment: str) -> list:
    """`gb.assignment_submissions(assignment)`, with every notebook and grade loaded in three queries instead of
    two per student (a class of 500 is read in a second, not ten)."""
    from nbgrader.api import Assignment, SubmittedAssignment, SubmittedNotebook
    from sqlalchemy.orm import selectinload

    return (gb.db.query(SubmittedAssignment)
            .join(Assignment, Assignment.id == SubmittedAssignment.assignment_id)
            .filter(Assignment.name == assignment)
            .options(selectinload(SubmittedAssignment.notebooks).selectinload(SubmittedNotebook.grades))
            .all())


def table(course_dir: Path, db: str | None = None, assignment: str | None = None) -> tuple[list[dict], str]:
    """Every row of the export and the class's time zone name. Raises ExportError for bad input."""
    course_dir = Path(course_dir).resolve()
    try:
        zone_name = class_settings.timezone_name(course_dir)
    except class_settings.ClassSettingsError as error:
        raise ExportError(str(error)) from None
    zone = class_settings.zone(zone_name)
    rows = []
    url = gradebook.url(course_dir, db)
    with open_gradebook(course_dir, url) as gb:
        assignments = sorted(gb.assignments, key=lambda a: a.name)
        if assignment is not None:
            assignments = [a for a in assignments if a.name == assignment]
            if not assignments:
                known = ", ".join(a.name for a in gb.assignments) or "none yet"
                raise ExportError(f"{assignment!r} is not in the gradebook {gradebook.redacted(url)} (its "
                                  f"assignments: {known})")
        students = sorted(gb.students, key=lambda s: s.id)
        for item in assignments:
            shape = layout(item)
            submitted = {s.student_id: s for s in _submissions(gb, item.name)}
            for student in students:
                if student.id in submitted:
                    row = submission_row(submitted[student.id], shape, course_dir)
                else:
                    row = missing_row(student.id, item, course_dir)
                row |= {"student_id": student.id, "last_name": student.last_name, "first_name": student.first_name,
                        "email": student.email, "assignment": item.name, "max_score": _number(item.max_score or 0),
                        "time_zone": zone_name,
                        "duedate": class_settings.local_time(row.get("duedate"), zone),
                        "timestamp": class_settings.local_time(row.get("timestamp"), zone)}
                row |= {f"{part}_max": _number(shape.maxima[part]) for part in PARTS}
                rows.append({column: row.get(column) for column in COLUMNS})
    return rows, zone_name


def export(course_dir: Path, out: Path, xlsx: Path | None = None, db: str | None = None,
           assignment: str | None = None) -> list[str]:
    """Write the CSV (and the .xlsx), all or nothing; return the lines to print."""
    targets = [Path(out)] + ([Path(xlsx)] if xlsx else [])
    for target in targets:
        export_files.check_target(target)
    rows, zone_name = table(course_dir, db, assignment)
    export_files.write_all(rows, COLUMNS, NUMBERS, csv_path=Path(out), xlsx_path=Path(xlsx) if xlsx else None)
    counts: dict[str, int] = {}
    for row in rows:
        key = NOT_GRADED.rstrip(": ") if row["status"].startswith(NOT_GRADED) else row["status"]
        counts[key] = counts.get(key, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no rows: the roster is empty"
    return [f"{len(rows)} rows (times in {zone_name}): {summary}",
            *(f"Grades written to {target.resolve()}" for target in targets)]
