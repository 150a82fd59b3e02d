"""The cell and year parsers the benchmark importer relies on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyse.benchmarks.parsing import la_code, parse_period, parse_value, population_year


@pytest.mark.parametrize("marker", ["c", "x", "-", "[x]", "z", "k", "", "  ", "[z]", ":", "low"])
def test_suppression_markers_are_missing_values(marker: str) -> None:
    assert parse_value(marker) is None


def test_float_noise_in_exported_text_is_removed() -> None:
    assert parse_value("35.200000000000003") == 35.2
    assert parse_value("284.89999999999998") == 284.9


def test_thousands_separators_and_pounds_are_read() -> None:
    assert parse_value("£1,234,567") == 1234567.0


@pytest.mark.parametrize(
    ("label", "period"),
    [
        ("2024-25 (OT)", "2024-25"),
        ("2024-25", "2024-25"),
        ("2015/16", "2015-16"),
        ("2024/25", "2024-25"),
        ("202425", "2024-25"),
        ("2025", "2025"),
        ("2025 (Rev)", "2025"),
        ("2025 (prov)", "2025"),
        ("2020 (Final)", "2020"),
        ("1999-00", "1999-00"),
    ],
)
def test_year_labels_become_financial_years_or_31_march_years(label: str, period: str) -> None:
    assert parse_period(label) == period


@pytest.mark.parametrize("label", ["2014-16", "2013/14-15/16", "0", "not a year"])
def test_rolling_ranges_and_junk_are_not_one_period(label: str) -> None:
    assert parse_period(label) is None


def test_spend_and_31_march_figures_pair_with_the_same_mid_year_population() -> None:
    assert population_year("2024-25") == "2024"
    assert population_year("2025") == "2024"


def test_la_numbers_written_as_floats_become_three_digit_codes() -> None:
    assert la_code("886.0") == "886"
    assert la_code(886.0) == "886"
    assert la_code("c") is None


@given(st.integers(min_value=1991, max_value=2098))
def test_every_financial_year_label_round_trips(start: int) -> None:
    period = f"{start}-{(start + 1) % 100:02d}"
    assert parse_period(period) == period
    assert parse_period(f"{period} (OT)") == period
    assert parse_period(f"{start}/{(start + 1) % 100:02d}") == period


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_parsing_a_printed_float_gives_it_back(value: float) -> None:
    assert parse_value(repr(value)) == pytest.approx(value, rel=1e-11, abs=1e-300)
