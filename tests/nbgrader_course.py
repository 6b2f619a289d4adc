"""Drive nbgrader in-process against a temporary copy of the course, as nbgrader's own tests do.

Modelled on `nbgrader/tests/__init__.py::run_nbgrader` (an `NbGraderApp` instance per call, the exit code
checked, the app reset afterwards) and the fixtures of `nbgrader/tests/apps/conftest.py` (a temporary
course folder and a temporary sqlite gradebook). Nothing here writes into the repository's assignments/.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat

from course.grading.nbgrader_app import invoke

REPO = Path(__file__).resolve().parent.parent
COURSE = REPO / "assignments"
ASSIGNMENTS = ("a1_westernization", "a2_dissociation", "a3_escalation", "mock_exam")
SOLUTION = re.compile(r"^\s*#*\s*(BEGIN|END) SOLUTION\s*$")


def run_nbgrader(args: list[str], course_dir: Path, retcode: int | None = 0) -> str:
    """Run `nbgrader ARGS` in this process from `course_dir`; return its log. `retcode=None` accepts any."""
    code, log = invoke(args, course_dir)
    if retcode is not None and code != retcode:
        raise AssertionError(f"nbgrader {' '.join(args)} exited {code}, expected {retcode}:\n{log[-4000:]}")
    return log


def copy_course(dest: Path, test_config: str = "") -> Path:
    """The course's config and source notebooks, copied to `dest`, with extra config lines appended."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(COURSE / "nbgrader_config.py", dest / "nbgrader_config.py")
    shutil.copytree(COURSE / "source", dest / "source", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if test_config:
        with open(dest / "nbgrader_config.py", "a", encoding="utf-8") as fh:
            fh.write("\n# --- added by the test suite ---\n" + test_config + "\n")
    return dest


def source_nb(assignment: str) -> nbformat.NotebookNode:
    return nbformat.read(COURSE / "source" / assignment / f"{assignment}.ipynb", as_version=4)


def nbmeta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def solutions(assignment: str) -> dict[str, str]:
    """grade_id -> the instructor's solution for every solution cell, delimiters removed."""
    out = {}
    for cell in source_nb(assignment).cells:
        if nbmeta(cell).get("solution"):
            lines = cell.source.splitlines()
            if any(SOLUTION.match(line) for line in lines):
                start = next(i for i, line in enumerate(lines) if SOLUTION.match(line))
                end = max(i for i, line in enumerate(lines) if SOLUTION.match(line))
                out[nbmeta(cell)["grade_id"]] = "\n".join(lines[start + 1:end])
            else:
                out[nbmeta(cell)["grade_id"]] = cell.source
    return out


def points(assignment: str) -> dict[str, float]:
    """grade_id -> points of every graded cell in the source notebook."""
    return {nbmeta(c)["grade_id"]: float(nbmeta(c)["points"]) for c in source_nb(assignment).cells
            if nbmeta(c).get("grade")}


def auto_points(assignment: str) -> dict[str, float]:
    """Points of the autograded (code test) cells only."""
    return {nbmeta(c)["grade_id"]: float(nbmeta(c)["points"]) for c in source_nb(assignment).cells
            if nbmeta(c).get("grade") and not nbmeta(c).get("solution")}


def released(course_dir: Path, assignment: str) -> nbformat.NotebookNode:
    return nbformat.read(course_dir / "release" / assignment / f"{assignment}.ipynb", as_version=4)


def answer(nb: nbformat.NotebookNode, replies: dict[str, str]) -> nbformat.NotebookNode:
    """A student's copy of a released notebook with some answer cells filled in."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        gid = nbmeta(cell).get("grade_id")
        if gid in replies:
            cell.source = replies[gid]
    return nb


def submit(course_dir: Path, student: str, assignment: str, nb_or_text, timestamp: str = "2026-11-20 10:00:00",
           name: str | None = None):
    """Place a submission as `nbgrader collect` or `zip_collect` would: submitted/<student>/<assignment>/.

    The one writer of fake submissions for every test: a notebook, or text (a broken file), under the
    assignment's own notebook name unless `name` says otherwise (a misnamed file)."""
    folder = course_dir / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{assignment}.ipynb")
    if isinstance(nb_or_text, str):
        path.write_text(nb_or_text, encoding="utf-8")
    else:
        nbformat.write(nb_or_text, path)
    (folder / "timestamp.txt").write_text(timestamp, encoding="utf-8")
    return path
