"""Documents the review needs that the bundle lacks: what seed 000's data request asks for, and what
the documents themselves cite ("see Appendix C", "the Placement Sufficiency Strategy") but no file
of the bundle supplies, where a children's review needs it (`needed`): a cited Treasury Management
Strategy Statement or Capital Strategy is the council's borrowing, not the review's, unless the
papers tie it to children's services."""

from __future__ import annotations

import re
from collections.abc import Sequence

from analyse.records import MissingDocument
from analyse.scope import CHILDRENS_RISK, is_childrens, names_children, text_scope
from analyse.wording import content_words
from extract.records import Extraction, Passage, Provenance, SavingsLine
from extract.sentences import SENTENCE_END, sentence_start
from ingest.classify import classify, names_subject_plan
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
# A name may go on with what it is for, in capitals ("the Commissioning Plan for Education
# Provision"), or open with its kind ("Kent's Strategy for Children and Young People with Special
# Educational Needs and Disabilities"); a council's own name in the possessive stands for "its",
# but a plural's possessive names whom the document is for, and is part of its name ("Children's
# Services Placement Sufficiency Strategy", "the Young People's Plan").
_PLURAL_POSSESSIVE = r"(?:Children|People|Women|Men)['’]s"
_FOR = r"\s+for\s+[A-Z][\w'’-]*(?:\s+(?:(?:and|with|of|&)\s+)?[A-Z][\w'’-]*){0,8}"
NAMED = re.compile(
    rf"\b(?:[Tt]he|[Oo]ur|[Ii]ts|(?!{_PLURAL_POSSESSIVE})[A-Z][a-z]+['’]s)\s+"
    r"(?P<name>(?:(?:[A-Z][\w'’&-]*\s+(?:(?:and|for|of|&)\s+)?){1,6}"
    rf"(?:Strategy|Plan|Register|Agreement|Statement)|(?:Strategy|Plan)(?={_FOR}))(?:{_FOR})?)(?![\w'’-])"
)
# A document named in lower case ("its deficit management plan is behind schedule"): taken only where
# its own words name the DSG or a children's service or subject (`_lower_named`), since "the plan" or
# "its recovery plan" alone may be any.
# An initialism among its words is a name's own word, not a capitalised name ("The DSG management
# plan projects ...", the sentence's first word capitalised as any).
LOWER_NAMED = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Oo]ur|[Tt]heir)\s+(?P<name>(?:(?:[a-z][\w-]*|[A-Z]{2,5})\s+){1,3}(?:plan|strategy))\b"
)
# "appendices A and B", "Appendices A to C", "appendices A-C": each appendix named.
APPENDICES = re.compile(
    r"\b[Aa]ppendices\s+(?P<first>[A-Z])(?P<more>(?:\s*,\s*[A-Z])*)\s*(?P<join>and|&|to|-|–)\s*(?P<last>[A-Z])\b"
)
# A paper the documents say is to go to a meeting on a date ("Options to be brought to Cabinet in
# December 2025"): a report the review needs where what it is about does (`needed`).
FUTURE_PAPER = re.compile(
    r"(?P<what>\b[A-Z]?[a-z]+(?:\s+[a-z]+){0,3}?)\s+(?:will\s+be|to\s+be|are\s+to\s+be|is\s+to\s+be)\s+"
    r"(?:brought|taken|presented|reported|submitted)\s+to\s+(?P<body>Cabinet|(?:[A-Z][\w&-]*\s+){1,4}Committee)"
    r"\s+in\s+(?P<when>(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{4})"
)
# A children's saving that depends on capital: an invest-to-save scheme or one funded by capital.
CAPITAL_DEPENDENT = re.compile(
    r"invest[\s-]+to[\s-]+save|\bcapital\s+(?:investment|funding|scheme|programme|bid)", re.I
)
CAPITAL_PROGRAMME = re.compile(r"\bcapital\s+(?:programmes?|projects?|schemes?)\b", re.I)
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


