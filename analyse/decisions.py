"""Decisions the documents say are not settled: called in, deferred, postponed, referred back,
paused, or subject to consultation or challenge.

A saving that rests on such a decision may not start when the plan assumes. The documents say so in
a committee's or council's papers rather than in the savings plan (Kent's Full Council reviewing
Executive Decision 24/00093 on its family hubs, "called in" and "postponed pending review"), so the
plan's line never says it. Here each such decision is read once, with its subject: the decision's
title where the document names it beside its reference ("Decision 24/00093 – Future of
Commissioned Services at Seashells and Millmead Family Hubs"), else the sentence that says it is
unsettled. A saving is matched to it by the themes' own phrases (analyse.themes.theme_phrases): the
two must name the same subject (the saving's analyse.themes.subject_of, as for risks: "family hub"),
not only share a theme or a common word ("commissioned", "income"). The documents never say the
saving rests on the decision, so the link is a question, not a fact.

A decision's status is the one the documents last give: the latest outcome they record of it (a
committee or cabinet that "resolved", "agreed" or "confirmed" something of it: Kent's Cabinet
confirming the family hubs decision goes to Full Council unchanged), quoted with its words; where
they record none, the last sentence that says it is unsettled.

The words that make a decision unsettled are decided here (`UNSETTLED`), and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from analyse.themes import subject_phrases, subject_words
from analyse.wording import labels, phrase_matcher
from extract.prose import sentences_cited
from extract.records import Extraction, Provenance
from ingest.language import english

# What the documents say has happened to a decision, by the words they use for it.
UNSETTLED_WORDS: dict[str, tuple[str, ...]] = {
    "called in": ("called in", "called-in", "call-in", "call in"),
    "deferred": ("deferred", "defer", "deferral"),
    "postponed": ("postponed", "postpone", "postponement"),
    "referred back": ("referred back", "refer back", "referred it back", "referred the decision back"),
    # Sent on to another body (a scrutiny committee's referral to full council), not back to its maker.
    "referred for review": (
        "referral of the decision",
        "refer the matter to full council",
        "referred the matter to full council",
        "referred to full council",
        "referred to the full council",
        "refers a decision to the full council",
    ),
    "paused": ("paused", "pause", "on hold"),
    "subject to consultation": ("subject to consultation", "subject to public consultation"),
    "subject to challenge": ("judicial review", "legal challenge", "challenged", "subject to challenge"),
}
UNSETTLED = phrase_matcher({state: words for state, words in UNSETTLED_WORDS.items()})


def _key_word(phrase: str) -> str:
    """The word of a phrase a sentence is searched for before the matcher runs: its first of four
    letters or more ("hold" of "on hold"), else its last, as the matcher reads it (lower case)."""
    words = [token.lower_ for token in english().make_doc(phrase)]
    return next((w for w in words if len(w) >= 4), words[-1])


# Every word of a phrase `UNSETTLED` matches is in the sentence as written, lower-cased as the
# matcher reads it (spaCy's LOWER): a sentence without any phrase's key word holds no phrase, so
# spaCy need not read it (most sentences; `_may_be_unsettled`).
_KEY_WORDS = re.compile(
    "|".join(sorted({re.escape(_key_word(w)) for words in UNSETTLED_WORDS.values() for w in words}))
)
# A call-in is always of a decision; the other words must be said of one ("deferred income" is not).
ABOUT_A_DECISION = re.compile(r"\bdecisions?\b", re.I)
_ALWAYS_A_DECISION = frozenset({"called in"})
# A decision's reference as councils print it: "Decision 24/00093", "Key Decision No. 2024/117".
REFERENCE = re.compile(r"\bdecision\s+(?:no\.?\s*|number\s+)?(?P<ref>\d+/\d+)\b", re.I)
# What a body resolved of a decision (or "the matter"): an outcome, in the past tense. A sentence
# that only introduces its outcome ("Cabinet resolved the following:") is not one; what follows is.
OUTCOME = re.compile(r"\b(?:resolved|agreed|confirmed|rescinded|upheld|approved|withdrawn)\b", re.I)
ABOUT_AN_OUTCOME = re.compile(r"\b(?:decisions?|matter)\b", re.I)
# The title printed after a reference: "24/00093 – Future of ... Family Hubs was taken on ...".
_TITLE_AFTER = r"\s*[-–—:]\s*(?P<title>[A-Z][^.;]*?)(?=\s+(?:was|is|has|were|will)\b|[.;]|$)"


@dataclass(frozen=True)
class Decision:
    """One decision the documents say is unsettled, what it is about, and where they say so."""

    subject: str  # "Decision 24/00093 – Future of Commissioned Services at ... Family Hubs"
    states: tuple[str, ...]  # as `UNSETTLED_WORDS` names them, in their order: ("called in", "postponed")
    said: str  # the first sentence that says so, as written
    # The sentence, then the one naming the decision, then the one giving its latest status.
    provenance: tuple[Provenance, ...]
    latest: str = ""  # the status the documents last give it, as written (`OUTCOME`)

    @cached_property
    def phrases(self) -> frozenset[str]:
        """The subject's phrases, found once (spaCy): every saving is matched against them."""
        return frozenset(subject_phrases(self.subject))

    def describe(self, subject: str) -> str:
        """The question a saving naming `subject` asks of the decision: the documents do not say the
        saving depends on it, so neither does this."""
        latest = f"; the latest the documents record: \u201c{self.latest}\u201d" if self.latest else ""
        return (
            f"a decision on the same subject ({subject}) was {self.states[0]}: does the saving depend"
            f" on it? ({self.subject}{latest})"
        )


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

    def key(sentence: str) -> str:
        # A document about one decision speaks of "the decision" and "the call-in" without its number.
        named = REFERENCE.search(sentence)
        return named.group("ref") if named else refs[0] if len(refs) == 1 else sentence

    found: dict[str, list[tuple[set[str], str, Provenance]]] = {}
    for states, sentence, where in said:
        found.setdefault(key(sentence), []).append((states, sentence, where))
    outcomes = {key(sentence): (sentence, where) for sentence, where in sentences if _outcome(sentence)}
    out = []
    for ref, about in found.items():
        states = set().union(*(s for s, _, _ in about))
        first = next((a for a in about if REFERENCE.search(a[1])), about[0])
        subject, naming = _subject(ref, sentences) if ref in refs else (ref, None)
        latest, latest_at = outcomes.get(ref, about[-1][1:])
        cited = [first[2], naming, latest_at]
        provenance = tuple(dict.fromkeys(p for p in cited if p is not None))
        ordered = tuple(s for s in UNSETTLED_WORDS if s in states)
        out.append(Decision(subject, ordered, first[1], provenance, _clean(latest)))
    return out


