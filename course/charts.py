"""The course's charts: a DataFrame from `course.data.load` in, a Plotly figure out, options by keyword.

Each function filters the rows it is given, never invents or interpolates a value, titles the chart with
its finding (pass `title=` to say something else) and names its source under the plot. Importing this
module makes "course" the default Plotly template and, inside a Jupyter kernel, shows figures through the
offline Plotly mime type (see `course.display`). End a cell with the figure (or call `display(fig)`);
`fig.show()` works too but is slower, because plotly's own renderers import nbformat.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from course import display, theme
from course.schemas import ARTICLES, AS_OF, TABLES
from course.theme import HOVER_WRAP, OKABE_ITO, wrap

theme.use()
display.register()

#: Publication date of Snegovaya & Whitmore, "Vladimir Putin Often Backs Down" (Foreign Policy).
SNEGOVAYA_WHITMORE_PUBLISHED = pd.Timestamp("2022-07-08")

# The phases of Polianskii's dissociation model ("The Perils of Ruxit", GESIS Blog 2022, DOI
# 10.34879/gesisblog.2022.63), as calendar years. The article dates its phases by events, not by years:
# - association: the post-Cold War "return to Europe" that begins with the Charter of Paris (1990, the
#   article's note 9) and the joining of the CoE, G8, NATO and EU partnerships it lists;
# - shift: "around mid-2000s" the contest over the countries in between becomes the main axis; we start it
#   in 2004, the year of the largest NATO and EU enlargements, the nearest datable turn (our choice);
# - rupture: the Maidan revolution and its fallout in 2014 (Crimea, Donbas) with the "massive erosion of
#   institutionalised ties", then the post-2014 cycle of sanctions and reprisals the article describes;
# - break: the war launched on 24 February 2022 with which the article opens. Open-ended (None).
DISSOCIATION_PHASES: dict[str, tuple[int, int | None]] = {
    "association": (1990, 2003),
    "shift": (2004, 2013),
    "rupture": (2014, 2021),
    "break": (2022, None),
}
_PHASE_FILL = {"association": "#E8F1F8", "shift": "#FFF6DD", "rupture": "#FBE9DF", "break": "#F3E6EE"}

SERIES_LABELS = {
    "levada_usa": "USA", "levada_eu": "EU", "levada_ukraine": "Ukraine", "levada_china": "China",
    "levada_georgia": "Georgia", "pew_russia_opinion_median": "Russia (Pew median)",
    "pew_putin_confidence_median": "Putin (Pew median)", "pew_russia_opinion": "Russia (Pew)",
    "pew_putin_confidence": "Putin (Pew)", "pew_russia_self": "Russia, by Russians (Pew)",
    "article_ukraine": "Ukraine (article)",
}
OUTCOME_COLOURS = {"backed_down": OKABE_ITO["bluish_green"], "mixed": OKABE_ITO["orange"],
                   "escalated": OKABE_ITO["vermillion"]}
OUTCOME_LABELS = {"backed_down": "Backed down", "mixed": "Mixed", "escalated": "Escalated"}
TIE_COLOURS = {"active": OKABE_ITO["blue"], "suspended": OKABE_ITO["orange"], "ended": OKABE_ITO["vermillion"]}
UNNAMED_POLLSTER = "Not named in article"


# ----------------------------------------------------------------------------------------------- helpers

def _as_list(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _bound(value, end: bool = False) -> pd.Timestamp | None:
    """1991, "1991", "1991-08" or a Timestamp; an end bound takes in the whole year or month it names."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return value
    text = str(value)
    stamp = pd.Timestamp(text + {4: "-01-01", 7: "-01"}.get(len(text), ""))
    if end and len(text) in (4, 7):
        stamp += pd.DateOffset(years=1) if len(text) == 4 else pd.DateOffset(months=1)
        stamp -= pd.Timedelta(days=1)
    return stamp


def _in_range(dates: pd.Series, start, end) -> pd.Series:
    keep = pd.Series(True, index=dates.index)
    if start is not None:
        keep &= dates >= _bound(start)
    if end is not None:
        keep &= dates <= _bound(end, end=True)
    return keep


