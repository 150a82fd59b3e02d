"""Ways of writing money and years that other councils use, read to the value they mean."""

from __future__ import annotations

import pytest

from extract.numbers import find_periods, parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("£(1,234)", -1234.0),
        ("£-1,234", -1234.0),
        ("£ (450)", -450.0),
        ("-£1,234", -1234.0),
        ("(£1,234)", -1234.0),
    ],
)
def test_a_pound_sign_before_the_sign_or_bracket_still_reads_negative(text: str, value: float) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["FY 2025/26", "FY25/26", "FY2025-26", "FY26", "2025-2026"])
def test_a_financial_year_prefixed_fy_is_the_year_it_names(text: str) -> None:
    assert find_periods(text) == ["2025-26"]


def test_magnitudes_give_whole_pounds_without_float_residue() -> None:
    assert [parse_amount(t) for t in ("£4.1m", "£0.7m", "£1.1bn")] == [
        4_100_000.0,
        700_000.0,
        1_100_000_000.0,
    ]
