"""The learner's side: the workspace, self-checks, progress, the essay coach and starting JupyterLab.

Imports the content and the grading engine, never the site. The JSON files and `labconfig/` here are the
learner's Jupyter configuration (kept equal to deploy/site/ by a test), put on JUPYTER_CONFIG_PATH by `lab`.

- `workspace`       the learner's copy of the lessons and assignments, never overwriting their work
- `notebook_merge`  `course update`'s cell-by-cell merge of new course material into that copy
- `selfcheck`       `SelfCheck("01")`: the lessons' instant-feedback questions
- `progress`        `course progress`: which assignment questions pass
- `lab`             start JupyterLab the course's way
- `coach`           notes on a written answer
"""
