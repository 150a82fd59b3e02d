"""Do the extracted lines add up to the totals the tables state?

For every stated total row in a document's tables, the extracted records of the lines it covers
are summed, per year (or per budget column), and compared with the stated figure:
- a sub-total ("TOTAL PAY", "Sub-total") covers the lines since the previous total row, or,
  where it names a heading above it ("Total Savings" under "SAVINGS"), the lines since that heading;
- a grand total ("TOTAL", "Net total") covers every line since the previous grand total;
- a summary row named after a value the lines carry ("CORE", "External") covers the lines
  since the previous grand total that carry that value.
The records are found by their provenance, so a line the extraction missed or misread shows up
as a total not reproduced. A total none of whose lines became a record (a funding table, a
memorandum) is not counted: extraction does not claim to read it. Savings are stored with the opposite sign to a source that writes
them negative, so a sum equal to minus the stated total also counts (reported as `flipped`).
"""

from __future__ import annotations

from collections import defaultdict

from extract.records import BudgetLine, Extraction, PlanLine, SavingsLine, Table
from extract.tables.rows import Row, read_rows
from extract.tables.vocabulary import Role
from extract.verify.groups import covered
from extract.verify.tolerance import half_unit
from ingest.records import Document

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


def _records_by_place(extraction: Extraction) -> dict[tuple[str, str], Values]:
    records: list[PlanLine | BudgetLine] = [
        *extraction.savings,
        *extraction.pressures,
        *extraction.budget_lines,
    ]
    return {(r.provenance[0].file, r.provenance[0].locator): _record_values(r) for r in records}


def _key(row: Row, index: int) -> str | None:
    column = next(c for c in row.layout.columns if c.index == index)
    return column.period if column.role is Role.YEAR else (column.role.value if column.role else None)


def _agrees_with_parts(row: Row, index: int, parts: list[Row]) -> bool:
    """A grand total that is the sum of the stated subtotals under it (its own arithmetic is
    right, whatever a subtotal's)."""
    if not parts or any(index not in part.amounts for part in parts):
        return False
    stated = row.amounts[index]
    tolerance = half_unit(row.cells[index], stated) * (len(parts) + 1) + 1e-6
    return abs(sum(part.amounts[index] for part in parts) - stated) <= tolerance


def _check(row: Row, index: int, found: list[Values], parts: list[Row]) -> dict | None:
    """One stated figure against the sum of the records of the lines under it."""
    key = _key(row, index)
    if key is None:
        return None
    stated = row.amounts[index]
    summed = sum(values.get(key, 0.0) for values in found)
    tolerance = half_unit(row.cells[index], stated) * (len(found) + 1) + 1e-6
    flipped = abs(summed + stated) <= tolerance and abs(summed - stated) > tolerance
    by_lines = abs(summed - stated) <= tolerance or flipped
    by_parts = not by_lines and _agrees_with_parts(row, index, parts)
    return {
        "file": row.provenance.file,
        "locator": row.provenance.locator,
        "label": row.first_text,
        "period": key,
        "stated_gbp": stated,
        "summed_gbp": summed,
        "lines": len(found),
        "missing_lines": sum(1 for values in found if not values),
        "reproduced": by_lines or by_parts,
        "by": "lines" if by_lines else "subtotals" if by_parts else None,
        "flipped": flipped,
    }


def _compare(
    row: Row, scope: list[Row], records: dict[tuple[str, str], Values], parts: list[Row] | None = None
) -> list[dict]:
    """One check per stated figure; a total with no lines above it (a memorandum) states nothing
    this check can test. A grand total whose lines are all under subtotals also counts as
    reproduced when it is the sum of those stated subtotals, so that a fault is reported once,
    at the subtotal that has it."""
    found = [records.get((r.provenance.file, r.provenance.locator), {}) for r in scope]
    if not any(found):
        return []  # no line under it was taken as a record (funding, a tax base): not ours
    checks = (_check(row, index, found, parts or []) for index in row.amounts)
    return [check for check in checks if check is not None]


def _document_checks(rows: list[Row], records: dict[tuple[str, str], Values]) -> list[dict]:
    return [check for row, scope, parts in covered(rows) for check in _compare(row, scope, records, parts)]


def _tables_by_document(extraction: Extraction) -> list[tuple[Document, list[Table]]]:
    grouped: dict[str, list[Table]] = defaultdict(list)
    for table in extraction.tables:
        grouped[table.file].append(table)
    return [(doc, grouped[doc.file]) for doc in extraction.documents if grouped.get(doc.file)]


def check_category_totals(extraction: Extraction) -> dict:
    """How many stated totals the extracted lines reproduce, overall and per year.

    Returns {"stated": n, "reproduced": k, "by_period": {period: {"stated", "reproduced"}},
    "checks": [one dict per stated figure], "mismatches": [the checks not reproduced]}.
    """
    records = _records_by_place(extraction)
    checks: list[dict] = []
    for document, tables in _tables_by_document(extraction):
        checks += _document_checks(read_rows(tables, document), records)
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
