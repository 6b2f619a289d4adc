"""The instructors' nbgrader settings: their course folder and the PostgreSQL gradebook.

The hub puts this folder on an instructor's JUPYTER_CONFIG_PATH, in front of the site folder (which holds
the exchange and the course id). The gradebook address holds a password, so it is not written here: it
is read from a file only the instructor can read (~/.jupyter/gradebook-url, mode 0600, written by
deploy/add-instructor.sh) or from a mounted Kubernetes Secret (NBGRADER_GRADEBOOK_URL_FILE).
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

# The course folder (its own nbgrader_config.py holds the grading settings): also found by formgrader when
# JupyterLab starts in the home folder rather than in the course.
c.CourseDirectory.root = str(Path.home() / "russia-and-the-west")

# formgrader runs here, from the home folder, and never reads the class's nbgrader_config.py: its page must be
# made safe here too (a student's HTML or script output would otherwise run as the instructor). No fallback:
# without the course package formgrader should not start at all.
from course.grading.safe_html import configure_pages  # noqa: E402

configure_pages(c)

url_file = Path(os.environ.get("NBGRADER_GRADEBOOK_URL_FILE", Path.home() / ".jupyter" / "gradebook-url"))
if url_file.is_file():
    # e.g. postgresql+psycopg://nbgrader:PASSWORD@db.example.org:5432/russia_and_the_west (psycopg 3)
    c.CourseDirectory.db_url = url_file.read_text(encoding="utf-8").strip()
else:
    # Without it nbgrader falls back to gradebook.db in the course folder (SQLite; cf. nbgrader #1661).
    print(f"nbgrader: no gradebook address in {url_file}; using SQLite in the course folder", file=sys.stderr)
