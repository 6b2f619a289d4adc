"""What each lesson costs a learner's machine, as a ratio to the floor: a notebook that only imports pandas
and Plotly. A second reference notebook also draws one figure the plain-Plotly way (its renderer imports
nbformat and jsonschema in the kernel, which the course's display path avoids).

Each notebook is executed headless with nbclient, REPEATS times, in this one run; reported per lesson: the
median wall time (kernel start included) and the kernel's peak memory (resident set size, sampled), each
divided by the floor's. Ratios, not seconds, because absolute figures depend on the machine.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

from course import paths

REPEATS = 3
FLOOR_NAME = "floor: import pandas and plotly"
IMPORTS = "import pandas as pd\nimport plotly.graph_objects as go"
ONE_FIGURE = "go.Figure(go.Bar(x=['a', 'b', 'c'], y=[1, 3, 2]))"


def _notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    return nb


def _peak_rss(pid: int, stop: threading.Event, out: list[int]) -> None:
    peak = 0
    try:
        process = psutil.Process(pid)
        while not stop.is_set():
            peak = max(peak, process.memory_info().rss)
            stop.wait(0.05)
    except psutil.Error:
        pass
    out.append(peak)


def measure(nb: nbformat.NotebookNode, cwd: Path) -> tuple[float, int]:
    """Wall seconds (kernel start to last cell) and the kernel's peak RSS in bytes."""
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    with client.setup_kernel():
        pid = client.km.provisioner.process.pid
        stop, peak = threading.Event(), []
        sampler = threading.Thread(target=_peak_rss, args=(pid, stop, peak))
        sampler.start()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        stop.set()
        sampler.join()
    return time.perf_counter() - start, peak[0]


def run(results: Path) -> dict:
    notebooks = {FLOOR_NAME: _notebook(IMPORTS),
                 "reference: imports + one figure, plain plotly display": _notebook(IMPORTS, ONE_FIGURE)}
    notebooks.update({p.stem: nbformat.read(p, as_version=4) for p in sorted(paths.NOTEBOOKS.glob("*.ipynb"))})
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, nb in notebooks.items():
            runs = [measure(nbformat.from_dict(nb), Path(tmp)) for _ in range(REPEATS)]
            rows[name] = {"seconds": statistics.median(r[0] for r in runs),
                          "peak_mb": max(r[1] for r in runs) / 2**20}
    floor = rows[FLOOR_NAME]
    for row in rows.values():
        row["time_ratio"] = round(row["seconds"] / floor["seconds"], 2)
        row["memory_ratio"] = round(row["peak_mb"] / floor["peak_mb"], 2)
        row["seconds"] = round(row["seconds"], 2)
        row["peak_mb"] = round(row["peak_mb"], 1)
    (results / "lessons.json").write_text(__import__("json").dumps(rows, indent=1))
    return {"lessons": rows}
