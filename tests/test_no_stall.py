"""No submission can stall the class, and no name can forge a line.

- a notebook that is a FIFO in `submitted/` is refused for its student alone (it used to hang `course grade`
  for good);
- a submission whose grading kills its worker process is tried once more, then reported alone, and every
  other submission is graded (one dead worker used to fail every submission not yet graded);
- `course similarity` and `course coach --class` finish on essays built to make their regular expressions
  quadratic, and say the essay was cut;
- the sealed collect never records a notebook rewritten as it is collected under the earlier time;
- control characters in a student's folder name are escaped in the progress, the summary and the log.

`course grade` runs in a child process here, bounded by a timeout, so that a hang fails the test instead of
the suite; the worker's death is simulated by a hook that kills the worker process for one student.
"""

from __future__ import annotations

import datetime
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest
from traitlets.config import Config

import nbgrader_course
import quiz_course as quiz
from course.grading import release

REPO = Path(__file__).resolve().parent.parent
#: `course ...` with a hook: grading a student whose id holds "killer" kills its worker (SIGKILL)
DRIVER = """
import os, signal, sys
from course import cli
from course.grading import worker

real = worker.grade_one

def grade_one(student):
    if "killer" in student:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(student)

grade_one.__module__, grade_one.__qualname__ = "course.grading.worker", "grade_one"
worker.grade_one = grade_one
sys.exit(cli.main(sys.argv[1:]))
"""
EVIL = "\x1b[2Jevil\r\nFORGED all-right  10 of 10"  # (no "/": a folder name)
ANSWERS = {"double": quiz.DOUBLE, "year": quiz.YEAR}


