"""Savings lines from table rows, and the line-level judgement of whether each is at risk.

Savings are positive magnitudes of money saved whatever sign the source writes them with; the
caller passes a `SignRule` (see `extract.domain.savings_signs`), so a reversal written with the
opposite sign stays negative unless the source's own total shows the sign is presentation only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from extract.records import PeriodAmount, Provenance, Rag, RiskReason, SavingsLine
from extract.tables.rows import Row
from extract.tables.vocabulary import (
    AT_RISK_WORDS,
    PART_YEAR,
    RATING_CELL,
    SLIPPED_WORDS,
    UNDELIVERABLE_WORDS,
    Role,
    high_is_good,
)
from extract.verify.identities import term
from extract.verify.tolerance import millions, within

RAG_WORDS: list[tuple[str, Rag]] = [
    # A rating column that says "Not deliverable" rates the saving red, "Achieved" blue, "On track"
    # green, "At risk" amber (extract.tables.vocabulary.DELIVERY_STATUS: a tracker rating in words).
    (
        r"\bnot (?:be )?(?:deliver|achiev)|\b(?:cannot|can['\u2019]t|won['\u2019]t) be (?:deliver|achiev)"
        r"|\bundeliverable\b|\bunachievable\b",
        Rag.RED,
    ),
    (r"\bblue\b|\bdelivered\b|\bachieved\b|\bcomplete[d]?\b|^b$", Rag.BLUE),
    (r"\bred\b|^r$", Rag.RED),
    (r"\bamber\b|^a$|^da$|^ar$|^ag$|(?<!not )\b(?:at|some)[- ]risk\b|\boff[- ]track\b", Rag.AMBER),
    (r"\bgreen\b|^g$|(?<!not )\bon[- ]track\b", Rag.GREEN),
]

# A rating on a scale of words: medium is amber whichever way the scale points; high and low are
# green and red, or red and green, by the way it points (extract.tables.vocabulary.high_is_good),
# and no colour where nothing says which way.
SCALE_WORDS: list[tuple[str, Rag, Rag]] = [  # words, its colour where high is good, where high is bad
    (r"\bhigh\b|^h$", Rag.GREEN, Rag.RED),
    (r"\bmedium\b|\bmed\b|^m$", Rag.AMBER, Rag.AMBER),
    (r"\blow\b|^l$", Rag.RED, Rag.GREEN),
]


# What a rating says of the money rated so, where a tracker splits its target by RAG in columns
# (Blue | Green | Amber | Red): blue is delivered and green on track, together the year's forecast;
# amber is at risk and red not expected in year, together the shortfall; red alone will not be
# delivered in year.
ON_TRACK = frozenset({Rag.BLUE, Rag.GREEN})
AT_RISK = frozenset({Rag.AMBER, Rag.RED})
NOT_IN_YEAR = frozenset({Rag.RED})


def parse_rag(text: str | None, high_good: bool | None = None) -> Rag | None:
    """A RAG rating from its cell: 'Dark Amber' is amber; where two colours are given the first
    counts. A rating on a scale of words ("High", "Low") takes its colour from `high_good`, the
    way its scale points; none where that is not known."""
    if not text:
        return None
    lowered = text.strip().lower()
    scale = [
        (w, good if high_good else bad)
        for w, good, bad in SCALE_WORDS
        if high_good is not None or good is bad
    ]
    hits = [(m.start(), rag) for w, rag in [*RAG_WORDS, *scale] if (m := re.search(w, lowered))]
    return min(hits, key=lambda hit: hit[0])[1] if hits else None


def rating_cell(row: Row) -> tuple[str, str] | None:
    """The row's RAG in its own words with its column's heading: the RAG column's cell, else a cell
    of a status, risk or deliverability column that holds a rating and nothing else (trackers head
    it any way)."""
    column = row.layout.first(Role.RAG)
    stated = row.text(Role.RAG)
    if column and stated:
        return stated, column.text
    for column in row.layout.having(Role.STATUS):
        cell = row.cells[column.index] if column.index < len(row.cells) else ""
        if cell and RATING_CELL.match(cell):
            return cell.strip(), column.text
    return None


def _status_text(row: Row, rating: str | None) -> str | None:
    """The first status or commentary cell that is not the rating itself."""
    for column in row.layout.having(Role.STATUS):
        cell = row.cells[column.index].strip() if column.index < len(row.cells) else ""
        if cell and cell != rating:
            return cell
    return None


def _pounds(value: float) -> str:
    """Money in a reason's words to the places the table printed it (the checks' own `millions`:
    a £000 tracker's 1,250 is £1.25m, not £1.2m); whole pounds under £100k."""
    return millions(value) if abs(value) >= 1e5 else f"£{value:,.0f}"


