"""`course grade`: nbgrader's autograde, one submission at a time, in N worker processes.

Why this shape:
- nbgrader grades a class in one process, one submission after another (nbgrader issue #174). Most of a
  submission's time is a kernel starting and running the notebook, so N processes give close to N times the
  speed on N cores.
- Each worker (`course.grading.worker`) runs nbgrader's own Autograde for one student at a time, each
  notebook in a sandboxed kernel of its own (`course.grading.sandbox`), with the value checks decided
  outside it (`course.grading.checks`); one broken or hostile submission never stops the others.
- All workers write to the one gradebook. On PostgreSQL that is what the server is for. On SQLite (the
  default), writers queue on the file lock: the workers open it with a busy timeout, and a submission that
  still meets "database is locked" is graded again (the gradebook is created before the workers start, so
  they never race to create tables).
- Re-running is safe: like nbgrader, a submission already autograded is skipped unless it was resubmitted
  or `force` is given, and regrading rewrites autograder scores only; manual grades stay.
- No submission can stall the class. Workers are supervised one by one (not a `ProcessPoolExecutor`, whose
  pool breaks as a whole when one worker dies, failing every submission not yet graded): a worker that dies
  (the OOM killer, a signal) is replaced, the one submission it held is graded once more, and if it dies
  again that submission alone is reported. A submission folder holding a FIFO, socket or device is refused
  before anything of it is opened (`course.grading.submission_files`).
"""

from __future__ import annotations

import collections
import fnmatch
import multiprocessing
import signal
import time
from multiprocessing.connection import wait
from pathlib import Path

from course.grading import gradebook
from course.grading import near_misses, public_version
from course.grading import worker
from course.grading.submission_files import printable, special_in
from course.grading.config import autograde_app
from course.grading.outcomes import Outcome, Summary
from course.grading.sandbox import Sandbox

#: times a submission is graded when its worker dies under it, before it is reported alone
ATTEMPTS = 2


def grade(course_dir: Path, assignment: str, jobs: int = 1, db: str | None = None, force: bool = False,
          students: list[str] | None = None, sandbox: bool | None = None, nbgrader_options: list[str] = (),
          progress=print) -> Summary:
    """Autograde every submission of `assignment` in `jobs` processes; report each one as it finishes.

    `students`: ids or shell patterns (nbgrader's --student); `sandbox`: None follows c.Sandbox.enabled;
    `nbgrader_options`: `--Section.trait=value` settings, as on nbgrader's command line.
    Raises SandboxUnavailable (with what to do) when the sandbox is asked for and cannot run here.
    """
    start_dir = Path(course_dir).resolve()  # where nbgrader runs from; the root is CourseDirectory.root
    options = list(nbgrader_options) + ([f"--CourseDirectory.db_url={db}"] if db else [])
    app = autograde_app(start_dir, assignment, options)
    db = gradebook.url(start_dir, config=app.config)
    expected = gradebook.released_notebooks(db, app.coursedir.course_id, assignment)
    options = [o for o in options if not o.startswith("--CourseDirectory.db_url=")]
    options.append(f"--CourseDirectory.db_url={gradebook.for_workers(db)}")  # the workers' own
    settings = Sandbox(config=app.config)
    sandboxed = settings.enabled if sandbox is None else sandbox
    if sandboxed:
        settings.check()
    coursedir = app.coursedir
    found = _submitted(coursedir, assignment)
    if students is not None:
        found = [s for s in found if any(fnmatch.fnmatchcase(s, p) for p in students)]
    excluded = set(coursedir.student_id_exclude.split(",")) if coursedir.student_id_exclude else set()
    started = time.perf_counter()
    outcomes: list[Outcome] = [Outcome(s, "excluded") for s in found if s in excluded]
    # a FIFO, socket or device would hang whatever opens it: refused for that student, before any open
    special = {s: reason for s in found if s not in excluded and (reason := _special(coursedir, s, assignment))}
    outcomes += [Outcome(s, "failed", reason=reason) for s, reason in special.items()]
    found = [s for s in found if s not in special]
    # a folder without any notebook: nbgrader never visits it (it warns and exits 0); say so, grade the rest
    empty = [s for s in found if s not in excluded and not _notebooks_in(coursedir, s, assignment)]
    outcomes += [Outcome(s, "empty", reason="the submission folder holds no notebook") for s in empty]
    to_grade = [s for s in found if s not in excluded and s not in empty]
    # the course's public version handed in where the class has its own variant: say so, grade the rest
    public = {s: reason for s in to_grade if (reason := _public_version(coursedir, s, assignment))}
    outcomes += [Outcome(s, "failed", reason=reason) for s, reason in public.items()]
    to_grade = [s for s in to_grade if s not in public]
    not_run = len(outcomes)  # the progress counts the submissions graded in this run only

    def finished(outcome: Outcome) -> None:
        submitted = Path(coursedir.format_path(coursedir.submitted_directory, outcome.student, assignment))
        outcome.missing = [n for n in expected if not (submitted / f"{n}.ipynb").exists()]
        if outcome.status == "failed" and outcome.missing and set(outcome.missing) == set(expected):
            found_names = ", ".join(sorted(p.name for p in submitted.glob("*.ipynb"))) or "none"
            outcome.reason = f"no {' or '.join(n + '.ipynb' for n in expected)} submitted (notebooks found: {found_names})"
            outcome.missing = []
        outcomes.append(outcome)
        progress(_progress_line(len(outcomes) - not_run, len(to_grade), outcome))

    args = (str(start_dir), assignment, gradebook.for_workers(db), force, sandboxed, options)
    # Even one job runs in a worker process: the kernels' and nbgrader's chatter goes to a log file there,
    # and this process stays free to report.
    if to_grade:
        _supervise(to_grade, jobs, args, finished)
    outcomes.sort(key=lambda o: o.student)
    summary = Summary(assignment, db, outcomes, time.perf_counter() - started, sandboxed)
    summary.near_misses = _near_misses(coursedir, db, assignment, [o.student for o in outcomes
                                                                   if o.status in ("graded", "skipped")])
    return summary


