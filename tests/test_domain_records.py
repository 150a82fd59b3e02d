"""Savings, pressures, budget lines and MTFP gaps read from small tables built by hand."""

from __future__ import annotations

import pytest
from domain_tables import document, table

from extract.domain.from_tables import MTFP_GAP, records_from_tables
from extract.records import Rag
from ingest.records import DocumentKind

MONITORING = [
    ["Service", "Approved Budget £000", "Forecast Outturn £000", "(Under)/Overspend £000"],
    ["Children's Social Care", "120,400.0", "131,900.5", "11,500.5"],
    ["Home to School Transport", "30,000.0", "28,500.0", "(1,500.0)"],
    ["Total", "150,400.0", "160,400.5", "10,000.5"],
]


def test_budget_monitoring_rows_become_budget_lines_scaled_by_the_heading_unit() -> None:
    found = records_from_tables([table(MONITORING)], document())
    lines = {line.name: line for line in found.budget_lines}
    care = lines["Children's Social Care"]
    assert (care.budget_gbp, care.forecast_gbp, care.variance_gbp) == (
        120_400_000.0,
        131_900_500.0,
        11_500_500.0,
    )
    assert lines["Home to School Transport"].variance_gbp == -1_500_000.0
    assert care.level == "service_line"
    assert lines["Total"].level == "total"
    assert not found.savings and not found.pressures


def test_column_meaning_comes_from_the_wording_not_the_order() -> None:
    rows = [
        ["Over/(under) spend", "Projected Outturn", "Revised budget", "Service"],
        ["2.1", "14.1", "12.0", "Fostering"],
    ]
    line = records_from_tables([table(rows, unit="All figures in £m")], document()).budget_lines[0]
    assert line.name == "Fostering"
    assert (line.budget_gbp, line.forecast_gbp) == pytest.approx((12e6, 14.1e6))
    assert line.variance_gbp == pytest.approx(2.1e6)


def test_a_variance_headed_underspend_first_is_turned_round_so_positive_is_overspend() -> None:
    rows = [
        ["Service", "Budget", "Forecast", "Underspend/(Overspend)"],
        ["Residential", "100", "130", "(30)"],
    ]
    line = records_from_tables([table(rows)], document()).budget_lines[0]
    assert line.variance_gbp == 30.0


def test_a_missing_variance_is_derived_as_forecast_less_budget() -> None:
    rows = [["Service", "Current Budget", "Forecast"], ["Fostering", "100", "90"]]
    assert records_from_tables([table(rows)], document()).budget_lines[0].variance_gbp == -10.0


TRACKER = [
    ["Ref", "Saving", "Directorate", "Target 2024-25 £000s", "Forecast delivery £000s", "RAG", "Status"],
    ["CYP-01", "Reduce agency social workers", "CYP", "-3,041.1", "0.0", "Red", "Recruitment paused"],
    [
        "CYP-02",
        "Review of SEND transport routes",
        "CYP",
        "-500.0",
        "-450.0",
        "Dark Amber",
        "Slipped to 2025-26",
    ],
    ["CYP-03", "Family hubs restructure", "CYP", "-250.0", "-250.0", "Blue", "Delivered"],
]


def test_a_tracker_that_writes_savings_negative_gives_positive_magnitudes() -> None:
    savings = records_from_tables([table(TRACKER)], document()).savings
    first = savings[0]
    assert (first.ref, first.title, first.directorate) == ("CYP-01", "Reduce agency social workers", "CYP")
    assert first.target_gbp == pytest.approx(3_041_100.0)
    assert first.forecast_gbp == 0.0
    assert first.period == "2024-25"


def test_rag_ratings_are_read_and_their_wording_kept() -> None:
    savings = records_from_tables([table(TRACKER)], document()).savings
    assert [s.rag for s in savings] == [Rag.RED, Rag.AMBER, Rag.BLUE]
    assert savings[1].rag_text == "Dark Amber"


