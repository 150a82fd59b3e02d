"""Extraction read right on papers laid out and worded unlike the ones it was built on.

The documents come from tests/variant_documents.py; every expected value is one the generator
was given (its truth), never one this code produced.
"""

from __future__ import annotations

import io

import pytest
import variant_documents as v

from extract.document import extract_file
from extract.records import BudgetLine, Extraction, Rag, SavingsLine


def _extract(made: v.Generated) -> Extraction:
    return extract_file(made.name, made.data)


def _by_name(found: Extraction) -> dict[str, BudgetLine]:
    return {b.name: b for b in found.budget_lines}


def _assert_budgets(found: Extraction, truth: list[v.Budget], period: str | None) -> None:
    lines = _by_name(found)
    assert sorted(lines) == sorted(t.name for t in truth)
    for want in truth:
        got = lines[want.name]
        assert (got.level, got.directorate, got.period) == (want.level, want.directorate, period), want.name
        assert got.budget_gbp == pytest.approx(want.budget), want.name
        assert got.forecast_gbp == pytest.approx(want.forecast), want.name
        assert got.variance_gbp == pytest.approx(want.variance), want.name


def _assert_savings(found: Extraction, truth: list[v.Saving]) -> None:
    lines: dict[str | None, SavingsLine] = {s.ref: s for s in found.savings}
    assert sorted(s.ref or "" for s in found.savings) == sorted(t.ref for t in truth)
    for want in truth:
        got = lines[want.ref]
        assert got.title == want.title
        assert got.period == "2025-26"
        assert got.target_gbp == pytest.approx(want.target), want.ref
        assert got.forecast_gbp == pytest.approx(want.forecast), want.ref
        assert got.shortfall_gbp == pytest.approx(want.shortfall), want.ref
        assert (got.rag, got.at_risk) == (want.rag, want.at_risk), want.ref


@pytest.mark.parametrize("make", v.ALL, ids=lambda make: make.__name__)
def test_each_variant_is_classified_as_the_kind_of_paper_it_is(make) -> None:
    made = make()
    document = _extract(made).documents[0]
    assert document.kind.value == made.kind
    assert document.status.value == "ok", document.errors


def test_monitoring_workbook_with_units_only_in_its_title_and_directorates_as_bold_rows() -> None:
    made = v.monitoring_xlsx()
    _assert_budgets(_extract(made), made.budgets, "2025-26")


def test_monitoring_pdf_with_a_caption_unit_and_bracketed_underspends() -> None:
    made = v.monitoring_pdf()
    _assert_budgets(_extract(made), made.budgets, "2025-26")


def test_monitoring_slide_names_its_directorate_from_the_total_row() -> None:
    made = v.slide_pptx()
    _assert_budgets(_extract(made), made.budgets, "2025-26")


def test_monitoring_csv_in_pounds_with_directorate_and_service_columns() -> None:
    made = v.monitoring_csv()
    _assert_budgets(_extract(made), made.budgets, "2025-26")


def test_variance_headed_underspend_over_overspend_is_turned_round_to_mean_overspend() -> None:
    made = v.reversed_monitoring_docx()
    _assert_budgets(_extract(made), made.budgets, "2025-26")


def test_savings_tracker_in_html_reads_target_delivery_forecast_risk_and_rag_words() -> None:
    _assert_savings(_extract(v.tracker_html()), v.TRACKER_SAVINGS)


def test_savings_tracker_in_pdf_with_headings_centred_over_three_lines() -> None:
    _assert_savings(_extract(v.tracker_pdf()), v.TRACKER_SAVINGS)


def test_savings_tracker_workbook_with_negative_savings_and_a_variance_column() -> None:
    _assert_savings(_extract(v.tracker_xlsx()), v.XLSX_TRACKER)


def test_tracker_lines_take_the_service_their_table_title_names() -> None:
    found = _extract(v.tracker_html())
    assert {s.directorate for s in found.savings} == {"Children's Services"}


def test_mtfs_summary_gives_the_funding_gap_by_year_and_no_savings_or_pressures() -> None:
    made = v.mtfs_docx()
    found = _extract(made)
    funding_gap = next(g for g in found.mtfp_gaps if g.title == "Funding gap")
    assert {p.period: p.amount_gbp for p in funding_gap.planned} == pytest.approx(made.gaps)
    # Expenditure and funding rows of a summary are neither savings nor pressures.
    assert found.savings == [] and found.pressures == []


