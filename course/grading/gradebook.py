"""The class gradebook: which database, its configuration, and what is read back from it.

nbgrader keeps grades in an SQL database: SQLite by default (gradebook.db in the course folder), or a
server such as PostgreSQL given as a URL (`postgresql+psycopg://user@host:port/name`; the `+psycopg` names
the psycopg 3 driver, which SQLAlchemy 2 needs spelled out).

Every gradebook URL the course works out comes from here: `url()` is the one answer to "which gradebook"
(--db, else what nbgrader's configuration names, else nbgrader's default); `for_workers()` is that URL as
parallel grading workers open it; `redacted()` is how a message shows it.
"""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from course.grading import nbgrader_app

#: Seconds an SQLite writer waits for another grading worker's write to finish before giving up.
SQLITE_BUSY_TIMEOUT = 120


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def default_url(course_dir: Path) -> str:
    """nbgrader's own default: gradebook.db in the course folder."""
    return sqlite_url(Path(course_dir) / "gradebook.db")


def url(course_dir: Path, db: str | None = None, config=None) -> str:
    """Which gradebook a command on this course folder uses, as nbgrader itself would decide.

    `db` (the `--db` option) if given; else the `CourseDirectory.db_url` of nbgrader's configuration:
    `config` if given (an initialised app's), else read as nbgrader reads it (`configured_url`), where a
    JupyterHub instructor's PostgreSQL address lives; else gradebook.db in the course root. Without the
    middle step `course grade` would grade into a new SQLite file while formgrader reads the other.
    """
    if db:
        return db
    if config is None:
        configured = configured_url(course_dir)
        return configured or default_url(course_dir)
    if "db_url" in config.CourseDirectory:
        return config.CourseDirectory.db_url
    return default_url(config.CourseDirectory.root if "root" in config.CourseDirectory else course_dir)


def redacted(db: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(db)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return db


def for_workers(db: str) -> str:
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


def configured_url(course_dir: Path) -> str | None:
    """The gradebook URL nbgrader's configuration names for this course folder, if any.

    nbgrader reads `CourseDirectory.db_url` from the Jupyter config folders and then from the folder it runs
    in (the course folder, for the `course` commands).
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
                f"{assignment!r} is not in the gradebook {redacted(db)}: run `course release {assignment}` first"
            ) from None


def knows_assignment(db: str, assignment: str) -> bool:
    """Whether the gradebook at `db` (SQLite or a server) holds `assignment`, read only: a SQLite file that is
    not there is not created, and a gradebook without nbgrader's tables yet knows nothing. A server that
    cannot be read is an error, never a "no": callers use the answer to refuse overwriting a release."""
    from sqlalchemy import create_engine, inspect, text

    if db.startswith("sqlite:///"):
        path = Path(db.removeprefix("sqlite:///"))
        if not path.is_file():
            return False
        db = f"sqlite:///file:{path}?mode=ro&uri=true"
    try:
        engine = create_engine(db)
        try:
            with engine.connect() as conn:
                if not inspect(conn).has_table("assignment"):
                    return False
                query = text("SELECT 1 FROM assignment WHERE name = :name")
                return conn.execute(query, {"name": assignment}).first() is not None
        finally:
            engine.dispose()
    except Exception as error:  # noqa: BLE001 - any driver's failure says the same to the instructor
        raise nbgrader_app.NbgraderError(
            f"cannot read the gradebook {redacted(db)} to see whether {assignment!r} was released: "
            f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}") from None


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


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))
