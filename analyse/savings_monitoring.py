"""What the documents say in prose of how savings delivery is monitored: a plan's savings rated red,
amber or green (RAG, "traffic light"), counts or sums so rated, a quarter's monitoring report
("over 50% (£29.6m) are now rated red ... in the latest Quarter 3 monitoring report"). Where no
savings tracker was received, these sentences are what the documents show of in-year monitoring; each
is quoted with its place and its scope (analyse.scope), so another directorate's monitoring is named
as such, not read as the children's."""

from __future__ import annotations

import re

from analyse.records import SavingsMonitoring
from analyse.scope import text_scope
from extract.prose import sentences_cited
from extract.records import Passage

SAVINGS = re.compile(r"\bsavings?\b", re.I)
SUM = re.compile(r"£\s?\d")
# A rating of savings' delivery: "rated red", "RAG", "traffic light", "amber or dark amber".
RATED = re.compile(
    r"\b(?:rated|deemed|categorised|RAG(?:[- ]rated)?|traffic[- ]light)\b[^.;]{0,40}?"
    r"\b(?:red|amber|green|blue|system|rating)\b|\bRAG\b",
    re.I,
)
# A report that monitors delivery: "the savings monitoring report", "the Quarter 3 monitoring report".
MONITORING_REPORT = re.compile(r"\bmonitoring\s+reports?\b", re.I)
# At most this many sentences are quoted: those that rate savings first, then those naming a report.
MOST_QUOTED = 4


def savings_monitoring(passages: list[Passage]) -> list[SavingsMonitoring]:
    """The sentences that describe the monitoring of savings delivery, rated ones first, each once."""
    found: dict[str, SavingsMonitoring] = {}
    for passage in passages:
        for sentence, where in sentences_cited(passage):
            if not SAVINGS.search(sentence) or sentence in found:
                continue
            rated = bool(RATED.search(sentence))
            if not rated and not MONITORING_REPORT.search(sentence):
                continue
            found[sentence] = SavingsMonitoring(
                words=sentence,
                rated=rated,
                # the sentence's own scope, else its paragraph's ("with Adult Social Care" before it)
                scope=text_scope(sentence) or text_scope(passage.text),
                provenance=where,
            )
    # stable: document order within sentences that rate sums, then those that rate, then reports
    ranked = sorted(found.values(), key=lambda m: (not m.rated, not SUM.search(m.words)))
    return ranked[:MOST_QUOTED]
