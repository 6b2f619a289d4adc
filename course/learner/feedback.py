"""The feedback page `course check` writes: every question of the assignment, marked, with what to learn.

For an MCQ, right or wrong with the key's explanation; for a data question, the hidden check's verdict; for
an essay, the learner's answer beside the examiner's rubric, the model answer's outline, the essay coach's
notes and the command that records a self-assessed mark.
"""

from __future__ import annotations

from pathlib import Path

from course.learner import page
from course.learner.check import Marked, Result
from course.learner.page import escape


def _outline(model: str) -> tuple[str, str]:
    """The model answer split into its outline (up to the first paragraph after it) and the rest."""
    parts = model.split("\n\n")
    if parts and parts[0].strip().startswith("**Outline**") and len(parts) > 1:
        return "\n\n".join(parts[:2]), "\n\n".join(parts[2:])
    return "", model


def _auto(r: Result) -> str:
    state = "right" if r.right else "wrong"
    verdict = f"{'Right' if r.right else 'Not right'}: {r.score:g} of {r.item.points:g}"
    blank = "NotImplementedError" in r.answer
    said = "Not answered yet." if blank and not r.right else r.message
    if r.item.kind == "data" and not r.right and r.item.explanation and r.item.explanation not in said:
        said = f"{said} How to get it: {r.item.explanation}".strip()
    if r.item.kind == "mcq" and r.item.key:  # the key's own explanation, whatever the check printed first
        said = (("Not answered yet. " if blank else "") +
                f"{'Right' if r.right else 'The key is'} ({r.item.key}). {r.item.explanation}").strip()
    kind = "multiple choice" if r.item.kind == "mcq" else "data question (the hidden check)"
    return (f"<section><h2 class='{state}'>{escape(r.item.label)}. {escape(verdict)}</h2>"
            f"<p class='note'>{escape(kind)}</p>{page.markdown(r.item.question)}"
            f"<details><summary>Your answer</summary><pre class='answer'>{escape(r.answer)}</pre></details>"
            f"<p class='{state}'>{escape(said)}</p></section>")


def _essay(r: Result, assignment: str, recorded: dict[str, float]) -> str:
    outline, rest = _outline(r.item.model)
    mark = recorded.get(r.item.label)
    short = assignment.split("_")[0]
    mine = ("<p><i>Not answered yet.</i></p>" if r.review is None
            else f"<pre class='answer'>{escape(r.answer)}</pre>")
    coach = ""
    if r.review is not None:
        from course import coach as essay_coach

        coach = f"<h3>The essay coach's notes</h3>{essay_coach.to_html(r.review)}"
    recorded_line = (f"<p>Your recorded mark: <b>{mark:g} of {r.item.points:g}</b>.</p>" if mark is not None else "")
    return (f"<section><h2>{escape(r.item.label)}. Written answer ({r.item.points:g} marks): marked by you</h2>"
            f"{page.markdown(r.item.question)}<h3>Your answer</h3>{mine}{coach}"
            f"<h3>How it is marked</h3>{page.markdown(r.item.rubric) if r.item.rubric else '<p>See the question.</p>'}"
            + (f"<h3>The model answer's outline</h3>{page.markdown(outline)}" if outline else "")
            + (f"<details><summary>The model answer in full</summary>{page.markdown(rest)}</details>" if rest else "")
            + f"<h3>Your mark</h3><p>Read your answer against the scheme, criterion by criterion, and give "
              f"yourself a mark out of {r.item.points:g}. Record it in a terminal:</p>"
              f"<pre class='answer'>course check {escape(short)} --mark {escape(r.item.label.lower())}=MARKS</pre>"
              f"{recorded_line}</section>")


def write(marked: Marked, out: Path, recorded: dict[str, float] | None = None, notes: list[str] = ()) -> Path:
    """Write the page to `out` (its folder is made); `recorded`: the essay marks already in the record."""
    recorded = recorded or {}
    auto = marked.auto()
    got, total = sum(r.score for r in auto), sum(r.item.points for r in auto)
    essays = marked.essays()
    head = (f"<h1>Your feedback: {escape(marked.assignment)}</h1>"
            f"<p><b>{got:g} of {total:g}</b> marks for the questions the course marks"
            + (f"; the written answers ({sum(r.item.points for r in essays):g} marks) you mark yourself with "
               f"the examiner's scheme below" if essays else "") + ".</p>"
            + "".join(f"<p class='note'>{escape(n)}</p>" for n in notes))
    body = head + "".join(_auto(r) for r in auto) + "".join(_essay(r, marked.assignment, recorded) for r in essays)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page.document(f"Feedback: {marked.assignment}", body), encoding="utf-8")
    return out
