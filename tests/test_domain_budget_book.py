"""Budgets by directorate from a budget book whose column groups are directorates (Kent's Appendix E)."""

from __future__ import annotations

from pathlib import Path

import pytest
from domain_tables import document, pipeline_tables, table

from extract.domain.budget import budgets_by_column_group
from extract.domain.from_tables import records_from_tables
from extract.records import Verification

APPENDIX_E = "kent_cabinet_2025-01-30_appendixE_budget_by_directorate.pdf"
COMPARISON_PAGES = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"


def test_appendix_e_gives_the_net_budget_of_the_council_and_of_each_directorate(kent_dir: Path) -> None:
    doc, tables = pipeline_tables(kent_dir / APPENDIX_E)
    lines = records_from_tables(tables, doc).budget_lines
    by_name = {line.name: line for line in lines}
    # Page 1, row "NET BUDGET" (£000s): TOTAL 1,529,659.5; CYPE 448,684.5; GET 201,552.7.
    assert by_name["TOTAL"].level == "total"
    assert by_name["TOTAL"].budget_gbp == pytest.approx(1_529_659_500.0)
    assert by_name["CYPE"].budget_gbp == pytest.approx(448_684_500.0)
    assert by_name["GET"].budget_gbp == pytest.approx(201_552_700.0)
    assert all(line.period == "2025-26" and line.forecast_gbp is None for line in lines)
    assert by_name["CYPE"].provenance[0].page == 1 and "448,684.5" in by_name["CYPE"].provenance[0].text
    # The directorates add up to the council's total, as the page prints them.
    directorates = [line.budget_gbp or 0.0 for line in lines if line.level == "directorate"]
    assert sum(directorates) == pytest.approx(by_name["TOTAL"].budget_gbp, abs=1_000.0)


def test_a_table_of_two_plans_years_side_by_side_gives_no_pressures(kent_dir: Path) -> None:
    # Page 29, Table 8.1: "2025-28 Draft MTFP" (2025-26..2027-28) beside "2024-27 Final MTFP"
    # (2024-25..2026-27), restating demand drivers listed line by line in Appendix F.
    doc, tables = pipeline_tables(kent_dir / COMPARISON_PAGES)
    records = records_from_tables(tables, doc)
    on_page = [p for p in records.pressures if p.provenance[0].page == 29]
    assert on_page == []


def test_a_budget_book_without_a_net_budget_row_gives_no_budgets() -> None:
    rows = [
        ["2025-26 budget", "", "Children", "", "Adults", ""],
        ["", "Core £000", "Total £000", "Core £000", "Total £000", ""],
        ["Pay", "1,000", "1,000", "2,000", "2,000", ""],
    ]
    assert budgets_by_column_group(table(rows, title="2025-26 budget"), "table 1", document()) == []


def test_a_budget_book_with_single_columns_per_directorate_reads_each() -> None:
    rows = [
        ["Category", "Total", "Children's Services", "Adults"],
        ["", "£000", "£000", "£000"],
        ["Base budget", "900", "400", "500"],
        ["Net budget", "1,000", "450", "550"],
    ]
    lines = budgets_by_column_group(table(rows, title="Budget 2025/26"), "table 1", document())
    assert [(b.name, b.level, b.budget_gbp) for b in lines] == [
        ("Total", "total", 1_000_000.0),
        ("Children's Services", "directorate", 450_000.0),
        ("Adults", "directorate", 550_000.0),
    ]
    assert {b.verification for b in lines} == {Verification.VERIFIED}


def test_directorate_budgets_that_do_not_add_up_to_the_councils_are_contradicted() -> None:
    rows = [
        ["Category", "Total", "Children's Services", "Adults"],
        ["", "£000", "£000", "£000"],
        ["Net budget", "1,000", "450", "560"],
    ]
    lines = budgets_by_column_group(table(rows, title="Budget 2025/26"), "table 1", document())
    assert {b.verification for b in lines} == {Verification.CONTRADICTED}
    assert "£1.01m against the council's £1.0m" in lines[0].checks[0].detail
