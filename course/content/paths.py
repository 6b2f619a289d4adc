"""Where things live. One place, so that the CLI, the tests and the site agree."""

from pathlib import Path

#: the `course` package folder (assets, templates and the learner's Jupyter configuration ship inside it)
PACKAGE = Path(__file__).resolve().parent.parent
ROOT = PACKAGE.parent
# The tables live in data/ of a checkout; an installed wheel carries them as course/content/tables (a link to
# data/ in the repository, so there is one copy): a checkout's data/ wins, so an edit there is what loads.
DATA = ROOT / "data" if (ROOT / "pyproject.toml").is_file() and (ROOT / "data").is_dir() else Path(__file__).resolve().parent / "tables"
#: the lessons' self-check question banks (NN.json), package data of `course.content.banks`
BANKS = Path(__file__).resolve().parent / "banks"
#: the site's and the feedback's static files: stylesheet, scripts, the vendored plotly.js
ASSETS = PACKAGE / "assets"
PLOTLY_JS = ASSETS / "plotly-basic.min.js"
#: nbconvert/Jinja template folders: `site/` for the website, `feedback_offline/` for nbgrader's feedback
TEMPLATES = PACKAGE / "templates"
#: the learner's Jupyter configuration (server extensions and lab plugins), put on JUPYTER_CONFIG_PATH
LEARNER_CONFIG = PACKAGE / "learner"
NOTEBOOKS = ROOT / "notebooks"
ASSIGNMENTS = ROOT / "assignments"
WORKSPACE = ROOT / "workspace"
START_PAGE = "notebooks/00_start_here.ipynb"
BUILD = ROOT / "build"  # generated files (student versions of the assignments); git-ignored
HELP = ROOT / "docs" / "help.md"  # the learner's help page, copied into the workspace
