"""Validate ends with a plain summary (which questions pass, which are not answered), read by nbgrader's own
Validator as the Validate button's handler reads it: configuration from the learner's JUPYTER_CONFIG_PATH."""

import os
import shutil

import nbformat
import pytest
from jupyter_core.paths import jupyter_config_path
from nbgrader.apps import NbGrader
from nbgrader.validator import Validator

from course import jupyter, paths, release
from course.learner import validate_summary
import nbgrader_course as nbc

A1 = "a1_westernization"
HUB_CONFIG = paths.ROOT / "deploy" / "site" / "nbgrader_config.py"


def validate(path, monkeypatch):
    """What the Validate button's handler does (nbgrader's ValidateAssignmentHandler.validate_notebook)."""
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(jupyter.LEARNER_CONFIG))
    monkeypatch.chdir(path.parent)
    app = NbGrader()
    app.config_file_paths.append([os.getcwd()] + jupyter_config_path())
    app.load_config_file()
    return Validator(config=app.config).validate(str(path))


@pytest.fixture(scope="module")
def student_version():
    return release.student_versions()[f"assignments/{A1}/{A1}.ipynb"]


def copy_with(student_version, tmp_path, replies):
    folder = shutil.copytree(student_version.parent, tmp_path / A1)
    path = folder / student_version.name
    nbformat.write(nbc.answer(nbformat.read(path, as_version=4), replies), path)
    return path


def test_validate_ends_with_which_questions_pass_and_which_are_not_answered(student_version, tmp_path, monkeypatch):
    sol = nbc.solutions(A1)
    path = copy_with(student_version, tmp_path, {"q1_answer": sol["q1_answer"], "q7_answer": "eu_swing_2022 = 99.0"})
    before = path.read_bytes()
    failed = validate(path, monkeypatch)["failed"]
    summary = failed[-1]
    text = summary["source"]
    assert text.startswith(validate_summary.HEADLINE)
    assert "AssertionError" in summary["raw_error"]
    assert "Q1: passes" in text
    assert "Q6: not answered yet" in text
    assert "Q7: does not pass yet (value of eu_swing_2022 is not correct" in text
    assert "Essay: not answered yet" in text
    assert "sha1" not in text and "hexdigest" not in text
    assert "1 of 8 checked questions pass" in text
    assert path.read_bytes() == before, "Validate never writes the summary into the learner's file"


def test_nothing_is_added_when_every_question_passes(student_version, tmp_path, monkeypatch):
    path = copy_with(student_version, tmp_path, nbc.solutions(A1))
    assert "failed" not in validate(path, monkeypatch)


def test_the_hook_does_nothing_outside_validation(monkeypatch):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    monkeypatch.delenv("NBGRADER_VALIDATING", raising=False)
    validate_summary.add_summary_at_the_end(cell=nb.cells[0], cell_index=0)
    assert len(nb.cells) == 1


def test_the_hub_gives_students_the_same_hook():
    learner = (jupyter.LEARNER_CONFIG / "nbgrader_config.py").read_text()
    hook = learner[learner.index("try:"):]
    assert hook in HUB_CONFIG.read_text()