def test_at_risk_lines_carry_their_reasons_and_delivered_ones_none() -> None:
    red, amber, blue = records_from_tables([table(TRACKER)], document()).savings
    assert {r.code for r in red.risk_reasons} == {"rag_red", "forecast_below_target"}
    assert {r.code for r in amber.risk_reasons} == {"rag_amber", "forecast_below_target", "slipped"}
    assert red.at_risk and amber.at_risk
    assert not blue.at_risk and blue.risk_reasons == []
    assert "target £3.041m" in next(r for r in red.risk_reasons if r.code == "forecast_below_target").evidence


def test_undeliverable_and_slipped_columns_are_magnitudes_and_reasons() -> None:
    rows = [
        ["Saving", "Target £000", "Achieved £000", "Undeliverable £000", "Slipped £000"],
        ["Placements step-down", "1,000", "400", "(400)", "200"],
    ]
    line = records_from_tables([table(rows)], document()).savings[0]
    assert (line.undeliverable_gbp, line.slipped_gbp, line.forecast_gbp) == (400_000.0, 200_000.0, 400_000.0)
    assert {r.code for r in line.risk_reasons} == {"forecast_below_target", "undeliverable", "slipped"}


PLAN = [
    ["Proposal", "Description", "2025-26 £m", "2026/27 £m"],
    ["Pressures", "", "", ""],
    ["Placements demand", "More children looked after", "4.2", "3.0"],
    ["Savings", "", "", ""],
    ["Fostering recruitment", "Shift from IFA to in-house", "(1.5)", "(0.5)"],
    ["Reverse 2024-25 one-off saving", "One-off removed", "0.3", "0.0"],
    ["Total", "", "3.0", "2.5"],
]


def test_section_rows_decide_savings_from_pressures_and_years_become_phasing() -> None:
    found = records_from_tables([table(PLAN)], document())
    [pressure] = found.pressures
    assert pressure.title == "Placements demand"
    assert [(p.period, p.amount_gbp) for p in pressure.planned] == [("2025-26", 4.2e6), ("2026-27", 3e6)]
    titles = [s.title for s in found.savings]
    assert titles == ["Fostering recruitment", "Reverse 2024-25 one-off saving"]


def test_a_reversal_shown_with_the_opposite_sign_stays_negative() -> None:
    savings = records_from_tables([table(PLAN)], document()).savings
    assert savings[0].planned[0].amount_gbp == pytest.approx(1.5e6)
    assert savings[1].planned[0].amount_gbp == pytest.approx(-0.3e6)


def test_total_rows_are_not_read_as_lines() -> None:
    found = records_from_tables([table(PLAN)], document())
    assert all(line.title != "Total" for line in [*found.pressures, *found.savings])


def test_the_table_title_says_savings_when_no_section_row_does() -> None:
    rows = [["Category", "Headline", "2025-26 £000's"], ["Income", "Fees and charges uplift", "-120.0"]]
    found = records_from_tables([table(rows, title="BUDGET - SAVINGS")], document())
    assert [s.title for s in found.savings] == ["Fees and charges uplift"]
    assert found.savings[0].planned[0].amount_gbp == pytest.approx(120_000.0)
    spending = records_from_tables([table(rows, title="BUDGET - SPENDING")], document())
    assert [p.title for p in spending.pressures] == ["Fees and charges uplift"]


def test_a_budget_gap_row_becomes_an_mtfp_gap_line_not_a_pressure() -> None:
    rows = [
        ["", "2025-26 £m", "2026-27 £m", "2027-28 £m"],
        ["Net budget requirement", "310.2", "325.9", "340.1"],
        ["Budget gap", "0.0", "12.4", "25.3"],
    ]
    found = records_from_tables([table(rows, title="Medium Term Financial Plan")], document())
    [gap] = found.mtfp_gaps
    assert gap.category == MTFP_GAP
    assert [(p.period, p.amount_gbp) for p in gap.planned][1] == ("2026-27", pytest.approx(12.4e6))
    assert all(p.title != "Budget gap" for p in found.pressures)


