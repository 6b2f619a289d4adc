"""The course's one Plotly look: template "course", a colour-blind-safe palette, and the small print.

Learners read these charts on phones as often as on laptops, so the template is laid out for a 360 px
wide screen first: a fixed height (only the width follows the screen), a system font (no remote font),
the legend under the plot, titles and notes wrapped by hand (Plotly never wraps text), and no mode bar
to cover the title. Every chart states its finding in the title and its source under the plot:
`finish(fig, ...)` does both, so the charts in `course.charts` cannot forget either.
"""

from __future__ import annotations

import re
import textwrap

import plotly.graph_objects as go
import plotly.io as pio

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: Line and bar order: strongest contrast on white first; yellow last (too pale for thin lines).
PALETTE = [OKABE_ITO[c] for c in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue",
                                  "black", "yellow")]
INK = "#222222"
MUTED = "#666666"
GRID = "#E3E3E3"
#: Fonts every phone and laptop already has: nothing is fetched.
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

HEIGHT = 480
TITLE_SIZE = 17
#: Characters per line that fit 360 px at each size (measured on screenshots, with the side margins).
TITLE_WRAP, NOTE_WRAP, SOURCE_WRAP, HOVER_WRAP = 32, 44, 50, 48

#: Plotly's config for every display: fills its container's width, no mode bar over the title.
CONFIG = {"responsive": True, "displayModeBar": False, "displaylogo": False, "scrollZoom": False}

_AXIS = dict(automargin=True, gridcolor=GRID, linecolor="#999999", ticks="outside", tickcolor="#999999",
             zeroline=False, title=dict(font=dict(size=13, color=MUTED)), showline=True)

TEMPLATE = go.layout.Template(
    layout=dict(
        colorway=PALETTE,
        font=dict(family=FONT, size=13, color=INK),
        height=HEIGHT,
        autosize=True,
        paper_bgcolor="white",
        plot_bgcolor="white",
        # Above the plot area, growing upwards: the one placement where Plotly lays out <br> lines right.
        title=dict(x=0, xref="container", xanchor="left", y=1, yref="paper", yanchor="bottom",
                   pad=dict(l=12, b=12), automargin=True, font=dict(size=TITLE_SIZE, color=INK)),
        margin=dict(l=12, r=16, t=12, b=40, pad=0),
        xaxis=_AXIS,
        yaxis=_AXIS,
        legend=dict(orientation="h", x=0, xanchor="left", xref="container", yref="container", yanchor="bottom",
                    traceorder="normal",
                    font=dict(size=12), bgcolor="rgba(255,255,255,0)", itemwidth=30, tracegroupgap=0),
        hoverlabel=dict(font=dict(family=FONT, size=13), align="left", bgcolor="white", bordercolor="#999999"),
        hovermode="closest",
        bargap=0.25,
    ),
)
pio.templates["course"] = TEMPLATE


def use() -> None:
    """Make "course" the default template (importing `course.charts` does this)."""
    pio.templates.default = "course"


def wrap(text: str, width: int) -> str:
    """Break text into <br>-joined lines: Plotly does not wrap titles, notes or hover text itself."""
    return "<br>".join(textwrap.wrap(str(text), width, break_long_words=True, break_on_hyphens=False)) or ""


def finish(fig: go.Figure, *, title: str, source: str, caveat: str | None = None, legend: bool = True,
           legend_rows: int = 2) -> go.Figure:
    """Give a figure the course's title, caveat, legend slot and source line.

    The caveat is part of the title block (smaller, in vermillion), not Plotly's subtitle: Plotly
    misplaces multi-line titles with subtitles. Below the plot everything is placed in pixels, which is
    exact because the height is fixed and the margins are set wide enough for Plotly never to move them:
    the source line at the bottom left, the legend just above it (room for `legend_rows` rows on a
    phone), then the tick labels. Annotations can only be placed relative to the plot area, so the left
    margin is computed from the y tick labels and the source line shifted back to the figure's edge.
    """
    source_text = wrap(f"Source: {source}", SOURCE_WRAP)
    source_h = 15 * (source_text.count("<br>") + 1)
    legend_h = LEGEND_ROW * legend_rows if legend else 0
    ticks = TICK_ROOM + (24 if fig.layout.xaxis.title.text else 0)
    bottom = ticks + legend_h + source_h + 3 * PAD
    left = _left_margin(fig.layout.yaxis)
    height = fig.layout.height or HEIGHT
    text = wrap(title, TITLE_WRAP)
    if caveat:
        text += "".join(f"<br><span style='font-size:12px;color:{CAVEAT}'>{line}</span>"
                        for line in wrap(caveat, NOTE_WRAP).split("<br>"))
    fig.update_layout(
        template="course",
        title=dict(text=text),
        margin=dict(b=bottom, l=left),
        showlegend=legend,
        legend=dict(y=(source_h + 2 * PAD) / height),
    )
    fig.add_annotation(
        text=source_text, name="source", xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="bottom",
        xshift=-(left - EDGE), yshift=-(bottom - PAD), showarrow=False, align="left",
        font=dict(size=11, color=MUTED),
    )
    return fig


def _left_margin(axis) -> int:
    """Pixels for the y tick labels (estimated from their text) and the axis title."""
    if axis.ticktext:
        labels = [re.sub(r"<[^>]+>", "", str(t)) for t in axis.ticktext]
    elif axis.categoryarray:
        labels = [str(c) for c in axis.categoryarray]
    else:
        labels = ["100"]
    width = CHAR_PX * max(len(t) for t in labels) + 12
    return int(EDGE + width + (22 if axis.title.text else 0))


#: Pixels under the plot area kept for tick labels, padding around the small print, one legend row,
#: the figure's left edge, and an average character at 13 px (generous, so Plotly never widens it).
TICK_ROOM, PAD, LEGEND_ROW, EDGE, CHAR_PX = 30, 6, 24, 12, 7.6
CAVEAT = OKABE_ITO["vermillion"]


def title_of(fig: go.Figure) -> str:
    """A figure's title as plain text: line breaks and markup removed (caveat included)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fig.layout.title.text or "")).strip()


def source_of(fig: go.Figure) -> str | None:
    """The text of a figure's source line (without the <br> breaks), or None if it has none."""
    for ann in fig.layout.annotations:
        if ann.name == "source":
            return ann.text.replace("<br>", " ")
    return None
