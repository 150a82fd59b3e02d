"""Next year's budget build from a budget report's tables: the base, growth, savings and other
changes, and the new budget they arrive at, by directorate or for the council.

Two layouts: a budget book whose column groups are directorates and whose rows are the steps
(Kent's Appendix E), and a table of rows with one money column, the build of the directorate
its title names. A step may answer to several rows ("TOTAL SAVINGS & INCOME" and "TOTAL
SAVINGS, INCOME & GRANT"), and the table prints savings as negatives or as positive cuts: the
reading taken is the one under which the most columns' builds arrive at their printed new
budget (`extract.verify.build`); each build is verified or contradicted under it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Literal

from extract.domain.budget import group_columns, multiplier_of
from extract.numbers import parse_money
from extract.records import BudgetBuild, Provenance, Table
from extract.tables.layout import clean, count_header_rows, title_period, title_subject
from extract.tables.vocabulary import (
    BUILD_BASE,
    BUILD_GROWTH,
    BUILD_NEW,
    BUILD_OTHER,
    BUILD_SAVINGS,
    WHOLE_COUNCIL,
)
from extract.verify.build import build_check
from extract.verify.status import verified
from extract.verify.tolerance import Term, half_unit
from ingest.records import Document

STEPS = {"base": BUILD_BASE, "growth": BUILD_GROWTH, "savings": BUILD_SAVINGS, "other": BUILD_OTHER}
MAX_CANDIDATES = 4  # rows tried for one step, at most (the nearest to the new budget)


@dataclass(frozen=True)
class Reading:
    """Which row gives each step (None: the table prints no such step), and the sign that
    turns the printed savings into the reduction (-1 where cuts print as negatives)."""

    rows: dict[str, int | None]
    savings_sign: Literal[-1, 1]


@dataclass(frozen=True)
class Column:
    name: str
    index: int
    level: Literal["council", "directorate"]


def builds_from_tables(tables: list[Table], locators: list[str], document: Document) -> list[BudgetBuild]:
    """Every budget build the document's tables print, each checked."""
    found: list[BudgetBuild] = []
    for table, table_at in zip(tables, locators, strict=True):
        found += builds_by_column_group(table, table_at, document) or builds_by_rows(
            table, table_at, document
        )
    return found


def builds_by_column_group(table: Table, table_at: str, document: Document) -> list[BudgetBuild]:
    """Each directorate's (and the council's) build from a budget book by directorate."""
    groups = group_columns(table)
    if groups is None:
        return []
    columns = [
        Column(name, j, "council" if WHOLE_COUNCIL.match(name) else "directorate") for name, j in groups.named
    ]
    start = len(groups.header)
    return _builds(table, table_at, document, columns, (start, groups.net_budget_at), groups.period)


def builds_by_rows(table: Table, table_at: str, document: Document) -> list[BudgetBuild]:
    """The build of the directorate (or council) a table's title names, from a label column and
    one money column."""
    subject, period = title_subject(table), title_period(table)
    heads = count_header_rows(table)
    at = next((i for i in range(heads, len(table.rows)) if _labelled(table, i, BUILD_NEW)), None)
    if subject is None or period is None or at is None:
        return []
    money = [
        j for j in range(1, len(table.rows[at])) if parse_money(clean(table.rows[at][j]), 1.0) is not None
    ]
    if len(money) != 1:
        return []
    level: Literal["council", "directorate"] = "council" if WHOLE_COUNCIL.match(subject) else "directorate"
    return _builds(table, table_at, document, [Column(subject, money[0], level)], (heads, at), period)


def _labelled(table: Table, i: int, words: re.Pattern[str]) -> bool:
    cells = table.rows[i]
    return bool(cells) and bool(words.match(clean(cells[0])))


def _builds(
    table: Table, table_at: str, document: Document, columns: list[Column], span: tuple[int, int], period: str
) -> list[BudgetBuild]:
    start, at = span
    header_text = " ".join(clean(c) for row in table.rows[:start] for c in row)
    multiplier = multiplier_of(table, header_text)
    readings = _readings(table, start, at)
    if not readings:
        return []

    def held(reading: Reading) -> int:
        built = [_build(table, table_at, document, c, reading, at, period, multiplier) for c in columns]
        return sum(1 for b in built if b is not None and b.checks[0].held)

    best = max(readings, key=held)  # the first of the best: nearest rows, the printed sign
    built = [_build(table, table_at, document, c, best, at, period, multiplier) for c in columns]
    return [b for b in built if b is not None]


def _readings(table: Table, start: int, at: int) -> list[Reading]:
    candidates: dict[str, list[int | None]] = {}
    for step, words in STEPS.items():
        rows = [i for i in range(start, at) if _labelled(table, i, words)][-MAX_CANDIDATES:][::-1]
        candidates[step] = list(rows) or [None]
    if candidates["base"] == [None]:
        return []
    names = list(candidates)
    signs: tuple[Literal[-1, 1], ...] = (-1, 1)
    return [
        Reading(dict(zip(names, rows, strict=True)), sign)
        for rows in itertools.product(*candidates.values())
        for sign in signs
    ]


def _build(
    table: Table,
    table_at: str,
    document: Document,
    column: Column,
    reading: Reading,
    at: int,
    period: str,
    multiplier: float,
) -> BudgetBuild | None:
    """One column's build under a reading; none where its base or new budget is not printed."""
    terms: dict[str, Term] = {}
    sources: list[Provenance] = []
    for step, i in [("new", at), *reading.rows.items()]:
        if i is None:
            continue
        cell = clean(table.rows[i][column.index]) if column.index < len(table.rows[i]) else ""
        amount = parse_money(cell, multiplier)
        if amount is None:
            continue
        sign = reading.savings_sign if step == "savings" else 1
        terms[step] = Term(sign * amount, half_unit(cell, amount, multiplier))
        sources.append(_where(table, table_at, document, i, column, cell))
    if "base" not in terms or "new" not in terms:
        return None
    check = build_check(
        terms["base"], terms["new"], terms.get("growth"), terms.get("savings"), terms.get("other")
    )
    record = BudgetBuild(
        name=column.name,
        level=column.level,
        period=period,
        base_gbp=terms["base"].value,
        growth_gbp=_value(terms.get("growth")),
        savings_gbp=_value(terms.get("savings")),
        other_gbp=_value(terms.get("other")),
        new_budget_gbp=terms["new"].value,
        provenance=sources,
    )
    return verified(record, [check.model_copy(update={"provenance": sources})], [])


def _value(term: Term | None) -> float | None:
    return round(term.value, 6) if term is not None else None


def _where(table: Table, table_at: str, document: Document, i: int, column: Column, cell: str) -> Provenance:
    label = clean(table.rows[i][0])
    return Provenance(
        file=document.file, sha256=document.sha256, page=table.page, bbox=table.row_bbox(i),
        locator=f"{table_at}, row {i + 1}, column {column.index + 1}", text=f"{label} | {column.name} | {cell}",
    )  # fmt: skip