def _source(table: str, who: str = "", extra: str = "") -> str:
    """'Levada Center, via the course table polls.csv ...': who the figures come from, then the table."""
    if who:
        text = f"{who}, via the course table {table}.csv (each row cites its own source)."
    else:
        text = f"course table {table}.csv. {TABLES[table].source}"
    return text + (f" {extra}" if extra else "")


def _month(label: str) -> str:
    """'2015-09' -> 'Sep 2015', '2015' -> '2015' (a date printed at the precision it was written)."""
    if len(label) == 7:
        return pd.Timestamp(label + "-01").strftime("%b %Y")
    if len(label) == 10:
        return pd.Timestamp(label).strftime("%-d %b %Y")
    return label


def _cut(text, limit: int = 160) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------- timeline

#: What each category says about Russia's ties to the West, for the timeline's colours (the course's
#: reading of the categories in data/README.md, not a coding of each event): ties made, ties broken or
#: fought over, everything else, and Pakistan's own line, which the exam asks about.
DIRECTIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "towards": ("Ties made", OKABE_ITO["blue"], ("westernization", "institution_join")),
    "away": ("Ties cut, wars", OKABE_ITO["vermillion"],
             ("institution_exit", "sanctions", "war", "crisis")),
    "other": ("Other", theme.MUTED, ("diplomacy", "energy", "domestic", "culture")),
    "pakistan": ("Pakistan", OKABE_ITO["bluish_green"], ("pakistan",)),
}
#: Lane names short enough to leave a 360 px screen room for the plot.
LANE_NAMES = {"institution_join": "Joins", "institution_exit": "Exits", "westernization": "Westernizing",
              "domestic": "Home"}
#: Eras a long timeline is split into. Each era gets a share of the width in proportion to its weight
#: times its length, so three centuries before 1900 do not squeeze the last thirty years into two dots.
ERAS = ((None, 1900, 0.06, "Before 1900"), (1900, 1991, 0.2, "1900–1991"), (1991, None, 1.0, "Since 1991"))
#: A timeline spanning more years than this is drawn on the era scale; a shorter one on a plain time axis.
ERA_SPAN = 60


def timeline(events: pd.DataFrame, *, articles=None, categories=None, start=None, end=None,
             title: str | None = None) -> go.Figure:
    """Events on a time axis, one lane per category, coloured by what the event did to Russia's ties with
    the West (`DIRECTIONS`); unverified events drawn hollow and said so.

    A timeline longer than `ERA_SPAN` years is drawn on an era scale (`ERAS`): the years before 1991 are
    compressed, shaded and labelled, so a phone still shows the recent decades the lessons need. Hover
    shows each date as written ("1812", not 1 January 1812) and the event's source.

    >>> from course import data, charts
    >>> fig = charts.timeline(data.load("events"), articles="ruxit", start=1985)
    """
    df = events
    wanted = _as_list(articles)
    unknown = [a for a in wanted if a not in ARTICLES]
    if unknown:
        raise KeyError(f"unknown article {unknown[0]!r}; use one of {', '.join(ARTICLES)}")
    if wanted:
        keys = df["articles"].fillna("").str.split(";")
        df = df[keys.map(lambda ks: any(a in ks for a in wanted))]
    cats = _as_list(categories)
    allowed = list(TABLES["events"].field("category").choices)
    if any(c not in allowed for c in cats):
        raise KeyError(f"unknown category in {cats}; use any of {', '.join(allowed)}")
    if cats:
        df = df[df["category"].isin(cats)]
    df = df[_in_range(df["date"], start, end)].sort_values("date")
    order = [c for _, _, group in DIRECTIONS.values() for c in group]
    lanes = [c for c in order + [c for c in allowed if c not in order] if c in set(df["category"].astype(str))]
    years = df["date"].dt.year
    era_scale = len(df) > 1 and int(years.max()) - int(years.min()) > ERA_SPAN and int(years.min()) < 1991
    position = _era_position if era_scale else (lambda d: d)
    fig = go.Figure()
    for key, (name, colour, group) in DIRECTIONS.items():
        for verified in (True, False):
            rows = df[df["category"].astype(str).isin(group) & (df["verified"] == verified)]
            if rows.empty:
                continue
            note = "" if verified else "<br><b>Not verified</b> at this precision"
            custom = list(zip(rows["date_label"], rows["event"].map(lambda t: wrap(t, HOVER_WRAP)),
                              rows["source"].map(lambda t: wrap(_cut(t, 200), HOVER_WRAP))))
            fig.add_scatter(
                x=[position(d) for d in rows["date"]], y=rows["category"].astype(str).map(_lane),
                mode="markers", name=name if verified else f"{name}, not verified",
                legendgroup=key, meta=key,
                marker=dict(symbol="circle" if verified else "diamond-open", size=10, color=colour,
                            opacity=0.8, line=dict(width=1 if verified else 2, color="white" if verified else colour)),
                customdata=custom,
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}" + note
                + "<br><i>Source:</i> %{customdata[2]}<extra></extra>",
            )
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[_lane(c) for c in lanes],
                     title=None, showgrid=True, range=[-0.6, len(lanes) - 0.4])
    fig.update_xaxes(title=None)
    caveat = None
    if era_scale:
        _draw_eras(fig, int(years.min()), int(years.max()))
        caveat = "Time before 1991 is squeezed: the two grey bands (before 1900, 1900–1991) are narrower than their years."
    if title is None:
        title = _timeline_title(df, articles is None and categories is None and start is None and end is None)
    height = max(380, 260 + 28 * len(lanes))  # every lane keeps its label on a phone
    fig.update_layout(height=height)
    return theme.finish(fig, title=title, caveat=caveat,
                        source=_source("events", extra="Tap a point for its own source."),
                        legend_rows=max(1, len({t.legendgroup for t in fig.data})))


