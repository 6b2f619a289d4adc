"""How much memory one student's server takes while working through the course's lessons: for sizing a hub.

    python -m bench.student_memory          (writes bench/results/student_memory.json)

What a student runs on the hub is a Jupyter server and a kernel per open notebook. This starts JupyterLab
the way `course start` does (tests/support/labrun.py: a workspace prepared by `course start --no-lab`),
then runs each lesson of that workspace, top to bottom, with nbclient in a kernel of its own, sampling
the kernel's resident set size (RSS) while it runs; the server's RSS (with any children it started) is
read after the last lesson. One student = the server + the largest lesson kernel. RSS counts shared
library pages once per process, so the figure is an upper bound: several students share some of it.

Absolute figures, unlike the other benchmarks' ratios: sizing needs megabytes. They depend on the Python,
pandas and Plotly versions, so re-measure after upgrading them (docs/deploy.md quotes the last result).
"""

from __future__ import annotations

import json
import platform
import sys
import tempfile
import threading
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support import labrun  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def _tree_rss(pid: int) -> int:
    """RSS of a process and its children, in bytes (0 if it is gone)."""
    try:
        process = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)])
    except psutil.Error:
        return 0


def _sample(pid: int, stop: threading.Event, out: list[int]) -> None:
    peak = 0
    while not stop.is_set():
        peak = max(peak, _tree_rss(pid))
        stop.wait(0.05)
    out.append(peak)


def lesson_peak(notebook: Path) -> int:
    """Run a lesson as its student would (from its own folder); the kernel's peak RSS in bytes."""
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, timeout=900, kernel_name="python3",
                            resources={"metadata": {"path": str(notebook.parent)}})
    with client.setup_kernel():
        stop, peak = threading.Event(), []
        sampler = threading.Thread(target=_sample, args=(client.km.provisioner.process.pid, stop, peak))
        sampler.start()
        try:
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
        finally:
            stop.set()
            sampler.join()
    return peak[0]


def run(results: Path) -> dict:
    mb = 2**20
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "workspace"
        with labrun.start_course_lab(workspace, Path(tmp) / "state") as lab:
            server_start = _tree_rss(lab.process.pid)
            lessons = sorted((workspace / "notebooks").glob("*.ipynb"))
            kernels = {p.stem: round(lesson_peak(p) / mb, 1) for p in lessons}
            server = max(server_start, _tree_rss(lab.process.pid))
    summary = {
        "python": platform.python_version(),
        "server_mb": round(server / mb, 1),
        "lesson_kernel_peak_mb": kernels,
        "one_student_mb": round(server / mb + max(kernels.values()), 1),
    }
    results.mkdir(exist_ok=True)
    (results / "student_memory.json").write_text(json.dumps(summary, indent=1))
    return summary


if __name__ == "__main__":
    print(json.dumps(run(RESULTS), indent=1))
