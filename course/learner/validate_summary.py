"""Validate's last word: a plain summary of the questions, after the checks' own messages.

The Validate button (nbgrader's) lists each failing check cell as it is: for a hashed check that is lines
of salted hashes, which tell a learner nothing. nbgrader has no option for a summary, but its Validator runs
nbgrader's `Execute` preprocessor, and nbclient (which `Execute` is built on) calls configurable hooks.
`on_cell_executed` is taken by nbgrader's Execute for itself, and `on_notebook_complete` is never called by
nbconvert's synchronous `preprocess`, which Validate uses; `on_cell_start` is free. The learner's
`nbgrader_config.py` (beside this module, on JUPYTER_CONFIG_PATH when `course start` opens JupyterLab, and
in the hub's student configuration) points it here. At the start of the last code cell a summary cell is
added to the in-memory copy that Validate reads (never to the learner's file); when it runs, every question
having run, its code is the summary as comments: which questions pass, which fail and why, which are not
answered yet, which are written answers. When a question does not pass it ends in an AssertionError, so
Validate lists it last; when all pass it is silent and Validate says so itself. Outside validation the hook
does nothing (it acts only when nbgrader's Validator has set NBGRADER_VALIDATING).
"""

from __future__ import annotations

import inspect
import os
import re

from course.learner.progress import read_questions

SUMMARY_ID = "course_validate_summary"
HEADLINE = "# Summary of your answers (what Validate found, question by question)"
_STATUS = {"passes": "passes", "fails": "does not pass yet", "not answered": "not answered yet",
           "written": "written answer: marked by your instructor, or by you with `course check`"}


def label(grade_id: str) -> str:
    """q6_check -> Q6, q21a_check -> Q21a, essay_answer -> Essay; another id as it is."""
    found = re.match(r"q(\d+[a-z]?)_", grade_id)
    if found:
        return f"Q{found.group(1)}"
    return "Essay" if grade_id.startswith("essay") else grade_id


def lines(questions) -> list[str]:
    """One line per question, then a count: the summary's text."""
    out = []
    for q in questions:
        line = f"{label(q.grade_id)}: {_STATUS.get(q.status, q.status)}"
        if q.status == "fails" and q.detail:
            line += f" ({q.detail.removeprefix('AssertionError: ')})"
        out.append(line)
    checks = [q for q in questions if q.autograded]
    passing = sum(q.status == "passes" for q in checks)
    out.append(f"{passing} of {len(checks)} checked questions pass; "
               f"{sum(q.status == 'not answered' for q in questions)} not answered yet.")
    return out


def _running_notebook(cell):
    """The notebook nbclient is executing, read from the caller's frame: the hook is given the cell only.

    nbclient 0.10 calls the hook from `NotebookClient.async_execute_cell`, whose `self.nb` holds the cell; any
    other caller (another nbclient) gives None, and then Validate is simply nbgrader's own."""
    frame = inspect.currentframe()
    try:
        for _ in range(6):
            frame = frame.f_back if frame is not None else None
            client = frame.f_locals.get("self") if frame is not None else None
            nb = getattr(client, "nb", None)
            if nb is not None and any(c is cell for c in nb.get("cells", [])):
                return nb
        return None
    finally:
        del frame


def add_summary_at_the_end(cell=None, cell_index=None, **_) -> None:
    """nbclient's on_cell_start hook (nbgrader's Execute takes `on_cell_executed` for itself).

    At the start of the notebook's last code cell, a summary cell is added after it; nbconvert runs the
    cells of the list it holds, so that cell runs next, and at its start, every question having run, its
    code is written: the summary as comment lines, then an AssertionError when a question does not pass
    (the error is what makes Validate list it), or nothing when every question passes."""
    if cell is None or os.environ.get("NBGRADER_VALIDATING") != "1":
        return
    notebook = _running_notebook(cell)
    if notebook is None:
        return
    if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == SUMMARY_ID:
        cell.source = summary_source(notebook)
    elif all(c.cell_type != "code" for c in notebook.cells[cell_index + 1:]):
        notebook.cells.append(summary_cell())


def questions_of(notebook):
    return [q for q in read_questions(notebook, "", "") if q.grade_id != SUMMARY_ID]


def needs_summary(notebook) -> bool:
    """A summary only when a question does not pass (when all pass, Validate says so itself)."""
    questions = questions_of(notebook)
    return bool(questions) and not all(q.status in ("passes", "written") for q in questions)


def summary_cell():
    import nbformat

    cell = nbformat.v4.new_code_cell(source=HEADLINE)
    # a graded cell worth 0 points that "failed": nbgrader's Validator lists it, and it changes no score
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": False, "points": 0,
                                 "grade_id": SUMMARY_ID, "schema_version": 3}
    return cell


def summary_source(notebook) -> str:
    questions = questions_of(notebook)
    text = [HEADLINE] + ["# " + line for line in lines(questions)]
    if needs_summary(notebook):
        failing = sum(q.status in ("fails", "not answered") for q in questions)
        text.append(f'raise AssertionError("{failing} question(s) to answer or correct: see the summary above")')
    return "\n".join(text)
