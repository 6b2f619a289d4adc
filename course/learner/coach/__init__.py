"""The essay coach: instant, offline notes on a written answer, its facts checked against the course's tables.

    from course.learner.coach import review, coach
    coach(answer)                                   # in a notebook: prints (or displays) the review
    r = review(answer, question_id="css-2022-ca-q7")
    for f in r.findings: print(f.kind, f.message)

Each finding has a `kind` (fact, figure, article_error, structure, theory, pakistan, counter_argument,
question_fit) and a `message` to the candidate; fact and figure findings also carry the `span` of the answer
they flag, what was `written`, the `expected` value and its `source`. The coach gives notes, never a score.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

KINDS = ("fact", "figure", "article_error", "structure", "theory", "pakistan", "counter_argument", "question_fit")
STUB = "Write your outline first, then your answer, in this cell (double-click to edit)."
#: Past this many words only the first part is read, so a pasted book still gets a review in a second.
MAX_WORDS = 5000
#: Past this many characters only the first part is read, before any regular expression sees the answer
#: (the word cap counts words, which a page of `<script` without spaces does not have).
MAX_CHARS = 60_000
_HTML = re.compile(r"<\s*(p|div|br|span|b|i|script|style|table|h\d)\b", re.I)
_HIDDEN_OPEN = re.compile(r"<(script|style)\b", re.I)
_TAG = re.compile(r"<[^<>]+>")  # stops at the next "<": one scan per tag, where "[^>]+" rescanned the rest

#: What the coach can and cannot check, said with every review (and first, when it could check nothing).
CAN_CHECK = ("The coach checks dates of the events in the course's tables, UN General Assembly tallies and "
             "Pakistan's votes, Levada poll figures, the articles' known errors, and the parts of the rubric. It "
             "cannot check arguments, quotations, facts the course's tables do not hold, or text not in English.")


@dataclass
class Finding:
    kind: str
    message: str
    span: tuple[int, int] | None = None
    written: str | None = None
    expected: str | None = None
    source: str | None = None


@dataclass
class Review:
    """The coach's notes on one answer. `notice` explains an answer it could not read in full."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    words: int = 0
    question_id: str | None = None
    notice: str | None = None

    def of_kind(self, *kinds: str) -> list[Finding]:
        return [f for f in self.findings if f.kind in kinds]

    def __str__(self) -> str:
        lines = [f"Essay coach: {self.words} words" + (f", question {self.question_id}" if self.question_id else "")]
        if self.notice:
            lines.append(self.notice)
        checks = self.of_kind("fact", "figure", "article_error")
        lines.append("Facts and figures: " + (f"{len(checks)} to check" if checks else
                                              "nothing the course's tables contradict"))
        for f in checks:
            lines.append(f"  - [{f.kind}] {f.message}")
            if f.source:
                lines.append(f"    source: {f.source}")
        rubric = [f for f in self.findings if f not in checks]
        lines.append("Structure and argument: " + ("what to add" if rubric else "every part of the rubric is there"))
        lines += [f"  - [{f.kind}] {f.message}" for f in rubric]
        lines.append("These are notes to improve the answer, not a mark. " + CAN_CHECK)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return to_html(self)


def to_html(r: Review) -> str:
    """The review as an HTML fragment; every piece of the answer is escaped."""
    items = "".join(
        f"<li><b>{html.escape(f.kind.replace('_', ' '))}</b>: {html.escape(f.message)}"
        + (f"<br><small>source: {html.escape(f.source)}</small>" if f.source else "") + "</li>"
        for f in r.findings)
    notice = f"<p>{html.escape(r.notice)}</p>" if r.notice else ""
    body = f"<ul>{items}</ul>" if items else "<p>Nothing to flag: the facts agree with the course's tables and " \
                                             "every part of the rubric is there.</p>"
    return f"<div class='coach'><p><b>Essay coach</b>: {r.words} words</p>{notice}{body}" \
           "<p><small>Notes to improve the answer, not a mark.</small></p></div>"


@lru_cache(maxsize=1)
def _article_errors():
    from types import SimpleNamespace

    from course.learner.coach.tables import tables

    return [(re.compile(r["pattern"], re.I), re.compile(r["unless"], re.I) if r["unless"] else None,
             SimpleNamespace(**r)) for r in tables()["article_errors"]]


@lru_cache(maxsize=1)
def _questions() -> dict[str, dict]:
    from course.learner.coach.tables import tables

    return {r["question_id"]: r for r in tables()["questions"]}


def _clean(text: str) -> tuple[str, str | None]:
    """The answer without the stub, solution markers and HTML tags; a notice for what was changed."""
    notice = None
    # the whole answer's word count, for the notice (a pasted book beyond a few MB is just "more than")
    total = len(text.split()) if len(text) <= 10 * MAX_CHARS else None
    if len(text) > MAX_CHARS:
        notice = (f"The answer has {len(text):,} characters; the coach read the first {MAX_CHARS:,}. A 20-mark "
                  "answer needs far fewer: the course's model answers run to about 320-1,100 words.")
        text = text[:MAX_CHARS]
    text = text.replace(STUB, "").replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", "")
    if _HTML.search(text):
        text = _TAG.sub(" ", _without_hidden(text))
        notice = (notice + " " if notice else "") + "The answer contained HTML; the coach read its text only."
    words = text.split()
    if len(words) > MAX_WORDS:
        cut = [m.start() for m in re.finditer(r"\S+", text)][MAX_WORDS]
        text = text[:cut]
        count = f"{max(total or 0, len(words)):,}" if total else f"more than {len(words):,}"
        notice = (f"The answer has {count} words; the coach read the first {MAX_WORDS:,} and checked dates, "
                  "figures and the rubric in that part only. A 20-mark answer needs far fewer: the course's model "
                  "answers run to about 320-1,100 words.")
    return text, notice


