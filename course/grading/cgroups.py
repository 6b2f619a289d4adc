"""One control group per sandbox: the Linux kernel counts and caps a submission's memory, tasks and CPU.

Why: limits set with setrlimit are per process. A sandbox's processes together, the pages no process maps
(a `memfd` written to, a SysV shared memory segment, files in its in-memory folders) and the CPU taken by
fifty spinning children are beyond them, and a classmate graded at the same time pays for them. A control
group counts every page charged to it (memfd, shared memory and tmpfs pages included), every task, and
every CPU cycle, whoever started the process; it is what PrairieLearn's and Otter's containers, Docker and
systemd use.

Each sandbox gets a group with: a memory limit (`Sandbox.memory_bytes`, swap included: past it the kernel's
OOM killer stops the notebook, which the grader reports as SandboxMemoryLimit); a task limit (`pids.max`:
`Sandbox.processes` plus the kernel's own threads); and a CPU quota of `Sandbox.cpu_cores` (one core: the
period and the quota are equal), so that a sandbox spinning on every core cannot starve the others. The
sandbox's launcher joins the group before it starts bubblewrap, so everything inside inherits it; the group
is removed (its processes killed first) when the kernel is gone.

Two layouts, found from `/proc/self/mountinfo` and `/proc/self/cgroup`:
- cgroup v1 (separate `memory`, `pids` and `cpu` hierarchies, as on the project's own machines): a group in
  each, under the grader's own group in that hierarchy, so that a limit on the grader (a container's, a
  job's) still holds for its sandboxes;
- cgroup v2 (the unified hierarchy of Ubuntu 22.04 and later): one group with `memory.max`,
  `memory.swap.max`, `memory.oom.group`, `pids.max` and `cpu.max`, under the nearest ancestor of the
  grader's group that delegates the memory, pids and cpu controllers (on a systemd machine run as root: the
  root of the hierarchy, whose controllers are all enabled).
Where neither can be written (not root, a read-only cgroupfs, no controllers) `unavailable()` says why in
one line, and the sandbox keeps its per-process setrlimit limits only (`course grade` prints the line).
"""

from __future__ import annotations

import functools
import itertools
import os
import signal
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

CONTROLLERS = ("memory", "pids", "cpu")
PREFIX = "course-sandbox-"
CFS_PERIOD_US = 100_000
_serial = itertools.count()


@dataclass(frozen=True)
class Layout:
    """Where this process's groups are: `parents[controller]` is the folder new groups go in."""

    version: int
    parents: dict[str, Path]

    def create(self, memory_bytes: int, tasks: int, cpu_cores: float) -> Group:
        """A new, empty group with the limits written; the caller's launcher joins it."""
        name = f"{PREFIX}{os.getpid()}-{next(_serial)}-{uuid.uuid4().hex[:8]}"
        _sweep_once(self)
        quota = max(1000, int(cpu_cores * CFS_PERIOD_US))
        if self.version == 2:
            folder = self.parents["memory"] / name
            folder.mkdir()
            group = Group(2, (folder,))
            try:
                _write(folder / "memory.max", memory_bytes)
                _write(folder / "memory.swap.max", 0, optional=True)
                _write(folder / "memory.oom.group", 1, optional=True)
                _write(folder / "pids.max", tasks)
                _write(folder / "cpu.max", f"{quota} {CFS_PERIOD_US}")
            except OSError:
                group.remove()
                raise
            return group
        folders = tuple(self.parents[c] / name for c in CONTROLLERS)
        group = Group(1, ())
        try:
            for folder in folders:
                folder.mkdir()
                group = Group(1, group.folders + (folder,))
            memory, pids, cpu = folders
            _write(memory / "memory.limit_in_bytes", memory_bytes)
            _write(memory / "memory.memsw.limit_in_bytes", memory_bytes, optional=True)  # no swap beyond it
            _write(pids / "pids.max", tasks)
            _write(cpu / "cpu.cfs_period_us", CFS_PERIOD_US)
            _write(cpu / "cpu.cfs_quota_us", quota)
        except OSError:
            group.remove()
            raise
        return group


@dataclass(frozen=True)
class Group:
    """One sandbox's group: one folder (v2) or one per controller (v1)."""

    version: int
    folders: tuple[Path, ...]

    @property
    def procs_files(self) -> list[str]:
        """The files the launcher writes its process id to, to join the group."""
        return [str(folder / "cgroup.procs") for folder in self.folders]

    def out_of_memory(self) -> bool:
        """Whether the kernel's OOM killer stopped a process of this group (it was over its memory)."""
        for folder in self.folders:
            name = "memory.events" if self.version == 2 else "memory.oom_control"
            try:
                fields = dict(line.split()[:2] for line in (folder / name).read_text().splitlines() if " " in line)
            except (OSError, ValueError):
                continue
            if int(fields.get("oom_kill", 0)) > 0 or int(fields.get("oom_group_kill", 0)) > 0:
                return True
        return False

    def remove(self, seconds: float = 5.0) -> None:
        """Kill whatever is still in the group, then remove its folders (a group with tasks cannot go)."""
        deadline = time.monotonic() + seconds
        for folder in self.folders:
            while folder.is_dir():
                try:
                    pids = [int(p) for p in (folder / "cgroup.procs").read_text().split()]
                except (OSError, ValueError):
                    pids = []
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
                try:
                    folder.rmdir()
                except OSError:
                    if time.monotonic() > deadline:
                        break  # left for the sweep of a later run
                    time.sleep(0.02)


