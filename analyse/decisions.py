"""Decisions the documents say are not settled: called in, deferred, postponed, referred back,
paused, or subject to consultation or challenge.

A saving that rests on such a decision may not start when the plan assumes. The documents say so in
a committee's or council's papers rather than in the savings plan (Kent's Full Council reviewing
Executive Decision 24/00093 on its family hubs, "called in" and "postponed pending review"), so the
plan's line never says it. Here each such decision is read once, with its subject: the decision's
title where the document names it beside its reference ("Decision 24/00093 – Future of
Commissioned Services at Seashells and Millmead Family Hubs"), else the sentence that says it is
unsettled. A saving is matched to it by the themes' own phrases (analyse.themes.theme_phrases): the
two must name the same thing ("family hub", "children's centre"), not only share a theme.

The words that make a decision unsettled are decided here (`UNSETTLED`), and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyse.themes import line_text, theme_phrases
from analyse.wording import labels, phrase_matcher
from extract.prose import sentences_cited
from extract.records import Extraction, PlanLine, Provenance

# What the documents say has happened to a decision, by the words they use for it.
UNSETTLED_WORDS: dict[str, tuple[str, ...]] = {
    "called in": ("called in", "called-in", "call-in", "call in"),
    "deferred": ("deferred", "defer", "deferral"),
    "postponed": ("postponed", "postpone", "postponement"),
    "referred back": ("referred back", "refer back", "refer the matter", "referral of the decision"),
    "paused": ("paused", "pause", "on hold"),
    "subject to consultation": ("subject to consultation", "subject to public consultation"),
    "subject to challenge": ("judicial review", "legal challenge", "challenged", "subject to challenge"),
}
UNSETTLED = phrase_matcher({state: words for state, words in UNSETTLED_WORDS.items()})
# A call-in is always of a decision; the other words must be said of one ("deferred income" is not).
ABOUT_A_DECISION = re.compile(r"\bdecisions?\b", re.I)
_ALWAYS_A_DECISION = frozenset({"called in"})
# A decision's reference as councils print it: "Decision 24/00093", "Key Decision No. 2024/117".
REFERENCE = re.compile(r"\bdecision\s+(?:no\.?\s*|number\s+)?(?P<ref>\d+/\d+)\b", re.I)
# The title printed after a reference: "24/00093 – Future of ... Family Hubs was taken on ...".
_TITLE_AFTER = r"\s*[-–—:]\s*(?P<title>[A-Z][^.;]*?)(?=\s+(?:was|is|has|were|will)\b|[.;]|$)"


@dataclass(frozen=True)
class Decision:
    """One decision the documents say is unsettled, what it is about, and where they say so."""

    subject: str  # "Decision 24/00093 – Future of Commissioned Services at ... Family Hubs"
    states: tuple[str, ...]  # as `UNSETTLED_WORDS` names them, in their order: ("called in", "postponed")
    said: str  # the first sentence that says so, as written
    provenance: tuple[Provenance, ...]  # that sentence, then the one that names the decision

    @property
    def phrases(self) -> set[str]:
        return theme_phrases(self.subject)

    def describe(self) -> str:
        states = list(self.states)
        said = f"{', '.join(states[:-1])} and {states[-1]}" if len(states) > 1 else states[0]
        return f"depends on a decision that has been {said}: {self.subject}"


def unsettled_decisions(extraction: Extraction) -> list[Decision]:
    """Every decision a document says is called in, deferred, postponed, referred back, paused, or
    subject to consultation or challenge, once per document and decision."""
    by_file: dict[str, list[tuple[str, Provenance]]] = {}
    for passage in extraction.passages:
        for sentence, where in sentences_cited(passage):
            by_file.setdefault(passage.provenance[0].file, []).append((sentence, where[0]))
    return [d for sentences in by_file.values() for d in _in_document(sentences)]


def _in_document(sentences: list[tuple[str, Provenance]]) -> list[Decision]:
    said = [(states, sentence, where) for sentence, where in sentences if (states := _unsettled(sentence))]
    refs = list(dict.fromkeys(m.group("ref") for _, s, _ in said if (m := REFERENCE.search(s))))
    found: dict[str, list[tuple[set[str], str, Provenance]]] = {}
    for states, sentence, where in said:
        named = REFERENCE.search(sentence)
        # A document about one decision speaks of "the decision" and "the call-in" without its number.
        key = named.group("ref") if named else refs[0] if len(refs) == 1 else sentence
        found.setdefault(key, []).append((states, sentence, where))
    out = []
    for key, about in found.items():
        states = set().union(*(s for s, _, _ in about))
        first = next((a for a in about if REFERENCE.search(a[1])), about[0])
        subject, naming = _subject(key, sentences) if key in refs else (key, None)
        provenance = (first[2],) + ((naming,) if naming and naming != first[2] else ())
        out.append(Decision(subject, tuple(s for s in UNSETTLED_WORDS if s in states), first[1], provenance))
    return out


def _unsettled(sentence: str) -> set[str]:
    """What a sentence says has happened to a decision; nothing for a question ("Is the decision
    eligible for call-in?") or words not said of a decision ("deferred income")."""
    states = labels(UNSETTLED, sentence)
    if not states or sentence.rstrip().endswith("?"):
        return set()
    return states if states & _ALWAYS_A_DECISION or ABOUT_A_DECISION.search(sentence) else set()


def _subject(ref: str, sentences: list[tuple[str, Provenance]]) -> tuple[str, Provenance | None]:
    """The decision's reference and the title the document prints beside it, and where."""
    title = re.compile(re.escape(ref) + _TITLE_AFTER)
    # The fullest title printed: a heading's line may break it ("Decision 24/00093 - Future of").
    named = [(m.group("title").strip(), where) for s, where in sentences if (m := title.search(s))]
    if not named:
        return f"Decision {ref}", None
    words, where = max(named, key=lambda n: len(n[0]))
    return f"Decision {ref} – {words}", where


def decisions_for(line: PlanLine, decisions: list[Decision]) -> list[Decision]:
    """The unsettled decisions a saving rests on: those naming what the saving names."""
    wanted = theme_phrases(line_text(line))
    return [d for d in decisions if wanted & d.phrases]
