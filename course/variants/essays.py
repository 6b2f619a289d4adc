"""The written question of a variant: a past-paper question the lesson serves, but one the course has not
answered in full (a model answer there would be a ready-made essay to hand in).
"""

from __future__ import annotations

import random

#: Past-paper questions the course answers in full: the practice assignments' model essays (a1 to a3 and
#: the mock's Q22-Q24) and lesson 04's worked answers and model outline. Kept here rather than as a column
#: of data/questions.csv; tests/test_variants.py checks it against the assignments and lesson 04.
ANSWERED_IN_FULL = frozenset({
    "css-2022-ca-q7",                  # a1 Q9
    "css-2022-ir-russian-objectives",  # a2 Q9
    "css-2022-ca-q4",                  # a3 Q9
    "css-2022-ca-q2",                  # mock Q22, lesson 04 worked answer 1
    "css-2023-ir2-q2",                 # mock Q23, lesson 04 worked answer 2
    "css-2023-ir1-q2",                 # mock Q24, lesson 04 model answer outline
})

#: The lesson each assignment's essay is drawn from; the mock draws from every lesson.
LESSONS = {"a1_westernization": ("01",), "a2_dissociation": ("02",), "a3_escalation": ("03",),
           "mock_exam": ("01", "02", "03", "04")}


class EssayError(RuntimeError):
    pass


def candidates(assignment: str, questions=None) -> list[dict]:
    """The essay questions a variant of `assignment` may set, in a stable order."""
    if questions is None:
        from course import data

        questions = data.load("questions")
    rows = questions[questions["lesson"].isin(LESSONS[assignment])]
    rows = rows[~rows["question_id"].isin(ANSWERED_IN_FULL)]
    rows = rows[~rows["question_id"].str.contains("-mcq-")]  # a Part I item is not an essay
    return [r._asdict() for r in rows.sort_values("question_id").itertuples(index=False)]


def draw(assignment: str, count: int, rng: random.Random, questions=None) -> list[dict]:
    pool = candidates(assignment, questions)
    if len(pool) < count:
        raise EssayError(f"{assignment}: {len(pool)} past-paper question(s) not answered in full by the course, "
                         f"{count} needed")
    return rng.sample(pool, count)
