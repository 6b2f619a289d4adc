"""nbgrader's configuration for `course grade`, read exactly as `nbgrader autograde` reads it.

An `AutogradeApp` is initialised from the course folder, so the Jupyter config path, the folder's
`nbgrader_config.py`, the deprecated `AutogradeApp.*` section and the course folder on `sys.path` (where a
late-penalty plugin may live) all behave as under nbgrader. Notebooks are read by nbgrader's exporter
with their size and cell count checked first (`course.grading.notebook_intake`). Then the Autograde
pipeline, as configured (or nbgrader's default), gets the sandboxed Execute and the trusted checks around it.
"""

from __future__ import annotations

from pathlib import Path

from course.content import paths
from course.grading import nbgrader_app


class PipelineError(RuntimeError):
    """The configured autograde pipeline cannot be graded safely; the message names the setting."""


def autograde_app(course_dir: Path, assignment: str, options: list[str] = ()):
    """An initialised (not started) AutogradeApp for `assignment`, run from `course_dir`.

    As under nbgrader, the course root is CourseDirectory.root if the configuration sets it, else this folder.
    """
    from nbgrader.apps.autogradeapp import AutogradeApp

    from course.grading.notebook_intake import NotebookIntake

    paths.put_bin_first()
    app = AutogradeApp()
    argv = [assignment, *options]
    with nbgrader_app.working_directory(course_dir):
        app.initialize(argv)
    if not any("exporter_class" in app.config[section] for section in ("Autograde", "BaseConverter")):
        app.config.Autograde.exporter_class = NotebookIntake  # a notebook measured before it is parsed
    return app


def trusted_pipeline(configured: list, sandbox: bool) -> list:
    """The configured preprocessors with Execute sandboxed and the value checks moved out of the kernel."""
    from nbgrader.preprocessors import Execute
    from traitlets.utils.importstring import import_item

    from course.grading import speedups
    from course.grading.checks import CheckAnswers, ExtractAnswers
    from course.grading.execute import SandboxedExecute

    classes = [import_item(pp) if isinstance(pp, str) else pp for pp in configured]
    out = []
    for pp in classes:
        if pp is Execute or pp is SandboxedExecute:
            out += [ExtractAnswers, SandboxedExecute, CheckAnswers]
        elif isinstance(pp, type) and issubclass(pp, Execute):
            if sandbox:
                raise PipelineError(
                    f"Autograde.autograde_preprocessors has {pp.__module__}.{pp.__name__}, its own Execute: "
                    "course grade runs notebooks only through its sandboxed Execute. Use nbgrader's Execute "
                    "in the list, or grade with --no-sandbox (student code then runs with your rights).")
            out.append(pp)
        else:
            out.append(pp)
    if SandboxedExecute not in out and sandbox:
        raise PipelineError("Autograde.autograde_preprocessors has no Execute step: nothing would run, "
                            "so course grade cannot sandbox it; use `nbgrader autograde` for this pipeline.")
    return speedups.swap_save(out)


def configured_preprocessors(app) -> list:
    from nbgrader.converters import Autograde

    if "autograde_preprocessors" in app.config.Autograde:
        return list(app.config.Autograde.autograde_preprocessors)
    return list(Autograde.class_traits()["autograde_preprocessors"].default())
