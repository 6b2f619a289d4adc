"""The charts: each figure's structure follows its data, filters filter, caveats appear where they must."""

import textwrap

import pandas as pd
import plotly.io as pio
import pytest

from course import charts, data, theme
from course.theme import source_of, title_of


@pytest.fixture(scope="module")
def events():
    return data.load("events")


@pytest.fixture(scope="module")
def polls():
    return data.load("polls")


@pytest.fixture(scope="module")
def institutions():
    return data.load("institutions")


@pytest.fixture(scope="module")
def episodes():
    return data.load("episodes")


def load_csv(tmp_path, name, text):
    """A small table written as data/README.md describes it, loaded (validated, typed) by course.data."""
    path = tmp_path / f"{name}.csv"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return data.load_file(path, name)


def points(trace) -> int:
    return sum(v is not None for v in trace.y)


def test_course_template_is_registered_and_default():
    assert "course" in pio.templates
    assert pio.templates.default == "course"
    layout = pio.templates["course"].layout
    assert list(layout.colorway) == theme.PALETTE
    assert set(theme.PALETTE) <= set(theme.OKABE_ITO.values())
    assert layout.legend.orientation == "h" and layout.legend.yanchor == "bottom"  # under the plot
    assert "http" not in layout.font.family
    assert theme.CONFIG["responsive"] is True


def every_figure(events, polls, institutions, episodes):
    """(table, figure) for every chart function."""
    return [
        ("events", charts.timeline(events)),
        ("polls", charts.opinion_trend(polls)),
        ("polls", charts.opinion_swing(polls, before=("article_ukraine", "2021-11"),
                                       after=("article_ukraine", "2022-02"))),
        ("institutions", charts.dissociation(institutions)),
        ("episodes", charts.episodes(episodes)),
    ]


def test_every_figure_carries_the_template_a_finding_title_and_a_source_line(events, polls, institutions, episodes):
    for table, fig in every_figure(events, polls, institutions, episodes):
        assert fig.layout.template.layout.colorway == pio.templates["course"].layout.colorway
        source = source_of(fig)
        assert source.startswith("Source: ") and f"{table}.csv" in source
        annotation = next(a for a in fig.layout.annotations if a.name == "source")
        assert annotation.yref == "paper" and annotation.yshift < 0  # under the plot area
        assert len(title_of(fig)) > 20


def test_titles_can_be_replaced(events, polls, institutions, episodes):
    assert title_of(charts.timeline(events, start=1990, title="My own finding")) == "My own finding"
    assert title_of(charts.timeline(events, title="My own finding")).startswith("My own finding Time before")
    assert title_of(charts.dissociation(institutions, title="Ties fell")) == "Ties fell"
    assert title_of(charts.episodes(episodes, title="Mostly bluster")) == "Mostly bluster"


# ---------------------------------------------------------------------------------------------- timeline

def test_timeline_has_one_point_per_event_with_dates_as_written(events):
    fig = charts.timeline(events)
    assert sum(points(t) for t in fig.data) == len(events)
    labels = {row[0] for t in fig.data for row in t.customdata}
    assert labels == set(events["date_label"])
    year_only = events[events["precision"] == "year"].iloc[0]
    assert year_only["date_label"] in labels and len(year_only["date_label"]) == 4
    assert not any(label.endswith("-01-01") and len(label) == 10 for label in labels
                   if label not in set(events.loc[events["precision"] == "day", "date_label"]))


def test_timeline_filters_by_article_category_and_period(events):
    fig = charts.timeline(events, articles="ruxit", start=1990, end=2014)
    expected = events[data.mentions(events, "ruxit") & events["date"].dt.year.between(1990, 2014)]
    assert sum(points(t) for t in fig.data) == len(expected) > 0
    wars = charts.timeline(events, categories=["war", "crisis"])
    lanes = {y for t in wars.data for y in t.y}
    assert lanes == {"War", "Crisis"}
    assert sum(points(t) for t in wars.data) == events["category"].isin(["war", "crisis"]).sum()
    both = charts.timeline(events, articles=["ruxit", "snegovaya_whitmore"])
    assert sum(points(t) for t in both.data) == (data.mentions(events, "ruxit")
                                                 | data.mentions(events, "snegovaya_whitmore")).sum()
    with pytest.raises(KeyError, match="unknown article"):
        charts.timeline(events, articles="mearsheimer")


