"""Self-check questions with instant feedback, for the lessons (not graded).

Each lesson's bank is a JSON file in course/content/banks/ (`01.json`, ...). In a notebook:

    from course.selfcheck import SelfCheck   # the public name of course.learner.selfcheck
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
(`course.learner.record`), which `course progress` reads; outside a workspace nothing is written. Showing
the answer (`reveal`, or after a second wrong try) is recorded too, and a right reply after it is recorded
as revealed: copying a shown answer is not knowing it, so progress does not count it as known.

A numeric question about the data carries a `formula`: the pandas expression that computes its answer from
the course tables. The test suite re-evaluates every formula, so a change to the data that moves an answer
fails the tests instead of silently marking a learner wrong.
"""

from __future__ import annotations

from course.content.banks import BANKS, BankError, Question, letter_of, load_bank, number_of

__all__ = ["SelfCheck", "formula_namespace", "BANKS", "BankError", "Question", "letter_of", "load_bank",
           "number_of"]  # the bank's names too: `selfcheck.load_bank` is what older code calls


class SelfCheck:
    """A lesson's self-check: show a question, check a reply, explain."""

    #: wrong attempts after which the answer is shown
    REVEAL_AFTER = 2

    def __init__(self, lesson: str):
        from course.learner.selfcheck import friendly

        self.lesson = lesson
        self.questions = {q.number: q for q in load_bank(lesson)}
        self.results: dict[int, bool] = {}  # the latest counted attempt at each question: right or not
        self.wrong: dict[int, int] = {}  # wrong attempts so far, per question
        self.attempts: dict[int, int] = {}  # counted attempts so far, per question
        from course.learner import record

        self.shown: set[int] = record.revealed_quietly(lesson)  # answers shown, in this kernel or an earlier one
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
        if right and number in self.shown:
            return f"Q{number}: Right, after seeing the answer (recorded as revealed, not as known). {q.explanation}"
        if right:
            return f"Q{number}: Right. {q.explanation}"
        self.wrong[number] = self.wrong.get(number, 0) + 1
        if self.wrong[number] < self.REVEAL_AFTER:
            return (f"Q{number}: Not quite. Think again and try once more; "
                    f"quiz.reveal({number}) shows the answer if you want it now.")
        self._shown(number)
        return f"Q{number}: Not quite: the answer is {self._answer(q)}. {q.explanation}"

    def _shown(self, number: int) -> None:
        """Remember, and record, that the answer to `number` has been seen (once is enough)."""
        from course.learner import record

        if number not in self.shown:
            self.shown.add(number)
            record.record_quietly({"kind": "reveal", "lesson": self.lesson, "question": number})

    def _record(self, number: int, right: bool) -> None:
        from course.learner import record

        self.attempts[number] = self.attempts.get(number, 0) + 1
        event = {"kind": "selfcheck", "lesson": self.lesson, "question": number, "right": right,
                 "attempt": self.attempts[number]}
        if number in self.shown:
            event["revealed"] = True
        record.record_quietly(event)

    def check(self, number: int, reply) -> bool:
        print(self.feedback(number, reply))
        return self.results.get(number, False)

    def reveal(self, number: int) -> None:
        """The answer and its explanation, on request; recorded, so a right reply after it is not counted as known."""
        q = self._get(number)
        self._shown(number)
        print(f"Q{number}: the answer is {self._answer(q)}. {q.explanation}")

    def score(self) -> str:
        done = len(self.results)
        return f"{sum(self.results.values())} of {done} answered correctly ({len(self.questions)} questions in all)"


def formula_namespace() -> dict:
    """The names a bank's `formula` may use: every course table by name, `mentions`, `active_ties_by_year`."""
    from course.content import charts, data
    from course.content.schemas import TABLES

    namespace = {name: data.load(name) for name in TABLES}
    namespace.update(mentions=data.mentions, active_ties_by_year=charts.active_ties_by_year)
    return namespace