class _Worker:
    """One worker process and the pipe it takes students from and returns outcomes on."""

    def __init__(self, context, args):
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=worker.serve, args=(theirs, args))
        self.process.start()
        theirs.close()
        self.student: str | None = None

    def give(self, student: str) -> None:
        self.student = student
        try:
            self.conn.send(student)
        except OSError:
            pass  # it died meanwhile: the pipe's end reads as its death, and the student is tried again

    def stop(self, grace: float) -> None:
        if grace and self.process.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(grace)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _death(process) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def _supervise(students: list[str], jobs: int, args: tuple, finished) -> None:
    """Grade `students` in `jobs` worker processes; call `finished(outcome)` as each one is done.

    A worker that dies is replaced; the student it was grading goes back to the end of the queue until it
    has been tried ATTEMPTS times, then is reported alone with how the worker died. The others are graded."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    queue = collections.deque(students)
    tries: collections.Counter = collections.Counter()
    slots: list[_Worker | None] = [None] * max(1, min(jobs, len(students)))
    try:
        while queue or any(w and w.student for w in slots):
            for i, w in enumerate(slots):
                if queue and (w is None or w.student is None):
                    if w is None or not w.process.is_alive():
                        slots[i] = w = _Worker(context, args)
                    w.give(queue.popleft())
            busy = [w for w in slots if w and w.student]
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
            for i, w in enumerate(slots):
                if not (w and w.student) or not ({w.conn, w.process.sentinel} & ready):
                    continue
                try:  # (a process it started might hold its end of the pipe open: its exit is the sign)
                    if not w.conn.poll(0):
                        raise EOFError
                    outcome = w.conn.recv()
                except (EOFError, OSError):  # the worker died with this student: replaced when work remains
                    student = w.student
                    w.stop(0)
                    slots[i] = None
                    tries[student] += 1
                    if tries[student] < ATTEMPTS:
                        queue.append(student)
                    else:
                        finished(Outcome(student, "failed", reason=f"the grading worker died ({_death(w.process)}) "
                                         f"each of the {ATTEMPTS} times it graded this submission"))
                    continue
                w.student = None
                finished(outcome)
    finally:
        for w in slots:
            if w is not None:
                w.stop(30 if w.student is None else 5)  # a busy one only when this run is interrupted


def _special(coursedir, student: str, assignment: str) -> str | None:
    folder = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
    reason = special_in(folder)
    return f"{reason}: refused before anything of it was opened (FIFOs, sockets and devices hang a reader)" \
        if reason else None


def _near_misses(coursedir, db: str, assignment: str, students: list[str]) -> list:
    """What the end-of-run summary lists for a teacher to accept by hand (course.grading.near_misses)."""
    source = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
    return near_misses.find(db, coursedir.course_id, assignment, students, source, lambda student: Path(
        coursedir.format_path(coursedir.autograded_directory, student, assignment)))


def _public_version(coursedir, student: str, assignment: str) -> str | None:
    source = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
    submitted = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
    return public_version.check(Path(coursedir.root), source, submitted, assignment, student)


def _notebooks_in(coursedir, student: str, assignment: str) -> list[Path]:
    """The submission's notebooks, by name only (nothing is opened: special files were refused before)."""
    folder = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
    return list(folder.glob(f"{coursedir.notebook_id}.ipynb"))


def _submitted(coursedir, assignment: str) -> list[str]:
    """Student ids with a folder `submitted_directory/<student>/<assignment>` (nbgrader's layout)."""
    root = Path(coursedir.root) / coursedir.submitted_directory
    if Path(coursedir.submitted_directory).is_absolute():
        root = Path(coursedir.submitted_directory)
    return sorted(p.parent.name for p in root.glob(f"*/{assignment}") if p.is_dir())


def _progress_line(done: int, total: int, o: Outcome) -> str:
    width = len(str(total))
    if o.status == "graded":
        what = f"{o.score:g}/{o.max_score:g}"
    elif o.status == "skipped":
        what = "already graded"
    else:
        what = "FAILED: " + printable(o.reason)
    return f"[{done:>{width}}/{total}] {printable(o.student)}  {what}  ({o.seconds:.1f} s)"