def _reason(code: str, evidence: str, provenance: Provenance) -> RiskReason:
    return RiskReason(code=code, evidence=evidence, provenance=[provenance])


def risk_reasons(line: SavingsLine, slack: float = 0.0) -> list[RiskReason]:
    """Why a saving is at risk, each reason with the evidence the row gives; a forecast under
    target by no more than `slack` (the rounding of the two printed figures) is on target."""
    prov = line.provenance[0]
    reasons = []
    if line.rag is Rag.RED:
        reasons.append(_reason("rag_red", f"RAG rated {line.rag_text}", prov))
    if line.rag is Rag.AMBER:
        reasons.append(_reason("rag_amber", f"RAG rated {line.rag_text}", prov))
    if line.rag not in (Rag.RED, Rag.AMBER) and AT_RISK_WORDS.search(line.status_text or ""):
        reasons.append(_reason("declared_at_risk", f"status: {line.status_text}", prov))
    target, forecast = line.target_gbp, line.forecast_gbp
    if target and forecast is not None and target > 0 and forecast < target - slack:
        evidence = f"forecast {_pounds(forecast)} against target {_pounds(target)}"
        reasons.append(_reason("forecast_below_target", evidence, prov))
    # A rating column may say why in words ("Slipped to 26/27", "Not deliverable").
    status = " ".join(t for t in (line.status_text, line.rag_text) if t)
    if (line.undeliverable_gbp or 0) > 0 or UNDELIVERABLE_WORDS.search(status):
        amount = f"{_pounds(line.undeliverable_gbp)} " if line.undeliverable_gbp else ""
        reasons.append(_reason("undeliverable", f"{amount}undeliverable {status}".strip(), prov))
    if (line.slipped_gbp or 0) > 0 or SLIPPED_WORDS.search(status):
        amount = f"{_pounds(line.slipped_gbp)} " if line.slipped_gbp else ""
        reasons.append(_reason("slipped", f"{amount}slipped {status}".strip(), prov))
    return reasons


@dataclass(frozen=True)
class SignRule:
    """How a table writes savings: `sign` -1 where as negative numbers; `magnitudes` where each
    line's sign is only presentation (the stated total adds the lines' magnitudes)."""

    sign: int = 1
    magnitudes: bool = False

    def apply(self, value: float) -> float:
        return (abs(value) if self.magnitudes else value * self.sign) + 0.0  # never -0.0


KEEP = SignRule()


def _signed(value: float | None, rule: SignRule) -> float | None:
    return None if value is None else rule.apply(value)


def _magnitude(value: float | None) -> float | None:
    return None if value is None else abs(value)


def planned(row: Row, rule: SignRule = KEEP, tracked: str | None = None) -> list[PeriodAmount]:
    """The row's phasing by year, from its year columns; in a tracker of the year `tracked`, also
    from its target columns for other years ("2026/27 target £000" beside "2025/26 target £000":
    the saving planned for the year after)."""
    later = [c for c in row.layout.having(Role.TARGET) if tracked and c.period not in (None, tracked)]
    return [
        PeriodAmount(period=c.period, amount_gbp=rule.apply(row.amounts[c.index]))
        for c in [*row.layout.having(Role.YEAR), *later]
        if c.period and c.index in row.amounts
    ]


