"""The data layer: every shipped table loads typed and sourced; every kind of bad row is named precisely."""

import shutil

import pandas as pd
import pytest

from course import data
from course.schemas import TABLES

MINIMUM_ROWS = {"events": 80, "polls": 100, "institutions": 15, "episodes": 15, "questions": 15, "glossary": 60,
                "un_votes": 4, "economy": 15,
                "mcq_bank": 20, "article_errors": 8}





@pytest.mark.parametrize("name", list(TABLES))
def test_every_declared_table_ships_with_enough_rows(name):
    df = data.load(name)
    assert len(df) >= MINIMUM_ROWS[name]


@pytest.mark.parametrize("name", list(TABLES))
def test_every_row_has_a_source(name):
    df = data.load(name)
    assert df["source"].str.strip().ne("").all()


def test_events_span_1682_to_the_cutoff_with_parsed_precision():
    events = data.load("events")
    assert events["date"].min().year == 1682
    assert events["date"].is_monotonic_increasing or events["date"].max().year >= 2024
    assert str(events["date"].dtype).startswith("datetime64")
    assert set(events["precision"].cat.categories) == {"year", "month", "day"}
    peter = events[events["date_label"] == "1682"].iloc[0]
    assert peter["precision"] == "year" and peter["date"] == pd.Timestamp("1682-01-01")


def test_loaded_tables_are_typed():
    polls = data.load("polls")
    assert polls["percent"].dtype == float
    assert isinstance(polls["answer_kind"].dtype, pd.CategoricalDtype)
    events = data.load("events")
    assert events["verified"].dtype == bool
    assert isinstance(events["category"].dtype, pd.CategoricalDtype)


def test_article_figures_without_a_pollster_stay_attributed_to_the_article():
    polls = data.load("polls")
    unnamed = polls[polls["series"] == "article_ukraine"]
    assert len(unnamed) == 4
    assert (unnamed["pollster"] == "Not named in article").all()
    assert (unnamed["article"] == "snegovaya_whitmore").all()


def test_load_returns_a_copy_the_learner_may_change():
    first = data.load("events")
    first.loc[:, "event"] = "changed"
    assert (data.load("events")["event"] != "changed").all()


def test_unknown_table_names_the_tables():
    with pytest.raises(KeyError, match="events"):
        data.load("evnets")


def test_mentions_filters_by_article():
    events = data.load("events")
    ruxit = events[data.mentions(events, "ruxit")]
    assert len(ruxit) > 5
    assert ruxit["articles"].str.contains("ruxit").all()


# --- malformed files: one clear message naming file, row, column and value ---------------------------------


def corrupt(tmp_path, name, edit):
    """Copy a shipped table, apply `edit` to its text rows, and return the new file's path."""
    path = tmp_path / TABLES[name].file
    shutil.copy(data.DATA_DIR / TABLES[name].file, path)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    edit(df)
    df.to_csv(path, index=False)
    return path


def error_for(path, name) -> data.DataError:
    with pytest.raises(data.DataError) as caught:
        data.load_file(path, name)
    return caught.value


def test_missing_column_is_named(tmp_path):
    path = corrupt(tmp_path, "events", lambda df: df.pop("source"))
    err = error_for(path, "events")
    assert err.column == "source" and "missing" in str(err)
    assert "events.csv" in str(err)


def test_unparseable_date_names_row_column_and_value(tmp_path):
    path = corrupt(tmp_path, "events", lambda df: df.__setitem__("date", df["date"].where(df.index != 4, "1812-13-40")))
    err = error_for(path, "events")
    assert (err.row, err.column, err.value) == (6, "date", "1812-13-40")
    assert "row 6, column 'date': value '1812-13-40'" in str(err)


def test_value_outside_the_allowed_set(tmp_path):
    path = corrupt(tmp_path, "events", lambda df: df.__setitem__("category", df["category"].where(df.index != 0, "gossip")))
    err = error_for(path, "events")
    assert (err.row, err.column, err.value) == (2, "category", "gossip")
    assert "must be one of" in str(err)


def test_duplicate_key(tmp_path):
    def dup(df):
        df.loc[3, "event_id"] = df.loc[1, "event_id"]

    err = error_for(corrupt(tmp_path, "events", dup), "events")
    assert err.row == 5 and err.column == "event_id" and "duplicate key (first at row 3)" in str(err)


def test_empty_source(tmp_path):
    path = corrupt(tmp_path, "polls", lambda df: df.__setitem__("source", df["source"].where(df.index != 7, "")))
    err = error_for(path, "polls")
    assert (err.row, err.column) == (9, "source") and "required" in str(err)


def test_percent_outside_0_to_100(tmp_path):
    path = corrupt(tmp_path, "polls", lambda df: df.__setitem__("percent", df["percent"].where(df.index != 2, "140")))
    err = error_for(path, "polls")
    assert any(p[:3] == (4, "percent", "140") for p in err.problems)


def test_answers_to_one_question_summing_over_100(tmp_path):
    def inflate(df):
        wave = df.index[(df["series"] == "levada_usa") & (df["answer"] == "Positive")][0]
        df.loc[wave, "percent"] = "99"

    err = error_for(corrupt(tmp_path, "polls", inflate), "polls")
    assert err.column == "percent" and "add up to more than" in str(err)


def test_precision_must_match_the_date(tmp_path):
    path = corrupt(tmp_path, "events", lambda df: df.__setitem__("precision", df["precision"].where(df.index != 0, "day")))
    err = error_for(path, "events")
    assert (err.row, err.column, err.value) == (2, "precision", "day")


def test_not_a_csv_and_missing_file(tmp_path):
    bad = tmp_path / "events.csv"
    bad.write_bytes(b"\xff\xfe\x00bad")
    assert "not UTF-8" in str(error_for(bad, "events"))
    assert "file not found" in str(error_for(tmp_path / "nope.csv", "events"))


def test_many_problems_are_all_counted(tmp_path):
    path = corrupt(tmp_path, "events", lambda df: df.__setitem__("verified", "maybe"))
    err = error_for(path, "events")
    assert len(err.problems) == len(pd.read_csv(path))
    assert "and" in str(err).splitlines()[-1]
