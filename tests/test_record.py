"""The learner's record: append-only JSON Lines in the workspace, read back whole, damaged lines skipped and
named, kept when the workspace moves or the course updates; self-checks record into it; progress and the
study plan read it. No kernels here."""

import json
import shutil

import pytest

from course import paths, workspace
from course.learner import plan, record, summary
from course.selfcheck import SelfCheck

HEADER = "# Assignment 1: a test\n\nAllow about two hours."


def _notebook(text: str) -> str:
    return json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source": text}], "metadata": {},
                       "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def ws(tmp_path):
    """A workspace as `course start` leaves it: the course's lessons, one assignment, the manifest."""
    source = tmp_path / "course"
    source.mkdir()
    (source / "a1_test.ipynb").write_text(_notebook(HEADER))
    sources = workspace.lesson_sources(paths.NOTEBOOKS)
    sources["assignments/a1_test/a1_test.ipynb"] = source / "a1_test.ipynb"
    folder = tmp_path / "ws"
    workspace.sync(sources, folder)
    return folder


def test_every_kind_of_event_comes_back_as_written(tmp_path):
    events = [{"kind": "selfcheck", "lesson": "01", "question": 3, "right": False, "attempt": 1},
              {"kind": "check", "assignment": "a1_westernization", "question": "Q6", "points": 3.0, "max": 3.0},
              {"kind": "essay", "assignment": "a1_westernization", "question": "Q9", "marks": 14, "max": 20},
              {"kind": "timed", "assignment": "mock_exam", "event": "start"}]
    written = [record.append(tmp_path, e) for e in events]
    back = record.read(tmp_path)
    assert back.events == written and back.problems == []
    assert all(e["at"] for e in back.events)
    assert len((tmp_path / ".course" / "record.jsonl").read_text().splitlines()) == 4


def test_a_damaged_line_is_skipped_and_named_and_the_rest_is_kept(tmp_path):
    record.append(tmp_path, {"kind": "selfcheck", "lesson": "01", "question": 1, "right": True, "attempt": 1})
    path = tmp_path / ".course" / "record.jsonl"
    with open(path, "a") as handle:
        handle.write('{"kind": "selfcheck", "lesson": "01", "question": 2, "right": tr\n')  # a crash mid-line
        handle.write('{"kind": "check", "assignment": "a1", "question": "Q1", "points": "lots", "max": 1, "at": "x"}\n')
        handle.write('{"kind": "selfcheck", "lesson": "01", "question": 3, "right": false')  # cut, no newline
    record.append(tmp_path, {"kind": "selfcheck", "lesson": "02", "question": 1, "right": True, "attempt": 1})
    back = record.read(tmp_path)
    assert [(e["lesson"], e["question"]) for e in back.events] == [("01", 1), ("02", 1)]
    assert len(back.problems) == 3
    assert back.problems[0].startswith(".course/record.jsonl, line 2: not a complete JSON line")
    assert "line 3: check event without a valid 'points'" in back.problems[1]
    assert "line 4:" in back.problems[2]
    assert path.read_text().count("\n") == 5  # nothing rewritten: the damaged lines are still there


def test_an_event_that_is_not_one_is_refused_before_it_is_written(tmp_path):
    with pytest.raises(ValueError, match="selfcheck event without a valid 'right'"):
        record.append(tmp_path, {"kind": "selfcheck", "lesson": "01", "question": 1, "right": "yes", "attempt": 1})
    assert not (tmp_path / ".course" / "record.jsonl").exists()


def test_a_self_check_records_inside_a_workspace_and_nothing_outside(ws, tmp_path, monkeypatch):
    monkeypatch.chdir(ws / "notebooks")  # where Jupyter runs a lesson's kernel
    quiz = SelfCheck("01")
    quiz.check(1, "B")  # wrong
    quiz.check(1, "E")  # not an answer: not counted, not recorded
    quiz.check(1, "a")  # right
    events = record.read(ws).events
    assert [(e["question"], e["right"], e["attempt"]) for e in events] == [(1, False, 1), (1, True, 2)]
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    SelfCheck("01").check(1, "A")
    assert not list(tmp_path.glob("elsewhere/**/record.jsonl")) and len(record.read(ws).events) == 2


