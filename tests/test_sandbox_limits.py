"""Resources are accounted per sandbox by the Linux kernel, and nothing passes from one sandbox to the next.

Each attack here once changed an honest mark or held more than its share (issue: no classmate and no
printout can change an honest mark): memory held in memfds or SysV shared memory past the limit, a
flood of empty files, `fallocate` on the kernel's stderr, the session keyring read and planted, new
namespaces, and fifty spinning `setsid` children beside an honest classmate. Small sandboxes run directly
(`Sandbox.command`, a second or less each); the memory attacks and the CPU hog go through `course grade`.
"""

from __future__ import annotations

import ctypes
import errno
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

import quiz_course as quiz
from course import grading
from course.grading import cgroups, seccomp
from course.grading import sandbox as sandbox_module
from course.grading.sandbox import Sandbox, kernel_env

MiB = 1 << 20
NUMBERS = seccomp.SYSCALLS[seccomp.machine()]
KEY_SPEC_SESSION_KEYRING, KEYCTL_READ, KEYCTL_SEARCH, KEYCTL_JOIN_SESSION_KEYRING = -3, 11, 10, 1

#: Run inside a sandbox: `call(name, *args)` makes a raw system call and returns (result, errno).
SYSCALL = f"""
import ctypes, json, os
libc = ctypes.CDLL(None, use_errno=True)
NUMBERS = {NUMBERS!r}
def call(name, *args):
    args = [ctypes.c_char_p(a) if isinstance(a, bytes) else ctypes.c_long(a) for a in args]
    result = libc.syscall(ctypes.c_long(NUMBERS[name]), *args)
    return result, ctypes.get_errno() if result < 0 else 0
"""


def run_sandboxed(code: str, **settings) -> dict:
    """Run `code` (which prints one JSON line last) in a sandbox with its control group, as a kernel runs."""
    sandbox = Sandbox(**settings)
    kernel_dir = sandbox.prepare_kernel_dir()
    group = sandbox.create_group()
    try:
        argv = sandbox.command([sys.executable, "-c", SYSCALL + textwrap.dedent(code)], kernel_dir, kernel_env(),
                               group=group)
        run = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    finally:
        if group is not None:
            group.remove()
        shutil.rmtree(kernel_dir, ignore_errors=True)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_this_machine_enforces_every_limit():
    """The project's machines (and CI) run as root with writable cgroup v1 hierarchies: nothing is missing."""
    assert isinstance(cgroups.layout(), cgroups.Layout), cgroups.layout()
    assert sandbox_module.not_enforced() is None


# ---- seccomp and the keyring -------------------------------------------------------------------------


def test_seccomp_refuses_the_keyring_and_new_namespaces_and_allows_ordinary_work():
    found = run_sandboxed("""
        CLONE_NEWUSER, CLONE_NEWNS = 0x10000000, 0x00020000
        out = {name: call(name, *args)[1] for name, args in {
            "keyctl": (0, -3, 0), "add_key": (b"user", b"k", b"v", 1, -3), "request_key": (b"user", b"k", 0, 0),
            "unshare": (CLONE_NEWUSER,), "ptrace": (16, 1, 0, 0), "personality": (0x0008,),
            "mount": (b"none", b"/tmp", b"tmpfs", 0, 0)}.items()}
        pid = os.fork()  # clone without a new namespace still works
        if pid == 0:
            os._exit(7)
        out["fork"] = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        out["unshare_ns"] = call("unshare", CLONE_NEWNS)[1]
        print(json.dumps(out))
    """)
    assert found == {"keyctl": errno.EPERM, "add_key": errno.EPERM, "request_key": errno.EPERM,
                     "unshare": errno.EPERM, "ptrace": errno.EPERM, "personality": errno.EPERM,
                     "mount": errno.EPERM, "fork": 7, "unshare_ns": errno.EPERM}


def _keyctl(*args) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    args = [ctypes.c_char_p(a) if isinstance(a, bytes) else ctypes.c_long(a) for a in args]
    return libc.syscall(ctypes.c_long(NUMBERS["keyctl"]), *args)


