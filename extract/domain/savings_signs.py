"""How each table writes its savings: which sign, and whether the sign means anything.

A plan that writes savings as negative numbers (Kent's `-14,526.6`) has its signs turned round,
so a line written positive there (undelivered savings put back) stays a negative saving. But
some trackers write one directorate's savings negative and another's positive and state a total
that adds them all as positives: there each line's sign is presentation and magnitudes are
taken. The stated total decides; without one, a tracker (a target column) takes magnitudes and
a plan keeps the document's sign.
"""

from __future__ import annotations

from collections.abc import Callable

from extract.domain.savings import SignRule
from extract.tables.headers import Column
from extract.tables.rows import Row, RowKind
from extract.tables.vocabulary import Role
from extract.verify.identities import term
from extract.verify.tolerance import Term, holds


def document_sign(lines: list[Row]) -> int:
    """-1 where the document's saving lines add up to less than nothing."""
    return -1 if sum(sum(row.amounts.values()) for row in lines) < 0 else 1


def _first_amount_column(row: Row) -> Column | None:
    target = row.layout.first(Role.TARGET)
    years = row.layout.having(Role.YEAR)
    return target or (years[0] if years else None)


def _total_says_magnitudes(lines: list[Row], total: Row, column: Column) -> bool | None:
    """True where the total adds the lines' magnitudes, False where their signed values (to the
    printed precision of every figure)."""
    values = [found for row in lines if (found := term(row, column)) is not None]
    stated = term(total, column)
    if stated is None or not values:
        return None
    whole = [Term(abs(stated.value), stated.tolerance)]
    signed_sum = sum(v.value for v in values)
    signed = holds([Term(abs(signed_sum), sum(v.tolerance for v in values))], whole)
    magnitudes = holds([Term(abs(v.value), v.tolerance) for v in values], whole)
    if magnitudes and not signed:
        return True
    return False if signed else None


def _table_rule(rows: list[Row], is_saving: Callable[[Row], bool], sign: int) -> SignRule:
    lines = [r for r in rows if r.kind is RowKind.LINE and is_saving(r)]
    totals = [r for r in rows if r.kind is RowKind.TOTAL]
    column = _first_amount_column(rows[0])
    if lines and totals and column is not None:
        verdict = _total_says_magnitudes(lines, totals[-1], column)
        if verdict is not None:
            return SignRule(sign, magnitudes=verdict)
    return SignRule(sign, magnitudes=bool(rows[0].layout.first(Role.TARGET)))


def savings_rules(rows: list[Row], is_saving: Callable[[Row], bool]) -> dict[int, SignRule]:
    """The sign rule for each table (keyed by `id(table)`) of one document."""
    sign = document_sign([r for r in rows if r.kind is RowKind.LINE and is_saving(r)])
    by_table: dict[int, list[Row]] = {}
    for row in rows:
        by_table.setdefault(id(row.table), []).append(row)
    return {key: _table_rule(table_rows, is_saving, sign) for key, table_rows in by_table.items()}
