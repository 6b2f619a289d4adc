"""Self-check banks: well-formed, enough questions per lesson, and numeric answers that match the data."""

import json
import math

import pytest

from course import selfcheck
from course.selfcheck import BankError, SelfCheck, formula_namespace

LESSONS = ["00", "00a", "01", "02", "03", "04"]


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_bank_loads_with_explanations(lesson):
    questions = selfcheck.load_bank(lesson)
    assert len(questions) >= (5 if lesson == "00" else 8)
    assert all(q.explanation.strip() for q in questions)


@pytest.mark.parametrize("lesson", LESSONS[1:])
def test_lessons_mix_mcqs_and_numeric_questions_on_the_data(lesson):
    kinds = {q.kind for q in selfcheck.load_bank(lesson)}
    assert kinds == {"mcq", "numeric"}


def _numeric_with_formula():
    for lesson in LESSONS:
        for q in selfcheck.load_bank(lesson):
            if q.formula:
                yield pytest.param(q, id=f"{lesson}-q{q.number}")


@pytest.fixture(scope="module")
def namespace():
    return formula_namespace()


@pytest.mark.parametrize("question", list(_numeric_with_formula()))
def test_numeric_answers_are_what_the_data_gives(question, namespace):
    computed = eval(question.formula, {}, dict(namespace))  # formulas are the course's own, from its banks
    assert math.isclose(float(computed), float(question.answer), abs_tol=max(question.tolerance, 1e-9))


def test_every_numeric_data_question_has_a_formula():
    missing = [(lesson, q.number) for lesson in LESSONS for q in selfcheck.load_bank(lesson)
               if lesson != "00" and q.kind == "numeric" and not q.formula]
    assert missing == []


def test_feedback_is_instant_and_always_explains(capsys):
    quiz = SelfCheck("00")
    first = quiz.questions[min(quiz.questions)]
    wrong = next(letter for letter in first.options if letter != first.answer)
    assert quiz.check(first.number, first.answer.lower()) is True
    assert quiz.check(first.number, wrong) is False
    out = capsys.readouterr().out
    assert out.count(first.explanation) == 2 and "Right." in out and "Not quite" in out


def test_empty_reply_asks_for_an_answer():
    quiz = SelfCheck("00")
    assert "no answer yet" in quiz.feedback(min(quiz.questions), "")


def test_a_word_for_a_number_asks_for_digits_and_is_not_counted_wrong():
    quiz = SelfCheck("01")
    numeric = next(q for q in quiz.questions.values() if q.kind == "numeric")
    assert "is not a number" in quiz.feedback(numeric.number, "forty")
    assert numeric.number not in quiz.results


def test_malformed_bank_names_file_and_question(tmp_path, monkeypatch):
    (tmp_path / "99.json").write_text(json.dumps({"questions": [
        {"number": 3, "kind": "mcq", "question": "?", "explanation": "x", "answer": "E",
         "options": {"A": "a", "B": "b"}}]}))
    monkeypatch.setattr(selfcheck, "BANKS", tmp_path)
    with pytest.raises(BankError, match=r"99.json, question 3: answer 'E' is not one of the options"):
        selfcheck.load_bank("99")
