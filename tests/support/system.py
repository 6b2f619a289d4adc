"""The system parts some tests need (Chromium, PostgreSQL's server, configurable-http-proxy).

They are installed before the suite by `tests/support/system-packages.sh` (run by `make test`), never from
a test. When one is missing, a test that needs it is skipped with a one-line reason; a benchmark, which runs
outside pytest, gets the same reason as an error. Under CI (`COURSE_NO_SKIPS=1`, set by `make test` as root on Debian) any skip
fails the run (tests/conftest.py), so a missing part cannot go unnoticed there.
"""

from __future__ import annotations

import sys

INSTALL = "run `make test` as root on Debian, or install it yourself (see tests/support/system-packages.sh)"


def missing(what: str) -> None:
    """Skip the current test (under pytest) or raise (elsewhere): `what` is missing."""
    message = f"{what} is missing: {INSTALL}"
    if "pytest" in sys.modules and "_pytest.runner" in sys.modules:
        import pytest

        pytest.skip(message)
    raise RuntimeError(message)