def _outcome(sentence: str) -> bool:
    """Whether a sentence records what a body resolved of a decision (`OUTCOME`)."""
    said = sentence.rstrip()
    return bool(OUTCOME.search(said) and ABOUT_AN_OUTCOME.search(said)) and not said.endswith((":", "?"))


def _clean(sentence: str) -> str:
    """A sentence as quoted: without its paragraph's number ("18.") or the next item's letter ("c.")."""
    said = re.sub(r"^\s*\d+\.\s*", "", sentence.strip())
    return re.sub(r"\s+[a-z]\.$", "", said)


def _unsettled(sentence: str) -> set[str]:
    """What a sentence says has happened to a decision; nothing for a question ("Is the decision
    eligible for call-in?") or words not said of a decision ("deferred income")."""
    if not _may_be_unsettled(sentence):
        return set()
    states = labels(UNSETTLED, sentence)
    if not states or sentence.rstrip().endswith("?"):
        return set()
    return states if states & _ALWAYS_A_DECISION or ABOUT_A_DECISION.search(sentence) else set()


def _may_be_unsettled(sentence: str) -> bool:
    """Whether the sentence holds a key word of an unsettled decision's phrases (`_KEY_WORDS`): one
    that does not cannot be matched."""
    return _KEY_WORDS.search(sentence.lower()) is not None


def _subject(ref: str, sentences: list[tuple[str, Provenance]]) -> tuple[str, Provenance | None]:
    """The decision's reference and the title the document prints beside it, and where."""
    title = re.compile(re.escape(ref) + _TITLE_AFTER)
    # The fullest title printed: a heading's line may break it ("Decision 24/00093 - Future of").
    named = [(m.group("title").strip(), where) for s, where in sentences if (m := title.search(s))]
    if not named:
        return f"Decision {ref}", None
    words, where = max(named, key=lambda n: len(n[0]))
    return f"Decision {ref} – {words}", where


def decisions_for(wanted: set[str], decisions: list[Decision]) -> list[tuple[Decision, str]]:
    """The unsettled decisions on a saving's subject (`wanted`, its analyse.themes.subject_of), each
    with the subject both name ("family hub")."""
    shared = ((d, wanted & d.phrases) for d in decisions)
    return [(d, subject_words(both)) for d, both in shared if both]
