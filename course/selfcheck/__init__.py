"""Self-check questions with instant feedback, for the lessons (not graded).

Each lesson's bank is a JSON file beside this module (`01.json`, ...). In a notebook:

    from course.selfcheck import SelfCheck
    quiz = SelfCheck("01")
    quiz.show(1)            # prints question 1 and its options
    quiz.check(1, "B")      # says right or wrong, and always explains why

A bank is a list of questions; each is an MCQ (`options` A-D and an `answer` letter) or a numeric question
(`answer` a number and a `tolerance`). Every question has an `explanation`, shown after any attempt,
because a self-learner learns most from the reason. Banks are validated when loaded.

A numeric question about the data carries a `formula`: the pandas expression that computes its answer from
the course tables. The test suite re-evaluates every formula, so a change to the data that moves an answer
fails the tests instead of silently marking a learner wrong.
"""

from __future__ import annotations

import json
import math
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
            return str(reply).strip().upper().rstrip(")") == self.answer
        try:
            return math.isclose(float(reply), float(self.answer), abs_tol=self.tolerance)
        except (TypeError, ValueError):
            return False


def _is_number(reply) -> bool:
    try:
        float(reply)
    except (TypeError, ValueError):
        return False
    return True


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

    def __init__(self, lesson: str):
        self.lesson = lesson
        self.questions = {q.number: q for q in load_bank(lesson)}
        self.results: dict[int, bool] = {}

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

    def feedback(self, number: int, reply) -> str:
        q = self._get(number)
        if reply is None or (isinstance(reply, str) and not reply.strip()):
            return f"Q{number}: no answer yet. Put your answer in the brackets and run the cell again."
        if q.kind == "numeric" and not _is_number(reply):
            return f"Q{number}: {reply!r} is not a number. Type digits, e.g. 12 or 12.5, and run the cell again."
        right = q.is_right(reply)
        self.results[number] = right
        verdict = "Right." if right else f"Not quite: the answer is {q.answer}{' ' + q.unit if q.unit else ''}."
        return f"Q{number}: {verdict} {q.explanation}"

    def check(self, number: int, reply) -> bool:
        print(self.feedback(number, reply))
        return self.results.get(number, False)

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
