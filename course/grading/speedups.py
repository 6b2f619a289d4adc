"""Cut nbgrader's per-submission overheads inside a grading worker, without touching what it computes.

Profiling autograde on the course's assignments showed, besides running the notebook itself:
- ~9 gradebook openings per submission, each creating a database engine, inspecting every table and
  re-issuing CREATE TABLE IF NOT EXISTS (about 50 ms per submission on SQLite, more over a network);
- about thirty commits per submission in SaveAutoGrades, each a synchronous disk write on SQLite and each
  taking the write lock the other workers wait for;
- nbgrader's cell-metadata check calling `jsonschema.validate` for every cell, which re-checks nbgrader's
  schema against the JSON Schema meta-schema each time (0.1-0.3 s of CPU);
- a kernel start (half of it idle) on the critical path (the spare kernel of `course.grading.execute`).

These reach into nbgrader's internals (`Gradebook.__init__`, the module-level `jsonschema` of its format
checker, the commits inside SaveAutoGrades), so `install` applies them only for the versions they were
tested with (`TESTED`); outside those it prints one line and grading takes nbgrader's own path, slower and
otherwise the same. The same preprocessors run in the same order on the same cells either way.
"""

from __future__ import annotations

import sys
from importlib.metadata import version

from packaging.version import Version

#: package -> (lowest tested, first untested) version
TESTED = {"nbgrader": ("0.9.5", "0.10"), "nbclient": ("0.10", "0.12"), "jupyter_client": ("8.6", "9"),
          "sqlalchemy": ("2.0", "3"), "jsonschema": ("4.0", "5")}

_ENGINES: dict = {}
ACTIVE = {"pool": False}


def untested() -> list[str]:
    out = []
    for package, (low, high) in TESTED.items():
        found = Version(version(package))
        if not Version(low) <= found < Version(high):
            out.append(f"{package} {found} (tested: >={low},<{high})")
    return out


def install(log=None) -> bool:
    """Apply the cuts to this worker process if the installed versions are the tested ones."""
    outside = untested()
    if outside:
        print("course grade: speed-ups off, grading with nbgrader's own path: " + "; ".join(outside),
              file=log or sys.stderr)
        return False
    _cache_engines()
    _cache_metadata_schema()
    ACTIVE["pool"] = True
    return True


def swap_save(preprocessors: list) -> list:
    """SaveAutoGrades -> BatchedSaveAutoGrades, when the speed-ups are on."""
    from nbgrader.preprocessors import SaveAutoGrades

    if not ACTIVE["pool"]:
        return preprocessors
    return [BatchedSaveAutoGrades if pp is SaveAutoGrades else pp for pp in preprocessors]


def _cache_engines() -> None:
    from nbgrader import api
    from sqlalchemy.orm import scoped_session, sessionmaker

    if getattr(api.Gradebook, "_course_cached", False):
        return
    original_init, original_close = api.Gradebook.__init__, api.Gradebook.close

    def __init__(self, db_url, course_id="default_course", authenticator=None):
        engine = _ENGINES.get(db_url)
        if engine is None:
            original_init(self, db_url, course_id, authenticator)
            _ENGINES[db_url] = self.engine
            return
        self.engine = engine
        self.db = scoped_session(sessionmaker(autoflush=True, bind=engine, future=True))
        self.check_course(course_id=course_id)
        self.course_id = course_id
        self.authenticator = authenticator

    def close(self):
        if any(self.engine is e for e in _ENGINES.values()):
            self.db.remove()
        else:
            original_close(self)

    api.Gradebook.__init__, api.Gradebook.close = __init__, close
    api.Gradebook._course_cached = True


class _CheckedSchemaJsonschema:
    """Stands in for the `jsonschema` module inside nbgrader's metadata validator, validator cached."""

    def __init__(self, jsonschema):
        self._jsonschema = jsonschema
        self._validators: dict[int, tuple] = {}

    def __getattr__(self, name):
        return getattr(self._jsonschema, name)

    def validate(self, instance, schema, cls=None, *args, **kwargs):
        if cls is not None or args or kwargs:
            return self._jsonschema.validate(instance, schema, cls, *args, **kwargs)
        cached = self._validators.get(id(schema))
        if cached is None or cached[0] is not schema:
            validator_class = self._jsonschema.validators.validator_for(schema)
            validator_class.check_schema(schema)  # what jsonschema.validate does on every call
            cached = self._validators[id(schema)] = (schema, validator_class(schema))
        error = self._jsonschema.exceptions.best_match(cached[1].iter_errors(instance))
        if error is not None:
            raise error


def _cache_metadata_schema() -> None:
    import jsonschema
    from nbgrader.nbgraderformat import common

    if not isinstance(common.jsonschema, _CheckedSchemaJsonschema):
        common.jsonschema = _CheckedSchemaJsonschema(jsonschema)


def _batched_save_class():
    from nbgrader.api import Gradebook
    from nbgrader.preprocessors import SaveAutoGrades

    class BatchedSaveAutoGrades(SaveAutoGrades):
        """nbgrader's SaveAutoGrades with one database commit per notebook instead of two per graded cell.

        The rows written are the same; they are committed together once the notebook's grades are all
        recorded. (If recording fails half-way nothing of that notebook is kept, where nbgrader keeps the
        first half; the submission is reported as failed either way.)
        """

        def preprocess(self, nb, resources):
            self.notebook_id = resources["nbgrader"]["notebook"]
            self.assignment_id = resources["nbgrader"]["assignment"]
            self.student_id = resources["nbgrader"]["student"]
            self.db_url = resources["nbgrader"]["db_url"]
            self.gradebook = Gradebook(self.db_url)  # as nbgrader does (its default course id included)
            with self.gradebook:
                session = self.gradebook.db
                session.commit = session.flush  # _add_score/_add_comment commit per cell: flush instead
                try:
                    nb, resources = super(SaveAutoGrades, self).preprocess(nb, resources)
                finally:
                    del session.commit
                session.commit()
            return nb, resources

    return BatchedSaveAutoGrades


BatchedSaveAutoGrades = _batched_save_class()
