"""The graded assignments (assignments/, an nbgrader course) work end to end.

Modelled on nbgrader's own tests (nbgrader/tests/apps/test_nbgrader_autograde.py): nbgrader runs in this
process on a temporary copy of the course with a temporary sqlite gradebook, and scores are read back with
`nbgrader.api.Gradebook`. One simulated class is built and autograded once for the whole module.
"""

from __future__ import annotations

import os
import re
import sys
import time

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.api import Gradebook

from nbgrader_course import (ASSIGNMENTS, COURSE, answer, auto_points, copy_course, nbmeta, points, released,
                             run_nbgrader, solutions, source_nb, submit)

COURSE_ID = "russia-and-the-west"
A1 = "a1_westernization"
#: Short per-cell timeout for the simulated class: the slowest honest cell takes about a second.
TIMEOUT = 6
TIMINGS: dict[str, float] = {}


def _cells(nb, kind):
    """grade_ids of MCQ checks ('q1_check'...), data checks or manual answers in a source notebook."""
    out = []
    for cell in nb.cells:
        m = nbmeta(cell)
        if kind == "manual" and m.get("grade") and m.get("solution"):
            out.append(m["grade_id"])
        elif kind in ("mcq", "data") and m.get("grade") and not m.get("solution"):
            is_mcq = "answer_q" in cell.source and "HIDDEN TESTS" in cell.source and "_why" in cell.source
            if (kind == "mcq") == is_mcq:
                out.append(m["grade_id"])
    return out


