"""nbgrader's own autograde test suite, for the installed nbgrader, run against `course grade`.

Every `nbgrader autograde` call in `nbgrader/tests/apps/test_nbgrader_autograde.py` is replaced by
`course grade --jobs 2` with the same arguments (tests/nbgrader_oracle_plugin.py), sandbox on. Each test
must pass, except the ones listed in DIFFERENCES, which must fail for exactly the reason given there
(docs/grading-at-scale.md lists them for instructors).
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TESTS = Path(__file__).resolve().parent

#: test -> a phrase its failure must contain: the differences course grade has on purpose
DIFFERENCES = {
    # a notebook's writes land in its sandbox's scratch copy, never in autograded/ beside the gradebook
    "test_side_effects": "side-effect.txt",
    # scores would come from outputs the student saved: refused, naming the flag
    "test_no_execute": "--no-execute is refused",
}


def test_nbgrader_autograde_suite_passes_through_course_grade(tmp_path):
    report = tmp_path / "report.xml"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
               JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"))
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "nbgrader_oracle_plugin", "-p", "no:cacheprovider",
                          "--pyargs", "nbgrader.tests.apps.test_nbgrader_autograde", "-q", f"--junitxml={report}"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=1800)
    cases = {case.get("name"): case for case in ET.parse(report).getroot().iter("testcase")}
    assert len(cases) >= 40, run.stdout[-3000:]
    failed = {name: "".join(el.text or "" for el in case if el.tag in ("failure", "error"))
              for name, case in cases.items() if any(el.tag in ("failure", "error") for el in case)}
    unexpected = {name: text[-1500:] for name, text in failed.items() if name not in DIFFERENCES}
    assert unexpected == {}
    for name, phrase in DIFFERENCES.items():
        assert name in failed and phrase in failed[name], f"{name} no longer differs as documented"
    skipped = [name for name, case in cases.items() if any(el.tag == "skipped" for el in case)]
    assert len(skipped) <= 2, skipped  # the two nbgrader skips itself (too slow, too much memory)
