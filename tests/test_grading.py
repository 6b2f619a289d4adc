"""`course grade`: parallel grading gives nbgrader's own gradebook, survives broken submissions and re-runs."""

import nbformat
import pytest

from course import cli, gradebook, grading, nbgrader_app
import quiz_course as quiz


@pytest.fixture(scope="module")
def handed_in(tmp_path_factory):
    """A released quiz with the class's submissions, not graded yet (copy it before grading)."""
    return quiz.class_of_submissions(quiz.make_course(tmp_path_factory.mktemp("class") / "course"))


@pytest.fixture(scope="module")
def sequential(handed_in, tmp_path_factory):
    course = quiz.copy(handed_in, tmp_path_factory.mktemp("seq") / "course")
    quiz.plain_autograde(course)
    return course


@pytest.fixture(scope="module")
def parallel(handed_in, tmp_path_factory):
    course = quiz.copy(handed_in, tmp_path_factory.mktemp("par") / "course")
    lines = []
    summary = grading.grade(course, quiz.ASSIGNMENT, jobs=2, progress=lines.append)
    return course, summary, lines


def scores(course, db=None):
    return gradebook.cell_scores(db or nbgrader_app.default_db(course), course, quiz.ASSIGNMENT)


def test_parallel_gradebook_equals_sequential_nbgrader_autograde(sequential, parallel):
    course, _, _ = parallel
    expected = scores(sequential)
    assert expected, "the sequential run graded nothing"
    assert scores(course) == expected


def test_scores_are_what_the_answers_deserve(parallel):
    course, summary, _ = parallel
    graded = {o.student: o.score for o in summary.outcomes if o.status == "graded"}
    assert graded == quiz.EXPECTED
    marks = scores(course)
    assert marks[("all-right", "quiz", "test_year")][0] == 3.0 and marks[("half-right", "quiz", "test_year")][0] == 0.0
    assert marks[("all-right", "quiz", "essay")][3] is True  # the written answer waits for the instructor


def test_broken_submissions_are_reported_and_the_others_graded(parallel):
    _, summary, lines = parallel
    assert len(lines) == len(quiz.EXPECTED) + len(quiz.BROKEN)  # one progress line per submission
    assert lines[-1].startswith(f"[{len(lines)}/{len(lines)}]")
    failed = {o.student: o.reason for o in summary.failed}
    assert set(failed) == set(quiz.BROKEN)
    assert "JSON" in failed["not-json"]
    assert failed["misnamed"] == "no quiz.ipynb submitted (notebooks found: my_quiz.ipynb)"
    assert "Kernel" in failed["kernel-crash"] or "kernel" in failed["kernel-crash"]
    report = "\n".join(summary.lines())
    assert "could not be graded" in report and "not-json" in report and "4 graded" in report


def test_manual_grades_survive_a_regrade(handed_in, tmp_path):
    from nbgrader.api import Gradebook

    course = quiz.copy(handed_in, tmp_path / "course")
    db = nbgrader_app.default_db(course)
    grading.grade(course, quiz.ASSIGNMENT, jobs=2, students=["all-right", "half-right"], progress=lambda _: None)
    with Gradebook(db, "quiz-course") as gb:
        essay = gb.find_grade("essay", "quiz", "quiz", "all-right")
        essay.manual_score = 4.0
        gb.db.commit()
    again = grading.grade(course, quiz.ASSIGNMENT, jobs=2, students=["all-right", "half-right"], progress=lambda _: None)
    assert {o.status for o in again.outcomes} == {"skipped"}  # already graded: left alone, like nbgrader
    forced = grading.grade(course, quiz.ASSIGNMENT, jobs=2, force=True, students=["all-right", "half-right"],
                           progress=lambda _: None)
    assert {o.status for o in forced.outcomes} == {"graded"}
    with Gradebook(db, "quiz-course") as gb:
        assert gb.find_grade("essay", "quiz", "quiz", "all-right").manual_score == 4.0
        assert gb.find_submission("quiz", "all-right").score == 9.0  # 5 autograded + 4 by hand


def test_grading_an_unreleased_assignment_says_what_to_do(handed_in, tmp_path, capsys):
    course = quiz.copy(handed_in, tmp_path / "course")
    assert cli.main(["grade", "nope", "--course", str(course)]) == 1
    assert "course release nope" in capsys.readouterr().err


