"""Render every course chart to PNG with headless Chromium, to look at them as a reader would.

    python tools/chart_gallery.py [OUT_DIR] [--phone] [--print]

Writes one HTML page per chart (the same div + Plotly.newPlot that `course.export` produces) and
screenshots it at desktop width (1000 px), with --phone at phone width (360 px) as NAME-phone.png, and
with --print at the width of an A4 page's text (700 px) as NAME-print.png.
Needs the `chromium` command (Debian package chromium). The gallery in docs/charts.md uses these PNGs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from course import charts, data
from course.display import bundle
from course.export import PLOTLY_JS, figure_html

ROOT = Path(__file__).resolve().parent.parent


def figures() -> dict:
    events, polls = data.load("events"), data.load("polls")
    key = events[events["event_id"].isin(KEY_EVENTS)]
    return {
        "timeline": charts.timeline(events, start=1985),
        "timeline_all": charts.timeline(events),
        "timeline_kimmage_lipman": charts.timeline(events, articles="kimmage_lipman"),
        "opinion_trend": charts.opinion_trend(polls, events=key),
        "opinion_trend_lesson01": charts.opinion_trend(
            polls, events=events[data.mentions(events, "kimmage_lipman")], start="1990"),
        "opinion_trend_pew": charts.opinion_trend(
            polls, series=("pew_russia_opinion_median",), answer="Favorable",
            title="Pew found about a third favourable to Russia in the median country, 2013–2018"),
        "opinion_swing_syria": charts.opinion_swing(polls, before=("levada_syria_troops", "2015-09"),
                                                    after=("levada_syria_airstrikes", "2015-10")),
        "opinion_swing_ukraine": charts.opinion_swing(polls, before=("article_ukraine", "2021-11"),
                                                      after=("article_ukraine", "2022-02")),
        "dissociation": charts.dissociation(data.load("institutions")),
        "episodes": charts.episodes(data.load("episodes")),
    }


#: Events marked on the opinion chart in the gallery (ids in data/events.csv; missing ones are ignored).
KEY_EVENTS = ("2008-russo-georgian-war-fighting", "2014-putin-announces-russia-will", "2022-russia-launches-full-scale")


def page(fig, width: int) -> str:
    """A page holding the chart in a box `width` px wide (headless Chromium's window is >= 500 px)."""
    return ('<!doctype html><html><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<script src="plotly-basic.min.js"></script></head>'
            f'<body style="margin:0"><div style="width:{width}px">{figure_html(bundle(fig), "chart")}</div>'
            '</body></html>')


def shoot(html: Path, png: Path, width: int, height: int) -> None:
    """Screenshot `html` into `png`, cropped to `width` (with Pillow, if installed)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={profile}", "--virtual-time-budget=4000", f"--window-size={max(width, 500)},{height}",
             f"--screenshot={png}", html.as_uri()],
            check=True, capture_output=True, timeout=120,
        )
    if width < 500:
        try:
            from PIL import Image
        except ImportError:
            return
        with Image.open(png) as img:
            img.crop((0, 0, width, height)).save(png, optimize=True)


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv and not argv[0].startswith("--") else ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shutil.copy(PLOTLY_JS, tmp / PLOTLY_JS.name)
        for name, fig in figures().items():
            height = int(fig.layout.height or 480)
            for width, suffix in ((1000, ""), (360, "-phone"), (700, "-print")):
                if suffix and f"--{suffix[1:]}" not in argv:
                    continue
                html = tmp / f"{name}{suffix}.html"
                html.write_text(page(fig, width), encoding="utf-8")
                shoot(html, out / f"{name}{suffix}.png", width, height)
            print(out / f"{name}.png")


if __name__ == "__main__":
    main(sys.argv[1:])
