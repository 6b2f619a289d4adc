"""nbgrader's Execute step, run in a sandboxed kernel that was started ahead of time, with limits.

What the notebook sees is what nbgrader gives it: the same kernelspec and kernel arguments (nbclient's
in-memory history), `NBGRADER_EXECUTION=autograde`, and as working folder a copy of its own submission
folder (inside the sandbox) or that folder itself (without the sandbox). The working folder is set by a
silent request before the first cell runs: no name is bound, no history is written, the execution counter
does not move.

Why a pool: a kernel takes about half a second to start, half of it idle. Each worker keeps one spare
kernel, launched while the previous submission is being saved, each in a sandbox of its own; a used kernel
is killed without waiting (its outputs were all collected already), which also kills everything it started.

Limits that only the grader can enforce live here: the notebook's total wall-clock time (the kernel is
killed when it is up, and the submission reported), the size of each output and of all outputs together
(`course.grading.output_limits`: a 30 MB line is cut to a note, not carried into the notebook and the
feedback), and on every socket that receives the kernel's messages the largest message part and the
number of messages queued (a kernel cannot fill the grader's memory with messages it has not yet read).
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import sys
import threading
import time
from pathlib import Path

import zmq
import zmq.asyncio
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_async, run_sync
from nbclient import NotebookClient
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute
from nbgrader.utils import find_all_files
from traitlets import Integer, default

from course.grading import speedups
from course.grading.checks import RESOURCE_KEY, CheckAnswers
from course.grading.output_limits import ANSWERS_KEY, OutputLimits
from course.grading.sandbox import INBOX, WORKDIR, Sandbox, SandboxedKernelManager, kernel_env


#: Run silently in a fresh sandboxed kernel before the first cell: the submission into the working folder.
#: (The working folder is a tmpfs that belongs to root, so its own mode is not copied.)
_COPY_IN = """\
def __course_copy_in():
    import os, shutil
    for name in os.listdir({inbox!r}):
        source = os.path.join({inbox!r}, name)
        copy = shutil.copytree if os.path.isdir(source) else shutil.copyfile
        copy(source, os.path.join({workdir!r}, name))
    os.chdir({workdir!r})