def test_instructor_cycle_on_a_class_folder_outside_the_repository(tmp_path, capsys):
    course = quiz.make_course(tmp_path / "class")
    assert cli.main(["release", quiz.ASSIGNMENT, "--course", str(course)]) == 0
    released = course / "release" / quiz.ASSIGNMENT / "quiz.ipynb"
    assert "BEGIN SOLUTION" not in released.read_text() and "HIDDEN" not in released.read_text()
    quiz.submit(course, "all-right", quiz.answered(released, {"double": quiz.DOUBLE, "year": quiz.YEAR}))
    quiz.submit(course, "half-right", "not a notebook")
    assert cli.main(["grade", quiz.ASSIGNMENT, "--course", str(course), "--jobs", "2"]) == 1  # half-right sent a file that is not a notebook
    out = capsys.readouterr().out
    assert "[2/2]" in out and "all-right  5/10" in out and "half-right: NotJSONError" in out
    assert cli.main(["feedback", quiz.ASSIGNMENT, "--course", str(course)]) == 0
    assert (course / "feedback" / "all-right" / quiz.ASSIGNMENT / "quiz.html").exists()
    out_csv = tmp_path / "grades.csv"
    assert cli.main(["export", "--course", str(course), "--out", str(out_csv)]) == 0
    rows = {r["student_id"]: r for r in gradebook.read_csv(out_csv)}
    assert float(rows["all-right"]["raw_score"]) == 5.0 and float(rows["all-right"]["max_score"]) == 10.0


def test_grade_uses_the_gradebook_the_course_config_names(tmp_path, capsys):
    """Like release, feedback and nbgrader itself, grade follows CourseDirectory.db_url when --db is not given."""
    course = quiz.make_course(tmp_path / "class")
    elsewhere = tmp_path / "shared" / "grades.db"
    elsewhere.parent.mkdir()
    with open(course / "nbgrader_config.py", "a") as config:
        config.write(f"\nc.CourseDirectory.db_url = {nbgrader_app.sqlite_url(elsewhere)!r}\n")
    assert cli.main(["release", quiz.ASSIGNMENT, "--course", str(course)]) == 0
    released = course / "release" / quiz.ASSIGNMENT / "quiz.ipynb"
    quiz.submit(course, "all-right", quiz.answered(released, {"double": quiz.DOUBLE, "year": quiz.YEAR}))
    assert cli.main(["grade", quiz.ASSIGNMENT, "--course", str(course), "--jobs", "1"]) == 0
    assert not (course / "gradebook.db").exists()
    assert scores(course, nbgrader_app.sqlite_url(elsewhere))


def test_failure_reason_picks_the_exception_line():
    log = "[ERROR] There was an error processing assignment\nTraceback...\nnbclient.exceptions.DeadKernelError: Kernel died\n" \
          "nbgrader.converters.base.NbGraderException: Please see the error log"
    assert grading.failure_reason(log) == "DeadKernelError: Kernel died"


# ---------------------------------------------------------------- faithful to nbgrader, sandboxed or not

def _released(course):
    release_path = course / "release" / quiz.ASSIGNMENT / "quiz.ipynb"
    if not release_path.exists():
        from course import release

        release.release(course, quiz.ASSIGNMENT)
    return release_path


def _graded(summary):
    return {o.student: o.score for o in summary.outcomes if o.status == "graded"}


def test_a_notebook_reads_the_files_handed_in_beside_it(tmp_path):
    """A helper module and a data file beside the notebook work for every student a worker grades, as under
    nbgrader (the working folder is the submission's, not the course root), and match plain nbgrader."""
    course = quiz.make_course(tmp_path / "class")
    released = _released(course)
    answers = {"double": "from helper import factor\ndef double(x):\n    return factor * x",
               "year": "def year():\n    return int(open('year.txt').read())"}
    for n in range(5):
        path = quiz.submit(course, f"with-files-{n}", quiz.answered(released, answers))
        (path.parent / "helper.py").write_text("factor = 2\n")
        (path.parent / "year.txt").write_text("1991\n")
    other = quiz.copy(course, tmp_path / "plain")
    summary = grading.grade(course, quiz.ASSIGNMENT, jobs=1, progress=lambda _: None)
    assert _graded(summary) == {f"with-files-{n}": 5.0 for n in range(5)}
    quiz.plain_autograde(other)
    assert scores(course) == scores(other)
    assert not (course / "year.txt").exists() and not (course / "helper.py").exists()


def test_a_notebook_past_its_time_limit_is_stopped_and_reported(tmp_path):
    course = quiz.make_course(tmp_path / "class")
    with open(course / "nbgrader_config.py", "a") as config:
        config.write("c.SandboxedExecute.notebook_seconds = 3\n")
    released = _released(course)
    slow = {"double": "import time\ntime.sleep(2)\n" + quiz.DOUBLE, "year": "time.sleep(2)\n" + quiz.YEAR}
    quiz.submit(course, "slow", quiz.answered(released, slow))
    quiz.submit(course, "quick", quiz.answered(released, {"double": quiz.DOUBLE, "year": quiz.YEAR}))
    summary = grading.grade(course, quiz.ASSIGNMENT, jobs=1, progress=lambda _: None)
    assert _graded(summary) == {"quick": 5.0}
    [failed] = summary.failed
    assert failed.student == "slow" and "NotebookTimeLimit" in failed.reason and "notebook_seconds" in failed.reason


