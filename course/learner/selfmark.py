"""`course check ASSIGNMENT`: what a learner studying alone runs to mark their own work.

The order of the questions asked before anything is graded is the point of this module: is the
assignment in the workspace, is it a readable notebook, is it a class variant (never marked here), is the
key on this installation (on a classroom hub it is not: the instructor marks, and only the visible checks
run), is the copy the course's current version, has any answer been written. Then the copy is graded
(`course.learner.check`), the results join the learner's record and the feedback page is written.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from course.learner import check, feedback, key, record

HALL = {  # the CSS paper's header (CE-2022 IR) and the course's advice for Part II (lesson 04)
    "total": 180, "part1": 30, "per_answer": 35,
}
_MARK = re.compile(r"^\s*([A-Za-z0-9_()]+)\s*=\s*([0-9]+(?:\.[0-9]+)?)\s*$")


def _say(lines, out=print) -> None:
    for line in lines:
        out(line)


def run(name: str, workspace: Path, marks: list[str] = (), timed: bool = False, course_dir: Path | None = None,
        build: Path | None = None, out=print, err=print, open_page: bool = False) -> int:
    workspace = Path(workspace)
    assignment = key.resolve(name, workspace, course_dir)
    notebook = workspace / "assignments" / assignment / f"{assignment}.ipynb"
    if not notebook.is_file():
        known = key.known_assignments(workspace, course_dir)
        if assignment not in known:
            err(f"course check: no assignment {name!r} in {workspace / 'assignments'}; yours are "
                f"{', '.join(known)} (short names such as a1 or mock work too).")
            return 2
        out(f"You have not started {assignment}: there is no {notebook.relative_to(workspace)} in your workspace. "
            f"Run `course start` (or `course update`) to get it, answer it, then `course check {name}`.")
        return 1
    try:
        mine = key.read_notebook(notebook)
    except key.CannotMark as error:
        err(f"course check: {error}")
        return 2
    if key.is_variant(mine):
        out(f"{assignment} is your class's own version of the assignment: your instructor marks it, and "
            f"`course check` never marks a class's version with the course's practice key (its questions are "
            f"different). `course progress --checks` runs its visible checks.")
        return 1
    source_path = key.source_notebook(assignment, course_dir)
    if source_path is None:
        return _visible_only(assignment, notebook, marks, out)
    source = key.read_notebook(source_path)
    changed = key.different_questions(mine, source)
    if changed:
        out(f"The questions in your copy of {assignment} are not the course's current ones "
            f"({', '.join(g.rsplit('_', 1)[0].upper() for g in changed)}): run `course update` (your answers "
            f"are kept), then `course check {name}` again.")
        return 1
    items = key.items(source)
    if marks:
        return _record_marks(workspace, assignment, items, marks, out, err, mine)
    if timed:
        started = _timed(workspace, assignment, out, err)
        if started is not True:
            return started
    if key.untouched(mine):
        out(f"You have not started {assignment} yet: every answer cell still holds its placeholder "
            f"(YOUR ANSWER HERE). Answer some questions, save, then run `course check {name}`.")
        return 1
    out(f"Marking {assignment} with the practice key (about a minute)...")  # the grader is silent until it ends
    try:
        marked = check.grade(notebook, assignment, course_dir, build)
    except key.CannotMark as error:
        err(f"course check: {error}")
        return 2
    code = _report(workspace, marked, name, out)
    if open_page:
        import webbrowser

        webbrowser.open((workspace / "feedback" / f"{assignment}.html").resolve().as_uri())
    return code


def _visible_only(assignment: str, notebook: Path, marks, out) -> int:
    from course.learner import progress

    out(f"On this installation the answer key is kept by your instructor, who marks {assignment}; "
        f"`course check` cannot mark it here" + (" and records no mark." if marks else "."))
    out("Your notebook's visible checks (they say whether an answer has the right form, or is right where "
        "the check can say so):")
    _say(progress.table(progress.check_notebook(notebook)), out)
    return 0


def _record_marks(workspace: Path, assignment: str, items, marks, out, err, mine: dict | None = None) -> int:
    essays = {}
    for item in items:
        if item.kind == "essay":
            for name in (item.label, item.slot, item.graded):
                essays[name.lower()] = item
    parsed = []
    for text in marks:
        found = _MARK.match(text)
        if not found:
            err(f"course check: --mark {text!r}: write QUESTION=MARKS, e.g. --mark "
                f"{next(iter(essays), 'q9')}=14")
            return 2
        question, value = found.group(1).lower().replace("(", "").replace(")", ""), float(found.group(2))
        item = essays.get(question)
        if item is None:
            err(f"course check: --mark {text!r}: {assignment} has no written answer {found.group(1)!r}; its "
                f"written answers are {', '.join(i.label for i in items if i.kind == 'essay')}")
            return 2
        if value > item.points:
            err(f"course check: --mark {text!r}: {item.label} is marked out of {item.points:g}")
            return 2
        written = [key._text(c) for c in (mine or {}).get("cells", []) if key._meta(c).get("grade_id") == item.answer]
        if mine is not None and (not written or key.unanswered(written[0], code=False)):
            err(f"course check: --mark {text!r}: your {item.label} is not written yet; write it in the notebook, "
                f"mark it against the rubric on the feedback page, then record the mark")
            return 2
        parsed.append((item, value))
    for item, value in parsed:
        record.append(workspace, {"kind": "essay", "assignment": assignment, "question": item.label,
                                  "marks": value, "max": item.points})
        out(f"Recorded: {assignment} {item.label}, {value:g} of {item.points:g} (your own mark). "
            f"`course progress` shows it.")
    return 0


def _clock(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def _timed(workspace: Path, assignment: str, out, err):
    """Start a timed sitting (returns 0: nothing to mark yet) or finish one (returns True: mark it now)."""
    if not assignment.startswith("mock"):
        err(f"course check: --timed is for the mock paper (mock_exam), which is timed as in the exam hall; "
            f"{assignment} is not timed.")
        return 2
    sittings = [e for e in record.read(workspace).of_kind("timed") if e["assignment"] == assignment]
    if not sittings or sittings[-1]["event"] != "start":
        event = record.append(workspace, {"kind": "timed", "assignment": assignment, "event": "start"})
        start = datetime.fromisoformat(event["at"])
        from datetime import timedelta

        _say([
            f"{assignment}, timed as in the exam hall: three hours in all, started at {_clock(start)} (recorded).",
            f"  Part I (20 MCQs): at most {HALL['part1']} minutes, until {_clock(start + timedelta(minutes=HALL['part1']))}.",
            f"  Part II (four 20-mark questions): about {HALL['per_answer']} minutes each; the paper ends at "
            f"{_clock(start + timedelta(minutes=HALL['total']))}.",
            "Work without notes. A terminal cannot stop you reading on: it records the time you take.",
            f"When you finish, save the notebook and run `course check {assignment} --timed` again: it records "
            f"the finish time and marks your paper.",
        ], out)
        return 0
    start = datetime.fromisoformat(sittings[-1]["at"])
    event = record.append(workspace, {"kind": "timed", "assignment": assignment, "event": "finish"})
    minutes = round((datetime.fromisoformat(event["at"]) - start).total_seconds() / 60)
    over = minutes - HALL["total"]
    out(f"Finished at {_clock(datetime.fromisoformat(event['at']))}: you took {minutes // 60} h {minutes % 60:02d} min"
        + (f", {over} min over the three hours the hall allows." if over > 0 else " of the three hours the hall allows."))
    return True


def _report(workspace: Path, marked: check.Marked, name: str, out) -> int:
    at = record.now()
    for r in marked.auto():
        record.append(workspace, {"kind": "check", "assignment": marked.assignment, "question": r.item.label,
                                  "points": r.score, "max": r.item.points, "answered": r.answered, "at": at})
    recorded = {e["question"]: e["marks"] for e in record.read(workspace).of_kind("essay")
                if e["assignment"] == marked.assignment}
    notes = [] if marked.sandboxed else [
        "Graded without the sandbox (bubblewrap does not run on this computer): your notebook ran with your "
        "own rights, as it does in JupyterLab."]
    page = feedback.write(marked, workspace / "feedback" / f"{marked.assignment}.html", recorded, notes)
    auto = marked.auto()
    out(f"{marked.assignment}: {sum(r.score for r in auto):g} of {sum(r.item.points for r in auto):g} marks for the "
        f"questions the course marks.")
    for r in auto:
        out(f"  {r.item.label:<5} {r.status}  {r.score:g}/{r.item.points:g}")
    unanswered = [r.item.label for r in auto if r.status == "not answered"]
    if unanswered:
        out(f"Not answered yet: {', '.join(unanswered)}; their keys stay hidden until you answer them and check again.")
    for r in marked.essays():
        state = "not answered yet" if r.review is None else (
            f"your mark {recorded[r.item.label]:g}" if r.item.label in recorded else "not marked yet")
        out(f"  {r.item.label:<5} written answer, {r.item.points:g} marks: {state}; mark it yourself with the "
            f"scheme on the feedback page: course check {name} --mark {r.item.label.lower()}=MARKS")
    _say(notes, out)
    out(f"Feedback (MCQ explanations, the checks' verdicts, rubrics and model answers): {page}")
    return 0
