"""Stated category totals against the sums of the extracted lines under them."""

from __future__ import annotations

from pathlib import Path

import pytest
from domain_tables import document, pipeline_tables, ruled_tables, table

from extract.domain.from_tables import records_from_tables
from extract.records import Extraction, Table
from extract.verify.category_totals import check_category_totals
from ingest.records import Document

PLAN = [
    ["Category", "Proposal", "Funding", "2025-26 £000", "2026-27 £000"],
    ["Pay", "Pay award", "Core", "1,000.0", "800.0"],
    ["Pay", "Agency cover", "External", "250.5", "0.0"],
    ["TOTAL PAY", "", "", "1,250.5", "800.0"],
    ["Prices", "Placement inflation", "Core", "2,000.0", "2,100.0"],
    ["TOTAL PRICES", "", "", "2,000.0", "2,100.0"],
    ["CORE", "", "", "3,000.0", "2,900.0"],
    ["EXTERNAL", "", "", "250.5", "0.0"],
    ["TOTAL", "", "", "3,250.5", "2,900.0"],
]


def _extraction(doc: Document, tables: list[Table], drop: int = 0) -> Extraction:
    """What extraction hands over, less its first `drop` pressures (lines lost)."""
    found = records_from_tables(tables, doc)
    pressures = found.pressures[drop:]
    return Extraction(
        documents=[doc],
        savings=found.savings,
        pressures=pressures,
        budget_lines=found.budget_lines,
        tables=tables,
        stated_totals=found.stated_totals,
    )


def test_subtotals_grand_totals_and_split_totals_are_all_checked_per_year() -> None:
    result = check_category_totals(_extraction(document(), [table(PLAN, title="SPENDING")]))
    assert (result["stated"], result["reproduced"]) == (10, 10)
    assert result["by_period"] == {
        "2025-26": {"stated": 5, "reproduced": 5},
        "2026-27": {"stated": 5, "reproduced": 5},
    }


def test_a_total_printed_as_zero_is_exact_to_half_a_unit_of_its_own_column() -> None:
    """A printed "0.0" in a £000 column is within £50: the column's unit scales a printed zero, as it scales
    every other figure (read without it, the zero was taken to be within 50p)."""
    found = _extraction(document(), [table(PLAN, title="SPENDING")]).stated_totals
    halves = {(t.label, t.period): t.half_unit_gbp for t in found}
    assert halves[("EXTERNAL", "2026-27")] == pytest.approx(50.0)
    assert halves[("EXTERNAL", "2025-26")] == pytest.approx(50.0)  # "250.5": a tenth of £1,000


def test_a_missing_line_breaks_its_category_total_and_the_split_total() -> None:
    result = check_category_totals(_extraction(document(), [table(PLAN, title="SPENDING")], drop=1))
    broken = {(m["label"], m["period"]) for m in result["mismatches"]}
    assert broken == {
        ("TOTAL PAY", "2025-26"),
        ("TOTAL PAY", "2026-27"),
        ("CORE", "2025-26"),
        ("CORE", "2026-27"),
    }


def test_a_grand_total_that_adds_its_stated_subtotals_is_not_blamed_for_their_fault() -> None:
    result = check_category_totals(_extraction(document(), [table(PLAN, title="SPENDING")], drop=1))
    grand = [c for c in result["checks"] if c["label"] == "TOTAL"]
    assert [c["by"] for c in grand] == ["subtotals", "subtotals"]
    whole = check_category_totals(_extraction(document(), [table(PLAN, title="SPENDING")]))
    assert {c["by"] for c in whole["checks"]} == {"lines"}


def test_a_misread_figure_is_caught() -> None:
    wrong = [row[:] for row in PLAN]
    wrong[4][3] = "2,010.0"  # the line no longer adds up to TOTAL PRICES
    result = check_category_totals(_extraction(document(), [table(wrong, title="SPENDING")]))
    assert ("TOTAL PRICES", "2025-26") in {(m["label"], m["period"]) for m in result["mismatches"]}


def test_savings_stored_as_magnitudes_still_reproduce_negative_stated_totals() -> None:
    rows = [
        ["Category", "Proposal", "2025-26 £000"],
        ["Efficiency", "Legal spend", "-850.0"],
        ["Efficiency", "Agency", "-150.0"],
        ["TOTAL EFFICIENCY", "", "-1,000.0"],
    ]
    result = check_category_totals(_extraction(document(), [table(rows, title="SAVINGS")]))
    assert result["reproduced"] == result["stated"] == 1
    assert result["checks"][0]["flipped"]


APPENDIX_F = "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"


def test_every_kent_appendix_f_category_total_is_reproduced(kent_dir: Path) -> None:
    doc, tables = ruled_tables(kent_dir / APPENDIX_F)
    result = check_category_totals(_extraction(doc, tables))
    totals = [c for c in result["checks"] if c["label"].upper().startswith("TOTAL")]
    # Counted by reading the PDF: the spending pages (1-12) and savings pages (13-19) have 25
    # rows headed TOTAL with a figure for each of three years, and CORE and EXTERNAL rows under
    # each of their two grand totals. The reserves pages (21-25) are movements in reserves,
    # neither pressures nor savings, so extraction takes no lines from them to check.
    assert len(totals) == 25 * 3
    assert len(result["checks"]) == (25 + 4) * 3
    assert result["mismatches"] == []
    assert set(result["by_period"]) == {"2025-26", "2026-27", "2027-28"}


def test_the_pipeline_reader_reproduces_every_kent_appendix_f_total(kent_dir: Path) -> None:
    # What the pipeline itself sees; a row its reader loses shows up here as a mismatch.
    doc, tables = pipeline_tables(kent_dir / APPENDIX_F)
    result = check_category_totals(_extraction(doc, tables))
    assert len(result["checks"]) == (25 + 4) * 3
    assert result["mismatches"] == []


@pytest.mark.parametrize("drop", [1, 5])
def test_the_kent_check_fails_when_lines_are_lost(kent_dir: Path, drop: int) -> None:
    doc, tables = ruled_tables(kent_dir / APPENDIX_F)
    result = check_category_totals(_extraction(doc, tables, drop=drop))
    assert result["mismatches"]


def test_net_service_expenditure_and_the_like_are_total_rows() -> None:
    from extract.tables.vocabulary import TOTAL_LABEL

    for label in (
        "Net Service Expenditure",
        "Net expenditure",
        "Net Revenue Expenditure",
        "Net cost of services",
    ):
        assert TOTAL_LABEL.search(label), label
    for label in ("Net expenditure on looked after children", "Network costs", "Net income from fees"):
        assert not TOTAL_LABEL.search(label), label
