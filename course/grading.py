"""`course grade`: nbgrader's autograde, one submission at a time, in N worker processes.

Why this shape:
- nbgrader grades a class in one process, one submission after another (nbgrader issue #174). Most of a
  submission's time is a kernel starting and running the notebook, so N processes give close to N times the
  speed on N cores.
- Each worker imports nbgrader once and then runs nbgrader's own `Autograde` converter for one student at a
  time (what `nbgrader autograde ASSIGNMENT --student ID` does), so scores are nbgrader's, to the cell,
  and one broken submission can never stop the others: its error is collected for the summary.
- All workers write to the one gradebook. On PostgreSQL that is what the server is for. On SQLite (the
  default), writers queue on the file lock: the workers open it with a busy timeout, and a submission that
  still meets "database is locked" is graded again (the gradebook is created before the workers start, so
  they never race to create tables).
- Re-running is safe: like nbgrader, a submission already autograded is skipped unless it was resubmitted
  or `force` is given, and regrading rewrites autograder scores only; manual grades stay.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from course import gradebook, nbgrader_app

LOGFILE = ".course-grade.log"  # in the course folder: what grading workers printed to stderr
RETRIES = 4  # a submission that met "database is locked" is graded again, up to this many times


@dataclass
class Outcome:
    student: str
    status: str  # "graded", "skipped" (already graded) or "failed"
    score: float | None = None
    max_score: float | None = None
    seconds: float = 0.0
    reason: str = ""
    missing: list[str] = field(default_factory=list)  # notebooks not submitted (nbgrader scores them 0)


@dataclass
class Summary:
    assignment: str
    db: str
    outcomes: list[Outcome]
    seconds: float

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def lines(self) -> list[str]:
        count = {s: sum(o.status == s for o in self.outcomes) for s in ("graded", "skipped", "failed")}
        out = [
            f"{self.assignment}: {count['graded']} graded, {count['skipped']} already graded (kept), "
            f"{count['failed']} failed, in {self.seconds:.1f} s. Gradebook: {gradebook.display(self.db)}"
        ]
        if count["skipped"]:
            out.append("  Already graded submissions were left as they are; use --force to grade them again.")
        for o in self.outcomes:
            if o.missing:
                out.append(f"  {o.student}: missing notebook(s) {', '.join(o.missing)}; nbgrader scores them 0")
        if self.failed:
            out.append("Submissions that could not be graded (every other submission was graded):")
            out += [f"  {o.student}: {o.reason}" for o in self.failed]
        return out


def submitted_students(course_dir: Path, assignment: str) -> list[str]:
    submitted = Path(course_dir) / "submitted"
    return sorted(p.parent.name for p in submitted.glob(f"*/{assignment}") if p.is_dir())


def grade(course_dir: Path, assignment: str, jobs: int = 1, db: str | None = None, force: bool = False,
          students: list[str] | None = None, progress=print) -> Summary:
    """Autograde every submission of `assignment` in `jobs` processes; report each one as it finishes."""
    course_dir = Path(course_dir).resolve()
    db = db or gradebook.configured_db(course_dir) or nbgrader_app.default_db(course_dir)
    nbgrader_app.ensure_tools_on_path()
    expected = gradebook.prepare(course_dir, db, assignment)
    students = sorted(students) if students is not None else submitted_students(course_dir, assignment)
    started = time.perf_counter()
    outcomes: list[Outcome] = []

    def finished(outcome: Outcome) -> None:
        submitted = course_dir / "submitted" / outcome.student / assignment
        outcome.missing = [n for n in expected if not (submitted / f"{n}.ipynb").exists()]
        if outcome.status == "failed" and outcome.missing and set(outcome.missing) == set(expected):
            found = ", ".join(sorted(p.name for p in submitted.glob("*.ipynb"))) or "none"
            outcome.reason = f"no {' or '.join(n + '.ipynb' for n in expected)} submitted (notebooks found: {found})"
            outcome.missing = []
        outcomes.append(outcome)
        progress(_progress_line(len(outcomes), len(students), outcome))

    args = (str(course_dir), assignment, gradebook.concurrent_url(db), force)
    # Even one job runs in a worker process: the kernels' and nbgrader's chatter goes to a log file there,
    # and this process stays free to report.
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context, initializer=_init_worker,
                             initargs=args) as pool:
        futures = {pool.submit(_grade_one, s): s for s in students}
        for future in as_completed(futures):
            try:
                finished(future.result())
            except BrokenProcessPool as error:  # a worker died: say so, keep the others' results
                finished(Outcome(futures[future], "failed", reason=f"grading worker died ({error})"))
    outcomes.sort(key=lambda o: o.student)
    return Summary(assignment, db, outcomes, time.perf_counter() - started)


def _progress_line(done: int, total: int, o: Outcome) -> str:
    width = len(str(total))
    if o.status == "graded":
        what = f"{o.score:g}/{o.max_score:g}"
    elif o.status == "skipped":
        what = "already graded"
    else:
        what = "FAILED: " + o.reason
    return f"[{done:>{width}}/{total}] {o.student}  {what}  ({o.seconds:.1f} s)"


# ---- worker side: one nbgrader import, many students ------------------------------------------------

_WORKER: dict = {}


def _init_worker(course_dir: str, assignment: str, db: str, force: bool) -> None:
    """Import nbgrader and build its configuration once per worker process."""
    import warnings

    from nbgrader.coursedir import CourseDirectory
    from sqlalchemy.exc import SAWarning

    from course import fastgrade

    _fresh_event_loop()
    # nbgrader's and the kernels' warnings would bury the progress lines: they go to the log file
    log = os.open(Path(course_dir) / LOGFILE, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 2)
    warnings.simplefilter("ignore", SAWarning)

    config = gradebook.course_config(Path(course_dir), db)
    fastgrade.install(config)
    _WORKER.update(course_dir=course_dir, assignment=assignment, db=db, force=force, config=config,
                   coursedir=CourseDirectory(config=config))


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


def _grade_one(student: str) -> Outcome:
    from nbgrader.converters import Autograde
    from nbgrader.utils import capture_log, temp_attrs

    w = _WORKER
    started = time.perf_counter()
    autograded = Path(w["course_dir"]) / "autograded" / student / w["assignment"]
    before = _snapshot(autograded)
    for _attempt in range(RETRIES + 1):
        with temp_attrs(w["coursedir"], assignment_id=w["assignment"], student_id=student):
            app = Autograde(coursedir=w["coursedir"], config=w["config"])
            app.force = w["force"]
            app.create_student = True
            result = capture_log(app)
        text = (result.get("log") or "") + (result.get("error") or "")
        if result["success"] or "database is locked" not in text:
            break
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    if not result["success"]:
        return Outcome(student, "failed", seconds=seconds, reason=failure_reason(text))
    if before and _snapshot(autograded) == before:  # nbgrader left an earlier grading as it was
        return Outcome(student, "skipped", seconds=seconds)
    score, max_score = gradebook.submission_score(w["db"], w["config"], w["assignment"], student)
    return Outcome(student, "graded", score, max_score, seconds)


def _snapshot(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.ipynb")} if folder.is_dir() else {}


_EXCEPTION = re.compile(r"^\s*([A-Za-z_][\w.]*(Error|Exception|Interrupt)):? ?(.*)$")


def failure_reason(text: str) -> str:
    """The one line an instructor needs: the exception nbgrader met, or its first error message."""
    reasons = [m for m in map(_EXCEPTION.match, text.splitlines()) if m and "NbGraderException" not in m.group(1)]
    if reasons:
        name, _, message = reasons[-1].groups()
        return f"{name.rsplit('.', 1)[-1]}: {message.strip()}"[:300]
    errors = [line.split("]", 1)[-1].strip() for line in text.splitlines() if "[ERROR]" in line]
    return (errors[0] if errors else text.strip().splitlines()[-1] if text.strip() else "unknown error")[:300]