def test_timeline_marks_unverified_events_and_shows_sources(tmp_path):
    events = load_csv(tmp_path, "events", """
        event_id,date,precision,event,category,articles,source,verified,note
        1812-invasion,1812,year,Napoleon invades Russia,war,kimmage_lipman,A history of Russia p. 1,yes,
        2014-crimea,2014-03,month,Crimea annexed,crisis,ruxit,https://example.org/crimea,no,
        2022-war,2022-02-24,day,Full-scale invasion,war,,https://example.org/war,yes,
    """)
    fig = charts.timeline(events)
    assert [t.name for t in fig.data] == ["Ties cut, wars", "Ties cut, wars, not verified"]
    assert "Verified" not in {t.name for t in fig.data}
    verified, unverified = fig.data
    assert verified.marker.color == unverified.marker.color  # colour is the direction, the shape the check
    assert verified.marker.symbol != unverified.marker.symbol
    assert "Not verified" in unverified.hovertemplate and "Not verified" not in verified.hovertemplate
    assert [row[0] for row in verified.customdata] == ["1812", "2022-02-24"]
    assert unverified.customdata[0][0] == "2014-03"
    assert "example.org/crimea" in unverified.customdata[0][2]
    assert "Source" in verified.hovertemplate
    assert fig.layout.yaxis.categoryarray == ("War", "Crisis")


def test_timeline_colours_say_what_an_event_did_and_a_long_span_keeps_recent_years_wide(events):
    fig = charts.timeline(events)
    colours = {t.meta: t.marker.color for t in fig.data}
    assert len(set(colours.values())) == len(colours) >= 3
    assert all(t.name in {n for n, _, _ in charts.DIRECTIONS.values()} for t in fig.data)
    xs = sorted(x for t in fig.data for x in t.x)
    since_1991 = [x for t in fig.data for x, d in zip(t.x, t.customdata) if int(d[0][:4]) >= 1991]
    assert (max(xs) - min(since_1991)) / (max(xs) - min(xs)) > 0.4  # 35 of 340 years get half the width
    assert "squeezed" in title_of(fig)
    recent = charts.timeline(events, start=1990)
    assert "squeezed" not in title_of(recent) and all(hasattr(x, "year") for t in recent.data for x in t.x)


def test_timeline_end_year_takes_in_the_whole_year(tmp_path):
    events = load_csv(tmp_path, "events", """
        event_id,date,precision,event,category,articles,source,verified,note
        a,2014-12-31,day,Late,war,,s,yes,
        b,2015-01,month,Next,war,,s,yes,
    """)
    assert sum(points(t) for t in charts.timeline(events, end=2014).data) == 1
    assert sum(points(t) for t in charts.timeline(events, start="2015-01").data) == 1


# ----------------------------------------------------------------------------------------- opinion_trend

def test_opinion_trend_plots_only_main_rows_with_the_answer(polls):
    fig = charts.opinion_trend(polls)
    assert [t.name for t in fig.data] == ["USA", "EU", "Ukraine"]
    for trace, series in zip(fig.data, charts.DEFAULT_SERIES):
        rows = polls[(polls["series"] == series) & (polls["answer_kind"] == "main") & (polls["answer"] == "Positive")]
        assert points(trace) == len(rows)
        assert sorted(v for v in trace.y if v is not None) == sorted(rows["percent"])
    assert "Positive" in fig.layout.yaxis.title.text
    assert "median" not in title_of(fig)
    assert title_of(fig).startswith("Russians soured on the USA")


def test_opinion_trend_breaks_lines_across_long_gaps(polls):
    usa = charts.opinion_trend(polls, series="levada_usa").data[0]
    gap = [i for i, v in enumerate(usa.y) if v is None]
    assert gap, "1998 and 2008 must not be joined"
    assert usa.connectgaps is False


def test_opinion_trend_marks_key_events(polls, events):
    key = events[events["category"] == "war"]
    fig = charts.opinion_trend(polls, events=key, start=2000, end=2023)
    marker = fig.data[-1]
    shown = key[key["date"].dt.year.between(2000, 2023)]
    assert marker.name == "Key event" and len(marker.x) == len(shown) > 0
    assert {row[0] for row in marker.customdata} == set(shown["date_label"])
    assert sum(1 for s in fig.layout.shapes if s.type == "line") == len(shown)


