"""Grading a class: `course grade`, nbgrader's autograde made parallel, sandboxed and trusted.

- `pool`      the entry point, `grade()`: one supervised worker process per job, progress, the summary
- `worker`    one worker: nbgrader configured once, then one student at a time
- `config`    nbgrader's configuration read as nbgrader reads it; the trusted autograde pipeline
- `sandbox`   the bubblewrap sandbox and limits every submission's kernel runs in; `launcher`, `cgroups`
              and `seccomp` its control group and system-call filter
- `execute`   nbgrader's Execute in a pooled, sandboxed kernel, with output and wall-clock limits
              (`output_limits`); `notebook_intake` refuses an oversized notebook before it is parsed
- `checks`    value checks run by the grader on answers sent back as plain data
- `submission_files`  what a submission may hold: regular files only
- `speedups`  cuts of nbgrader's per-submission overheads, behind a version guard
- `outcomes`  what one submission came to, and the summary; `near_misses` and `public_version` its notes

and the instructor's cycle around it, in the order of a term: `class_settings` (a class's time zone),
`variants`, `release`, `roster` (students from a CSV), `collect` (an LMS download, with `lms_download` and
`lms_csv`), `exchange` and `exchange_seal` (the hub's exchange), `markers`, `safe_html` (formgrader's and the
feedback pages' sanitiser and Content-Security-Policy), `feedback` and `feedback_page`, `export` and
`export_files`, `gradebook` (which gradebook, and what is read back), `nbgrader_app` (nbgrader in this
process), `similarity`.

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