def _course(*args: str, timeout: float) -> tuple[int, str]:
    """`course ARGS` in a child process (its own session, killed whole on timeout); exit code and output."""
    # -P: the `course` package is the installed one (or PYTHONPATH's), not a folder the command runs in
    proc = subprocess.Popen([sys.executable, "-P", "-c", DRIVER, *args], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        pytest.fail(f"course {' '.join(args[:2])} did not finish in {timeout:.0f} s; it printed:\n{out[-2000:]}")
    return proc.returncode, out


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    course = quiz.make_course(tmp_path_factory.mktemp("class") / "course")
    release.release(course, quiz.ASSIGNMENT)
    return course


def _class(released: Path, where: Path, honest: list[str]) -> Path:
    course = quiz.copy(released, where)
    notebook = quiz.answered(course / "release" / quiz.ASSIGNMENT / "quiz.ipynb", ANSWERS)
    for student in honest:
        quiz.submit(course, student, notebook)
    return course


@pytest.fixture(scope="module")
def fifo_run(released, tmp_path_factory):
    """One honest student with an escape sequence and a newline in their name, and one whose notebook is a FIFO."""
    course = _class(released, tmp_path_factory.mktemp("fifo") / "course", [EVIL])
    folder = course / "submitted" / "fifo" / quiz.ASSIGNMENT
    folder.mkdir(parents=True)
    os.mkfifo(folder / "quiz.ipynb")
    code, out = _course("grade", quiz.ASSIGNMENT, "--course", str(course), "--jobs", "2", timeout=120)
    return course, code, out


@pytest.fixture(scope="module")
def kill_run(released, tmp_path_factory):
    course = _class(released, tmp_path_factory.mktemp("kill") / "course", ["all-right", "also-right"])
    # first in the queue, so that the others are waiting or being graded when its worker dies
    quiz.submit(course, "a-killer", quiz.answered(course / "release" / quiz.ASSIGNMENT / "quiz.ipynb", ANSWERS))
    code, out = _course("grade", quiz.ASSIGNMENT, "--course", str(course), "--jobs", "2", timeout=120)
    return course, code, out


def test_a_fifo_notebook_is_refused_alone_and_the_class_is_graded(fifo_run):
    course, code, out = fifo_run
    assert code == 1  # a submission failed
    [refusal] = [line for line in out.splitlines() if line.startswith("  fifo:")]
    assert "quiz.ipynb is a FIFO, not a file" in refusal and "refused before anything of it was opened" in refusal
    assert [line for line in out.splitlines() if line.startswith("[1/1] ")]  # the other one went through grading
    assert not (course / "autograded" / "fifo").exists()


def test_a_name_with_escapes_and_a_newline_cannot_forge_a_line(fifo_run):
    course, _, out = fifo_run
    log = (course / ".course-grade.log").read_text(encoding="utf-8", errors="replace")
    for text in (out, log):
        assert "\x1b" not in text and "\r" not in text
        assert not any(line.startswith("FORGED") for line in text.splitlines())
    assert r"\x1b[2Jevil\r\nFORGED all-right  10 of 10" in out  # shown, escaped, on the student's own line
    assert "evil" in log  # the worker did log this student's grading, escaped


def test_a_worker_killed_under_a_submission_fails_it_alone_and_the_others_are_graded(kill_run):
    course, code, out = kill_run
    assert code == 1
    assert "[1/3] " in out and "[3/3] " in out
    assert [line for line in out.splitlines() if " all-right  5/10" in line]
    assert [line for line in out.splitlines() if " also-right  5/10" in line]
    assert "2 graded, 0 already graded (kept), 1 failed" in out
    [killed] = [line for line in out.splitlines() if line.startswith("  a-killer:")]
    assert "grading worker died (killed by SIGKILL) each of the 2 times" in killed
    assert (course / "autograded" / "all-right" / quiz.ASSIGNMENT / "quiz.ipynb").is_file()


# ---------------------------------------------------------------- the reports

def _essay_class(where: Path, essays: dict[str, str]) -> Path:
    for student, text in essays.items():
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_markdown_cell(text)
        cell.metadata["nbgrader"] = {"grade_id": "essay_answer", "solution": True, "grade": True, "points": 20}
        nb.cells = [nbformat.v4.new_markdown_cell("Question id: css-2022-ca-q7"), cell]
        nbgrader_course.submit(where, student, "a1_westernization", nb)
    return where


HONEST = ("Russia and the West drifted apart after 2014, when sanctions followed the annexation of Crimea. "
          "Trade with Europe fell and the gas pipelines lost their customers. ") * 20


def test_similarity_finishes_on_an_essay_of_brackets_and_says_it_was_cut(tmp_path):
    course = _essay_class(tmp_path / "class", {"brackets": "[" * 250_000, "links": "[](" * 90_000,
                                               "honest": HONEST})
    code, out = _course("similarity", "a1_westernization", "--course", str(course), timeout=60)
    assert code == 0, out
    assert "essays cut at 50,000 characters" in out and "brackets" in out and "links" in out
    page = (course / "reports" / "a1_westernization-similarity.html").read_text(encoding="utf-8")
    assert "Essays cut at 50,000 characters" in page and "200,000 characters not read" in page


def test_coach_class_report_finishes_on_unclosed_scripts_and_says_it_was_cut(tmp_path):
    course = _essay_class(tmp_path / "class", {"scripts": "<script" * 60_000, "tags": "<b" * 150_000,
                                               "honest": HONEST})
    code, out = _course("coach", "a1_westernization", "--class", str(course), "--out", str(tmp_path / "out"),
                        timeout=60)
    assert code == 0, out
    page = (tmp_path / "out" / "a1_westernization.html").read_text(encoding="utf-8")
    assert page.count("the coach read the first 60,000") == 2  # scripts and tags, not the honest essay
    assert "Crimea" in page


# ---------------------------------------------------------------- the exchange's clock

def test_a_notebook_rewritten_as_it_is_collected_is_never_timed_before_the_rewrite(tmp_path, monkeypatch, caplog):
    """A student watching the folder rewrites the notebook between the collector's open and its read (a
    writer thread, started by the collector's first look at the open file). The copy is refused, or it
    holds the answer as it was, or it holds the late answer under the late time with a TIME line."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import parse_utc

    from course.grading.exchange_seal import SealedCollect

    monkeypatch.setattr("nbgrader.api.get_alembic_version", lambda: "throwaway")
    inbound = tmp_path / "exchange" / "course" / "inbound"
    inbound.mkdir(parents=True)
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f %Z")
    folder = inbound / f"racer+quiz+{when}+r4nd0m"
    folder.mkdir()
    notebook = folder / "quiz.ipynb"
    notebook.write_text("the answer on time")
    (folder / "timestamp.txt").write_text(when)
    inode, late = notebook.stat().st_ino, {}
    opened, rewritten = threading.Event(), threading.Event()

    def student():
        if opened.wait(30):
            time.sleep(0.05)  # past the kernel clock's tick: the rewrite has a later change time
            with open(notebook, "r+", encoding="utf-8") as fh:  # in place: the same file, as an editor's save
                fh.truncate()
                fh.write("THE LATE ANSWER")
            late["ctime_ns"] = os.stat(notebook).st_ctime_ns
        rewritten.set()

    real_fstat = os.fstat

    def fstat(fd):
        info = real_fstat(fd)
        if info.st_ino == inode and not opened.is_set():  # the collector holds the notebook open
            opened.set()
            rewritten.wait(30)
        return info

    writer = threading.Thread(target=student)
    writer.start()
    monkeypatch.setattr(os, "fstat", fstat)
    config = Config()
    config.CourseDirectory.course_id, config.CourseDirectory.assignment_id = "course", "quiz"
    config.CourseDirectory.root = str(tmp_path / "course")
    config.Exchange.root = str(tmp_path / "exchange")
    config.ExchangeCollect.check_owner = False
    (tmp_path / "course").mkdir()
    try:
        with caplog.at_level(logging.INFO):
            app = SealedCollect(coursedir=CourseDirectory(config=config), authenticator=Authenticator(config=config),
                                config=config)
            app.log = logging.getLogger("sealed-collect-race")
            app.start()
    finally:
        opened.set()
        writer.join(30)
        monkeypatch.undo()
    assert late, "the rewrite did not happen during the collect"
    copy = tmp_path / "course" / "submitted" / "racer" / "quiz"
    if app.refused:
        assert not copy.exists() and "changing" in app.refused[0][2]
        return
    recorded = parse_utc((copy / "timestamp.txt").read_text()).replace(tzinfo=datetime.timezone.utc)
    if (copy / "quiz.ipynb").read_text() == "the answer on time":
        return
    assert (copy / "quiz.ipynb").read_text() == "THE LATE ANSWER"
    assert recorded.timestamp() >= late["ctime_ns"] / 1e9 - 0.001, "late bytes recorded under the earlier time"
    assert any(r.getMessage().startswith("TIME racer: changed while it was being collected (quiz.ipynb)")
               for r in caplog.records)
