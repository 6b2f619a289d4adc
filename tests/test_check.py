"""`course check`: a learner's own copy marked with the practice key by the course's grader, the feedback page,
the record; and what it refuses: a copy not started, a broken file, a class variant, a hub without the key.

Grading a notebook takes seconds, so the two graded copies (model answers; a wrong MCQ) are made once."""

import json
import shutil

import nbformat
import pytest

from course import cli
from course.content import paths
from course.learner import key, record, selfmark
import nbgrader_course as nbc

A1 = "a1_westernization"


def run(ws, *args, **options):
    lines = []
    code = selfmark.run(args[0], ws, *args[1:], out=lines.append, err=lines.append, **options)
    return code, "\n".join(lines)


def mine(ws, assignment=A1):
    return ws / "assignments" / assignment / f"{assignment}.ipynb"


def answer(ws, replies, assignment=A1):
    path = mine(ws, assignment)
    nbformat.write(nbc.answer(nbformat.read(path, as_version=4), replies), path)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A workspace as `course start` makes it: nothing answered yet (copy it before changing it)."""
    ws = tmp_path_factory.mktemp("fresh") / "ws"
    assert cli.main(["start", "--no-lab", "--workspace", str(ws)]) == 0
    return ws


def copy(fresh, tmp_path):
    return shutil.copytree(fresh, tmp_path / "ws", symlinks=True)


@pytest.fixture(scope="module")
def graded(fresh, tmp_path_factory):
    """a1 checked twice in one workspace: with the model answers, then with Q2 wrong, Q3 and Q6 not answered."""
    ws = shutil.copytree(fresh, tmp_path_factory.mktemp("graded") / "ws")
    answer(ws, nbc.solutions(A1))
    right = run(ws, "a1")
    right_page = (ws / "feedback" / f"{A1}.html").read_text()
    wrong_mcq = 'answer_q2 = "A"'
    stub = "# YOUR ANSWER HERE: replace this line and the next with your code\nraise NotImplementedError()"
    answer(ws, {**nbc.solutions(A1), "q2_answer": wrong_mcq, "q3_answer": stub, "q6_answer": stub})
    wrong = run(ws, A1)
    wrong_page = (ws / "feedback" / f"{A1}.html").read_text()
    return ws, right, right_page, wrong, wrong_page


def test_the_model_answers_get_every_mark_and_join_the_record(graded):
    ws, (code, out), page, _, _ = graded
    assert code == 0, out
    assert out.startswith(f"Marking {A1} with the practice key (about a minute)...\n")  # said before grading
    assert f"{A1}: 14 of 14 marks for the questions the course marks." in out
    checks = [e for e in record.read(ws).of_kind("check")]
    first = [e for e in checks if e["at"] == checks[0]["at"]]
    assert {e["question"]: (e["points"], e["max"]) for e in first} == {
        "Q1": (1, 1), "Q2": (1, 1), "Q3": (1, 1), "Q4": (1, 1), "Q5": (1, 1), "Q6": (3, 3), "Q7": (3, 3), "Q8": (3, 3)}
    assert "course check a1 --mark q9=MARKS" in out


def test_the_feedback_page_explains_every_question_and_the_essay(graded):
    ws, _, page, _, _ = graded
    assert "Right (C). It was signed on 1 August 1975" in page  # Q1's explanation
    assert "How Q9 is marked." in page and "Pakistan angle" in page  # the examiner's rubric
    assert "The model answer&#x27;s outline" in page or "The model answer's outline" in page
    assert "Essay coach" in page  # the coach's notes on the learner's essay
    assert "--mark q9=MARKS" in page
    assert "<script" not in page and "src=" not in page and "href=\"http" not in page  # offline, nothing fetched


def test_a_wrong_mcq_shows_the_key_and_its_explanation(graded):
    ws, _, _, (code, out), page = graded
    assert code == 0, out
    assert "9 of 14 marks" in out and "Q2    wrong  0/1" in out
    assert "The key is (D). Leningrad dates from 26 January 1924" in page
    latest = record.read(ws).of_kind("check")[-8:]
    assert {e["question"]: e["points"] for e in latest}["Q2"] == 0


def test_a_question_not_answered_is_its_own_status_and_its_key_stays_hidden(graded):
    ws, _, _, (code, out), page = graded
    assert "Q3    not answered  0/1" in out and "Q6    not answered  0/3" in out
    assert "Q3    wrong" not in out and "Q6    wrong" not in out
    assert "Not answered yet: Q3, Q6; their keys stay hidden" in out
    items = {i.label: i for i in key.items(key.read_notebook(paths.ASSIGNMENTS / "source" / A1 / f"{A1}.ipynb"))}
    for label in ("Q3", "Q6"):  # neither the key nor its explanation
        assert items[label].explanation and items[label].explanation not in page
    assert "The key is (A)" not in page and "Q3. Not answered yet: 0 of 1" in page
    assert page.count("Not answered yet: answer it and check again.") == 2
    latest = {e["question"]: e for e in record.read(ws).of_kind("check")[-8:]}
    assert [q for q, e in latest.items() if e["answered"] is False] == ["Q3", "Q6"]
    assert latest["Q2"]["answered"] is True


def test_an_untouched_answer_is_told_as_progress_tells_it():
    stub = "# Q1: set answer_q1 to the letter\n# YOUR ANSWER HERE: replace this line and the next\nraise NotImplementedError()"
    assert key.unanswered(stub) and key.unanswered("") and key.unanswered("# only a comment\n  \n")
    assert not key.unanswered('# YOUR ANSWER HERE: replace this line and the next with your code\nanswer_q1 = "C"')
    assert not key.unanswered('answer_q1 = "B"')
    essay = "Write your outline first.\n\nYOUR ANSWER HERE: replace this line with your outline and your answer."
    assert key.unanswered(essay, code=False) and key.unanswered("  ", code=False)
    assert not key.unanswered("Russia turned west under Peter I.", code=False)


def test_the_feedback_page_never_shows_the_key_of_a_question_not_answered(tmp_path):
    """The case first met with only Q1 answered: Q2 untouched must not show "The key is (D)"."""
    from course.learner import check, feedback

    q1 = key.Item("Q1", "q1", "mcq", "q1_check", "q1_answer", 1, "**Q1.** Which?", key="C", explanation="Helsinki 1975.")
    q2 = key.Item("Q2", "q2", "mcq", "q2_check", "q2_answer", 1, "**Q2.** When?", key="D", explanation="In 1924.")
    q6 = key.Item("Q6", "q6", "data", "q6_check", "q6_answer", 3, "**Q6.** How many?", explanation="Count the rows.")
    marked = check.Marked(A1, [check.Result(q1, 1.0, answer='answer_q1 = "C"'),
                               check.Result(q2, 0.0, "NotImplementedError", "raise NotImplementedError()", answered=False),
                               check.Result(q6, 0.0, "Q6: count the rows", "raise NotImplementedError()", answered=False)])
    assert [r.status for r in marked.results] == ["right", "not answered", "not answered"]
    page = feedback.write(marked, tmp_path / "a1.html").read_text()
    assert "Right (C). Helsinki 1975." in page
    assert "(D)" not in page and "In 1924." not in page and "Count the rows" not in page and "count the rows" not in page
    assert page.count("Not answered yet: answer it and check again.") == 2


def test_a_self_assessed_essay_mark_is_recorded_and_shown_by_progress(graded, capsys):
    ws = graded[0]
    assert run(ws, "a1", ["q9=25"])[0] == 2  # more than the 20 marks
    code, out = run(ws, "a1", ["Q9=14"])
    assert code == 0 and "Recorded: a1_westernization Q9, 14 of 20" in out
    assert [e["marks"] for e in record.read(ws).of_kind("essay")] == [14]
    code, out = run(ws, "a1", ["q3=1"])
    assert code == 2 and "has no written answer 'q3'; its written answers are Q9" in out
    assert cli.main(["progress", "--workspace", str(ws)]) == 0
    text = capsys.readouterr().out
    assert "a1_westernization   checked " in text and "9 of 14 marks (wrong: Q2; not answered yet: Q3, Q6); Q9 14 of 20 (your mark)" in text
    assert "Next: lesson 00, Start here (about 30 min)." in text
    assert "Study plan over 3 weeks" in text and "[x] a1_westernization" in text and "mock_exam" in text
    assert (ws / "progress.html").is_file()


def test_a_copy_not_started_or_missing_is_said_so(fresh, tmp_path):
    ws = copy(fresh, tmp_path)
    code, out = run(ws, "a1")
    assert code == 1 and "You have not started a1_westernization yet" in out
    shutil.rmtree(ws / "assignments" / "a2_dissociation")
    code, out = run(ws, "a2_dissociation")
    assert code == 1 and "You have not started a2_dissociation" in out and "course start" in out
    code, out = run(ws, "a9")
    assert code == 2 and "no assignment 'a9'" in out
    assert not (ws / "feedback").exists() and record.read(ws).events == []


def test_a_notebook_that_is_not_json_is_named_and_left_as_it_is(fresh, tmp_path):
    ws = copy(fresh, tmp_path)
    mine(ws).write_text('{"cells": [ half a notebook')
    code, out = run(ws, "a1")
    assert code == 2 and f"{mine(ws)}: not valid JSON (line 1" in out and "Nothing was changed" in out
    assert mine(ws).read_text() == '{"cells": [ half a notebook'


def test_a_class_variant_is_never_self_marked(fresh, tmp_path):
    ws = copy(fresh, tmp_path)
    nb = json.loads(mine(ws).read_text())
    nb["metadata"]["course"] = {"variant": True}
    mine(ws).write_text(json.dumps(nb))
    code, out = run(ws, "a1", ["q9=20"])
    assert code == 1 and "your class's own version" in out and "your instructor marks it" in out
    assert record.read(ws).events == []


def test_course_variant_marks_its_notebooks_as_a_variant(tmp_path):
    from course.grading import variants

    variants.make(A1, tmp_path, 12345)
    written = key.read_notebook(tmp_path / "source" / A1 / f"{A1}.ipynb")
    assert key.is_variant(written)
    assert not key.is_variant(key.read_notebook(paths.ASSIGNMENTS / "source" / A1 / f"{A1}.ipynb"))


def test_a_copy_whose_questions_changed_is_not_marked_with_the_key(fresh, tmp_path):
    ws = copy(fresh, tmp_path)
    text = mine(ws).read_text()
    mine(ws).write_text(text.replace("Saint Petersburg was renamed Leningrad in", "Leningrad was named in"))
    code, out = run(ws, "a1")
    assert code == 1 and "not the course's current ones (Q2)" in out and "course update" in out


def test_on_a_hub_without_the_key_only_the_visible_checks_run(fresh, tmp_path, monkeypatch):
    ws = copy(fresh, tmp_path)
    answer(ws, {"q1_answer": 'answer_q1 = "C"'})
    monkeypatch.setattr(paths, "ASSIGNMENTS", tmp_path / "installed-for-students" / "assignments")
    code, out = run(ws, "a1")
    assert code == 0 and "the answer key is kept by your instructor, who marks a1_westernization" in out
    assert "q1_check" in out and "visible tests pass for" in out
    code, out = run(ws, "a1", ["q9=20"])
    assert code == 0 and "records no mark" in out
    assert record.read(ws).events == [] and not (ws / "feedback").exists()


def test_the_mock_taken_timed_records_its_start_and_finish(fresh, tmp_path):
    ws = copy(fresh, tmp_path)
    code, out = run(ws, "mock", timed=True)
    assert code == 0 and "three hours in all" in out and "Part I (20 MCQs): at most 30 minutes" in out
    assert "records the time you take" in out
    code, out = run(ws, "mock", timed=True)  # finished without answering anything
    assert "Finished at" in out and "You have not started mock_exam yet" in out and code == 1
    assert [e["event"] for e in record.read(ws).of_kind("timed")] == ["start", "finish"]
    code, out = run(ws, "a1", timed=True)
    assert code == 2 and "--timed is for the mock paper" in out


def test_an_essay_not_written_yet_cannot_be_given_a_mark(fresh, tmp_path):
    ws = copy(fresh, tmp_path)
    answer(ws, {"q1_answer": nbc.solutions(A1)["q1_answer"]})
    code, out = run(ws, "a1", ["q9=14"])
    assert code == 2 and "not written yet" in out
    assert record.read(ws).of_kind("essay") == []
