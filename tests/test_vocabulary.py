"""The vocabulary decides each thing once: the same words read the same way in every format.

A unit note, and a reporting point ("Month 6", "Q3"), each has one pattern in
`extract.tables.vocabulary`; these tests hold the readers that once kept their own copies to it.
"""

from __future__ import annotations

import pytest
from domain_tables import document, table

from extract.document import extract_file
from extract.domain.from_tables import records_from_tables
from extract.reading import find_unit
from extract.tables.vocabulary import reporting_month

MONITORING = """<html><body><h2>Children's Services budget monitoring</h2><p>{note}</p>
<table><tr><th>Service</th><th>Budget</th><th>Forecast</th><th>Variance</th></tr>
<tr><td>Looked after children</td><td>48.3</td><td>52.1</td><td>3.8</td></tr>
<tr><td>Family support</td><td>12.0</td><td>11.5</td><td>(0.5)</td></tr>
<tr><td>Total</td><td>60.3</td><td>63.6</td><td>3.3</td></tr></table></body></html>"""


@pytest.mark.parametrize(
    ("note", "unit", "budget"),
    [
        ("All figures in £’m", "£m", 48_300_000.0),
        ("All figures in £'m", "£m", 48_300_000.0),
        ("All figures in £m", "£m", 48_300_000.0),
        ("Figures in £’000s", "£000", 48_300.0),
    ],
)
def test_a_unit_stated_once_above_a_web_or_word_table_scales_every_figure_under_it(
    note: str, unit: str, budget: float
) -> None:
    """The HTML and Word readers once read "£’m" as a bare "£" and stored £48.3m as £48.30."""
    extraction = extract_file("monitoring.html", MONITORING.format(note=note).encode())
    assert [t.unit for t in extraction.tables] == [unit]
    lines = {b.name: b.budget_gbp for b in extraction.budget_lines}
    assert lines["Looked after children"] == pytest.approx(budget)


@pytest.mark.parametrize(
    ("text", "unit"),
    [("Budget £’m", "£m"), ("£’000s", "£000"), ("(£)", "£"), ("Cost £1.2m", None), ("Children", None)],
)
def test_one_reading_of_a_unit_note_gives_canonical_units(text: str, unit: str | None) -> None:
    assert find_unit(text) == unit


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("Forecast Month 6", 6),
        ("Forecast M6", 6),
        ("P7 forecast", 7),
        ("Period 10", 10),
        ("Forecast Q3", 9),
        ("Quarter 2", 6),
        ("budget_monitoring_q1_2025-26.pdf", 3),
        ("Forecast 2025/26", 0),
        ("Budget £m", 0),
        ("Item 3", 0),
    ],
)
def test_a_reporting_point_is_read_as_months_into_the_year(text: str, month: int) -> None:
    assert reporting_month(text) == month


def test_of_two_forecasts_the_later_point_in_the_year_is_read_whether_month_or_quarter() -> None:
    """Q3 is month 9, later than month 8: counted as a bare 3 it would lose to "Month 8"."""
    rows = [
        ["Service", "Budget £m", "Forecast Month 8 £m", "Forecast Q3 £m"],
        ["Looked after children", "48.3", "51.0", "52.1"],
        ["Family support", "12.0", "11.8", "11.5"],
    ]
    found = records_from_tables([table(rows)], document()).budget_lines
    assert {b.name: b.forecast_gbp for b in found} == {
        "Looked after children": pytest.approx(52.1e6),
        "Family support": pytest.approx(11.5e6),
    }
    turned = [rows[0][:2] + [rows[0][3], rows[0][2]], *(r[:2] + [r[3], r[2]] for r in rows[1:])]
    again = records_from_tables([table(turned)], document()).budget_lines
    assert {b.name: b.forecast_gbp for b in again} == {b.name: b.forecast_gbp for b in found}
