"""`course site`: the course as a static website that works offline, from disk or from any folder server.

A learner on a phone with a poor connection gets every lesson with its charts live, the glossary, a
timeline explorer and the past-paper bank, and nothing on any page fetches from the internet. The
lessons are executed afresh into a build folder (the notebooks in `notebooks/` stay without outputs),
then rendered with the site's own small template (`course/templates/site/`), which links one shared
stylesheet and one shared Plotly script from `assets/` instead of pulling MathJax and require.js from a
CDN. Graded assignments are never published: only their header cell (title and time) is read, for the
study plan on the progress page (`course.site.progress`).
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

from course.content import paths

SITE_ASSETS = ("site.css", "site.js", "minisearch.js", "minisearch.LICENSE.txt", "search.js",
               "flashcards.js", "progress.js", "record.js", "selfcheck.js", "drill.js",
               "recordpage.js", "cards.js", "cards-due.js", "ts-fsrs.umd.js", "ts-fsrs.LICENSE.txt")
#: Marks a folder as a built site, so a rebuild may replace it; any other non-empty folder is refused.
MARKER = ".course-site"
#: Kernels run side by side; the course's machines have two cores.
WORKERS = 2


@dataclass(frozen=True)
class Lesson:
    """One lesson as the site shows it: where it lives, its heading, what it answers, how long it takes."""

    stem: str
    number: str
    title: str
    summary: str
    minutes: int | None = None

    @property
    def duration(self) -> str:
        if not self.minutes:
            return ""
        return f"about {self.minutes} min" if self.minutes < 90 else f"about {self.minutes / 60:g} hours"

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


_TIME = re.compile(r"about \*\*(\d+(?:\.\d+)?) (minutes?|hours?)\*\*")
_OBJECTIVES = re.compile(r"(after this lesson you can|by the end you will know):?$", re.I)


def describe(stem: str, nb: nbformat.NotebookNode) -> Lesson:
    """The lesson's title (its first `# ` heading, without the "00 · " number), one line of what it
    answers (the first of its learning objectives, else its first paragraph of prose) and its time (the
    "about **75 minutes**" its opening states), for the index cards, page titles and the pager. All
    read from the lesson's own text, so nothing is typed twice."""
    from course.site.pages import plain, shorten

    number = stem.split("_", 1)[0]
    title, summary, minutes = stem.split("_", 1)[1].replace("_", " ").capitalize(), "", None
    blocks = [b.strip() for c in nb.cells if c.cell_type == "markdown" for b in c.source.split("\n\n") if b.strip()]
    for block in blocks[:6]:
        found = _TIME.search(block)
        if found:
            minutes = round(float(found.group(1)) * (60 if found.group(2).startswith("hour") else 1))
            break
    for i, block in enumerate(blocks):
        if block.startswith("# "):
            title = re.sub(r"^\d+[a-z]?\s*[·.:-]\s*", "", plain(block.splitlines()[0][2:]))
            rest = blocks[i + 1:]
            for j, b in enumerate(rest[:-1]):
                if _OBJECTIVES.search(plain(b).split(". ")[-1]) and re.match(r"^1\. ", rest[j + 1]):
                    first = re.split(r"\n\s*2\. ", rest[j + 1])[0][3:]
                    summary = shorten(plain(first).rstrip(";.")[:1].upper() + plain(first).rstrip(";.")[1:])
                    break
            prose = [b for b in rest if not re.match(r"^(#|\||[-*] |\d+\. |>|!|<|\*\*Article|Time:)", b)]
            if not summary and prose:
                summary = shorten(plain(prose[0]))
            break
    return Lesson(stem, number, title, summary, minutes)


def zip_path(out: Path) -> Path:
    """Where the site's zip goes: beside the folder, named after it (`_site/` -> `_site.zip`)."""
    out = Path(out).absolute()
    return out.with_name(out.name + ".zip")


def build(out: Path, notebooks: Path = paths.NOTEBOOKS, work: Path | None = None, log=print) -> dict[str, float]:
    """Build the site into `out` (replaced whole) and its zip beside it (`zip_path`). Returns how long each step
    took, in seconds."""
    from course.site import lessons as site_lessons, offline as site_offline, pages as site_pages

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
            shutil.copyfile(paths.ASSETS / name, staging / "assets" / name)
        lessons = [describe(p.stem, nb) for p, nb in zip(sources, executed)]
        pages = []
        for i, (lesson, nb) in enumerate(zip(lessons, executed)):
            neighbours = (lessons[i - 1] if i else None, lessons[i + 1] if i + 1 < len(lessons) else None)
            html = site_lessons.render(nb, lesson, neighbours, bundle)
            (staging / lesson.href).write_text(html, encoding="utf-8")
            pages.append((lesson, html))
        site_pages.write_all(staging, lessons, bundle, lesson_pages=pages)
        timings["render"] = time.perf_counter() - start - timings["execute"]

        (staging / MARKER).write_text("Built by `course site`; the whole folder is replaced on the next build.\n")
        site_offline.write(staging, skip=(MARKER,))
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(staging, out)
    site_offline.zip_site(out, zip_path(out), skip=(MARKER,))
    timings["total"] = time.perf_counter() - start
    log(f"Site written to {out} ({len(lessons)} lessons, {timings['total']:.0f} s). Open {out / 'index.html'}; "
        f"to copy it to a phone, {zip_path(out)}.")
    return timings


def run(args) -> int:
    """`course site --out DIR`: execute the lessons under build/site/, write the site to DIR."""
    try:
        build(Path(args.out), work=paths.ROOT / "build" / "site")
    except FileExistsError as err:
        print(err, file=sys.stderr)
        return 1
    return 0
