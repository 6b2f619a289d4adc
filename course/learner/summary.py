"""`course progress` from the learner's record: lessons done or to revise, assignments marked, what next,
and a study plan; the same as a page in the workspace (`progress.html`) that JupyterLab opens.

A lesson is done when every question of its self-check has been answered right; it is to revise for each
question whose first recorded try was wrong (the first try is what shows whether it was known), and for
each answered right only after its answer was shown (`quiz.reveal`, or after a second wrong try): such a
question is counted as revealed, never as known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from course.learner import page, plan, record
from course.learner.page import escape


@dataclass
class LessonState:
    step: plan.Step
    questions: list[int]
    right: set[int] = field(default_factory=set)  # answered right before seeing the answer: known
    first_wrong: list[int] = field(default_factory=list)
    tried: set[int] = field(default_factory=set)
    revealed: set[int] = field(default_factory=set)  # answered right only after the answer was shown

    @property
    def done(self) -> bool:
        return bool(self.questions) and set(self.questions) <= self.right | self.revealed

    def status(self) -> str:
        if not self.tried:
            return "not started"
        known = len(self.right & set(self.questions))
        shown = ", ".join(f"Q{n}" for n in sorted(self.revealed))
        if self.done:
            text = f"done, {known} of {len(self.questions)} known ({shown} right only after seeing the answer)" \
                if self.revealed else "done"
        else:
            text = f"in progress: {known} of {len(self.questions)} right" + (
                f" ({shown} right only after seeing the answer)" if self.revealed else "")
        revise = [f"Q{n} (wrong first try)" for n in self.first_wrong]
        revise += [f"Q{n} (answer shown)" for n in sorted(self.revealed) if n not in self.first_wrong]
        if revise:
            text += ", to revise " + ", ".join(revise)
        return text

    def to_revise(self) -> list[int]:
        return sorted(set(self.first_wrong) | self.revealed)


@dataclass
class AssignmentState:
    step: plan.Step
    essays: dict[str, float]  # label -> marks out of
    checked: str | None = None  # when last checked
    points: float = 0.0
    max: float = 0.0
    wrong: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)  # not wrong: left untouched when it was checked
    marks: dict[str, float] = field(default_factory=dict)  # label -> self-assessed mark

    @property
    def done(self) -> bool:
        return self.checked is not None and set(self.essays) <= set(self.marks)

    def status(self) -> str:
        if self.checked is None:
            return "not checked yet"
        text = f"checked {self.checked[:10]}: {self.points:g} of {self.max:g} marks"
        parts = ([f"wrong: {', '.join(self.wrong)}"] if self.wrong else []) + (
            [f"not answered yet: {', '.join(self.unanswered)}"] if self.unanswered else [])
        if parts:
            text += f" ({'; '.join(parts)})"
        for label, out_of in self.essays.items():
            text += (f"; {label} {self.marks[label]:g} of {out_of:g} (your mark)" if label in self.marks
                     else f"; {label} not marked yet")
        return text


@dataclass
class Progress:
    lessons: list[LessonState]
    assignments: list[AssignmentState]
    steps: list[plan.Step]
    problems: list[str]


def _bank(code: str) -> list[int]:
    from course.content.banks import BankError, load_bank

    try:
        return [q.number for q in load_bank(code)]
    except (OSError, BankError, ValueError):
        return []


def _essays(notebook: Path) -> dict[str, float]:
    from course.learner import key

    try:
        return {i.label: i.points for i in key.items(key.read_notebook(notebook)) if i.kind == "essay"}
    except (key.CannotMark, KeyError, TypeError, AttributeError):
        return {}


def gather(workspace: Path, notebooks: Path | None = None) -> Progress:
    workspace = Path(workspace)
    rec = record.read(workspace)
    lesson_folder = workspace / "notebooks" if (workspace / "notebooks").is_dir() else notebooks
    lesson_steps = plan.lessons(lesson_folder) if lesson_folder else []
    assignment_steps = plan.assignments(workspace / "assignments")
    lessons = []
    for step in lesson_steps:
        state = LessonState(step, _bank(step.name))
        seen: set[int] = set()  # questions whose answer has been shown, in record order
        for event in rec.events:
            if event["kind"] not in ("selfcheck", "reveal") or event["lesson"] != step.name:
                continue
            number = event["question"]
            if event["kind"] == "reveal" or event.get("revealed"):
                seen.add(number)
            if event["kind"] == "reveal":
                continue
            if number not in state.tried and not event["right"]:
                state.first_wrong.append(number)
            state.tried.add(number)
            if event["right"] and number not in state.right:
                (state.revealed if number in seen else state.right).add(number)
        state.first_wrong.sort()
        lessons.append(state)
    assignments = []
    for step in assignment_steps:
        state = AssignmentState(step, _essays(workspace / "assignments" / step.name / f"{step.name}.ipynb"))
        checks = [e for e in rec.of_kind("check") if e["assignment"] == step.name]
        if checks:
            last = max(e["at"] for e in checks)
            latest = {e["question"]: e for e in checks if e["at"] == last}
            state.checked, state.points = last, sum(e["points"] for e in latest.values())
            state.max = sum(e["max"] for e in latest.values())
            short = [q for q, e in latest.items() if e["points"] < e["max"]]
            state.unanswered = [q for q in short if latest[q].get("answered") is False]
            state.wrong = [q for q in short if q not in state.unanswered]
        for event in rec.of_kind("essay"):
            if event["assignment"] == step.name:
                state.marks[event["question"]] = event["marks"]
        assignments.append(state)
    return Progress(lessons, assignments, plan.order(lesson_steps, assignment_steps), rec.problems)


def next_step(p: Progress) -> str:
    lessons = {s.step.name: s for s in p.lessons}
    assignments = {s.step.name: s for s in p.assignments}
    for step in p.steps:
        if step.kind == "lesson" and not lessons[step.name].done:
            state = lessons[step.name]
            if state.tried:
                return (f"finish the self-check of lesson {step.name} ({step.title}): "
                        f"{len(state.right & set(state.questions))} of {len(state.questions)} right so far.")
            return f"lesson {step.name}, {step.title}" + (f" (about {plan.duration(step.minutes)})." if step.minutes else ".")
        if step.kind == "assignment" and not assignments[step.name].done:
            state, short = assignments[step.name], step.name.split("_")[0]
            if state.checked is None:
                how = f"course check {short} --timed" if short.startswith("mock") else f"course check {short}"
                return f"answer {step.name}, then mark it: `{how}`."
            label = next(label for label in state.essays if label not in state.marks)
            return (f"mark your written answer {label} of {step.name} with the scheme on its feedback page, then "
                    f"`course check {short} --mark {label.lower()}=MARKS`.")
    revise = [f"{s.step.name} ({', '.join(f'Q{n}' for n in s.to_revise())})" for s in p.lessons if s.to_revise()]
    if revise:
        return ("revise the self-check questions you got wrong first time or saw the answer to: lesson "
                + "; lesson ".join(revise) + ".")
    return "everything is done: take the mock again, timed (`course check mock --timed`), on a new day."


def _is_done(p: Progress, step: plan.Step) -> bool:
    for state in [*p.lessons, *p.assignments]:
        if state.step is step:
            return state.done
    return False


def lines(p: Progress, week_count: int = 3) -> list[str]:
    out = list(p.problems)
    out.append("Lessons (self-checks):")
    width = max((len(s.step.title) for s in p.lessons), default=10)
    out += [f"  {s.step.name:<4}{s.step.title:<{width}}  {plan.duration(s.step.minutes):>10}  {s.status()}"
            for s in p.lessons]
    out.append("Assignments (`course check`):")
    out += [f"  {s.step.name:<20}{s.status()}" for s in p.assignments]
    out.append(f"Next: {next_step(p)}")
    out.append(f"Study plan over {week_count} weeks ([x] done):")
    for number, week in enumerate(plan.weeks(p.steps, week_count), start=1):
        minutes = sum(s.minutes or 0 for s in week)
        out.append(f"  Week {number} (about {plan.duration(minutes) or 'a few hours'}):")
        out += [f"    [{'x' if _is_done(p, s) else ' '}] {s.name if s.kind != 'revision' else ''} {s.title}"
                f"{' (' + plan.duration(s.minutes) + ')' if s.minutes else ''}".replace("]  ", "] ") for s in week]
    return out


def write_page(p: Progress, out: Path, week_count: int = 3) -> Path:
    """The same as `lines`, as one offline page."""
    def table(heads, rows):
        """A table that stacks each row into labelled lines on a phone (page.STYLE's `.stack`)."""
        head = "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in heads) + "</tr>"
        body = "".join("<tr>" + "".join(f"<td data-label='{escape(h)}'>{escape(c)}</td>" for h, c in zip(heads, cells))
                       + "</tr>" for cells in rows)
        return f"<table class='stack'><thead>{head}</thead><tbody>{body}</tbody></table>"

    lessons = table(["Lesson", "Title", "Time", "Self-check"],
                    [[s.step.name, s.step.title, plan.duration(s.step.minutes), s.status()] for s in p.lessons])
    assignments = table(["Assignment", "Marks"], [[s.step.name, s.status()] for s in p.assignments])
    weeks = ""
    for number, week in enumerate(plan.weeks(p.steps, week_count), start=1):
        items = "".join(f"<li>{'&#10003; ' if _is_done(p, s) else ''}{escape(s.title)}"
                        f"{' (' + escape(plan.duration(s.minutes)) + ')' if s.minutes else ''}</li>" for s in week)
        weeks += f"<h3>Week {number}</h3><ul>{items}</ul>"
    problems = "".join(f"<p class='wrong'>{escape(x)}</p>" for x in p.problems)
    body = (f"<h1>Your progress</h1>{problems}<p><b>Next:</b> {escape(next_step(p))}</p>"
            f"<h2>Lessons</h2>{lessons}"
            f"<h2>Assignments</h2>{assignments}"
            f"<h2>Study plan over {week_count} weeks</h2>{weeks}"
            "<p class='note'>Made by <code>course progress</code> from your record (.course/record.jsonl); run it "
            "again to bring this page up to date.</p>")
    out = Path(out)
    out.write_text(page.document("Your progress", body), encoding="utf-8")
    return out
