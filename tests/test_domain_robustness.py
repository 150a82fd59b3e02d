"""Whatever cells a reader hands over, reading records from them never raises."""

from __future__ import annotations

from domain_tables import document, table
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.domain.from_tables import records_from_tables
from extract.records import Extraction
from extract.verify.category_totals import check_category_totals
from ingest.records import DocumentKind

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
        stated_totals=found.stated_totals,
    )
    result = check_category_totals(extraction)
    assert result["reproduced"] <= result["stated"]


def test_a_group_name_a_reader_ran_into_the_first_line_is_the_groups_not_the_lines() -> None:
    # The Wyvern MTFP prints "Children, Young People and Education" as a heading over its lines and
    # closes them with "Total Children, Young People and Education"; a reader put the heading into
    # the first line's cell.
    rows = [
        ["", "2025-26 £000", "2026-27 £000"],
        ["SPENDING PRESSURES", "", ""],
        ["Children, Young People and Education Looked after children placements", "7,800", "4,200"],
        ["Independent fostering agency fees", "650", "500"],
        ["Total Children, Young People and Education", "8,450", "4,700"],
        ["Children's Social Care - Disabled Children", "100", "0"],
        ["Total Children's Social Care", "100", "0"],
    ]
    pressures = records_from_tables([table(rows, header_rows=1)], document()).pressures
    assert [p.title for p in pressures] == [
        "Looked after children placements",
        "Independent fostering agency fees",
        "Children's Social Care - Disabled Children",
    ]
    assert [p.directorate for p in pressures] == [
        "Children, Young People and Education",
        "Children, Young People and Education",
        "Children's Social Care",
    ]


def test_a_total_column_after_one_column_a_year_is_not_the_last_years_figure() -> None:
    # The Wyvern savings plan heads "Phasing £000" over 2025-26, 2026-27, 2027-28, then "Total £000".
    rows = [
        ["Ref", "Saving", "Phasing £000", "", "", "Total £000"],
        ["", "", "2025-26", "2026-27", "2027-28", ""],
        ["CYPE-01", "Reduce residential placements", "1,250", "1,000", "750", "3,000"],
        ["CYPE-05", "Route optimisation", "800", "0", "0", "800"],
    ]
    savings = records_from_tables(
        [table(rows, header_rows=2, title="Phasing of savings")], document()
    ).savings
    first = {p.period: p.amount_gbp for p in savings[0].planned}
    assert first == {"2025-26": 1_250_000.0, "2026-27": 1_000_000.0, "2027-28": 750_000.0}


def _budget_line(rows: list[list[str]], heads: int) -> tuple[float | None, float | None]:
    kind = DocumentKind.BUDGET_MONITORING
    (line,) = records_from_tables([table(rows, header_rows=heads, unit="£000")], document(kind)).budget_lines
    return line.budget_gbp, line.forecast_gbp


def test_the_revised_budget_is_monitored_not_the_original_beside_it() -> None:
    rows = [
        ["Service", "Original Budget", "Virements", "Revised Budget", "Forecast Outturn", "Variance"],
        ["Care Leavers", "3,000", "100", "3,100", "2,900", "(200)"],
    ]
    assert _budget_line(rows, 1) == (3_100_000.0, 2_900_000.0)


def test_this_years_forecast_is_monitored_not_last_years_outturn_beside_it() -> None:
    rows = [
        ["", "2024/25", "2025/26", "2025/26", "2025/26"],
        ["Service", "Outturn", "Budget", "Forecast", "Variance"],
        ["Care Leavers", "3,300", "3,100", "2,900", "(200)"],
    ]
    assert _budget_line(rows, 2) == (3_100_000.0, 2_900_000.0)


def test_a_heading_broken_mid_word_by_a_narrow_column_keeps_its_meaning() -> None:
    rows = [
        ["Service", "Revenu e Budget", "Forecas t", "Varianc e"],
        ["Care Leavers", "3,100", "2,900", "(200)"],
    ]
    assert _budget_line(rows, 1) == (3_100_000.0, 2_900_000.0)


def test_two_headings_read_into_one_cell_over_two_columns_of_figures_head_one_each() -> None:
    rows = [
        ["Service", "Original Budget", "Revised Budget Forecast Outturn", "", "Variance"],
        ["Care Leavers", "3,000", "3,100", "2,900", "(200)"],
    ]
    assert _budget_line(rows, 1) == (3_100_000.0, 2_900_000.0)


def test_an_original_budget_broken_mid_word_is_still_not_the_one_monitored() -> None:
    rows = [
        ["Service", "Origina l Budget", "Vireme nts", "Revise d Budget", "Foreca st Outtur n", "Varian ce"],
        ["Care Leavers", "3,000", "100", "3,100", "2,900", "(200)"],
    ]
    assert _budget_line(rows, 1) == (3_100_000.0, 2_900_000.0)