def _add_key(description: bytes, payload: bytes) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.syscall(ctypes.c_long(NUMBERS["add_key"]), ctypes.c_char_p(b"user"), ctypes.c_char_p(description),
                        ctypes.c_char_p(payload), ctypes.c_long(len(payload)), ctypes.c_long(KEY_SPEC_SESSION_KEYRING))


def test_the_graders_session_keyring_is_out_of_reach_and_nothing_passes_to_the_next_sandbox():
    """The grader holds a key in its session keyring (the sandbox would inherit it). A student tries to read
    it, unlink it and plant one; the next sandbox looks for the planted key."""
    assert _keyctl(KEYCTL_JOIN_SESSION_KEYRING, b"course-test-grader") > 0
    secret = _add_key(b"course-grader-secret", b"s3cret")
    assert secret > 0
    attack = """
        out = {}
        found, error = call("keyctl", %d, %d, b"user", b"course-grader-secret", 0)
        out["search"] = error
        buffer = ctypes.create_string_buffer(64)
        result, error = call("keyctl", %d, %d, ctypes.addressof(buffer), 64)
        out["read"] = buffer.value.decode() if result > 0 else error
        out["unlink"] = call("keyctl", 9, %d, %d)[1]  # KEYCTL_UNLINK
        out["plant"] = call("add_key", b"user", b"course-planted", b"from a student", 14, %d)[1]
        out["planted"] = call("keyctl", %d, %d, b"user", b"course-planted", 0)[1]
        print(json.dumps(out))
    """ % (KEYCTL_SEARCH, KEY_SPEC_SESSION_KEYRING, KEYCTL_READ, secret, secret, KEY_SPEC_SESSION_KEYRING,
           KEY_SPEC_SESSION_KEYRING, KEYCTL_SEARCH, KEY_SPEC_SESSION_KEYRING)
    first, second = run_sandboxed(attack), run_sandboxed(attack)
    for found in (first, second):
        assert found == {"search": errno.EPERM, "read": errno.EPERM, "unlink": errno.EPERM,
                         "plant": errno.EPERM, "planted": errno.EPERM}
    buffer = ctypes.create_string_buffer(64)
    assert _keyctl(KEYCTL_READ, secret, ctypes.addressof(buffer), 64) == 6 and buffer.value == b"s3cret"
    assert _keyctl(KEYCTL_SEARCH, KEY_SPEC_SESSION_KEYRING, b"user", b"course-planted", 0) == -1


# ---- the in-memory folders ------------------------------------------------------------------------------


def test_a_flood_of_empty_files_stops_at_the_folders_file_cap():
    found = run_sandboxed("""
        made, error = 0, None
        for i in range(400_000):
            try:
                open(f"/tmp/f{i}", "w").close()
            except OSError as e:
                error = e.errno
                break
            made += 1
        print(json.dumps({"made": made, "error": error}))
    """, disk_files=2000)
    assert found["error"] == errno.ENOSPC and 1900 <= found["made"] < 2000


# ---- the v2 layout, on a fake cgroupfs ------------------------------------------------------------------


def _fake_v2(root: Path, delegated: str) -> tuple[str, str]:
    """A cgroup2 tree in `root`: the grader in user.slice/session-1.scope; `delegated` enables controllers."""
    (root / "user.slice" / "session-1.scope").mkdir(parents=True)
    (root / "cgroup.controllers").write_text("cpuset cpu io memory hugetlb pids\n")
    (root / "cgroup.subtree_control").write_text("cpu memory pids\n")
    (root / "user.slice" / "cgroup.subtree_control").write_text(delegated)
    (root / "user.slice" / "session-1.scope" / "cgroup.subtree_control").write_text("")
    mountinfo = (f"25 1 0:22 / / rw - ext4 /dev/sda1 rw\n"
                 f"31 25 0:26 / {root} rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate\n")
    return mountinfo, "0::/user.slice/session-1.scope\n"


