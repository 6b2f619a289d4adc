"""The lessons' self-check banks: the `NN.json` files beside this module, read and validated, and how a learner's reply is read.

Content, not the learner's side: the self-check (`course.learner.selfcheck`) asks the questions, the site
shows them with their answers (`course.site.lessons`) and class variants draw MCQs from them
(`course.grading.variants`), each reading the banks from here without importing the others.

A bank is a list of questions; each is an MCQ (`options` A-D and an `answer` letter) or a numeric question
(`answer` a number and a `tolerance`), with an `explanation`, and for a question about the data a `formula`
(the pandas expression that computes its answer from the course tables; the tests re-evaluate it). The
form of a reply is forgiven: "b", " B ", "b)" and "(B)" are all B; a count may be any numeric type (numpy's
included) or digits in a string.
"""

from __future__ import annotations

import json
import math
import numbers
import re
from dataclasses import dataclass

from course.content.paths import BANKS

__all__ = ["BANKS", "TAG", "BankError", "Question", "letter_of", "load_bank", "number_of", "self_check_cells"]


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


#: The cell tag (cell metadata) that marks a lesson's self-check cells: the one that makes the `SelfCheck`
#: and each that asks, checks or scores. The site finds them by it (tools/tag_selfcheck_cells.py sets it).
TAG = "self-check"
_MAKES = re.compile(r"^\s*(\w+)\s*=\s*SelfCheck\(", re.M)


def self_check_cells(sources: list[str]) -> list[int]:
    """Which of a notebook's code cells (their sources, in order) use a self-check: the cell that makes one
    (`quiz = SelfCheck("01")`) and every cell that calls a method of it (`quiz.check(1, "B")`)."""
    names, found = set(), []
    for i, source in enumerate(sources):
        names |= set(_MAKES.findall(source))
        calls = names and re.search(rf"\b(?:{'|'.join(map(re.escape, sorted(names)))})\s*\.\s*\w+\(", source)
        if "SelfCheck(" in source or calls:
            found.append(i)
    return found
