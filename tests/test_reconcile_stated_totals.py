"""Table totals in the review: extraction reads each stated total once, with the lines it covers;
analysis sums those lines' records, as read or as a reviewer corrected them."""

from __future__ import annotations

from analyse.reconcile import table_total_checks
from extract.domain.from_tables import records_from_tables
from extract.records import Extraction
from tests.domain_tables import document, table
from workers.corrections import apply_corrections, new_correction, record_key

MONITORING = [
    ["Service", "Budget £000", "Forecast £000", "Variance £000"],
    ["Placements", "60,000", "65,000", "5,000"],
    ["Social work", "35,000", "35,500", "500"],
    ["Residential", "10,000", "9,000", "-1,000"],
    ["Total Children's Services", "105,000", "109,500", "4,500"],
]


def extracted(rows: list[list[str]]) -> Extraction:
    doc = document()
    tables = [table(rows, title="Revenue budget monitoring 2025-26")]
    found = records_from_tables(tables, doc)
    return Extraction(
        documents=[doc],
        budget_lines=found.budget_lines,
        tables=tables,
        stated_totals=found.stated_totals,
    )


def misread() -> Extraction:
    rows = [row[:] for row in MONITORING]
    rows[1][2:] = ["66,000", "6,000"]  # Placements' forecast read £1m high (and its variance with it)
    return extracted(rows)


def codes(extraction: Extraction) -> dict[str, str]:
    return {r.subject: r.code for r in table_total_checks(extraction)}


def test_a_stated_total_is_checked_against_its_lines_with_the_total_rows_provenance() -> None:
    checks = table_total_checks(extracted(MONITORING))
    assert {r.subject: r.code for r in checks} == {
        "Total Children's Services (budget)": "total_ok",
        "Total Children's Services (forecast)": "total_ok",
        "Total Children's Services (variance)": "total_ok",
    }
    where = checks[0].provenance[0]
    assert (where.page, where.locator) == (3, "page 3, table 1, row 5")
    assert where.text.startswith("Total Children's Services | 105,000")


def test_a_misread_line_makes_its_total_a_mismatch() -> None:
    assert codes(misread())["Total Children's Services (forecast)"] == "total_mismatch"
    (forecast,) = [r for r in table_total_checks(misread()) if r.subject.endswith("(forecast)")]
    assert forecast.checked_against == "table" and forecast.message == (
        "Stated £109.5m; its 3 lines sum to £110.5m: a difference of \u2212£1.0m."
        " The total may cover other lines than those above it: check the table."
    )


def test_analysis_reads_the_totals_extraction_kept_not_the_tables_again() -> None:
    without_tables = misread().model_copy(update={"tables": []})
    assert codes(without_tables)["Total Children's Services (forecast)"] == "total_mismatch"
    assert table_total_checks(misread().model_copy(update={"stated_totals": []})) == []


def test_a_reviewers_correction_of_the_misread_line_reconciles_the_total() -> None:
    extraction = misread()
    placements = next(b for b in extraction.budget_lines if b.name == "Placements")
    correction = new_correction(
        council=None,
        key=record_key("budget_line", placements),
        action="corrected",
        by="reviewer@example.org",
        field="forecast_gbp",
        old=66e6,
        new=65e6,
    )
    corrected = apply_corrections(extraction, [correction])
    assert codes(corrected)["Total Children's Services (forecast)"] == "total_ok"