def test_figures_in_a_committee_reports_prose_are_read_in_pounds_with_their_words() -> None:
    made = v.committee_html()
    figures = _extract(made).figures
    for value, word in made.figures:
        assert any(f.value == pytest.approx(value) and word in (f.label or "") for f in figures), (
            value,
            word,
        )
    overspend = next(f for f in figures if f.value == pytest.approx(3_200_000))
    assert overspend.period == "2025-26"


def test_monitoring_with_actuals_to_date_under_a_spanning_year_is_budget_monitoring() -> None:
    made = v.actuals_html()
    found = _extract(made)
    assert found.savings == []
    _assert_budgets(found, made.budgets, "2025-26")


@pytest.mark.parametrize(("value", "word", "text"), v.PROSE_VARIETY, ids=[w for _, w, _ in v.PROSE_VARIETY])
def test_figures_written_other_ways_in_prose_keep_their_pounds_and_words(
    value: float, word: str, text: str
) -> None:
    figures = _extract(v.prose_html()).figures
    found = [f for f in figures if f.text.strip() == text]
    # Exactly the pounds written: "£4.1m" is 4100000.0, with no float residue.
    assert any(f.value == value and word in (f.label or "") for f in found), found


def test_directorate_rows_above_their_services_are_told_apart_by_their_sums() -> None:
    made = v.directorate_first_xlsx()
    _assert_budgets(_extract(made), made.budgets, "2025-26")


def test_tracker_with_a_status_in_words_marks_at_risk_and_off_track_lines() -> None:
    made = v.tracker_csv()
    lines = {s.ref: s for s in _extract(made).savings}
    assert sorted(lines) == sorted(t.ref for t in made.savings)
    for want in made.savings:
        got = lines[want.ref]
        assert (got.target_gbp, got.forecast_gbp) == pytest.approx((want.target, want.forecast))
        # A status cell that is a rating word is read as the rating, in the tracker's words; a
        # sentence stays the status in words (which the risk reasons read).
        rated = RATED_WORDS.get(want.rag_text)
        if rated is not None:
            assert (got.status_text, got.rag, got.rag_text) == (None, rated, want.rag_text), want.ref
        else:
            assert (got.status_text, got.rag) == (want.rag_text, None), want.ref
        assert got.at_risk == want.at_risk, want.ref
        assert got.shortfall_gbp is None  # the tracker states none


RATED_WORDS = {"On track": Rag.GREEN, "At risk": Rag.AMBER}


def _planned(line) -> dict[str, float]:
    return {p.period: p.amount_gbp for p in line.planned}


def test_plan_with_savings_as_negatives_and_a_growth_table_gives_positive_savings_and_pressures() -> None:
    found = _extract(v.plan_docx())
    savings = {s.title: _planned(s) for s in found.savings}
    pressures = {p.title: _planned(p) for p in found.pressures}
    want_savings = {k: dict(zip(v.PLAN_PERIODS, vals, strict=True)) for k, vals in v.PLAN_SAVINGS.items()}
    want_growth = {k: dict(zip(v.PLAN_PERIODS, vals, strict=True)) for k, vals in v.PLAN_GROWTH.items()}
    assert savings == want_savings
    assert pressures == want_growth


def test_mtfp_workbook_reads_a_gap_or_surplus_row_by_year_and_no_summary_rows_as_lines() -> None:
    made = v.mtfp_xlsx()
    found = _extract(made)
    assert [g.title for g in found.mtfp_gaps] == ["Gap / (Surplus)"]
    assert _planned(found.mtfp_gaps[0]) == pytest.approx(made.gaps)
    assert found.savings == [] and found.pressures == []


def test_rag_given_only_as_a_cells_fill_colour_is_read_and_header_bands_are_not() -> None:
    made = v.tracker_fills_xlsx()
    found = _extract(made)
    lines = {s.ref: s for s in found.savings}
    assert sorted(lines) == sorted(t.ref for t in made.savings)
    for want in made.savings:
        got = lines[want.ref]
        assert (got.target_gbp, got.forecast_gbp) == pytest.approx((want.target, want.forecast))
        assert (got.rag, got.at_risk) == (want.rag, want.at_risk), want.ref
    assert found.tables[0].rows[0] == ["Ref", "Saving", "Target", "Forecast", "RAG"]


