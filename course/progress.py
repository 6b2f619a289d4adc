"""`course progress --checks`: which questions of my assignments pass their visible tests, right now?

A learner working alone has no instructor to run the autograder. This runs each assignment notebook in
the workspace from top to bottom (as nbgrader's Validate button does: a fresh kernel in the notebook's
folder, `NBGRADER_EXECUTION=validate`) and reads, for every graded cell (grade_id), whether its tests ran
without an error. Only the visible tests are in a learner's copy, so "passes" means "passes what I can
see"; hidden tests and written answers are for the instructor.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ANSWER_PLACEHOLDER = "YOUR ANSWER HERE"


@dataclass
class Question:
    assignment: str
    notebook: str
    grade_id: str
    points: float
    status: str  # "passes", "fails", "written" (marked by an instructor), "not answered"
    detail: str = ""
    autograded: bool = False  # a code check (counts towards "visible tests"), not a written answer


#: what nbgrader leaves in a code answer cell of the student version (ClearSolutions.code_stub)
UNTOUCHED_STUB = "raise NotImplementedError"


def assignment_notebooks(workspace: Path) -> list[Path]:
    """The learner's own assignment notebooks (not the course's newer versions placed beside them)."""
    root = Path(workspace) / "assignments"
    return sorted(p for p in root.glob("*/*.ipynb") if ".updated-" not in p.name and ".ipynb_checkpoints" not in p.parts)


def check_notebook(path: Path, timeout: int = 60) -> list[Question]:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    old = os.environ.get("NBGRADER_EXECUTION")
    os.environ["NBGRADER_EXECUTION"] = "validate"
    try:
        client = NotebookClient(nb, timeout=timeout, allow_errors=True, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
            failure = ""
        except Exception as error:  # a kernel that died: what ran so far still counts
            failure = f"{type(error).__name__}: {error}".splitlines()[0]
    finally:
        if old is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = old
    return read_questions(nb, path.parent.name, path.stem, failure)


def read_questions(nb, assignment: str, notebook: str, failure: str = "") -> list[Question]:
    """Each graded cell of an executed notebook, with its status (also Validate's summary reads these)."""
    questions = []
    untouched = False  # an answer cell since the previous check still holds the "raise NotImplementedError" stub
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            untouched = untouched or UNTOUCHED_STUB in "".join(cell.source)
        if not meta.get("grade"):
            continue
        status, detail = _status(cell, failure)
        if status == "fails" and untouched and cell.cell_type == "code":
            status, detail = "not answered", ""
        if not meta.get("solution"):
            untouched = False
        questions.append(Question(assignment, notebook, meta.get("grade_id", "?"),
                                  float(meta.get("points", 0)), status, detail, cell.cell_type == "code"))
    return questions


def _status(cell, failure: str) -> tuple[str, str]:
    if cell.cell_type != "code":
        text = "".join(cell.source).strip()
        return ("not answered", "") if not text or ANSWER_PLACEHOLDER in text else ("written", "")
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        return "fails", f"{errors[0].get('ename')}: {errors[0].get('evalue', '')}".strip()[:120]
    if cell.get("execution_count") is None:  # never ran: the kernel stopped before it
        return "fails", failure or "did not run"
    return "passes", ""


def check_workspace(workspace: Path, timeout: int = 60) -> list[Question]:
    out: list[Question] = []
    for path in assignment_notebooks(workspace):
        out += check_notebook(path, timeout=timeout)
    return out


def table(questions: list[Question]) -> list[str]:
    rows = [("assignment", "notebook", "question", "points", "status")]
    rows += [(q.assignment, q.notebook, q.grade_id, f"{q.points:g}",
              q.status + (f" ({q.detail})" if q.detail else "")) for q in questions]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4] for r in rows]
    lines.insert(1, "-" * min(100, max(len(line) for line in lines)))
    for assignment in dict.fromkeys(q.assignment for q in questions):
        mine = [q for q in questions if q.assignment == assignment and q.autograded]
        passed = sum(q.points for q in mine if q.status == "passes")
        lines.append(f"{assignment}: visible tests pass for {passed:g} of {sum(q.points for q in mine):g} points")
    return lines


def figure(questions: list[Question]):
    """Points per question, coloured by status, one bar row per assignment question."""
    import plotly.graph_objects as go

    from course import theme

    colours = {"passes": theme.OKABE_ITO["bluish_green"], "fails": theme.OKABE_ITO["vermillion"],
               "written": theme.OKABE_ITO["sky_blue"], "not answered": theme.GRID}
    fig = go.Figure()
    for status, colour in colours.items():
        mine = [q for q in questions if q.status == status]
        fig.add_bar(name=status, orientation="h", marker_color=colour,
                    x=[q.points for q in mine], y=[[q.assignment for q in mine], [q.grade_id for q in mine]])
    passed = sum(q.points for q in questions if q.status == "passes")
    total = sum(q.points for q in questions)
    fig.update_layout(barmode="stack", xaxis_title="points", template=theme.TEMPLATE,
                      height=max(300, 28 * len(questions) + 150))
    theme.finish(fig, title=f"Your checks pass on {passed:g} of {total:g} points so far",
                 source="your workspace's assignment notebooks, run with their visible checks")
    return fig


def write_chart(questions: list[Question], out: Path) -> Path:
    out = Path(out)
    from course import theme

    figure(questions).write_html(out, include_plotlyjs=True, config=theme.CONFIG)  # the page works offline
    return out
