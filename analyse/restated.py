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
from extract.verify.tolerance import places_half_unit


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
        # to the half unit of the places it is printed to ("6.50%": 0.005), whole where none is recorded
        and any(abs(f.value - s) <= places_half_unit(f.places or 0) for s in shares)
    ]
    return money + percents


def _same(figure: Figure, amount: float) -> bool:
    """The sentence's sum is the row's amount to the half unit it is printed to (signs aside: prose
    says "an overspend of £12.4m" where the table prints +12,400)."""
    # Figure.places counts a sum's places in £m; None: printed in pounds or £k, so to the pound.
    half = places_half_unit(figure.places, 1e6) if figure.places is not None else places_half_unit(0)
    return abs(abs(figure.value) - abs(amount)) <= half


def stating_otherwise(label: str, printed: float, reading: float, figures: list[Figure]) -> list[Figure]:
    """The prose figures that state a row's figure as its table's own arithmetic reads it
    (`reading`), not as printed (`printed`): the same subject (its label's words in the sentence), the
    reading's amount to the half unit the sentence prints it to, and not the printed one (Hallam's
    "Children's Services is forecasting an overspend of £5.170m" beside a subtotal printed 5,710
    whose budget, forecast and lines give 5,170): one figure stated two ways."""
    subject = content_words(label)
    if not subject:
        return []
    return [
        f
        for f in figures
        if f.unit == FigureUnit.GBP
        and subject <= content_words(f.text)
        and _same(f, reading)
        and not _same(f, printed)
    ]
