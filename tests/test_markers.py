"""`course markers`: the marking of an assignment shared among markers, evenly, the same way every time.

Fast: a class folder with submitted/ folders and the course's source notebooks, no grading, no hub.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from course import cli
from nbgrader_course import copy_course

A1, MOCK = "a1_westernization", "mock_exam"


def _class(tmp_path: Path, students: list[str], markers: str = "marker-a\nmarker-b\nmarker-c\n") -> Path:
    course = copy_course(tmp_path / "class")
    for student in students:
        (course / "submitted" / student / A1).mkdir(parents=True)
    (course / "markers").mkdir()
    (course / "markers" / "markers.txt").write_text(markers)
    return course


def _rows(course: Path, assignment: str = A1) -> list[dict]:
    with open(course / "markers" / f"{assignment}.csv", newline="") as fh:
        return list(csv.DictReader(fh))


def _markers(course: Path, *args: str) -> int:
    return cli.main(["markers", *args, "--course", str(course)])


def test_a_class_is_shared_evenly_and_the_same_way_whatever_the_order_of_the_names(tmp_path, capsys):
    students = [f"s2026-{n:03d}" for n in range(1, 181)]
    course = _class(tmp_path, students)
    assert _markers(course, A1, "--marker", "marker-c", "--marker", "marker-a", "--marker", "marker-b") == 0
    out = capsys.readouterr().out
    rows = _rows(course)
    assert sorted(r["student_id"] for r in rows) == students  # everyone once
    shares = {m: [r["student_id"] for r in rows if r["marker"] == m] for m in ("marker-a", "marker-b", "marker-c")}
    assert [len(s) for s in shares.values()] == [60, 60, 60]
    assert "marker-a: 60 submission(s)" in out
    assert f"  s2026-001  formgrader/manage_students/s2026-001/{A1}" in out.split("marker-b:")[0]
    first = (course / "markers" / f"{A1}.csv").read_text()
    assert _markers(course, A1, "--marker", "marker-b", "--marker", "marker-a", "--marker", "marker-c") == 0
    assert (course / "markers" / f"{A1}.csv").read_text() == first


def test_late_submissions_are_shared_out_and_nobody_loses_what_they_had(tmp_path, capsys):
    course = _class(tmp_path, [f"s{n}" for n in range(1, 8)])  # 7: shares of 3, 2, 2
    assert _markers(course, A1, "--marker", "marker-a", "--marker", "marker-b", "--marker", "marker-c") == 0
    before = {r["student_id"]: r["marker"] for r in _rows(course)}
    for late in ("s8", "s9"):
        (course / "submitted" / late / A1).mkdir(parents=True)
    assert _markers(course, A1, "--marker", "marker-a", "--marker", "marker-b", "--marker", "marker-c") == 0
    after = {r["student_id"]: r["marker"] for r in _rows(course)}
    assert {s: after[s] for s in before} == before
    counts = sorted(list(after.values()).count(m) for m in ("marker-a", "marker-b", "marker-c"))
    assert counts == [3, 3, 3]
    assert "marker-c: 3 submission(s)" in capsys.readouterr().out


def test_by_question_spreads_the_points(tmp_path, capsys):
    course = _class(tmp_path, ["s1"])
    assert _markers(course, MOCK, "--by", "question", "--marker", "marker-a", "--marker", "marker-b") == 0
    rows = _rows(course, MOCK)
    assert sorted(r["question"] for r in rows) == ["q21d_answer", "q22_answer", "q23_answer", "q24_answer"]
    points = {m: sum(float(r["points"]) for r in rows if r["marker"] == m) for m in ("marker-a", "marker-b")}
    assert points == {"marker-a": 40.0, "marker-b": 28.0}  # 20+20 and 20+8: as even as whole questions allow
    assert f"formgrader/gradebook/{MOCK}/{MOCK}" in capsys.readouterr().out


def test_a_name_that_is_not_an_instructor_is_refused_and_nothing_is_written(tmp_path, capsys):
    course = _class(tmp_path, ["s1", "s2"])
    assert _markers(course, A1, "--marker", "marker-a", "--marker", "mallory") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("course markers: 'mallory' is not an instructor") and "markers.txt" in err
    assert len(err.splitlines()) == 1
    assert not (course / "markers" / f"{A1}.csv").exists()


@pytest.mark.parametrize("setup, message", [
    (lambda course: None, "no submissions of a1_westernization"),
    (lambda course: (course / "markers" / "markers.txt").unlink(), "'marker-a' is not an instructor"),
])
def test_nothing_to_share_is_one_line_and_nothing_written(tmp_path, capsys, setup, message):
    course = _class(tmp_path, [])
    setup(course)
    assert _markers(course, A1, "--marker", "marker-a") == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (course / "markers" / f"{A1}.csv").exists()


def test_a_student_folder_with_a_strange_name_is_named_and_left_out(tmp_path, capsys):
    course = _class(tmp_path, ["s1", "s2", "x;rm -rf ~"])
    assert _markers(course, A1, "--marker", "marker-a") == 0
    assert sorted(r["student_id"] for r in _rows(course)) == ["s1", "s2"]
    assert "skipped 1 folder(s) in submitted/ with unexpected names: 'x;rm -rf ~'" in capsys.readouterr().out
