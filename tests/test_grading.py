"""`course grade`: parallel grading gives nbgrader's own gradebook, survives broken submissions and re-runs."""

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