def test_opinion_trend_names_the_key_turns_on_the_chart_and_notes_its_gaps(polls, events):
    fig = charts.opinion_trend(polls, events=events[data.mentions(events, "kimmage_lipman")], start="1990")
    named = [a.text for a in fig.layout.annotations if (a.name or "").startswith("event:")]
    assert len(named) == 3 and any("Crimea" in t for t in named)
    assert "no poll for over three years" in title_of(fig) and "USA" in title_of(fig)
    own = charts.opinion_trend(polls, events=events[events["category"] == "war"], start=2000,
                               labels={"2022-russia-launches-full-scale": "Invasion"})
    assert [a.text.split("</b>")[0] for a in own.layout.annotations if (a.name or "").startswith("event:")] \
        == ["<b>Invasion"]


def test_opinion_trend_warns_that_pew_medians_are_not_a_trend(polls):
    fig = charts.opinion_trend(polls, series=("pew_russia_opinion_median",), answer="Favorable")
    rows = polls[(polls["series"] == "pew_russia_opinion_median") & (polls["answer"] == "Favorable")]
    assert points(fig.data[0]) == len(rows)
    assert "different set of countries" in title_of(fig) and "not a trend" in title_of(fig)
    plain = charts.opinion_trend(polls, series="levada_eu")
    assert "not a trend" not in title_of(plain)


def test_opinion_trend_splits_a_series_polled_in_several_countries(polls):
    fig = charts.opinion_trend(polls, series="pew_putin_confidence", answer="Confidence")
    rows = polls[(polls["series"] == "pew_putin_confidence") & (polls["answer"] == "Confidence")]
    assert len(fig.data) == rows["country_polled"].nunique()
    assert sum(points(t) for t in fig.data) == len(rows)
    with pytest.raises(KeyError, match="no poll series"):
        charts.opinion_trend(polls, series="levada_mars")


# ----------------------------------------------------------------------------------------- opinion_swing

def test_opinion_swing_says_when_the_questions_differ(polls):
    fig = charts.opinion_swing(polls, before=("levada_syria_troops", "2015-09"),
                               after=("levada_syria_airstrikes", "2015-10"))
    assert [t.name for t in fig.data] == ["Before: Sep 2015", "After: Oct 2015"]
    troops = polls[(polls["series"] == "levada_syria_troops") & (polls["answer_kind"] == "main")]
    strikes = polls[(polls["series"] == "levada_syria_airstrikes") & (polls["answer_kind"] == "main")]
    assert len(fig.data[0].x) == len(troops) and len(fig.data[1].x) == len(strikes)
    assert list(fig.data[1].x) == list(strikes["percent"])
    title = title_of(fig)
    assert "Different questions" in title
    assert "(69%)" in title and "(72%)" in title
    assert "pollster" not in title


def test_opinion_swing_same_question_and_unnamed_pollster(polls):
    fig = charts.opinion_swing(polls, before=("article_ukraine", "2021-11"), after=("article_ukraine", "2022-02"))
    title = title_of(fig)
    assert "Different questions" not in title
    assert "does not name the pollster" in title
    assert "45% to 35%" in title
    assert "unnamed pollster" in source_of(fig)
    assert fig.layout.xaxis.title.text == "% of respondents"


def test_opinion_swing_names_the_waves_it_has(polls):
    with pytest.raises(ValueError, match="2021-11"):
        charts.opinion_swing(polls, before=("article_ukraine", "2020-01"), after=("article_ukraine", "2022-02"))


# ------------------------------------------------------------------------------------------ dissociation

TIES = """
    tie_id,name,kind,domain,start_date,suspended_date,ended_date,status_as_of,source,note
    a,Council A,organisation,political,1995,2014-03,2022-03-16,ended,s,
    b,Treaty B,treaty,arms_control,1992-05,,2019,ended,s,
    c,Forum C,forum,security,2000,2014,,suspended,s,
    d,Org D,organisation,economic,2012-08-22,,,active,s,
"""


def test_active_ties_by_year_counts_by_the_stated_rule(tmp_path):
    counts = charts.active_ties_by_year(load_csv(tmp_path, "institutions", TIES), 1990, 2024)
    by_year = counts.set_index("year")
    assert list(counts.columns) == ["year", "active", "suspended", "ended"]
    assert by_year.loc[1990].tolist() == [0, 0, 0]
    assert by_year.loc[1992].tolist() == [1, 0, 0]
    assert by_year.loc[2014].tolist() == [4, 0, 0]  # suspended in 2014: still counts in 2014
    assert by_year.loc[2015].tolist() == [2, 2, 0]
    assert by_year.loc[2019].tolist() == [2, 2, 0]  # ended in 2019: counts until then
    assert by_year.loc[2020].tolist() == [1, 2, 1]
    assert by_year.loc[2023].tolist() == [1, 1, 2]
    assert (by_year.sum(axis=1) == [sum(s <= y for s in (1995, 1992, 2000, 2012)) for y in by_year.index]).all()


