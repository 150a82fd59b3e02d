"""The savings each year's medium-term plan counts that it has not yet identified, and those it
says it has identified against the gap, with the gap it says remains.

A year whose plan shows no gap may balance only because it counts savings the documents call
under development, to be identified or unidentified; a year with a gap would have a larger one.
Which savings those are is analyse.flags' reading of their words, the one reading.

A plan may also say, in sentences beside its gap table, how much of a year's gap it has already
closed: "Savings proposals totalling £9.2m in 2026/27 have been identified ... A residual gap of
£5.6m remains to be closed in 2026/27". The savings identified are a money figure of the year, in
the gap's own document, whose words name savings and say they are identified (proposed, agreed,
approved), never not yet identified, and are not the children's part of them; the gap remaining
is one whose words name a gap (or shortfall) and say it remains (residual, outstanding, still to
be closed), less than the gap. Where the plan states the gap, the savings and the gap remaining,
the gap less the savings is derived and checked against the gap remaining, to the printed
precision of each (extract.verify.tolerance, the one rule).

A plan may instead print them as rows of the gap's own table, under the same year columns: "Savings
identified | (6.20) | (3.10) | (1.05)" and "Remaining annual gap | 3.65 | 4.32 | 5.07" below
"Annual budget gap (before savings)". A row whose label names savings and says they are identified
is the savings identified (its sign aside: a table may bracket them as a reduction); a row whose
label names a gap and says it remains is the gap remaining. Each is taken only where it states the
gap the same way as the gap's own row (both a year's own, or both cumulative), and is read in the
gap row's scale (the gap's pounds over its printed number). A sentence, where there is one, is
read first.

Which way the table runs is its own arithmetic. Where the rows above the gap add up to it in the
year's column ("Spending pressures 78.40, Savings and income proposals identified -32.60, Change in
funding -29.70, Budget gap 16.10"; "of which" rows, which part a row, and cumulative rows, which
restate others, left out), the savings row above the gap is one of its terms: the gap is already net
of those savings (`GapStated.in_gap`), and they close no more of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analyse.amounts import is_total
from analyse.flags import not_yet_identified, says_not_yet_identified, unidentified_label
from analyse.records import GapStated, GapYear, Scope, UnidentifiedSavings
from analyse.reserves import cell_places
from analyse.scope import ScopeIndex, is_childrens, text_scope
from analyse.wording import REMAINS, clause_of
from extract.numbers import normalise_period, parse_amount
from extract.records import Figure, FigureUnit, Provenance, SavingsLine, Table
from extract.tables.rows import row_cited, row_locator, table_locator, table_numbers
from extract.tables.vocabulary import CUMULATIVE_GAP, GAP_WORDS, OF_WHICH, SAVINGS_WORD
from extract.verify.tolerance import Term, gap_rounded, half_unit, holds, places_half_unit, precision

# Savings the plan says it has found: "have been identified", "proposals", "agreed", "approved".
IDENTIFIED = re.compile(
    r"\b(?:identified|proposals?|proposed|agreed|approved|put forward|developed)\b", re.IGNORECASE
)
SHORTFALL = re.compile(r"\bshortfall\b", re.IGNORECASE)


def with_unidentified(gaps: list[GapYear], savings: list[SavingsLine]) -> list[GapYear]:
    """Each year's gap with the savings its plan counts that it has not yet identified."""
    out = []
    for gap in gaps:
        found = unidentified(gap.period, savings)
        if found is not None:
            found = found.model_copy(update={"balances": gap_rounded(gap.amount_gbp) <= 0})
        out.append(
            gap.model_copy(update={"unidentified": found, "to_find_gbp": to_find(gap.amount_gbp, found)})
        )
    return out


def to_find(gap: float, unidentified: UnidentifiedSavings | None) -> float | None:
    """A year's gap plus the savings its plan counts but has not yet identified: what the year
    still has to find; None where it shows no gap (it balances on them, said so) or counts none."""
    if unidentified is None or unidentified.balances or gap_rounded(gap) <= 0:
        return None
    return gap + unidentified.amount_gbp


