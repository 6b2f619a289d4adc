"""CI runs every test: under `COURSE_NO_SKIPS=1` (set by `make test` as root on Debian, as in CI) a skipped test fails the run, and a test
that needs a missing system part skips with a one-line reason instead of erroring."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

SKIPPING = '''
import pytest

def test_needs_something_missing():
    from support.system import missing
    missing("a system part")

def test_plain():
    assert 1 + 1 == 2
'''


def _run(tmp_path: Path, no_skips: bool) -> subprocess.CompletedProcess:
    shutil.copy(HERE / "conftest.py", tmp_path / "conftest.py")
    shutil.copytree(HERE / "support", tmp_path / "support")
    (tmp_path / "test_inner.py").write_text(SKIPPING)
    env = {k: v for k, v in os.environ.items() if k != "COURSE_NO_SKIPS"}
    if no_skips:
        env["COURSE_NO_SKIPS"] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_a_missing_part_skips_with_its_reason_on_a_laptop(tmp_path):
    done = _run(tmp_path, no_skips=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 1 skipped" in done.stdout
    assert "a system part is missing: run `make test` as root" in done.stdout


def test_under_ci_a_skip_fails_the_run(tmp_path):
    done = _run(tmp_path, no_skips=True)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "COURSE_NO_SKIPS: 1 test(s) skipped under CI" in done.stdout
