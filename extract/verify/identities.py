"""Identities within one row: budget + variance = forecast, target − forecast = shortfall."""

from __future__ import annotations

import re

from extract.numbers import parse_amount
from extract.records import Check
from extract.tables.headers import Column
from extract.tables.rows import Row
from extract.tables.vocabulary import Role
from extract.verify.tolerance import Term, half_unit, holds, millions

BUDGET_IDENTITY = "budget + variance = forecast"
SHORTFALL_IDENTITY = "target − forecast = shortfall"
SHARE_IDENTITY = "the percentage agrees with its figures"
ALTERNATIVES_IDENTITY = "original forecast + alternative savings = total forecast"
UNDELIVERED_IDENTITY = "shortfall = undeliverable + slipped to future years"
RATED_IDENTITY = "target = the amounts rated at each RAG status"
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
    fields = [] if held else _misprinted(row)
    if fields:
        slip = fields[0].removesuffix("_gbp")
        detail += f"; the row's printed percentage bears out its other figures, so its {slip} is the slip"
    return Check(identity=BUDGET_IDENTITY, held=held, detail=detail, fields=fields)


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


# What a percentage column's heading says it is a share of: (numerator, base) roles.
VARIANCE_SHARE = re.compile(r"varian|over|under", re.I)
SHARE_OF: list[tuple[re.Pattern[str], Role, Role]] = [
    (VARIANCE_SHARE, Role.VARIANCE, Role.BUDGET),
    (re.compile(r"spent|actual|to date", re.I), Role.ACHIEVED, Role.BUDGET),
    (re.compile(r"forecast|outturn|projected", re.I), Role.FORECAST, Role.BUDGET),
    (re.compile(r"deliver|achiev", re.I), Role.ACHIEVED, Role.TARGET),
    (re.compile(r"deliver|achiev", re.I), Role.FORECAST, Role.TARGET),
]


def _share_of(row: Row, numerator: Role, base: Role, printed: Term) -> tuple[bool, float] | None:
    terms = _terms(row, numerator, base)
    if terms is None or not terms[1].value:
        return None
    part, whole = terms
    return _agrees(part, whole, Term(abs(printed.value), printed.tolerance)), abs(
        part.value / whole.value
    ) * 100


def share_check(row: Row) -> Check | None:
    """A percentage agrees with the figures it is a share of. Where the heading names them, a
    disagreement is recorded; where it does not, only a share that agrees with one reading counts."""
    found_share = _printed_share(row)
    if found_share is None:
        return None
    column, printed = found_share
    cell = row.cells[column.index]
    named = [(n, b) for words, n, b in SHARE_OF if words.search(column.text)]
    tried = named or [(n, b) for _, n, b in SHARE_OF]
    found = [(n, b, r) for n, b in tried if (r := _share_of(row, n, b, printed)) is not None]
    held = next(((n, b, share) for n, b, (ok, share) in found if ok), None)
    if held is not None:
        numerator, base, share = held
        detail = f"{numerator.value} over {base.value} is {share:.2f}%; printed {cell}"
        return Check(identity=SHARE_IDENTITY, held=True, detail=detail)
    if not named or not found:
        return None
    numerator, base, (_, share) = found[0]
    detail = f"{numerator.value} over {base.value} is {share:.2f}%, but {cell} is printed"
    return Check(identity=SHARE_IDENTITY, held=False, detail=detail, fields=_misprinted(row))


def _printed_share(row: Row) -> tuple[Column, Term] | None:
    """The row's percentage column and the figure printed in it, where it prints one."""
    column = row.layout.first(Role.SHARE)
    cell = row.cells[column.index] if column and column.index < len(row.cells) else ""
    value = parse_amount(cell.replace("%", "")) if cell else None
    return (column, Term(value, half_unit(cell, value))) if column and value is not None else None