def unidentified(period: str | None, savings: list[SavingsLine]) -> UnidentifiedSavings | None:
    """The year's savings whose own words say they are not yet identified (analyse.flags), each
    saving once however many documents print it (the same title, description and amount)."""
    seen: dict[tuple[str, str, float], list[SavingsLine]] = {}
    for line in savings:
        if not not_yet_identified(line) or is_total(line.title):
            continue
        for p in line.planned:
            if p.period == period and p.amount_gbp > 0:
                key = (line.title.lower(), line.description.lower(), round(p.amount_gbp))
                seen.setdefault(key, []).append(line)
    if not seen:
        return None
    return UnidentifiedSavings(
        amount_gbp=sum(amount for _, _, amount in seen),
        titles=list(dict.fromkeys(lines[0].description or lines[0].title for lines in seen.values())),
        labels=list(dict.fromkeys(unidentified_label(lines[0]) for lines in seen.values())),
        provenance=[p for lines in seen.values() for line in lines for p in line.provenance],
    )


def with_identified(
    gaps: list[GapYear], figures: list[Figure], scopes: ScopeIndex, tables: Sequence[Table] = ()
) -> list[GapYear]:
    """Each year's gap with the savings its plan says are identified against it and the gap it says
    remains, and whether the gap less the one is the other (module docstring)."""
    out = []
    for gap in gaps:
        if gap.period is None or gap.amount_gbp <= 0:
            out.append(gap)
            continue
        own = [f for f in figures if _beside(f, gap)]
        said = next((f for f in own if _identified(f, scopes)), None)
        left = next((f for f in own if f is not said and _remaining(f, gap)), None)
        rows = table_rows(gap, tables)
        identified = _stated(said) if said else rows.get("identified")
        remaining = _stated(left) if left else rows.get("remaining")
        update: dict[str, object] = {"identified": identified, "remaining": remaining}
        if identified is not None and remaining is not None:
            update["remaining_derived_gbp"] = gap.amount_gbp - identified.amount_gbp
            update["remaining_holds"] = _closes(gap.amount_gbp, identified, remaining)
        out.append(gap.model_copy(update=update))
    return out


def table_rows(gap: GapYear, tables: Sequence[Table]) -> dict[str, GapStated]:
    """The savings identified and the gap remaining that the gap's own table prints in its year's
    column, in rows of their own (module docstring); {} where the gap is not read from a table."""
    found = _gap_cell(gap, tables)
    if found is None:
        return {}
    table, at, column = found
    printed = parse_amount(table.rows[at][column])
    if not printed:
        return {}
    scale = abs(gap.amount_gbp / printed)
    cumulative = bool(CUMULATIVE_GAP.search(gap.label or ""))
    terms = _terms_above(table, at, column, scale)
    out: dict[str, GapStated] = {}
    for index, row in enumerate(table.rows):
        label = _row_label(row)
        if index == at or column >= len(row) or bool(CUMULATIVE_GAP.search(label)) != cumulative:
            continue
        value = parse_amount(row[column])
        if not value:
            continue
        amount = abs(value) * scale
        if _identified_label(label):
            key = "identified"
        elif _remaining_label(label) and gap_rounded(amount) < gap_rounded(gap.amount_gbp):
            key = "remaining"
        else:
            continue
        where = row_cited(table, index)
        out.setdefault(
            key,
            GapStated(
                amount_gbp=amount,
                text=where.text,
                places=cell_places(row[column], round(scale)),  # scale is derived: round it
                provenance=[where],
                label=label,
                in_gap=key == "identified" and index in terms,
            ),
        )
    return out


def _terms_above(table: Table, at: int, column: int, scale: float) -> set[int]:
    """The rows above the gap's that add up to it in its column, as printed (module docstring);
    empty where they do not."""
    cells = {
        index: row[column]
        for index, row in enumerate(table.rows[:at])
        if column < len(row)
        and parse_amount(row[column]) is not None
        and not OF_WHICH.match(label := _row_label(row))
        and not CUMULATIVE_GAP.search(label)
    }
    if len(cells) < 2:
        return set()

    def term(cell: str) -> Term:
        pounds = (parse_amount(cell) or 0.0) * scale
        return Term(pounds, half_unit(cell, pounds, scale))

    gap = table.rows[at][column]
    return set(cells) if holds([term(gap)], [term(c) for c in cells.values()]) else set()