# ------------------------------------------------------------------------------------------ the class


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A temporary copy of the course, its gradebook holding the four assignments, student versions built."""
    saved = {k: os.environ.get(k) for k in ("JUPYTER_CONFIG_DIR", "PATH")}
    os.environ["JUPYTER_CONFIG_DIR"] = str(tmp_path_factory.mktemp("jupyter-config"))  # no personal config
    root = copy_course(tmp_path_factory.mktemp("course") / "course", f"c.Execute.timeout = {TIMEOUT}")
    start = time.perf_counter()
    for name in ASSIGNMENTS:
        run_nbgrader(["db", "assignment", "add", name], root)
    run_nbgrader(["generate_assignment", "*", "--force"], root)
    TIMINGS["generate_assignment (4)"] = time.perf_counter() - start
    yield root
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def _correct(name, root):
    return answer(released(root, name), solutions(name))


@pytest.fixture(scope="module")
def graded(course):
    """Eight students hand in assignment 1 (and one hands in all four); one autograde run grades them all."""
    root = course
    for name in ASSIGNMENTS:
        submit(root, "all-correct", name, _correct(name, root))  # every answer right
    release, sol = released(root, A1), solutions(A1)
    submit(root, "untouched", A1, release)  # opened it, handed it back untouched
    mcqs_only = {k: v for k, v in sol.items() if k in {f"q{i}_answer" for i in range(1, 6)}}
    submit(root, "partly-right", A1, answer(release, mcqs_only | {"q7_answer": "eu_swing_2022 = 16.0"}))  # partly right
    tampered = answer(release, sol | {"q6_answer": "n_kl_events = 1"})
    for cell in tampered.cells:
        if nbmeta(cell).get("grade_id") == "q6_check":
            cell.source = "pass"  # wrong answer, and the check edited so that it cannot fail
    submit(root, "tampered", A1, tampered)
    deleted = answer(release, sol | {"q7_answer": "eu_swing_2022 = 0.0"})
    deleted.cells = [c for c in deleted.cells if nbmeta(c).get("grade_id") not in ("q2_check", "q7_check")]
    submit(root, "deleted-checks", A1, deleted)
    # pandas' own number types, unwrapped: a count as numpy.int64, a swing as numpy.float64
    numpy_typed = {"q6_answer": 'n_kl_events = mentions(events, "kimmage_lipman").sum()',
                   "q7_answer": sol["q7_answer"].replace("float(round(", "(round(")}
    submit(root, "numpy-types", A1, answer(release, sol | numpy_typed))
    submit(root, "endless-loop", A1, answer(release, sol | {"q6_answer": "while True:\n    pass"}))
    submit(root, "not-json", A1, '{"cells": [ this is not JSON')
    start = time.perf_counter()
    log = run_nbgrader(["autograde", "*", "--create"], root, retcode=1)  # 1: nbgrader reports the not-JSON file
    TIMINGS["autograde (10 notebooks, one run)"] = time.perf_counter() - start
    return root, log


def _db(root):
    return Gradebook(f"sqlite:///{root / 'gradebook.db'}", COURSE_ID)


def _scores(root, student, name):
    """grade_id -> score of every graded cell of one submission."""
    with _db(root) as gb:
        return {gid: gb.find_grade(gid, name, name, student).score for gid in points(name)}


def _auto_total(root, student, name):
    scores = _scores(root, student, name)
    return sum(scores[g] for g in auto_points(name))


def _autograded(root, student, name=A1):
    return nbformat.read(root / "autograded" / student / name / f"{name}.ipynb", as_version=4)


# ------------------------------------------------------------------------------------ source notebooks


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_source_notebook_runs_and_passes_its_visible_and_hidden_tests(name):
    nb = source_nb(name)
    start = time.perf_counter()
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(COURSE / "source" / name)}}).execute()
    TIMINGS[f"execute source {name}"] = time.perf_counter() - start
    errors = [(nbmeta(c).get("grade_id"), o.ename, o.evalue) for c in nb.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert errors == []
    # every MCQ's hidden test printed its explanation
    said = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert said.count(": right, (") == len(_cells(source_nb(name), "mcq"))


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_notebooks_carry_real_nbgrader_metadata_and_add_up(name):
    path = COURSE / "source" / name / f"{name}.ipynb"
    nb = source_nb(name)
    nbformat.validate(nb)
    ids = [nbmeta(c)["grade_id"] for c in nb.cells if nbmeta(c)]
    assert len(ids) == len(set(ids))
    for cell in nb.cells:
        m = nbmeta(cell)
        if m:
            assert m["schema_version"] == 3 and {"grade", "solution", "locked", "grade_id"} <= set(m)
            assert ("points" in m) == bool(m["grade"])
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "store notebooks without outputs"
    mcq, data, manual = _cells(nb, "mcq"), _cells(nb, "data"), _cells(nb, "manual")
    assert len(mcq) >= 5 and len(data) >= 3 and len(manual) >= 1
    total = sum(points(name).values())
    header = nb.cells[0].source
    assert f"carries **{total:g} marks**" in header, "the header states the total"
    assert f"{sum(auto_points(name).values()):g} are graded automatically" in header
    essays = [c for c in nb.cells if nbmeta(c).get("grade_id", "").endswith("_rubric")]
    assert essays and all("| **Total** | | **20** |" in c.source and nbmeta(c)["locked"] for c in essays)
    assert (path.parent / "autotests.yml").read_bytes() == (COURSE / "autotests.yml").read_bytes()
    assert "load(" in "".join(c.source for c in nb.cells) and "read_csv" not in "".join(c.source for c in nb.cells)


def test_questions_quote_real_past_papers():
    from course.content.data import load

    wordings = set(load("questions")["wording"])
    for name in ASSIGNMENTS:
        quoted = [c.source for c in source_nb(name).cells if nbmeta(c).get("grade_id", "").endswith("_question")
                  and "questions.csv" in c.source]
        assert quoted, name
        for text in quoted:
            assert any(f"> {w}" in text for w in wordings), "the wording is copied from data/questions.csv"


# ------------------------------------------------------------------------------------ student versions


@pytest.fixture(scope="module")
def learner_copies(tmp_path_factory):
    """The student versions exactly as `course start` puts them in a learner's workspace."""
    from course.content import paths
    from course.grading import release

    return release.student_versions(paths.ASSIGNMENTS, tmp_path_factory.mktemp("student-build"))


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_student_version_has_no_solutions_hidden_tests_or_keys(course, name):
    assert_no_leak((course / "release" / name / f"{name}.ipynb"), name)
    assert not (course / "release" / name / "autotests.yml").exists()


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_the_learners_workspace_copy_leaks_nothing_either(learner_copies, name):
    mine = {k: v for k, v in learner_copies.items() if k.startswith(f"assignments/{name}/")}
    assert f"assignments/{name}/{name}.ipynb" in mine
    assert not [k for k in mine if k.endswith(("autotests.yml", ".db"))]
    assert_no_leak(mine[f"assignments/{name}/{name}.ipynb"], name)