def _lane(category: str) -> str:
    return LANE_NAMES.get(category, category.replace("_", " ").capitalize())


def _era_position(date: pd.Timestamp) -> float:
    """A date's place on the era scale: years counted at each era's weight, from year 0."""
    year = date.year + (date.day_of_year - 1) / 366
    place = 0.0
    for lo, hi, weight, _ in ERAS:
        lo = 0 if lo is None else lo
        hi = 10_000 if hi is None else hi
        place += weight * max(0.0, min(year, hi) - lo)
    return place


def _draw_eras(fig: go.Figure, first: int, last: int) -> None:
    """Shade the squeezed eras the events fall in; ticks at the years where the eras meet (and 2014)."""
    ticks = {}
    for i, (lo, hi, weight, label) in enumerate(ERAS):
        lo_year, hi_year = max(lo or first, first), min(hi or last + 1, last + 1)
        if lo_year >= hi_year:
            continue
        x0 = _era_position(pd.Timestamp(year=lo_year, month=1, day=1))
        x1 = _era_position(pd.Timestamp(year=hi_year, month=1, day=1))
        if weight < 1:
            fig.add_shape(type="rect", x0=x0, x1=x1, yref="paper", y0=0, y1=1, layer="below", line_width=0,
                          fillcolor="#E4E4E4" if i % 2 == 0 else "#F2F2F2", name=f"era:{label}")
        ticks[x0] = str(lo_year)
    if first <= 2014 <= last:
        ticks[_era_position(pd.Timestamp(year=2014, month=1, day=1))] = "2014"
    fig.update_xaxes(tickvals=list(ticks), ticktext=list(ticks.values()), tickangle=0, showgrid=True,
                     range=[_era_position(pd.Timestamp(year=first, month=1, day=1)) - 1,
                            _era_position(pd.Timestamp(year=last + 1, month=1, day=1)) + 0.5])


def _timeline_title(df: pd.DataFrame, everything: bool) -> str:
    if everything:
        return "Russia has turned towards the West and away from it since Peter the Great"
    if df.empty:
        return "No events match these filters"
    return (f"{len(df)} events in Russia's relations with the West, "
            f"{df['date_label'].iloc[0][:4]}–{df['date_label'].iloc[-1][:4]}")


# ----------------------------------------------------------------------------------------- opinion_trend

