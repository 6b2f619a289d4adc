"""Where things live. One place, so that the CLI, the tests and the site agree."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The tables live in data/ of a checkout; an installed wheel carries them as course/tables (a link to data/
# in the repository, so there is one copy): a checkout's data/ wins, so an edit there is what loads.
DATA = ROOT / "data" if (ROOT / "pyproject.toml").is_file() and (ROOT / "data").is_dir() else Path(__file__).resolve().parent / "tables"
NOTEBOOKS = ROOT / "notebooks"
ASSIGNMENTS = ROOT / "assignments"
WORKSPACE = ROOT / "workspace"
START_PAGE = "notebooks/00_start_here.ipynb"
BUILD = ROOT / "build"  # generated files (student versions of the assignments); git-ignored
HELP = ROOT / "docs" / "help.md"  # the learner's help page, copied into the workspace
