"""Which columns a monitoring table's budget, forecast and variance come from, and which way
its variance runs, chosen by the headings and confirmed by the table's own arithmetic.

A table may print several columns of one role (original budget, virements, revised budget;
last year's variance beside this year's), and its variance as forecast − budget or the other
way round whatever its heading says. Every assignment of the candidate columns and both signs
is scored by how many rows satisfy budget + variance = forecast; the best is kept, the
headings' own preference (the latest column) breaking ties, and the choice is recorded in words
when it is not what the headings alone would give.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from extract.tables.headers import Column
from extract.tables.layout import Layout
from extract.tables.rows import Row, RowKind
from extract.tables.vocabulary import EARLIER_WORDS, LATEST_WORDS, Role, reporting_month
from extract.verify.identities import budget_holds

YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
ROLES = (Role.BUDGET, Role.FORECAST, Role.VARIANCE)
MAX_CANDIDATES = 4  # columns of one role tried, at most (the latest by the headings first)


def _headings(layout: Layout) -> tuple:
    return tuple((c.role, c.period) for c in sorted(layout.columns, key=lambda c: c.index))


def segments(rows: list[Row]) -> list[list[Row]]:
    """Rows split where a table with headings of its own begins (a continuation on the next page,
    with no headings or the same ones repeated, stays with the table it continues)."""
    out: list[list[Row]] = []
    for row in rows:
        previous = out[-1][-1] if out else None
        starts = previous is None or (
            row.table is not previous.table
            and row.layout.header_rows > 0
            and _headings(row.layout) != _headings(previous.layout)
        )
        if starts:
            out.append([row])
        else:
            out[-1].append(row)
    return out


def _lateness(column: Column, latest_period: str | None) -> tuple[int, int, int, int]:
    """How strongly the heading says this is the latest column of its role (higher is later):
    its financial year, a calendar year it names ("2018 £ Budget"), its words, its month."""
    words = 1 if LATEST_WORDS.search(column.text) else -1 if EARLIER_WORDS.search(column.text) else 0
    period = -1 if column.period and latest_period and column.period < latest_period else 0
    year = max((int(y) for y in YEAR.findall(column.text)), default=0)
    return (period, year, words, reporting_month(column.text))


def _candidates(layout: Layout, role: Role) -> list[Column]:
    """The columns of a role, the latest by its heading first (the first printed among equals)."""
    columns = layout.having(role)
    periods = [c.period for c in columns if c.period]
    latest = max(periods) if periods else None
    ranked = sorted(columns, key=lambda c: _lateness(c, latest), reverse=True)
    return ranked[:MAX_CANDIDATES]


@dataclass(frozen=True)
class Choice:
    """For each role, which of its candidate columns (by rank, the latest first) is read, and
    whether the variance is read the other way round. By rank, so that a continuation on the
    next page whose columns sit elsewhere is read the same way."""

    picks: tuple[int, ...]
    reversed: bool

    def columns(self, layout: Layout) -> list[Column | None]:
        """The chosen column of each role (None for a role the table lacks)."""
        options = [_candidates(layout, role) for role in ROLES]
        return [
            found[pick] if pick < len(found) else None
            for pick, found in zip(self.picks, options, strict=True)
        ]

    def applied(self, row: Row) -> Row:
        """The row read with the chosen columns first in its layout, its variance turned round if so."""
        columns = [c for c in self.columns(row.layout) if c is not None]
        chosen = {c.index for c in columns}
        ordered = (*columns, *(c for c in row.layout.columns if c.index not in chosen))
        layout = replace(row.layout, columns=tuple(ordered))
        amounts = dict(row.amounts)
        variance = layout.first(Role.VARIANCE)
        if self.reversed and variance is not None and variance.index in amounts:
            amounts[variance.index] = -amounts[variance.index] + 0.0
        return replace(row, layout=layout, amounts=amounts)


def _score(choice: Choice, rows: list[Row]) -> tuple[int, int]:
    held = failed = 0
    for row in rows:
        result = budget_holds(choice.applied(row))
        held += result is True
        failed += result is False
    return held, -failed


def _monitored(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r.kind in (RowKind.LINE, RowKind.TOTAL, RowKind.SUMMARY)]


def choose(rows: list[Row]) -> tuple[Choice, list[str]] | None:
    """The best-supported reading of one monitoring table, with what it chose in words; None
    where it has no monitoring column. Without all three roles there is nothing to test, and
    the headings' latest column of each role is read."""
    layout = rows[0].layout
    options = [_candidates(layout, role) for role in ROLES]
    if not any(options):
        return None
    if not all(options):
        latest = Choice((0, 0, 0), False)
        return latest, _reading(layout, latest, None, 0)
    monitored = _monitored(rows)
    ranks = [range(len(found)) for found in options]
    choices = [Choice(picks, rev) for picks in itertools.product(*ranks) for rev in (False, True)]
    # Ties go to the earlier choice: the headings' latest columns, the variance as headed.
    best = max(choices, key=lambda c: _score(c, monitored))
    return best, _reading(layout, best, _score(best, monitored)[0], len(monitored))


def _reading(layout: Layout, best: Choice, held: int | None, rows: int) -> list[str]:
    notes = []
    why = (
        "the latest by its heading"
        if held is None
        else f"budget + variance = forecast holds that way on {held} of {rows} rows"
    )
    for role, pick in zip(ROLES, best.picks, strict=True):
        found, usual = _candidates(layout, role), layout.first(role)
        chosen = found[pick] if pick < len(found) else None
        if chosen is not None and usual is not None and chosen.index != usual.index:
            notes.append(
                f"{role.value} read from the column headed '{chosen.text}', not '{usual.text}': {why}"
            )
    if best.reversed:
        notes.append(
            f"variance printed as budget − forecast and turned round (positive is an overspend): "
            f"budget + variance = forecast holds that way on {held} of {rows} rows"
        )
    return notes


def chosen_rows(rows: list[Row]) -> tuple[list[Row], dict[int, list[str]]]:
    """Every row read with its table's best-supported columns and sign; the readings chosen,
    by `id(row)` of the rows returned."""
    out: list[Row] = []
    readings: dict[int, list[str]] = {}
    for segment in segments(rows):
        found = choose(segment)
        if found is None:
            out += segment
            continue
        choice, notes = found
        for row in segment:
            read = choice.applied(row)
            out.append(read)
            if notes:
                readings[id(read)] = notes
    return out, readings
