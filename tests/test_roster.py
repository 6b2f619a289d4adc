"""The roster CSV: read and checked whole (file, row, column for any problem), and added to the gradebook once.

Fast, no root: the gradebook is SQLite in a temporary class folder. The Unix accounts and the hub login
made from the same CSV are tested with real users in tests/test_classroom.py.
"""

from __future__ import annotations

import pytest
from nbgrader.api import Gradebook

from course.grading import gradebook, roster

HEADER = "student_id,first_name,last_name,email\n"
GOOD = HEADER + "s2026-001,Anna,Pavlova,anna@example.org\ns2026-002,Boris,Godunov,\n\n"


def _file(tmp_path, text: str):
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_roster_is_read_in_order_with_its_names(tmp_path):
    students = roster.read(_file(tmp_path, "\ufeff" + GOOD))  # a spreadsheet's UTF-8 mark, a blank line
    assert [(s.id, s.first_name, s.last_name, s.email, s.row) for s in students] == [
        ("s2026-001", "Anna", "Pavlova", "anna@example.org", 2), ("s2026-002", "Boris", "Godunov", "", 3)]


@pytest.mark.parametrize("text, where", [
    (HEADER + "s1,A,B,a@x\ns1,C,D,c@x\n", "row 3, column 'student_id': 's1' is already on row 2"),
    (HEADER + "s1,A,B,a@x\n-rf,C,D,c@x\n", "row 3, column 'student_id': '-rf' is not a student id"),
    (HEADER + "s1,A,B,a@x\nev il,C,D,c@x\n", "row 3, column 'student_id': 'ev il' is not a student id"),
    (HEADER + "../x,A,B,a@x\n", "row 2, column 'student_id': '../x' is not a student id"),
    (HEADER + ",A,B,a@x\n", "row 2, column 'student_id': '' is not a student id"),
    ("student_id,first_name,email\ns1,A,a@x\n", "row 1: the header has no column 'last_name'"),
    (HEADER + "s1,A,B\n", "row 2, column 'email': missing"),
])
def test_bad_input_is_one_line_naming_file_row_and_column(tmp_path, text, where):
    path = _file(tmp_path, text)
    with pytest.raises(roster.RosterError) as raised:
        roster.read(path)
    message = str(raised.value)
    assert message.startswith(f"{path}, {where}") and "\n" not in message


def test_the_gradebook_gets_the_new_students_once(tmp_path, capsys):
    course = tmp_path / "class"
    course.mkdir()
    path = _file(tmp_path, GOOD)
    assert roster.main(["add", str(path), "--course", str(course)]) == 0
    assert capsys.readouterr().out == "gradebook: 2 student(s) added: s2026-001, s2026-002\n"
    path.write_text(GOOD + "s2026-003,Clara,Zetkin,clara@example.org\n", encoding="utf-8")
    assert roster.main(["add", str(path), "--course", str(course)]) == 0
    assert capsys.readouterr().out == ("gradebook: 1 student(s) added: s2026-003\n"
                                       "gradebook: 2 already on the roster, left as they are\n")
    with Gradebook(gradebook.default_url(course)) as gb:
        assert {(s.id, s.first_name, s.email) for s in gb.students} == {
            ("s2026-001", "Anna", "anna@example.org"), ("s2026-002", "Boris", None),
            ("s2026-003", "Clara", "clara@example.org")}


def test_a_bad_roster_adds_nobody(tmp_path, capsys):
    course = tmp_path / "class"
    course.mkdir()
    path = _file(tmp_path, GOOD + "s2026-001,Again,Twice,\n")
    assert roster.main(["add", str(path), "--course", str(course)]) == 2
    err = capsys.readouterr().err
    assert err == f"roster: {path}, row 5, column 'student_id': 's2026-001' is already on row 2\n"
    assert not (course / "gradebook.db").exists()