def test_a_moved_workspace_keeps_its_record_and_goes_on_recording(ws, tmp_path, monkeypatch):
    monkeypatch.chdir(ws / "notebooks")
    SelfCheck("00").check(1, "A")
    before = record.read(ws).events
    moved = tmp_path / "new-place" / "ws"
    moved.parent.mkdir()
    monkeypatch.chdir(tmp_path)
    shutil.move(str(ws), str(moved))
    assert record.read(moved).events == before
    monkeypatch.chdir(moved / "notebooks")
    SelfCheck("00").check(2, "A")
    assert len(record.read(moved).events) == 2


def test_course_update_never_touches_the_record(ws, tmp_path):
    record.append(ws, {"kind": "essay", "assignment": "a1_test", "question": "Q9", "marks": 12, "max": 20})
    path = ws / ".course" / "record.jsonl"
    before = path.read_bytes()
    source = tmp_path / "course" / "a1_test.ipynb"
    source.write_text(_notebook(HEADER + "\n\nA correction."))
    sources = workspace.lesson_sources(paths.NOTEBOOKS)
    sources["assignments/a1_test/a1_test.ipynb"] = source
    report = workspace.sync(sources, ws, update=True)
    assert report.updated == ["assignments/a1_test/a1_test.ipynb"]
    assert path.read_bytes() == before
    workspace.sync(sources, ws, update=True)  # twice does no harm either
    assert path.read_bytes() == before


def test_lesson_times_are_read_from_the_lessons_themselves():
    times = {s.name: s.minutes for s in plan.lessons(paths.NOTEBOOKS)}
    assert times["00"] == 30 and times["00a"] == 40 and times["01"] == 75 and times["04"] == 120
    assert plan.assignment_minutes("Allow about three hours.") == 180 and plan.assignment_minutes("soon") is None


def test_progress_reads_the_record_and_plans_the_weeks(ws, monkeypatch):
    monkeypatch.chdir(ws / "notebooks")
    quiz = SelfCheck("00")
    for number, question in quiz.questions.items():  # every question right, Q2 only at the second try
        if number == 2:
            quiz.check(number, _wrong(question))
        quiz.check(number, question.answer)
    record.append(ws, {"kind": "check", "assignment": "a1_test", "question": "Q1", "points": 1, "max": 1})
    state = summary.gather(ws)
    lessons = {s.step.name: s for s in state.lessons}
    assert lessons["00"].done and lessons["00"].first_wrong == [2]
    assert "done, to revise Q2 (wrong first try)" in lessons["00"].status()
    assert lessons["01"].status() == "not started"
    assert summary.next_step(state) == "lesson 00a, Pandas for the exam (about 40 min)."
    text = "\n".join(summary.lines(state, 2))
    assert "a1_test             checked " in text and "1 of 1 marks" in text
    assert "Study plan over 2 weeks" in text and "[x] 00 Start here (30 min)" in text
    weeks = plan.weeks(state.steps, 2)
    assert [s.name for s in weeks[-1]][-1] == "revision"
    order = [s.name for s in state.steps]
    assert order.index("a1_test") == order.index("01") + 1  # an assignment follows its lesson
    page = summary.write_page(state, ws / "progress.html", 2)
    html = page.read_text()
    assert "Week 2" in html and "<script" not in html and "http" not in html.replace("http-equiv", "")


def _wrong(question):
    if question.kind == "mcq":
        return next(letter for letter in question.options if letter != question.answer)
    return float(question.answer) + 1000


def test_a_damaged_record_is_reported_by_progress_and_costs_nothing_else(ws):
    record.append(ws, {"kind": "check", "assignment": "a1_test", "question": "Q1", "points": 1, "max": 1})
    with open(ws / ".course" / "record.jsonl", "a") as handle:
        handle.write("this line was typed by hand\n")
    state = summary.gather(ws)
    text = "\n".join(summary.lines(state))
    assert ".course/record.jsonl, line 2: not a complete JSON line" in text
    assert "1 of 1 marks" in text
