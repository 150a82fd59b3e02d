"""A monitoring row takes the year its document's opening names where nothing nearer gives one
(Severnbrook: caption notes between its appendix's title and table), and a row in doubt marks only
the figures its failed checks reach (Ashdown Vale: the same line elsewhere differs in its forecast
and variance, not its budget)."""

from __future__ import annotations

from typing import Any

from domain_tables import document, table

from analyse.position import reached_fields
from extract.domain.from_tables import opening_year, records_from_tables
from extract.records import Passage, Provenance
from extract.verify.places import PLACES_IDENTITY

WHERE = Provenance(file="p.pdf", sha256="ef" * 32, page=1, bbox=None, locator="page 1", text="x")
ROWS = [
    ["Service", "Budget £000", "Forecast £000", "Variance £000"],
    ["Adoption", "1,000", "1,200", "200"],
    ["Youth justice", "2,000", "1,900", "(100)"],
    ["Total Early Help and Prevention", "3,000", "3,100", "100"],
]


def test_the_year_a_documents_opening_names_is_the_year_of_a_row_nothing_nearer_dates() -> None:
    opening = [Passage(text="WESTLEIGH COUNCIL\nFinance Scrutiny, March 2026", provenance=[WHERE])]
    opening.append(Passage(text="Budget Monitor 2025-2026: Month 10", provenance=[WHERE]))
    assert opening_year(opening) == "2025-26"
    plan = [Passage(text="Medium Term Financial Strategy 2026/27 to 2029/30", provenance=[WHERE])]
    assert opening_year(plan) is None  # several years: none is the document's
    lines = records_from_tables([table(ROWS)], document(), opening_year(opening)).budget_lines
    assert lines and {b.period for b in lines} == {"2025-26"}
    # a title's year is nearer, and wins
    titled = records_from_tables([table(ROWS, title="Month 10, 2024/25")], document(), "2025-26")
    assert {b.period for b in titled.budget_lines} == {"2024-25"}
    assert {b.period for b in records_from_tables([table(ROWS)], document()).budget_lines} == {None}


SUMMARY = [
    ["Directorate", "Budget £000", "Forecast £000", "Variance £000"],
    ["Early Help and Prevention", "3,000", "3,100", "100"],
    ["Adults", "5,000", "5,000", "0"],
    ["Total", "8,000", "8,100", "100"],
]
# the directorate's page: its total's forecast and variance misprinted, its budget as the summary's
PAGE = [
    ["Service", "Budget £000", "Forecast £000", "Variance £000"],
    ["Adoption", "1,000", "1,200", "200"],
    ["Youth justice", "2,000", "1,900", "(100)"],
    ["Total Early Help and Prevention", "3,000", "3,000", "0"],
]


def test_a_total_that_differs_from_its_line_elsewhere_in_two_figures_is_in_doubt_in_those_alone() -> None:
    found = records_from_tables([table(SUMMARY, page=1), table(PAGE, page=3)], document())
    total = next(b for b in found.budget_lines if b.name == "Total Early Help and Prevention")
    failed = [c for c in total.checks if not c.held]
    places = next(c for c in failed if c.identity == PLACES_IDENTITY)
    assert places.fields == ["forecast_gbp", "variance_gbp"]
    assert reached_fields(total) == ("forecast_gbp", "variance_gbp")
    # a check that cannot tell which figure is wrong reaches them all
    unsure = total.model_copy(update={"checks": [c.model_copy(update={"fields": []}) for c in total.checks]})
    assert reached_fields(unsure) == ("budget_gbp", "forecast_gbp", "variance_gbp")


def test_ashdowns_budget_is_not_in_doubt_where_only_its_forecast_and_variance_are(
    ashdown: tuple[Any, Any],
) -> None:
    review, _ = ashdown
    row = next(b for b in review.selection.monitoring_rows if b.doubts)
    assert row.name == "Children's Services total"
    assert set(row.doubts) == {"forecast_gbp", "variance_gbp"}
    # so the recovery plan's "net budget of £117.2m" restates no figure in doubt
    assert all(f.value != 117_200_000.0 for r in review.rows_doubted for f in r.restated_in)


def test_a_line_whose_slip_the_total_names_is_in_doubt_in_that_figure_alone() -> None:
    """Budget + variance = forecast failing says only that one of three is wrong; the total its
    lines must reach says which (the one figure whose row-implied value makes it add up)."""
    rows = [
        ["Service", "Budget £000", "Forecast £000", "Variance £000"],
        ["Adoption", "1,000", "1,200", "20"],
        ["Youth justice", "2,000", "1,900", "(100)"],
        ["Total", "3,000", "3,100", "100"],
    ]
    found = records_from_tables([table(rows, page=1)], document())
    line = next(b for b in found.budget_lines if b.name == "Adoption")
    assert reached_fields(line) == ("variance_gbp",)
    # with no total to name it, the slip could be any of the three
    alone = records_from_tables([table(rows[:3], page=1)], document())
    assert reached_fields(next(b for b in alone.budget_lines if b.name == "Adoption")) == (
        "budget_gbp",
        "forecast_gbp",
        "variance_gbp",
    )
