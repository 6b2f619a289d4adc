"""Run nbgrader in this process, against a course folder chosen per call.

Why in-process: every `nbgrader` process pays about two seconds of imports before it does anything, and the
`course` commands run several nbgrader steps in a row (and one grading worker grades many students). Why
the PATH change (`paths.put_bin_first`): nbgrader creates a new gradebook by running `alembic` by name, which
lives beside this Python, not necessarily on the user's PATH. Which gradebook: `course.grading.gradebook`.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
from pathlib import Path

from course.content import paths


class NbgraderError(RuntimeError):
    """An nbgrader step failed; the message carries nbgrader's own log lines."""


@contextlib.contextmanager
def working_directory(path: Path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def run(args: list[str], course_dir: Path, db: str | None = None, quiet: bool = True) -> str:
    """`nbgrader ARGS` with the course folder as root (and its nbgrader_config.py); returns the log.

    Raises NbgraderError with the log when nbgrader exits non-zero.
    """
    course_dir = Path(course_dir).resolve()
    argv = list(args) + [f"--CourseDirectory.root={course_dir}"]
    if db:
        argv.append(f"--CourseDirectory.db_url={db}")
    if quiet:
        argv.append("--log-level=WARN")
    code, log = invoke(argv, course_dir, echo=not quiet)
    if code:
        raise NbgraderError(f"nbgrader {' '.join(args)} failed:\n{_errors(log)}")
    return log


def invoke(argv: list[str], cwd: Path, echo: bool = False) -> tuple[int, str]:
    """`nbgrader ARGV` in this process, from `cwd`: its exit code and its log (also on stderr with echo).

    One NbGraderApp instance per call, reset afterwards, as nbgrader's own tests drive it.
    """
    from jupyter_core.application import NoStart
    from nbgrader.apps.nbgraderapp import NbGraderApp

    paths.put_bin_first()
    buffer = io.StringIO()
    app = NbGraderApp.instance()
    code = 0
    with working_directory(cwd):
        try:
            app.initialize(list(argv))
            app.init_logging(logging.StreamHandler, [buffer], color=False, subapps=True)
            if echo:
                app.init_logging(logging.StreamHandler, [sys.stderr], color=False, subapps=True)
            app.start()
        except NoStart:
            pass
        except SystemExit as exit_:
            code = exit_.code or 0
        finally:
            app.reset()
    return code, buffer.getvalue()


def _errors(log: str) -> str:
    lines = [line for line in log.splitlines() if "ERROR" in line or "Error" in line]
    return "\n".join(lines[-15:]) or log[-2000:]
