"""A class of 200 handing in at the same minute: nbgrader's exchange under load, then collect and grade.

Why: the deadline is when everyone submits. This checks that no submission is lost or mixed up when 200
arrive together through the course's exchange settings (deploy/site/nbgrader_config.py, including
course.exchange.PrivateSubmit), that `nbgrader collect` finds every one, and that `course grade` grades
every one with the right score. One Unix user plays all students (tests/test_classroom.py checks the
separation between real users); each simulated student has its own folder, cache and process-pool task.

The assignment is a one-notebook quiz, so that the time measured is the exchange's and the grader's,
not the course's data questions. Even-numbered students answer correctly (3 points), odd ones not (0).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

STUDENTS = 200
WORKERS = 32  # students submitting at the very same moment
COURSE_ID = "bench-course"
ASSIGNMENT = "quiz"
POINTS = 3.0
BIN = Path(sys.executable).parent


def _cell(source: str, **meta) -> nbformat.NotebookNode:
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": False, "grade_id": "", "locked": False, "schema_version": 3,
                                 "solution": False, "task": False, **meta}
    return cell


def _make_course(root: Path, exchange: Path) -> Path:
    course = root / "course"
    (course / "source" / ASSIGNMENT).mkdir(parents=True)
    nb = new_notebook(cells=[
        _cell("def answer():\n    ### BEGIN SOLUTION\n    return 1991\n    ### END SOLUTION", grade_id="answer",
              solution=True),
        _cell("assert answer() == 1991", grade_id="check", grade=True, points=POINTS, locked=True),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    site = (Path(__file__).resolve().parent.parent / "deploy" / "site" / "nbgrader_config.py").read_text()
    (course / "nbgrader_config.py").write_text(
        site + f"\nc.Exchange.root = {str(exchange)!r}\nc.CourseDirectory.course_id = {COURSE_ID!r}\n"
        "c.Exchange.path_includes_course = False\nc.Execute.timeout = 30\n"
        # one account plays 200 students: the sealed collect would refuse folders that another account owns
        "c.ExchangeCollect.check_owner = False\n")
    return course


def _nbgrader(course: Path, *args: str) -> float:
    start = time.perf_counter()
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([str(BIN / "nbgrader"), *args], cwd=course, env=env, capture_output=True, text=True,
                          timeout=600)
    if done.returncode:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def _warm() -> None:
    import nbgrader.exchange.default  # noqa: F401 (import once per worker, before the clock starts)


def _warm_task(_: int) -> None:
    time.sleep(0.2)  # keeps each worker busy briefly so that all of them get started


def _submit(args: tuple[str, str, str, str]) -> tuple[str, float]:
    """One student's `nbgrader submit`, in-process: the same classes the Assignments tab calls."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory
    from traitlets.config import Config

    student, home, exchange, course_config = args
    config = Config()
    config.merge(_load(course_config))
    config.CourseDirectory.course_id = COURSE_ID
    config.CourseDirectory.assignment_id = ASSIGNMENT
    config.CourseDirectory.student_id = student
    config.Exchange.assignment_dir = home
    config.Exchange.cache = os.path.join(home, ".cache")
    start = time.perf_counter()
    coursedir = CourseDirectory(config=config)
    ExchangeFactory(config=config).Submit(coursedir=coursedir, authenticator=Authenticator(config=config),
                                          config=config).start()
    return student, time.perf_counter() - start


def _load(path: str):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader(os.path.basename(path), os.path.dirname(path)).load_config()


def run(results: Path) -> dict:
    from nbgrader.api import Gradebook

    with tempfile.TemporaryDirectory(prefix="bench-exchange-") as tmp:
        tmp = Path(tmp)
        exchange = tmp / "exchange"
        exchange.mkdir(mode=0o777)
        os.chmod(exchange, 0o1777)
        course = _make_course(tmp, exchange)
        timings = {"generate_and_release_s": _nbgrader(course, "generate_assignment", ASSIGNMENT)
                   + _nbgrader(course, "release_assignment", ASSIGNMENT)}
        os.chmod(exchange / COURSE_ID / "inbound", 0o3733)  # as deploy/setup-exchange.sh leaves it
        released = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        jobs, expected = [], {}
        for i in range(STUDENTS):
            student, home = f"student-{i:03d}", tmp / "homes" / f"student-{i:03d}"
            (home / ASSIGNMENT).mkdir(parents=True)
            nb = nbformat.from_dict(json.loads(json.dumps(released)))
            right = i % 2 == 0
            nb.cells[0].source = "def answer():\n    return 1991" if right else "def answer():\n    return 1917"
            nbformat.write(nb, home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
            expected[student] = POINTS if right else 0.0
            jobs.append((student, str(home), str(exchange), str(course / "nbgrader_config.py")))

        with ProcessPoolExecutor(max_workers=WORKERS, initializer=_warm) as pool:
            list(pool.map(_warm_task, range(WORKERS)))  # every worker up before the deadline minute
            start = time.perf_counter()
            done = list(pool.map(_submit, jobs))
            timings["submit_all_s"] = time.perf_counter() - start
        each = sorted(seconds for _, seconds in done)
        inbound = list((exchange / COURSE_ID / "inbound").iterdir())
        timings["collect_s"] = _nbgrader(course, "collect", ASSIGNMENT)
        collected = sorted(p.name for p in (course / "submitted").iterdir())
        start = time.perf_counter()
        env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
        grade = subprocess.run([str(BIN / "course"), "grade", ASSIGNMENT, "--course", str(course)], env=env,
                               capture_output=True, text=True, timeout=3600)
        timings["grade_s"] = time.perf_counter() - start
        (results / "exchange-grade.log").write_text(grade.stdout + grade.stderr)
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gb:
            scores = {s.student.id: s.score for s in gb.assignment_submissions(ASSIGNMENT)}
        wrong = {s: (scores.get(s), want) for s, want in expected.items() if scores.get(s) != want}

    summary = {
        "students": STUDENTS,
        "concurrent_submitters": WORKERS,
        "cpus": os.cpu_count(),
        "in_inbound": len(inbound),
        "collected": len(collected),
        "graded_right": STUDENTS - len(wrong),
        "lost_or_misgraded": wrong,
        **{k: round(v, 2) for k, v in timings.items()},
        "submit_each_median_s": round(statistics.median(each), 3),
        "submit_each_p95_s": round(each[int(0.95 * (len(each) - 1))], 3),
        "submit_each_max_s": round(each[-1], 3),
        "submissions_per_s": round(STUDENTS / timings["submit_all_s"], 1),
        "grade_per_submission_s": round(timings["grade_s"] / STUDENTS, 3),
        "course_grade_exit": grade.returncode,
    }
    summary["within_budget"] = (not wrong and len(inbound) == len(collected) == STUDENTS
                                and grade.returncode == 0)
    (results / "exchange.json").write_text(json.dumps(summary, indent=1))
    return summary