def needed(name: str, sentence: str, on_capital: bool = False, paragraph: str = "") -> bool:
    """Whether a children's review needs the document `name` that `sentence` cites: a kind the
    request asks for or a quarter's monitoring report, or one whose name or citing sentence is
    about children's services (or a children's subject) or a topic the pack reads council-wide
    (NEEDED_TOPICS), or whose own name names children or education ("the Commissioning Plan for
    Education Provision"). Where a children's saving depends on capital (`on_capital`,
    `depends_on_capital`), the capital programme is needed too: a document named for it, or an
    appendix cited where the papers speak of it (the sentence, or the `paragraph` around it: Kent's
    7.3 sets the programme out in appendices A and B and names C beside them); a strategy for
    borrowing that merely mentions it is not."""
    if QUARTER_REPORT.fullmatch(name) or classify(name, "")[0] in NEEDED_KINDS:
        return True
    if names_children(name):
        return True
    if on_capital and CAPITAL_PROGRAMME.search(
        f"{sentence} {paragraph}" if APPENDIX.fullmatch(name) else name
    ):
        return True
    return any(_about_children(t) or NEEDED_TOPICS.search(t) for t in (name, sentence))


def _about_children(text: str) -> bool:
    """Words about children's services, education and SEND or the DSG (analyse.scope.text_scope), or
    a children's subject (placements, fostering, care leavers: CHILDRENS_RISK)."""
    return is_childrens(text_scope(text)) or bool(CHILDRENS_RISK.search(text))


def depends_on_capital(savings: list[SavingsLine]) -> bool:
    """Whether a children's saving depends on capital (`CAPITAL_DEPENDENT`: Kent's "Development of
    in-house residential units ... (invest to save)")."""
    return any(
        CAPITAL_DEPENDENT.search(text) and _about_children(text)
        for line in savings
        if (text := " ".join(t for t in (line.title, line.description, line.directorate or "") if t))
    )


def missing_documents(extraction: Extraction) -> list[MissingDocument]:
    """What the data request asks for and the bundle lacks, then what its documents cite and it lacks."""
    requested = requested_missing(
        extraction.documents,
        any(b.forecast_gbp is not None or b.variance_gbp is not None for b in extraction.budget_lines),
        bool(extraction.savings),
    )
    cited = cited_missing(
        extraction.passages, extraction.documents, depends_on_capital(extraction.savings), extraction.savings
    )
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


def cited_missing(
    passages: list[Passage],
    documents: list[Document],
    on_capital: bool = False,
    savings: Sequence[SavingsLine] = (),
) -> list[MissingDocument]:
    """Appendices and named documents the text cites, and papers it says are to go to a meeting
    (`FUTURE_PAPER`; a children's saving's tracker row too), that no file of the bundle is and a
    children's review needs (`needed`), each once, with the first place it is cited so."""
    checked: set[frozenset[str]] = set()
    out = []
    # a passage cites by its sentences; a saving's row is one statement, its title naming its subject
    cited = [(passage.text, passage.provenance[0], False) for passage in passages]
    cited += [(_said(line), line.provenance[0], True) for line in savings if _said(line) and _childrens(line)]
    for text, where, whole in cited:
        for name, sentence in _cited(text):
            key = document_key(name)
            if key in checked or not needed(name, text if whole else sentence, on_capital, text):
                continue
            checked.add(key)
            if not _supplied(name, where, passages, documents, sentence):
                out.append(MissingDocument(name=name, why="cited", provenance=[where]))
    return out


def _said(line: SavingsLine) -> str:
    """A saving's own words of what is to happen (a tracker's status, its description), as a
    sentence naming it ("Savings still to be identified – CYPE: Options to be brought to Cabinet in
    December 2025.")."""
    words = " ".join(t for t in (line.status_text, line.description) if t)
    return f"{line.title}: {words}" if FUTURE_PAPER.search(words) else ""


def _childrens(line: SavingsLine) -> bool:
    text = " ".join(t for t in (line.title, line.description, line.directorate or "", line.ref or "") if t)
    return _about_children(text)


def _cited(text: str) -> list[tuple[str, str]]:
    """Each document the text cites, with the sentence that cites it there."""
    flat = " ".join(text.split())
    out = [(f"{m['word']} {m['id']}", m) for m in APPENDIX.finditer(flat)]
    out += [(f"Appendix {letter}", m) for m in APPENDICES.finditer(flat) for letter in _appendices(m)]
    out += [(_capitalised(m.group(0)), m) for m in QUARTER_REPORT.finditer(flat)]
    for m in NAMED.finditer(flat):
        out += [(name, m) for name in _each_named(m["name"].strip()) if content_words(name) - GENERAL_WORDS]
    out += [(_capitalised(m["name"]), m) for m in LOWER_NAMED.finditer(flat) if _lower_named(m["name"])]
    out += [
        (f"{m['body']} paper of {m['when']} ({m['what'].strip().lower()})", m)
        for m in FUTURE_PAPER.finditer(flat)
    ]
    # in the order the text cites them
    return [
        (name, _sentence_at(flat, m.start(), m.end())) for name, m in sorted(out, key=lambda c: c[1].start())
    ]


