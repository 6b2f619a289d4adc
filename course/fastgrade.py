"""Cut nbgrader's per-submission overheads inside a grading worker, without touching what it computes.

Profiling autograde on the course's assignments showed, besides running the notebook itself:
- ~9 gradebook openings per submission, each creating a database engine, inspecting every table and
  re-issuing CREATE TABLE IF NOT EXISTS (about 50 ms per submission on SQLite, more over a network);
- about thirty commits per submission in SaveAutoGrades (see `course.savegrades`);
- nbgrader's cell-metadata check, run twice per notebook, calling `jsonschema.validate` for every cell,
  which re-checks nbgrader's schema against the JSON Schema meta-schema each time (0.1-0.3 s of CPU);
- a kernel start (half of it idle waiting) and a graceful shutdown (0.1-0.2 s idle), both on the critical
  path (see `course.kernelpool`).

`install` applies all four cuts to this worker process and its nbgrader configuration: one engine per
database URL for the worker's life (tables created by the first opening only; every opening still checks
the course row as nbgrader does); the metadata schema checked once, each cell validated with the same
validator and the same error `jsonschema.validate` raises; and nbgrader's Execute and SaveAutoGrades
swapped for `PooledExecute` and `BatchedSaveAutoGrades`. The same preprocessors run in the same order on
the same cells, so the scores are nbgrader's; only when processes start and when rows are committed moves.
"""

from __future__ import annotations

_ENGINES: dict = {}


def install(config) -> None:
    """Apply the cuts to this process and to `config` (nbgrader's traitlets configuration)."""
    import atexit
    from multiprocessing.util import Finalize

    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute, SaveAutoGrades

    from course.kernelpool import POOL, PooledExecute
    from course.savegrades import BatchedSaveAutoGrades

    _cache_engines()
    _cache_metadata_schema()
    atexit.register(POOL.close)
    Finalize(None, POOL.close, exitpriority=10)  # worker processes end without running atexit

    defaults = Autograde.class_traits()["autograde_preprocessors"].default()
    swaps = {Execute: PooledExecute, SaveAutoGrades: BatchedSaveAutoGrades}
    config.Autograde.autograde_preprocessors = [swaps.get(pp, pp) for pp in defaults]


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