def _gap_cell(gap: GapYear, tables: Sequence[Table]) -> tuple[Table, int, int] | None:
    """The table, row and column the gap's year is printed in: its row by its locator (tables
    numbered on their page within their own document), its column the one a row above it heads
    with the gap's year."""
    cited: list[Provenance] = gap.provenance
    files = {p.file for p in cited}
    own = [t for t in tables if t.file in files]
    by_file = {file: [t for t in own if t.file == file] for file in files}
    numbered = [
        (t, n) for group in by_file.values() for t, n in zip(group, table_numbers(group), strict=True)
    ]
    for table, number in numbered:
        where = table_locator(table, number)
        for index in range(len(table.rows)):
            if not any(p.file == table.file and p.locator == row_locator(where, index) for p in cited):
                continue
            column = _year_column(table, index, gap.period)
            if column is not None:
                return table, index, column
    return None


def _year_column(table: Table, at: int, period: str | None) -> int | None:
    """The column a row above `at` heads with the year (nearest row first)."""
    for row in reversed(table.rows[:at]):
        for column, cell in enumerate(row):
            if cell and parse_amount(cell) is None and normalise_period(cell) == period:
                return column
    return None


def _row_label(row: list[str]) -> str:
    return next((c for c in row if c.strip() and parse_amount(c) is None), "")


def _identified_label(label: str) -> bool:
    """A row of savings the plan says are identified, not ones still to identify, nor a gap."""
    return (
        bool(SAVINGS_WORD.search(label))
        and bool(IDENTIFIED.search(label))
        and not says_not_yet_identified(label)
        and not GAP_WORDS.search(label)
        and not is_childrens(text_scope(label))
    )


def _remaining_label(label: str) -> bool:
    """A row of the gap the plan says remains (after savings)."""
    names_gap = GAP_WORDS.search(label) or (SHORTFALL.search(label) and not SAVINGS_WORD.search(label))
    return bool(names_gap) and bool(REMAINS.search(label))


def _beside(figure: Figure, gap: GapYear) -> bool:
    """A money figure of the gap's year, stated in the gap's own document, not the gap's own cell."""
    files = {p.file for p in gap.provenance}
    return (
        figure.unit == FigureUnit.GBP
        and figure.period == gap.period
        and figure.value > 0
        and figure.provenance[0].file in files
        and figure.provenance[0] not in gap.provenance
    )


def _words(figure: Figure) -> str:
    """What the figure is, in its label and its own clause either side of it."""
    before, after = clause_of(figure.text, figure.value)
    return " ".join((figure.label or "", before, after))


def _identified(figure: Figure, scopes: ScopeIndex) -> bool:
    words = _words(figure)
    return (
        bool(SAVINGS_WORD.search(figure.label or "") or SAVINGS_WORD.search(words))
        and bool(IDENTIFIED.search(words))
        and not says_not_yet_identified(words)
        and not GAP_WORDS.search(figure.label or "")
        and not is_childrens(scopes.figure(figure) or Scope.COUNCIL_WIDE)
    )


def _remaining(figure: Figure, gap: GapYear) -> bool:
    """A gap the plan says remains: its words name a gap, or a shortfall that is not the savings'
    ("an outstanding shortfall of £6.3m"), and say it remains; less than the gap."""
    words = _words(figure)
    names_gap = GAP_WORDS.search(words) or (SHORTFALL.search(words) and not SAVINGS_WORD.search(words))
    return (
        bool(names_gap)
        and bool(REMAINS.search(words))
        and gap_rounded(figure.value) < gap_rounded(gap.amount_gbp)
    )


def _stated(figure: Figure) -> GapStated:
    return GapStated(
        amount_gbp=figure.value, text=figure.text, places=figure.places, provenance=list(figure.provenance)
    )


def _closes(gap: float, identified: GapStated, remaining: GapStated) -> bool:
    """The gap less the savings identified is the gap remaining, to each figure's printed precision:
    a sentence's to its own places in £m, the gap's (a table's cell) to the unit all three are
    whole multiples of."""
    unknown = 0.5 * precision([gap, identified.amount_gbp, remaining.amount_gbp])

    def term(figure: GapStated) -> Term:
        tol = places_half_unit(figure.places, 1e6) if figure.places is not None else unknown
        return Term(figure.amount_gbp, tol)

    return holds([Term(gap, unknown)], [term(identified), term(remaining)])
