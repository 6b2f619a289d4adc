"""nbgrader configuration for the course's graded assignments.

This folder is the nbgrader course: `source/<assignment>/<assignment>.ipynb` is the instructor's version
(solutions, hidden tests, model answers); nbgrader writes `release/`, `submitted/`, `autograded/`,
`feedback/` and `gradebook.db` beside it (all git-ignored). Run nbgrader from this folder, with the
course's virtual environment active: see docs/instructors.md.
"""

from pathlib import Path

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

HERE = Path(__file__).resolve().parent

c.CourseDirectory.course_id = "russia-and-the-west"
# The course is this folder, wherever nbgrader is started from (nbgrader's default is the current folder).
c.CourseDirectory.root = str(HERE)
# nbgrader reads autotests.yml from each source folder when it builds the student version; students don't
# need it, so it is not copied into release/.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "autotests.yml"]

# Autograding: a cell that runs longer than this many seconds is stopped (an endless loop costs that
# question, not the class). The slowest legitimate cell loads the tables in about a second.
c.Execute.timeout = 60
# A student who deleted a check cell gets it back at autograde (nbgrader 0.9.6 otherwise leaves the
# question silently ungraded). The re-inserted cell says so in a comment.
c.OverwriteCells.add_missing_cells = True
# Keep a runaway print loop from filling the autograded notebook and the feedback file.
c.LimitOutput.max_lines = 300
c.LimitOutput.max_traceback = 60

# What replaces the solutions in the student version. Code stubs must still raise, so that an untouched
# answer scores zero instead of passing a check by accident.
c.ClearSolutions.code_stub = {
    "python": "# YOUR ANSWER HERE: replace this line and the next with your code\nraise NotImplementedError()"
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE: replace this line with your outline and your answer."

# What a student wrote or printed never runs in a browser: formgrader's submission page and the feedback
# pages clean every cell first and carry a Content-Security-Policy, each page with its own template
# (formgrader's own, and nbgrader's feedback page made to open offline, with the charts drawn); see
# course/grading/safe_html.py, configure_pages.
try:
    from course.grading.safe_html import configure_pages
except ImportError:  # pragma: no cover - course package not installed
    pass
else:
    configure_pages(c)

# Collecting from an LMS or e-mail: prefer `course collect` (docs/instructors.md), which files each notebook
# under the student the LMS names as its uploader. This pattern is read only by plain `nbgrader zip_collect`,
# which takes the student id from the file name the student chose: <student_id>_<notebook>.ipynb, e.g.
# s2026-001_a1_westernization.ipynb (student ids: letters, digits and hyphens, as added with
# `nbgrader db student add`). Zip files are unpacked first.
c.FileNameCollectorPlugin.named_regexp = (
    r".*/(?P<student_id>[A-Za-z0-9-]+)_(?P<file_id>a1_westernization|a2_dissociation|a3_escalation|mock_exam)"
    r"\.ipynb$"
)
