"""Do the extracted lines add up to the totals the tables state?

For every stated total row in a document's tables, the extracted records of the lines it covers
are summed, per year (or per budget column), and compared with the stated figure:
- a sub-total ("TOTAL PAY", "Sub-total") covers the lines since the previous total row, or,
  where it names a heading above it ("Total Savings" under "SAVINGS"), the lines since that heading;
- a grand total ("TOTAL", "Net total") covers every line since the previous grand total;
- a summary row named after a value the lines carry ("CORE", "External") covers the lines
  since the previous grand total that carry that value.
The tables are read once, where the document's records are made: `stated_totals` keeps each stated
figure with the lines it covers (a `StatedTotal` on the Extraction). `check_category_totals` then
finds the lines' records by their provenance, as read or as a reviewer corrected them, so a line
the extraction missed or misread shows up as a total not reproduced. A total none of whose lines
became a record (a funding table, a memorandum) is not kept: extraction does not claim to read
it. Savings are stored with the opposite sign to a source that writes them negative, so a sum
equal to minus the stated total also counts (reported as `flipped`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from extract.records import BudgetLine, Extraction, PlanLine, SavingsLine, StatedTotal
from extract.tables.rows import Row
from extract.tables.vocabulary import Role
from extract.verify.groups import covered
from extract.verify.tolerance import half_unit, within

Values = dict[str, float]


def _record_values(record: PlanLine | BudgetLine) -> Values:
    if isinstance(record, BudgetLine):
        named = {
            "budget": record.budget_gbp,
            "forecast": record.forecast_gbp,
            "variance": record.variance_gbp,
        }
        return {k: v for k, v in named.items() if v is not None}
    values = {p.period: p.amount_gbp for p in record.planned}
    if isinstance(record, SavingsLine):
        monitored = {
            "target": record.target_gbp,
            "forecast": record.forecast_gbp,
            "shortfall": record.shortfall_gbp,
            "undeliverable": record.undeliverable_gbp,
            "slipped": record.slipped_gbp,
        }
        values |= {k: v for k, v in monitored.items() if v is not None}
    return values


def records_by_place(extraction: Extraction) -> dict[tuple[str, str], Values]:
    """The figures of every line record, by the place it was read from (file, locator)."""
    records: list[PlanLine | BudgetLine] = [
        *extraction.savings,
        *extraction.pressures,
        *extraction.budget_lines,
    ]
    return {(r.provenance[0].file, r.provenance[0].locator): _record_values(r) for r in records}


def _key(row: Row, index: int) -> str | None:
    """The record value a total's figure is checked against: its column's year, or its role where
    it is the column of that role a line record reads (the first: "Forecast Variance", not
    "Variance at P6" or "Movement" beside it, which no record keeps); None where none is."""
    column = next(c for c in row.layout.columns if c.index == index)
    if column.role is Role.YEAR:
        return column.period
    if column.role is None or row.layout.first(column.role) is not column:
        return None
    return column.role.value


def _half_unit(row: Row, index: int) -> float:
    """Half a unit of the figure's last printed digit, in pounds: a printed zero ("0.0" in a £000
    table, within £50) takes its scale from its column's unit."""
    column = next(c for c in row.layout.columns if c.index == index)
    multiplier = column.multiplier or row.layout.multiplier
    return half_unit(row.cells[index], row.amounts[index], multiplier)


def _agrees_with_parts(row: Row, index: int, parts: list[Row]) -> bool:
    """A grand total that is the sum of the stated subtotals under it (its own arithmetic is
    right, whatever a subtotal's)."""
    if not parts or any(index not in part.amounts for part in parts):
        return False
    stated = row.amounts[index]
    tolerance = _half_unit(row, index) * (len(parts) + 1)
    return within(sum(part.amounts[index] for part in parts), stated, tolerance)


def _stated(row: Row, scope: list[Row], parts: list[Row]) -> list[StatedTotal]:
    """One StatedTotal per figure of a total row whose column has a year or a role."""
    keys = {index: _key(row, index) for index in row.amounts}
    return [
        StatedTotal(
            label=row.first_text,
            period=key,
            stated_gbp=row.amounts[index],
            half_unit_gbp=_half_unit(row, index),
            lines=[line.provenance.locator for line in scope],
            subtotals_agree=_agrees_with_parts(row, index, parts),
            provenance=[row.provenance],
        )
        for index, key in keys.items()
        if key is not None
    ]


def stated_totals(rows: list[Row], records: Sequence[PlanLine | BudgetLine]) -> list[StatedTotal]:
    """The figures a document's total rows state (`rows` as its tables read, before any choice of
    columns), each with the lines it covers, for the totals at least one of whose lines became
    one of the document's `records` with a figure."""
    read = {r.provenance[0].locator for r in records if _record_values(r)}
    return [
        total
        for row, scope, parts in covered(rows)
        if any(line.provenance.locator in read for line in scope)
        for total in _stated(row, scope, parts)
    ]


def total_check(total: StatedTotal, records: dict[tuple[str, str], Values]) -> dict:
    """One stated figure against the sum of the records of the lines under it. A grand total
    whose lines are all under subtotals also counts as reproduced when it is the sum of those
    stated subtotals, so that a fault is reported once, at the subtotal that has it."""
    found = [records.get((total.provenance[0].file, line), {}) for line in total.lines]
    stated = total.stated_gbp
    summed = sum(values.get(total.period, 0.0) for values in found)
    tolerance = total.half_unit_gbp * (len(found) + 1)
    agrees = within(summed, stated, tolerance)
    flipped = within(summed, -stated, tolerance) and not agrees
    by_lines = agrees or flipped
    by_parts = not by_lines and total.subtotals_agree
    where = total.provenance[0]
    return {
        "file": where.file,
        "locator": where.locator,
        "label": total.label,
        "period": total.period,
        "stated_gbp": stated,
        "summed_gbp": summed,
        "lines": len(found),
        "missing_lines": sum(1 for values in found if not values),
        "reproduced": by_lines or by_parts,
        "by": "lines" if by_lines else "subtotals" if by_parts else None,
        "flipped": flipped,
    }


def check_category_totals(extraction: Extraction) -> dict:
    """How many stated totals the extracted lines reproduce, overall and per year.

    Returns {"stated": n, "reproduced": k, "by_period": {period: {"stated", "reproduced"}},
    "checks": [one dict per stated figure], "mismatches": [the checks not reproduced]}.
    """
    records = records_by_place(extraction)
    checks = [total_check(total, records) for total in extraction.stated_totals]
    by_period: dict[str, dict[str, int]] = defaultdict(lambda: {"stated": 0, "reproduced": 0})
    for check in checks:
        by_period[check["period"]]["stated"] += 1
        by_period[check["period"]]["reproduced"] += int(check["reproduced"])
    return {
        "stated": len(checks),
        "reproduced": sum(int(c["reproduced"]) for c in checks),
        "by_period": dict(by_period),
        "checks": checks,
        "mismatches": [c for c in checks if not c["reproduced"]],
    }
