"""Parsers for amounts, units, periods and money phrases, with property tests."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.numbers import (
    CALENDAR_DATE,
    MONTHS,
    date_parts,
    find_periods,
    normalise_period,
    parse_amount,
    parse_money,
    unit_multiplier,
)

amounts = st.decimals(min_value=0, max_value=10**9, places=1, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.5", 1234.5),
        ("(350)", -350.0),
        ("-3,041.1", -3041.1),
        ("\u22123,041.1", -3041.1),
        ("+23.3", 23.3),
        ("\u2013", 0.0),
        ("-", 0.0),
        ("\u2014", 0.0),
        ("nil", 0.0),
        ("£1.2m", 1_200_000.0),
        ("12%", 12.0),
        ("(£350k)", -350_000.0),
        ("0.0", 0.0),
    ],
)
def test_amounts_read_as_councils_write_them(text: str, expected: float) -> None:
    assert parse_amount(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["", "abc", "Total", "1,23", "1.2.3", "(350", "2025-26", "n/a", "£000", "£'000", "(£000s)"]
)
def test_text_that_is_not_one_number_gives_none(text: str) -> None:
    assert parse_amount(text) is None


@given(amounts)
def test_bracketed_figures_are_the_negative_of_plain_ones(value: object) -> None:
    text = f"{value:,.1f}"
    plain = parse_amount(text)
    assert plain is not None
    assert parse_amount(f"({text})") == -plain
    assert parse_amount(f"-{text}") == -plain
    assert parse_amount(f"\u2212{text}") == -plain


@given(amounts)
def test_thousands_separators_do_not_change_the_value(value: object) -> None:
    assert parse_amount(f"{value:,.1f}") == parse_amount(f"{value:.1f}")


@given(st.text(max_size=12))
def test_parse_amount_never_raises(text: str) -> None:
    result = parse_amount(text)
    assert result is None or isinstance(result, float)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£000", 1e3),
        ("£000s", 1e3),
        ("£'000", 1e3),
        ("£000's", 1e3),
        ("£k", 1e3),
        ("£m", 1e6),
        ("£M", 1e6),
        ("£million", 1e6),
        ("All figures in £m", 1e6),
        ("£bn", 1e9),
        ("£", 1.0),
        ("2025-26\n£000's", 1e3),
    ],
)
def test_unit_notes_give_their_multiplier(text: str, expected: float) -> None:
    assert unit_multiplier(text) == expected


@pytest.mark.parametrize("text", ["", "Directorate", "2025-26", "£1.2m"])
def test_text_without_a_unit_note_has_no_multiplier(text: str) -> None:
    assert unit_multiplier(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023/24", "2023-24"),
        ("23/24", "2023-24"),
        ("2023-2024", "2023-24"),
        ("2024-25", "2024-25"),
        ("FY24", "2023-24"),
        ("2023 to 2024", "2023-24"),
        ("2025-26\n£000's", "2025-26"),
    ],
)
def test_periods_become_financial_years(text: str, expected: str) -> None:
    assert normalise_period(text) == expected


@pytest.mark.parametrize("text", ["2023", "aged 18-25", "2023/25", "", "2023-24 and 2024-25"])
def test_text_without_exactly_one_financial_year_has_no_period(text: str) -> None:
    assert normalise_period(text) is None


@given(st.integers(min_value=2000, max_value=2098))
def test_every_spelling_of_a_year_gives_the_same_period(start: int) -> None:
    end = start + 1
    spellings = [
        f"{start}/{end % 100:02d}",
        f"{start % 100:02d}/{end % 100:02d}",
        f"{start}-{end}",
        f"{start}-{end % 100:02d}",
        f"FY{end % 100:02d}",
    ]
    assert {normalise_period(s) for s in spellings} == {f"{start}-{end % 100:02d}"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as at 31st March 2025", (2025, 3, 31)),
        ("Cabinet – 6 November 2025", (2025, 11, 6)),
        ("due to end in march 2026", (2026, 3, None)),
        ("from 1 April 2025 onwards", (2025, 4, 1)),
    ],
)
def test_a_date_is_read_as_prose_prints_it_with_or_without_its_day(
    text: str, expected: tuple[int, int, int | None]
) -> None:
    found = re.search(CALENDAR_DATE, text, re.I)
    assert found is not None and date_parts(found) == expected


@pytest.mark.parametrize("text", ["31 Mar 2025", "March 20255", "xMarch 2025", "2025-26", "March 1999"])
def test_text_that_prints_no_full_date_gives_none(text: str) -> None:
    assert re.search(CALENDAR_DATE, text, re.I) is None


@given(
    st.integers(1, 31),
    st.sampled_from(["", "st", "nd", "rd", "th"]),
    st.integers(1, 12),
    st.integers(2000, 2099),
)
def test_every_day_month_and_year_reads_back(day: int, suffix: str, month: int, year: int) -> None:
    found = re.fullmatch(CALENDAR_DATE, f"{day}{suffix} {MONTHS[month - 1].title()} {year}", re.I)
    assert found is not None and date_parts(found) == (year, month, day)


def test_periods_are_found_in_order_of_appearance() -> None:
    assert find_periods("from 2024/25 to 2026-27") == ["2024-25", "2026-27"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£9.8million", 9.8e6),
        ("£9.8 million", 9.8e6),
        ("£1.2m", 1.2e6),
        ("£350k", 350e3),
        ("£3.4bn", 3.4e9),
        ("£435", 435.0),
    ],
)
def test_money_phrases_give_pounds(text: str, expected: float) -> None:
    assert parse_money(text) == pytest.approx(expected)


def test_a_bare_number_takes_the_tables_unit_but_an_explicit_magnitude_does_not() -> None:
    assert parse_money("-3,041.1", 1000) == pytest.approx(-3_041_100.0)
    assert parse_money("£1.2m", 1000) == pytest.approx(1.2e6)


def test_a_percentage_is_not_money() -> None:
    assert parse_money("12%") is None


@given(amounts, st.sampled_from([("m", 1e6), ("k", 1e3), ("bn", 1e9), ("million", 1e6), (" million", 1e6)]))
def test_a_money_phrase_is_its_number_times_its_magnitude(value: object, suffix: tuple[str, float]) -> None:
    word, scale = suffix
    number = float(f"{value:.1f}")
    assert parse_money(f"£{value:,.1f}{word}") == pytest.approx(number * scale)
    assert parse_money(f"£{value:,.1f}{word}", default_multiplier=1000) == pytest.approx(number * scale)


@pytest.mark.parametrize(
    ("text", "multiplier"), [("Kent £’m", 1e6), ("£'m", 1e6), ("£’bn", 1e9), ("£'000", 1e3)]
)
def test_a_unit_written_with_an_apostrophe_scales_like_the_plain_one(text: str, multiplier: float) -> None:
    assert unit_multiplier(text) == multiplier