DEFAULT_SERIES = ("levada_usa", "levada_eu", "levada_ukraine")


def opinion_trend(polls: pd.DataFrame, *, series=DEFAULT_SERIES, answer: str = "Positive", events=None,
                  start=None, end=None, title: str | None = None, labels=None) -> go.Figure:
    """One line per poll series: the share giving `answer` (main answers only), key events marked.

    Every event in `events` gets a dotted line; the few that matter are also named on the chart, since
    a phone or a printed page has no hover: `labels` maps event ids to short names (default: the turns
    in `KEY_EVENT_LABELS` that are among `events`, or every event when there are at most three). Where a
    line breaks because no wave was polled for years, a note under the title says so.

    Pew `*_median` series are medians over a different set of countries in each wave; whenever one is
    plotted the chart says so, because their ups and downs are not trends.

    >>> from course import data, charts
    >>> events = data.load("events")
    >>> fig = charts.opinion_trend(data.load("polls"), events=events[events["category"] == "war"], start=2000)
    """
    names = _as_list(series)
    missing = [s for s in names if s not in set(polls["series"])]
    if missing:
        raise KeyError(f"no poll series {missing[0]!r}; the series are: {', '.join(sorted(set(polls['series'])))}")
    rows = polls[polls["series"].isin(names) & polls["answer_kind"].eq("main") & polls["answer"].eq(answer)]
    rows = rows[_in_range(rows["field_date"], start, end)].sort_values("field_date")
    fig = go.Figure()
    gaps = []
    for name in names:
        for label, line in _series_lines(rows[rows["series"] == name], name):
            if _gaps(line):
                gaps.append(f"{label} " + ", ".join(f"{a}–{b}" for a, b in _gaps(line)))
            custom = list(zip(line["field_date_label"].map(_month), line["country_polled"],
                              line["pollster"], line["question"].map(lambda q: wrap(q, HOVER_WRAP))))
            x, y, custom = _break_gaps(list(line["field_date"]), list(line["percent"]), custom)
            fig.add_scatter(
                x=x, y=y, name=label, mode="lines+markers", connectgaps=False,
                marker=dict(size=7), line=dict(width=2.5), customdata=custom,
                hovertemplate=f"<b>{label}</b>: %{{y:.0f}}% {answer}<br>%{{customdata[0]}}, %{{customdata[1]}}"
                "<br>%{customdata[2]}: %{customdata[3]}<extra></extra>",
            )
    if events is not None and len(events):
        lo, hi = (rows["field_date"].min(), rows["field_date"].max()) if len(rows) else (None, None)
        shown = events[_in_range(events["date"], start or lo, end or hi)] if lo is not None else events
        _mark_events(fig, shown, labels, (start and _bound(start)) or lo, (end and _bound(end, True)) or hi)
    fig.update_yaxes(range=[0, 104], title=dict(text=f"% answering “{answer}”"), ticksuffix="")
    fig.update_xaxes(title=None)
    medians = rows[rows["series"].str.endswith("_median")]
    caveat = None
    if len(medians):
        counts = sorted(set(medians["country_polled"].str.extract(r"(\d+)")[0].dropna().astype(int)))
        span = f" ({min(counts)} to {max(counts)})" if len(counts) > 1 else ""
        caveat = (f"Pew medians are taken over a different set of countries{span} in each wave: "
                  "their changes from year to year are not a trend.")
    if gaps:
        shown_gaps = "; ".join(gaps[:2]) + ("; …" if len(gaps) > 2 else "")
        caveat = ((caveat + " ") if caveat else "") + f"A gap in a line: no poll for over three years ({shown_gaps})."
    if title is None:
        title = _trend_title(names, answer)
    return theme.finish(fig, title=title, caveat=caveat, source=_source("polls", _who(rows)))


def _series_lines(rows: pd.DataFrame, name: str):
    """A series is one line, unless it holds several countries (not a median): then one line each."""
    label = SERIES_LABELS.get(name, name)
    if name.endswith("_median") or rows["country_polled"].nunique() <= 1:
        return [(label, rows)] if len(rows) else []
    return [(f"{label}: {country}", part) for country, part in rows.groupby("country_polled", sort=True)]


