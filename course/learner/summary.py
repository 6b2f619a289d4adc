"""`course progress` from the learner's record: lessons done or to revise, assignments marked, what next,
and a study plan; the same as a page in the workspace (`progress.html`) that JupyterLab opens.

A lesson is done when every question of its self-check has been answered right; it is to revise for each
question whose first recorded try was wrong (the first try is what shows whether it was known).
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
    right: set[int] = field(default_factory=set)
    first_wrong: list[int] = field(default_factory=list)
    tried: set[int] = field(default_factory=set)

    @property
    def done(self) -> bool:
        return bool(self.questions) and set(self.questions) <= self.right

    def status(self) -> str:
        if not self.tried:
            return "not started"
        text = "done" if self.done else f"in progress: {len(self.right & set(self.questions))} of {len(self.questions)} right"
        if self.first_wrong:
            text += ", to revise " + ", ".join(f"Q{n}" for n in self.first_wrong) + " (wrong first try)"
        return text


@dataclass
class AssignmentState:
    step: plan.Step
    essays: dict[str, float]  # label -> marks out of
    checked: str | None = None  # when last checked
    points: float = 0.0
    max: float = 0.0
    wrong: list[str] = field(default_factory=list)
    marks: dict[str, float] = field(default_factory=dict)  # label -> self-assessed mark

    @property
    def done(self) -> bool:
        return self.checked is not None and set(self.essays) <= set(self.marks)

    def status(self) -> str:
        if self.checked is None:
            return "not checked yet"
        text = f"checked {self.checked[:10]}: {self.points:g} of {self.max:g} marks"
        if self.wrong:
            text += f" (wrong: {', '.join(self.wrong)})"
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
    from course.selfcheck import BankError, load_bank

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
        for event in rec.of_kind("selfcheck"):
            if event["lesson"] != step.name:
                continue
            number = event["question"]
            if number not in state.tried and not event["right"]:
                state.first_wrong.append(number)
            state.tried.add(number)
            if event["right"]:
                state.right.add(number)
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
            state.wrong = [q for q, e in latest.items() if e["points"] < e["max"]]
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
    revise = [f"{s.step.name} ({', '.join(f'Q{n}' for n in s.first_wrong)})" for s in p.lessons if s.first_wrong]
    if revise:
        return "revise the self-check questions you got wrong first time: lesson " + "; lesson ".join(revise) + "."
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
    def row(cells):
        return "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"

    lessons = "".join(row([s.step.name, s.step.title, plan.duration(s.step.minutes), s.status()]) for s in p.lessons)
    assignments = "".join(row([s.step.name, s.status()]) for s in p.assignments)
    weeks = ""
    for number, week in enumerate(plan.weeks(p.steps, week_count), start=1):
        items = "".join(f"<li>{'&#10003; ' if _is_done(p, s) else ''}{escape(s.title)}"
                        f"{' (' + escape(plan.duration(s.minutes)) + ')' if s.minutes else ''}</li>" for s in week)
        weeks += f"<h3>Week {number}</h3><ul>{items}</ul>"
    problems = "".join(f"<p class='wrong'>{escape(x)}</p>" for x in p.problems)
    body = (f"<h1>Your progress</h1>{problems}<p><b>Next:</b> {escape(next_step(p))}</p>"
            f"<h2>Lessons</h2><table><tr><th>Lesson</th><th></th><th>Time</th><th>Self-check</th></tr>{lessons}</table>"
            f"<h2>Assignments</h2><table><tr><th>Assignment</th><th>Marks</th></tr>{assignments}</table>"
            f"<h2>Study plan over {week_count} weeks</h2>{weeks}"
            "<p class='note'>Made by <code>course progress</code> from your record (.course/record.jsonl); run it "
            "again to bring this page up to date.</p>")
    out = Path(out)
    out.write_text(page.document("Your progress", body), encoding="utf-8")
    return out
