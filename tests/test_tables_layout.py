"""A table layout's columns looked up by role."""

from __future__ import annotations

from extract.tables.headers import Column
from extract.tables.layout import Layout
from extract.tables.vocabulary import Role


def layout(*columns: Column) -> Layout:
    return Layout(columns=columns, header_rows=1, multiplier=1.0)


def test_the_first_column_of_a_role_is_the_leftmost_of_that_role() -> None:
    plan = layout(
        Column(0, Role.SERVICE, "Service"),
        Column(1, Role.BUDGET, "Budget 2024-25", "2024-25"),
        Column(2, Role.BUDGET, "Budget 2025-26", "2025-26"),
        Column(3, Role.FORECAST, "Forecast"),
    )
    budget = plan.first(Role.BUDGET)
    assert budget is not None and budget.index == 1
    assert plan.first(Role.SERVICE) == plan.columns[0] and plan.first(Role.FORECAST) == plan.columns[3]
    assert plan.first(Role.VARIANCE) is None


def test_a_layout_continued_looks_up_its_own_columns() -> None:
    plan = layout(Column(0, Role.SERVICE, "Service"), Column(1, Role.BUDGET, "Budget"))
    assert plan.first(Role.BUDGET) == plan.continued().first(Role.BUDGET) == plan.columns[1]
    assert layout().first(Role.BUDGET) is None


def test_the_column_like_another_tables_is_the_one_at_its_place_where_that_means_the_same() -> None:
    budget = Column(1, Role.BUDGET, "Budget", "2025-26")
    moved = layout(
        Column(0, Role.SERVICE, "Service"),
        Column(1, Role.FORECAST, "Forecast", "2025-26"),
        Column(2, Role.BUDGET, "Budget", "2024-25"),
        Column(3, Role.BUDGET, "Budget", "2025-26"),
    )
    assert moved.like(budget) == moved.columns[3]  # where it moved to
    assert moved.like(Column(5, Role.FORECAST, "Forecast", "2025-26")) == moved.columns[1]
    assert moved.like(Column(1, Role.VARIANCE, "Variance")) is None
    same = layout(Column(0, Role.SERVICE, "Service"), Column(1, Role.BUDGET, "Budget", "2025-26"))
    assert same.like(budget) == same.columns[1] and same.like(budget) == same.columns[1]  # asked again
