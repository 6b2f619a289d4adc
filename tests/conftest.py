"""Fixtures shared by several test modules, the markers of tests that need a system part, and CI's rule
that nothing is skipped."""

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

# A test that uses one of these fixtures needs a system part (tests/support/system.py): it carries the
# marker, so `pytest -m "not browser"` leaves it out on a laptop without Chromium.
MARKER_OF_FIXTURE = {"chromium_present": "browser", "postgres": "postgres", "classroom": "hub"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        for fixture, marker in MARKER_OF_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)


def pytest_sessionfinish(session, exitstatus):
    """Under CI (`COURSE_NO_SKIPS=1`, set by `make test` where it runs as root with everything installed) a
    skipped test fails the run: CI must have run every test."""
    if os.environ.get("COURSE_NO_SKIPS") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"COURSE_NO_SKIPS: {len(skipped)} test(s) skipped under CI; every test must run here",
                            red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server of our own for the session (see tests/pg.py); stopped and deleted afterwards."""
    from pg import Server

    server = Server()
    yield server
    server.stop()


class ExecutedLessons:
    """Every lesson in notebooks/, each run once headless by `course site`'s own `execute` (a copy in a
    folder of its own; notebooks/ is left without outputs). A lesson that failed keeps its error, raised
    again by `notebook()` for that lesson alone."""

    def __init__(self, work: Path):
        from course.content import paths
        from course.site import build as site

        self.work = work
        self.sources = sorted(paths.NOTEBOOKS.glob("*.ipynb"))

        def run(path):
            try:
                return site.execute(path, work)
            except Exception as error:  # noqa: BLE001 - kept for the lesson's own test, raised there
                return error

        with ThreadPoolExecutor(max_workers=site.WORKERS) as pool:  # as `course site` runs them
            self.results = dict(zip((p.name for p in self.sources), pool.map(run, self.sources)))

    def notebook(self, path: Path):
        """The executed copy of the lesson `path` (by its name); raises the error its run ended with."""
        result = self.results[Path(path).name]
        if isinstance(result, Exception):
            raise result
        return result


@pytest.fixture(scope="session")
def executed_lessons(tmp_path_factory):
    """The lessons executed once for the session: test_lessons checks their outputs and test_site builds
    the website from these same runs, so no lesson's kernel runs twice (each run takes 10-20 s)."""
    return ExecutedLessons(tmp_path_factory.mktemp("lessons-run"))
