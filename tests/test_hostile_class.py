"""A hostile class: `course grade` on assignment 1 with honest submissions among attacks on the grader.

Each attack is one a real class has tried (issue: trusted grading). Every hostile student also answers Q2-Q5
correctly, so each is expected to get exactly those 4 marks unless the attack itself costs them more; the
attack must gain nothing, change no one else's marks, change no file outside its own sandbox, and leave no
process behind. The honest submissions get exactly what plain `nbgrader autograde` gives them.
"""

from __future__ import annotations

import hashlib
import json
import os
import textwrap
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from course import grading, nbgrader_app
from nbgrader_course import (answer, auto_points, copy_course, nbmeta, released, run_nbgrader, solutions,
                             submit)

A1 = "a1_westernization"
COURSE_ID = "russia-and-the-west"
MARKER = "course-hostile-daemon"
CONFIG = "c.Execute.timeout = 10\nc.SandboxedExecute.notebook_seconds = 40\n"


def _attacks(course: Path) -> dict[str, str]:
    """student -> the code that student puts in the Q1 answer cell (Q2-Q5 are answered honestly)."""
    key = course / "source" / A1 / f"{A1}.ipynb"
    return {
        "gradebook-writer": f"""
            import sqlite3
            found = []
            for path in [{str(course / 'gradebook.db')!r}, '../../../gradebook.db', 'gradebook.db']:
                try:
                    con = sqlite3.connect('file:' + path + '?mode=rw', uri=True)
                    con.execute("UPDATE grade SET auto_score = 0")
                    con.execute("UPDATE grade_cells SET source = 'pass'")
                    con.commit()
                    found.append(path)
                except Exception:
                    pass
            print('FOUND', found)
            answer_q1 = "C" if found else "A"
        """,
        "key-reader": f"""
            import glob, re
            found = []
            for path in [{str(key)!r}, *glob.glob('*'), *glob.glob('../*/*'), *glob.glob({str(course / '*' / '*' / '*')!r}),
                         *glob.glob({str(course / 'autograded' / '*' / A1 / '*')!r})]:
                try:
                    text = open(path).read()
                except Exception:
                    continue
                keys = re.findall(r'answer_q1 == \\\\?"([A-D])\\\\?"', text)
                if keys:
                    found.append(path)
                    answer_q1 = keys[0]
            print('FOUND', found)
        """,
        "overwriter": f"""
            found = []
            for path in [{str(course / 'submitted' / 'all-correct' / A1 / f'{A1}.ipynb')!r},
                         '../../all-correct/{A1}/{A1}.ipynb', {str(course / 'nbgrader_config.py')!r}]:
                try:
                    open(path, 'w').write('destroyed')
                    found.append(path)
                except Exception:
                    pass
            print('FOUND', found)
        """,
        "daemon": f"""
            import subprocess, sys
            LOOP = '''
            import glob, os, time
            for _ in range(600):
                for path in glob.glob('/proc/*/cmdline') + glob.glob('/tmp/**/*.json', recursive=True):
                    try: open(path, 'rb').read()
                    except Exception: pass
                time.sleep(0.1)
            '''
            subprocess.Popen([sys.executable, '-c', LOOP, '{MARKER}'], start_new_session=True)
            import glob, os
            def connection_files(path):
                args = open(path, 'rb').read().split(bytes(1))
                return {{a.decode() for a in args if a.endswith(b'.json')}}
            own = connection_files(f'/proc/{{os.getpid()}}/cmdline')
            seen = set().union(*(connection_files(p) for p in glob.glob('/proc/[0-9]*/cmdline')))
            print('FOUND', sorted(seen - own))  # its own kernel is the one kernel it may see
        """,
        "always-equal": """
            class Always(str):
                def __eq__(self, other): return True
                def __ne__(self, other): return False
                __hash__ = str.__hash__
            class AlwaysNumber(float):
                def __eq__(self, other): return True
                def __ne__(self, other): return False
                def __sub__(self, other): return 0.0
                __hash__ = float.__hash__
            answer_q1 = Always("Z")
            n_kl_events = eu_swing_2022 = AlwaysNumber(-1)
            usa_lowest_wave = Always("never")
            print('FOUND', [])
        """,
        "fake-hashlib": """
            import builtins, hashlib, sys
            class Digest:
                def __init__(self, *args): pass
                def hexdigest(self): return type('Any', (str,), {'__eq__': lambda a, b: True, '__hash__': str.__hash__})('')
            hashlib.sha1 = Digest
            builtins.abs = lambda x: 0  # Q7's check: abs(answer - expected) < 0.05
            answer_q1 = "Z"
            eu_swing_2022 = 99.0
            print('FOUND', [])
        """,
        "transformer": """
            get_ipython().input_transformers_post.append(lambda lines: ["print('Success!')\\n"])
            print('FOUND', [])
        """,
        "memory-hog": """
            print('FOUND', [])
            hog = bytearray(20 << 30)
        """,
        "fork-bomb": """
            import os, time
            children = 0
            for _ in range(5000):
                try:
                    pid = os.fork()
                except OSError:
                    break
                if pid == 0:
                    time.sleep(120)
                    os._exit(0)
                children += 1
            print('FOUND', [children] if children >= 5000 else [])
        """,
        "big-output": """
            print('FOUND', [])
            print('x' * 30_000_000)
        """,
        "disk-filler": """
            found = []
            for path in ['big.bin', '/tmp/big.bin', '/sandbox/home/big.bin']:
                try:
                    with open(path, 'wb') as handle:
                        for _ in range(1024):
                            handle.write(b'0' * (1 << 20))
                    found.append(path)
                except OSError:
                    pass
            print('FOUND', found)
        """,
        "network-and-secrets": """
            import os, socket
            found = []
            for port in (5432, 22, 80, 8888):
                try:
                    socket.create_connection(('127.0.0.1', port), timeout=1)
                    found.append(port)
                except OSError:
                    pass
            found += [k for k in os.environ if 'DB' in k.upper() or 'PG' in k.upper() or 'JUPYTER' in k.upper()]
            found += [p for p in ('/etc/jupyter', os.path.expanduser('~/.jupyter'), '/home', '/var')
                      if os.path.isdir(p) and os.listdir(p)]  # configuration folders and other homes
            for path in ('/etc/jupyter/nbgrader_config.py', '/etc/shadow'):
                try:
                    open(path).read(); found.append(path)
                except OSError:
                    pass
            print('FOUND', found)
        """,
        "sigint-loop": """
            import signal
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            print('FOUND', [])
            while True:
                pass
        """,
        "kill-everything": """
            import os, signal
            print('FOUND', [])
            os.kill(-1, signal.SIGKILL)
        """,
        "runtime-filler": """
            import os, sys
            found = []
            folders = {os.path.dirname(a) for a in sys.argv if a.endswith('.json')}
            for folder in folders:
                try:
                    with open(os.path.join(folder, 'filler.bin'), 'wb') as handle:
                        handle.write(b'0' * (1 << 20))
                    found.append(folder)
                except OSError:
                    pass
            print('FOUND', found if folders else ['no connection file in argv'])
        """,
        "many-processes-memory": """
            import os, time
            print('FOUND', [])
            for _ in range(4):  # each under the per-process limit, together over the sandbox's
                if os.fork() == 0:
                    block = bytearray(1 << 30)
                    for i in range(0, len(block), 4096):
                        block[i] = 1
                    time.sleep(60)
                    os._exit(0)
            time.sleep(30)
        """,
        "symlink-key": """
            found = []
            try:
                found.append(open('key.txt').read()[:100])
            except OSError:
                pass
            print('FOUND', found)
        """,
    }


