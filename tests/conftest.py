"""Fixtures shared by several test modules, the markers of tests that need a system part, and CI's rule
that nothing is skipped."""

import os

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
    """Under CI (`COURSE_NO_SKIPS=1`, set by .ci/run, which runs as root with everything installed) a
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
