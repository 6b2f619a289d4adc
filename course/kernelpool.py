"""nbgrader's Execute step with the kernel started ahead of time and stopped in the background.

A kernel takes about half a second to start, and half of that is idle waiting for the new process; a
graceful shutdown waits another 0.1-0.2 s. nbgrader does both on the critical path of every submission.
`PooledExecute` runs the notebook in a kernel that was launched while the previous submission was still
being written and saved, and kills the used kernel without waiting (a killed kernel's outputs were all
collected already).

What the notebook sees is what nbgrader gives it: the same kernelspec, the same kernel arguments
(nbclient's in-memory history), `NBGRADER_EXECUTION=autograde` in its environment, and the notebook's own
folder as working directory (set silently before the first cell: no name is bound, no history is written,
the execution counter does not move). Anything unusual (another kernel name, a spare kernel that died)
falls back to nbgrader's own path.
"""

from __future__ import annotations

import os
import signal

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_async, run_sync
from nbclient import NotebookClient
from nbgrader.preprocessors import Execute


class _Pool:
    """At most one spare kernel per worker process, and the used ones waiting to be reaped."""

    def __init__(self):
        self.spare: tuple[str, list[str], AsyncKernelManager] | None = None
        self.dying: list = []

    def take(self, kernel_name: str, arguments: list[str]) -> AsyncKernelManager | None:
        self.reap()
        spare, self.spare = self.spare, None
        if spare and spare[:2] == (kernel_name, arguments) and spare[2].provisioner.process.poll() is None:
            return spare[2]
        if spare:
            self.kill(spare[2])
        return None

    def launch(self, kernel_name: str, arguments: list[str], config, cwd: str) -> None:
        """Start a kernel process now and return at once; it boots while the worker does other things."""
        km = AsyncKernelManager(kernel_name=kernel_name, config=config)
        env = dict(os.environ, NBGRADER_EXECUTION="autograde")
        try:
            run_sync(km.start_kernel)(extra_arguments=list(arguments), cwd=cwd, env=env)
        except Exception:  # no spare then: the next notebook starts its kernel the usual way
            return
        self.spare = (kernel_name, list(arguments), km)

    def kill(self, km: AsyncKernelManager) -> None:
        process = getattr(km.provisioner, "process", None) if km.provisioner else None
        if process is None:
            run_sync(km.shutdown_kernel)(now=True)
            return
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the kernel runs in its own process group
        except OSError:
            process.kill()
        self.dying.append(km)

    def reap(self) -> None:
        for km in self.dying:
            km.provisioner.process.wait()
            run_sync(km.cleanup_resources)()
        self.dying = []

    def close(self) -> None:
        if self.spare:
            self.kill(self.spare[2])
            self.spare = None
        self.reap()


POOL = _Pool()


class PooledExecute(Execute):
    """nbgrader's Execute, taking its kernel from (and leaving a fresh one in) the worker's pool."""

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
        name, arguments = probe.kernel_name, self._arguments(probe)
        self._workdir = os.path.abspath((resources or {}).get("metadata", {}).get("path") or os.getcwd())
        pooled = POOL.take(name, arguments)
        try:
            if pooled is None:
                return super().preprocess(nb, resources)
            try:
                return super().preprocess(nb, resources, km=pooled)
            finally:
                if self.kc is not None:
                    self.kc.stop_channels()
                    self.kc = None
                POOL.kill(pooled)
        finally:
            POOL.launch(name, arguments, self.config, cwd=os.getcwd())  # nbgrader works from the course root

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        if not self.owns_km:  # a pooled kernel: move it into the notebook's folder first
            code = f"__import__('os').chdir({self._workdir!r})"
            reply = await self.async_wait_for_reply(await ensure_async(kc.execute(code, silent=True, store_history=False)))
            if not reply or reply["content"]["status"] != "ok":
                raise RuntimeError(f"could not move the kernel into {self._workdir}")
        return kc
