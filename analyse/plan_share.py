"""The children's directorate's part of the council's medium-term plan, year by year.

Reviewers ask how much of a council-wide gap is children's and how much is elsewhere (often adult
social care). The plan's own grand totals ("TOTAL SPENDING PRESSURES", "TOTAL SAVINGS") are the
council's; the children's part is the sum of the children's lines the pack shows, every one, as
the council's totals count them, with its General Fund core part beside it (ring-fenced and
externally funded lines left out) where some lines are either. A share is given only where both
are read, and only of a total whose table's arithmetic is not contradicted.
"""

from __future__ import annotations

import re

from analyse.amounts import is_total
from analyse.records import GapYear, PlanShare, YearTable
from analyse.scope import ScopeIndex, is_childrens
from analyse.standing import in_doubt
from extract.records import Extraction, PlanLine

PRESSURES_TOTAL = re.compile(r"pressures?|growth", re.IGNORECASE)
SAVINGS_TOTAL = re.compile(r"savings?", re.IGNORECASE)
# A grand total names no directorate: "TOTAL SAVINGS", "Total spending pressures", "TOTAL SAVINGS &
# INCOME" (the children's savings count their income lines too); not one that adds grants ("TOTAL
# SAVINGS, INCOME & GRANT"), which are funding the children's savings do not count.
GRAND = re.compile(
    r"^\s*(?:grand\s+)?total\s+(?:(?:spending|service|budget|net)\s+)?"
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
    council_pressures = _grand_total(extraction.mtfp_totals, PRESSURES_TOTAL, scopes)
    council_savings = _grand_total(extraction.mtfp_totals, SAVINGS_TOTAL, scopes)
    gap_of = {g.period: g for g in gaps if g.period}
    out = []
    for i, year in enumerate(pressures.years):
        children_p = pressures.totals[i] if i < len(pressures.totals) else None
        apart = pressures.ring_fenced or pressures.external
        general = pressures.general_fund[i] if apart and i < len(pressures.general_fund) else None
        children_s = planned.totals[i] if i < len(planned.totals) else None
        council_p = _amount(council_pressures, year)
        council_s = _amount(council_savings, year)
        gap = gap_of.get(year)
        if children_p is None and children_s is None:
            continue
        provenance = [p.provenance[0] for p in (council_pressures, council_savings) if p is not None] + (
            gap.provenance[:1] if gap else []
        )
        out.append(
            PlanShare(
                period=year,
                children_pressures_gbp=children_p,
                children_general_fund_gbp=general,
                council_pressures_gbp=council_p,
                children_savings_gbp=abs(children_s) if children_s is not None else None,
                council_savings_gbp=abs(council_s) if council_s is not None else None,
                gap_gbp=gap.amount_gbp if gap else None,
                pressures_share=_fraction(children_p, council_p),
                savings_share=_fraction(children_s, council_s),
                provenance=provenance,
            )
        )
    return out


def _grand_total(rows: list[PlanLine], words: re.Pattern[str], scopes: ScopeIndex) -> PlanLine | None:
    """The plan's council-wide total row of one kind, where its arithmetic stands."""
    return next(
        (
            r
            for r in rows
            if is_total(r.title)
            and GRAND.match(r.title)
            and words.search(r.title)
            and not in_doubt(r)
            and not is_childrens(scopes.plan_line(r))
        ),
        None,
    )


def _amount(row: PlanLine | None, year: str) -> float | None:
    if row is None:
        return None
    found = [p.amount_gbp for p in row.planned if p.period == year]
    return abs(found[0]) if found else None


def _fraction(part: float | None, whole: float | None) -> float | None:
    """The part as a fraction of the whole; None where either is missing or the whole is nil."""
    return abs(part) / abs(whole) if part is not None and whole else None