#: what the attack should cost (autograded marks out of 14): 4 unless the attack breaks the honest part too
EXPECTED_HOSTILE = {"transformer": 0.0}
#: attacks that stop their own notebook: reported at the end of the run, the class graded around them
FAILS_ALONE = {"sigint-loop": "Timeout", "many-processes-memory": "SandboxMemoryLimit"}


@pytest.fixture(scope="module")
def hostile_class(tmp_path_factory):
    saved = os.environ.get("JUPYTER_CONFIG_DIR")
    os.environ["JUPYTER_CONFIG_DIR"] = str(tmp_path_factory.mktemp("jupyter-config"))
    course = copy_course(tmp_path_factory.mktemp("hostile") / "course", CONFIG)
    run_nbgrader(["db", "assignment", "add", A1], course)
    run_nbgrader(["generate_assignment", A1, "--force"], course)
    release, sol = released(course, A1), solutions(A1)
    honest = {k: v for k, v in sol.items() if k in {f"q{i}_answer" for i in range(2, 6)}}
    submit(course, "all-correct", A1, answer(release, sol))
    submit(course, "some-wrong", A1, answer(release, sol | {"q1_answer": 'answer_q1 = "A"',
                                                            "q7_answer": "eu_swing_2022 = 3.0"}))
    submit(course, "untouched", A1, release)
    for student, code in _attacks(course).items():
        submit(course, student, A1, answer(release, honest | {"q1_answer": textwrap.dedent(code)}))
    (course / "submitted" / "symlink-key" / A1 / "key.txt").symlink_to(course / "source" / A1 / f"{A1}.ipynb")
    before = {p: _digest(p) for p in _tree(course)}

    lines: list[str] = []
    summary = grading.grade(course, A1, jobs=2, progress=lines.append)
    yield course, summary, before
    if saved is None:
        os.environ.pop("JUPYTER_CONFIG_DIR", None)
    else:
        os.environ["JUPYTER_CONFIG_DIR"] = saved