def _without_hidden(text: str) -> str:
    """`text` without its <script> and <style> elements, in one pass: each element's end is looked for once
    from its start (a lazy `.*?` from every one of 43,000 unclosed `<script` made a 300 kB answer take a
    minute). An element never closed is left to the tag stripper, as before."""
    out, pos, scan, unclosed = [], 0, 0, set()
    while found := _HIDDEN_OPEN.search(text, scan):
        name = found.group(1).lower()
        end = None if name in unclosed else re.compile(rf"</{name}\s*>", re.I).search(text, found.end())
        if end is None:
            unclosed.add(name)  # no end after this one: none after any later one either
            scan = found.end()
            continue
        out.append(text[pos:found.start()])
        pos = scan = end.end()
    out.append(text[pos:])
    return "".join(out)


def review(text: str, question_id: str | None = None) -> Review:
    """Notes on one answer (markdown or plain text). Never raises on what a candidate writes."""
    from course.learner.coach import facts, figures, rubric
    from course.learner.coach.text import parse

    if not isinstance(text, str):
        text = "" if text is None else str(text)
    question = None
    if question_id is not None:
        question = _questions().get(question_id)
        if question is None:
            raise KeyError(f"no question {question_id!r} in data/questions.csv; known ids include "
                           f"{', '.join(list(_questions())[:4])}, ...")
    cleaned, notice = _clean(text)
    result = Review(text, question_id=question_id, notice=notice)
    if not cleaned.strip():
        result.findings.append(Finding("structure", "The answer is empty (or still the cell's instructions). "
                                       "Write an outline of 10 to 14 headings, then your answer below it."))
        result.notice = ((result.notice + " ") if result.notice else "") + "There was nothing to check. " + CAN_CHECK
        return result
    letters = re.findall(r"[^\W\d_]", cleaned)
    latin = sum(1 for ch in letters if ch.isascii())
    if letters and latin / len(letters) < 0.5:
        result.notice = ("The coach reads English answers only (the CSS papers are answered in English); it could "
                         "not check this one: no dates, figures or rubric parts were checked. " + CAN_CHECK)
        result.words = len(cleaned.split())
        return result
    doc = parse(cleaned)
    result.words = doc.words()
    last = None
    for sentence in doc.sentences:
        # the sentence before, in the same paragraph: "It collapsed in 1990" is about the subject named there
        previous = last.text if last is not None and last.block == sentence.block else None
        last = sentence
        for p in facts.check_sentence(sentence.text, sentence.start, previous):
            k = p["known"]
            result.findings.append(Finding(
                "fact", f"You write \"{p['written']}\" for this event: {k.event}. The course's events table "
                f"dates it {_when(k)}. Check the date and write it as the table gives it.",
                span=p["span"], written=p["written"], expected=k.label, source=k.source))
        for p in figures.check_polls(sentence.text, sentence.start) + figures.check_votes(sentence.text,
                                                                                           sentence.start):
            result.findings.append(Finding(
                "figure", f"You give \"{p['written']}\" for {p['what']}; the course's table has {p['expected']}. "
                + p["advice"],
                span=p["span"], written=p["written"], expected=p["expected"], source=p["source"]))
        for pattern, unless, row in _article_errors():
            hit = pattern.search(sentence.text)
            if hit and not (unless and unless.search(sentence.text)):
                start = sentence.start + hit.start()
                result.findings.append(Finding(
                    "article_error", f"This repeats an error the course corrects (lesson {row.lesson}): "
                    f"{row.claim}. {row.correction}", span=(start, sentence.start + hit.end()),
                    written=hit.group(0), expected=row.correction, source=row.source))
    for kind, message in rubric.check(doc, question):
        result.findings.append(Finding(kind, message))
    return result


def _when(k) -> str:
    if k.first != k.last:
        return f"{_fmt(k.first)} to {_fmt(k.last)}"
    return _fmt(k.first)


def _fmt(t: tuple[int, int, int]) -> str:
    from course.learner.coach.text import MONTHS

    year, month, day = t
    if not month:
        return str(year)
    return f"{day} {MONTHS[month - 1].title()} {year}" if day else f"{MONTHS[month - 1].title()} {year}"


def coach(answer: str, question_id: str | None = None) -> Review:
    """One line in a notebook: review the answer and show it (rich HTML in Jupyter, text elsewhere)."""
    result = review(answer, question_id)
    try:
        from IPython import get_ipython
        from IPython.display import display

        if get_ipython() is not None:
            display(result)
            return None
    except ImportError:
        pass
    print(result)
    return None
