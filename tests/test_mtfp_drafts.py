"""MTFP tables read by what their columns are: years (2024/25, 2025/26 ...) or drafts of one year
(November, January, February versions of one budget). Drafts are never read as years: the latest
draft gives the year's figure."""

from __future__ import annotations

from domain_tables import document, table

from extract.domain.from_tables import records_from_tables
from extract.tables.headers import draft_point, latest_draft
from ingest.records import DocumentKind


def _gaps(rows: list[list[str]], title: str = "Medium Term Financial Plan") -> list[tuple[str, float]]:
    found = records_from_tables([table(rows, title=title)], document(DocumentKind.MTFP))
    return [(p.period, p.amount_gbp) for g in found.mtfp_gaps for p in g.planned]


def test_drafts_of_one_year_give_that_year_the_latest_drafts_figure() -> None:
    rows = [
        ["", "2024/25 November draft £000", "2024/25 January draft £000", "2024/25 February £000"],
        ["Budget gap", "12,000", "8,000", "3,000"],
    ]
    assert _gaps(rows) == [("2024-25", 3e6)]


def test_drafts_headed_by_month_under_a_title_naming_the_year_are_that_years_drafts() -> None:
    rows = [["", "Nov-23 £000", "Jan-24 £000", "Feb-24 £000"], ["Budget gap", "12,000", "8,000", "3,000"]]
    assert _gaps(rows, "Budget 2024/25: the gap at each draft") == [("2024-25", 3e6)]


def test_drafts_in_any_column_order_give_the_latest() -> None:
    rows = [
        ["", "February 2024 £000", "November 2023 £000", "January 2024 £000"],
        ["Budget gap", "3,000", "12,000", "8,000"],
    ]
    assert _gaps(rows, "Budget 2024/25") == [("2024-25", 3e6)]


def test_columns_of_years_stay_years() -> None:
    rows = [["", "2024/25 £000", "2025/26 £000", "2026/27 £000"], ["Budget gap", "12,000", "8,000", "3,000"]]
    assert _gaps(rows) == [("2024-25", 12e6), ("2025-26", 8e6), ("2026-27", 3e6)]


def test_a_date_of_a_balance_is_not_a_draft_and_a_word_like_decision_is_no_month() -> None:
    for heading in [
        "31 March 2026",
        "Balance at 1 April 2025",
        "Decision 2025-26",
        "Forecast Month 6",
        "2025/26",
    ]:
        assert draft_point(heading) is None, heading
    assert draft_point("2024/25 November draft") is not None


def test_the_budget_cycle_runs_from_autumn_to_february_and_a_final_version_is_last() -> None:
    points = [draft_point(h) for h in ["February", "November", "January"]]
    assert latest_draft([p for p in points if p]) == 0
    numbered = [draft_point(h) for h in ["Draft 2", "Final", "Draft 3"]]
    assert latest_draft([p for p in numbered if p]) == 1