def test_cgroup_v2_groups_go_under_the_nearest_delegating_ancestor_with_every_limit(tmp_path):
    mountinfo, own = _fake_v2(tmp_path, "memory pids cpu\n")
    layout = cgroups.detect(mountinfo, own)
    assert layout == cgroups.Layout(2, {c: tmp_path / "user.slice" for c in cgroups.CONTROLLERS})
    group = layout.create(memory_bytes=256 * MiB, tasks=88, cpu_cores=1.0)
    [folder] = group.folders
    assert folder.parent == tmp_path / "user.slice" and folder.name.startswith(cgroups.PREFIX)
    assert {p.name: p.read_text().strip() for p in folder.iterdir()} == {
        "memory.max": str(256 * MiB), "pids.max": "88", "cpu.max": "100000 100000"}
    assert group.procs_files == [str(folder / "cgroup.procs")]
    assert not group.out_of_memory()
    (folder / "memory.events").write_text("low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n")
    assert group.out_of_memory()


def test_cgroup_v2_without_delegation_uses_the_root_group_or_says_why(tmp_path):
    mountinfo, own = _fake_v2(tmp_path, "")
    assert cgroups.detect(mountinfo, own) == cgroups.Layout(2, {c: tmp_path for c in cgroups.CONTROLLERS})
    (tmp_path / "cgroup.subtree_control").write_text("cpu\n")
    (tmp_path / "cgroup.controllers").write_text("cpu io\n")  # memory and pids not available at all
    reason = cgroups.detect(mountinfo, own)
    assert isinstance(reason, str) and "does not delegate the memory, pids and cpu controllers" in reason
    assert "not writable" in cgroups.detect(
        "41 31 0:38 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
        "42 31 0:39 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n"
        "43 31 0:40 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n",
        "4:memory:/job\n8:pids:/\n1:cpu:/\n", writable=lambda path, mode: False)


def test_without_control_groups_course_grade_says_once_what_is_not_enforced(monkeypatch, capsys):
    monkeypatch.setattr(cgroups, "layout", lambda: "the cgroup v1 memory, pids and cpu hierarchies are not writable")
    monkeypatch.setattr(sandbox_module, "probe", lambda binary: None)
    sandbox_module._warn_once.cache_clear()
    Sandbox().check()
    Sandbox().check()
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("course grade: warning: no control group per sandbox")
    assert "are not writable" in lines[0] and "memfd" in lines[0] and "docs/grading-at-scale.md" in lines[0]
    assert Sandbox().create_group() is None


# ---- through `course grade`: memory past the limit, fallocate on stderr, the CPU hog --------------------

LIMITS_CONFIG = "c.Sandbox.memory_bytes = 512 * 1024 * 1024\nc.SandboxedExecute.notebook_seconds = 60\n"
MEMFD = """
import os
fds = []
for i in range(20):  # 20 memfds of 48 MiB (each under the file size limit): 960 MiB
    fd = os.memfd_create(f"hoard{i}")
    for _ in range(3):
        os.write(fd, b"x" * (16 << 20))
    fds.append(fd)
print("HELD", len(fds))
""" + quiz.DOUBLE
SYSV = """
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
segments = []
for _ in range(16):  # 16 segments of 64 MiB, each detached once written: 1 GiB held by no process
    shm = libc.shmget(0, 64 << 20, 0o1600)
    address = libc.shmat(shm, None, 0)
    ctypes.memset(address, 1, 64 << 20)
    libc.shmdt(ctypes.c_void_p(address))
    segments.append(shm)
print("HELD", len(segments))
""" + quiz.DOUBLE
FALLOCATE = """
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
import os
found = []
for fd in map(int, os.listdir("/proc/self/fd")):  # ipykernel keeps the inherited stderr under another number
    # FALLOC_FL_KEEP_SIZE: blocks reserved, the size unchanged, so RLIMIT_FSIZE never applies
    if libc.fallocate(fd, 1, ctypes.c_long(0), ctypes.c_long(256 << 20)) == 0:
        found.append(fd)
print("FOUND", found)
""" + quiz.DOUBLE


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    """The quiz released once (nbgrader's generate_assignment takes seconds); each class is a copy."""
    from course.grading import release

    course = quiz.make_course(tmp_path_factory.mktemp("released") / "course")
    release.release(course, quiz.ASSIGNMENT)
    return course


