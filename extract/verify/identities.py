"""Identities within one row: budget + variance = forecast, target − forecast = shortfall."""

from __future__ import annotations

from extract.headers import Column, Role
from extract.records import Check
from extract.table_rows import Row
from extract.verify.tolerance import Term, half_unit, holds, millions

BUDGET_IDENTITY = "budget + variance = forecast"
SHORTFALL_IDENTITY = "target − forecast = shortfall"
TOTAL_IDENTITY = "lines sum to the stated total"
MEMBER_IDENTITY = "with the other lines, sums to the stated total"


def term(row: Row, column: Column) -> Term | None:
    """The row's figure in a column with its printed precision, or None where it has none."""
    value = row.amounts.get(column.index)
    if value is None:
        return None
    multiplier = column.multiplier or row.layout.multiplier
    return Term(value, half_unit(row.cells[column.index], value, multiplier))


def _terms(row: Row, *roles: Role) -> list[Term] | None:
    found = []
    for role in roles:
        column = row.layout.first(role)
        figure = term(row, column) if column else None
        if figure is None:
            return None
        found.append(figure)
    return found


def budget_holds(row: Row) -> bool | None:
    """Whether forecast − budget is the stated variance (positive an overspend); None where
    the row lacks one of the three."""
    terms = _terms(row, Role.BUDGET, Role.FORECAST, Role.VARIANCE)
    if terms is None:
        return None
    budget, forecast, variance = terms
    return holds([budget, variance], [forecast])


def budget_check(row: Row) -> Check | None:
    terms = _terms(row, Role.BUDGET, Role.FORECAST, Role.VARIANCE)
    if terms is None:
        return None
    budget, forecast, variance = terms
    held = holds([budget, variance], [forecast])
    detail = (
        f"{millions(budget.value)} + {millions(variance.value)} = "
        f"{millions(budget.value + variance.value)}; the forecast printed is {millions(forecast.value)}"
    )
    return Check(identity=BUDGET_IDENTITY, held=held, detail=detail)


def shortfall_check(row: Row) -> Check | None:
    """A saving's target less its forecast is the shortfall (or variance) the row states; signs
    are the table's presentation, so magnitudes are compared."""
    for role in (Role.SHORTFALL, Role.VARIANCE):
        terms = _terms(row, Role.TARGET, Role.FORECAST, role)
        if terms is not None:
            break
    else:
        return None
    target, forecast, gap = terms
    difference = Term(abs(target.value - forecast.value), target.tolerance + forecast.tolerance)
    held = holds([difference], [Term(abs(gap.value), gap.tolerance)])
    detail = (
        f"{millions(abs(target.value))} − {millions(abs(forecast.value))} = {millions(difference.value)}; "
        f"the {'shortfall' if role is Role.SHORTFALL else 'variance'} printed is {millions(abs(gap.value))}"
    )
    return Check(identity=SHORTFALL_IDENTITY, held=held, detail=detail)


def row_checks(row: Row) -> list[Check]:
    """Every identity the row's own columns let us test."""
    return [check for check in (budget_check(row), shortfall_check(row)) if check is not None]
