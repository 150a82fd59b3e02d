"""How a medium-term plan states its yearly gaps, and its total over the plan.

A plan prints each year's gap either as that year's new gap (the next year's base already assumes
the gap before it closed: incremental) or as the gap accumulated so far (cumulative). Incremental
gaps add up to the plan's total; cumulative ones are never added. Decided from the table's own
words and arithmetic, nothing else:

- a gap row labelled cumulative states the gap so far; the yearly gaps are incremental where their
  running sum is that row, cumulative where they are that row. Its last year is the document's
  own total, cited.
- else the budget chain: where each year's net budget is the last year's plus the year's net
  change and the year's whole gap, the gap is new each year (incremental); plus only the change
  in the gap, cumulative.
- else the gap rows' own table: a title that calls its gaps cumulative ("Table 1: Cumulative budget
  gap, £m") states each year's gap so far, and its last year is the document's own total.
- else undecided (None), and no total is given.
"""

from __future__ import annotations

from typing import Literal

from analyse.records import GapTotal, GapYear
from analyse.scope import table_key
from extract.records import PlanLine, Table
from extract.tables.vocabulary import CUMULATIVE_GAP, NET_BUDGET_ROW, NET_CHANGE_ROW
from extract.verify.tolerance import rounding_tolerance, within

Basis = Literal["incremental", "cumulative"] | None


def with_basis(
    gaps: list[GapYear], rows: list[PlanLine], totals: list[PlanLine], tables: list[Table] | None = None
) -> tuple[list[GapYear], GapTotal | None]:
    """The years' gaps marked with how the plan states them, and the plan's total gap."""
    dated = sorted((g for g in gaps if g.period), key=lambda g: g.period or "")
    if len(dated) < 2:
        return gaps, None
    basis, stated = _from_cumulative_row(dated, [r for r in rows if CUMULATIVE_GAP.search(r.title)])
    basis = basis or _from_budget_chain(dated, totals) or _from_title(dated, tables or [])
    if basis is None:
        return gaps, None
    marked = [g.model_copy(update={"basis": basis}) if g.period else g for g in gaps]
    return marked, stated or _total(dated, basis)


def not_cumulative(rows: list[PlanLine]) -> list[PlanLine]:
    """The gap rows that state each year's gap: a cumulative row restates them, so it stands for
    the years only where the plan prints no other."""
    yearly = [r for r in rows if not CUMULATIVE_GAP.search(r.title)]
    return yearly or rows


def _amounts(row: PlanLine) -> dict[str, float]:
    return {p.period: p.amount_gbp for p in row.planned}


def _agree(a: float, b: float) -> bool:
    return within(a, b, rounding_tolerance(a, [b]))


def _from_cumulative_row(dated: list[GapYear], rows: list[PlanLine]) -> tuple[Basis, GapTotal | None]:
    for row in rows:
        printed = _amounts(row)
        years = [g for g in dated if g.period in printed]
        if len(years) < 2:
            continue
        running = [sum(g.amount_gbp for g in years[: i + 1]) for i in range(len(years))]
        as_printed = [printed[g.period or ""] for g in years]
        readings: dict[Basis, list[float]] = {
            "incremental": running,
            "cumulative": [g.amount_gbp for g in years],
        }
        held = [b for b, read in readings.items() if all(map(_agree, read, as_printed))]
        if len(held) != 1:  # neither reading, or both (the years do not tell them apart)
            continue
        last = years[-1].period or ""
        total = GapTotal(
            amount_gbp=printed[last],
            first=years[0].period or "",
            last=last,
            stated=True,
            label=row.title,
            provenance=row.provenance,
        )
        return held[0], total
    return None, None


def _from_budget_chain(dated: list[GapYear], totals: list[PlanLine]) -> Basis:
    """Incremental or cumulative by the net budget's steps, where the two readings differ in at
    least one year and every year agrees with one of them only."""
    for budget_row in (t for t in totals if NET_BUDGET_ROW.match(t.title)):
        file = budget_row.provenance[0].file
        change_rows = [t for t in totals if NET_CHANGE_ROW.match(t.title) and t.provenance[0].file == file]
        if not change_rows:
            continue
        budget, change = _amounts(budget_row), _amounts(change_rows[0])
        fits: dict[Basis, bool] = {"incremental": True, "cumulative": True}
        told = False
        for before, year in zip([None, *dated], dated, strict=False):
            prior = _previous(budget, year.period or "")
            if prior is None or year.period not in change or year.period not in budget:
                continue
            gap_in = abs(budget[year.period or ""] - prior - change[year.period or ""])
            steps: dict[Basis, float] = {
                "incremental": abs(year.amount_gbp),
                "cumulative": abs(year.amount_gbp - (before.amount_gbp if before else 0.0)),
            }
            slack = rounding_tolerance(gap_in, [budget[year.period or ""], prior, change[year.period or ""]])
            for basis, step in steps.items():
                fits[basis] &= within(gap_in, step, slack)
            told |= not within(steps["incremental"], steps["cumulative"], slack)
        held: list[Basis] = [b for b, ok in fits.items() if ok]
        if told and len(held) == 1:
            return held[0]
    return None


def _from_title(dated: list[GapYear], tables: list[Table]) -> Basis:
    """Cumulative where the table every year's gap is read from calls its gaps cumulative in its title."""
    titles = {table_key(t.provenance[0]): t.title for t in tables if t.title and t.provenance}
    read_from = {table_key(p) for g in dated for p in g.provenance}
    said = [bool(CUMULATIVE_GAP.search(titles.get(key) or "")) for key in read_from]
    return "cumulative" if said and all(said) else None


def _previous(budget: dict[str, float], period: str) -> float | None:
    earlier = [p for p in budget if p < period]
    return budget[max(earlier)] if earlier else None


def _total(dated: list[GapYear], basis: Basis) -> GapTotal | None:
    """The derived total: the sum of incremental gaps; the last year's cumulative gap is the
    document's own figure for the plan."""
    last = dated[-1]
    if basis == "cumulative":
        amount, stated, cited = last.amount_gbp, True, last.provenance
    else:
        amount, stated = sum(g.amount_gbp for g in dated), False
        cited = list(dict.fromkeys(p for g in dated for p in g.provenance))
    return GapTotal(
        amount_gbp=amount,
        first=dated[0].period or "",
        last=last.period or "",
        stated=stated,
        label=last.label if stated else None,
        provenance=cited,
    )