def test_provenance_names_the_file_page_table_and_row_with_the_row_text() -> None:
    line = records_from_tables([table(MONITORING)], document()).budget_lines[1]
    [prov] = line.provenance
    assert (prov.file, prov.sha256, prov.page) == (document().file, document().sha256, 3)
    assert prov.bbox == (10.0, 20.0, 500.0, 300.0)
    assert prov.locator == "page 3, table 1, row 3"
    assert prov.text == "Home to School Transport | 30,000.0 | 28,500.0 | (1,500.0)"


def test_a_sheet_table_locates_rows_by_cell() -> None:
    line = records_from_tables([table(MONITORING, page=None, locator="sheet Monitoring!B4")], document())
    assert line.budget_lines[0].provenance[0].locator == "sheet Monitoring!B5"


def test_a_continuation_table_without_headings_takes_the_previous_layout() -> None:
    more = [["Fostering", "10,000.0", "10,500.0", "500.0"]]
    found = records_from_tables([table(MONITORING), table(more, page=4)], document())
    fostering = found.budget_lines[-1]
    assert (fostering.name, fostering.budget_gbp, fostering.variance_gbp) == ("Fostering", 10e6, 0.5e6)
    assert fostering.provenance[0].page == 4


def test_a_savings_plan_document_makes_unlabelled_lines_savings() -> None:
    rows = [["Proposal", "2025-26 £000"], ["Early help redesign", "200"]]
    assert records_from_tables([table(rows)], document(DocumentKind.SAVINGS_PLAN)).savings


def test_figures_by_year_that_nothing_calls_savings_or_pressures_give_no_lines() -> None:
    rows = [["District", "2024-25 Final", "2025-26 Latest"], ["Ashford", "49,832.00", "49,332.00"]]
    found = records_from_tables([table(rows, title="Tax base changes")], document())
    assert (found.savings, found.pressures) == ([], [])


def test_funding_tables_give_no_lines() -> None:
    rows = [["Funding", "2025-26 £000"], ["Revenue Support Grant", "15,680.3"]]
    found = records_from_tables([table(rows, title="Budget 2025-26")], document())
    assert (found.savings, found.pressures) == ([], [])


def test_a_risk_register_exposure_column_gives_no_plan_lines() -> None:
    rows = [
        ["Risk Title", "Likelihood", "Estimated Annual Financial Exposure £m"],
        ["High needs", "4", "20.0"],
    ]
    found = records_from_tables([table(rows, title="Budget risks")], document())
    assert (found.savings, found.pressures, found.budget_lines) == ([], [], [])


def test_tables_without_money_columns_give_nothing_and_no_error() -> None:
    rows = [["Name", "Role"], ["Jane Smith", "Director"]]
    found = records_from_tables([table(rows)], document())
    assert (found.savings, found.pressures, found.budget_lines, found.errors) == ([], [], [], [])


def test_a_section_row_a_reader_took_for_a_heading_still_heads_its_lines() -> None:
    rows = [
        ["", "2025-26 £000", "2026-27 £000"],
        ["SPENDING PRESSURES", "", ""],
        ["Placements demand", "4,200", "3,000"],
    ]
    found = records_from_tables([table(rows, header_rows=2)], document())
    assert [p.title for p in found.pressures] == ["Placements demand"]


def test_figures_a_reader_put_below_their_wrapped_label_keep_it() -> None:
    rows = [
        ["", "2025-26 £000"],
        ["Pressures", ""],
        ["Looked after children placements – increase in numbers", ""],
        ["", "7,800"],
    ]
    [pressure] = records_from_tables([table(rows)], document()).pressures
    assert pressure.title == "Looked after children placements – increase in numbers"
    assert pressure.planned[0].amount_gbp == 7_800_000.0


def test_a_heading_run_into_the_first_label_is_taken_as_the_section() -> None:
    rows = [["", "2025-26 £000"], ["SAVINGS, INCOME & GRANT Efficiency review", "-500.0"]]
    [saving] = records_from_tables([table(rows)], document()).savings
    assert (saving.title, saving.planned[0].amount_gbp) == ("Efficiency review", 500_000.0)