__course_copy_in()
del __course_copy_in
"""


class NotebookTimeLimit(RuntimeError):
    pass


class SubmissionTooLarge(RuntimeError):
    pass


class SandboxMemoryLimit(RuntimeError):
    pass


class _Watch(threading.Thread):
    """Stops a notebook's kernel past its wall-clock time, or when all its sandbox's processes together
    hold more memory than one may (RLIMIT_DATA is per process; this is the sandbox's total)."""

    PERIOD = 0.25

    def __init__(self, km, seconds: int, memory_bytes: int | None):
        super().__init__(daemon=True)
        self.km, self.seconds, self.memory_bytes = km, seconds, memory_bytes
        self.stopped: Exception | None = None
        self._done = threading.Event()
        self.start()

    def run(self):
        deadline = time.monotonic() + self.seconds
        pid = self.km.provisioner.process.pid
        while not self._done.wait(self.PERIOD):
            if time.monotonic() > deadline:
                self._stop(NotebookTimeLimit(f"the notebook ran longer than {self.seconds} s "
                                             "(SandboxedExecute.notebook_seconds); its kernel was stopped"))
            elif self.memory_bytes and (self.km.out_of_memory()  # the sandbox's control group's OOM kill
                                        or tree_memory(pid, self.memory_bytes) > self.memory_bytes):
                self._stop(SandboxMemoryLimit(f"the notebook's processes held more than {self.memory_bytes} "
                                              "bytes together (Sandbox.memory_bytes); its kernel was stopped"))

    def _stop(self, reason: Exception):
        self.stopped = reason
        self._done.set()
        POOL.kill(self.km)

    def cancel(self):
        self._done.set()


def tree_memory(root: int, limit: int) -> int:
    """Bytes held by `root` and every process below it, read from /proc (outside the sandbox).

    The resident sizes first (cheap); only when they add up to more than `limit` the proportional sizes,
    which count a page shared by forked children once, not once per child."""
    pids = _descendants(root)
    resident = sum(_proc_number(f"/proc/{pid}/statm", 1) * PAGE for pid in pids)
    if resident <= limit:
        return resident
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
        except (OSError, ValueError, IndexError):
            pass
    return total


PAGE = os.sysconf("SC_PAGE_SIZE")


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat_file.parent.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _proc_number(path: str, index: int) -> int:
    try:
        return int(Path(path).read_text().split()[index])
    except (OSError, IndexError, ValueError):
        return 0


class _Pool:
    """At most one spare kernel per worker process, and the used ones waiting to be reaped."""

    def __init__(self):
        self.spare: tuple[tuple, AsyncKernelManager] | None = None
        self.dying: list[AsyncKernelManager] = []

    def take(self, key: tuple) -> AsyncKernelManager | None:
        self.reap()
        spare, self.spare = self.spare, None
        if spare and spare[0] == key and spare[1].provisioner and spare[1].provisioner.process.poll() is None:
            return spare[1]
        if spare:
            self.kill(spare[1])
        return None

    def launch(self, key: tuple, sandbox: Sandbox | None, config, cwd: str) -> AsyncKernelManager:
        """Start a kernel process now and return at once; it boots while the worker does other things."""
        kernel_name, arguments = key
        if sandbox is not None:
            km = SandboxedKernelManager(sandbox, kernel_name=kernel_name, config=config)
            env = kernel_env()
        else:
            km = AsyncKernelManager(kernel_name=kernel_name, config=config)
            env = dict(os.environ, NBGRADER_EXECUTION="autograde")
        km.client_factory = CappedKernelClient  # the sockets that receive the kernel's messages are capped
        streams = {}
        if sandbox is not None:  # what the kernel process prints: the first 64 KiB of its pipe, kept in this file
            km.stderr_file = km.kernel_dir / "stderr"
            streams["stdout"] = streams["stderr"] = open(km.stderr_file, "wb")
        try:
            run_sync(km.start_kernel)(extra_arguments=list(arguments), cwd=cwd, env=env, **streams)
        finally:
            for handle in set(streams.values()):
                handle.close()
        return km

    def keep_spare(self, key, km: AsyncKernelManager) -> None:
        self.spare = (key, km)

    def kill(self, km: AsyncKernelManager) -> None:
        process = getattr(km.provisioner, "process", None) if km.provisioner else None
        if process is None:
            run_sync(km.shutdown_kernel)(now=True)
        else:
            try:
                os.killpg(process.pid, signal.SIGKILL)  # the kernel (or its sandbox) leads its own group
            except OSError:
                process.kill()
            if isinstance(km, SandboxedKernelManager):
                # gone before the grader writes a score: the sandbox's processes die with its first one
                try:
                    process.wait(timeout=10)
                except Exception:  # reaped later; the PID namespace still goes with it
                    pass
            self.dying.append(km)

    def reap(self) -> None:
        for km in self.dying:
            km.provisioner.process.wait()
            run_sync(km.cleanup_resources)()
            if isinstance(km, SandboxedKernelManager):
                km.remove_kernel_dir()
        self.dying = []

    def close(self) -> None:
        if self.spare:
            self.kill(self.spare[1])
            self.spare = None
        self.reap()


POOL = _Pool()
#: The largest message part the grader takes from a kernel (a larger one drops the connection), and how many
#: messages may wait in each socket's queue: past that the kernel's side holds them, in the kernel's memory.
MAX_MESSAGE_BYTES = 32 << 20
QUEUED_MESSAGES = 4


class CappedKernelClient(AsyncKernelClient):
    """jupyter_client's client, its sockets made from a context that caps each one it makes.

    A client makes its own context (the kernel manager's receives nothing), and a socket takes its options
    from its context when it is made, before it connects, which is when ZeroMQ reads them."""

    @default("context")
    def _context_default(self):
        self._created_context = True
        context = zmq.asyncio.Context()
        context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
        context.setsockopt(zmq.RCVHWM, QUEUED_MESSAGES)
        return context


class SandboxedExecute(OutputLimits, Execute):
    """nbgrader's Execute in a pooled kernel, sandboxed unless `c.Sandbox.enabled = False`."""

    notebook_seconds = Integer(900, help="Wall-clock seconds for a whole notebook; past it the kernel is "
                                         "killed and the submission reported.").tag(config=True)
    output_bytes = Integer(4 << 20, help="Bytes of output kept for a whole notebook.").tag(config=True)
    output_item_bytes = Integer(512 << 10, help="Bytes kept of any one output.").tag(config=True)

    def _arguments(self, km) -> list[str]:
        arguments = list(self.extra_arguments)
        if getattr(km, "ipykernel", False) and self.ipython_hist_file and not any(
            a.startswith("--HistoryManager.hist_file") for a in arguments
        ):
            arguments.append(f"--HistoryManager.hist_file={self.ipython_hist_file}")
        return arguments

    def preprocess(self, nb, resources=None, km=None):
        NotebookClient.__init__(self, nb, None)
        self._check_assign_resources(resources)
        probe = self.create_kernel_manager()  # resolves the kernel name exactly as nbclient does
        key = (probe.kernel_name, tuple(self._arguments(probe)))
        sandbox = Sandbox(config=self.config)
        sandbox = sandbox if sandbox.enabled else None
        self._workdir = os.path.abspath((resources or {}).get("metadata", {}).get("path") or os.getcwd())
        self._reset_output_limits((resources or {}).get(RESOURCE_KEY, {}),
                                  CheckAnswers(config=self.config).max_answer_bytes)
        kernel = POOL.take(key) or POOL.launch(key, sandbox, self.config, os.getcwd())
        if speedups.ACTIVE["pool"]:
            try:  # the next submission's kernel boots while this notebook runs
                POOL.keep_spare(key, POOL.launch(key, sandbox, self.config, os.getcwd()))
            except Exception:  # no spare then: the next notebook starts its own
                pass
        self._sandboxed = isinstance(kernel, SandboxedKernelManager)
        if self._sandboxed:
            copy_submission(self._submission_folders(resources), kernel.inbox, sandbox.submission_bytes,
                            ignore=CourseDirectory(config=self.config).ignore)
        watch = _Watch(kernel, self.notebook_seconds, sandbox.memory_bytes if self._sandboxed else None)
        try:
            nb, resources = super().preprocess(nb, resources, km=kernel)
            resources[ANSWERS_KEY] = self.answers
            return nb, resources
        except Exception:
            if not watch.stopped and self._sandboxed and kernel.out_of_memory():  # killed before the watch looked
                watch._stop(SandboxMemoryLimit(f"the notebook's processes held more than {sandbox.memory_bytes} "
                                               "bytes together (Sandbox.memory_bytes); its kernel was stopped"))
            if watch.stopped:
                raise watch.stopped from None
            raise
        finally:
            watch.cancel()
            if self.kc is not None:
                self.kc.stop_channels()
                self.kc = None
            if not watch.stopped:
                POOL.kill(kernel)
            _log_kernel_stderr(kernel, (resources or {}).get("nbgrader", {}))

    def _submission_folders(self, resources) -> list[Path]:
        """Where nbgrader's working folder comes from: the student's files, then the instructor's."""
        info = (resources or {}).get("nbgrader", {})
        coursedir = CourseDirectory(config=self.config)
        submitted = Path(coursedir.format_path(coursedir.submitted_directory, info.get("student", ""),
                                               info.get("assignment", "")))
        source = Path(coursedir.format_path(coursedir.source_directory, ".", info.get("assignment", "")))
        return [submitted, source]

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        if self._sandboxed:  # copy the submission into the sandbox's working folder, then go there
            self.km.lock_runtime_dir()
            code = _COPY_IN.format(inbox=INBOX, workdir=WORKDIR)
        else:
            code = f"__import__('os').chdir({self._workdir!r})"
        reply = await self.async_wait_for_reply(await ensure_async(kc.execute(code, silent=True, store_history=False)))
        if not reply or reply["content"]["status"] != "ok":
            detail = (reply or {}).get("content", {})
            raise RuntimeError(f"could not prepare the kernel's working folder: {detail.get('ename')}: "
                               f"{detail.get('evalue')}")
        return kc

    # nbclient binds the synchronous name to its own coroutine: bind it to ours, or the override is skipped
    start_new_kernel_client = run_sync(async_start_new_kernel_client)


#: Bytes of a kernel process's own stderr copied into the grading log, per notebook.
KERNEL_LOG_BYTES = 8 << 10


def _log_kernel_stderr(km, info: dict) -> None:
    path = getattr(km, "stderr_file", None)
    if path is None or not path.exists():
        return
    with open(path, "rb") as handle:
        head = handle.read(KERNEL_LOG_BYTES + 1)
    if head.strip():
        cut = len(head) > KERNEL_LOG_BYTES
        text = head[:KERNEL_LOG_BYTES].decode("utf-8", "replace")
        print(f"--- kernel of {info.get('student')}/{info.get('notebook')}:\n{text}"
              + ("\n[cut]" if cut else ""), file=sys.stderr)


def copy_submission(folders: list[Path], inbox: Path, limit: int, ignore: list[str] = ()) -> None:
    """Into a fresh kernel's empty inbox: regular files only, never through a symlink, in a bounded total, the
    student's, then the instructor's.

    nbgrader's working folder is the autograded copy, which holds the notebook with its hidden tests and
    whatever a symlink in the submission pointed at; the sandbox gets neither.
    """
    total = 0
    submitted, source = folders
    files: dict[Path, Path] = {}
    for path in _regular_files(submitted):
        files[path.relative_to(submitted)] = path
    if source.is_dir():
        for name in find_all_files(str(source), list(ignore) + ["*.ipynb"]):  # what nbgrader copies over
            path = Path(name)
            if path.is_file() and not path.is_symlink():
                files[path.relative_to(source)] = path
    for relative, path in sorted(files.items()):
        total += path.lstat().st_size
        if total > limit:
            raise SubmissionTooLarge(f"the submission's files pass {limit} bytes (Sandbox.submission_bytes)")
        target = inbox / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target, follow_symlinks=False)
        os.chmod(target, 0o644)
    for folder in [inbox, *[p for p in inbox.rglob("*") if p.is_dir()]]:
        os.chmod(folder, 0o755)


def _regular_files(folder: Path):
    if not folder.is_dir() or folder.is_symlink():
        return
    for entry in os.scandir(folder):
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISDIR(mode):
            yield from _regular_files(Path(entry.path))
        elif stat.S_ISREG(mode):
            yield Path(entry.path)
