"""Every lesson executes headless from a clean checkout, and carries what a CSS aspirant needs."""

import json

import pytest

from course import paths

LESSONS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
EXPECTED = ["00_start_here", "00a_pandas_for_the_exam", "01_westernization_and_rupture", "02_dissociation_model",
            "03_escalation_myths", "04_synthesis_and_exam_practice"]


def test_the_six_lessons_are_there():
    assert [p.stem for p in LESSONS] == EXPECTED


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_is_stored_without_outputs(path):
    nb = json.loads(path.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "a lesson without code cells"
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_executes_without_error(path, executed_lessons):
    nb = executed_lessons.notebook(path)  # run once for the session (tests/conftest.py), as `course site` runs it
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    charts = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "application/vnd.plotly.v1+json" in o.get("data", {})]
    assert len(charts) >= (1 if path.stem.startswith("00") else 2)
