"""Russia and the West: the course's package.

Four floors, each importing only the floors below it (tests/test_layout.py holds every module to it):

    course.cli        the `course` command, on top
    course.site       the offline website
    course.learner    the learner's side: workspace, self-checks, progress, the coach, starting JupyterLab
    course.grading    the instructor's side: release, the sandboxed grader, feedback, gradebook, variants
    course.content    the ground: paths, table schemas, loading, the charts' theme and figures, the banks

Data flows one way: `data/*.csv` + `course.content.schemas` -> `course.content.data` (validated
DataFrames) -> `course.content.charts` (Plotly figures) -> lessons, assignments and the site.

The learners' names. Lessons and assignments, and learners' own copies of them (which `course update`
keeps), import the course by these short names; they are the package's public face and keep working
whatever the layout inside:

    from course.data import load, mentions
    from course import charts                 # and: from course.charts import timeline
    from course.schemas import AS_OF
    from course.selfcheck import SelfCheck

Each short name is the very module it stands for (`course.data is course.content.data`), imported only
when asked for, so that `import course` stays free.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys

__version__ = "0.1.0"

#: the public face: short name -> the module it is (see the docstring)
PUBLIC = {
    "course.data": "course.content.data",
    "course.charts": "course.content.charts",
    "course.schemas": "course.content.schemas",
    "course.selfcheck": "course.learner.selfcheck",
}


class _PublicNames(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Import `course.data` as `course.content.data` itself: one module object under two names.

    A module re-exporting with `from course.content.data import *` would be a second module, whose
    globals a test or a learner could patch without effect; an alias in sys.modules is the same module.
    """

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in PUBLIC:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=False)

    def create_module(self, spec):
        module = importlib.import_module(PUBLIC[spec.name])
        spec.loader_state = module.__spec__  # the import system is about to set the alias's spec on it
        return module

    def exec_module(self, module):
        # give the module back its own spec, so that reload and introspection see where it really lives
        module.__spec__ = module.__spec__.loader_state


if not any(isinstance(finder, _PublicNames) for finder in sys.meta_path):
    sys.meta_path.append(_PublicNames())