def assert_no_leak(path, name):
    """No solution, hidden test, model answer or answer key of the instructor's notebook in `path`."""
    text = path.read_text(encoding="utf-8")
    release = nbformat.reads(text, as_version=4)
    flat = "\n".join(c.source for c in release.cells)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "MARK SCHEME", "_why", "_load"):
        assert marker not in text
    for gid, solution in solutions(name).items():
        for line in solution.splitlines():
            line = line.strip()
            if len(line) > 12 and not line.startswith("#"):
                assert line not in flat, f"{gid}: solution line in the student version: {line!r}"
    for cell in source_nb(name).cells:
        if "BEGIN HIDDEN TESTS" in cell.source:
            hidden = cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]
            for line in hidden.splitlines():
                if len(line.strip()) > 12:
                    assert line.strip() not in flat, f"hidden test line in the student version: {line!r}"
    code = "\n".join(line for line in flat.splitlines() if not line.lstrip().startswith("#"))
    assert not re.search(r'answer_q\w+\s*=+\s*["\'][A-D]["\']', code), "an answer letter in clear"
    assert "HASHED AUTOTEST" not in flat and "raise NotImplementedError()" in flat
    answers = [c for c in release.cells if nbmeta(c).get("solution") and c.cell_type == "markdown"]
    assert answers and all("YOUR ANSWER HERE" in c.source for c in answers)


def test_practice_checks_are_hashed_and_mock_exam_checks_only_the_form(course):
    a1 = "\n".join(c.source for c in released(course, A1).cells)
    assert a1.count("from hashlib import sha1") >= 8 and "Success!" in a1
    mock = released(course, "mock_exam")
    checks = [c.source for c in mock.cells if re.fullmatch(r"q\d+_check", nbmeta(c).get("grade_id", ""))]
    assert len(checks) == 20 and not any("sha1" in s for s in checks)


# ------------------------------------------------------------------------------------------- autograde


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_a_fully_correct_submission_gets_every_autograded_mark(graded, name):
    root, _ = graded
    assert _auto_total(root, "all-correct", name) == sum(auto_points(name).values())
    with _db(root) as gb:
        sub = gb.find_submission(name, "all-correct")
        assert sub.needs_manual_grade, "a written answer waits for the instructor"


def test_an_untouched_student_version_scores_zero(graded):
    root, _ = graded
    assert sum(_scores(root, "untouched", A1).values()) == 0
    with _db(root) as gb:
        assert not gb.find_submission(A1, "untouched").needs_manual_grade, "an untouched essay is scored 0, not queued"


def test_a_partly_right_submission_gets_the_partial_score(graded):
    root, _ = graded
    scores = _scores(root, "partly-right", A1)
    mcq = _cells(source_nb(A1), "mcq")
    assert sum(scores.values()) == sum(auto_points(A1)[g] for g in mcq)
    assert scores["q7_check"] == 0


def test_a_count_or_a_swing_in_pandas_number_types_is_accepted(graded):
    """A learner need not know numpy.int64 from int: the checks compare the number, not its Python type."""
    root, _ = graded
    scores = _scores(root, "numpy-types", A1)
    assert scores["q6_check"] == auto_points(A1)["q6_check"] > 0
    assert scores["q7_check"] == auto_points(A1)["q7_check"] > 0
    assert _auto_total(root, "numpy-types", A1) == sum(auto_points(A1).values())


def test_an_edited_check_cell_is_restored_and_scored_as_written(graded):
    root, _ = graded
    scores = _scores(root, "tampered", A1)
    assert scores["q6_check"] == 0
    assert _auto_total(root, "tampered", A1) == sum(auto_points(A1).values()) - auto_points(A1)["q6_check"]
    cell = next(c for c in _autograded(root, "tampered").cells if nbmeta(c).get("grade_id") == "q6_check")
    assert cell.source != "pass" and "BEGIN HIDDEN TESTS" in cell.source


def test_deleted_check_cells_are_put_back_and_graded(graded):
    root, _ = graded
    nb = _autograded(root, "deleted-checks")
    back = {nbmeta(c)["grade_id"]: c for c in nb.cells if nbmeta(c).get("grade_id") in ("q2_check", "q7_check")}
    assert set(back) == {"q2_check", "q7_check"}
    assert all("was missing from the submission" in c.source for c in back.values())
    scores = _scores(root, "deleted-checks", A1)
    assert scores["q2_check"] == auto_points(A1)["q2_check"], "re-added check run as written: right answer"
    assert scores["q7_check"] == 0, "re-added check run as written: wrong answer"


