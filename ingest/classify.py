"""Decide what kind of document a file is, with the reasons, from a sample of its text.

Phrases are weighed (PhraseMatcher on lower-cased tokens), more where they fall in the title
(the file name and the opening lines), and table headers add layout cues. A committee report
is recognised by its layout (From/To/Subject, Recommendations, Minutes); it is classed by its
subject when the title names one of the finance kinds, because a reviewer wants "the budget
monitoring report", not "a report", and by its layout otherwise.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from ingest.language import english
from ingest.records import DocumentKind as K

TITLE_CHARS = 500
# Only a sample decides the kind; spaCy refuses texts over its max_length (1,000,000).
MAX_CHARS = 100_000
MAX_PER_PHRASE = 4
TITLE_WEIGHT = 3
MIN_SCORE = 5
COMMITTEE_MIN_CUES = 3
SUBJECT_MIN_SCORE = 6

# A sufficiency plan or strategy (the council's duty to secure placements for the children it
# looks after) is a children's services strategic plan, its recovery of spend included: longer than
# a savings plan's "financial recovery plan", so the overlap is read so. It is a plan of one
# subject: a bundle's other strategic plans (a council plan) do not supply one the papers cite.
SUBJECT_PLANS = [
    "sufficiency plan",
    "sufficiency strategy",
    "sufficiency and recovery plan",
    "sufficiency and financial recovery plan",
]
_SUBJECT_PLAN = re.compile("|".join(re.escape(p) for p in SUBJECT_PLANS), re.IGNORECASE)


def names_subject_plan(name: str) -> bool:
    """Whether a document's name names a plan of one subject (`SUBJECT_PLANS`)."""
    return bool(_SUBJECT_PLAN.search(re.sub(r"[_\-.]+", " ", name)))


# Names of a kind are strong evidence (3); words that such documents use are weak (1).
STRONG = {
    K.SAVINGS_PLAN: [
        "savings plan",
        "savings plans",
        "savings tracker",
        "financial improvement plan",
        "financial recovery plan",
        "savings proposals",
        "savings programme",
        "operational savings",
        "savings schedule",
        "efficiency plan",
        "savings and efficiencies",
    ],
    K.MTFP: [
        "medium term financial plan",
        "medium-term financial plan",
        "medium term financial strategy",
        "medium-term financial strategy",
        "mtfp",
        "mtfs",
        "draft budget",
        "revenue budget",
        "budget proposals",
    ],
    K.BUDGET_MONITORING: [
        "budget monitoring",
        # Longer than MTFP's "revenue budget", so the overlap is read as monitoring.
        "revenue budget monitoring",
        "revenue budget outturn",
        "revenue budget forecast",
        "revenue monitoring",
        "monitoring report",
        "forecast outturn",
        "projected outturn",
        "budget and spending",
        "budget & spending",
        "finance monitor",
        "financial monitoring",
        "outturn report",
    ],
    K.STRATEGIC_PLAN: [
        "strategic plan",
        "council plan",
        "corporate plan",
        "corporate strategy",
        "transformation plan",
        "children and young people's plan",
        "business plan",
        "improvement plan",
        *SUBJECT_PLANS,
    ],
    K.RISK_REGISTER: ["risk register", "risks register", "register of risks"],
    K.OTHER: [
        "treasury management",
        "performance report",
        "prudential indicators",
        "capital strategy",
        "key performance indicators",
        "statement of accounts",
    ],
}
WEAK = {
    K.SAVINGS_PLAN: [
        "saving",
        "savings",
        "savings target",
        "deliverability",
        "undeliverable",
        "savings at risk",
        "delivery of savings",
        "savings delivery",
        "rag",
        "rag status",
        "slipped",
        "written off",
    ],
    K.MTFP: [
        "budget gap",
        "funding gap",
        "council tax",
        "base budget",
        "budget setting",
        "finance settlement",
        "financial settlement",
        "spending pressures",
        "pressures",
        "growth",
        "revised base",
        "mtfp category",
    ],
    K.BUDGET_MONITORING: [
        "outturn",
        "overspend",
        "underspend",
        "forecast overspend",
        "variance",
        "variances",
        "forecast",
        "financial position",
        "budget position",
        "year end",
        "in-year",
    ],
    K.STRATEGIC_PLAN: [
        "our vision",
        "our priorities",
        "our ambition",
        "strategic priorities",
        "strategic objectives",
        "outcomes",
        "ambitions",
        "priorities",
    ],
    K.RISK_REGISTER: [
        "likelihood",
        "impact",
        "mitigation",
        "mitigating actions",
        "risk owner",
        "residual risk",
        "inherent risk",
        "risk score",
        "risk rating",
        "risk title",
        "risk event",
        "consequence",
        "financial exposure",
    ],
    K.OTHER: [
        "borrowing",
        "investments",
        "minimum revenue provision",
        "performance indicators",
        "kpi",
        "kpis",
    ],
}

