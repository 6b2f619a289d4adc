"""`course check`: a learner's own copy of an assignment, graded on their machine with the practice key.

Route: the course's trusted grader itself (`course.grading.grade`, what `course grade` runs for a class),
on a one-student class in a temporary folder. The alternative, running the source notebook's hidden tests
in the learner's own kernel, would be a second grader that could drift from the first; this way a mark
from `course check` is the mark `course grade` would give, with nbgrader's scores to the cell, the checks
decided outside the learner's kernel and the kernel in the sandbox when bubblewrap runs here. The class
needs a gradebook that knows the assignment's cells: the course's build cache of student versions
(`course.release`, which `course start` fills) already holds one, made when the learner's copy was
generated, so it is copied instead of generating the assignment again (a minute on a slow laptop).

Nothing of the learner's is written to: their folder is copied into the temporary class.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from course import paths
from course.learner import key

LEARNER = "me"  # the one student of the temporary class


@dataclass
class Result:
    item: key.Item
    score: float | None  # None: marked by the learner (essays)
    message: str = ""  # what the check said: the MCQ's key and explanation, a data check's verdict
    answer: str = ""  # the learner's answer cell
    review: object | None = None  # the essay coach's notes (course.coach.Review)

    @property
    def right(self) -> bool:
        return self.score is not None and self.score >= self.item.points


@dataclass
class Marked:
    assignment: str
    results: list[Result] = field(default_factory=list)
    sandboxed: bool = True

    def auto(self) -> list[Result]:
        return [r for r in self.results if r.item.kind != "essay"]

    def essays(self) -> list[Result]:
        return [r for r in self.results if r.item.kind == "essay"]


def sandbox_runs() -> bool:
    from course.grading.sandbox import Sandbox, SandboxUnavailable

    try:
        Sandbox().check()
    except SandboxUnavailable:
        return False
    return True


def _build(assignment: str, course_dir: Path, build: Path) -> Path:
    """The build cache's folder for `assignment` (generated now only if the course changed since)."""
    from course import release

    release.student_versions(course_dir, build)
    if not (build / "build.db").is_file() or not (build / "source" / assignment).is_dir():
        raise key.CannotMark(f"the course's build of {assignment} is missing; run `course update` and try again")
    return build


def grade(notebook: Path, assignment: str, course_dir: Path | None = None, build: Path | None = None) -> Marked:
    """Grade the learner's `notebook` (in its folder) as `course grade` would; the learner's files are read only."""
    import nbformat

    from course import grading, gradebook, nbgrader_app, release

    course_dir = Path(course_dir or paths.ASSIGNMENTS)
    build = _build(assignment, course_dir, Path(build or paths.BUILD / "student"))
    sandboxed = sandbox_runs()
    with tempfile.TemporaryDirectory(prefix="course-check-") as tmp:
        course = Path(tmp) / "class"
        shutil.copytree(build / "source" / assignment, course / "source" / assignment)
        for name in release.COURSE_FILES:
            if (build / name).exists():
                shutil.copy2(build / name, course / name)
        shutil.copy2(build / "build.db", course / "gradebook.db")
        handed_in = course / "submitted" / LEARNER / assignment
        shutil.copytree(notebook.parent, handed_in, symlinks=True,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.updated-*", "*.html"))
        for other in handed_in.glob("*.ipynb"):  # only the notebook being checked is graded
            if other.name != f"{assignment}.ipynb":
                other.unlink()
        if notebook.name != f"{assignment}.ipynb":
            shutil.copy2(notebook, handed_in / f"{assignment}.ipynb")
        summary = grading.grade(course, assignment, jobs=1, sandbox=sandboxed, progress=lambda line: None)
        if summary.failed:
            raise key.CannotMark(f"{notebook} could not be graded: {summary.failed[0].reason}")
        scores = gradebook.cell_scores(nbgrader_app.default_db(course), course, assignment)
        graded = nbformat.read(course / "autograded" / LEARNER / assignment / f"{assignment}.ipynb", as_version=4)
    source = key.read_notebook(course_dir / "source" / assignment / f"{assignment}.ipynb")
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in graded.cells}
    marked = Marked(assignment, sandboxed=sandboxed)
    for item in key.items(source):
        score = scores.get((LEARNER, assignment, item.graded), (None,))[0]
        answer = cells.get(item.answer)
        text = answer.source if answer is not None else ""
        result = Result(item, None if item.kind == "essay" else float(score or 0), answer=text)
        if item.kind != "essay":
            result.message = _said(cells.get(item.graded))
        elif not _blank(text):
            from course import coach

            result.review = coach.review(text, item.question_id)
        marked.results.append(result)
    return marked


def _blank(text: str) -> bool:
    from course import progress

    return not text.strip() or progress.ANSWER_PLACEHOLDER in text


def _said(cell) -> str:
    """What a graded check cell printed or raised, without nbgrader's "Success!" line."""
    if cell is None:
        return ""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts += [line for line in output.get("text", "").splitlines() if line.strip() and line.strip() != "Success!"]
        elif output.get("output_type") == "error":
            value = output.get("evalue", "")
            parts.append(value if value else output.get("ename", "error"))
    return " ".join(parts).strip()
