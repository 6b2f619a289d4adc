"""Plain `nbgrader autograde` against `course grade --jobs 2` on 60 submissions of a real assignment.

Both run as an instructor would run them (a fresh process each, from the class folder) on identical copies
of one class (a third run, `course grade --no-sandbox`, measures the sandbox's own cost): correct, partial,
blank and broken submissions (invalid JSON, a misnamed notebook, code that
kills its kernel). The gradebooks must agree cell by cell, or the speed means nothing.

Timings on a shared machine move with whatever else runs: the CPU seconds of each process tree and the
load average after each run are recorded beside the wall times, so a ratio can be judged. (A sandboxed
kernel's CPU time is not counted: its processes are reaped inside its own PID namespace, not by the
grader; compare the sandboxed and unsandboxed wall times for the sandbox's cost.)

The floor is what no grader can avoid: a kernel starting and running each notebook nbgrader executed,
measured here one after another in this process (nbclient, no nbgrader), divided by the cores used.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ASSIGNMENT = "a1_westernization"
SUBMISSIONS = 60
JOBS = 2
SOLUTION = re.compile(r"^\s*#*\s*(BEGIN|END) SOLUTION\s*$")
KINDS = ("correct", "partial", "blank")
BROKEN = ("invalid-json", "misnamed", "kernel-crash")


def _solutions(source: Path) -> dict[str, str]:
    """grade_id -> the instructor's answer (between the solution markers, or the whole cell)."""
    import nbformat

    out = {}
    for cell in nbformat.read(source, as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            lines = cell.source.splitlines()
            marks = [i for i, line in enumerate(lines) if SOLUTION.match(line)]
            out[meta["grade_id"]] = "\n".join(lines[marks[0] + 1:marks[-1]]) if marks else cell.source
    return out


def make_class(root: Path, assignment: str = ASSIGNMENT, n: int = SUBMISSIONS) -> tuple[Path, dict[str, str]]:
    """A class folder with the course's assignment released and n submissions; returns (folder, kinds)."""
    import nbformat

    from course import paths, release

    course = root / "class"
    (course / "source").mkdir(parents=True)
    for name in release.COURSE_FILES:
        if (paths.ASSIGNMENTS / name).exists():
            shutil.copy2(paths.ASSIGNMENTS / name, course / name)
    shutil.copytree(paths.ASSIGNMENTS / "source" / assignment, course / "source" / assignment)
    release.release(course, assignment)
    answers = _solutions(course / "source" / assignment / f"{assignment}.ipynb")
    released = course / "release" / assignment / f"{assignment}.ipynb"
    kinds = {}
    broken_every = max(1, n // 6)  # about a sixth of the class sends something broken
    for i in range(n):
        student = f"student{i:03d}"
        kind = BROKEN[(i // broken_every) % 3] if i % broken_every == broken_every - 1 else KINDS[i % 3]
        kinds[student] = kind
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True)
        (folder / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC")
        nb = nbformat.read(released, as_version=4)
        code_ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
                    if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"]
        chosen = {"correct": list(answers), "partial": list(answers)[: len(answers) // 2]}.get(kind, [])
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in chosen:
                cell.source = answers[grade_id]
            if kind == "kernel-crash" and code_ids and grade_id == code_ids[0]:
                cell.source = "import os\nos._exit(1)"
        if kind == "invalid-json":
            (folder / f"{assignment}.ipynb").write_text('{"cells": [ truncated upload')
        else:
            name = f"{assignment} (1).ipynb" if kind == "misnamed" else f"{assignment}.ipynb"
            nbformat.write(nb, folder / name)
    return course, kinds


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def _timed(command: list[str], cwd: Path, log: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of the whole process tree (kernels included), 1-minute load after."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(log, "w") as out:
        subprocess.run(command, cwd=cwd, env=_environment(), stdout=out, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, os.getloadavg()[0]


def floor_seconds(course: Path, assignment: str) -> tuple[float, int]:
    """Kernel start + execution of every notebook nbgrader executed, one after another, no nbgrader."""
    import nbformat
    from nbclient import NotebookClient

    total, count = 0.0, 0
    for path in sorted(course.glob(f"autograded/*/{assignment}/*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        client = NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        started = time.perf_counter()
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            total += time.perf_counter() - started  # the kernel's shutdown is not counted
        count += 1
    return total, count


def run(results: Path) -> dict:
    from course import gradebook, nbgrader_app

    bindir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        tmp = Path(tmp)
        template, kinds = make_class(tmp / "template")
        plain, ours, bare = tmp / "plain", tmp / "course", tmp / "unsandboxed"
        for copy in (plain, ours, bare):
            shutil.copytree(template, copy)
        load_before = os.getloadavg()[0]
        plain_s, plain_cpu, plain_load = _timed([str(bindir / "nbgrader"), "autograde", ASSIGNMENT], plain, results / "grading-plain.log")
        ours_s, ours_cpu, ours_load = _timed([str(bindir / "course"), "grade", ASSIGNMENT, "--course", str(ours), "--jobs", str(JOBS)],
                        ours, results / "grading-course.log")
        # the same, without the sandbox: the difference is what the sandbox itself costs
        bare_s, _, _ = _timed([str(bindir / "course"), "grade", ASSIGNMENT, "--course", str(bare), "--jobs",
                                      str(JOBS), "--no-sandbox"], bare, results / "grading-unsandboxed.log")
        expected = gradebook.cell_scores(nbgrader_app.default_db(plain), plain, ASSIGNMENT)
        got = gradebook.cell_scores(nbgrader_app.default_db(ours), ours, ASSIGNMENT)
        got_bare = gradebook.cell_scores(nbgrader_app.default_db(bare), bare, ASSIGNMENT)
        floor_total, executed = floor_seconds(plain, ASSIGNMENT)
    cores = min(JOBS, os.cpu_count() or 1)
    summary = {
        "assignment": ASSIGNMENT,
        "submissions": SUBMISSIONS,
        "mix": {k: sum(v == k for v in kinds.values()) for k in KINDS + BROKEN},
        "cores": cores,
        "jobs": JOBS,
        "plain_nbgrader_s": round(plain_s, 1),
        "course_grade_s": round(ours_s, 1),
        "ratio": round(plain_s / ours_s, 2),
        "plain_per_submission_s": round(plain_s / SUBMISSIONS, 2),
        "course_per_submission_s": round(ours_s / SUBMISSIONS, 2),
        "floor_kernel_start_plus_execution_s": round(floor_total, 1),
        "floor_notebooks_executed": executed,
        "floor_per_cores_s": round(floor_total / cores, 1),
        "floor_per_submission_s": round(floor_total / executed, 2) if executed else None,
        "plain_cpu_s": round(plain_cpu, 1),
        "course_cpu_s": round(ours_cpu, 1),
        "load_average_after_plain": round(plain_load, 2),
        "load_average_after_course": round(ours_load, 2),
        "sandbox": True,
        "course_grade_unsandboxed_s": round(bare_s, 1),
        "sandbox_cost_per_submission_wall_s": round((ours_s - bare_s) * cores / SUBMISSIONS, 3),
        "identical_scores": expected == got == got_bare and bool(expected),
        "cells_compared": len(expected),
        "load_average_before": round(load_before, 2),
        "target_ratio": 2.5,
    }
    (results / "grading.json").write_text(json.dumps(summary, indent=1) + "\n")
    print(_table(summary))
    return summary


def _table(s: dict) -> str:
    rows = [
        ("plain `nbgrader autograde` (1 process)", f"{s['plain_nbgrader_s']:.1f} s", f"{s['plain_per_submission_s']:.2f} s"),
        (f"`course grade --jobs {s['jobs']}` (sandboxed)", f"{s['course_grade_s']:.1f} s",
         f"{s['course_per_submission_s']:.2f} s"),
        (f"`course grade --jobs {s['jobs']} --no-sandbox`", f"{s['course_grade_unsandboxed_s']:.1f} s",
         f"{s['course_grade_unsandboxed_s'] / s['submissions']:.2f} s"),
        (f"floor: kernel start + execution / {s['cores']} cores", f"{s['floor_per_cores_s']:.1f} s",
         f"{s['floor_per_cores_s'] / s['submissions']:.2f} s"),
    ]
    lines = [f"{'':46} {'total':>9} {'per submission':>15}"] + [f"{a:46} {b:>9} {c:>15}" for a, b, c in rows]
    lines.append(f"ratio {s['ratio']}x (target {s['target_ratio']}x); identical scores: {s['identical_scores']} "
                 f"({s['cells_compared']} cells)")
    lines.append(f"the sandbox's own cost per submission: {s['sandbox_cost_per_submission_wall_s']:.3f} s of a "
                 "core's wall time (sandboxed minus --no-sandbox)")
    lines.append(f"CPU (process tree, kernels included): plain {s['plain_cpu_s']} s, course grade "
                 f"{s['course_cpu_s']} s; 1-min load before {s['load_average_before']}, after plain "
                 f"{s['load_average_after_plain']}, after course grade {s['load_average_after_course']} "
                 f"(other processes on the machine slow whichever run they overlap)")
    return "\n".join(lines)
