"""Grading a class: `course grade`, nbgrader's autograde made parallel, sandboxed and trusted.

- `pool`      the entry point, `grade()`: worker processes, progress, the end-of-run summary
- `worker`    one worker: nbgrader configured once, then one student at a time
- `config`    nbgrader's configuration read as nbgrader reads it; the trusted autograde pipeline
- `sandbox`   the bubblewrap sandbox and limits every submission's kernel runs in
- `execute`   nbgrader's Execute in a pooled, sandboxed kernel, with output and wall-clock limits
- `checks`    value checks run by the grader on answers sent back as plain data
- `speedups`  cuts of nbgrader's per-submission overheads, behind a version guard
- `outcomes`  what one submission came to, and the summary
"""

from course.grading.outcomes import Outcome, Summary, failure_reason
from course.grading.pool import grade
from course.grading.sandbox import SandboxUnavailable

__all__ = ["grade", "Outcome", "Summary", "failure_reason", "SandboxUnavailable"]
