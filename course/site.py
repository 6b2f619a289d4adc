"""`course site`: the course as a static website that works offline, from disk or from any folder server.

A learner on a phone with a poor connection gets every lesson with its charts live, the glossary, a
timeline explorer and the past-paper bank, and nothing on any page fetches from the internet. The
lessons are executed afresh into a build folder (the notebooks in `notebooks/` stay without outputs),
then rendered with the site's own small template (`course/templates/site/`), which links one shared
stylesheet and one shared Plotly script from `assets/` instead of pulling MathJax and require.js from a
CDN. Graded assignments are never read: their solutions must not be published.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from course import paths

ASSETS = Path(__file__).resolve().parent / "assets"
SITE_ASSETS = ("site.css", "site.js")
#: Marks a folder as a built site, so a rebuild may replace it; any other non-empty folder is refused.
MARKER = ".course-site"
#: Kernels run side by side; the course's machines have two cores.
WORKERS = 2


@dataclass(frozen=True)
class Lesson:
    """One lesson as the site shows it: where it lives, its heading and first paragraph."""

    stem: str
    number: str
    title: str
    summary: str

    @property
    def href(self) -> str:
        return f"{self.stem}.html"


def execute(notebook: Path, work: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Run a copy of `notebook` in `work` (its outputs never reach notebooks/) and return it executed."""
    work.mkdir(parents=True, exist_ok=True)
    copy = work / notebook.name
    shutil.copyfile(notebook, copy)
    nb = nbformat.read(copy, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(work)}}).execute()
    nbformat.write(nb, copy)
    return nb


def describe(stem: str, nb: nbformat.NotebookNode) -> Lesson:
    """The lesson's title (its first `# ` heading, without the "00 · " number) and a one-line summary (the
    first paragraph after it, shortened), for the index cards, page titles and the pager."""
    from course.site_pages import plain, shorten

    number = stem.split("_", 1)[0]
    title, summary = stem.split("_", 1)[1].replace("_", " ").capitalize(), ""
    blocks = [b.strip() for c in nb.cells if c.cell_type == "markdown" for b in c.source.split("\n\n") if b.strip()]
    for i, block in enumerate(blocks):
        if block.startswith("# "):
            title = re.sub(r"^\d+\s*[·.:-]\s*", "", plain(block.splitlines()[0][2:]))
            prose = [b for b in blocks[i + 1:] if not re.match(r"^(#|\||[-*] |\d+\. |>|!|<)", b)]
            summary = shorten(plain(prose[0])) if prose else ""
            break
    return Lesson(stem, number, title, summary)


def build(out: Path, notebooks: Path = paths.NOTEBOOKS, work: Path | None = None, log=print) -> dict[str, float]:
    """Build the site into `out` (replaced whole). Returns how long each step took, in seconds."""
    from course import site_lessons, site_pages

    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise FileExistsError(f"{out} is not empty and was not built by `course site`: choose another --out")
    timings, start = {}, time.perf_counter()
    sources = sorted(notebooks.glob("*.ipynb"))
    if not sources:
        raise FileNotFoundError(f"no lessons found in {notebooks}")
    with tempfile.TemporaryDirectory(prefix="course-site-") as tmp:
        run_dir = Path(work) if work else Path(tmp)
        log(f"Executing {len(sources)} lessons in {run_dir} ...")
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            executed = list(pool.map(lambda p: execute(p, run_dir), sources))
        timings["execute"] = time.perf_counter() - start

        staging = Path(tmp) / "site"
        (staging / "assets").mkdir(parents=True)
        bundle = site_lessons.copy_plotly(staging / "assets")
        for name in SITE_ASSETS:
            shutil.copyfile(ASSETS / name, staging / "assets" / name)
        lessons = [describe(p.stem, nb) for p, nb in zip(sources, executed)]
        for i, (lesson, nb) in enumerate(zip(lessons, executed)):
            neighbours = (lessons[i - 1] if i else None, lessons[i + 1] if i + 1 < len(lessons) else None)
            html = site_lessons.render(nb, lesson, neighbours, bundle)
            (staging / lesson.href).write_text(html, encoding="utf-8")
        site_pages.write_all(staging, lessons, bundle)
        timings["render"] = time.perf_counter() - start - timings["execute"]

        (staging / MARKER).write_text("Built by `course site`; the whole folder is replaced on the next build.\n")
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(staging, out)
    timings["total"] = time.perf_counter() - start
    log(f"Site written to {out} ({len(lessons)} lessons, {timings['total']:.0f} s). Open {out / 'index.html'}.")
    return timings


def run(args) -> int:
    """`course site --out DIR`: execute the lessons under build/site/, write the site to DIR."""
    try:
        build(Path(args.out), work=paths.ROOT / "build" / "site")
    except FileExistsError as err:
        print(err, file=sys.stderr)
        return 1
    return 0
