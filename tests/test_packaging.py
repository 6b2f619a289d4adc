"""The course as a package: a wheel built from the checkout works in a fresh environment outside it.

Why: a learner on a phone-tethered laptop may `pip install` the course rather than clone it, and a hub image
installs it non-editable. The tables, the self-check banks and the chart assets must travel inside the wheel,
and nothing may reach back into a checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from course import paths
from course.schemas import TABLES

ROOT = paths.ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built from a copy of the tracked files, as from a fresh clone: setuptools' own build/ folder would
    otherwise mix with the course's build/ and carry stale files into the wheel."""
    tree, out = tmp_path_factory.mktemp("tree") / "course", tmp_path_factory.mktemp("wheel")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        source, target = ROOT / name, tree / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the work tree, not yet committed
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(tree)], check=True, capture_output=True, text=True, cwd=out)
    (built,) = out.glob("russia_and_the_west-*.whl")
    return built


def test_wheel_carries_tables_banks_assets_and_licences_but_no_test_harness(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for table in TABLES:
        assert f"course/tables/{table}.csv" in names, f"{table}.csv missing from the wheel"
    assert any(n.startswith("course/selfcheck/") and n.endswith(".json") for n in names)
    assert any(n.startswith("course/assets/") for n in names)
    assert {"course/learner/record.py", "course/learner/jupyter_server_config.json"} <= names  # code and config
    licences = {Path(n).name for n in names if ".dist-info/licenses/" in n}
    assert {"LICENSE", "LICENSE-CONTENT"} <= licences
    assert not [n for n in names if n.startswith(("tests/", "bench/", "course/browser", "course/labrun"))]


def test_installed_wheel_loads_every_table_draws_a_chart_and_runs_a_self_check(wheel, tmp_path):
    """A fresh venv that sees this environment's dependencies but not the checkout or its editable install."""
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=False)
    site = Path(subprocess.run([env_dir / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # the dependencies come from the test environment's site-packages, read as plain folders: its .pth files
    # (among them the editable install's finder) are not processed, so `import course` can only find the wheel
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, text=True)
    script = f"""
import course, course.paths
from pathlib import Path
assert Path(course.__file__).is_relative_to({str(site)!r}), course.__file__
from course.data import load
from course.schemas import TABLES
rows = {{name: len(load(name)) for name in TABLES}}
assert all(rows.values()), rows
from course import charts
fig = charts.timeline(load("events"))
assert fig.data
from course.selfcheck import SelfCheck
sc = SelfCheck("01")
q = sc.questions[min(sc.questions)]
assert sc.check(q.number, q.answer)
print("ok", sum(rows.values()))
"""
    done = subprocess.run([env_dir / "bin" / "python", "-I", "-c", script], capture_output=True, text=True,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split()[-2] == "ok"