def _sentence_at(flat: str, start: int, end: int) -> str:
    after = SENTENCE_END.search(flat, end)
    return flat[sentence_start(flat, start) : after.start() if after else len(flat)]


def _appendices(found: re.Match[str]) -> list[str]:
    """The letters "appendices A and B" or "A to C" name, each once."""
    first, last = found["first"], found["last"]
    if found["join"] in ("and", "&"):
        return [first, *re.findall(r"[A-Z]", found["more"]), last]
    return [chr(c) for c in range(ord(first), ord(last) + 1)] if first <= last else [first, last]


def _lower_named(name: str) -> bool:
    """A lower-case name the review can ask for by itself: its own words name the DSG or a
    children's service or subject ("deficit management plan"), not only a plan's kind."""
    return _about_children(name) and bool(content_words(name) - GENERAL_WORDS)


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


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


def _supplied(
    name: str, cited_at: Provenance, passages: list[Passage], documents: list[Document], sentence: str = ""
) -> bool:
    """An appendix is supplied where a file is named for it, its own report carries it (a passage
    that opens with its name), or the words beside its reference say what it is and another file of
    that kind is in the bundle ("the savings tracker (Appendix B, published separately)", a tracker
    received: `_described_kind`); a named document where a file is named for it or opens with its
    name, or a file of the kind its name says is there (a "Medium Term Financial Plan": the MTFP),
    save a plan of one subject (a "Placement Sufficiency Strategy"), which a council plan is not."""
    wanted = _squashed(name)
    if any(wanted in _squashed(d.file) for d in documents):
        return True
    opening = [
        p.provenance[0].file for p in passages if _squashed(p.text[: len(name) + 20]).startswith(wanted)
    ]
    if APPENDIX.fullmatch(name):
        kind = _described_kind(name, sentence)
        other = {d.kind for d in documents if d.file != cited_at.file}
        return cited_at.file in opening or (kind is not DocumentKind.OTHER and kind in other)
    if any(file != cited_at.file for file in opening):
        return True
    words = content_words(name) - GENERAL_WORDS
    if any(words <= content_words(d.file) for d in documents):
        return True
    if quarter := QUARTER_REPORT.fullmatch(name):
        short = f"q{quarter['quarter']}"  # "kent_q3_monitoring.pdf"
        return any(short in _squashed(d.file) and "monitor" in d.file.lower() for d in documents)
    if names_subject_plan(name):  # a plan of one subject: only a file named for it supplies it
        return False
    kind, _ = classify(name, "")
    return kind is not DocumentKind.OTHER and kind in {d.kind for d in documents}


# The words either side of an appendix's reference that may say what it is ("the savings tracker
# (Appendix B", "Appendix C: risk register").
DESCRIBED_WORDS = 4
# The verb between a document's kind and its reference ("The savings plan is attached as Appendix
# B", "the risk register is set out at Appendix C"): passed over, so the words before it are read.
LINKING = re.compile(
    r"(?:\s+(?:is|are|has\s+been|have\s+been|attached|appended|enclosed|included|provided|shown|set\s+out"
    r"|given|found|can\s+be|be|as|at|in|to|this\s+report))+\s*$",
    re.I,
)


def _described_kind(name: str, sentence: str) -> DocumentKind:
    """The kind of document the words beside an appendix's reference in its sentence name (the
    savings tracker (Appendix B, ...)): OTHER where they name none."""
    flat = " ".join(sentence.split())
    at = flat.find(name)
    if at < 0:
        return DocumentKind.OTHER
    before = LINKING.sub("", flat[:at]).split()[-DESCRIBED_WORDS:]
    after = flat[at + len(name) :].split()[:DESCRIBED_WORDS]
    return classify(" ".join([*before, *after]), "")[0]


def _squashed(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())
