"""A monitoring table that prints each directorate's total ABOVE its services, over a page break.

The directorates are found where their services add up to them; in such a table a directorate
whose services do not add up to it (a misprinted line) is still their head, contradicted in the
columns that fail, while the council's total, the sum of the directorate totals, reconciles.
"""

from __future__ import annotations

from extract.domain.from_tables import records_from_tables
from extract.records import BudgetLine, Verification
from tests.domain_tables import document, table

HEADER = ["Directorate / Service", "Net budget £000", "Forecast £000", "Variance £000"]
# People Services' services run on over the page break and add up to it. Place Services' add up
# to its budget (900) but not to its forecast: they print 880 against its 895 (a line misprinted),
# and -20 against its variance of -5.
PAGE_ONE = [
    HEADER,
    ["People Services", "1,210", "1,280", "70"],
    ["Fostering", "480", "520", "40"],
    ["Residential care", "390", "405", "15"],
]
PAGE_TWO = [
    HEADER,
    ["Youth offending", "340", "355", "15"],
    ["Place Services", "900", "895", "-5"],
    ["Roads", "600", "590", "-10"],
    ["Parks", "300", "290", "-10"],
    ["Council total", "2,110", "2,175", "65"],
]


def lines() -> dict[str, BudgetLine]:
    tables = [
        table(PAGE_ONE, page=6, header_rows=1, locator="page 6, table 1", title="Revenue monitoring 2025-26"),
        table(PAGE_TWO, page=7, header_rows=1, locator="page 7, table 1"),
    ]
    found = records_from_tables(tables, document())
    return {b.name: b for b in found.budget_lines}


def test_services_after_a_directorate_total_are_that_directorates_across_the_page_break() -> None:
    found = lines()
    assert found["People Services"].level == "directorate"
    assert found["People Services"].verification is Verification.VERIFIED
    for name in ("Fostering", "Residential care", "Youth offending"):
        assert (found[name].level, found[name].directorate) == ("service_line", "People Services")
    for name in ("Roads", "Parks"):
        assert found[name].directorate == "Place Services"


def test_a_directorate_total_its_services_contradict_is_marked_in_the_columns_that_fail() -> None:
    found = lines()
    head = found["Place Services"]
    assert head.level == "directorate" and head.verification is Verification.CONTRADICTED
    (failed,) = [c for c in head.checks if not c.held]
    assert "'Forecast £000' £0.895m against lines £0.88m" in failed.detail
    assert "'Variance £000'" in failed.detail and "Net budget" not in failed.detail
    # Each service's own row adds up, so the total carries the doubt, not its services.
    assert found["Roads"].verification is Verification.VERIFIED


def test_the_council_total_of_directorate_totals_printed_above_their_services_reconciles() -> None:
    total = lines()["Council total"]
    assert total.verification is Verification.VERIFIED
    assert all(c.held for c in total.checks)


def test_without_a_directorate_found_by_its_sums_no_total_is_taken_from_the_layout() -> None:
    # People Services' services no longer add up to its budget either: nothing shows the table
    # prints its directorates above their services, so Place Services is read as the line it is.
    page_one = [row[:] for row in PAGE_ONE]
    page_one[2][1] = "470"
    tables = [
        table(page_one, page=6, header_rows=1, locator="page 6, table 1", title="Revenue monitoring 2025-26"),
        table(PAGE_TWO, page=7, header_rows=1, locator="page 7, table 1"),
    ]
    found = {b.name: b for b in records_from_tables(tables, document()).budget_lines}
    assert found["Place Services"].level == "service_line"
