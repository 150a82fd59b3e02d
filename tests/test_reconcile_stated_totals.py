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


# A net total misprinted by £0.4m in its outturn column (its lines and its variance agree): the
# reviewer's settlement of that row reaches the check and the count, not only the row itself.
MISPRINTED = [
    ["Area", "Net budget £m", "Outturn £m", "Over/(under) £m"],
    ["Fostering", "12.0", "13.1", "1.1"],
    ["Residential care", "20.0", "21.5", "1.5"],
    ["Net total", "32.0", "34.2", "2.6"],  # the lines' outturn sums to 34.6
]


def _settle(extraction: Extraction, action: str, **changes: object) -> Extraction:
    total = next(b for b in extraction.budget_lines if b.name == "Net total")
    made = new_correction(
        council=None, key=record_key("budget_line", total), action=action, by="r@example.org", **changes
    )  # type: ignore[arg-type]
    return apply_corrections(extraction, [made])


def test_a_total_a_reviewer_corrected_is_checked_as_corrected_and_says_what_was_printed() -> None:
    from analyse.reconcile import checks_count

    printed = extracted(MISPRINTED)
    assert codes(printed)["Net total (forecast)"] == "total_mismatch"
    corrected = _settle(printed, "corrected", field="forecast_gbp", old=34.2e6, new=34.6e6)
    (forecast,) = [r for r in table_total_checks(corrected) if r.subject == "Net total (forecast)"]
    assert forecast.code == "total_ok" and forecast.settled == "corrected" and forecast.was_gbp == 34.2e6
    assert forecast.message.startswith("Printed £34.2m; corrected by a reviewer to £34.6m.")
    assert checks_count(table_total_checks(corrected)).totals_not_reconciled == 0


def test_a_total_a_reviewer_confirmed_as_printed_is_listed_as_confirmed_and_not_counted_in_doubt() -> None:
    from analyse.reconcile import checks_count, confirmed_by_reviewers

    confirmed = _settle(extracted(MISPRINTED), "confirmed")
    checks = confirmed_by_reviewers(table_total_checks(confirmed), confirmed)
    (forecast,) = [r for r in checks if r.subject == "Net total (forecast)"]
    assert forecast.code == "total_mismatch" and forecast.settled == "confirmed"
    assert forecast.message.endswith("Confirmed as printed by a reviewer.")
    count = checks_count(checks)
    assert (count.totals_not_reconciled, count.totals_confirmed) == (0, 1)
    unsettled = checks_count(table_total_checks(extracted(MISPRINTED)))
    assert (unsettled.totals_not_reconciled, unsettled.totals_confirmed) == (1, 0)
