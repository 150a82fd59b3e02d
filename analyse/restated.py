"""Prose that restates a row its table's arithmetic contradicts carries the row's doubt.

A report's text is often written from its own table: "a forecast overspend of £12.4m (6.5% of the
directorate's budget)" restates the directorate total's variance. Where that row is in doubt, the
sentence's figure is the same contradicted figure and is marked as the row is, never shown bare.
The same amount (to the half unit the sentence prints it to), in a sentence naming the row's
subject, is taken as the row's figure; so is a percentage in that sentence that is the amount as a
share of the row's own budget.
"""

from __future__ import annotations

from analyse.wording import content_words
from extract.records import Figure, FigureUnit


def restating(label: str, amounts: list[float], budget: float | None, figures: list[Figure]) -> list[Figure]:
    """The prose figures that restate a row in doubt: `amounts` are its figures in doubt, `budget`
    its budget (what a percentage of it is a share of), `label` the subject its label names (a
    total's without its "Total")."""
    subject = content_words(label)
    if not subject or not amounts:
        return []
    naming = [f for f in figures if subject <= content_words(f.text)]
    money = [f for f in naming if f.unit == FigureUnit.GBP and any(_same(f, a) for a in amounts)]
    said = {(f.provenance[0].file, f.text): f for f in money}
    shares = [100 * abs(a) / budget for a in amounts] if budget else []
    percents = [
        f
        for f in naming
        if f.unit == FigureUnit.PERCENT
        and (f.provenance[0].file, f.text) in said
        and any(abs(f.value - s) <= _half_unit(f) for s in shares)
    ]
    return money + percents


def _same(figure: Figure, amount: float) -> bool:
    """The sentence's sum is the row's amount to the half unit it is printed to (signs aside: prose
    says "an overspend of £12.4m" where the table prints +12,400)."""
    half = 0.5 * 10**-figure.places * 1e6 if figure.places is not None else 0.5
    return abs(abs(figure.value) - abs(amount)) <= half


def _half_unit(figure: Figure) -> float:
    """Half a unit of the last place a percentage is printed to (6.5%: 0.05)."""
    text = repr(float(figure.value))
    places = 0 if text.endswith(".0") else len(text.split(".")[1])
    return 0.5 * 10**-places