def test_unruled_monitoring_pdf_reads_figures_subtotals_and_the_council_total() -> None:
    made = v.sections_pdf()
    found = _extract(made)
    lines = _by_name(found)
    subtotals = [b for b in found.budget_lines if b.name == "Sub-total"]
    want = [t for t in made.budgets if t.name == "Sub-total"]
    assert [b.budget_gbp for b in subtotals] == pytest.approx([t.budget for t in want])
    assert [b.forecast_gbp for b in subtotals] == pytest.approx([t.forecast for t in want])
    assert {b.level for b in subtotals} == {"directorate"}
    for want in (t for t in made.budgets if t.name != "Sub-total"):
        got = lines[want.name]
        assert (got.level, got.period) == (want.level, "2025-26"), want.name
        assert got.variance_gbp == pytest.approx(want.variance), want.name
    assert lines["Public Health"].directorate == "Adults and Health"


def test_unruled_monitoring_pdf_gives_the_first_sections_lines_their_directorate() -> None:
    made = v.sections_pdf()
    found = _extract(made)
    want = {(t.name, t.directorate) for t in made.budgets if t.level == "service_line"}
    assert {(b.name, b.directorate) for b in found.budget_lines if b.level == "service_line"} == want


def test_headings_centred_between_narrow_figure_columns_each_head_their_own_column() -> None:
    found = _extract(v.tracker_pdf())
    heads = [t.rows[0] for t in found.tables if t.rows and t.rows[0][0] == "RAG status"]
    assert heads == [["RAG status", "No. of savings", "Value £000"]]


def test_year_merged_over_budget_forecast_and_a_favourable_adverse_variance() -> None:
    made = v.spanned_docx()
    _assert_budgets(_extract(made), made.budgets, "2025-26")


def test_tracker_with_two_years_of_savings_takes_the_tracked_years_column_as_target() -> None:
    made = v.multi_year_tracker_html()
    lines = {s.ref: s for s in _extract(made).savings}
    for want in made.savings:
        got = lines[want.ref]
        assert (got.period, got.target_gbp, got.forecast_gbp) == ("2025-26", want.target, want.forecast)
        assert (got.rag, got.at_risk) == (want.rag, want.at_risk)
        assert [p.period for p in got.planned] == ["2025-26", "2026-27"]


def test_a_trackers_summary_by_rating_gives_no_savings_and_its_counts_are_not_money() -> None:
    found = _extract(v.tracker_html())
    assert not any(s.title in {"Red", "Amber", "Green", "Blue"} for s in found.savings)
    assert len(found.savings) == len(v.TRACKER_SAVINGS)


def test_pivot_export_names_each_group_by_its_trailing_total_row() -> None:
    made = v.pivot_xlsx()
    _assert_budgets(_extract(made), made.budgets, "2025-26")


def test_rows_of_nothing_are_not_taken_for_a_directorate_over_its_services() -> None:
    text = "Service,Budget,Forecast,Variance\nRecharges,0,0,0\nCapital charges,0,0,0\nInsurance,0,0,0\n"
    text += "Fostering,100000,120000,20000\nAdoption,50000,45000,-5000\n"
    found = extract_file("Budget monitoring 2025-26.csv", text.encode())
    assert [b.level for b in found.budget_lines] == ["service_line"] * 5


def test_a_bare_total_under_a_directorates_caption_is_that_directorates_not_the_councils() -> None:
    made = v.per_directorate_html()
    found = _extract(made).budget_lines
    got = [(b.name, b.level, b.directorate, b.budget_gbp, b.forecast_gbp, b.variance_gbp) for b in found]
    want = [(t.name, t.level, t.directorate, t.budget, t.forecast, t.variance) for t in made.budgets]
    assert got == want


def test_sheets_named_after_directorates_give_their_bare_totals_to_those_directorates() -> None:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "Children's Services"
    sheets = {
        "Children's Services": [("Fostering", 1000, 1200), ("Adoption", 500, 450)],
        "Adults": [("Care homes", 3000, 3100)],
    }
    for sheet_name, lines in sheets.items():
        sheet = first if sheet_name == first.title else book.create_sheet(sheet_name)
        sheet.append(["Service", "Budget £000", "Forecast £000", "Variance £000"])
        for name, budget, forecast in lines:
            sheet.append([name, budget, forecast, forecast - budget])
        sheet.append(["Total", sum(x[1] for x in lines), sum(x[2] for x in lines), None])
    buffer = io.BytesIO()
    book.save(buffer)
    found = extract_file("Monitoring 2025-26.xlsx", buffer.getvalue())
    totals = [(b.level, b.directorate, b.budget_gbp) for b in found.budget_lines if b.name == "Total"]
    assert totals == [
        ("directorate", "Children's Services", 1_500_000.0),
        ("directorate", "Adults", 3_000_000.0),
    ]
