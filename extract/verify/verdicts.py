"""Each row's checks, and a record's status from them.

verified: at least one identity was tested and all held; contradicted: one failed; unchecked:
nothing in the document to test the figures against.
"""

from __future__ import annotations

from extract.domain.budget import Head, is_budget_table
from extract.numbers import has_magnitude
from extract.records import Check
from extract.tables.headers import MONEY_ROLES
from extract.tables.rows import Row, RowKind
from extract.verify.groups import checks_of_total, group_checks, total_lines
from extract.verify.identities import row_checks
from extract.verify.places import place_checks

UNIT_IDENTITY = "the table states its unit"
# Below this, figures printed with no unit could be pounds, £000 or £m: no council's money
# table is all under £100,000 in pounds, so such a table is taken to have lost its unit note.
UNSTATED_UNIT_CEILING = 100_000.0


def unit_check(row: Row, largest: float) -> Check | None:
    """A failed check where the table gives no unit and its figures are too small to be pounds."""
    layout = row.layout
    if layout.unit_stated or any(c.multiplier for c in layout.money) or largest >= UNSTATED_UNIT_CEILING:
        return None
    if any(has_magnitude(row.cells[c.index]) for c in layout.money if c.index < len(row.cells)):
        return None
    return Check(
        identity=UNIT_IDENTITY,
        held=False,
        detail=f"no unit is printed for the table and its largest figure is {largest:,.1f}: "
        "pounds, £000 or £m cannot be told apart",
    )


def _head_checks(heads: dict[int, Head]) -> dict[int, list[Check]]:
    """A directorate printed above its services against them, column by column, as a total
    printed below them is (`checks_of_total`)."""
    found: dict[int, list[Check]] = {}
    for head in heads.values():
        checks_of_total(head.row, [head.lines], found)
    return found


def _largest(rows: list[Row]) -> dict[int, float]:
    """The largest figure of each table, by `id(table)`."""
    largest: dict[int, float] = {}
    for row in rows:
        if row.kind is not RowKind.SKIP and row.amounts:
            value = max(abs(v) for v in row.amounts.values())
            largest[id(row.table)] = max(largest.get(id(row.table), 0.0), value)
    return largest


def row_verdicts(rows: list[Row], heads: dict[int, Head], under: set[int]) -> dict[int, list[Check]]:
    """Every check on each row with money, by `id(row)`; `heads` are rows printed above the
    services they sum, `under` those services."""
    found = group_checks(rows, set(heads), under - set(heads))
    budget_rows = [r for r in rows if is_budget_table(r)]
    for key, checks in place_checks(budget_rows, total_lines(rows, set(heads), under)).items():
        found.setdefault(key, []).extend(checks)
    for key, checks in _head_checks(heads).items():
        found.setdefault(key, []).extend(checks)
    largest = _largest(rows)
    for row in rows:
        if not any(c.role in MONEY_ROLES for c in row.layout.columns):
            continue
        own = row_checks(row)
        unit = unit_check(row, largest.get(id(row.table), 0.0))
        # A row's own identities come first: where its own arithmetic fails (66,400 + 5,710 is not
        # 71,570), that is the first reason it is in doubt, before any total it adds into.
        found[id(row)] = [*own, *([unit] if unit else []), *found.get(id(row), [])]
    return found
