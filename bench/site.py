"""What a learner waits for and downloads: the offline site's build time and page weights, and the time
from starting JupyterLab the README's way to the start page's first chart.

Page weight is the page's HTML plus anything it loads that no other page shares; the files two or more
pages load (plotly.js, the stylesheet, the small script) are counted once, separately, because a browser
fetches them once for the whole site; the search index counts towards the index page, its one user. The budget is 300 KB per page beyond them.

Time to first chart is measured against bare JupyterLab opening a one-chart notebook (plain plotly
`fig.show()`) in the same run, on the same machine, as a ratio: absolute seconds depend on the machine,
the ratio says what the course's way of starting costs on top of JupyterLab's own start.
"""

from __future__ import annotations

import gzip
from collections import Counter
import json
import statistics
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat

# the tests' harness (JupyterLab runner, browser) is test code, kept out of the installed package
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support import labrun  # noqa: E402

BUDGET = 300_000  # bytes per page beyond the shared assets
REPEATS = 2
ONE_CHART = "import plotly.express as px\nfig = px.bar(x=['a', 'b', 'c'], y=[1, 3, 2])\nfig.show()"


class _Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        url = a.get("src") if tag in ("script", "img", "source", "iframe") else a.get("href") if tag == "link" else None
        if url and not url.startswith(("data:", "#")):
            self.urls.append(url.split("#")[0].split("?")[0])


def page_weights(site: Path) -> dict:
    """Bytes (raw and gzipped) of each page beyond the shared assets, and of the shared assets once.

    A file counts as shared only when two or more pages load it: the search index and MiniSearch, which
    only the index page loads, count towards the index page's weight."""
    loads = {}
    for page in sorted(site.glob("*.html")):
        parser = _Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        loads[page] = [site / u for u in dict.fromkeys(parser.urls)]
    uses = Counter(path for paths in loads.values() for path in paths)
    shared = {path for path, n in uses.items() if n > 1}
    pages = {}
    for page, urls in loads.items():
        own = [page] + [u for u in urls if u not in shared]
        pages[page.name] = {"bytes": sum(p.stat().st_size for p in own),
                            "gzip_bytes": sum(len(gzip.compress(p.read_bytes())) for p in own)}
    return {
        "pages": pages,
        "shared": {p.relative_to(site).as_posix(): p.stat().st_size for p in sorted(shared)},
        "shared_bytes": sum(p.stat().st_size for p in shared),
        "budget_bytes": BUDGET,
        "over_budget": sorted(n for n, w in pages.items() if w["bytes"] > BUDGET),
    }


def time_course_lab(browser, root: Path) -> float:
    """Seconds from `course start` (workspace, then JupyterLab) to a drawn chart on the start page."""
    start = time.perf_counter()
    with labrun.start_course_lab(root / "workspace", root / "state") as lab:
        return _first_chart(browser, lab.url(""), start)


def time_bare_lab(browser, root: Path) -> float:
    """Seconds from starting plain JupyterLab to a drawn chart in a one-chart notebook."""
    root.mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(ONE_CHART)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, root / "one_chart.ipynb")
    start = time.perf_counter()
    port = labrun.free_port()
    with labrun.running(labrun.bare_command(root, port), labrun.isolated_environment(root / ".state"), port) as lab:
        return _first_chart(browser, lab.url("lab/tree/one_chart.ipynb"), start)


def _first_chart(browser, url: str, start: float) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # a cold browser cache each time
    try:
        page = context.new_page()
        labrun.open_notebook(page, url)
        labrun.run_all(page)
        labrun.first_chart(page)
        return time.perf_counter() - start
    finally:
        context.close()


def lab_ratio(repeats: int = REPEATS) -> dict:
    """Course start vs bare JupyterLab, alternating, `repeats` times each; the ratio of the medians."""
    from support.browser import chromium

    course, bare = [], []
    with chromium() as browser, tempfile.TemporaryDirectory(prefix="bench-lab-") as tmp:
        for i in range(repeats):
            bare.append(time_bare_lab(browser, Path(tmp) / f"bare{i}"))
            course.append(time_course_lab(browser, Path(tmp) / f"course{i}"))
    return {"course_seconds": course, "bare_seconds": bare,
            "ratio": statistics.median(course) / statistics.median(bare)}


def run(results: Path) -> dict:
    from course.site import build

    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        timings = build(Path(tmp) / "_site", work=Path(tmp) / "run", log=lambda *_: None)
        weights = page_weights(Path(tmp) / "_site")
    lab = lab_ratio()
    report = {"build_seconds": timings, "weights": weights, "lab_first_chart": lab}
    (results / "site.json").write_text(json.dumps(report, indent=1) + "\n")
    return {
        "build_seconds": round(timings["total"], 1),
        "largest_page_kb": round(max(w["bytes"] for w in weights["pages"].values()) / 1000, 1),
        "shared_kb": round(weights["shared_bytes"] / 1000, 1),
        "over_budget": weights["over_budget"],
        "within_budget": not weights["over_budget"],
        "lab_course_s": [round(s, 1) for s in lab["course_seconds"]],
        "lab_bare_s": [round(s, 1) for s in lab["bare_seconds"]],
        "lab_ratio": round(lab["ratio"], 2),
    }
