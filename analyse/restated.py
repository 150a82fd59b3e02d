"""Prose that restates a row its table's arithmetic contradicts carries the row's doubt.

A report's text is often written from its own table: "a forecast overspend of £12.4m (6.5% of the
directorate's budget)" restates the directorate total's variance. Where that row is in doubt, the
sentence's figure is the same contradicted figure and is marked as the row is, never shown bare.
The same amount (to the half unit the sentence prints it to), in a sentence naming the row's
subject, is taken as the row's figure; so is a percentage in that sentence that is the amount as a
share of the row's own budget.
"""

from __future__ import annotations

import re

from analyse.wording import STATED_SUM, content_words, stated_as_now
from extract.numbers import parse_money
from extract.records import BudgetLine, Figure, FigureUnit
from extract.stage import comparable_stages
from extract.tables.vocabulary import TOTAL_PREFIX, TOTAL_SUFFIX, reporting_month
from extract.verify.tolerance import places_half_unit


def restating(label: str, amounts: list[float], budget: float | None, figures: list[Figure]) -> list[Figure]:
    """The prose figures that restate a row in doubt: `amounts` are its figures in doubt, `budget`
    its budget (what a percentage of it is a share of), `label` the subject its label names (a
    total's without its "Total")."""
    subject = content_words(label)
    if not subject or not amounts:
        return []
    naming = [f for f in figures if subject <= content_words(f.text)]
    money = [f for f in naming if f.unit == FigureUnit.GBP and any(same_sum(f, a) for a in amounts)]
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


def same_sum(figure: Figure, amount: float) -> bool:
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
    whose budget, forecast and lines give 5,170): one figure stated two ways. A sum stated after
    management actions or reserves is at another stage than the row's (extract.stage)."""
    subject = content_words(label)
    if not subject:
        return []
    return [
        f
        for f in figures
        if f.unit == FigureUnit.GBP
        and subject <= content_words(f.text)
        and comparable_stages(f.stage, None)
        and same_sum(f, reading)
        and not same_sum(f, printed)
    ]


# Words a sentence states a directorate's overspend with ("is forecasting an overspend of £11.3m",
# "a net adverse variance of £6.1m").
OVERSPEND_WORDS = re.compile(r"overspen|over-spen|overspent|adverse\s+variance|over\s+budget", re.I)
# A prose figure this far from the row's, either way, is another sum the sentence names (a part, a
# council's whole), not the row's overspend stated otherwise.
FAR = 2.0


def stating_differently(row: BudgetLine, lines: list[BudgetLine], figures: list[Figure]) -> list[Figure]:
    """The prose figures that state a directorate row's overspend as another amount: a sentence,
    stated as the position now (analyse.wording.stated_as_now), naming the row's subject before the
    figure (its label's words) and no more specific row there, stating an overspend
    (`OVERSPEND_WORDS`) that is no row's variance to the half unit it is printed to (a line's or
    a division's, which the sentence may set beside it) and within `FAR` of the row's, at a stage
    the row's may be compared with (extract.stage: not after management actions), at the same
    reporting point where both say one (extract.tables.vocabulary.reporting_month). Severnbrook's "Children,
    Young People and Learning, which is forecasting an overspend of £6.12m" beside the table's
    £6,844,700; Ashdown Vale's recovery plan's £11.3m beside the monitoring report's £10.07m."""
    variance = row.variance_gbp
    subject = content_words(_bare(row.name))
    if variance is None or variance <= 0 or not subject or not row.provenance:
        return []
    month = reporting_month(row.provenance[0].file)
    out = []
    for f in figures:
        if f.unit != FigureUnit.GBP or f.value <= 0 or not OVERSPEND_WORDS.search(f.label or ""):
            continue
        if not comparable_stages(f.stage, None):
            continue  # "reducing the overspend to £5.9m" after actions is no restatement of the row's
        at = f.text.find(printed_sum(f))
        before = f.text[: at if at > 0 else len(f.text)]
        said = reporting_month(f.text)
        if (
            not subject <= content_words(before)
            or any(_more_specific(other, subject, before) for other in lines)
            or any(v is not None and same_sum(f, v) for v in (b.variance_gbp for b in lines))
            or not 1 / FAR <= f.value / variance <= FAR
            or (month and said and month != said)
            or not stated_as_now(f.text, f.value)
        ):
            continue
        out.append(f)
    return out


def printed_sum(figure: Figure) -> str:
    """How the sentence prints the figure's sum, to find where in it the sum is ("£11.3m")."""
    for m in STATED_SUM.finditer(figure.text):
        parsed = parse_money(m.group())
        if parsed is not None and abs(parsed - figure.value) < 1:
            return m.group()
    return ""


def _more_specific(row: BudgetLine, subject: set[str], before: str) -> bool:
    """Another row the words before the figure name, with more of its own words: the sentence's
    figure is that row's."""
    words = content_words(_bare(row.name))
    return len(words) > len(subject) and words <= content_words(before) and not words <= subject


def _bare(name: str) -> str:
    """A total row's name less its "Total" (as analyse.position.bare_name, which imports this module)."""
    return TOTAL_SUFFIX.sub("", TOTAL_PREFIX.sub("", name)) or name
