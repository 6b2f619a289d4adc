"""Where things live. One place, so that the CLI, the tests and the site agree."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
ASSIGNMENTS = ROOT / "assignments"
WORKSPACE = ROOT / "workspace"
START_PAGE = "notebooks/00_start_here.ipynb"
BUILD = ROOT / "build"  # generated files (student versions of the assignments); git-ignored
HELP = ROOT / "docs" / "help.md"  # the learner's help page, copied into the workspace
