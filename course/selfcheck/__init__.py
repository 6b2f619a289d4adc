"""Self-check questions with instant feedback, for the lessons (not graded).

Each lesson's bank is a JSON file beside this module (`01.json`, ...). In a notebook:

    from course.selfcheck import SelfCheck
    quiz = SelfCheck("01")
    quiz.show(1)            # prints question 1 and its options
    quiz.check(1, "B")      # says right or wrong; explains once right, or after a second wrong try
    quiz.reveal(1)          # the answer and its reason, on request

A bank is a list of questions; each is an MCQ (`options` A-D and an `answer` letter) or a numeric question
(`answer` a number and a `tolerance`). Every question has an `explanation`, shown with the answer once the
reply is right, after a second wrong attempt, or on request (a first wrong attempt earns another try, which
teaches more than being told). The form of a reply is forgiven: "b", " B ", "b)" and "(B)" are all B; a count
may be any numeric type (numpy's included) or digits in a string. A reply of the wrong form ("E", a
sentence, "forty") gets a hint about the form and is not counted as an attempt. Banks are validated when
loaded.

Inside a learner's workspace every counted attempt is added to the learner's record
(`course.learner.record`), which `course progress` reads; outside a workspace nothing is written.

A numeric question about the data carries a `formula`: the pandas expression that computes its answer from
the course tables. The test suite re-evaluates every formula, so a change to the data that moves an answer
fails the tests instead of silently marking a learner wrong.
"""

from __future__ import annotations

import json
import math
import numbers
from dataclasses import dataclass
from pathlib import Path

BANKS = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Question:
    number: int
    kind: str  # "mcq" or "numeric"
    question: str
    explanation: str
    answer: str | float
    options: dict[str, str] | None = None
    tolerance: float = 0.0
    unit: str = ""
    formula: str = ""

    def is_right(self, reply) -> bool:
        if self.kind == "mcq":
            return letter_of(reply) == self.answer
        number = number_of(reply, self.unit)
        return number is not None and math.isclose(number, float(self.answer), abs_tol=self.tolerance)

    def form_hint(self, reply) -> str | None:
        """Why `reply` is not an answer of the right form (None when it is one): never counted as an attempt."""
        if self.kind == "mcq":
            letters = "-".join((min(self.options), max(self.options))) if self.options else "A-D"
            if letter_of(reply) in (self.options or {}):
                return None
            return f"{_shown(reply)} is not one of the options: answer with one letter, {letters}."
        if number_of(reply, self.unit) is None:
            return f"{_shown(reply)} is not a number. Type digits, e.g. 12 or 12.5."
        return None


def _shown(reply) -> str:
    text = reply if isinstance(reply, str) else repr(reply)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def letter_of(reply) -> str | None:
    """The option letter in a reply typed any common way ("b", " B ", "b)", "(B)", "B."), else None."""
    if not isinstance(reply, str):
        return None
    text = reply.strip().strip("()[].:").strip().upper()
    return text if len(text) == 1 and text.isalpha() else None


def number_of(reply, unit: str = "") -> float | None:
    """The reply as a float: any real number type (int, float, numpy, Decimal, Fraction) or digits in a string.

    A string may carry thousands commas, a percent sign or the question's unit ("1,200", "12 %", "40 events").
    True and False are not numbers here, although Python counts them as 1 and 0.
    """
    if isinstance(reply, bool) or reply is None:
        return None
    if isinstance(reply, str):
        text = reply.strip().replace(",", "")
        if unit and text.lower().endswith(unit.lower()):
            text = text[: -len(unit)]
        text = text.strip().rstrip("%").strip()
        try:
            return float(text)
        except ValueError:
            return None
    if isinstance(reply, numbers.Real) or hasattr(reply, "__float__"):
        try:
            value = float(reply)  # numpy scalars and 0-d arrays too
        except (TypeError, ValueError):
            return None
        return None if math.isnan(value) else value
    return None


class BankError(ValueError):
    """A self-check bank is malformed; the message names the file and the question."""


