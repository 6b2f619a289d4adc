"""The class gradebook: which database, its configuration, and what is read back from it.

nbgrader keeps grades in an SQL database: SQLite by default (gradebook.db in the course folder), or a
server such as PostgreSQL given as a URL (`postgresql+psycopg://user@host:port/name`; the `+psycopg` names
the psycopg 3 driver, which SQLAlchemy 2 needs spelled out).
"""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from course import nbgrader_app

#: Seconds an SQLite writer waits for another grading worker's write to finish before giving up.
SQLITE_BUSY_TIMEOUT = 120


def display(db: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(db)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return db


def concurrent_url(db: str) -> str:
    """The URL grading workers use: for SQLite, with a busy timeout so writers wait instead of failing."""
    if db.startswith("sqlite") and "timeout=" not in db:
        return db + ("&" if "?" in db else "?") + f"timeout={SQLITE_BUSY_TIMEOUT}"
    return db


def course_config(course_dir: Path, db: str):
    """nbgrader's configuration for this course folder: its nbgrader_config.py, then root and database."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    if (Path(course_dir) / "nbgrader_config.py").exists():
        config.merge(PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config())
    config.CourseDirectory.root = str(course_dir)
    config.CourseDirectory.db_url = db
    return config


def configured_db(course_dir: Path) -> str | None:
    """The gradebook URL nbgrader itself would use for this course, if its configuration names one.

    nbgrader reads `CourseDirectory.db_url` from the Jupyter config folders and then from the folder it runs
    in (the course folder, for the `course` commands); a JupyterHub instructor's PostgreSQL address lives
    there. Without this, `course grade` would grade into a new SQLite file while formgrader reads the other.
    """
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    for folder in [*reversed(jupyter_config_path()), str(course_dir)]:  # later folders take precedence
        if (Path(folder) / "nbgrader_config.py").exists():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config())
    return config.CourseDirectory.db_url if "db_url" in config.CourseDirectory else None


def course_id(config) -> str:
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=config).course_id


def released_notebooks(db: str, course_id: str, assignment: str) -> list[str]:
    """The assignment's notebook names, as the gradebook knows them; its tables are created now if need be
    (before grading workers start, so that they never race to create them)."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db, course_id) as gb:
        try:
            return sorted(nb.name for nb in gb.find_assignment(assignment).notebooks)
        except MissingEntry:
            raise nbgrader_app.NbgraderError(
                f"{assignment!r} is not in the gradebook {display(db)}: run `course release {assignment}` first"
            ) from None


def submission_score(db: str, config, assignment: str, student: str) -> tuple[float, float]:
    from nbgrader.api import Gradebook

    with Gradebook(db, course_id(config)) as gb:
        submission = gb.find_submission(assignment, student)
        return submission.score, submission.max_score


def cell_scores(db: str, course_dir: Path, assignment: str) -> dict[tuple[str, str, str], tuple]:
    """(student, notebook, grade cell) -> (auto score, manual score, max score, needs manual grade).

    The finest view of a gradebook: two gradebooks that agree here gave every student the same marks.
    """
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(db, course_id(course_config(course_dir, db))) as gb:
        for submission in gb.assignment_submissions(assignment):
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    out[(submission.student_id, notebook.name, grade.name)] = (
                        grade.auto_score, grade.manual_score, grade.max_score, grade.needs_manual_grade)
    return out


def export_csv(course_dir: Path, out: Path, db: str | None = None) -> Path:
    """nbgrader's own CSV export (one row per student and assignment)."""
    out = Path(out).resolve()
    nbgrader_app.run(["export", f"--to={out}"], course_dir, db=db)
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))
