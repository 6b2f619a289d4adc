"""What a learner studying alone needs beyond the lessons: a record of their work, self-marking and a plan.

- `record`    the learner's record: an append-only JSON Lines file in the workspace
- `key`       the course's practice key for an assignment, and whether this copy may be marked with it
- `check`     `course check`: a learner's own copy graded with the trusted grader, locally
- `feedback`  the feedback page `course check` writes
- `plan`      lesson times and a study plan over two to four weeks
- `summary`   `course progress` from the record, and the progress page

The Jupyter configuration files in this folder (the learner's JupyterLab settings) are data, not modules.
"""
