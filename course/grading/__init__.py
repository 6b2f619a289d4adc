"""Grading a class: `course grade`, nbgrader's autograde made parallel, sandboxed and trusted.

- `pool`      the entry point, `grade()`: worker processes, progress, the end-of-run summary
- `worker`    one worker: nbgrader configured once, then one student at a time
- `config`    nbgrader's configuration read as nbgrader reads it; the trusted autograde pipeline
- `sandbox`   the bubblewrap sandbox and limits every submission's kernel runs in
- `execute`   nbgrader's Execute in a pooled, sandboxed kernel, with output and wall-clock limits
- `checks`    value checks run by the grader on answers sent back as plain data
- `speedups`  cuts of nbgrader's per-submission overheads, behind a version guard
- `outcomes`  what one submission came to, and the summary

and the instructor's cycle around it: `release`, `feedback`, `gradebook` (which gradebook, and what is read
back), `nbgrader_app` (nbgrader in this process), `exchange` and `exchange_seal`, `variants`, `similarity`.

The names below are imported on first use: `course start` reads `release` for the student versions and
should not pay for the grading pool, the sandbox and jupyter_client.
"""

import importlib

_NAMES = {"grade": "pool", "Outcome": "outcomes", "Summary": "outcomes", "failure_reason": "outcomes",
          "SandboxUnavailable": "sandbox"}
__all__ = list(_NAMES)


def __getattr__(name: str):
    if name in _NAMES:
        return getattr(importlib.import_module(f"{__name__}.{_NAMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
