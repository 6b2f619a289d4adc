"""What `make lab` costs a learner against what `make test` installs: disk size and install time.

Two fresh virtual environments are made in this one run, one with the learner's install (`pip install .`,
as `make lab` runs it) and one with the full test install (`pip install .[test]`, as `make test`); each is
timed from `python -m venv` to the end of pip, and measured on disk. Reported: both sizes and times, and
the learner's as a ratio to the full install's (ratios, because absolute seconds depend on the machine and
on how warm pip's cache is). The learner's install runs first, so the full install finds the packages the
two share already cached: the time ratio errs against the learner's install, never for it.

pip fetches from the package index (or its cache), as it does for `make lab`; this benchmark is the only
part of `make bench` that needs the network on a machine with a cold cache. A smoke check runs
`course start --no-lab` in the learner's environment, so a light install that cannot start the course
fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from course import paths

#: extras -> what it stands for
INSTALLS = {"": "learner (make lab)", "[test]": "full (make test)"}


def _size(folder: Path) -> int:
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def install(target: Path, extras: str) -> tuple[float, int]:
    """Seconds to create the venv and install the course with `extras`, and the venv's size in bytes."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
    python = target / "bin" / "python"
    quiet = ["--quiet", "--disable-pip-version-check"]
    subprocess.run([python, "-m", "pip", "install", *quiet, "--upgrade", "pip"], check=True)
    subprocess.run([python, "-m", "pip", "install", *quiet, "-e", f"{paths.ROOT}{extras}"], check=True)
    return time.perf_counter() - start, _size(target)


def _starts(target: Path, work: Path) -> bool:
    """`course start --no-lab` works in the learner's environment (lessons and assignments in a workspace)."""
    result = subprocess.run([target / "bin" / "course", "start", "--no-lab", "--workspace", str(work / "ws")],
                            capture_output=True, text=True)
    return result.returncode == 0 and (work / "ws" / paths.START_PAGE).exists()


def run(results: Path) -> dict:
    summary: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-install-") as tmp:
        tmp = Path(tmp)
        for extras, label in INSTALLS.items():
            seconds, size = install(tmp / f"venv{extras.strip('[]') or '-learner'}", extras)
            summary[label] = {"seconds": round(seconds, 1), "megabytes": round(size / 1e6, 1)}
        learner, full = (summary[label] for label in INSTALLS.values())
        summary["learner_to_full_size"] = round(learner["megabytes"] / full["megabytes"], 2)
        summary["learner_to_full_time"] = round(learner["seconds"] / full["seconds"], 2)
        summary["learner_install_starts_the_course"] = _starts(tmp / "venv-learner", tmp)
    summary["within_budget"] = summary["learner_install_starts_the_course"] and summary["learner_to_full_size"] < 1
    (results / "install.json").write_text(json.dumps(summary, indent=1) + "\n")
    return summary