# Layout of a committee report or minutes: labels that open a line.
COMMITTEE_LABELS = [
    ["from", ":"],
    ["to", ":"],
    ["subject", ":"],
    ["by", ":"],
    ["summary", ":"],
    ["minutes", ":"],
    ["decision", ":"],
    ["recommendation", "(", "s", ")"],
    ["recommendations"],
    ["recommendation", ":"],
    ["agenda", "item"],
    ["report", "of"],
    ["report", "to"],
    ["report", "by"],
    ["decision", "no"],
    ["key", "decision"],
    ["electoral", "division"],
    ["classification", ":"],
    ["purpose", "of", "report"],
    ["background", "documents"],
    ["background", "papers"],
    ["contact", "details"],
    ["report", "author"],
]
COMMITTEE_PHRASES = [
    "cabinet is asked to",
    "committee is asked to",
    "is asked to note",
    "is asked to agree",
    "the committee considered",
    "the committee received",
    "the panel received",
    "scrutiny committee",
    "cabinet committee",
    "cabinet member for",
]

YEAR = re.compile(r"\b20\d\d\s*[-/–]\s*(?:20)?\d\d\b")


@dataclass
class Tally:
    score: int = 0
    in_title: bool = False
    evidence: Counter[str] = field(default_factory=Counter)
    weights: Counter[str] = field(default_factory=Counter)


@lru_cache(maxsize=1)
def matchers() -> tuple[PhraseMatcher, PhraseMatcher, Matcher]:
    """The kinds' and committee phrases; a committee report's labels; a monitoring
    period. The labels are fixed token sequences, so a PhraseMatcher finds them: the rule-based
    Matcher, which tries every pattern at every token, took half the time to classify a PDF."""
    nlp = english()
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    for table, weight in ((STRONG, "strong"), (WEAK, "weak")):
        for kind, words in table.items():
            phrases.add(f"{weight}|{kind.value}", [nlp.make_doc(word) for word in words])
    phrases.add("committee|phrase", [nlp.make_doc(p) for p in COMMITTEE_PHRASES])
    labels = PhraseMatcher(nlp.vocab, attr="LOWER")
    for label in COMMITTEE_LABELS:
        labels.add("committee|" + " ".join(label), [Doc(nlp.vocab, words=label)])
    period = Matcher(nlp.vocab)
    period.add(
        "monitoring|period",
        [
            [{"LOWER": {"IN": ["month", "quarter", "period", "monitor"]}}, {"LIKE_NUM": True}],
            [{"LOWER": {"IN": ["q1", "q2", "q3", "q4"]}}],
        ],
    )
    return phrases, labels, period


