"""Documents the review needs that the bundle lacks: what seed 000's data request asks for, and what
the documents themselves cite ("see Appendix C", "the Placement Sufficiency Strategy") but no file
of the bundle supplies, where a children's review needs it (`needed`): a cited Treasury Management
Strategy Statement or Capital Strategy is the council's borrowing, not the review's, unless the
papers tie it to children's services."""

from __future__ import annotations

import re

from analyse.records import MissingDocument
from analyse.scope import CHILDRENS_RISK, is_childrens, text_scope
from analyse.wording import content_words
from extract.records import Extraction, Passage, Provenance
from ingest.classify import classify
from ingest.records import Document, DocumentKind

# What a review normally asks for (seed 000, section 5; review-pack.md module 6), by document kind.
EXPECTED: dict[DocumentKind, str] = {
    DocumentKind.STRATEGIC_PLAN: "council or children's services strategic plan",
    DocumentKind.MTFP: "budget and medium-term financial plan",
    DocumentKind.BUDGET_MONITORING: "budget monitoring report",
    DocumentKind.SAVINGS_PLAN: "children's savings and transformation plan or savings tracker",
}
# "Appendix C", "Annex 2": a letter or a number, as a report names its attachments.
APPENDIX = re.compile(r"\b(?P<word>Appendix|Annexe?)\s+(?P<id>[A-Z]|\d{1,2})\b(?![\w.-]*\d)")
# "the Placement Sufficiency Strategy", "the Children's Financial Improvement Plan": a document
# named in capitals after "the" or "our", ending in a word that names a document.
NAMED = re.compile(
    r"\b(?:[Tt]he|[Oo]ur|[Ii]ts)\s+(?P<name>(?:[A-Z][\w'’&-]*\s+(?:(?:and|for|of|&)\s+)?){1,6}"
    r"(?:Strategy|Plan|Register|Agreement|Statement))\b"
)
# A quarter's monitoring report the papers cite ("the latest Quarter 3 monitoring report"): one
# quarter's report, so a bundle's other monitoring (another quarter's) does not supply it.
QUARTER_REPORT = re.compile(
    r"\b(?:Quarter|Q)\s*(?P<quarter>[1-4])\s+(?:[A-Za-z-]+\s+){0,3}?monitoring\s+report\b", re.I
)
# Names too general to request ("the Plan", "the Business Plan" of any service) are left out by
# needing a word of their own besides these.
GENERAL_WORDS = frozenset(
    {"strategy", "plan", "register", "agreement", "statement", "council", "business", "new"}
)


# Besides the kinds the request asks for (EXPECTED, and a risk register), what a children's review
# needs of a document the papers cite (review-pack.md): one they tie to children's services,
# education and SEND or the DSG (its name, or the sentence citing it: analyse.scope.text_scope)
# or a children's subject by its words (placements, fostering, care leavers: analyse.scope's
# CHILDRENS_RISK), or to what the pack reads beside them, council-wide where the papers give it so
# (its modules: the budget's monitoring and forecast, savings, pressures, the medium-term gap, a
# recovery plan, reserves, risks, transformation). A sentence on borrowing or the capital programme
# names none of them.
NEEDED_KINDS = frozenset({*EXPECTED, DocumentKind.RISK_REGISTER})
NEEDED_TOPICS = re.compile(
    r"\bsavings?\b|\breserves?\b|\bmonitoring\b|\bforecast|\boutturn\b|\boverspen|\bpressures?\b"
    r"|\bbudget gap\b|medium[\s-]term financial|\bmtf[ps]\b|\brisk register\b|\btransformation\b|\brecover",
    re.I,
)
SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9])")


def needed(name: str, sentence: str) -> bool:
    """Whether a children's review needs the document `name` that `sentence` cites: a kind the
    request asks for or a quarter's monitoring report, or one whose name or citing sentence is
    about children's services (or a children's subject) or a topic the pack reads council-wide
    (NEEDED_TOPICS)."""
    if QUARTER_REPORT.fullmatch(name) or classify(name, "")[0] in NEEDED_KINDS:
        return True
    return any(
        is_childrens(text_scope(t)) or CHILDRENS_RISK.search(t) or NEEDED_TOPICS.search(t)
        for t in (name, sentence)
    )


def citing_sentence(text: str, name: str) -> str:
    """The sentence of `text` (a passage, its spaces flattened) that cites `name`; the whole text
    where the name is not found as written."""
    flat = " ".join(text.split())
    at = flat.lower().find(name.lower())
    if at < 0:
        return flat
    starts = [0, *(m.end() for m in SENTENCE_END.finditer(flat, 0, at + 1))]
    end = SENTENCE_END.search(flat, at + len(name))
    return flat[starts[-1] : end.start() if end else len(flat)]


