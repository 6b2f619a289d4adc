"""One grading worker process: nbgrader imported and configured once, then one student at a time.

Each student is graded by nbgrader's own `Autograde` converter (what `nbgrader autograde ASSIGNMENT
--student ID` does), with the pipeline of `course.grading.config`, so scores are nbgrader's to the cell and
land in nbgrader's gradebook. A submission that breaks (or attacks) grading fails alone: its error is
returned for the end-of-run list.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from course.grading import gradebook
from course.grading.outcomes import Outcome, failure_reason
from course.grading.submission_files import special_in

LOGFILE = ".course-grade.log"  # in the course folder: what grading workers and kernels printed
LOG_LIMIT = 10 << 20  # a log that passed this many bytes is moved aside (one old copy kept) at the next run
RETRIES = 4  # a submission that met "database is locked" is graded again, up to this many times

_WORKER: dict = {}


def open_log(course_dir: Path) -> int:
    log = Path(course_dir) / LOGFILE
    if log.exists() and log.stat().st_size > LOG_LIMIT:
        log.replace(log.with_suffix(".log.1"))
    return os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)


def serve(conn, args: tuple) -> None:
    """A worker's life: set up once (`init`), then grade each student the pool sends until it sends None
    (or goes away). Each student's Outcome goes back on the same pipe. The pool watches this process: if it
    dies, only the student it was grading is affected (see course.grading.pool)."""
    init(*args)
    while True:
        try:
            student = conn.recv()
        except (EOFError, OSError):
            return
        if student is None:
            return
        conn.send(grade_one(student))


def init(*args) -> None:
    """Import nbgrader and build its configuration once per worker process.

    A failure here is kept and reported for each submission (a pool whose initializer raises only says
    that a process "terminated abruptly")."""
    try:
        _init(*args)
    except BaseException as error:  # noqa: BLE001 - reported per submission instead
        import traceback

        traceback.print_exc()
        _WORKER["error"] = f"grading worker could not start: {type(error).__name__}: {error}"


def _init(course_dir: str, assignment: str, db: str, force: bool, sandbox: bool, options: list[str]) -> None:
    import warnings

    from sqlalchemy.exc import SAWarning

    from course.grading import config as grading_config
    from course.grading import speedups
    from course.grading.execute import POOL

    _fresh_event_loop()
    os.dup2(open_log(Path(course_dir)), 2)  # nbgrader's and the kernels' warnings would bury the progress
    sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
    warnings.simplefilter("ignore", SAWarning)
    os.chdir(course_dir)  # where nbgrader runs from: plugins in the course folder import

    speedups.install()
    from multiprocessing.util import Finalize
    import atexit

    atexit.register(POOL.close)
    Finalize(None, POOL.close, exitpriority=10)  # worker processes end without running atexit

    app = grading_config.autograde_app(Path(course_dir), assignment, options)
    app.config.Sandbox.enabled = sandbox
    app.config.Autograde.autograde_preprocessors = grading_config.trusted_pipeline(
        grading_config.configured_preprocessors(app), sandbox)
    _escape_log_lines(app.log)
    _WORKER.update(course_dir=course_dir, assignment=assignment, db=db, force=force, app=app)


class _OneRecordOneLine(logging.Formatter):
    """What the log file shows of a record: control characters a student put in a name (a terminal escape,
    a carriage return) shown as escapes, and every line of a record after its first indented, so a name
    with a newline cannot start a line that reads as a record of its own (a traceback stays readable)."""

    def __init__(self, inner: logging.Formatter | None):
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        text = self.inner.format(record)
        return "\n    ".join("".join(c if c.isprintable() or c == "\t" else repr(c)[1:-1] for c in line)
                              for line in text.split("\n"))


def _escape_log_lines(log: logging.Logger) -> None:
    """Every handler that writes nbgrader's log to the log file formats through _OneRecordOneLine."""
    logger = log
    while logger is not None:
        for handler in logger.handlers:
            if not isinstance(handler.formatter, _OneRecordOneLine):
                handler.setFormatter(_OneRecordOneLine(handler.formatter))
        logger = logger.parent if logger.propagate else None


def _fresh_event_loop() -> None:
    """A forked worker must not reuse the parent's asyncio loop: its epoll instance would be shared by
    every worker, which then steal each other's kernel messages. jupyter_core (nbclient's run_sync) keeps
    the loop in a context variable, which the fork copied too."""
    import asyncio

    import jupyter_core.utils

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    if hasattr(jupyter_core.utils, "_loop"):
        jupyter_core.utils._loop.set(loop)


def grade_one(student: str) -> Outcome:
    from nbgrader.converters import Autograde
    from nbgrader.utils import capture_log, temp_attrs

    w = _WORKER
    if "error" in w:
        return Outcome(student, "failed", reason=w["error"][:300])
    app = w["app"]
    started = time.perf_counter()
    autograded = Path(app.coursedir.format_path(app.coursedir.autograded_directory, student, w["assignment"]))
    before = _snapshot(autograded)
    # checked again here, just before nbgrader opens the files (the pool checked when the run began)
    special = special_in(Path(app.coursedir.format_path(app.coursedir.submitted_directory, student, w["assignment"])))
    if special:
        return Outcome(student, "failed", reason=f"{special}: refused before anything of it was opened")
    for _attempt in range(RETRIES + 1):
        with temp_attrs(app.coursedir, assignment_id=w["assignment"], student_id=student):
            converter = Autograde(coursedir=app.coursedir, parent=app)
            converter.force = w["force"]
            result = capture_log(converter)
        text = (result.get("log") or "") + (result.get("error") or "")
        if result["success"] or "database is locked" not in text:
            break
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    if not result["success"]:
        return Outcome(student, "failed", seconds=seconds, reason=failure_reason(text))
    if before and _snapshot(autograded) == before:  # nbgrader left an earlier grading as it was
        return Outcome(student, "skipped", seconds=seconds)
    score, max_score = gradebook.submission_score(w["db"], app.config, w["assignment"], student)
    return Outcome(student, "graded", score, max_score, seconds)


def _snapshot(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.ipynb")} if folder.is_dir() else {}
