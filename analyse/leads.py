"""Who the documents name as a saving's lead ("Lead: Director of Children's Services"): a savings
plan often describes each saving under its own heading, with its lead in a line below it. A
question about a directorate's own savings goes to that lead, where the documents name one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.prose import sentences_cited
from extract.records import Passage, PlanLine, Provenance

LEAD = re.compile(
    r"\b(?:lead(?:\s+officer)?|responsible\s+officer|accountable\s+officer|saving\s+owner)\s*:\s*"
    r"(?P<who>[^.;|]+)",
    re.I,
)


@dataclass(frozen=True)
class Lead:
    """The lead the documents name for a saving, in their words, and where."""

    who: str
    provenance: list[Provenance]


def saving_lead(line: PlanLine, others: Sequence[PlanLine], passages: Sequence[Passage]) -> Lead | None:
    """The lead named under the saving's own heading: the first `LEAD` in the passage naming the
    saving (its reference, else its title) or one after it in the same document, before a passage
    naming another saving. Documents naming no lead at all are not read saving by saving."""
    if not (line.ref or line.title) or not any(LEAD.search(p.text) for p in passages):
        return None
    mine = _named(_name(line))
    theirs = _named(*({_name(o) for o in others} - {_name(line)}))
    under, file = False, ""
    for passage in passages:
        where = passage.provenance[0].file
        if under and where != file:
            under = False
        if mine.search(passage.text):
            under, file = True, where
        elif theirs.search(passage.text):
            under = False
        if not under:
            continue
        for sentence, cited in sentences_cited(passage):
            found = LEAD.search(sentence)
            if found:
                return Lead(found["who"].strip(), cited)
    return None


def _name(line: PlanLine) -> str:
    return line.ref or line.title


def _named(*names: str) -> re.Pattern[str]:
    """One pattern finding any of `names` as whole words (none: a pattern that finds nothing)."""
    words = sorted((n for n in names if n), key=len, reverse=True)
    return re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in words) or r"(?!)", re.I)
