"""Northmoor's savings and totals (TRUTH.md B; A p3, p4, p7): the children's savings are the
tracker's nine lines, not a row of the monitoring report's "Savings by directorate" table; each
total is checked against the lines of its own table, and one doubt is one finding.

Beside them, the general rules with other wordings: a row named only by its directorate totals
other lines; a total covers lines of its own table only; a directorate stated twice is checked once."""

from __future__ import annotations

from typing import Any

from domain_tables import document, table

from analyse.reconcile import budget_total_checks
from analyse.records import Review
from extract.domain.from_tables import records_from_tables
from extract.records import BudgetLine, StatedTotal
from ingest.records import DocumentKind
from tests.review_builders import prov

TRACKER = "Northmoor_CS_Savings_Tracker_P6_2025-26.xlsx"


def test_the_childrens_savings_are_the_trackers_nine_lines(northmoor: Any) -> None:
    review, extraction = northmoor
    assert isinstance(review, Review)
    assert [s.ref for s in extraction.savings] == [f"CS0{n}" for n in range(1, 10)]
    assert {s.provenance[0].file for s in extraction.savings} == {TRACKER}
    summary = review.savings_summary
    # TRUTH B: target 5,640, forecast 3,910, shortfall 1,730 (£000); 6 lines short of target
    assert (summary.lines, summary.target_gbp, summary.forecast_gbp) == (9, 5_640_000, 3_910_000)
    assert (summary.at_risk_count, summary.at_risk_gbp) == (6, 1_730_000)


def test_the_reports_shortfall_in_the_forecast_agrees_with_the_tracker(northmoor: Any) -> None:
    # TRUTH A p5: "the shortfall of £1.73m is included in the forecast"; the tracker's lines make 1,730
    review, _ = northmoor
    stated = review.savings_summary.in_forecast
    assert [(s.amount_gbp, s.tracker_gbp, s.agrees) for s in stated] == [(1_730_000, 1_730_000, True)]


def test_the_general_fund_total_reconciles_with_its_own_tables_directorates(northmoor: Any) -> None:
    # TRUTH A p3 Table 1: five directorates make 303.00 | 311.37 | 8.37; Table 2's "Total Children's
    # Services" is not a sixth
    review, _ = northmoor
    general = [r for r in review.reconciliations if r.subject.startswith("Total General Fund")]
    assert [(r.code, r.stated_gbp, r.computed_gbp) for r in general] == [
        ("total_ok", 303_000_000, 303_000_000),
        ("total_ok", 311_370_000, 311_370_000),
        ("total_ok", 8_370_000, 8_370_000),
    ]
    assert all("its 5 lines" in r.message for r in general)


def test_the_misprinted_placements_forecast_is_one_total_not_reconciled(northmoor: Any) -> None:
    # TRUTH A p4: the forecast column sums to 94.43, not the 94.73 stated: one doubt, flagged once
    review, _ = northmoor
    failing = [r for r in review.reconciliations if r.code == "total_mismatch"]
    assert [(r.stated_gbp, round(r.computed_gbp)) for r in failing] == [(94_730_000, 94_430_000)]
    assert (review.checks.totals_checked, review.checks.totals_not_reconciled) == (3, 1)
    # flagged once, at the line the arithmetic finds misprinted (its flag says the total's lines miss
    # it), not again as the total's mismatch
    flagged = [f for f in review.flags if "£40.92m" in f.message or f.code == "total_mismatch"]
    assert [(f.code, f.subject) for f in flagged] == [
        ("service_overspend", "Looked After Children placements")
    ]


# --- The general rules, in other councils' words.

BY_DEPARTMENT = [
    ["Department", "Savings Target £000", "Forecast Delivery £000", "Shortfall £000"],
    ["Children, Young People and Education", "4,100", "3,200", "900"],
    ["Adult Social Care and Health", "7,000", "6,500", "500"],
    ["Total", "11,100", "9,700", "1,400"],
]


def test_a_row_named_only_by_its_department_totals_that_departments_savings() -> None:
    found = records_from_tables([table(BY_DEPARTMENT, title="Savings delivery by department")], document())
    assert found.savings == []


def test_a_saving_filed_under_a_department_is_still_a_saving() -> None:
    rows = [
        ["Ref", "Department", "Proposal", "2025/26 Saving £000", "RAG"],
        ["CY12", "Children, Young People and Education", "Reduce residential placements", "1,200", "Amber"],
        ["AS03", "Adult Social Care and Health", "Review of day services", "600", "Green"],
    ]
    found = records_from_tables([table(rows)], document(DocumentKind.SAVINGS_PLAN))
    assert [(s.ref, s.title, s.target_gbp) for s in found.savings] == [
        ("CY12", "Reduce residential placements", 1_200_000),
        ("AS03", "Review of day services", 600_000),
    ]


