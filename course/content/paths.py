"""Where things live. One place, so that the CLI, the tests and the site agree."""

import os
import sys
from collections.abc import MutableMapping
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


def put_bin_first(env: MutableMapping[str, str] = os.environ) -> MutableMapping[str, str]:
    """Put this interpreter's bin folder first on `env`'s PATH (this process's own by default); return `env`.

    Why: nbgrader creates a gradebook by running `alembic` by name, and JupyterLab's terminals and kernels
    look for the course's tools by name too; they live beside this Python, not necessarily on the PATH the
    course was started with. The one place that does it: the nbgrader runner, `course start` and the
    grading sandbox's kernel environment all call this.
    """
    bindir = str(Path(sys.executable).parent)
    parts = [p for p in env.get("PATH", "").split(os.pathsep) if p]
    if parts[:1] != [bindir]:
        env["PATH"] = os.pathsep.join([bindir] + [p for p in parts if p != bindir])
    return env