def _question(raw: dict, file: str) -> Question:
    where = f"{file}, question {raw.get('number', '?')}"
    for key in ("number", "kind", "question", "explanation", "answer"):
        if key not in raw:
            raise BankError(f"{where}: missing '{key}'")
    if raw["kind"] == "mcq":
        options = raw.get("options") or {}
        if raw["answer"] not in options:
            raise BankError(f"{where}: answer {raw['answer']!r} is not one of the options {sorted(options)}")
    elif raw["kind"] == "numeric":
        if not isinstance(raw["answer"], (int, float)):
            raise BankError(f"{where}: a numeric answer must be a number")
    else:
        raise BankError(f"{where}: kind must be 'mcq' or 'numeric'")
    return Question(
        number=raw["number"], kind=raw["kind"], question=raw["question"], explanation=raw["explanation"],
        answer=raw["answer"], options=raw.get("options"), tolerance=raw.get("tolerance", 0.0),
        unit=raw.get("unit", ""), formula=raw.get("formula", ""),
    )


def load_bank(lesson: str) -> list[Question]:
    path = BANKS / f"{lesson}.json"
    questions = [_question(q, path.name) for q in json.loads(path.read_text(encoding="utf-8"))["questions"]]
    numbers = [q.number for q in questions]
    if len(set(numbers)) != len(numbers):
        raise BankError(f"{path.name}: question numbers repeat")
    return questions


class SelfCheck:
    """A lesson's self-check: show a question, check a reply, explain."""

    #: wrong attempts after which the answer is shown
    REVEAL_AFTER = 2

    def __init__(self, lesson: str):
        from course.selfcheck import friendly

        self.lesson = lesson
        self.questions = {q.number: q for q in load_bank(lesson)}
        self.results: dict[int, bool] = {}  # the latest counted attempt at each question: right or not
        self.wrong: dict[int, int] = {}  # wrong attempts so far, per question
        self.attempts: dict[int, int] = {}  # counted attempts so far, per question
        friendly.register()

    def _get(self, number: int) -> Question:
        if number not in self.questions:
            raise KeyError(f"lesson {self.lesson} has questions {sorted(self.questions)}, not {number}")
        return self.questions[number]

    def text(self, number: int) -> str:
        q = self._get(number)
        lines = [f"Q{number}. {q.question}"]
        if q.options:
            lines += [f"  ({letter}) {option}" for letter, option in q.options.items()]
        else:
            lines.append(f"  (answer with a number{', in ' + q.unit if q.unit else ''})")
        return "\n".join(lines)

    def show(self, number: int) -> None:
        print(self.text(number))

    def _answer(self, q: Question) -> str:
        return f"{q.answer}{' ' + q.unit if q.unit else ''}"

    def feedback(self, number: int, reply) -> str:
        q = self._get(number)
        if reply is None or (isinstance(reply, str) and not reply.strip()):
            return f"Q{number}: no answer yet. Type your answer between the quotes (a letter, or digits for a number) and run the cell again."
        hint = q.form_hint(reply)
        if hint:
            return f"Q{number}: {hint} Run the cell again (this try was not counted)."
        right = q.is_right(reply)
        self.results[number] = right
        self._record(number, right)
        if right:
            return f"Q{number}: Right. {q.explanation}"
        self.wrong[number] = self.wrong.get(number, 0) + 1
        if self.wrong[number] < self.REVEAL_AFTER:
            return (f"Q{number}: Not quite. Think again and try once more; "
                    f"quiz.reveal({number}) shows the answer if you want it now.")
        return f"Q{number}: Not quite: the answer is {self._answer(q)}. {q.explanation}"

    def _record(self, number: int, right: bool) -> None:
        from course.learner import record

        self.attempts[number] = self.attempts.get(number, 0) + 1
        record.record_quietly({"kind": "selfcheck", "lesson": self.lesson, "question": number, "right": right,
                               "attempt": self.attempts[number]})

    def check(self, number: int, reply) -> bool:
        print(self.feedback(number, reply))
        return self.results.get(number, False)

    def reveal(self, number: int) -> None:
        """The answer and its explanation, on request (the attempt record is left as it is)."""
        q = self._get(number)
        print(f"Q{number}: the answer is {self._answer(q)}. {q.explanation}")

    def score(self) -> str:
        done = len(self.results)
        return f"{sum(self.results.values())} of {done} answered correctly ({len(self.questions)} questions in all)"


def formula_namespace() -> dict:
    """The names a bank's `formula` may use: every course table by name, `mentions`, `active_ties_by_year`."""
    from course import charts, data
    from course.schemas import TABLES

    namespace = {name: data.load(name) for name in TABLES}
    namespace.update(mentions=data.mentions, active_ties_by_year=charts.active_ties_by_year)
    return namespace
