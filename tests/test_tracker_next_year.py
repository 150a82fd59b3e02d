"""A savings tracker's target column for a later year is that year's planned saving
(extract.domain.savings.planned), beside the year it tracks."""

from __future__ import annotations

import pytest
from domain_tables import document, table

from extract.domain.from_tables import records_from_tables


@pytest.mark.parametrize(
    "later",
    ["2026/27 target £000", "Target 2026-27 (£000)", "2026/27 savings target £000"],
)
def test_a_trackers_later_year_target_is_planned_for_that_year(later: str) -> None:
    rows = [
        ["Ref", "Saving", "2025/26 target £000", "2025/26 forecast £000", "RAG", later],
        ["S1", "Fostering recruitment", "1,850", "1,250", "R", "1,200"],
        ["S2", "Early help restructure", "480", "480", "G", "0"],
    ]
    savings = records_from_tables([table(rows, header_rows=1, title="Savings tracker")], document()).savings
    first = savings[0]
    assert (first.period, first.target_gbp, first.forecast_gbp) == ("2025-26", 1_850_000, 1_250_000)
    assert [(p.period, p.amount_gbp) for p in first.planned] == [("2026-27", 1_200_000)]
    assert [(p.period, p.amount_gbp) for p in savings[1].planned] == [("2026-27", 0)]


def test_a_tracker_with_one_years_target_plans_no_other_year() -> None:
    rows = [
        ["Ref", "Saving", "2025/26 target £000", "2025/26 forecast £000", "RAG"],
        ["S1", "Fostering recruitment", "1,850", "1,250", "R"],
    ]
    (saving,) = records_from_tables([table(rows, header_rows=1, title="Savings tracker")], document()).savings
    assert saving.planned == []