def _misprinted(row: Row) -> list[str]:
    """The one figure of a row that is the slip, where budget + variance = forecast fails and the
    percentage its heading says is the variance's share of the budget tells which: agreeing with
    forecast − budget and not with the variance printed, the variance (["variance_gbp"]: its budget
    and forecast are borne out); with the variance and not forecast − budget, the forecast (budget
    and variance are). [] where the row cannot tell."""
    share, terms = _printed_share(row), _terms(row, Role.BUDGET, Role.FORECAST, Role.VARIANCE)
    if (
        share is None
        or terms is None
        or budget_holds(row) is not False
        or not VARIANCE_SHARE.search(share[0].text)
    ):
        return []
    budget, forecast, variance = terms
    if not budget.value:
        return []
    printed = Term(abs(share[1].value), share[1].tolerance)
    implied = Term(forecast.value - budget.value, forecast.tolerance + budget.tolerance)
    by_row = [_agrees(t, budget, printed) for t in (implied, variance)]
    return {(True, False): ["variance_gbp"], (False, True): ["forecast_gbp"]}.get((by_row[0], by_row[1]), [])


def _agrees(part: Term, whole: Term, printed: Term) -> bool:
    share = abs(part.value / whole.value) * 100
    slack = (part.tolerance / abs(whole.value) + abs(part.value) * whole.tolerance / whole.value**2) * 100
    return holds([Term(share, slack)], [printed])


def alternatives_check(row: Row) -> Check | None:
    """A tracker's total forecast is the forecast against the original saving plus the
    alternative savings found in its place (ongoing and one-off)."""
    forecasts, alternatives = row.layout.having(Role.FORECAST), row.layout.having(Role.ALTERNATIVE)
    if len(forecasts) < 2 or not alternatives:
        return None
    total = term(row, forecasts[0])
    parts = [t for c in [*forecasts[1:], *alternatives] if (t := term(row, c)) is not None]
    if total is None or not parts:
        return None
    magnitudes = [Term(abs(t.value), t.tolerance) for t in parts]
    held = holds(magnitudes, [Term(abs(total.value), total.tolerance)])
    summed = sum(t.value for t in magnitudes)
    detail = f"original forecast and alternatives {millions(summed)}; total forecast printed {millions(abs(total.value))}"
    return Check(identity=ALTERNATIVES_IDENTITY, held=held, detail=detail)


def undelivered_check(row: Row) -> Check | None:
    """The shortfall (or variance) is what cannot be delivered plus what slips to future years."""
    gap = next((t for role in (Role.SHORTFALL, Role.VARIANCE) if (t := _terms(row, role))), None)
    split = _terms(row, Role.UNDELIVERABLE, Role.SLIPPED)
    if gap is None or split is None:
        return None
    magnitudes = [Term(abs(t.value), t.tolerance) for t in split]
    held = holds(magnitudes, [Term(abs(gap[0].value), gap[0].tolerance)])
    detail = f"undeliverable and slipped {millions(sum(t.value for t in magnitudes))}; shortfall printed {millions(abs(gap[0].value))}"
    return Check(identity=UNDELIVERED_IDENTITY, held=held, detail=detail)


def rated_check(row: Row) -> Check | None:
    """A tracker that splits its target by RAG in columns (Blue | Green | Amber | Red) rates all of
    it: the amounts at each status add up to the target."""
    columns = row.layout.having(Role.RATED)
    target = _terms(row, Role.TARGET)
    parts = [t for c in columns if (t := term(row, c)) is not None]
    if not columns or target is None or not parts:
        return None
    held = holds(parts, target)
    detail = f"the ratings' amounts add to {millions(sum(t.value for t in parts))}; the target printed is {millions(target[0].value)}"
    return Check(identity=RATED_IDENTITY, held=held, detail=detail)


def row_checks(row: Row) -> list[Check]:
    """Every identity the row's own columns let us test."""
    found = (
        budget_check(row),
        shortfall_check(row),
        share_check(row),
        alternatives_check(row),
        undelivered_check(row),
        rated_check(row),
    )
    return [check for check in found if check is not None]