def test_a_grand_total_covers_the_lines_of_its_own_table_only() -> None:
    # a table with headings of its own begins a new table (not one continued with its headings repeated)
    pressures = [
        ["Pressure", "2026/27 £m", "2027/28 £m"],
        ["Placements demand", "2.0", "1.0"],
        ["Home to school transport", "1.0", "0.5"],
        ["Total pressures", "3.0", "1.5"],
    ]
    plan = [
        ["Item", "2026/27 £m", "2027/28 £m", "2028/29 £m"],
        ["Pay award", "4.0", "3.0", "3.0"],
        ["Inflation", "2.0", "2.0", "2.0"],
        ["Total", "6.0", "5.0", "5.0"],
    ]
    tables = [
        table(pressures, header_rows=1, locator="table 1", title="Children's pressures"),
        table(plan, header_rows=1, locator="table 2", title="Corporate pressures"),
    ]
    found = records_from_tables(tables, document())
    grand = [t for t in found.stated_totals if t.label == "Total"]
    assert grand and all(t.lines == ["table 2, row 2", "table 2, row 3"] for t in grand)


def line(
    name: str, level: str, at: str, figures: tuple[float, float], directorate: str | None = None
) -> BudgetLine:
    budget, forecast = figures
    return BudgetLine(
        name=name,
        level=level,  # type: ignore[arg-type]
        directorate=directorate,
        period="2025-26",
        budget_gbp=budget,
        forecast_gbp=forecast,
        variance_gbp=forecast - budget,
        provenance=[prov(name, "q3.pdf", at).model_copy(update={"page": 2})],
    )


def summary_and_services() -> list[BudgetLine]:
    # A summary by directorate (table 1), then the children's directorate by service (table 2),
    # closed by its own total; one service's forecast misprinted by 0.5
    people = "People Directorate"
    return [
        line(people, "directorate", "page 2, table 1, row 2", (60e6, 64e6), people),
        line("Place", "directorate", "page 2, table 1, row 3", (40e6, 39e6), "Place"),
        line("Net revenue budget", "total", "page 2, table 1, row 4", (100e6, 103e6)),
        line("Children in care", "service_line", "page 3, table 1, row 2", (35e6, 38.5e6), people),
        line("Early help", "service_line", "page 3, table 1, row 3", (25e6, 25e6), people),
        line("People Directorate total", "directorate", "page 3, table 1, row 4", (60e6, 64e6), people),
    ]


def stated(label: str, at: str, lines: list[str]) -> StatedTotal:
    where = prov(label, "q3.pdf", at)
    return StatedTotal(
        label=label,
        period="budget",
        stated_gbp=1.0,
        half_unit_gbp=5e4,
        lines=lines,
        subtotals_agree=False,
        provenance=[where],
    )


def test_a_total_is_checked_against_its_own_tables_lines_and_a_directorate_once() -> None:
    totals = [
        stated(
            "Net revenue budget",
            "page 2, table 1, row 4",
            ["page 2, table 1, row 2", "page 2, table 1, row 3"],
        ),
        stated(
            "People Directorate total",
            "page 3, table 1, row 4",
            ["page 3, table 1, row 2", "page 3, table 1, row 3"],
        ),
    ]
    checks = budget_total_checks(summary_and_services(), totals)
    council = [r for r in checks if r.subject.startswith("Net revenue budget")]
    assert [r.code for r in council] == ["total_ok", "total_ok", "total_ok"]  # two directorates, not three
    failing = [(r.subject, r.provenance[0].locator) for r in checks if r.code == "total_mismatch"]
    # the forecast 64 against services making 63.5: found once, at the total under the services
    assert failing == [
        ("People Directorate total forecast (2025-26)", "page 3, table 1, row 4"),
        ("People Directorate total variance (2025-26)", "page 3, table 1, row 4"),
    ]


def test_a_grand_total_over_directorate_subtotals_is_checked_against_the_subtotals() -> None:
    # One table: each directorate's services closed by its total, then the council's; the children's
    # total states a forecast 0.5 above its services (Wyvern's case): the council's total agrees
    # with the subtotals, so it is not a second total that does not reconcile
    people, place = "People Directorate", "Place"
    lines = [
        line("Children in care", "service_line", "page 2, table 1, row 2", (35e6, 38e6), people),
        line("Early help", "service_line", "page 2, table 1, row 3", (25e6, 25.5e6), people),
        line("People Directorate total", "directorate", "page 2, table 1, row 4", (60e6, 64e6), people),
        line("Highways", "service_line", "page 2, table 1, row 5", (40e6, 39e6), place),
        line("Place total", "directorate", "page 2, table 1, row 6", (40e6, 39e6), place),
        line("Council total", "total", "page 2, table 1, row 7", (100e6, 103e6)),
    ]
    totals = [
        stated(
            "People Directorate total",
            "page 2, table 1, row 4",
            ["page 2, table 1, row 2", "page 2, table 1, row 3"],
        ),
        stated("Place total", "page 2, table 1, row 6", ["page 2, table 1, row 5"]),
        stated("Council total", "page 2, table 1, row 7", [f"page 2, table 1, row {n}" for n in (2, 3, 5)]),
    ]
    checks = budget_total_checks(lines, totals)
    council = [r for r in checks if r.subject.startswith("Council total")]
    assert [(r.code, r.computed_gbp) for r in council] == [
        ("total_ok", 100e6),
        ("total_ok", 103e6),
        ("total_ok", 3e6),
    ]
