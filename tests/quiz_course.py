"""A tiny nbgrader course built in a temporary folder, for testing `course` commands quickly.

One assignment, `quiz`, one notebook: two autograded questions (2 and 3 points, the second with a hidden
test) and one written answer (5 points, marked by hand). Submissions cover what a class really sends:
correct, partial, blank, invalid JSON, a misnamed notebook, and code that kills its kernel.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course.grading import nbgrader_app, release

ASSIGNMENT = "quiz"
CONFIG = 'c = get_config()\nc.CourseDirectory.course_id = "quiz-course"\nc.Execute.timeout = 20\n'
DOUBLE = "def double(x):\n    return 2 * x"
YEAR = "def year():\n    return 1991"


def _cell(cell, **meta):
    cell.metadata["nbgrader"] = dict(grade=False, grade_id="", locked=False, schema_version=3, solution=False,
                                     task=False) | meta
    return cell


def source_notebook() -> nbformat.NotebookNode:
    cells = [
        _cell(new_markdown_cell("# Quiz"), grade_id="intro", locked=True),
        _cell(new_code_cell("import math"), grade_id="setup", locked=True),
        _cell(new_code_cell("def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"),
              grade_id="double", solution=True),
        _cell(new_code_cell("assert double(2) == 4"), grade_id="test_double", grade=True, points=2, locked=True),
        _cell(new_code_cell("def year():\n    ### BEGIN SOLUTION\n    return 1991\n    ### END SOLUTION"),
              grade_id="year", solution=True),
        _cell(new_code_cell("assert year() == 1991\n### BEGIN HIDDEN TESTS\nassert isinstance(year(), int)\n"
                            "### END HIDDEN TESTS"), grade_id="test_year", grade=True, points=3, locked=True),
        _cell(new_markdown_cell("Why did the Soviet Union end?\n\n### BEGIN SOLUTION\nMany reasons.\n"
                                "### END SOLUTION"), grade_id="essay", solution=True, grade=True, points=5),
    ]
    return new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                              "language": "python"}})


def make_course(root: Path) -> Path:
    """The instructor's side: source/quiz/quiz.ipynb and nbgrader_config.py (nothing released yet)."""
    (root / "source" / ASSIGNMENT).mkdir(parents=True, exist_ok=True)
    nbformat.write(source_notebook(), root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    (root / "nbgrader_config.py").write_text(CONFIG)
    return root


def answered(released: Path, answers: dict[str, str]) -> nbformat.NotebookNode:
    """The student version with some solution cells (by grade_id) filled in."""
    nb = nbformat.read(released, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def submit(course: Path, student: str, content, name: str = f"{ASSIGNMENT}.ipynb") -> Path:
    import nbgrader_course

    return nbgrader_course.submit(course, student, ASSIGNMENT, content, "2026-11-20 10:00:00.000000 UTC", name)


#: student -> what they hand in; the expected autograded score (out of 5) for the graded ones.
EXPECTED = {"all-right": 5.0, "half-right": 2.0, "blank": 0.0, "wrong": 0.0}
BROKEN = {"not-json": "invalid JSON", "misnamed": "no notebook of that name", "kernel-crash": "kills its kernel"}


def class_of_submissions(course: Path) -> Path:
    """Release the quiz in `course` and hand in the whole class's submissions."""
    release.release(course, ASSIGNMENT)
    released = course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    submit(course, "all-right", answered(released, {"double": DOUBLE, "year": YEAR, "essay": "Many reasons."}))
    submit(course, "half-right", answered(released, {"double": DOUBLE}))
    submit(course, "blank", answered(released, {}))
    submit(course, "wrong", answered(released, {"double": "def double(x):\n    return x"}))
    submit(course, "not-json", '{"cells": [ this is not JSON')
    submit(course, "misnamed", answered(released, {"double": DOUBLE}), name="my_quiz.ipynb")
    submit(course, "kernel-crash", answered(released, {"double": "import os\nos._exit(1)"}))
    return course


def copy(course: Path, dest: Path) -> Path:
    shutil.copytree(course, dest)
    return dest


def plain_autograde(course: Path, db: str | None = None) -> str:
    """What an instructor runs today: `nbgrader autograde quiz`, sequential, one process."""
    try:
        return nbgrader_app.run(["autograde", ASSIGNMENT], course, db=db)
    except nbgrader_app.NbgraderError as error:  # nbgrader exits 1 when any submission failed
        return str(error)
