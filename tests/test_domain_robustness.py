"""Whatever cells a reader hands over, reading records from them never raises."""

from __future__ import annotations

from domain_tables import document, table
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.category_totals import check_category_totals
from extract.domain import records_from_tables
from extract.records import Extraction

CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "Total",
            "TOTAL SAVINGS",
            "Budget £000",
            "Forecast",
            "Variance",
            "2025-26",
            "RAG",
            "Red",
            "Dark Amber",
            "(1,250)",
            "-3,041.1",
            "0.0",
            "-",
            "£1.2m",
            "Savings",
            "SPENDING",
            "Budget gap",
            "MEMORANDUM:",
            "Target",
            "Ref",
            "Saving",
            "Directorate",
            "£000",
            "nil",
            "12%",
        ]
    ),
    st.text(max_size=12),
)
ROWS = st.lists(st.lists(CELLS, min_size=1, max_size=6), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.lists(ROWS, min_size=1, max_size=3))
def test_any_cells_give_records_or_nothing_but_never_an_exception(tables: list[list[list[str]]]) -> None:
    built = [table(rows, page=i + 1) for i, rows in enumerate(tables)]
    found = records_from_tables(built, document())
    extraction = Extraction(
        documents=[document()],
        savings=found.savings,
        pressures=found.pressures,
        budget_lines=found.budget_lines,
        tables=built,
    )
    result = check_category_totals(extraction)
    assert result["reproduced"] <= result["stated"]
