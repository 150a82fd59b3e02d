"""Budgets the council holds centrally for every directorate until it allocates them.

A council's budget for next year is set before some of it is given to directorates: the pay award
and employer National Insurance for all staff, inflation, a contingency are held centrally
("Corporately Held Budgets", CHB) and allocated during the year. The children's directorate's budget
shown leaves out its share of them: Kent's report says of its directorates' growth "These exclude
shares of amounts currently in centrally held budgets (CHB) pending allocation", and its budget by
directorate holds £19.9m under CHB beside CYPE's £448.7m. Such a budget is a known gap in the
directorate's figure, and how much of it will come to the children's directorate is a question for the
S151 officer.

A directorate-level row of the budget table is such a budget where its name says so
(`analyse.scope.HELD_CENTRALLY`) or where the plan's own lines under that name give no service area
yet (`analyse.scope.unallocated`: Kent's "Pay and Reward", directorate CHB, service area
"Unallocated"). What the documents say it holds is read (`HOLDS`): a budget they say holds the
council's own corporate costs (capital financing, treasury management, levies: `CORPORATE_COSTS`)
is not waiting to be allocated, unless they say it is; only a contingency or a pay or inflation
provision in it might come to a directorate (`ALLOCABLE`). Its growth in the year is the plan's core lines under it that add to it; the
documents' sentence that the directorates' figures leave it out (`PENDING_ALLOCATION`) is quoted.
"""

from __future__ import annotations

import re

from analyse.amounts import in_period
from analyse.records import HeldCentrally, HeldLine, PlanWords
from analyse.scope import HELD_CENTRALLY, PENDING_ALLOCATION, unallocated
from analyse.wording import content_words
from extract.prose import sentences_cited
from extract.records import BudgetLine, Extraction, PlanLine

# Words that say what a budget holds: "Corporate and centrally held budgets include capital financing,
# treasury management, the corporate contingency (£1.50m) and levies."
HOLDS = re.compile(
    r"\b(?:includes?|including|comprises?|comprising|covers?|consists?\s+of|made\s+up\s+of)\b", re.I
)
# The council's own corporate costs, met centrally and never allocated to a directorate.
CORPORATE_COSTS = re.compile(
    r"\bcapital\s+financing\b|\btreasury\b|\blev(?:y|ies)\b|\binterest\b|\bdebt\b|\bminimum\s+revenue\s+provision\b"
    r"|\bMRP\b|\bprecepts?\b",
    re.I,
)
# What a budget held centrally may hold for the directorates, to allocate during the year.
ALLOCABLE = re.compile(r"\bcontingenc(?:y|ies)\b|\bpay\b|\binflation\b|\bnational\s+insurance\b", re.I)


def held_centrally(extraction: Extraction, period: str | None) -> list[HeldCentrally]:
    """Each budget the council's budget table holds centrally in `period`, with its growth in the year
    and the documents' sentence that the directorates' figures leave it out."""
    plan: list[PlanLine] = [*extraction.pressures, *extraction.savings]
    pending = {
        _key(line.directorate) for line in plan if line.directorate and unallocated(None, line.service_area)
    }
    said = _said(extraction)
    out = []
    for row in in_period(extraction.budget_lines, period):
        if row.level != "directorate" or row.budget_gbp is None:
            continue
        if _key(row.name) not in pending and not HELD_CENTRALLY.search(row.name):
            continue
        holds = _holds(extraction, row.name)
        corporate = holds is not None and CORPORATE_COSTS.search(holds.words) and said is None
        out.append(
            HeldCentrally(
                name=row.name,
                period=row.period or period,
                budget_gbp=row.budget_gbp,
                lines=_growth(extraction.pressures, row, period),
                said=said,
                holds=holds,
                awaiting=_key(row.name) in pending or not corporate,
                allocable=sorted({m.group(0).lower() for m in ALLOCABLE.finditer(holds.words)})
                if holds
                else [],
                provenance=row.provenance[:1],
            )
        )
    return out


def _holds(extraction: Extraction, name: str) -> PlanWords | None:
    """The first sentence that names the budget, as its table prints it, and says what it holds."""
    for passage in extraction.passages:
        for sentence, where in sentences_cited(passage):
            if name.lower() in sentence.lower() and HOLDS.search(sentence):
                return PlanWords(words=sentence, provenance=where)
    return None


def _key(name: str | None) -> frozenset[str]:
    return frozenset(content_words(name))


def _growth(pressures: list[PlanLine], row: BudgetLine, period: str | None) -> list[HeldLine]:
    """The plan's core-funded lines under the budget's name that add to it in `period`, largest first."""
    found = []
    for line in pressures:
        if _key(line.directorate) != _key(row.name) or line.funding == "external":
            continue
        for planned in line.planned:
            if planned.period == (row.period or period) and planned.amount_gbp > 0:
                found.append(
                    HeldLine(
                        title=line.title,
                        amount_gbp=planned.amount_gbp,
                        period=planned.period,
                        provenance=line.provenance[:1],
                    )
                )
    return sorted(found, key=lambda h: -h.amount_gbp)


def _said(extraction: Extraction) -> PlanWords | None:
    """The first sentence that names a budget held centrally and says it is not yet the directorates'
    (one that says it waits to be allocated before one that only says it is left out)."""
    found = [
        (s, where, [m.group(0).lower() for m in PENDING_ALLOCATION.finditer(s)])
        for passage in extraction.passages
        for s, where in sentences_cited(passage)
        if HELD_CENTRALLY.search(s)
    ]
    pending = [f for f in found if f[2]]
    pending.sort(key=lambda f: all(w.startswith("exclud") for w in f[2]))
    return PlanWords(words=pending[0][0], provenance=pending[0][1]) if pending else None
