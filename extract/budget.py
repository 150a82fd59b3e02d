"""Budget monitoring lines (budget, forecast outturn, variance) from table rows.

Variance keeps the source's meaning, positive an overspend. A column headed the other way
round ('Underspend/(Overspend)') is negated when read; a table whose variances turn out to be
budget minus forecast, whatever the heading, is negated here.
"""

from __future__ import annotations

import re

from extract.headers import Role
from extract.records import BudgetLine
from extract.table_rows import Row, RowKind

GRAND_TOTAL = re.compile(
    r"^(?:grand |net |overall )?totals?(?: net)?(?: (?:budget|expenditure|spend|position))?$"
    r"|^(?:council|authority|county|overall|grand|net|general fund)\s+total$",
    re.I,
)


def is_budget_table(row: Row) -> bool:
    """Budget monitoring: a budget with a forecast or a variance, and no savings tracker columns."""
    layout = row.layout
    tracker = any(layout.first(r) for r in (Role.TARGET, Role.RAG, Role.ACHIEVED, Role.UNDELIVERABLE))
    monitored = layout.first(Role.FORECAST) or layout.first(Role.VARIANCE)
    return bool(layout.first(Role.BUDGET) and monitored and not tracker)


def level_of(row: Row) -> str:
    if row.kind is RowKind.TOTAL and GRAND_TOTAL.match(row.first_text.strip(" :")):
        return "total"
    if row.kind in (RowKind.TOTAL, RowKind.SUMMARY):
        return "directorate"
    named_by = row.layout.first(Role.DIRECTORATE)
    if named_by and not row.layout.first(Role.SERVICE) and row.cells[named_by.index] == row.label:
        return "directorate"  # a summary by directorate: each line is one
    return "service_line"


def variance_is_reversed(rows: list[Row]) -> bool:
    """Most rows state variance as budget minus forecast, so positive would mean underspend."""
    votes = 0
    for row in rows:
        budget, forecast, variance = (row.amount(r) for r in (Role.BUDGET, Role.FORECAST, Role.VARIANCE))
        if budget is None or forecast is None or not variance:
            continue
        tolerance = max(abs(variance) * 0.02, 1.0)
        if abs((forecast - budget) - variance) <= tolerance:
            votes -= 1
        elif abs((budget - forecast) - variance) <= tolerance:
            votes += 1
    return votes > 0


def directorates_from_totals(rows: list[Row]) -> dict[int, str]:
    """Each service line's directorate, named by the 'Total X' row that closes its group
    (keyed by `id(row)`)."""
    named: dict[int, str] = {}
    group: list[Row] = []
    for row in rows:
        if row.kind is RowKind.LINE:
            group.append(row)
        elif row.kind is RowKind.TOTAL:
            name = re.sub(r"^(?:sub[\s-]*)?totals?\s*(?:for\s+)?", "", row.first_text, flags=re.I).strip(
                " :-"
            )
            if name and level_of(row) == "directorate":
                named.update({id(line): name for line in [*group, row]})
            group = []
    return named


def _name(row: Row) -> str:
    name = row.label if row.kind is RowKind.LINE else row.first_text
    return name or row.first_text


def budget_line(row: Row, directorate: str | None, period: str | None, reversed_: bool) -> BudgetLine:
    budget, forecast = row.amount(Role.BUDGET), row.amount(Role.FORECAST)
    variance = row.amount(Role.VARIANCE)
    if variance is not None and reversed_:
        variance = -variance
    if variance is None and budget is not None and forecast is not None:
        variance = forecast - budget  # derived where the table states none
    column = row.layout.first(Role.BUDGET)
    return BudgetLine(
        name=_name(row),
        directorate=row.text(Role.DIRECTORATE) or directorate,
        level=level_of(row),  # type: ignore[arg-type]
        period=(column.period if column else None) or period,
        budget_gbp=budget,
        forecast_gbp=forecast,
        variance_gbp=variance,
        provenance=[row.provenance],
    )
