"""pyproject.toml and environment.yml list the same dependencies, and the README leads with the two commands."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"]  # the learner's run-time packages; test tools are pip-only
    return {_name(r): re.sub(r"\[.*?\]", "", r.replace(" ", "")) for r in requirements}


def _conda() -> dict[str, str]:
    deps = {}
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("dependencies:", 1)[1].splitlines():
        # conda packages, and the pip-only ones in its pip: list (those conda-forge does not carry)
        match = re.match(r"^(?:  |      )- ([A-Za-z0-9_.\-]+.*)$", line)
        if match and _name(match.group(1)) not in {"python", "pip", "pip:", "-e"}:
            deps[_name(match.group(1))] = match.group(1).replace(" ", "")
    return deps


def test_conda_environment_lists_the_same_packages_as_pyproject():
    assert _conda().keys() == _pyproject().keys()


def test_conda_environment_uses_the_same_version_bounds():
    conda, pip = _conda(), _pyproject()
    assert {k: conda[k] for k in pip} == pip


def test_python_floor_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11"
    # Binder (repo2docker) understands only an exact minor version: `python=3.x`, at or above the floor
    pinned = re.search(r"^  - python=3\.(\d+)$", (ROOT / "environment.yml").read_text(), re.M)
    assert pinned and int(pinned.group(1)) >= 11


def test_readme_leads_with_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```bash", 1)[1].split("```", 1)[0]
    assert "make lab" in first_block and "make test" in first_block
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.startswith(("#", "set ", "cd ", "export "))]
    assert ci == ["make test"]


def test_lock_file_is_in_step_with_pyproject():
    """`make lab` and `make test` install from uv.lock with --locked; a dependency added to pyproject.toml
    without `make lock` must fail here, with the reason, rather than at a learner's install."""
    import shutil
    import subprocess
    import sys

    uv = Path(sys.executable).parent / "uv"
    uv = str(uv) if uv.exists() else shutil.which("uv")
    assert uv, "uv is missing: `make test` installs it into .venv"
    done = subprocess.run([uv, "lock", "--check", "--offline"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"uv.lock is out of date: run `make lock`\n{done.stderr[-2000:]}"
