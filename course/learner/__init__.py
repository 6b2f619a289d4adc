"""The learner's side: the workspace, self-checks, progress, the essay coach and starting JupyterLab.

Imports the content and the grading engine, never the site. The JSON files and `labconfig/` here are the
learner's Jupyter configuration (kept equal to deploy/site/ by a test), put on JUPYTER_CONFIG_PATH by `lab`.

- `workspace`       the learner's copy of the lessons and assignments, never overwriting their work
- `notebook_merge`  `course update`'s cell-by-cell merge of new course material into that copy
- `selfcheck`       `SelfCheck("01")`: the lessons' instant-feedback questions
- `progress`        `course progress`: which assignment questions pass
- `lab`             start JupyterLab the course's way
- `coach`           notes on a written answer
- `record`          the learner's record: an append-only JSON Lines file in the workspace
- `key`             the course's practice key for an assignment, and whether this copy may be marked with it
- `check`           `course check`: a learner's own copy graded with the trusted grader, locally
- `selfmark`        the `course check` command: what it refuses, the timed mock, self-assessed marks
- `feedback`        the feedback page `course check` writes
- `plan`            lesson times and a study plan over two to four weeks
- `summary`         `course progress` from the record, and the progress page
- `page`            the offline HTML page shared by those two
- `validate_summary` Validate's last word: a plain summary of the questions
"""
