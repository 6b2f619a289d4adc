"""What `make lab` costs a learner against what `make test` installs: download, disk size and install time.

Every wheel either install needs is fetched once into a wheelhouse (`pip wheel`, from the package index or
pip's cache: the only step that may use the network). Then two fresh virtual environments are made in this
one run, both from that wheelhouse alone (`--no-index`), so neither install finds a cache the other warmed:
the learner's (`pip install -e .`, as `make lab` runs it) and the full test install (`pip install -e
.[test]`, as `make test`). Reported for each: the seconds from `python -m venv` to the end of pip, the
environment's size on disk, and the size of the wheels it needed (what a first install downloads); and the
learner's figures as ratios to the full install's (ratios, because absolute figures depend on the machine).
A smoke check runs `course start --no-lab` in the learner's environment, so a light install that cannot
start the course fails here.
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


def wheelhouse(folder: Path) -> Path:
    """Every wheel the full install needs (the learner's are a subset), plus setuptools to build the course."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "-w", str(folder),
                    f"{paths.ROOT}[test]", "setuptools>=69"], check=True, stdout=subprocess.DEVNULL)
    return folder


def _name(wheel: Path) -> str:
    return wheel.name.split("-", 1)[0].lower().replace("_", "-").replace(".", "-")


def install(target: Path, extras: str, wheels: Path) -> tuple[float, int, int]:
    """Seconds to create the venv and install the course with `extras` from `wheels` alone; the venv's size
    in bytes; and the bytes of the wheels it installed."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
    python = target / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-index",
                    "--find-links", str(wheels), "-e", f"{paths.ROOT}{extras}"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    listed = subprocess.run([python, "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
                            check=True, capture_output=True, text=True).stdout
    installed = {d["name"].lower().replace("_", "-").replace(".", "-") for d in json.loads(listed)}
    downloaded = sum(w.stat().st_size for w in wheels.glob("*.whl") if _name(w) in installed)
    return seconds, _size(target), downloaded


def _starts(target: Path, work: Path) -> bool:
    """`course start --no-lab` works in the learner's environment (lessons and assignments in a workspace)."""
    result = subprocess.run([target / "bin" / "course", "start", "--no-lab", "--workspace", str(work / "ws")],
                            capture_output=True, text=True)
    return result.returncode == 0 and (work / "ws" / paths.START_PAGE).exists()


def run(results: Path) -> dict:
    summary: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-install-") as tmp:
        tmp = Path(tmp)
        wheels = wheelhouse(tmp / "wheels")
        for extras, label in INSTALLS.items():
            seconds, size, downloaded = install(tmp / f"venv{extras.strip('[]') or '-learner'}", extras, wheels)
            summary[label] = {"seconds": round(seconds, 1), "disk_megabytes": round(size / 1e6, 1),
                              "download_megabytes": round(downloaded / 1e6, 1)}
        learner, full = (summary[label] for label in INSTALLS.values())
        for key in ("disk_megabytes", "download_megabytes", "seconds"):
            summary[f"learner_to_full_{key}"] = round(learner[key] / full[key], 2)
        summary["learner_install_starts_the_course"] = _starts(tmp / "venv-learner", tmp)
    summary["within_budget"] = (summary["learner_install_starts_the_course"]
                                and summary["learner_to_full_disk_megabytes"] < 1)
    (results / "install.json").write_text(json.dumps(summary, indent=1) + "\n")
    return summary