def test_dissociation_phases_are_contiguous_and_named():
    phases = charts.DISSOCIATION_PHASES
    assert list(phases) == ["association", "shift", "rupture", "break"]
    spans = list(phases.values())
    assert spans[0][0] == 1990 and spans[-1][1] is None
    assert all(spans[i][1] + 1 == spans[i + 1][0] for i in range(len(spans) - 1))


def test_dissociation_chart_follows_the_counts(institutions):
    fig = charts.dissociation(institutions, start=1990, end=2025)
    counts = charts.active_ties_by_year(institutions, 1990, 2025)
    assert [t.name for t in fig.data] == ["Active", "Suspended", "Ended"]
    for trace, column in zip(fig.data, ["active", "suspended", "ended"]):
        assert list(trace.x) == list(counts["year"]) and list(trace.y) == list(counts[column])
    phase_shapes = [s for s in fig.layout.shapes if (s.name or "").startswith("phase:")]
    assert [s.name for s in phase_shapes] == [f"phase:{p}" for p in charts.DISSOCIATION_PHASES]
    assert phase_shapes[1].x0 == 2003.5 and phase_shapes[-1].x1 == 2025.5
    peak = counts["active"].max()
    assert f"from {peak} in" in title_of(fig) and f"to {counts['active'].iloc[-1]} in 2025" in title_of(fig)
    assert fig.layout.yaxis.title.text


def test_dissociation_phases_can_be_changed_or_left_out(institutions):
    none = charts.dissociation(institutions, phases={})
    assert not [s for s in none.layout.shapes if (s.name or "").startswith("phase:")]
    mine = charts.dissociation(institutions, phases={"association": (1990, 2006), "shift": (2007, 2013)})
    assert [s.x1 for s in mine.layout.shapes] == [2006.5, 2013.5]


# ---------------------------------------------------------------------------------------------- episodes

def test_episodes_show_every_episode_by_outcome(episodes):
    fig = charts.episodes(episodes)
    plotted = [t for t in fig.data if t.showlegend is False]
    assert sum(len(t.x) for t in plotted) == len(episodes)
    for trace in plotted:
        outcome = next(k for k, v in charts.OUTCOME_LABELS.items() if v == trace.name)
        rows = episodes[episodes["outcome"] == outcome]
        assert len(trace.x) == len(rows) and trace.marker.color == charts.OUTCOME_COLOURS[outcome]
        assert sorted(trace.marker.symbol) == sorted("circle" if c else "circle-open" for c in rows["in_article"])
        for field in ("Challenge", "Threat", "Response", "Source"):
            assert field in trace.hovertemplate
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert legend == ["Cited by Snegovaya & Whitmore", "Other episodes"]
    assert f"in {(episodes['outcome'] == 'backed_down').sum()} of {len(episodes)}" in title_of(fig)


def test_episodes_mark_the_article_publication(tmp_path):
    episodes = load_csv(tmp_path, "episodes", """
        episode_id,date,precision,challenger,challenge,russian_threat,russian_response,outcome,in_article,source,note
        a,2015-11-24,day,Turkey,Shot down a jet,Serious consequences,Sanctions,mixed,yes,https://example.org/a,
        b,2023-05,month,UK,Sent missiles,Adequate response,Nothing,backed_down,no,https://example.org/b,
    """)
    fig = charts.episodes(episodes)
    line = next(s for s in fig.layout.shapes if s.name == "published")
    assert pd.Timestamp(line.x0) == pd.Timestamp("2022-07-08")
    assert any("8 Jul 2022" in (a.text or "") for a in fig.layout.annotations)
    mixed = next(t for t in fig.data if t.name == "Mixed")
    assert list(mixed.marker.symbol) == ["circle"] and mixed.customdata[0][0] == "24 Nov 2015"
    backed = next(t for t in fig.data if t.name == "Backed down")
    assert list(backed.marker.symbol) == ["circle-open"] and backed.customdata[0][0] == "May 2023"
    assert [t.name for t in fig.data if t.showlegend is False] == ["Backed down", "Mixed"]
