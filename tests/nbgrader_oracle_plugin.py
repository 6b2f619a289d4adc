"""pytest plugin: nbgrader's own autograde tests, with every `nbgrader autograde` run by `course grade`.

Loaded by tests/test_nbgrader_oracle.py in a pytest of its own (`-p nbgrader_oracle_plugin`). nbgrader's test
module calls `run_nbgrader([...])`; for "autograde" calls (but `--help-all`) this replaces it by
`course grade` with the same arguments, from the same folder, and checks the exit code as nbgrader's helper
does. Everything else (db, generate_assignment, feedback) still runs through nbgrader itself.
"""

from __future__ import annotations

import contextlib
import io
import os

import pytest


def course_grade(args: list[str], retcode: int = 0, env=None, stdout: bool = False) -> str:
    from course import cli

    rest = list(args[1:])
    positional = [a for i, a in enumerate(rest) if not a.startswith("-") and (i == 0 or rest[i - 1] not in
                  ("--db", "--student", "--notebook"))]
    options = [a for a in rest if a not in positional]
    argv = ["grade", *positional, "--course", os.getcwd(), "--jobs", "2", *options]
    old_env = os.environ.copy()
    if env:
        os.environ.clear()
        os.environ.update(env)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(argv)
    except SystemExit as exit_:  # argparse refused an option
        code = exit_.code
    finally:
        os.environ.clear()
        os.environ.update(old_env)
    log = out.getvalue() + err.getvalue()
    if code != retcode:
        raise AssertionError(f"course {' '.join(argv)} exited {code}, expected {retcode}:\n{log}")
    return log


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        module = item.module
        if getattr(module, "_course_grade", False):
            continue
        nbgrader_run = module.run_nbgrader

        def run_nbgrader(args, retcode=0, env=None, stdout=False, _nbgrader=nbgrader_run):
            if args[:1] == ["autograde"] and not any(a.startswith("--help") for a in args):
                return course_grade(args, retcode, env, stdout)
            return _nbgrader(args, retcode=retcode, env=env, stdout=stdout)

        module.run_nbgrader = run_nbgrader
        module._course_grade = True