def _target(row: Row, period: str | None) -> float | None:
    """The target column's amount; in a tracker (delivery, forecast or rating columns) whose
    savings are money-by-year columns ("2025/26 Saving £000", "2026/27 £000"), the column of the
    year it tracks, or its only one."""
    target = row.amount(Role.TARGET)
    years = row.layout.having(Role.YEAR)
    tracked = any(row.layout.first(r) for r in (Role.ACHIEVED, Role.FORECAST, Role.RAG, Role.SHORTFALL))
    if target is not None or not tracked or not years:
        return target
    column = years[0] if len(years) == 1 else next((c for c in years if c.period == period), None)
    return row.amounts.get(column.index) if column else None


def _shortfall(row: Row, target: float | None, forecast: float | None) -> float | None:
    """The shortfall column's amount; a tracker that heads it "Variance" (target against
    forecast, in either sign) states it too, where the variance is that difference."""
    stated = row.amount(Role.SHORTFALL)
    if stated is not None:
        return abs(stated)
    variance = row.amount(Role.VARIANCE)
    if variance is None or target is None or forecast is None:
        return None
    gap = target - forecast
    # Printed figures are rounded: the difference agrees to the rounding of all three.
    if within(abs(variance), abs(gap), _slack(row, Role.TARGET, Role.FORECAST, Role.VARIANCE)):
        return max(gap, 0.0)
    return None


def _slack(row: Row, *roles: Role) -> float:
    """The rounding of the row's printed figures in these roles, summed (`extract.verify`)."""
    columns = [row.layout.first(role) for role in roles]
    terms = [term(row, column) for column in columns if column]
    return sum(t.tolerance for t in terms if t)


def rated(row: Row, ratings: frozenset[Rag]) -> float | None:
    """The money a row's RAG columns (`Role.RATED`: "Blue (delivered)", "Amber") rate at any of
    `ratings`; None where its table has no such column."""
    columns = [c for c in row.layout.having(Role.RATED) if parse_rag(c.text) in ratings]
    if not columns:
        return None
    return sum(row.amounts.get(c.index, 0.0) for c in columns)


def _first(*values: float | None) -> float | None:
    return next((v for v in values if v is not None), None)


def _achieved_in_year(row: Row) -> float | None:
    """What the row says the year achieved, where its heading gives the whole year's ("Achieved"),
    not a part of it ("Delivered to date": PART_YEAR)."""
    column = row.layout.first(Role.ACHIEVED)
    return row.amount(Role.ACHIEVED) if column and not PART_YEAR.search(column.text) else None


def savings_line(row: Row, fields: dict[str, Any], rule: SignRule, period: str | None) -> SavingsLine:
    """A saving from a plan or tracker row; `fields` holds its title, category and other text. A
    tracker that splits its target by RAG in columns forecasts what it rates on track, and falls
    short by what it rates at risk (`ON_TRACK`, `AT_RISK`)."""
    forecast = _first(row.amount(Role.FORECAST), rated(row, ON_TRACK), _achieved_in_year(row))
    rating = rating_cell(row)
    rag_text = rating[0] if rating else None
    target_column = row.layout.first(Role.TARGET)
    target = _signed(_target(row, period), rule)
    shortfall = _shortfall(row, target, _signed(forecast, rule))
    line = SavingsLine(
        **fields,
        planned=planned(row, rule, period or (target_column.period if target_column else None)),
        period=period,
        target_gbp=target,
        forecast_gbp=_signed(forecast, rule),
        shortfall_gbp=_first(shortfall, _magnitude(rated(row, AT_RISK))),
        undeliverable_gbp=_magnitude(_first(row.amount(Role.UNDELIVERABLE), rated(row, NOT_IN_YEAR))),
        slipped_gbp=_magnitude(row.amount(Role.SLIPPED)),
        rag=parse_rag(rag_text, high_is_good(*rating)) if rating else None,
        rag_text=rag_text,
        status_text=_status_text(row, rag_text),
        signs_normalised=rule.magnitudes and any(v * rule.sign < 0 for v in row.amounts.values()),
        provenance=[row.provenance],
    )
    reasons = risk_reasons(line, _slack(row, Role.TARGET, Role.FORECAST))
    return line.model_copy(update={"at_risk": bool(reasons), "risk_reasons": reasons})
