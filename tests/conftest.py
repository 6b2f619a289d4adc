"""Fixtures shared by several test modules."""

import pytest


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server of our own for the session (see tests/pg.py); stopped and deleted afterwards."""
    from pg import Server

    server = Server()
    yield server
    server.stop()
