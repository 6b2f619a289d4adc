"""What grading one submission came to, and the end-of-run summary an instructor reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from course.grading import gradebook
from course.grading.submission_files import printable


@dataclass
class Outcome:
    student: str
    #: "graded", "skipped" (already graded), "excluded" (CourseDirectory.student_id_exclude), "empty" (no
    #: notebook in the folder: nbgrader skips it too) or "failed"
    status: str
    score: float | None = None
    max_score: float | None = None
    seconds: float = 0.0
    reason: str = ""
    missing: list[str] = field(default_factory=list)  # notebooks not submitted (nbgrader scores them 0)


@dataclass
class Summary:
    assignment: str
    db: str
    outcomes: list[Outcome]
    seconds: float
    sandboxed: bool = True
    #: MCQ answers scored 0 only for their form (course.grading.near_misses), for a teacher to accept by hand
    near_misses: list = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def lines(self) -> list[str]:
        count = {s: sum(o.status == s for o in self.outcomes)
                 for s in ("graded", "skipped", "failed", "excluded", "empty")}
        out = [
            f"{self.assignment}: {count['graded']} graded, {count['skipped']} already graded (kept), "
            f"{count['failed']} failed, in {self.seconds:.1f} s. Gradebook: {gradebook.redacted(self.db)}"
        ]
        if not self.sandboxed:
            out.append("  WITHOUT the sandbox: student code ran with your rights (--no-sandbox).")
        if count["skipped"]:
            out.append("  Already graded submissions were left as they are; use --force to grade them again.")
        if count["excluded"]:
            out.append(f"  {count['excluded']} student(s) left out by CourseDirectory.student_id_exclude.")
        for o in self.outcomes:  # a student's id and file names are theirs: printable() before they are shown
            if o.status == "empty":
                out.append(f"  {printable(o.student)}: the submission folder holds no notebook; nothing graded "
                           "(as nbgrader)")
            if o.missing:
                out.append(f"  {printable(o.student)}: missing notebook(s) {printable(', '.join(o.missing))}; "
                           "nbgrader scores them 0")
        if self.failed:
            out.append("Submissions that could not be graded (every other submission was graded):")
            out += [f"  {printable(o.student)}: {printable(o.reason)}" for o in self.failed]
        if self.near_misses:
            from course.grading.near_misses import how_to_accept

            students = len({m.student for m in self.near_misses})
            out.append(f"Near misses: {len(self.near_misses)} MCQ answer(s) of {students} student(s) scored 0 only "
                       f"for their form (the right letter, written otherwise). {how_to_accept(self.assignment)}")
            out += [printable(m.line()) for m in self.near_misses]
        return out


_EXCEPTION = re.compile(r"^\s*([A-Za-z_][\w.]*(Error|Exception|Interrupt|Limit|Large)):? ?(.*)$")


def failure_reason(text: str) -> str:
    """The one line an instructor needs: the exception nbgrader met, or its first error message."""
    reasons = [m for m in map(_EXCEPTION.match, text.splitlines()) if m and "NbGraderException" not in m.group(1)]
    if reasons:
        name, _, message = reasons[-1].groups()
        return f"{name.rsplit('.', 1)[-1]}: {message.strip()}"[:300]
    errors = [line.split("]", 1)[-1].strip() for line in text.splitlines() if "[ERROR]" in line]
    return (errors[0] if errors else text.strip().splitlines()[-1] if text.strip() else "unknown error")[:300]
