"""The grader's own limits: no printout changes an honest mark, the grader's time and memory are its own,
and every kind of output stays under the caps (issue: no classmate and no printout can change a mark).

One `course grade` run (sandbox on) grades an honest student who prints the course's tables in full, a
submission that floods widget state and display updates, and a notebook with too many cells; the honest
printer is also graded by plain `nbgrader autograde` for comparison.
"""

from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from course import grading
from course.grading import gradebook
from course.grading.checks import run_trusted
from nbgrader_course import answer, auto_points, copy_course, nbmeta, released, run_nbgrader, solutions, submit

A1 = "a1_westernization"
COURSE_ID = "russia-and-the-west"
CONFIG = "c.Execute.timeout = 30\nc.SandboxedExecute.notebook_seconds = 60\n"

PRINTER = """
from course.data import load
for _ in range(15):  # 3.5 MB of tables in each answer cell: past the 4 MiB the grader keeps by the third
    print(load("events").to_string())
"""

FLOOD = """
from comm import create_comm
from IPython.display import display
for i in range(20):  # 8 MB of widget state, each piece under the per-output limit
    create_comm(target_name="jupyter.widget",
                data={"state": {"_model_module": "m", "_model_name": "M", "blob": "w" * 400_000}, "buffer_paths": []})
handles = [display("small", display_id=True) for _ in range(40)]
for handle in handles:  # 16 MB of updates over small outputs
    handle.update("u" * 400_000)
"""


def _with_prints(sol: dict[str, str], code: str, cells=("q1_answer",)) -> dict[str, str]:
    """The instructor's answers, with `code` run first in the given answer cells."""
    return sol | {gid: textwrap.dedent(code) + "\n" + sol[gid] for gid in cells}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    env = pytest.MonkeyPatch()
    env.setenv("JUPYTER_CONFIG_DIR", str(tmp_path_factory.mktemp("jupyter-config")))
    course = copy_course(tmp_path_factory.mktemp("limits") / "course", CONFIG)
    run_nbgrader(["db", "assignment", "add", A1], course)
    run_nbgrader(["generate_assignment", A1, "--force"], course)
    release, sol = released(course, A1), solutions(A1)
    submit(course, "printer", A1, answer(release, _with_prints(sol, PRINTER, [g for g in sol if g.startswith("q")])))
    submit(course, "flood", A1, answer(release, _with_prints(sol, FLOOD)))
    many = answer(release, sol)
    many.cells += [nbformat.v4.new_code_cell("") for _ in range(2100)]
    submit(course, "many-cells", A1, many)
    summary = grading.grade(course, A1, jobs=2, progress=lambda _: None)
    yield course, summary
    env.undo()


@pytest.fixture(scope="module")
def plain_nbgrader(tmp_path_factory, graded):
    """The honest printer alone, graded by plain `nbgrader autograde`."""
    course, _ = graded
    other = copy_course(tmp_path_factory.mktemp("plain") / "course", CONFIG)
    run_nbgrader(["db", "assignment", "add", A1], other)
    run_nbgrader(["generate_assignment", A1, "--force"], other)
    submit(other, "printer", A1, nbformat.read(course / "submitted" / "printer" / A1 / f"{A1}.ipynb", as_version=4))
    run_nbgrader(["autograde", A1, "--create"], other)
    return other


def _auto(course: Path, student: str) -> dict[str, float]:
    with Gradebook(gradebook.default_url(course), COURSE_ID) as gb:
        return {gid: gb.find_grade(gid, A1, A1, student).score for gid in auto_points(A1)}


def _outcome(summary, student: str):
    return next(o for o in summary.outcomes if o.student == student)


def test_an_honest_student_who_prints_the_tables_gets_exactly_nbgraders_score(graded, plain_nbgrader):
    course, summary = graded
    assert _outcome(summary, "printer").status == "graded", _outcome(summary, "printer").reason
    assert _auto(course, "printer") == _auto(plain_nbgrader, "printer") == auto_points(A1)
    nb = nbformat.read(course / "autograded" / "printer" / A1 / f"{A1}.ipynb", as_version=4)
    text = nbformat.writes(nb)
    printed = {nbmeta(c)["grade_id"]: c.outputs for c in nb.cells
               if c.cell_type == "code" and nbmeta(c).get("grade_id", "").endswith("_answer")}
    # the budget was spent: later tables left out (a cell past it keeps at most the note that says so; where
    # the cut falls depends on how the kernel's stream arrives in chunks)
    assert printed["q1_answer"] and all("output stopped" in o.get("text", "") for o in printed["q8_answer"])
    assert len(text) < 6 << 20 and "NameError" not in text
    # past the budget every later cell still ran; only its outputs were left out
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code" and c.source.strip())


