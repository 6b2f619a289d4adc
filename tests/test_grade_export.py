"""`course export`: a grade export a spreadsheet cannot misread, on a real small class.

One class folder is released and autograded once for the module (a1_westernization, nbgrader's own
autograde in this process): one student complete (essay marked by hand through the Gradebook API), one
late with the essay unmarked and an id a spreadsheet would run as a formula (`=cmd`), one whose notebook is
not JSON, one handed in after grading, and two who handed in nothing (one of them `-s1`). The class's time
zone is Asia/Karachi and its late penalty is one mark, recorded by nbgrader itself.
"""

import csv
import io
from types import SimpleNamespace

import nbformat
import pytest
from nbgrader.api import Gradebook

from course import cli
from course.grading import export, export_files, release
from course.grading.variants import notebook as variant_notebook
from nbgrader_course import COURSE, answer, nbmeta, released, run_nbgrader, solutions, submit

A1 = "a1_westernization"
CONFIG = '''c = get_config()
c.CourseDirectory.course_id = "css-2027"
c.Exchange.timezone = "Asia/Karachi"
c.Execute.timeout = 10

from nbgrader.plugins import BasePlugin


class OneMarkOff(BasePlugin):
    """A class's late rule: one mark off for any late submission."""

    def late_submission_penalty(self, student_id, score, total_seconds):
        return 1.0 if total_seconds > 0 else 0.0


c.AssignLatePenalties.plugin_class = OneMarkOff
'''
ESSAY_MARK = 15.0


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    root = tmp_path_factory.mktemp("grade-export") / "css-2027"
    root.mkdir()
    (root / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    release.release(root, A1)
    # due 5 pm in Karachi, written as the instructor's guide says
    run_nbgrader(["db", "assignment", "add", A1, "--duedate=2026-12-20 17:00:00 Asia/Karachi"], root)
    url = f"sqlite:///{root / 'gradebook.db'}"
    with Gradebook(url, "css-2027") as gb:  # the roster, as `nbgrader db student add` writes it
        for student in ("complete", "=cmd", "broken", "absent", "handed-in-late", "kernel-failed"):
            gb.update_or_create_student(student, first_name="Learner", last_name="Alpha")
        gb.update_or_create_student("-s1", first_name="+92 300", last_name="@home")  # nbgrader's CLI reads -s1 as an option
    full = answer(released(root, A1), solutions(A1))
    submit(root, "complete", A1, full, timestamp="2026-12-20 11:00:00 UTC")  # 16:00 in Karachi
    submit(root, "=cmd", A1, full, timestamp="2026-12-20 13:30:00 UTC")  # 18:30 in Karachi: 90 minutes late
    submit(root, "broken", A1, '{"cells": [ this is not JSON', timestamp="2026-12-20 11:00:00 UTC")
    run_nbgrader(["autograde", A1], root, retcode=1)  # 1: nbgrader reports the broken notebook
    with Gradebook(url, "css-2027") as gb:
        essay = gb.find_grade("essay_answer", A1, A1, "complete")
        essay.manual_score = ESSAY_MARK
        gb.db.commit()
    submit(root, "handed-in-late", A1, full, timestamp="2026-12-21 09:00:00 UTC")  # after the grading run
    # nbgrader made the submission's rows, then its run failed (a kernel or sandbox failure leaves the autograded
    # tests without a score); a marker then marked the essay anyway: still not a score to report
    submit(root, "kernel-failed", A1, full, timestamp="2026-12-20 11:00:00 UTC")
    with Gradebook(url, "css-2027") as gb:
        gb.add_submission(A1, "kernel-failed")
        gb.find_grade("essay_answer", A1, A1, "kernel-failed").manual_score = ESSAY_MARK
        gb.db.commit()
    return root


@pytest.fixture(scope="module")
def rows(klass):
    table, zone = export.table(klass)
    assert zone == "Asia/Karachi"
    return {row["student_id"]: row for row in table}


def test_every_roster_student_has_a_row_whose_status_says_what_the_score_is(rows):
    assert set(rows) == {"complete", "=cmd", "broken", "absent", "handed-in-late", "-s1", "kernel-failed"}
    assert rows["complete"]["status"] == "complete" and rows["complete"]["score_is"] == "final"
    assert rows["=cmd"]["status"] == "essays not marked yet"
    assert rows["=cmd"]["score_is"] == "provisional: 20 marks not marked yet"
    assert rows["broken"]["status"].startswith("not graded: autograding failed")
    assert rows["kernel-failed"]["status"].startswith("not graded: autograding failed")
    assert rows["handed-in-late"]["status"] == "not graded: submitted but not autograded yet (run `course grade`)"
    assert rows["absent"]["status"] == rows["-s1"]["status"] == "no submission"
    for name in ("broken", "handed-in-late", "absent", "-s1", "kernel-failed"):  # no score is never shown as 0
        assert rows[name]["score"] is None and rows[name]["raw_score"] is None and rows[name]["mcq"] is None
        assert rows[name]["max_score"] == 34


def test_the_parts_come_from_the_cells_and_add_up_to_the_total(rows):
    done = rows["complete"]
    assert (done["mcq"], done["data"], done["essay"], done["other"]) == (5, 9, ESSAY_MARK, None)
    assert (done["mcq_max"], done["data_max"], done["essay_max"], done["other_max"]) == (5, 9, 20, 0)
    assert done["raw_score"] == done["score"] == 5 + 9 + ESSAY_MARK
    provisional = rows["=cmd"]
    assert provisional["essay"] is None, "an unmarked essay is blank, not 0"
    assert provisional["raw_score"] == provisional["mcq"] + provisional["data"] == 14


def test_lateness_penalty_and_times_in_the_class_zone(rows):
    late, on_time = rows["=cmd"], rows["complete"]
    assert late["timestamp"] == "2026-12-20 18:30:00 +05:00" and late["duedate"] == "2026-12-20 17:00:00 +05:00"
    assert late["seconds_late"] == 90 * 60
    assert late["late_submission_penalty"] == 1 and late["score"] == 13  # nbgrader's penalty, as recorded
    assert on_time["timestamp"] == "2026-12-20 16:00:00 +05:00" and on_time["seconds_late"] == 0
    assert on_time["late_submission_penalty"] == 0
    assert rows["absent"]["timestamp"] == "" and rows["absent"]["duedate"] == "2026-12-20 17:00:00 +05:00"
    assert {row["time_zone"] for row in rows.values()} == {"Asia/Karachi"}


def test_the_csv_and_the_workbook_never_hold_a_formula(klass, tmp_path, capsys):
    from openpyxl import load_workbook

    out, book = tmp_path / "grades.csv", tmp_path / "grades.xlsx"
    assert cli.main(["export", "--course", str(klass), "--out", str(out), "--xlsx", str(book)]) == 0
    printed = capsys.readouterr().out
    assert "7 rows (times in Asia/Karachi): 1 complete, 1 essays not marked yet, 2 no submission, 3 not graded" \
        in printed and f"Grades written to {book}" in printed
    text = out.read_text(encoding="utf-8")
    assert "\n'=cmd,Alpha,Learner," in text and "\n'-s1,'@home,'+92 300," in text
    table = list(csv.DictReader(io.StringIO(text)))
    assert [row["student_id"] for row in table] == ["'-s1", "'=cmd", "absent", "broken", "complete", "handed-in-late",
                                                   "kernel-failed"]
    assert not any(str(v).startswith(export_files.FORMULA_START) for row in table for v in row.values())
    sheet = load_workbook(book).active
    header = [c.value for c in sheet[1]]
    assert header == list(export.COLUMNS)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:W{len(table) + 1}"
    status = header.index("status") + 1
    by_id = {sheet.cell(r, 1).value: sheet.cell(r, status).value for r in range(2, sheet.max_row + 1)}
    assert by_id["complete"] == "complete" and by_id["=cmd"] == "essays not marked yet"
    formula_like = sheet.cell(next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "=cmd"), 1)
    assert formula_like.data_type == "s" and formula_like.value == "=cmd", "a string cell, never a formula"
    assert sheet.cell(2, header.index("score") + 1).value is None  # -s1: no score, not 0
    assert 8 <= sheet.column_dimensions["F"].width <= export_files.MAX_WIDTH  # the status column