#: Waves further apart than this are not joined by a line: a line would suggest values nobody measured.
GAP = pd.Timedelta(days=3 * 365)


def _break_gaps(x: list, y: list, custom: list) -> tuple[list, list, list]:
    """Insert a blank point between waves more than `GAP` apart, so the line stops there."""
    bx, by, bc = [], [], []
    for i, (xi, yi, ci) in enumerate(zip(x, y, custom)):
        if i and xi - x[i - 1] > GAP:
            bx.append(x[i - 1] + (xi - x[i - 1]) / 2)
            by.append(None)
            bc.append([None] * len(ci))
        bx.append(xi)
        by.append(yi)
        bc.append(ci)
    return bx, by, bc


#: The turns the lessons point to on the opinion charts, named on the chart when they are among the events
#: given (ids in data/events.csv; the words are the course's shortening of each event's row).
KEY_EVENT_LABELS = {
    "2008-russo-georgian-war-fighting": "Georgia war",
    "2014-putin-announces-russia-will": "Crimea annexed",
    "2022-russia-launches-full-scale": "Full invasion",
}


def _gaps(line: pd.DataFrame) -> list[tuple[str, str]]:
    """(from, to) years of the stretches longer than `GAP` with no wave, where the line breaks."""
    dates = list(line["field_date"])
    return [(str(a.year), str(b.year)) for a, b in zip(dates, dates[1:]) if b - a > GAP]


def _event_labels(events: pd.DataFrame, labels) -> dict[str, str]:
    if isinstance(labels, dict):
        return labels
    if labels is not None:
        return {i: _cut(events.set_index("event_id").loc[i, "event"].split(" (")[0], 24) for i in labels}
    chosen = {i: t for i, t in KEY_EVENT_LABELS.items() if i in set(events["event_id"])}
    if not chosen and len(events) <= 3:
        chosen = {i: _cut(t.split(" (")[0], 24) for i, t in zip(events["event_id"], events["event"])}
    return chosen


def _mark_events(fig: go.Figure, events: pd.DataFrame, labels=None, lo=None, hi=None) -> None:
    """Key events: a dotted line each, a marker at the top that carries the event's text on hover, and
    the few that matter named on the chart, on staggered rows so neighbours do not overlap."""
    for date in events["date"]:
        fig.add_shape(type="line", x0=date, x1=date, yref="paper", y0=0, y1=1, layer="below",
                      line=dict(color="#9A9A9A", width=1, dash="dot"))
    fig.add_scatter(
        x=events["date"], y=[102] * len(events), mode="markers", name="Key event",
        marker=dict(symbol="triangle-down", size=11, color=theme.MUTED),
        customdata=list(zip(events["date_label"], events["event"].map(lambda t: wrap(t, HOVER_WRAP)))),
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
    )
    named = _event_labels(events, labels)
    rows = events[events["event_id"].isin(list(named))].sort_values("date")
    for i, (_, row) in enumerate(rows.iterrows()):
        early = lo is not None and hi is not None and row["date"] < lo + (hi - lo) * 0.3
        fig.add_annotation(
            x=row["date"], y=100, yshift=-6 - 17 * (i % 3),
            text=f"<b>{named[row['event_id']]}</b> {_month(row['date_label'][:7])}",
            showarrow=False, xanchor="left" if early else "right", xshift=3 if early else -3,
            align="left" if early else "right", yanchor="top",
            font=dict(size=11, color=theme.INK), bgcolor="rgba(255,255,255,0.8)", name=f"event:{row['event_id']}",
        )



def _trend_title(names: list, answer: str) -> str:
    if tuple(names) == DEFAULT_SERIES and answer == "Positive":
        return "Russians soured on the USA and the EU around 2014 and again in 2022, and on Ukraine in 2022"
    labels = ", ".join(SERIES_LABELS.get(n, n) for n in names)
    return f"Share answering “{answer}”: {labels}"


# ----------------------------------------------------------------------------------------- opinion_swing

