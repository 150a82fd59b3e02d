"""Who the documents name as a saving's lead ("Lead: Director of Children's Services"): a savings
plan often describes each saving under its own heading, with its lead in a line below it. A
question about a directorate's own savings goes to that lead, where the documents name one.

The prose is read for leads once for a review (`SavingLeads`), not once for each saving: only a
document's run of passages that names a lead is read, and the savings' names in each of its
passages are found once, looked up by their first word (a bundle's analysis once took 9 s of 1.1
million regex compiles reading saving by saving, and a plan naming a lead for each of a thousand
savings took minutes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby

from extract.prose import sentences_cited
from extract.records import Passage, PlanLine, Provenance

LEAD = re.compile(
    r"\b(?:lead(?:\s+officer)?|responsible\s+officer|accountable\s+officer|saving\s+owner)\s*:\s*"
    r"(?P<who>[^.;|]+)",
    re.I,
)
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Lead:
    """The lead the documents name for a saving, in their words, and where."""

    who: str
    provenance: list[Provenance]


# A run of one document's passages, each with the savings' names it holds.
Run = list[tuple[Passage, frozenset[str]]]


class SavingLeads:
    """The leads the documents name for the savings `others` holds, read once for a review."""

    def __init__(self, others: Sequence[PlanLine], passages: Sequence[Passage]) -> None:
        self._names = {n for o in others if (n := _name(o))}
        self._passages = passages
        self._patterns: dict[str, re.Pattern[str]] = {}

    def _named(self, name: str) -> re.Pattern[str]:
        if name not in self._patterns:
            self._patterns[name] = _named(name)
        return self._patterns[name]

    @cached_property
    def _runs(self) -> list[Run]:
        """Each run of one document's passages that names a lead. A saving's heading holds only
        until another document's passage, so a run naming no lead gives no saving one."""
        runs = [list(run) for _, run in groupby(self._passages, key=lambda p: p.provenance[0].file)]
        led = [run for run in runs if any(LEAD.search(p.text) for p in run)]
        by_word = _by_first_word(self._names) if led else {}
        return [[(p, self._names_in(p.text, by_word)) for p in run] for run in led]

    def _names_in(self, text: str, by_word: dict[str, list[str]]) -> frozenset[str]:
        """The names (`_by_first_word`) the text holds as whole words: of those whose first word it has."""
        words = {_folded(w) for w in WORD.findall(text)} | {""}
        return frozenset(n for w in words for n in by_word.get(w, ()) if self._named(n).search(text))

    @cached_property
    def _first_named(self) -> dict[str, dict[int, int]]:
        """Where each name is first named in each run: {name: {run: passage}}."""
        out: dict[str, dict[int, int]] = {}
        for r, run in enumerate(self._runs):
            for i, (_, named) in reversed(list(enumerate(run))):
                for name in named:
                    out.setdefault(name, {})[r] = i
        return out

    def lead(self, line: PlanLine) -> Lead | None:
        """The lead named under the saving's own heading: the first `LEAD` in the passage naming the
        saving (its reference, else its title) or one after it in the same document, before a
        passage naming another saving."""
        name = _name(line)
        if not name or not self._runs:
            return None
        # A saving among `others` is read from where each run first names it: before, nothing is under it.
        known = name in self._names
        starts = self._first_named.get(name, {}) if known else dict.fromkeys(range(len(self._runs)), 0)
        for r, start in sorted(starts.items()):
            under = False
            for passage, named in self._runs[r][start:]:
                if name in named if known else self._named(name).search(passage.text):
                    under = True
                elif named:
                    under = False
                if under and (found := _lead_in(passage)):
                    return found
        return None


def _lead_in(passage: Passage) -> Lead | None:
    for sentence, cited in sentences_cited(passage):
        found = LEAD.search(sentence)
        if found:
            return Lead(found["who"].strip(), cited)
    return None


def _name(line: PlanLine) -> str:
    return line.ref or line.title


def _named(name: str) -> re.Pattern[str]:
    """A pattern finding the name as whole words, in any case."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I)


def _folded(text: str) -> str:
    """The text in one case, so that two words `re.I` takes as one are equal: case-folded, with the
    Turkish dotless and dotted i (which `re.I` also takes as "i") read as "i"."""
    return text.casefold().replace("ı", "i").replace("\u0307", "")


# Characters `re.I` takes as one with a character that is not a word's (the Greek iota and its
# subscript): a name holding one is looked for in every passage, not by its first word.
_WORDLESS_CASES = frozenset("\u0345\u03b9\u1fbe")


def _by_first_word(names: set[str]) -> dict[str, list[str]]:
    """The names by their first word, folded ("" for a name not starting with one): a name found as
    whole words starts where the text's word is its first word."""
    out: dict[str, list[str]] = {}
    for name in sorted(names):
        first = WORD.match(name) if _WORDLESS_CASES.isdisjoint(name) else None
        out.setdefault(_folded(first.group(0)) if first else "", []).append(name)
    return out
