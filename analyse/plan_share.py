"""The children's directorate's part of the council's medium-term plan, year by year.

Reviewers ask how much of a council-wide gap is children's and how much is elsewhere (often adult
social care). The plan's own grand totals ("TOTAL SPENDING PRESSURES", "TOTAL SAVINGS") are the
council's; the children's part is the sum of the children's lines the pack shows, every one, as
the council's totals count them, with its General Fund core part beside it (ring-fenced and
externally funded lines left out) where some lines are either, with its share of the council's core
pressures where the council's budget build prints its growth in a core column (Kent's Appendix D:
the children's £40.3m core of the council's £150.4m, 27%, beside 37% of all lines, which the DSG's
swings and a grant's change move). A share is given only where both are read, and only of a total
whose table's arithmetic is not contradicted.

Where the plan states no savings total, by table or sentence, the savings it states are identified
against each year's gap (analyse.gap_savings) are the council's savings that year.

A savings total may be net of other things: Kent's "TOTAL SAVINGS & INCOME" adds back earlier
years' savings reversed as undelivered, which its memorandum states beside the new savings and
income. The children's savings are new savings, so where the plan's memorandum states the
council's new savings and income (its lines under the total's table that reduce the budget as the
total does, naming savings or income and not grants), the share is of those; else of the total,
with the earlier savings reversed that it is net of, where the memorandum states them. Every share
is derived, never stated by the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from analyse.amounts import is_total
from analyse.reconcile import differ
from analyse.records import GapYear, PlanShare, Scope, YearTable
from analyse.scope import ScopeIndex, is_childrens, names_childrens_services
from analyse.standing import in_doubt
from analyse.wording import clause_of, whole_of
from extract.domain.from_tables import MTFP_MEMORANDUM, MTFP_TOTAL
from extract.records import BudgetBuild, Extraction, Figure, FigureUnit, PlanLine, Provenance

# A memorandum line of savings or income, not of grants (funding the children's savings do not count).
SAVINGS_OR_INCOME = re.compile(r"savings?|income", re.IGNORECASE)
GRANTS = re.compile(r"grants?\b", re.IGNORECASE)
PRESSURES_TOTAL = re.compile(r"pressures?|growth", re.IGNORECASE)
SAVINGS_TOTAL = re.compile(r"savings?", re.IGNORECASE)
# A grand total names no directorate: "TOTAL SAVINGS", "Total spending pressures", "TOTAL SAVINGS &
# INCOME" (the children's savings count their income lines too), or, where extract read the row as
# a stated total because "of which" rows part it (extract.domain.from_tables), "Spending pressures";
# not one that adds grants ("TOTAL SAVINGS, INCOME & GRANT"), which are funding the children's
# savings do not count.
GRAND = re.compile(
    r"^\s*(?:(?:grand\s+)?total\s+)?(?:(?:spending|service|budget|net)\s+)?"
    r"(?:pressures?|growth|savings?(?:\s*(?:,|&|and)\s*income)?)\s*$",
    re.I,
)


def plan_shares(
    extraction: Extraction,
    scopes: ScopeIndex,
    pressures: YearTable,
    planned: YearTable,
    gaps: list[GapYear],
) -> list[PlanShare]:
    """Per plan year: the children's pressures and savings, the council's totals, and the gap."""
    council_pressures = _grand_total(extraction.mtfp_totals, PRESSURES_TOTAL, scopes) or _build_growth(
        extraction
    )
    council_savings = _grand_total(extraction.mtfp_totals, SAVINGS_TOTAL, scopes)
    stated = stated_parts(extraction.figures, SAVINGS_TOTAL, scopes)
    gap_of = {g.period: g for g in gaps if g.period}
    out = []
    for i, year in enumerate(pressures.years):
        children_p = pressures.totals[i] if i < len(pressures.totals) else None
        apart = pressures.ring_fenced or pressures.external
        general = pressures.general_fund[i] if apart and i < len(pressures.general_fund) else None
        children_s = planned.totals[i] if i < len(planned.totals) else None
        council_p = _amount(council_pressures, year)
        council_s, council_rows, reversed_rows, nets = _council_savings(
            council_savings, extraction.mtfp_memoranda, year
        )
        titles, basis = [r.title for r in council_rows], _basis(council_rows)
        cited = [p.provenance[0] for p in council_rows + reversed_rows]
        # where no table totals them, the council's savings and the children's as a sentence states them
        said = stated.get(year) if council_s is None else None
        if said is not None:
            council_s, titles, basis, cited = said.whole_gbp, [said.label], "stated", said.provenance[:1]
            children_s = said.part_gbp if children_s is None else children_s
        gap = gap_of.get(year)
        # where neither does, the savings the plan states are identified against the year's gap
        found = gap.identified if gap is not None and council_s is None and said is None else None
        if found is not None:
            council_s, basis, cited = found.amount_gbp, "identified", found.provenance[:1]
            titles = [found.label or "savings identified"]
        if children_p is None and children_s is None:
            continue
        core = _council_core(extraction, year, council_p) if general is not None else None
        provenance = (
            [p.provenance[0] for p in (council_pressures,) if p is not None]
            + cited
            + (gap.provenance[:1] if gap else [])
            + (core.provenance[-1:] if core else [])
        )
        out.append(
            PlanShare(
                period=year,
                children_pressures_gbp=children_p,
                children_general_fund_gbp=general,
                council_pressures_gbp=council_p,
                council_general_fund_gbp=core.core_growth_gbp if core else None,
                general_fund_share=_fraction(general, core.core_growth_gbp if core else None),
                children_savings_gbp=abs(children_s) if children_s is not None else None,
                council_savings_gbp=abs(council_s) if council_s is not None else None,
                council_savings_rows=titles,
                council_savings_basis=basis,
                children_savings_stated_gbp=said.part_gbp if said else None,
                council_savings_nets_gbp=nets,
                council_savings_nets_rows=[r.title for r in reversed_rows],
                gap_gbp=gap.amount_gbp if gap else None,
                pressures_share=_fraction(children_p, council_p),
                savings_share=_fraction(children_s, council_s),
                provenance=provenance,
            )
        )
    return out


@dataclass(frozen=True)
class StatedPart:
    """A council total of one kind for a year and the children's part of it, as a sentence states them."""

    label: str  # the total's words ("Savings proposals")
    whole_gbp: float
    part_gbp: float
    provenance: list[Provenance]


