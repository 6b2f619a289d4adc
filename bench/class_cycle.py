"""A class of 30 through an academy's whole term cycle, as docs/instructors.md's "whole cycle" runs it.

    python -m bench class_cycle        (writes bench/results/class_cycle.json)

A class folder with its own time zone; `course variant` (a class's own a1), `course release --duedate`, the
roster into the gradebook, an LMS download of 30 submissions (Moodle's per-student folders: right, partly
right, blank, late, one renamed by the browser, one student with nothing handed in) through `course collect`
with the roster and the LMS's submission times, `course grade --jobs 2`, every essay marked through nbgrader's
gradebook API (what formgrader's mark box does), `course feedback` and `course export` (CSV and .xlsx). Each
step runs as an instructor runs it, a `course` process of its own in the class folder.

Absolute wall times, unlike the other benchmarks' ratios: the figure an instructor needs is how long they
wait. The grading step's ratio to plain nbgrader is bench/grading.py's; the CPU seconds of each step and the
load average are recorded beside the times so that a run on a busy machine can be judged.
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ASSIGNMENT = "a1_westernization"
STUDENTS = 30
SEED = "20261207"
ZONE = "Asia/Karachi"
DUE = "2026-12-20 17:00"
ESSAY = ("## Outline\n\n1. Introduction\n2. The break since 2014\n3. Counter-argument\n4. Pakistan angle\n\n"
         "Russia's break with the West deepened after 2014 and again in 2022.")


def _course(*args: str, cwd: Path) -> tuple[float, float, str]:
    """Run `course ARGS` in `cwd`; (wall seconds, CPU seconds of the process tree, output)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "course.cli", *args], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"course {' '.join(args)} exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), done.stdout + done.stderr


def _moodle_zip(course: Path, roster: list[tuple[str, str, int]]) -> tuple[bytes, str]:
    """Moodle's "Download all submissions" zip and its grading worksheet (submission times) for the class."""
    import nbformat

    released = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    buffer, times = io.BytesIO(), ["Identifier,Full name,Email address,Status,Last modified (submission),Grade"]
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (_student, name, lms_id) in enumerate(roster):
            if index == len(roster) - 1:  # one student hands in nothing
                times.append(f"Participant {lms_id},{name},,No submission,-,")
                continue
            nb = nbformat.from_dict(json.loads(json.dumps(released)))
            for cell in nb.cells:
                meta = cell.metadata.get("nbgrader", {})
                gid = meta.get("grade_id", "")
                if index % 5 == 4:  # a blank one in five
                    break
                if gid.startswith("q") and gid.endswith("_answer") and int(gid[1:-7]) <= 5:
                    cell.source = f'answer_{gid[:-7]} = "{"ABCD"[(index + int(gid[1:-7])) % 4]}"'
                elif gid == "essay_answer":
                    cell.source = ESSAY
            filename = f"{ASSIGNMENT} (1).ipynb" if index == 3 else f"{ASSIGNMENT}.ipynb"
            archive.writestr(f"{name}_{lms_id}_assignsubmission_file_/{filename}", nbformat.writes(nb))
            late = index % 6 == 5
            times.append(f"Participant {lms_id},{name},,Submitted for grading,"
                         f"\"Sunday, 20 December 2026, {'6:31 PM' if late else '4:10 PM'}\",")
    return buffer.getvalue(), "\n".join(times) + "\n"


def run(results: Path) -> dict:
    from nbgrader.api import Gradebook

    from course.content import paths
    from course.grading import gradebook

    root = Path(tempfile.mkdtemp(prefix="class-cycle-"))
    course = root / "class"
    course.mkdir()
    shutil.copy(paths.ASSIGNMENTS / "nbgrader_config.py", course / "nbgrader_config.py")
    with open(course / "nbgrader_config.py", "a", encoding="utf-8") as fh:
        fh.write(f'\nc.Exchange.timezone = "{ZONE}"\n')
    roster = [(f"s2026-{i:03d}", f"Learner {i:03d}", 5000 + i) for i in range(1, STUDENTS + 1)]
    with open(course / "roster.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student_id", "lms_name", "lms_id"])
        writer.writerows(roster)
    steps: dict[str, dict] = {}

    def step(name: str, *args: str) -> str:
        wall, cpu, out = _course(*args, cwd=course)
        steps[name] = {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "load": round(os.getloadavg()[0], 2)}
        return out

    try:
        step("variant", "variant", ASSIGNMENT, "--class", ".", "--seed", SEED)
        step("release", "release", ASSIGNMENT, "--course", ".", "--duedate", DUE)
        start = time.perf_counter()
        with Gradebook(gradebook.default_url(course), "russia-and-the-west") as gb:
            for student, name, _ in roster:
                gb.update_or_create_student(student, first_name=name.split()[0], last_name=name.split()[1])
        steps["roster"] = {"wall_s": round(time.perf_counter() - start, 2)}
        download, worksheet = _moodle_zip(course, roster)
        (root / "download.zip").write_bytes(download)
        (root / "times.csv").write_text(worksheet, encoding="utf-8")
        collected = step("collect", "collect", str(root / "download.zip"), ASSIGNMENT, "--course", ".",
                         "--roster", "roster.csv", "--times", str(root / "times.csv"))
        graded = step("grade", "grade", ASSIGNMENT, "--course", ".", "--jobs", "2")
        start = time.perf_counter()
        with Gradebook(gradebook.default_url(course), "russia-and-the-west") as gb:  # formgrader's mark box
            for submission in gb.assignment_submissions(ASSIGNMENT):
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        if grade.needs_manual_grade:
                            grade.manual_score = 12.0
            gb.db.commit()
        steps["marking (gradebook writes only)"] = {"wall_s": round(time.perf_counter() - start, 2)}
        step("feedback", "feedback", ASSIGNMENT, "--course", ".")
        step("export", "export", "--course", ".", "--out", "grades.csv", "--xlsx", "grades.xlsx")
        rows = list(csv.DictReader(open(course / "grades.csv", encoding="utf-8")))
        statuses: dict[str, int] = {}
        for row in rows:
            statuses[row.get("status", "?")] = statuses.get(row.get("status", "?"), 0) + 1
        summary = {
            "students": STUDENTS,
            "steps": steps,
            "total_wall_s": round(sum(s["wall_s"] for s in steps.values()), 1),
            "export_statuses": statuses,
            "late_rows": sum(1 for r in rows if float(r.get("seconds_late") or 0) > 0),
            "collect_tail": collected.strip().splitlines()[-1:],
            "grade_tail": graded.strip().splitlines()[-3:],
            "cores": os.cpu_count(),
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)
    (results / "class_cycle.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


if __name__ == "__main__":
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    print(json.dumps(run(out), indent=2))
