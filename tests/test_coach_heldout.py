"""The essay coach on answers it was never tuned on: precision and recall of its fact and figure flags on the
held-out set (`tests/coach_heldout.py`, written by an independent reviewer), reported apart from the tuning
set's figures in `tests/test_coach.py`. The target is issue 24's: recall >= 0.8 and precision >= 0.95.

Never change the coach's code with the held-out answers in view: this file prints only the totals so that
the measure stays a measure."""

import pytest

from course.content import data
from course.learner import coach
from tests.coach_heldout import CASES

FLAGGED = ("fact", "figure")
MIN_PRECISION, MIN_RECALL = 0.95, 0.80


def _place(text, written):
    start = text.index(written)
    return start, start + len(written)


def _score(text, flags):
    """(tp, fp, fn) for one answer: a finding matches an expected flag when it reports the same text, or when
    its span overlaps the flag's place in the answer (the coach may report "24 February 2021" for the flag
    "February 2021"); each flag is matched at most once."""
    want = [(written, _place(text, written)) for written in flags]
    tp = fp = 0
    for finding in coach.review(text).findings:
        if finding.kind not in FLAGGED:
            continue
        start, end = finding.span
        match = next((w for w in want if w[0] == finding.written), None)
        match = match or next((w for w in want if start < w[1][1] and w[1][0] < end), None)
        if match:
            want.remove(match)
            tp += 1
        else:
            fp += 1
    return tp, fp, len(want)


def test_the_held_out_set_is_what_issue_24_asks_for():
    """At least 30 answers of 150-500 words to at least 8 past questions, 60 planted errors, 40 right dated
    claims, 5 clean answers; every expected string occurs once in its answer, so it has one place."""
    questions = set(data.load("questions")["question_id"])
    assert len(CASES) >= 30 and len({c[0] for c in CASES}) == len(CASES)
    assert len({c[3] for c in CASES}) >= 8 and {c[3] for c in CASES} <= questions
    assert sum(len(c[2]["flags"]) for c in CASES) >= 60
    assert sum(len(c[2]["right"]) for c in CASES) >= 40
    assert sum(not c[2]["flags"] for c in CASES) >= 5
    for name, text, expected, _question in CASES:
        assert 150 <= len(text.split()) <= 500, name
        for written in expected["flags"] + expected["right"]:
            assert text.count(written) == 1, (name, written)


def test_scoring_matches_by_text_or_by_place(monkeypatch):
    """The matcher itself: an exact report counts, an overlapping span counts, a finding elsewhere is a false
    alarm and an expected flag nobody reported is a miss."""
    from types import SimpleNamespace

    text = "Crimea was annexed in 2013, and the war began on 24 February 2021."

    def findings(*reported):
        return SimpleNamespace(findings=[SimpleNamespace(kind="fact", written=w, span=_place(text, w))
                                         for w in reported])

    for reported, want in [
        (("2013",), (1, 0, 1)),
        (("February 2021",), (1, 0, 1)),
        (("2013", "24 February 2021", "Crimea"), (2, 1, 0)),
        ((), (0, 0, 2)),
    ]:
        monkeypatch.setattr(coach, "review", lambda _text, reported=reported: findings(*reported))
        assert _score(text, ["2013", "24 February 2021"]) == want


def _held_out_figures():
    tp = fp = fn = 0
    for _name, text, expected, _question in CASES:
        a, b, c = _score(text, expected["flags"])
        tp, fp, fn = tp + a, fp + b, fn + c
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


# The target is not met yet: when this set was written the coach scored precision 82% and recall 17% on it
# (tp=14 fp=3 fn=68). An xfail that still runs the coach on every answer and prints the figures is the honest
# form: skipping would hide the measure, and strict=False lets the test pass once the coach reaches the target.
@pytest.mark.xfail(strict=False, reason="held-out target of issue 24, not yet met")
def test_held_out_precision_and_recall(capsys):
    precision, recall, tp, fp, fn = _held_out_figures()
    with capsys.disabled():
        print(f"\ncoach held-out: precision {precision:.0%} recall {recall:.0%} (tp={tp} fp={fp} fn={fn})")
    assert recall >= MIN_RECALL and precision >= MIN_PRECISION