def test_an_endless_loop_is_stopped_by_the_timeout_and_costs_only_its_question(graded):
    root, _ = graded
    cell = next(c for c in _autograded(root, "endless-loop").cells if nbmeta(c).get("grade_id") == "q6_answer")
    assert any(o.output_type == "error" for o in cell.outputs)
    assert _scores(root, "endless-loop", A1)["q6_check"] == 0
    assert _auto_total(root, "endless-loop", A1) == sum(auto_points(A1).values()) - auto_points(A1)["q6_check"]


def test_a_file_that_is_not_a_notebook_fails_alone_and_the_gradebook_stays_intact(graded):
    root, log = graded
    assert "not-json" in log and "error processing assignment" in log.lower()
    assert not list((root / "autograded").glob("not-json/**/*.ipynb"))
    for student in ("all-correct", "untouched", "partly-right", "tampered", "deleted-checks", "numpy-types", "endless-loop"):
        assert (root / "autograded" / student / A1 / f"{A1}.ipynb").exists()
    with _db(root) as gb:
        assert {s.id for s in gb.students} >= {"all-correct", "untouched", "partly-right", "tampered", "deleted-checks", "endless-loop", "not-json"}
        assert len(gb.find_assignment(A1).submissions) == 8
        assert gb.find_submission(A1, "not-json").score == 0
        for name in ASSIGNMENTS:
            assert gb.find_submission(name, "all-correct").max_score == sum(points(name).values())


# -------------------------------------------------------------------------------------------- feedback


@pytest.fixture(scope="module")
def feedback(graded):
    root, _ = graded
    start = time.perf_counter()
    run_nbgrader(["generate_feedback", "*", "--student", "all-correct"], root)
    TIMINGS["generate_feedback (4)"] = time.perf_counter() - start
    return root


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_feedback_draws_the_charts_offline_and_explains_the_keys(feedback, name):
    html = (feedback / "feedback" / "all-correct" / name / f"{name}.html").read_text(encoding="utf-8")
    from course.content.plotly_output import PLOTLY_JS

    bundle_head = PLOTLY_JS.read_text(encoding="utf-8")[:200]
    assert 'class="course-chart"' in html and "Plotly.newPlot(" in html
    assert html.count(bundle_head) == 1, "plotly.js inlined exactly once"
    remote = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="((?:https?:)?//[^"]+)"', html, re.I)
    assert remote == [], "feedback opens offline: no script, style or image from the network"
    assert ": right, (" in html, "the MCQ explanations appear in the feedback"


def test_config_still_loads_without_the_course_export_module(monkeypatch):
    from traitlets.config.loader import PyFileConfigLoader

    monkeypatch.setitem(sys.modules, "course.grading.safe_html", None)  # import fails as if the course were missing
    config = PyFileConfigLoader("nbgrader_config.py", path=str(COURSE)).load_config()
    assert config.CourseDirectory.root == str(COURSE)
    assert config.OverwriteCells.add_missing_cells is True
    assert "preprocessors" not in config.GenerateFeedback


def test_config_registers_plotly_for_feedback():
    from traitlets.config.loader import PyFileConfigLoader

    from course.content.plotly_output import PlotlyToHTML

    config = PyFileConfigLoader("nbgrader_config.py", path=str(COURSE)).load_config()
    assert PlotlyToHTML in config.GenerateFeedback.preprocessors
    assert config.Execute.timeout == 60 and config.CourseDirectory.course_id == COURSE_ID


def test_zz_report_timings():
    """Not a check: prints where the suite's time goes (pytest -s, or -rA)."""
    for step, seconds in TIMINGS.items():
        print(f"{step:45s} {seconds:6.1f} s")


def test_zip_collect_files_lms_downloads_under_each_student(tmp_path):
    """An instructor's LMS download (a zip of <student_id>_<notebook>.ipynb files) lands in submitted/."""
    import zipfile

    root = copy_course(tmp_path / "course")
    archive = root / "downloaded" / "a2_dissociation" / "archive"
    archive.mkdir(parents=True)
    blank = nbformat.writes(source_nb("a2_dissociation"))
    with zipfile.ZipFile(archive / "lms-download.zip", "w") as zf:
        zf.writestr("s2026-001_a2_dissociation.ipynb", blank)
        zf.writestr("s2026-002_a2_dissociation.ipynb", blank)
    run_nbgrader(["zip_collect", "a2_dissociation"], root)
    for student in ("s2026-001", "s2026-002"):
        assert (root / "submitted" / student / "a2_dissociation" / "a2_dissociation.ipynb").exists()
