"""What a feedback page needs beyond nbgrader's GetGrades: each question's name and which are not marked yet.

Why a preprocessor: nbgrader's feedback template sees the notebook and GetGrades's scores only, so an essay
still waiting for its mark reads "Score: 0.0 / 20.0", and a check is called "Test cell". `MarkingState` (an
nbconvert preprocessor, the seam nbgrader's own GetGrades uses) reads the gradebook for the page's student
and puts in `resources["feedback"]`:

- `labels`: grade id -> the question's name as the student knows it ("Q9"), from the notebook's own text;
- `unmarked`: grade ids of manually graded cells without a manual score (`needs_manual_grade` and
  `manual_score is None`), which the template (course/templates/feedback_offline/) shows as "not marked yet"
  under a notice at the top of the page.

`course feedback` adds it to GenerateFeedback's preprocessors for its run (course/grading/feedback.py); the
template works without it (labels fall back to the grade id's `qN_` prefix, and nothing is called unmarked).
"""

from __future__ import annotations

import re

#: "**Q9.**", "<strong>Q9.</strong>", "## Q9 ..." at the start of a question's text.
QUESTION = re.compile(r"^[\s*_#>]*Q(\d+)\b")
GRADE_ID_QUESTION = re.compile(r"^q(\d+)_", re.I)
TAG = re.compile(r"<[^>]*>")


def _text(cell) -> str:
    source = cell.get("source", "")
    return TAG.sub("", source if isinstance(source, str) else "".join(source))


def question_labels(cells) -> dict[str, str]:
    """grade id -> "QN" for every graded cell: from the id ("q3_check"), else from the nearest question text
    above it ("**Q9.** ..."), else the id itself."""
    labels, last = {}, None
    for cell in cells:
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if cell.get("cell_type") == "markdown" and not meta.get("solution"):
            found = QUESTION.match(_text(cell))
            last = f"Q{found.group(1)}" if found else last
        if meta.get("grade") or meta.get("task"):
            grade_id = str(meta.get("grade_id", ""))
            by_id = GRADE_ID_QUESTION.match(grade_id)
            labels[grade_id] = f"Q{by_id.group(1)}" if by_id else (last or grade_id)
    return labels


def unmarked(grades) -> list[str]:
    """Names of the grades that wait for an instructor: flagged for a manual grade and not given one."""
    return [g.name for g in grades if g.needs_manual_grade and g.manual_score is None]


def _preprocessor_class():
    from nbconvert.preprocessors import Preprocessor
    from traitlets import Bool

    class MarkingState(Preprocessor):
        """resources["feedback"]: question labels and the grade ids still to be marked (see the module)."""

        enabled = Bool(True, help="On when listed; nbgrader registers preprocessors without enabling them.").tag(
            config=True)

        def preprocess(self, nb, resources):
            from nbgrader.api import Gradebook

            info = resources.get("nbgrader") or {}
            waiting = []
            if info.get("db_url"):
                with Gradebook(info["db_url"]) as gb:
                    notebook = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
                    waiting = unmarked(notebook.grades)
            resources["feedback"] = {"labels": question_labels(nb.cells), "unmarked": waiting}
            return nb, resources

    MarkingState.__module__ = __name__
    MarkingState.__qualname__ = "MarkingState"
    return MarkingState


MarkingState = _preprocessor_class()
