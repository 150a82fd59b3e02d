"""The council's own split of fostered children between in-house carers and independent agencies,
read from the figures its documents state in prose.

A stated share counts when the sentence says what it is a share of and with whom:
"61% of fostered children are with in-house carers", "61% of fostered children live with our own
foster carers", "the share of fostered children living with in-house carers from 61% to 70%" (the
share it moves from is today's; the one it moves to is a target, never read as now), "40% of children
in foster care are placed with independent fostering agencies". Where the documents state different
splits the reading is refused and says so: a reviewer must see the conflict, not a choice made for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.records import Figure, FigureUnit, Provenance

FOSTERED = r"(?:fostered children|children in foster care|foster placements)"
IN_HOUSE = re.compile(
    r"\b(?:in-house|in house|own foster carers|our own carers|council's own carers)\b", re.I
)
AGENCY = re.compile(r"\b(?:independent fostering agenc(?:y|ies)|independent agenc(?:y|ies)|IFAs?)\b")
SHARE_OF = re.compile(rf"(\d+(?:\.\d+)?)\s*%\s+of\s+{FOSTERED}\b([^.;]*)", re.I)
SHARE_FROM = re.compile(rf"share of {FOSTERED}\b([^.;]*?)\bfrom\s+(\d+(?:\.\d+)?)\s*%", re.I)


@dataclass(frozen=True)
class FosteringSplit:
    """Independent agencies' share of fostered children (percent) and the sentences that state it."""

    agency_pct: float | None
    provenance: list[Provenance]
    conflict: list[float]  # the different agency shares stated, where they disagree


def stated_share(figure: Figure) -> float | None:
    """The agency share of fostered children this figure states now, or None if it states none."""
    if figure.unit != FigureUnit.PERCENT:
        return None
    for match in SHARE_OF.finditer(figure.text):
        if float(match.group(1)) == figure.value:
            return _agency(figure.value, match.group(2))
    for match in SHARE_FROM.finditer(figure.text):
        if float(match.group(2)) == figure.value:
            return _agency(figure.value, match.group(1))
    return None


def _agency(value: float, clause: str) -> float | None:
    if IN_HOUSE.search(clause):
        return round(100 - value, 4)
    if AGENCY.search(clause):
        return value
    return None


def fostering_split(figures: list[Figure]) -> FosteringSplit:
    """The split every matching figure states; no share where the documents disagree or say nothing."""
    found = [(share, f) for f in figures if (share := stated_share(f)) is not None]
    shares = sorted({share for share, _ in found})
    provenance = [p for _, f in found for p in f.provenance]
    if len(shares) != 1:
        return FosteringSplit(None, provenance, shares)
    return FosteringSplit(shares[0], provenance, [])
