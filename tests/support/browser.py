"""A real browser for the tests and benchmarks (test code: not part of the installed package): Debian's Chromium, headless, driven by Playwright.

What a learner opens (the offline site, JupyterLab) is checked the way a learner sees it. Playwright's own
browser download is never used (`playwright install` fetches a build from outside the package registries);
the system Chromium is installed with apt when it is missing and we are root, as on a fresh CI machine.
Playwright is a test dependency only, so it is imported inside the functions.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def ensure_chromium() -> Path:
    """Debian's Chromium; installed before the suite (tests/support/system-packages.sh), never from here."""
    if not CHROMIUM.exists():
        from support.system import missing

        missing(f"{CHROMIUM} (Debian's chromium package)")
    return CHROMIUM


@contextmanager
def chromium():
    """A headless Chromium (Playwright Browser), closed on exit."""
    from playwright.sync_api import sync_playwright

    path = ensure_chromium()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(path), headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def is_local(url: str) -> bool:
    """True for a URL that stays on this machine: a file, data/blob/about, or a loopback host."""
    parsed = urlparse(url)
    if parsed.scheme in ("file", "data", "blob", "about"):
        return True
    return parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname in ("127.0.0.1", "localhost", "::1")


def guard(page) -> dict[str, list[str]]:
    """Record console errors, page errors and blocked requests; abort every request that leaves the machine.

    Returns a dict of lists that fills up while the page is used.
    """
    seen = {"console": [], "pageerror": [], "blocked": [], "failed": []}

    def route(r):
        if is_local(r.request.url):
            r.continue_()
        else:
            seen["blocked"].append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda r: None if is_local(r.url) or r.url in seen["blocked"] else seen["blocked"].append(r.url))
    page.on("websocket", lambda ws: None if is_local(ws.url) else seen["blocked"].append(ws.url))
    page.on("console", lambda m: seen["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["pageerror"].append(str(e)))
    page.on("requestfailed", lambda r: seen["failed"].append(f"{r.url} {r.failure}"))
    return seen
