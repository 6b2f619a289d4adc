"""The site as an installable app that works offline, and as one zip to copy to a phone.

`write` adds a web app manifest (name, icons, standalone display) and the service worker
(`course/assets/sw.js`, see its header for why it is hand-written) filled in with every file of the build
and a version made from their contents; `assets/site.js` registers it and shows "A new version of the
course is here" when a later build is served. Service workers run only over http(s) (a phone's browser on
a hosted copy, or `python -m http.server` on a laptop): opened from disk, the site works as before.

`zip_site` writes the whole built folder as one zip (`_site.zip` beside `_site/` for `make site`), the file a
learner copies to a phone or shares; it is written to a temporary name and moved into place, so a failed
run leaves the previous zip whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

from course.content import paths

MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
ICONS = ("icon-192.png", "icon-512.png")
#: The folder a learner gets when unzipping.
ZIP_FOLDER = "russia-and-the-west"


def manifest() -> dict:
    return {
        "name": "Russia and the West", "short_name": "Russia & West",
        "description": "An open course on Russia's break with the West, for CSS and PMS aspirants; works offline.",
        "start_url": "index.html", "scope": "./", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#1f4e8c",
        "icons": [{"src": f"assets/{name}", "sizes": f"{name[5:-4]}x{name[5:-4]}", "type": "image/png",
                   "purpose": "any maskable"} for name in ICONS],
    }


def files(site: Path, skip: tuple[str, ...]) -> list[str]:
    """Every file of the built site as a URL relative to its root, in a stable order."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and p.relative_to(site).as_posix() not in skip)


def write(site: Path, skip: tuple[str, ...] = ()) -> Path:
    """Write the manifest and the service worker into `site` (after every other file); return the worker."""
    for name in ICONS:
        (site / "assets" / name).write_bytes((paths.ASSETS / name).read_bytes())
    (site / MANIFEST).write_text(json.dumps(manifest(), indent=1) + "\n", encoding="utf-8")
    listed = files(site, (*skip, WORKER))
    digest = hashlib.sha256()
    for name in listed:
        digest.update(name.encode() + b"\0" + (site / name).read_bytes())
    worker = (paths.ASSETS / WORKER).read_text(encoding="utf-8")
    worker = worker.replace("__VERSION__", digest.hexdigest()[:16]).replace("__FILES__", json.dumps(["./", *listed]))
    (site / WORKER).write_text(worker, encoding="utf-8")
    return site / WORKER


def zip_site(site: Path, target: Path, skip: tuple[str, ...] = ()) -> Path:
    """The built `site` as one zip at `target`, its files under `russia-and-the-west/`."""
    partial = target.with_name(target.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for name in files(site, skip):
                archive.write(site / name, f"{ZIP_FOLDER}/{name}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
