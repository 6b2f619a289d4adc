"""The economy table: negative growth loads as a number, every year has at most one row per series, and a
malformed value is named precisely."""

import pytest

from course import data
from course.data import DataError


def test_growth_figures_are_numbers_and_may_be_negative():
    economy = data.load("economy")
    growth = economy[economy["series"] == "gdp_growth"].set_index("year")["value"]
    assert economy["value"].dtype == float
    assert growth[2022] < 0 < growth[2023]
    assert not economy.duplicated(["series", "year"]).any()


def test_a_value_that_is_not_a_number_is_named(tmp_path):
    path = tmp_path / "economy.csv"
    text = (data.DATA_DIR / "economy.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("gdp_growth,2014,0.6,", "gdp_growth,2014,about 0.6,"), encoding="utf-8")
    with pytest.raises(DataError, match=r"row 3, column 'value': value 'about 0.6': is not a number"):
        data.load_file(path, "economy")
