"""Self-check banks: well-formed, enough questions per lesson, and numeric answers that match the data."""

import json
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np

import pytest

from course import selfcheck
from course.selfcheck import BankError, Question, SelfCheck, formula_namespace

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


def test_feedback_is_instant_and_explains_once_right_or_after_a_second_wrong_try(capsys):
    quiz = SelfCheck("00")
    first = quiz.questions[min(quiz.questions)]
    wrong = next(letter for letter in first.options if letter != first.answer)
    assert quiz.check(first.number, first.answer.lower()) is True
    assert "Right." in capsys.readouterr().out
    other = SelfCheck("00")
    assert other.check(first.number, wrong) is False
    once = capsys.readouterr().out
    assert "Not quite" in once and first.explanation not in once and f"quiz.reveal({first.number})" in once
    assert other.check(first.number, wrong) is False
    twice = capsys.readouterr().out
    assert first.explanation in twice and f"the answer is {first.answer}" in twice


def test_the_answer_is_revealed_on_request(capsys):
    quiz = SelfCheck("00")
    first = quiz.questions[min(quiz.questions)]
    quiz.reveal(first.number)
    out = capsys.readouterr().out
    assert f"the answer is {first.answer}" in out and first.explanation in out
    assert first.number not in quiz.results


@pytest.mark.parametrize("reply", ["b", " B ", "b)", "(B)", "B.", "[b]"])
def test_a_letter_typed_any_common_way_is_read(reply):
    mcq = Question(number=1, kind="mcq", question="?", explanation="x", answer="B",
                   options={"A": "a", "B": "b", "C": "c", "D": "d"})
    assert mcq.form_hint(reply) is None and mcq.is_right(reply)


@pytest.mark.parametrize("reply", [np.int64(40), np.int32(40), np.float64(40.0), 40, 40.0, "40", " 40 ", "40 events",
                                   Decimal("40"), Fraction(80, 2), np.array(40)])
def test_a_number_of_any_numeric_type_is_read(reply):
    count = Question(number=10, kind="numeric", question="?", explanation="x", answer=40, unit="events")
    assert count.form_hint(reply) is None and count.is_right(reply)


@pytest.mark.parametrize("lesson, kind, reply, hint", [
    ("01", "mcq", "E", "answer with one letter, A-D"),
    ("01", "mcq", "I think it is the second one", "answer with one letter, A-D"),
    ("01", "mcq", 2, "answer with one letter"),
    ("01", "numeric", "forty", "is not a number"),
    ("01", "numeric", True, "is not a number"),
    ("01", "numeric", [1, 2], "is not a number"),
])
def test_a_reply_of_the_wrong_form_gets_a_hint_and_is_not_an_attempt(lesson, kind, reply, hint):
    quiz = SelfCheck(lesson)
    q = next(q for q in quiz.questions.values() if q.kind == kind)
    text = quiz.feedback(q.number, reply)
    assert hint in text and "not counted" in text
    # nothing after the hint gives the answer away (the hint itself names the form, e.g. "A-D")
    after = text.split(hint)[-1]
    assert "answer is" not in text and (kind == "mcq" or str(q.answer) not in after)
    assert q.number not in quiz.results and q.number not in quiz.wrong


def test_an_unquoted_answer_gets_a_plain_message_not_a_traceback(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_cell('from course.selfcheck import SelfCheck\nquiz = SelfCheck("00")')
    capsys.readouterr()
    result = shell.run_cell("quiz.check(1, b)")
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err and "NameError" not in out.out + out.err
    assert 'quiz.check(1, "B")' in out.out and "not counted" in out.out
    assert isinstance(result.error_in_exec, NameError)
    # any other NameError keeps IPython's usual traceback
    shell.run_cell("print(undefined_name)")
    out = capsys.readouterr()
    assert "NameError" in out.out + out.err


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
