"""A throwaway PostgreSQL server for the tests: own data folder, 127.0.0.1, a free port, stopped at the end.

Debian's `postgresql` package is installed when the server programs are missing and we are root (CI runs
as root); otherwise the test fails saying what to install: the PostgreSQL route is a feature, not an
optional extra, so it is never skipped. The server refuses to run as root, so as root the cluster belongs
to the `postgres` user the package creates.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from support.labrun import free_port



def server_bin() -> Path | None:
    """The folder holding initdb/pg_ctl: Debian keeps them out of PATH, in /usr/lib/postgresql/<n>/bin."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def ensure_installed() -> Path:
    """initdb and pg_ctl; installed before the suite (tests/support/system-packages.sh), never from here."""
    bindir = server_bin()
    if not bindir:
        from support.system import missing

        missing("PostgreSQL's server programs (initdb, pg_ctl; Debian's postgresql package)")
    return bindir


class Server:
    """One cluster. `database(name)` creates a database and returns its SQLAlchemy URL."""

    def __init__(self):
        self.bindir = ensure_installed()
        self.root = Path(tempfile.mkdtemp(prefix="course-pg-"))  # not under pytest's 0700 tmp: postgres reads it
        self.data, self.log = self.root / "data", self.root / "server.log"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o",
                  f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=off -c max_connections=100", "start")

    def _run(self, program: str, *args: str) -> str:
        command = [str(self.bindir / program), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.root)
        if done.returncode:
            log = self.log.read_text()[-2000:] if self.log.exists() else ""
            pytest.fail(f"{program} failed: {done.stderr[-2000:]}\n{log}")
        return done.stdout

    def database(self, name: str) -> str:
        import psycopg

        deadline = time.time() + 30
        while True:
            try:
                with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                                     autocommit=True) as conn:
                    conn.execute(f'CREATE DATABASE "{name}"')
                break
            except psycopg.OperationalError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