def classify(name: str, text: str, table_headers: Sequence[Sequence[str]] = ()) -> tuple[K, list[str]]:
    """The kind of document, and the reasons in plain words, from its name, a text sample and table headers."""
    text = text[:MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n")
    tallies = {kind: Tally() for kind in STRONG}
    committee: set[str] = set()
    tally_text(readable_name(name) + "\n" + text[:TITLE_CHARS], tallies, committee, in_title=True)
    tally_text(text[TITLE_CHARS:], tallies, committee, in_title=False)
    # Short lines that do not end a sentence may be a PDF table's header row.
    lines = [line for line in text.split("\n") if len(line) < 200 and not line.rstrip().endswith(".")]
    rows = [" ".join(row) for row in table_headers] + lines
    tally_headers(rows, tallies)
    return decide(tallies, committee)


def readable_name(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"[_\-.]+", " ", stem)


def tally_text(text: str, tallies: dict[K, Tally], committee: set[str], *, in_title: bool) -> None:
    phrases, labels, period = matchers()
    doc = english().make_doc(text)
    seen: Counter[tuple[str, str]] = Counter()
    # The longest phrase wins where phrases overlap ("financial improvement plan", not "improvement plan").
    spans = (
        filter_spans(phrases(doc, as_spans=True)) + labels(doc, as_spans=True) + period(doc, as_spans=True)
    )
    for span in spans:
        label, what = span.label_.split("|", 1)
        start, found = span.start, span.text.lower()
        if label == "committee":
            if what == "phrase" or start == 0 or "\n" in doc[start - 1].text_with_ws:
                committee.add(found)
            continue
        # A period ("month 6", "Q2") hints at monitoring once; quarterly columns in any table repeat it.
        key = (label, "period" if label == "monitoring" else found)
        seen[key] += 1
        if seen[key] > (1 if label == "monitoring" else MAX_PER_PHRASE):
            continue
        kind = K.BUDGET_MONITORING if label == "monitoring" else K(what)
        weight = 3 if label == "strong" else 1
        add(
            tallies[kind],
            weight * (TITLE_WEIGHT if in_title else 1),
            f'{"title" if in_title else "text"} says "{found}"',
        )
        tallies[kind].in_title |= in_title and label == "strong"


def add(tally: Tally, weight: int, evidence: str) -> None:
    tally.score += weight
    tally.evidence[evidence] += 1
    tally.weights[evidence] += weight


def tally_headers(rows: Sequence[str], tallies: dict[K, Tally]) -> None:
    """Column headers that give a table's purpose away, each counted once per kind."""
    cues = {
        K.BUDGET_MONITORING: (
            lambda r: "budget" in r and ("forecast" in r or "outturn" in r) and "variance" in r,
            "table header with budget, forecast and variance columns",
        ),
        K.SAVINGS_PLAN: (
            lambda r: "saving" in r and bool(re.search(r"\brag\b|deliver|achiev|target", r)),
            "table header with savings and RAG/delivery columns",
        ),
        K.RISK_REGISTER: (
            lambda r: "likelihood" in r and bool(re.search(r"impact|consequence|exposure", r)),
            "table header with likelihood and impact columns",
        ),
        K.MTFP: (
            lambda r: len(set(YEAR.findall(r))) >= 3,
            "table header with three or more financial-year columns",
        ),
    }
    lowered = [row.lower() for row in rows]
    for kind, (test, reason) in cues.items():
        if any(test(row) for row in lowered):
            add(tallies[kind], 6 if kind is not K.MTFP else 3, reason)


def decide(tallies: dict[K, Tally], committee: set[str]) -> tuple[K, list[str]]:
    ranked = sorted(tallies, key=lambda kind: tallies[kind].score, reverse=True)
    best, runner_up = ranked[0], ranked[1]
    top = tallies[best]
    layout = f"committee report layout ({', '.join(sorted(committee))})"
    if len(committee) >= COMMITTEE_MIN_CUES:
        if top.in_title and top.score >= SUBJECT_MIN_SCORE:
            return best, [
                f"a committee report whose title names its subject: {best.value}",
                *evidence(top),
                layout,
            ]
        return K.COMMITTEE_REPORT, [
            layout,
            f"its title does not name a finance document kind (nearest: {best.value})",
        ]
    if top.score >= MIN_SCORE:
        runner = f"next: {runner_up.value} ({tallies[runner_up].score:g} against {top.score:g})"
        return best, [*evidence(top), runner]
    return K.OTHER, [f"no strong sign of any kind (nearest: {best.value}, score {top.score:g})"]


def evidence(tally: Tally, most: int = 6) -> list[str]:
    """The cues that weighed most, strongest first, each with how often it was seen."""
    strongest = [what for what, _ in tally.weights.most_common(most)]
    return [f"{what} x{tally.evidence[what]}" if tally.evidence[what] > 1 else what for what in strongest]