def test_widget_state_and_display_updates_stay_under_the_caps(graded):
    course, summary = graded
    assert _outcome(summary, "flood").status == "graded", _outcome(summary, "flood").reason
    assert sum(_auto(course, "flood").values()) == sum(auto_points(A1).values())
    graded_nb = course / "autograded" / "flood" / A1 / f"{A1}.ipynb"
    assert graded_nb.stat().st_size < 6 << 20
    run_nbgrader(["generate_feedback", A1, "--student", "flood"], course)
    assert (course / "feedback" / "flood" / A1 / f"{A1}.html").stat().st_size < 8 << 20


def test_a_notebook_with_too_many_cells_is_refused_before_it_is_parsed(graded):
    _, summary = graded
    outcome = _outcome(summary, "many-cells")
    assert outcome.status == "failed"
    assert "NotebookTooLarge" in outcome.reason and "cells, more than 2000" in outcome.reason, outcome.reason
    assert "\n" not in outcome.reason


def test_the_notebook_size_is_checked_before_parsing_and_a_fifo_is_refused(tmp_path):
    import tracemalloc

    from course.grading.notebook_intake import NotebookIntake, NotebookTooLarge

    intake = NotebookIntake(notebook_bytes=1 << 20, cells=50)
    big = tmp_path / "big.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", text="y" * (4 << 20))]
    nbformat.write(nb, big)
    tracemalloc.start()
    with pytest.raises(NotebookTooLarge, match=r"'big.ipynb' is \d+ bytes, more than 1048576"):
        intake.from_filename(str(big))
    assert tracemalloc.get_traced_memory()[1] < 1 << 20  # refused without reading it
    tracemalloc.stop()
    escaped = tmp_path / "escaped.ipynb"
    many = nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("") for _ in range(60)]))
    escaped.write_text(many.replace('"cell_type"', '"cell\\u005ftype"'))
    with pytest.raises(NotebookTooLarge, match="has 60 cells, more than 50"):
        intake.from_filename(str(escaped))
    fifo = tmp_path / "fifo.ipynb"
    os.mkfifo(fifo)
    with pytest.raises(NotebookTooLarge, match="'fifo.ipynb' is not a regular file"):
        intake.from_filename(str(fifo))
    small = tmp_path / "small.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), small)
    output, _ = intake.from_filename(str(small))
    assert nbformat.reads(output, as_version=4).cells[0].source == "x = 1"


def test_a_check_is_limited_in_the_graders_cpu_time_not_in_wall_clock_time():
    """A check that spends little CPU but a long wall time (as under a classmate's CPU hog, when the grader
    waits for a core) passes a 1 s limit; a check that spins is stopped. Waiting stands in for a busy machine
    here, so the test does not depend on how busy the machine running it is."""
    check = "__import__('time').sleep(1.5)\nassert answer == 'C', 'wrong'\nprint('right')"
    started = time.monotonic()
    outputs = run_trusted(check, {"answer": "C"}, timeout=1)
    assert time.monotonic() - started > 1.5  # a wall-clock limit of 1 s would have stopped it
    assert [(o.output_type, o.get("text")) for o in outputs] == [("stream", "right\n")]
    endless = run_trusted("while answer:\n    pass", {"answer": True}, timeout=1)
    assert endless[0].ename == "CheckTimeLimit" and "CPU time" in endless[0].evalue


def _rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


SENDER = """
import time
k = get_ipython().kernel
parent = k.get_parent()
for size in [16 << 20] * 16 + [40 << 20]:  # 256 MB the grader does not read yet, then one part over the cap
    k.session.send(k.iopub_socket, "stream", {"name": "stdout", "text": "z" * size}, parent=parent)
time.sleep(4)  # the cell runs on while ZeroMQ carries it all over
"""


def test_messages_a_kernel_sends_cannot_fill_the_graders_memory(tmp_path):
    from jupyter_core.utils import run_sync
    from traitlets.config import Config

    from course.grading.execute import MAX_MESSAGE_BYTES, POOL

    km = POOL.launch(("python3", ()), None, Config(), str(tmp_path))
    kc = km.client()
    try:
        kc.start_channels()
        run_sync(kc.wait_for_ready)(timeout=60)
        before = _rss()
        sent = kc.execute(SENDER)
        peak, deadline, replied = before, time.monotonic() + 60, False
        while not replied and time.monotonic() < deadline:  # the grader busy elsewhere: no iopub read
            peak = max(peak, _rss())
            try:
                replied = run_sync(kc.get_shell_msg)(timeout=0.2)["parent_header"].get("msg_id") == sent
            except Exception:  # no reply yet
                pass
        print(f"grader memory grew by {(peak - before) >> 20} MiB")
        assert peak - before < 128 << 20, f"{(peak - before) >> 20} MiB"
        sizes = []
        while True:
            try:
                msg = run_sync(kc.get_iopub_msg)(timeout=3)
            except Exception:  # queue empty
                break
            if msg["msg_type"] == "stream":
                sizes.append(len(msg["content"]["text"]))
        assert sizes and max(sizes) <= MAX_MESSAGE_BYTES  # the part over the cap never reached the grader
    finally:
        kc.stop_channels()
        POOL.kill(km)
        POOL.reap()
