"""A class of real Unix users for the classroom test: created with a unique prefix, removed afterwards.

Why real users: nbgrader's exchange keeps students apart with file permissions only, so the claim "a
student cannot read another's work" means something only when each student is a different uid.

Safety: every name starts with `rwtest-` and a random suffix made here, so cleanup can never touch an
account it did not create; processes are ended by pid, only those whose uid belongs to such an account.
"""

from __future__ import annotations

import os
import pwd
import secrets
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PREFIX = "rwtest-"
VENV_BIN = Path(sys.executable).parent


def _run(*command: str, input: str | None = None) -> None:
    done = subprocess.run(command, input=input, capture_output=True, text=True, timeout=60)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")


class UnixClass:
    """One instructor and some students, each with a private home under a temporary base folder."""

    def __init__(self, students: int = 2):
        self.tag = PREFIX + secrets.token_hex(3)
        self.base = Path(tempfile.mkdtemp(prefix=self.tag + "-"))
        os.chmod(self.base, 0o755)  # homes and the exchange live here: users must be able to pass through
        self.instructors_group = f"{self.tag}-instructors"
        self.students_group = f"{self.tag}-students"
        self.instructor = f"{self.tag}-instructor"
        self.students = [f"{self.tag}-student-{i}" for i in range(1, students + 1)]
        self.passwords: dict[str, str] = {}
        self._groups: list[str] = []
        self._users: list[str] = []
        self._modes: dict[Path, int] = {}

    # ------------------------------------------------------------------------------------------ setup

    @staticmethod
    def sweep_leftovers() -> list[str]:
        """Remove users and groups an earlier run left behind when it was killed before its cleanup.

        Only names with this test's own prefix are touched; nobody else's account is.
        """
        def names(table: str) -> list[str]:
            return [line.split(":", 1)[0] for line in Path(table).read_text().splitlines()
                    if line.startswith(PREFIX)]

        swept = names("/etc/passwd")
        for user in swept:
            subprocess.run(["pkill", "-KILL", "-u", user], capture_output=True, timeout=30)
            subprocess.run(["userdel", "--remove", user], capture_output=True, timeout=60)
        for group in names("/etc/group"):
            subprocess.run(["groupdel", group], capture_output=True, timeout=60)
        return swept

    def create(self) -> None:
        self.sweep_leftovers()
        for group in (self.instructors_group, self.students_group):
            _run("groupadd", group)
            self._groups.append(group)
        for user in [self.instructor, *self.students]:
            group = self.instructors_group if user == self.instructor else self.students_group
            home = self.base / "home" / user
            home.parent.mkdir(mode=0o755, exist_ok=True)
            _run("useradd", "--create-home", "--home-dir", str(home), "--shell", "/bin/bash",
                 "--user-group", "--groups", group, user)
            self._users.append(user)
            os.chmod(home, 0o700)  # Debian's useradd makes 0755 homes: classmates could read each other's work
            self.passwords[user] = secrets.token_urlsafe(12)
            _run("chpasswd", input=f"{user}:{self.passwords[user]}\n")

    def adopt(self, *users: str) -> None:
        """Accounts made by the code under test (deploy/add_students.py): removed by cleanup like our own.

        Only names with this class's own tag are taken, so cleanup still touches nothing it did not make.
        """
        for user in users:
            if user.startswith(self.tag + "-") and user not in self._users:
                self._users.append(user)

    def grant_traversal(self, *paths: Path) -> None:
        """Let other users pass through (o+x, never o+r) every folder above `paths`; undone by cleanup.

        The course's venv and repository may sit under a folder other users cannot enter (/root, a 0700
        home). The students' servers and nbgrader must run from that venv, as themselves, so each ancestor
        that lacks o+x gets it for the length of the test and its old mode back afterwards. Nothing
        becomes listable or readable that was not; a copy of the venv would cost a minute and a gigabyte.
        """
        for path in paths:
            for folder in [path.resolve(), *path.resolve().parents]:
                mode = folder.stat().st_mode
                if folder.is_dir() and not mode & stat.S_IXOTH and folder not in self._modes:
                    self._modes[folder] = stat.S_IMODE(mode)
                    os.chmod(folder, stat.S_IMODE(mode) | stat.S_IXOTH)

    def make_private(self, *paths: Path) -> None:
        """Close `paths` to everyone but root (mode 0700) for the length of the test; undone by cleanup.

        The hub's students run the course from this repository's venv, but on a server the full course
        (with its key) is a clone only root can read: its key folders are closed the same way here.
        """
        for path in paths:
            if path.exists() and path not in self._modes:
                self._modes[path] = stat.S_IMODE(path.stat().st_mode)
                os.chmod(path, 0o700)

    # ------------------------------------------------------------------------------------------ acting

    def home(self, user: str) -> Path:
        return Path(pwd.getpwnam(user).pw_dir)

    def uid(self, user: str) -> int:
        return pwd.getpwnam(user).pw_uid

    def env(self, user: str, extra: dict[str, str] | None = None) -> dict[str, str]:
        """A clean login-like environment, with the course's venv first on PATH (nbgrader runs alembic)."""
        return {"HOME": str(self.home(user)), "USER": user, "LOGNAME": user, "SHELL": "/bin/bash",
                "LANG": "C.UTF-8", "PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin", **(extra or {})}

    def run_as(self, user: str, command: list[str], cwd: Path | None = None, timeout: float = 180,
               extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """`command` as `user` (runuser), in a clean environment; its own process group, killed on timeout."""
        env_args = [f"{k}={v}" for k, v in self.env(user, extra_env).items()]
        full = ["runuser", "-u", user, "--", "env", "-i", *env_args, *command]
        proc = subprocess.Popen(full, cwd=cwd or self.home(user), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            out, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
            raise AssertionError(f"{' '.join(command)} as {user} took over {timeout}s:\n{out[-3000:]}")
        return subprocess.CompletedProcess(command, proc.returncode, out, "")

    def check_as(self, user: str, command: list[str], **kwargs) -> str:
        done = self.run_as(user, command, **kwargs)
        if done.returncode:
            raise AssertionError(f"{' '.join(command)} as {user} exited {done.returncode}:\n{done.stdout[-4000:]}")
        return done.stdout

    # ------------------------------------------------------------------------------------------ cleanup

    def _pids(self) -> list[int]:
        uids = set()
        for user in self._users:
            try:
                uids.add(self.uid(user))
            except KeyError:
                pass
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid in uids:
                        pids.append(int(entry.name))
                except FileNotFoundError:
                    pass
        return pids

    def kill_processes(self, grace: float = 5) -> None:
        """End every process running as one of this class's users (by pid): TERM, then KILL."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for pid in self._pids():
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + grace
            while self._pids() and time.monotonic() < deadline:
                time.sleep(0.1)

    def cleanup(self) -> list[str]:
        """Remove everything `create` made; returns the problems instead of stopping at the first."""
        problems = []
        self.kill_processes()
        for user in reversed(self._users):
            try:
                _run("userdel", "--remove", user)
            except RuntimeError as error:
                problems.append(str(error))
        for group in self._groups:
            try:
                _run("groupdel", group)
            except RuntimeError as error:
                if "does not exist" not in str(error):
                    problems.append(str(error))
        for folder, mode in self._modes.items():
            if folder.exists():
                os.chmod(folder, mode)
        subprocess.run(["rm", "-rf", "--one-file-system", str(self.base)], timeout=120)
        return problems