def opinion_swing(polls: pd.DataFrame, *, before: tuple[str, str], after: tuple[str, str],
                  title: str | None = None) -> go.Figure:
    """Before/after bars: the main answers of two poll waves, e.g. a month apart.

    `before` and `after` are (series, field_date_label). When the two waves asked different questions,
    the chart says so and quotes both: a swing between different questions is not a change of mind.

    >>> from course import data, charts
    >>> fig = charts.opinion_swing(data.load("polls"), before=("levada_syria_troops", "2015-09"),
    ...                            after=("levada_syria_airstrikes", "2015-10"))
    """
    waves = [_wave(polls, *before), _wave(polls, *after)]
    same_question = waves[0]["question"].iloc[0] == waves[1]["question"].iloc[0]
    order = list(dict.fromkeys(list(waves[0]["answer"]) + list(waves[1]["answer"])))
    fig = go.Figure()
    for (_series, label), wave, when, colour in zip((before, after), waves, ("Before", "After"),
                                                    (OKABE_ITO["sky_blue"], OKABE_ITO["blue"])):
        name = f"{when}: {_month(label)}"
        fig.add_bar(
            x=wave["percent"], y=wave["answer"], orientation="h", name=name, marker_color=colour,
            text=wave["percent"].map(lambda p: f"{p:.0f}%"), textposition="outside", cliponaxis=False,
            customdata=list(zip(wave["pollster"], wave["question"].map(lambda q: wrap(q, HOVER_WRAP)))),
            hovertemplate=f"<b>{name}</b>: %{{y}} %{{x:.0f}}%<br>%{{customdata[0]}}: %{{customdata[1]}}"
            "<extra></extra>",
        )
    fig.update_layout(barmode="group", height=520)
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed", title=None)
    fig.update_xaxes(range=[0, 100], title=dict(text="% of respondents"), showgrid=True)
    notes = []
    if not same_question:
        notes.append(f"Different questions. Before: “{_cut(waves[0]['question'].iloc[0], 90)}” "
                     f"After: “{_cut(waves[1]['question'].iloc[0], 90)}”")
    if (pd.concat(waves)["pollster"] == UNNAMED_POLLSTER).any():
        notes.append("The article does not name the pollster.")
    if title is None:
        title = _swing_title(waves, before[1], after[1], same_question)
    return theme.finish(fig, title=title, caveat=" ".join(notes) or None,
                        source=_source("polls", _who(pd.concat(waves))))


def _who(rows: pd.DataFrame) -> str:
    """The pollsters of the plotted rows, an unnamed one said as such."""
    names = ["an unnamed pollster (as quoted in the article)" if p == UNNAMED_POLLSTER else p
             for p in sorted(set(rows["pollster"]))]
    return " and ".join(names)


def _wave(polls: pd.DataFrame, series: str, label: str) -> pd.DataFrame:
    rows = polls[polls["series"].eq(series) & polls["field_date_label"].eq(label) & polls["answer_kind"].eq("main")]
    if rows.empty:
        dates = sorted(set(polls.loc[polls["series"] == series, "field_date_label"]))
        raise ValueError(f"no main answers for series {series!r} at {label!r}; its waves are: {', '.join(dates)}")
    if rows["country_polled"].nunique() > 1:
        raise ValueError(f"series {series!r} at {label!r} covers several countries; filter polls to one first")
    return rows


def _swing_title(waves, label_before: str, label_after: str, same_question: bool) -> str:
    if same_question:
        answer = waves[0]["answer"].iloc[0]
        b = waves[0].loc[waves[0]["answer"] == answer, "percent"]
        a = waves[1].loc[waves[1]["answer"] == answer, "percent"]
        if len(a):
            verb = "fell" if a.iloc[0] < b.iloc[0] else "rose" if a.iloc[0] > b.iloc[0] else "held"
            question = _cut(waves[0]["question"].iloc[0], 60).rstrip("?")
            return (f"{question}: “{answer}” {verb} from {b.iloc[0]:.0f}% to {a.iloc[0]:.0f}% between "
                    f"{_month(label_before)} and {_month(label_after)}")
    top = [w.sort_values("percent", ascending=False).iloc[0] for w in waves]
    return (f"Top answer went from “{top[0]['answer']}” ({top[0]['percent']:.0f}%) to "
            f"“{top[1]['answer']}” ({top[1]['percent']:.0f}%) between {_month(label_before)} and "
            f"{_month(label_after)}")