def stated_parts(figures: list[Figure], words: re.Pattern[str], scopes: ScopeIndex) -> dict[str, StatedPart]:
    """Per year, the council's total of the kind `words` names and the children's part of it, as a
    sentence of the plan states them: "Savings proposals totalling £9.2m in 2026/27 ..., of which
    £2.80m relate to Children's Services". The part is a sum the sentence says is part of the one
    before it (analyse.wording.whole_of), its own clause naming children's services; the total is
    that sum, dated and labelled with the kind's words, and not the children's own."""
    out: dict[str, StatedPart] = {}
    for part in figures:
        whole = whole_of(part.text, part.value) if part.unit == FigureUnit.GBP else None
        if whole is None or not names_childrens_services(clause_of(part.text, part.value)[1]):
            continue
        total = next((f for f in figures if f.text == part.text and abs(f.value - whole) < 1), None)
        if total is None or total.period is None or not words.search(total.label or ""):
            continue
        if not is_childrens(scopes.figure(total) or Scope.COUNCIL_WIDE):
            out.setdefault(
                total.period, StatedPart(total.label or "", total.value, part.value, total.provenance)
            )
    return out


def _council_core(extraction: Extraction, year: str, council: float | None) -> BudgetBuild | None:
    """The council's budget build of the year that prints its growth in a core column beside the
    total, where that growth is the council's pressures total (the same figure the all-lines share
    is of, as two documents' figures agree: analyse.reconcile.differ), its arithmetic not
    contradicted: its core growth is the council's core pressures."""
    if council is None:
        return None
    return next(
        (
            b
            for b in extraction.budget_builds
            if b.level == "council"
            and b.period == year
            and b.core_growth_gbp is not None
            and b.growth_gbp is not None
            and not differ(abs(b.growth_gbp), council)
            and not in_doubt(b)
        ),
        None,
    )