def missing_documents(extraction: Extraction) -> list[MissingDocument]:
    """What the data request asks for and the bundle lacks, then what its documents cite and it lacks."""
    requested = requested_missing(
        extraction.documents,
        any(b.forecast_gbp is not None or b.variance_gbp is not None for b in extraction.budget_lines),
        bool(extraction.savings),
    )
    cited = cited_missing(extraction.passages, extraction.documents)
    # One entry per document: a kind the request asks for that the papers cite by name ("the
    # Strategic Plan") is listed once, as they cite it.
    named = {classify(c.name, "")[0] for c in cited}
    kinds = {label: kind for kind, label in EXPECTED.items()}
    found = [MissingDocument(name=name, why="requested") for name in requested if kinds[name] not in named]
    return found + cited


def requested_missing(
    documents: list[Document], has_monitoring: bool = False, has_savings: bool = False
) -> list[str]:
    """The kinds a review asks for that no document (or extracted content) in the bundle supplies."""
    present = {d.kind for d in documents}
    if has_monitoring:
        present.add(DocumentKind.BUDGET_MONITORING)
    if has_savings:
        present.add(DocumentKind.SAVINGS_PLAN)
    return [label for kind, label in EXPECTED.items() if kind not in present]


def cited_missing(passages: list[Passage], documents: list[Document]) -> list[MissingDocument]:
    """Appendices and named documents the text cites that no file of the bundle is and a children's
    review needs (`needed`), each once, with the first place it is cited so."""
    checked: set[frozenset[str]] = set()
    out = []
    for passage in passages:
        for name in _cited(passage.text):
            key = document_key(name)
            if key in checked or not needed(name, citing_sentence(passage.text, name)):
                continue
            checked.add(key)
            if not _supplied(name, passage.provenance[0], passages, documents):
                out.append(MissingDocument(name=name, why="cited", provenance=passage.provenance[:1]))
    return out


def _cited(text: str) -> list[str]:
    flat = " ".join(text.split())
    out = [f"{m['word']} {m['id']}" for m in APPENDIX.finditer(flat)]
    out += [m.group(0)[:1].upper() + m.group(0)[1:] for m in QUARTER_REPORT.finditer(flat)]
    for m in NAMED.finditer(flat):
        out += [name for name in _each_named(m["name"].strip()) if content_words(name) - GENERAL_WORDS]
    return out


# "the Treasury Management Strategy and Capital Strategy" names two documents: an "and" between
# two names that each end in a word naming a document.
_TWO_NAMED = re.compile(
    r"\s+(?:and|&)\s+(?=(?:[A-Z][\w'’&-]*\s+){0,5}(?:Strategy|Plan|Register|Agreement|Statement)$)"
)


def _each_named(name: str) -> list[str]:
    parts = _TWO_NAMED.split(name, maxsplit=1)
    return parts if len(parts) == 2 and NAMED_END.search(parts[0]) else [name]


NAMED_END = re.compile(r"(?:Strategy|Plan|Register|Agreement|Statement)$")


def document_key(name: str) -> frozenset[str]:
    """What makes two names one document: their own words, case, articles and the words naming a
    kind of document aside ("the Treasury Management Strategy" is the "Treasury Management Strategy
    Statement"); an appendix by its letter or number."""
    if APPENDIX.fullmatch(name) or QUARTER_REPORT.fullmatch(name):
        return frozenset({_squashed(name)})
    return frozenset(content_words(name) - GENERAL_WORDS) or frozenset({_squashed(name)})


def _supplied(name: str, cited_at: Provenance, passages: list[Passage], documents: list[Document]) -> bool:
    """An appendix is supplied where a file is named for it or its own report carries it (a passage
    that opens with its name); a named document where a file is named for it or opens with its
    name, or a file of the kind its name says is there (a "Medium Term Financial Plan": the MTFP)."""
    wanted = _squashed(name)
    if any(wanted in _squashed(d.file) for d in documents):
        return True
    opening = [
        p.provenance[0].file for p in passages if _squashed(p.text[: len(name) + 20]).startswith(wanted)
    ]
    if APPENDIX.fullmatch(name):
        return cited_at.file in opening
    if any(file != cited_at.file for file in opening):
        return True
    words = content_words(name) - GENERAL_WORDS
    if any(words <= content_words(d.file) for d in documents):
        return True
    if quarter := QUARTER_REPORT.fullmatch(name):
        short = f"q{quarter['quarter']}"  # "kent_q3_monitoring.pdf"
        return any(short in _squashed(d.file) and "monitor" in d.file.lower() for d in documents)
    kind, _ = classify(name, "")
    return kind is not DocumentKind.OTHER and kind in {d.kind for d in documents}


def _squashed(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())