@pytest.fixture(scope="module")
def plain_nbgrader(tmp_path_factory, hostile_class):
    """The honest submissions alone, graded by plain `nbgrader autograde`, for comparison."""
    course, _, _ = hostile_class
    other = copy_course(tmp_path_factory.mktemp("plain") / "course", CONFIG)
    run_nbgrader(["db", "assignment", "add", A1], other)
    run_nbgrader(["generate_assignment", A1, "--force"], other)
    for student in ("all-correct", "some-wrong", "untouched"):
        src = course / "submitted" / student / A1
        submit(other, student, A1, nbformat.read(src / f"{A1}.ipynb", as_version=4))
    run_nbgrader(["autograde", A1, "--create"], other)
    return other


def _tree(course: Path):
    for folder in ("source", "release", "submitted", "nbgrader_config.py"):
        path = course / folder
        yield from ([path] if path.is_file() else (p for p in path.rglob("*") if p.is_file() and not p.is_symlink()))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _auto(course: Path, student: str) -> dict[str, float]:
    with Gradebook(nbgrader_app.default_db(course), COURSE_ID) as gb:
        return {gid: gb.find_grade(gid, A1, A1, student).score for gid in auto_points(A1)}


def _found(course: Path, student: str) -> list:
    nb = nbformat.read(course / "autograded" / student / A1 / f"{A1}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if nbmeta(c).get("grade_id") == "q1_answer")
    text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    line = next((row for row in text.splitlines() if row.startswith("FOUND ")), None)
    assert line is not None, f"{student}: the attack did not run: {cell.outputs}"
    return json.loads(line[6:].replace("'", '"'))


def test_honest_students_get_exactly_what_plain_nbgrader_gives(hostile_class, plain_nbgrader):
    course, _, _ = hostile_class
    for student in ("all-correct", "some-wrong", "untouched"):
        assert _auto(course, student) == _auto(plain_nbgrader, student), student
    assert sum(_auto(course, "all-correct").values()) == sum(auto_points(A1).values())
    assert sum(_auto(course, "some-wrong").values()) == sum(auto_points(A1).values()) - 4


@pytest.mark.parametrize("student", sorted(set(_attacks(Path("/x"))) - set(FAILS_ALONE)))
def test_an_attack_gains_nothing_and_finds_nothing(hostile_class, student):
    course, summary, _ = hostile_class
    outcome = next(o for o in summary.outcomes if o.student == student)
    assert outcome.status == "graded", outcome.reason
    assert sum(_auto(course, student).values()) == EXPECTED_HOSTILE.get(student, 4.0)
    if student != "transformer":  # its own transformer swallowed its print
        assert _found(course, student) == []


@pytest.mark.parametrize("student", sorted(FAILS_ALONE))
def test_a_submission_that_ends_its_own_kernel_is_reported_alone(hostile_class, student):
    _, summary, _ = hostile_class
    outcome = next(o for o in summary.outcomes if o.student == student)
    assert outcome.status == "failed" and FAILS_ALONE[student] in outcome.reason, outcome.reason
    assert {o.student for o in summary.failed} == set(FAILS_ALONE)


def test_no_file_outside_the_sandboxes_changed(hostile_class):
    course, _, before = hostile_class
    assert {p: _digest(p) for p in _tree(course)} == before


def test_no_process_outlives_its_submission(hostile_class):
    leftovers = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if MARKER.encode() in cmdline.read_bytes() or b"course-kernel-" in cmdline.read_bytes():
                leftovers.append(cmdline.read_bytes())
        except OSError:
            pass
    assert leftovers == []


def test_outputs_are_capped_in_the_notebook_and_the_feedback(hostile_class):
    course, _, _ = hostile_class
    graded = course / "autograded" / "big-output" / A1 / f"{A1}.ipynb"
    assert graded.stat().st_size < 2 << 20
    assert "[output cut:" in graded.read_text()
    run_nbgrader(["generate_feedback", A1, "--student", "big-output"], course)
    assert (course / "feedback" / "big-output" / A1 / f"{A1}.html").stat().st_size < 8 << 20


def test_the_log_is_bounded(hostile_class):
    course, _, _ = hostile_class
    assert (course / ".course-grade.log").stat().st_size < 2 << 20


def test_the_autograded_check_cells_are_the_instructors_and_explain_the_result(hostile_class):
    course, _, _ = hostile_class
    nb = nbformat.read(course / "autograded" / "some-wrong" / A1 / f"{A1}.ipynb", as_version=4)
    q1 = next(c for c in nb.cells if nbmeta(c).get("grade_id") == "q1_check")
    q2 = next(c for c in nb.cells if nbmeta(c).get("grade_id") == "q2_check")
    assert "BEGIN HIDDEN TESTS" in q1.source  # the instructor's cell, as nbgrader keeps it
    assert [o.output_type for o in q1.outputs] == ["error"] and "answer_q1 is not correct" in q1.outputs[0].evalue
    assert "BEGIN HIDDEN TESTS" not in "".join(q1.outputs[0].traceback)  # the error, not the test's code
    key = solutions(A1)["q2_answer"].split('answer_q2 = "')[-1][0]  # the key as the instructor wrote it
    assert f"right, ({key})" in "".join(o.get("text", "") for o in q2.outputs)


@pytest.fixture(scope="module")
def every_assignment(tmp_path_factory):
    """The instructor's own answers to all four assignments, graded by course grade (sandbox on)."""
    from nbgrader_course import ASSIGNMENTS

    course = copy_course(tmp_path_factory.mktemp("all") / "course", CONFIG)
    for name in ASSIGNMENTS:
        run_nbgrader(["db", "assignment", "add", name], course)
    run_nbgrader(["generate_assignment", "*", "--force"], course)
    for name in ASSIGNMENTS:
        submit(course, "all-correct", name, answer(released(course, name), solutions(name)))
    return course, {name: grading.grade(course, name, jobs=2, progress=lambda _: None) for name in ASSIGNMENTS}


@pytest.mark.parametrize("name", ["a1_westernization", "a2_dissociation", "a3_escalation", "mock_exam"])
def test_the_instructors_answers_get_every_autograded_mark(every_assignment, name):
    """Every kind of answer the course asks for (letters, counts, percentages, labels, tuples, lists)
    survives the trip out of the sandbox: the model answers score full marks, as under nbgrader."""
    course, summaries = every_assignment
    [outcome] = summaries[name].outcomes
    assert outcome.status == "graded", outcome.reason
    with Gradebook(nbgrader_app.default_db(course), COURSE_ID) as gb:
        got = {gid: gb.find_grade(gid, name, name, "all-correct").score for gid in auto_points(name)}
    assert got == auto_points(name)