def test_one_assignment_only(klass, tmp_path):
    out = tmp_path / "a1.csv"
    assert cli.main(["export", "--course", str(klass), "--out", str(out), "--assignment", A1]) == 0
    assert {row["assignment"] for row in csv.DictReader(out.open(encoding="utf-8"))} == {A1}


@pytest.mark.parametrize("case", ["unknown assignment", "unknown time zone", "missing folder"])
def test_bad_input_is_one_line_exit_2_and_the_old_export_intact(klass, tmp_path, capsys, case):
    course, old = klass, tmp_path / "grades.csv"
    old.write_text("last week's grades\n", encoding="utf-8")
    args = ["export", "--out", str(old)]
    if case == "unknown assignment":
        args += ["--assignment", "a9_nope"]
        expected = "'a9_nope' is not in the gradebook"
    elif case == "unknown time zone":
        course = tmp_path / "class"
        course.mkdir()
        (course / "nbgrader_config.py").write_text(CONFIG.replace("Asia/Karachi", "Asia/Lahore"), encoding="utf-8")
        expected = "c.Exchange.timezone: 'Asia/Lahore' is not a time zone"
    else:
        args = ["export", "--out", str(tmp_path / "no-such-folder" / "grades.csv"), "--xlsx", str(tmp_path / "g.xlsx")]
        expected = f"the folder {tmp_path / 'no-such-folder'} does not exist"
    assert cli.main([*args, "--course", str(course)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("course export: ") and expected in err
    assert old.read_text(encoding="utf-8") == "last week's grades\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["grades.csv"]


def test_a_run_that_fails_while_writing_leaves_the_old_files(klass, tmp_path, monkeypatch):
    old = tmp_path / "grades.csv"
    old.write_text("last week's grades\n", encoding="utf-8")

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_files, "write_xlsx", disk_full)
    with pytest.raises(export.ExportError, match="No space left on device"):
        export.export(klass, old, xlsx=tmp_path / "grades.xlsx")
    assert old.read_text(encoding="utf-8") == "last week's grades\n"
    assert [p.name for p in tmp_path.iterdir()] == ["grades.csv"], "no temporary file left behind"


def test_neutraliser_quotes_every_formula_start():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert export_files.neutralise(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    assert export_files.neutralise("s2026-001") == "s2026-001" and export_files.neutralise("") == ""


def _parts(cells):
    """(part, points) of every grade cell of a notebook's cells, by the export's rule."""
    out = []
    for cell in cells:
        meta = nbmeta(cell) if hasattr(cell, "metadata") else cell["metadata"].get("nbgrader", {})
        if meta.get("grade"):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            out.append((export.part_of(meta["grade_id"], cell["cell_type"], bool(meta.get("solution")), source),
                        meta["points"]))
    return out


@pytest.mark.parametrize("name, expected", [
    ("a1_westernization", {"mcq": 5, "data": 9, "essay": 20}),
    ("a2_dissociation", {"mcq": 5, "data": 9, "essay": 20}),
    ("a3_escalation", {"mcq": 5, "data": 9, "essay": 20}),
    ("mock_exam", {"mcq": 20, "data": 12, "essay": 68}),  # Q21(d) is written and marked by hand
])
def test_every_assignment_splits_into_its_parts(name, expected):
    cells = nbformat.read(COURSE / "source" / name / f"{name}.ipynb", as_version=4).cells
    totals: dict[str, float] = {}
    for part, points in _parts(cells):
        totals[part] = totals.get(part, 0) + points
    assert totals == expected


def test_a_class_variant_splits_the_same_way():
    item = SimpleNamespace(stem="Which year?", explanation="Because.")
    mcq = variant_notebook.mcq_cells("q3", item, {"A": "1914", "B": "1917", "C": "1924", "D": "1991"}, "C")
    question = SimpleNamespace(variable="n_events", kind="int", allowed=None, key=7, hint="count rows",
                               prompt="How many?", solution="n_events = 7")
    data = variant_notebook.data_cells("q6", question, 3)
    essay = [variant_notebook.markdown("essay_answer", "Write here", grade=True, solution=True, locked=False,
                                       points=20)]
    assert _parts(mcq + data + essay) == [("mcq", 1), ("data", 3), ("essay", 20)]
    assert export.part_of("bonus", "code", False, "assert x") == "other"
