"""Whether the documents already explain a variance: a sentence of their prose, on the same subject
as the line (analyse.themes.subject_of: a shared subject phrase), that states a cause. A question
then cites it and asks what it leaves open, rather than asking for the driver the documents give.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from analyse.themes import subject_of, subject_phrases
from extract.prose import sentences_cited
from extract.records import Passage, Provenance

# Words that state why a sum moved: a cause named ("driven by", "due to"), or the activity or price
# behind it set against the budget or a year before ("against a budgeted 50", "up from £6,200",
# "9% more than a year ago").
CAUSE = re.compile(
    r"\bdriv(?:en|es|ing)\b|\bdue to\b|\bbecause\b|\bas a result of\b|\bowing to\b|\bcaused by\b"
    r"|\battributable to\b|\barising from\b|\breflect(?:s|ing)\b|\bagainst (?:a |the )?budgeted\b"
    r"|\bup from\b|\b(?:has|have) (?:risen|increased|grown)\b|\bmore than (?:a|last) year\b"
    r"|\bcompared with\b",
    re.I,
)
# A sentence on the line's variance, which opens its explanation.
VARIANCE = re.compile(r"overspen|over-spen|overspent|variance|over budget|pressure", re.I)
# A cause that says by how much: the activity or price set against what the budget assumed ("58
# children ... against a budgeted 46", "91 children against 78 budgeted", "1,312 from 1,190
# budgeted", "£6,150 (budget £5,400)", "96 vs budget 104", "The budget assumed 598 children looked
# after; the number at 30 November 2025 was 628", "742 children, against a plan of 690", "£6,850,
# compared with £5,900 assumed in the budget"): the demand or price behind a variance, which
# explains it wherever it names the line's subject, in a note as much as beside the overspend.
MEASURED = re.compile(
    r"\bagainst\s+(?:a\s+|the\s+)?(?:\d[\d,]*\s+)?budget(?:ed)?\b|\bfrom\s+£?[\d,.]+[mk]?\s+budgeted\b"
    r"|\(budget(?:ed)?\s+£?[\d,.]+|\bvs\.?\s+budget(?:ed)?\b|\bcompared\s+with\s+(?:a\s+|the\s+)?budget(?:ed)?\b"
    r"|\bbudget(?:ed)?\s+(?:assumed|assumes|allowed\s+for|was\s+based\s+on)\s+\d[\d,]*\s+[a-z]"
    r"|\bagainst\s+(?:a\s+|the\s+|our\s+)?plan(?:ned)?\s+(?:of\s+)?\d"
    r"|\b(?:compared\s+with|against)\s+£?[\d,.]+[mk]?\s+(?:assumed|allowed\s+for)\s+in\s+the\s+budget\b",
    re.I,
)
# A report's numbered section heading as a sentence of its own ("5.2 Looked After Children
# placements."): the sentences after it, to the next heading, are on its subject.
HEADING = re.compile(r"^\s*\d+(?:\.\d+)+\s+(?P<title>[^\d]{3,80}?)\.?\s*$")
HEADING_WORDS = 8


@dataclass(frozen=True)
class Explanation:
    """The sentence that explains a variance, as printed, and where."""

    sentence: str
    provenance: list[Provenance]


# A sentence as `explained_in` reads it: as printed, where, the subject phrases it gives a variance
# (none where it names no variance), whether it states a cause, and, where it is a numbered
# section heading, the subject phrases of its title (None where it is not one), and whether it says
# by how much (`MEASURED`).
Read = tuple[str, list[Provenance], frozenset[str], bool, frozenset[str] | None, bool]


def _read(sentence: str, where: list[Provenance]) -> Read:
    measured = bool(MEASURED.search(sentence))  # searched once: the cause and the choice both need it
    return (
        sentence,
        where,
        sentence_subject(sentence) if measured or VARIANCE.search(sentence) else frozenset(),
        measured or bool(CAUSE.search(sentence)),
        _heading(sentence),
        measured,
    )


def _heading(sentence: str) -> frozenset[str] | None:
    found = HEADING.match(sentence)
    if found is None or len(found["title"].split()) > HEADING_WORDS:
        return None
    return frozenset(subject_phrases(found["title"]))


def sentence_subject(sentence: str) -> frozenset[str]:
    """What a sentence on a variance is about: the subject phrases of its words before the cause it
    states ("Home to school transport pressure | reflects a 17% increase in eligible SEND pupils" is
    on home to school transport, not on SEND, which it names only as the cause); the whole
    sentence's where it names none before its cause, or states none ("Due to ..., SEND support
    overspends")."""
    cause = CAUSE.search(sentence)
    lead = frozenset(subject_phrases(sentence[: cause.start()])) if cause else frozenset()
    return lead or frozenset(subject_phrases(sentence))


def read_for_variances(passages: Sequence[Passage]) -> list[list[Read]]:
    """Each paragraph's sentences as `explained_in` reads them: read once for every overspending
    line, not once for each (a subject's phrases are looked for only in a sentence on a variance)."""
    return [[_read(s, where) for s, where in sentences_cited(passage)] for passage in passages]


def explained_in(name: str, paragraphs: list[list[Read]]) -> Explanation | None:
    """The sentence of the paragraphs (`read_for_variances`) explaining the variance of the line
    `name`: in a paragraph with a sentence on that line's subject and its variance, or under a
    numbered section heading naming its subject (to the next heading), that sentence or one after
    it that states a cause (`CAUSE`). The first that says by how much (`MEASURED`: the activity or
    price against the budget's) is the explanation, being the one a reviewer tests; else the first
    cause. A line naming no subject phrase has none."""
    wanted = subject_of(name, "")
    if not wanted:
        return None
    first = None
    for paragraph in paragraphs:
        on_line = False
        for sentence, where, on_variance, cause, heading, measured in paragraph:
            if heading is not None:  # a section of its own: on the line only where it names it
                on_line = bool(wanted & heading)
            on_line = on_line or bool(wanted & on_variance)
            if not (on_line and cause):
                continue
            if measured:
                return Explanation(sentence, list(where))
            first = first or Explanation(sentence, list(where))
    return first


def states_cause(sentence: str) -> bool:
    """A sentence stating why its sum moved (`CAUSE`, or the activity against budget: `MEASURED`)."""
    return bool(CAUSE.search(sentence) or MEASURED.search(sentence))