# ------------------------------------------------------------------------------------------ dissociation

def active_ties_by_year(institutions: pd.DataFrame, start: int = 1990, end: int | None = None) -> pd.DataFrame:
    """Count Russia's ties to Western institutions per year: active, suspended, ended.

    A tie counts as active in year Y if it started in or before Y and was neither suspended nor ended
    before Y (so a tie suspended in 2014 still counts as active in 2014). A tie started by Y is in exactly
    one column: active, suspended (before Y, not ended before Y) or ended (before Y).

    >>> from course import data, charts
    >>> charts.active_ties_by_year(data.load("institutions"), 2012, 2016)  # doctest: +SKIP
    """
    end = int(AS_OF[:4]) if end is None else int(end)
    started = institutions["start_date"].dt.year
    suspended = institutions["suspended_date"].dt.year
    ended = institutions["ended_date"].dt.year
    rows = []
    for year in range(int(start), end + 1):
        begun = started <= year
        gone = begun & (ended < year)
        paused = begun & ~gone & (suspended < year)
        rows.append({"year": year, "active": int((begun & ~gone & ~paused).sum()),
                     "suspended": int(paused.sum()), "ended": int(gone.sum())})
    return pd.DataFrame(rows, columns=["year", "active", "suspended", "ended"])


def dissociation(institutions: pd.DataFrame, *, start: int = 1990, end: int | None = None, phases=None,
                 title: str | None = None) -> go.Figure:
    """Russia's working ties to Western institutions per year, stacked with suspended and ended ties,
    over the phases of Polianskii's dissociation model (`DISSOCIATION_PHASES`; pass `phases={}` for none).

    >>> from course import data, charts
    >>> fig = charts.dissociation(data.load("institutions"), start=1990)
    """
    counts = active_ties_by_year(institutions, start, end)
    phases = DISSOCIATION_PHASES if phases is None else phases
    fig = go.Figure()
    for column, label in (("active", "Active"), ("suspended", "Suspended"), ("ended", "Ended")):
        fig.add_bar(x=counts["year"], y=counts[column], name=label, marker_color=TIE_COLOURS[column],
                    marker_line_width=0,
                    hovertemplate=f"%{{x}}: %{{y}} {label.lower()}<extra></extra>")
    top = int((counts[["active", "suspended", "ended"]].sum(axis=1)).max() or 1)
    first, last = int(counts["year"].min()), int(counts["year"].max())
    for name, (lo, hi) in phases.items():
        lo, hi = max(lo, first), min(last if hi is None else hi, last)
        if lo > hi:
            continue
        fig.add_shape(type="rect", x0=lo - 0.5, x1=hi + 0.5, yref="paper", y0=0, y1=1, layer="below",
                      line_width=0, fillcolor=_PHASE_FILL.get(name, "#EEEEEE"), name=f"phase:{name}")
        fig.add_annotation(x=(lo + hi) / 2, y=1, yref="paper", yanchor="top", text=name.capitalize(),
                           showarrow=False, font=dict(size=11, color=theme.MUTED), name=f"phase:{name}")
    fig.update_layout(barmode="stack", bargap=0.15)
    fig.update_yaxes(range=[0, top * 1.15], title=dict(text="Ties to Western institutions"), showgrid=True)
    fig.update_xaxes(range=[first - 0.6, last + 0.6], title=None, dtick=5 if last - first > 12 else 1)
    if title is None:
        title = _dissociation_title(counts)
    return theme.finish(fig, title=title, legend_rows=1, source=_source(
        "institutions", extra="Phases after Polianskii (2022), dated by the course."))


def _dissociation_title(counts: pd.DataFrame) -> str:
    peak = counts[counts["active"] == counts["active"].max()].iloc[-1]  # the last year at the peak
    now = counts.iloc[-1]
    return (f"Russia's active ties to Western institutions fell from {peak['active']} in {peak['year']} "
            f"to {now['active']} in {now['year']}")


