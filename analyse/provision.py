"""Who provides a service: the council itself (in-house) or another provider (external: an
independent or private provider, an agency), decided here from the words that name it.

A unit cost, a count or a saving of one provision says nothing of the other's line: the weekly
price of an external residential placement is not the price of a place in the council's own
homes, and a step-down from external residential care saves nothing on the in-house homes'
budget. Every match of a figure or a saving to a budget line asks `same_provision` first.
"""

from __future__ import annotations

import re
from typing import Literal

Provision = Literal["in_house", "external", ""]

# Substrings that name the council's own provision (also the in-house foster price's own words).
IN_HOUSE = ("in-house", "in house", "own foster carers", "own carers")
_IN_HOUSE = re.compile(
    r"\b(?:in[- ]house|internal(?:ly)?|(?:council's|our) own|own (?:foster )?carers)\b", re.I
)
# Another provider's: "independent" is not "semi-independent" nor "independent living".
_EXTERNAL = re.compile(
    r"\b(?:external(?:ly)?|agenc(?:y|ies)|IFAs?|private(?:ly)?|(?<!semi-)independent(?! living))\b", re.I
)


def provision_of(text: str) -> Provision:
    """The one provision a name or clause names ("" where it names neither, or both)."""
    in_house, external = bool(_IN_HOUSE.search(text)), bool(_EXTERNAL.search(text))
    if in_house == external:
        return ""
    return "in_house" if in_house else "external"


def same_provision(a: str, b: str) -> bool:
    """Whether two texts may be of the same provision: they are unless each names one and they differ."""
    first, second = provision_of(a), provision_of(b)
    return not (first and second and first != second)