def _class(released: Path, root: Path, config: str, submissions: dict[str, dict[str, str]]) -> Path:
    course = quiz.copy(released, root)
    with open(course / "nbgrader_config.py", "a") as handle:
        handle.write(config)
    notebook = course / "release" / quiz.ASSIGNMENT / f"{quiz.ASSIGNMENT}.ipynb"
    for student, answers in submissions.items():
        quiz.submit(course, student, quiz.answered(notebook, answers))
    return course


def _output(course: Path, student: str, grade_id: str) -> str:
    nb = nbformat.read(course / "autograded" / student / quiz.ASSIGNMENT / f"{quiz.ASSIGNMENT}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return "".join(o.get("text", "") for o in cell.outputs)


@pytest.fixture(scope="module")
def limits_class(released, tmp_path_factory):
    course = _class(released, tmp_path_factory.mktemp("limits") / "course", LIMITS_CONFIG, {
        "memfd": {"double": MEMFD, "year": quiz.YEAR}, "sysv": {"double": SYSV, "year": quiz.YEAR},
        "fallocate": {"double": FALLOCATE, "year": quiz.YEAR}})
    summary = grading.grade(course, quiz.ASSIGNMENT, jobs=2, progress=lambda line: None)
    return course, {o.student: o for o in summary.outcomes}


@pytest.mark.parametrize("student", ["memfd", "sysv"])
def test_memory_no_process_maps_still_counts_and_past_the_limit_the_kernel_is_stopped(limits_class, student):
    _, outcomes = limits_class
    assert outcomes[student].status == "failed", outcomes[student]
    assert "SandboxMemoryLimit" in outcomes[student].reason


def test_fallocate_on_the_kernels_stderr_reserves_nothing(limits_class):
    course, outcomes = limits_class
    assert outcomes["fallocate"].status == "graded" and outcomes["fallocate"].score == 5.0
    assert "FOUND []" in _output(course, "fallocate", "double")


HOG_CONFIG = "c.Execute.timeout = 5\nc.SandboxedExecute.notebook_seconds = 60\n"
#: An honest answer that needs some CPU: about 0.3 s for each call of each test, after a pause (so that it
#: runs while the classmate's children spin).
WORK = "def {name}(*args):\n    total = 0\n    for i in range(4_000_000):\n        total += i\n    return {value}\n"
HONEST = {"double": "import time\ntime.sleep(2)\n" + WORK.format(name="double", value="2 * args[0]"),
          "year": WORK.format(name="year", value="1991")}
HOG = {"double": textwrap.dedent("""
    import os, time
    for _ in range(50):
        if os.fork() == 0:
            os.setsid()
            while True:
                pass
    time.sleep(4)
    """) + quiz.DOUBLE, "year": "import time\ntime.sleep(4)\n" + quiz.YEAR}


@pytest.fixture(scope="module")
def cpu_hog(released, tmp_path_factory):
    alone = _class(released, tmp_path_factory.mktemp("alone") / "course", HOG_CONFIG, {"honest": HONEST})
    together = _class(released, tmp_path_factory.mktemp("together") / "course", HOG_CONFIG,
                      {"honest": HONEST, "hog": HOG})
    return [{o.student: o for o in grading.grade(course, quiz.ASSIGNMENT, jobs=jobs, progress=lambda line: None)
             .outcomes} for course, jobs in ((alone, 1), (together, 2))]


def test_fifty_spinning_children_beside_an_honest_classmate_change_nothing_of_their_mark(cpu_hog):
    alone, together = cpu_hog
    assert alone["honest"].status == "graded" and alone["honest"].score == 5.0, alone["honest"]
    assert together["honest"].status == "graded" and together["honest"].score == alone["honest"].score
