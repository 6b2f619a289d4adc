"""`course feedback`: nbgrader's HTML feedback for every graded submission of an assignment.

nbgrader writes it to feedback/<student>/<assignment>/; note that feedback shows the hidden tests too
(nbgrader issue #917), so release it after the deadline.
"""

from __future__ import annotations

from pathlib import Path

from course import nbgrader_app


def generate(course_dir: Path, assignment: str, db: str | None = None, force: bool = False) -> list[Path]:
    args = ["generate_feedback", assignment] + (["--force"] if force else [])
    nbgrader_app.run(args, course_dir, db=db)
    return sorted(Path(course_dir).glob(f"feedback/*/{assignment}/*.html"))