def _write(path: Path, value, optional: bool = False) -> None:
    if optional and not path.exists():
        return
    path.write_text(f"{value}\n")


def _sweep_once(layout: Layout) -> None:
    """Remove empty groups a grader that died left behind (their owner's process id is gone)."""
    if getattr(_sweep_once, "done", False):
        return
    _sweep_once.done = True
    for parent in set(layout.parents.values()):
        try:
            names = [p for p in parent.iterdir() if p.name.startswith(PREFIX) and p.is_dir()]
        except OSError:
            continue
        for folder in names:
            owner = folder.name[len(PREFIX):].split("-", 1)[0]
            try:
                stale = (owner.isdigit() and not Path(f"/proc/{owner}").exists()
                         and time.time() - folder.stat().st_mtime > 60
                         and not (folder / "cgroup.procs").read_text().strip())
            except OSError:
                continue
            if stale:  # never kill here: a grader in another PID namespace can look gone and be running
                try:
                    folder.rmdir()
                except OSError:
                    pass


# ---- finding the layout -------------------------------------------------------------------------------


def mounts(mountinfo: str) -> list[tuple[str, str, str, set[str]]]:
    """(mount point, root inside the hierarchy, file system type, options) of each cgroup mount."""
    found = []
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        if not sep:
            continue
        fields, tail = left.split(), right.split()
        if len(fields) < 5 or len(tail) < 3 or tail[0] not in ("cgroup", "cgroup2"):
            continue
        point = fields[4].replace("\\040", " ")
        found.append((point, fields[3], tail[0], set(tail[2].split(",")) | set(fields[5].split(","))))
    return found


def own_groups(proc_cgroup: str) -> dict[str, str]:
    """controller (or "" for the unified hierarchy) -> this process's group path."""
    groups = {}
    for line in proc_cgroup.splitlines():
        parts = line.split(":", 2)
        if len(parts) == 3:
            for controller in parts[1].split(",") if parts[1] else [""]:
                groups[controller] = parts[2]
    return groups


def _inside(point: str, root: str, path: str) -> Path:
    relative = os.path.relpath(path, root) if path.startswith(root) else path.lstrip("/")
    return Path(point) / ("" if relative == "." else relative)


def detect(mountinfo: str, proc_cgroup: str, writable=os.access) -> Layout | str:
    """The layout to use, or one line saying why there is none (read from the two /proc files' text)."""
    cgroup_mounts = mounts(mountinfo)
    groups = own_groups(proc_cgroup)
    v1 = {}
    for controller in CONTROLLERS:
        for point, root, fstype, options in cgroup_mounts:
            if fstype == "cgroup" and controller in options and controller in groups:
                v1[controller] = _inside(point, root, groups[controller])
                break
    if len(v1) == len(CONTROLLERS):
        if all(writable(str(folder), os.W_OK) for folder in v1.values()):
            return Layout(1, v1)
        return "the cgroup v1 memory, pids and cpu hierarchies are not writable (run `course grade` as root)"
    unified = next(((p, r) for p, r, fstype, _ in cgroup_mounts if fstype == "cgroup2"), None)
    if unified is None or "" not in groups:
        return "no cgroup v2 hierarchy, nor cgroup v1 memory, pids and cpu hierarchies, is mounted"
    point, root = unified
    folder = _inside(point, root, groups[""])
    top = Path(point)
    while True:
        if set(CONTROLLERS) <= _words(folder / "cgroup.subtree_control"):
            break
        if folder == top or top not in folder.parents:
            folder = top
            if set(CONTROLLERS) <= _words(top / "cgroup.controllers") and writable(str(top), os.W_OK):
                try:  # the root group may hold processes and delegate at once
                    (top / "cgroup.subtree_control").write_text(" ".join(f"+{c}" for c in CONTROLLERS))
                except OSError:
                    pass
            if set(CONTROLLERS) <= _words(top / "cgroup.subtree_control"):
                break
            return ("cgroup v2 does not delegate the memory, pids and cpu controllers to this grader "
                    "(enable them in cgroup.subtree_control, or run `course grade` as root)")
        folder = folder.parent
    if not writable(str(folder), os.W_OK):
        return f"cgroup v2 folder {folder} is not writable (run `course grade` as root)"
    return Layout(2, {c: folder for c in CONTROLLERS})


def _words(path: Path) -> set[str]:
    try:
        return set(path.read_text().split())
    except OSError:
        return set()


@functools.lru_cache(maxsize=1)
def layout() -> Layout | str:
    """This machine's layout for this process, or why there is none."""
    try:
        mountinfo = Path("/proc/self/mountinfo").read_text()
        proc_cgroup = Path("/proc/self/cgroup").read_text()
    except OSError as error:
        return f"/proc cannot be read ({error})"
    return detect(mountinfo, proc_cgroup)


def unavailable() -> str | None:
    """One line saying why sandboxes get no control group here, or None when they do."""
    found = layout()
    return found if isinstance(found, str) else None
