"""Figures the pack prints that are arithmetic on other figures of the review: shares of a budget,
what is left of a total, a council's distance from its neighbours.

They are computed here, once, and carried on the Review (`Review.derived`) so that every figure a
pack prints is a field of review.json with a path (render.refs): render formats, it never computes.
"""

from __future__ import annotations

from analyse.dsg import at_one_date
from analyse.records import Benchmark, BudgetLess, Derived, Difference, Review


def derived_figures(review: Review) -> Derived:
    position, cs, s = review.position, review.position.children_services, review.savings_summary
    later = None
    if (s.unidentified_gbp or 0.0) > (s.unidentified_in_year_gbp or 0.0):
        later = (s.unidentified_gbp or 0.0) - (s.unidentified_in_year_gbp or 0.0)
    return Derived(
        children_variance_share=share(cs.variance_gbp, cs.budget_gbp),
        council_variance_share=share(position.variance_gbp, position.budget_gbp),
        children_budget_share=share(cs.budget_gbp, position.budget_gbp),
        unidentified_later_gbp=later,
        dsg_deficit_share_of_reserve=dsg_against_reserve(review),
        vs_neighbours=[vs_neighbours(b) for b in review.benchmarks],
        children_budget_less_transfers=children_budget_less_transfers(review),
        doubts=_from(cs.doubts, children_variance_share="variance_gbp"),
    )


def _from(doubts: dict[str, str], **fields: str) -> dict[str, str]:
    """A derived figure's doubt: that of the figure it is worked out from ({field: its source's})."""
    return {name: doubts[source] for name, source in fields.items() if source in doubts}


def children_budget_less_transfers(review: Review) -> BudgetLess | None:
    """The children's budget less the stated amounts of the budgets the documents say it holds and
    moves out in the year (BudgetTransfer.included), and its share of the council's: None where none
    is included or one included is unsized (the figure would still hold it)."""
    position = review.position
    taken = [t for t in position.transfers if t.included]
    budget = position.children_services.budget_gbp
    if budget is None or not taken or any(t.amount_gbp is None for t in taken):
        return None
    amount = budget - sum(t.amount_gbp or 0.0 for t in taken)
    return BudgetLess(
        amount_gbp=amount,
        places=min((t.places for t in taken if t.places is not None), default=None),
        approximate=any(t.approximate for t in taken),
        share=share(amount, position.budget_gbp),
    )


def dsg_against_reserve(review: Review) -> float | None:
    """The cumulative DSG deficit the council carries (analyse.dsg: after contributions, never one
    stated before them) as a percentage of the general fund reserve, only where both are at one date
    (analyse.dsg.at_one_date: "the end of 2024-25" is "31 March 2025"). A deficit at one date over a
    reserve at another is no measure of whether the council could absorb it: the pack gives the two
    figures with their dates and asks the S151 officer for the reserve at the deficit's date."""
    deficit, reserve = review.dsg.cumulative_deficit, review.dsg.general_reserve
    if deficit is None or reserve is None or reserve.amount_gbp is None or reserve.amount_gbp <= 0:
        return None
    if not at_one_date(deficit, reserve):
        return None
    return share(deficit.amount_gbp, reserve.amount_gbp)


def with_derived(review: Review) -> Review:
    return review.model_copy(update={"derived": derived_figures(review)})


def share(part: float | None, whole: float | None) -> float | None:
    """part as a percentage of whole; None where it cannot be computed."""
    if part is None or not whole:
        return None
    return 100 * part / whole


def vs_neighbours(b: Benchmark) -> Difference:
    """How far the value is above (+) or below (-) the neighbours' median: a percentage of the
    median; for a rate already in percent, percentage points; for an Ofsted grade, nothing."""
    base = b.statistical_neighbours.median
    if b.value is None or base is None or b.unit.startswith("grade") or b.none_recorded:
        return Difference(indicator=b.indicator)
    if b.unit == "percent":
        return Difference(indicator=b.indicator, value=b.value - base, unit="points")
    if not base:
        return Difference(indicator=b.indicator)
    return Difference(indicator=b.indicator, value=100 * (b.value / base - 1), unit="percent")
