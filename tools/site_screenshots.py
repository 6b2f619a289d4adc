"""Screenshot every page of the offline site at phone width (360 px), to look at it as a reader would.

    python tools/site_screenshots.py [SITE_DIR] [--build]     (or: make site-screenshots)

With --build (or when SITE_DIR has no index.html) the site is built first into SITE_DIR (default
build/site-html). Writes docs/img/site/NAME-360.png: the top of each page (up to 2400 px tall) and, for
pages with charts, each chart on its own as NAME-chart-N-360.png. Uses Debian's chromium through
Playwright (tests/support/browser.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.browser import PHONE, chromium  # noqa: E402

OUT = ROOT / "docs" / "img" / "site"
TALLEST = 2400


def main(argv: list[str]) -> None:
    site = Path(next((a for a in argv if not a.startswith("--")), ROOT / "build" / "site-html")).resolve()
    if "--build" in argv or not (site / "index.html").exists():
        from course.site import build

        build(site, work=ROOT / "build" / "site")
    OUT.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        for html in sorted(site.glob("*.html")):
            page = browser.new_page(viewport=PHONE)
            page.goto(html.as_uri(), wait_until="load")
            page.wait_for_timeout(400)
            height = min(TALLEST, page.evaluate("document.documentElement.scrollHeight"))
            shot = OUT / f"{html.stem}-360.png"
            page.screenshot(path=str(shot), clip={"x": 0, "y": 0, "width": PHONE["width"], "height": height},
                            full_page=True)
            print(shot)
            charts = page.locator(".course-chart")
            for i in range(charts.count()):
                charts.nth(i).scroll_into_view_if_needed()
                charts.nth(i).screenshot(path=str(OUT / f"{html.stem}-chart-{i + 1}-360.png"))
            page.close()


if __name__ == "__main__":
    main(sys.argv[1:])