# ---------------------------------------------------------------------------------------------- episodes

def episodes(episodes: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Coded escalation episodes: when Russia was challenged (x) and what it did (y, coloured).

    Filled markers are the episodes Snegovaya & Whitmore cite, hollow ones the course's others; a line
    marks the article's publication, so cases it could not know are plain to see.

    >>> from course import data, charts
    >>> fig = charts.episodes(data.load("episodes"))
    """
    fig = go.Figure()
    order = ["backed_down", "mixed", "escalated"]
    for outcome in order:
        rows = episodes[episodes["outcome"].astype(str) == outcome].sort_values("date")
        if rows.empty:
            continue
        colour = OUTCOME_COLOURS[outcome]
        cited = rows["in_article"].to_numpy()
        custom = list(zip(
            rows["date_label"].map(_month), rows["challenger"].map(lambda t: wrap(_cut(t, 90), HOVER_WRAP)),
            rows["challenge"].map(lambda t: wrap(_cut(t), HOVER_WRAP)),
            rows["russian_threat"].map(lambda t: wrap(_cut(t), HOVER_WRAP)),
            rows["russian_response"].map(lambda t: wrap(_cut(t), HOVER_WRAP)),
            rows["source"].map(lambda t: wrap(_cut(t, 120), HOVER_WRAP)),
            ["Cited in the article" if c else "Not in the article" for c in cited],
        ))
        fig.add_scatter(
            x=rows["date"], y=[OUTCOME_LABELS[outcome]] * len(rows), mode="markers", name=OUTCOME_LABELS[outcome],
            showlegend=False, customdata=custom,
            marker=dict(size=13, color=colour, symbol=["circle" if c else "circle-open" for c in cited],
                        line=dict(width=2.5, color=colour)),
            hovertemplate="<b>%{customdata[0]}: %{y}</b> (%{customdata[6]})<br><b>Challenger:</b> %{customdata[1]}"
            "<br><b>Challenge:</b> %{customdata[2]}<br><b>Threat:</b> %{customdata[3]}"
            "<br><b>Response:</b> %{customdata[4]}<br><i>Source:</i> %{customdata[5]}<extra></extra>",
        )
    for symbol, label in (("circle", "Cited by Snegovaya & Whitmore"), ("circle-open", "Other episodes")):
        fig.add_scatter(x=[None], y=[None], mode="markers", name=label, hoverinfo="skip",
                        marker=dict(size=11, symbol=symbol, color=theme.INK, line=dict(width=2, color=theme.INK)))
    fig.add_shape(type="line", x0=SNEGOVAYA_WHITMORE_PUBLISHED, x1=SNEGOVAYA_WHITMORE_PUBLISHED, yref="paper",
                  y0=0, y1=1, line=dict(color=theme.INK, width=1.5, dash="dash"), name="published")
    fig.add_annotation(x=SNEGOVAYA_WHITMORE_PUBLISHED, y=1, yref="paper", yanchor="top", xanchor="right",
                       text="Article published<br>8 Jul 2022", showarrow=False, align="right", xshift=-4,
                       font=dict(size=11, color=theme.INK), name="published")
    present = [o for o in order if (episodes["outcome"].astype(str) == o).any()]
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[OUTCOME_LABELS[o] for o in present],
                     range=[-0.5, len(present) - 0.1], title=None,
                     tickvals=[OUTCOME_LABELS[o] for o in present],
                     ticktext=[f"<span style='color:{OUTCOME_COLOURS[o]}'><b>{OUTCOME_LABELS[o]}</b></span>"
                               for o in present])
    fig.update_xaxes(title=None)
    if title is None:
        title = _episodes_title(episodes)
    return theme.finish(fig, title=title, source=_source(
        "episodes", extra="Outcomes coded by the course."))


def _episodes_title(episodes: pd.DataFrame) -> str:
    outcome = episodes["outcome"].astype(str)
    return (f"Challenged, Russia backed down in {(outcome == 'backed_down').sum()} of {len(episodes)} episodes "
            f"and escalated in {(outcome == 'escalated').sum()}")