def test_the_configured_autograde_pipeline_is_kept(tmp_path):
    """An instructor's own Autograde.autograde_preprocessors (here three steps, one of their own kept in the
    course folder) is what runs, with the sandbox and the trusted checks around Execute."""
    course = quiz.make_course(tmp_path / "class")
    (course / "course_marker.py").write_text(
        "from nbgrader.preprocessors import NbGraderPreprocessor\n"
        "class Mark(NbGraderPreprocessor):\n"
        "    def preprocess(self, nb, resources):\n"
        "        nb.metadata['marked_by_the_instructor'] = True\n"
        "        return nb, resources\n")
    with open(course / "nbgrader_config.py", "a") as config:
        config.write("c.Autograde.autograde_preprocessors = ['nbgrader.preprocessors.Execute', "
                     "'course_marker.Mark', 'nbgrader.preprocessors.SaveAutoGrades']\n")
    released = _released(course)
    quiz.submit(course, "all-right", quiz.answered(released, {"double": quiz.DOUBLE, "year": quiz.YEAR}))
    summary = grading.grade(course, quiz.ASSIGNMENT, jobs=1, progress=lambda _: None)
    assert _graded(summary) == {"all-right": 5.0}
    graded = nbformat.read(course / "autograded" / "all-right" / "quiz" / "quiz.ipynb", as_version=4)
    assert graded.metadata.get("marked_by_the_instructor") is True
    assert all("execution" in cell.metadata for cell in graded.cells if cell.cell_type == "code")  # no ClearMetadata


def test_settings_in_the_jupyter_config_path_are_honoured(tmp_path, monkeypatch):
    config_dir = tmp_path / "jupyter-config"
    config_dir.mkdir()
    (config_dir / "nbgrader_config.py").write_text("c = get_config()\nc.Execute.timeout = 1\n")
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(config_dir))
    course = quiz.make_course(tmp_path / "class")
    course.joinpath("nbgrader_config.py").write_text(quiz.CONFIG.replace("c.Execute.timeout = 20\n", ""))
    released = _released(course)
    quiz.submit(course, "slow-year", quiz.answered(released, {"double": quiz.DOUBLE,
                                                              "year": "import time\ntime.sleep(3)\n" + quiz.YEAR}))
    summary = grading.grade(course, quiz.ASSIGNMENT, jobs=1, progress=lambda _: None)
    assert _graded(summary) == {"slow-year": 2.0}  # the year cell timed out after 1 s: its test fails


def test_without_a_sandbox_grading_refuses_and_says_what_to_do(tmp_path, capsys):
    course = quiz.make_course(tmp_path / "class")
    with open(course / "nbgrader_config.py", "a") as config:
        config.write("c.Sandbox.bwrap = '/nonexistent/bwrap'\n")
    released = _released(course)
    quiz.submit(course, "all-right", quiz.answered(released, {"double": quiz.DOUBLE, "year": quiz.YEAR}))
    assert cli.main(["grade", quiz.ASSIGNMENT, "--course", str(course), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert "bubblewrap" in err and "--no-sandbox" in err and "read the answer key" in err
    assert not (course / "autograded").exists()
    assert cli.main(["grade", quiz.ASSIGNMENT, "--course", str(course), "--jobs", "1", "--no-sandbox"]) == 0
    out = capsys.readouterr().out
    assert "all-right  5/10" in out and "WITHOUT the sandbox" in out


def test_speedups_step_aside_outside_the_tested_versions(handed_in, sequential, tmp_path, monkeypatch):
    from course.grading import speedups

    monkeypatch.setitem(speedups.TESTED, "nbgrader", ("0.0.1", "0.0.2"))
    course = quiz.copy(handed_in, tmp_path / "course")
    grading.grade(course, quiz.ASSIGNMENT, jobs=2, progress=lambda _: None)  # workers fork with the patch
    assert scores(course) == scores(sequential)
    log = (course / ".course-grade.log").read_text()
    assert "speed-ups off, grading with nbgrader's own path: nbgrader" in log


def test_one_student_only_and_an_empty_folder(handed_in, tmp_path, capsys):
    course = quiz.copy(handed_in, tmp_path / "course")
    (course / "submitted" / "empty" / quiz.ASSIGNMENT).mkdir(parents=True)
    assert cli.main(["grade", quiz.ASSIGNMENT, "--course", str(course), "--student", "all-right"]) == 0
    out = capsys.readouterr().out
    assert "[1/1] all-right  5/10" in out
    assert cli.main(["grade", quiz.ASSIGNMENT, "--course", str(course), "--student", "empty"]) == 0
    assert "empty: the submission folder holds no notebook" in capsys.readouterr().out


def test_a_custom_submitted_directory_is_where_submissions_are_found(tmp_path):
    course = quiz.make_course(tmp_path / "class")
    with open(course / "nbgrader_config.py", "a") as config:
        config.write("c.CourseDirectory.submitted_directory = 'handed_in'\n")
    released = _released(course)
    path = quiz.submit(course, "all-right", quiz.answered(released, {"double": quiz.DOUBLE, "year": quiz.YEAR}))
    (course / "handed_in").mkdir()
    path.parent.parent.rename(course / "handed_in" / "all-right")
    summary = grading.grade(course, quiz.ASSIGNMENT, jobs=1, progress=lambda _: None)
    assert _graded(summary) == {"all-right": 5.0}
