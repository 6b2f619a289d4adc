"""`course release`: a due date in the class's own time zone, and a release that never changes what students
have already handed in."""

from datetime import datetime

import pytest
from nbgrader.api import Gradebook

import quiz_course as quiz
from course import cli
from course.grading import gradebook


def _class(tmp_path, zone: str | None = "Asia/Karachi"):
    course = quiz.make_course(tmp_path / "class")
    if zone:
        with open(course / "nbgrader_config.py", "a") as config:
            config.write(f"\nc.Exchange.timezone = {zone!r}\n")
    return course


def _duedate(course) -> datetime | None:
    with Gradebook(gradebook.default_url(course), "quiz-course") as gb:
        return gb.find_assignment(quiz.ASSIGNMENT).duedate  # naive, UTC (nbgrader's parse_utc)


def test_a_due_date_is_the_classs_local_time_and_is_printed_back_in_both(tmp_path, capsys):
    course = _class(tmp_path)
    assert cli.main(["release", quiz.ASSIGNMENT, "--course", str(course), "--duedate", "2026-12-20 17:00"]) == 0
    out = capsys.readouterr().out
    assert "2026-12-20 17:00 PKT (Asia/Karachi)" in out and "2026-12-20 12:00 UTC" in out
    assert _duedate(course) == datetime(2026, 12, 20, 12, 0)  # 17:00 in Lahore is 12:00 UTC
    assert (course / "release" / quiz.ASSIGNMENT / "quiz.ipynb").exists()


def test_without_a_zone_in_the_class_config_the_machines_zone_is_used(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    course = _class(tmp_path, zone=None)
    assert cli.main(["release", quiz.ASSIGNMENT, "--course", str(course), "--duedate", "2026-07-01 09:30"]) == 0
    assert "2026-07-01 13:30 UTC" in capsys.readouterr().out
    assert _duedate(course) == datetime(2026, 7, 1, 13, 30)  # EDT, summer time: UTC-4


@pytest.mark.parametrize("text", ["20/12/2026 17:00", "2026-12-20", "tomorrow", "2026-12-20 17:00 +0100",
                                  "2026-02-30 17:00"])
def test_a_malformed_due_date_is_one_line_and_nothing_is_written(tmp_path, capsys, text):
    course = _class(tmp_path)
    before = sorted(p.name for p in course.iterdir())
    assert cli.main(["release", quiz.ASSIGNMENT, "--course", str(course), "--duedate", text]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
    assert repr(text) in captured.err and "YYYY-MM-DD HH:MM" in captured.err and "Asia/Karachi" in captured.err
    assert sorted(p.name for p in course.iterdir()) == before  # no gradebook, no release/


def test_a_time_the_clocks_skip_is_refused(tmp_path, capsys):
    course = _class(tmp_path, zone="Europe/London")
    assert cli.main(["release", quiz.ASSIGNMENT, "--course", str(course), "--duedate", "2026-03-29 01:30"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "does not exist in Europe/London" in err
    assert not (course / "gradebook.db").exists()


@pytest.fixture
def handed_in(tmp_path):
    """A class whose quiz was released with a due date, and two students who handed it in."""
    course = _class(tmp_path)
    assert cli.main(["release", quiz.ASSIGNMENT, "--course", str(course), "--duedate", "2026-12-20 17:00"]) == 0
    released = course / "release" / quiz.ASSIGNMENT / "quiz.ipynb"
    for student in ("s01", "s02"):
        quiz.submit(course, student, quiz.answered(released, {"double": quiz.DOUBLE}))
    return course


def test_releasing_again_after_submissions_says_why_and_what_to_do_and_can_move_the_due_date(handed_in, capsys):
    course = handed_in
    released = course / "release" / quiz.ASSIGNMENT / "quiz.ipynb"
    before = released.read_bytes(), released.stat().st_mtime_ns
    (course / "source" / quiz.ASSIGNMENT / "extra.ipynb").write_bytes(  # a notebook added mid-term
        (course / "source" / quiz.ASSIGNMENT / "quiz.ipynb").read_bytes())
    capsys.readouterr()
    assert cli.main(["release", quiz.ASSIGNMENT, "--course", str(course)]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert captured.out == "" and len(err.splitlines()) == 1 and "Traceback" not in err
    assert "not generated again" in err and "2 submission(s)" in err and "s01, s02" in err
    assert "course variant" in err and f"--name {quiz.ASSIGNMENT}_v2" in err
    assert (released.read_bytes(), released.stat().st_mtime_ns) == before
    assert not (course / "release" / quiz.ASSIGNMENT / "extra.ipynb").exists()
    assert _duedate(course) == datetime(2026, 12, 20, 12, 0)  # the due date is kept

    # the due date alone can still be moved (an extension for the whole class)
    assert cli.main(["release", quiz.ASSIGNMENT, "--course", str(course), "--duedate", "2026-12-22 17:00"]) == 0
    out = capsys.readouterr().out
    assert "2026-12-22 12:00 UTC" in out and "not generated again: 2 submission(s)" in out
    assert _duedate(course) == datetime(2026, 12, 22, 12, 0)
    assert (released.read_bytes(), released.stat().st_mtime_ns) == before


def test_releasing_again_before_any_submission_regenerates_and_keeps_the_due_date(tmp_path, capsys):
    course = _class(tmp_path)
    assert cli.main(["release", quiz.ASSIGNMENT, "--course", str(course), "--duedate", "2026-12-20 17:00"]) == 0
    assert cli.main(["release", quiz.ASSIGNMENT, "--course", str(course)]) == 0
    assert "released quiz" in capsys.readouterr().out
    assert _duedate(course) == datetime(2026, 12, 20, 12, 0)


def test_a_hand_written_class_config_that_leaves_formgrader_unsafe_is_named_at_release(tmp_path):
    """An instructor who wrote the class's nbgrader_config.py by hand (so the course's is not copied in) is told,
    in one line, that formgrader would show a student's scripts, and what two lines make it safe."""
    from course.grading.release import unsafe_pages_warning

    (tmp_path / "nbgrader_config.py").write_text('c = get_config()\nc.Exchange.timezone = "Asia/Karachi"\n')
    warning, = unsafe_pages_warning(tmp_path)
    assert "formgrader" in warning and "configure_pages(c)" in warning
    with open(tmp_path / "nbgrader_config.py", "a") as fh:
        fh.write("from course.grading.safe_html import configure_pages\nconfigure_pages(c)\n")
    assert unsafe_pages_warning(tmp_path) == []
