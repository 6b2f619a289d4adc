"""The layout is the architecture: every arrow points down, and the learners' names keep working.

Floors, lowest first: course.content < course.grading < course.learner < course.site < course.cli
(course.grading and course.learner may both use the content; the learner side may use the grading engine,
never the reverse). Every module's imports are read with `ast`, the lazy ones inside functions too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from course import PUBLIC
from course.content.paths import PACKAGE

FLOORS = ["content", "grading", "learner", "site", "cli"]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def floor(module: str) -> int | None:
    """The floor of a course module (None: the package itself or outside the course)."""
    parts = module.split(".")
    if parts[0] != "course" or len(parts) < 2:
        return None
    return FLOORS.index(parts[1]) if parts[1] in FLOORS else None


def imported(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) for every import in `source`; `from course import x` counts as course.x."""
    package = module if is_package else module.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            out += [(node.lineno, f"{base}.{alias.name}" if base == "course" else base) for alias in node.names]
    return out


def violations(source: str, module: str, is_package: bool = False) -> list[str]:
    """What in `source` (the module `module`) breaks the layout: an import of a higher floor, or of a
    learners' public name (inside the package, modules import the real names, so the floors can be read)."""
    mine = floor(module)
    found = []
    for line, target in imported(source, module, is_package):
        if target in PUBLIC:
            found.append(f"{module}:{line} imports {target}: use {PUBLIC[target]} inside the package")
            continue
        theirs = floor(target)
        if mine is not None and theirs is not None and theirs > mine:
            found.append(f"{module}:{line} ({FLOORS[mine]}) imports {target} ({FLOORS[theirs]}), a higher floor")
    return found


def modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_course_module_lives_on_a_floor():
    loose = [module_name(p) for p in modules() if floor(module_name(p)) is None and module_name(p) != "course"]
    assert not loose, f"modules outside content/grading/learner/site/cli: {loose}"


def test_no_module_imports_a_higher_floor():
    found = []
    for path in modules():
        found += violations(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("module, source", [
    ("course.content.charts", "from course.learner import progress"),
    ("course.content.data", "def f():\n    from course.site.build import run\n"),
    ("course.grading.release", "import course.learner.workspace"),
    ("course.grading.variants.bank", "from ...learner import selfcheck"),
    ("course.grading.pool", "from course import site"),
    ("course.learner.lab", "from course.cli import main"),
    ("course.site.pages", "from course.data import load"),  # a public name inside the package
])
def test_the_checker_catches_a_planted_violation(module, source):
    assert violations(source, module), f"{source!r} in {module} was not caught"


def test_the_checker_allows_imports_downwards():
    assert not violations("from course.content import data\nfrom course.grading import gradebook\n"
                          "from . import friendly", "course.learner.selfcheck", is_package=True)


def test_a_planted_file_fails_the_layout(tmp_path):
    """The whole check, run on a copy of a module with one bad import added, fails; the copy as it is passes."""
    source = (PACKAGE / "content" / "theme.py").read_text(encoding="utf-8")
    assert not violations(source, "course.content.theme")
    planted = tmp_path / "theme.py"
    planted.write_text(source + "\n\ndef _late():\n    from course.grading import gradebook\n", encoding="utf-8")
    assert violations(planted.read_text(encoding="utf-8"), "course.content.theme")


LEARNERS_LINES = [
    "from course.data import load",
    "from course.data import load, mentions",
    "from course import charts",
    "from course.charts import timeline",
    "from course.schemas import AS_OF",
    "from course.selfcheck import SelfCheck",
]


@pytest.mark.parametrize("line", LEARNERS_LINES)
def test_a_learners_own_copy_still_imports(line):
    """Learners' copies of the lessons (kept by `course update`) hold these lines: they work forever, in a
    fresh interpreter as a lesson's kernel would run them, and give the very module the course uses."""
    check = (f"{line}\nimport sys\nfrom course import PUBLIC\n"
             "for short, real in PUBLIC.items():\n"
             "    if short in sys.modules:\n"
             "        assert sys.modules[short] is sys.modules[real], short\n"
             "        assert sys.modules[real].__spec__.name == real, sys.modules[real].__spec__\n")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_public_names_are_the_lessons_own():
    """Every `from course... import` in a lesson or assignment uses a public name (or the package itself)."""
    import nbformat

    root = PACKAGE.parent
    for path in [*sorted((root / "notebooks").glob("*.ipynb")), *sorted((root / "assignments" / "source").glob("*/*.ipynb"))]:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            try:
                targets = [target for _, target in imported(cell.source, "lesson")]
            except SyntaxError:
                continue  # a stub the learner completes
            for target in targets:
                if target.startswith("course."):
                    assert target in PUBLIC, f"{path.name} imports {target}, which is not a public name"