def test_funding_and_reserves_sections_give_no_lines() -> None:
    rows = [["", "2025-26 £000"], ["FUNDING AND RESERVES", ""], ["Council tax increase", "(27,900)"]]
    found = records_from_tables([table(rows)], document())
    assert (found.savings, found.pressures) == ([], [])


def test_a_table_whose_headings_were_missed_takes_those_of_the_next_page() -> None:
    first = [["Fostering", "10,000", "10,500", "500"]]
    found = records_from_tables([table(first, page=1), table(MONITORING, page=2)], document())
    fostering = found.budget_lines[0]
    assert (fostering.name, fostering.budget_gbp, fostering.forecast_gbp) == ("Fostering", 10e6, 10.5e6)


def test_monitoring_lines_take_the_directorate_their_total_names_and_the_files_year() -> None:
    rows = [
        ["Service", "Budget £000", "Forecast £000", "Variance £000"],
        ["Residential care", "38,400", "43,450", "5,050"],
        ["Total Children's Services", "38,400", "43,450", "5,050"],
        ["COUNCIL TOTAL", "38,400", "43,450", "5,050"],
    ]
    doc = document().model_copy(update={"file": "Revenue monitoring Q2 2025-26.pdf"})
    care, subtotal, council = records_from_tables([table(rows)], doc).budget_lines
    assert (care.directorate, care.level, care.period) == ("Children's Services", "service_line", "2025-26")
    assert (subtotal.level, council.level) == ("directorate", "total")


def test_a_summary_by_directorate_gives_directorate_level_lines() -> None:
    rows = [
        ["Directorate", "Budget", "Forecast"],
        ["Children's Services", "191", "201"],
        ["Total", "191", "201"],
    ]
    lines = records_from_tables([table(rows)], document()).budget_lines
    assert [line.level for line in lines] == ["directorate", "total"]


def test_a_tracker_whose_total_adds_magnitudes_treats_signs_as_presentation() -> None:
    rows = [
        ["Ref", "Saving", "Target £000", "Forecast £000"],
        ["A-1", "Reablement", "-2,100", "-1,900"],
        ["C-1", "Fostering", "750", "750"],
        ["", "Total", "2,850", "2,650"],
    ]
    savings = records_from_tables([table(rows)], document()).savings
    assert [(s.target_gbp, s.forecast_gbp) for s in savings] == [
        (2_100_000.0, 1_900_000.0),
        (750_000.0, 750_000.0),
    ]


def test_a_plan_whose_total_adds_signed_values_keeps_a_reversal_negative() -> None:
    rows = [
        ["Proposal", "2025-26 £000"],
        ["Legal spend", "-850.0"],
        ["Undelivered saving put back", "300.0"],
        ["TOTAL SAVINGS", "-550.0"],
    ]
    savings = records_from_tables([table(rows, title="Savings")], document()).savings
    assert [s.planned[0].amount_gbp for s in savings] == [850_000.0, -300_000.0]


def test_savings_to_be_found_in_a_plan_summary_is_a_gap_but_under_savings_a_line() -> None:
    summary = [["", "2025-26 £m", "2026-27 £m"], ["Savings to be found", "0.0", "12.4"]]
    found = records_from_tables([table(summary, title="Medium Term Financial Plan")], document())
    assert [g.title for g in found.mtfp_gaps] == ["Savings to be found"]
    listed = [["", "2025-26 £m"], ["SAVINGS", ""], ["Savings still to be identified", "(1.5)"]]
    found = records_from_tables([table(listed)], document())
    assert found.mtfp_gaps == [] and found.savings[0].planned[0].amount_gbp == 1.5e6