def _grand_total(rows: list[PlanLine], words: re.Pattern[str], scopes: ScopeIndex) -> PlanLine | None:
    """The plan's council-wide total row of one kind, where its arithmetic stands."""
    return next(
        (
            r
            for r in rows
            if (is_total(r.title) or r.category == MTFP_TOTAL)
            and GRAND.match(r.title)
            and words.search(r.title)
            and not in_doubt(r)
            and not is_childrens(scopes.plan_line(r))
        ),
        None,
    )


def _build_growth(extraction: Extraction) -> PlanLine | None:
    """The plan's total row that the council's budget build reads as its growth (extract's
    decision: `BudgetBuild.growth_gbp`, "TOTAL SPENDING" above the savings), where no row is named
    as a pressures total: the first whose every year the builds give agrees with them (as two
    documents' figures agree: analyse.reconcile.differ)."""
    builds = [
        b
        for b in extraction.budget_builds
        if b.level == "council" and b.growth_gbp is not None and not in_doubt(b)
    ]
    growth = {b.period: b.growth_gbp for b in builds}
    # the build's own table first: another table may print the same sums (a list of pressures' total)
    tables = {_table_of(p) for b in builds for p in b.provenance}

    def agrees(row: PlanLine) -> bool:
        shared = [y for y in growth if _signed(row, y) is not None]
        return bool(shared) and all(not differ(_signed(row, y) or 0.0, growth[y] or 0.0) for y in shared)

    found = [r for r in extraction.mtfp_totals if not in_doubt(r) and agrees(r)]
    return next((r for r in found if _table_of(r.provenance[0]) in tables), next(iter(found), None))


def _council_savings(
    total: PlanLine | None, memoranda: list[PlanLine], year: str
) -> tuple[float | None, list[PlanLine], list[PlanLine], float | None]:
    """The council's savings of the year as the children's are counted (new savings and income),
    the rows summed for it, the memorandum's rows of earlier savings reversed that the total is
    net of, and their sum (None where it states none)."""
    amount = _signed(total, year)
    if total is None or amount is None:
        return None, [], [], None
    # the memorandum's own lines; a total under it ("TOTAL Savings for delivery") sums them
    memo = [m for m in memoranda if _same_table(m, total) and _signed(m, year) and not is_total(m.title)]
    new = [m for m in memo if _names_new_savings(m) and (_signed(m, year) or 0) * amount > 0]
    back = [m for m in memo if SAVINGS_OR_INCOME.search(m.title) and (_signed(m, year) or 0) * amount < 0]
    nets = sum(abs(_signed(m, year) or 0) for m in back) if back else None
    if new:
        return sum(abs(_signed(m, year) or 0) for m in new), new, back, nets
    return abs(amount), [total], back, nets


def _basis(rows: list[PlanLine]) -> Literal["memorandum", "total", "stated", "identified"] | None:
    if not rows:
        return None
    return "memorandum" if rows[0].category == MTFP_MEMORANDUM else "total"


def _names_new_savings(line: PlanLine) -> bool:
    return bool(SAVINGS_OR_INCOME.search(line.title)) and not GRANTS.search(line.title)


def _same_table(line: PlanLine, total: PlanLine) -> bool:
    """Printed in the same table of the same document (the locator before its row)."""
    return _table_of(line.provenance[0]) == _table_of(total.provenance[0])


def _table_of(where: Provenance) -> tuple[str, str]:
    return where.file, where.locator.split(", row")[0]


def _signed(row: PlanLine | None, year: str) -> float | None:
    if row is None:
        return None
    found = [p.amount_gbp for p in row.planned if p.period == year]
    return found[0] if found else None


def _amount(row: PlanLine | None, year: str) -> float | None:
    if row is None:
        return None
    found = [p.amount_gbp for p in row.planned if p.period == year]
    return abs(found[0]) if found else None


def _fraction(part: float | None, whole: float | None) -> float | None:
    """The part as a fraction of the whole; None where either is missing or the whole is nil."""
    return abs(part) / abs(whole) if part is not None and whole else None