@pytest.mark.parametrize(
    ("heading", "cells", "rags"),
    [
        ("Risk", ["Red", "Amber", "Green"], [Rag.RED, Rag.AMBER, Rag.GREEN]),
        ("Status", ["R", "A", "G"], [Rag.RED, Rag.AMBER, Rag.GREEN]),
        ("Deliverability", ["High risk", "Medium risk", "Low risk"], [Rag.RED, Rag.AMBER, Rag.GREEN]),
        ("R/A/G", ["Red", "Dark Amber", "Blue"], [Rag.RED, Rag.AMBER, Rag.BLUE]),
        ("Red/Amber/Green", ["red", "amber", "green"], [Rag.RED, Rag.AMBER, Rag.GREEN]),
        ("Risk", ["High", "Medium", "Low"], [Rag.RED, Rag.AMBER, Rag.GREEN]),
    ],
)
def test_a_rating_column_is_read_whatever_its_heading(
    heading: str, cells: list[str], rags: list[Rag]
) -> None:
    rows = [
        ["Ref", "Saving", "Target £000", "Forecast £000", heading, "Comments"],
        ["S1", "Reduce agency social workers", "500", "100", cells[0], "Recruitment slow"],
        ["S2", "Edge of care service", "300", "250", cells[1], ""],
        ["S3", "Review of transport routes", "200", "200", cells[2], "On plan"],
    ]
    savings = records_from_tables([table(rows, title="Savings tracker 2025-26")], document()).savings
    assert [s.rag for s in savings] == rags
    assert [s.rag_text for s in savings] == cells
    assert savings[0].status_text == "Recruitment slow"


def test_commentary_in_a_risk_column_is_not_taken_for_a_rating() -> None:
    rows = [
        ["Ref", "Saving", "Target £000", "Forecast £000", "Risk"],
        ["S1", "Reduce agency social workers", "500", "500", "Low take-up of permanent posts so far"],
    ]
    (saving,) = records_from_tables([table(rows, title="Savings tracker 2025-26")], document()).savings
    assert saving.rag is None and saving.rag_text is None
    assert saving.status_text == "Low take-up of permanent posts so far"


@pytest.mark.parametrize(
    ("heading", "cells", "rags"),
    [
        # Ashdown Vale's tracker: a status column in words, no colours
        (
            "Status",
            ["Achieved", "On track", "At risk", "Will not be delivered"],
            [Rag.BLUE, Rag.GREEN, Rag.AMBER, Rag.RED],
        ),
        # another council's words for the same four
        (
            "Delivery status",
            ["Fully delivered", "On-track", "Some risk", "Not deliverable"],
            [Rag.BLUE, Rag.GREEN, Rag.AMBER, Rag.RED],
        ),
        (
            "Deliverability",
            ["Completed", "On track", "Off track", "Undeliverable"],
            [Rag.BLUE, Rag.GREEN, Rag.AMBER, Rag.RED],
        ),
        (
            "Status",
            ["Delivered", "On track", "At risk", "Cannot be delivered"],
            [Rag.BLUE, Rag.GREEN, Rag.AMBER, Rag.RED],
        ),
    ],
)
def test_a_status_in_words_is_a_rating_through_the_rag_vocabulary(
    heading: str, cells: list[str], rags: list[Rag]
) -> None:
    rows = [
        ["Ref", "Saving", "Target £000", "Forecast £000", "Shortfall £000", heading],
        ["S1", "Early help restructure", "750.0", "750.0", "0.0", cells[0]],
        ["S2", "Digital customer services", "900.0", "750.0", "150.0", cells[1]],
        ["S3", "In-house fostering recruitment drive", "1,200.0", "600.0", "600.0", cells[2]],
        ["S4", "Regional commissioning of placements", "1,000.0", "0.0", "1,000.0", cells[3]],
    ]
    savings = records_from_tables([table(rows, title="Savings tracker 2025-26")], document()).savings
    assert [s.rag for s in savings] == rags
    assert [s.rag_text for s in savings] == cells


def test_a_status_sentence_is_commentary_not_a_rating() -> None:
    rows = [
        ["Ref", "Saving", "Target £000", "Forecast £000", "Status"],
        [
            "S1",
            "Reduce agency social workers",
            "500",
            "400",
            "On track for most of it, but recruitment is at risk",
        ],
    ]
    (saving,) = records_from_tables([table(rows, title="Savings tracker 2025-26")], document()).savings
    assert saving.rag is None and saving.rag_text is None
    assert saving.status_text == "On track for most of it, but recruitment is at risk"
