"""What each section of the pack and the deck shows, read from the Review and Extraction.

These functions select, group and total records; they do not format or lay out. A total shown in
a table is the sum of the rows shown above it, nothing else, so a reader can check it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from analyse.amounts import is_total
from analyse.drivers import TYPE_NAMES
from analyse.records import Factor, Flag, GapYear, Reconciliation, Review
from analyse.scope import children_lines, is_children_budget_line, is_children_line, is_grant_change
from analyse.wording import content_words
from extract.records import BudgetLine, Extraction, Figure, PlanLine, Provenance, SavingsLine
from ingest.records import Document, Status

RAG_ORDER = ("red", "amber", "green", "blue", None)
RAG_NAMES = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue (delivered)", None: "Not rated"}
KIND_NAMES = {
    "savings_plan": "Savings plan or tracker",
    "mtfp": "Medium-term financial plan",
    "budget_monitoring": "Budget monitoring",
    "strategic_plan": "Strategic plan",
    "committee_report": "Committee report",
    "risk_register": "Risk register",
    "other": "Other",
}


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind)


def review_period(review: Review) -> str | None:
    return review.position.period or review.savings_summary.period


def service_lines(extraction: Extraction) -> list[BudgetLine]:
    """The children's service lines (all, where none is named as children's): a whole-council
    monitoring report's adults', highways' and waste lines are not the review's, and the
    workbook keeps them."""
    lines = [b for b in extraction.budget_lines if b.level == "service_line"]
    return [b for b in lines if is_children_budget_line(b)] or lines


def total_lines(extraction: Extraction) -> list[BudgetLine]:
    """The council's totals and the children's directorate totals (all, where none is children's),
    from the documents the service lines shown come from: another quarter's totals under this
    quarter's lines would not add up to them."""
    files = {b.provenance[0].file for b in service_lines(extraction)}
    lines = [
        b
        for b in extraction.budget_lines
        if b.level != "service_line" and (not files or b.provenance[0].file in files)
    ]
    scoped = [b for b in lines if b.level == "total" or is_children_budget_line(b)]
    return scoped if any(is_children_budget_line(b) for b in scoped) else lines


def savings_items(extraction: Extraction) -> list[SavingsLine]:
    """The children's savings lines (all, where none is named as children's), less total rows.

    A whole-council plan also carries adults', highways' and waste's savings; the pack, like the
    review's savings summary, is about children's services, and the workbook keeps every line.
    """
    lines = [s for s in extraction.savings if not is_total(s.title) and not is_grant_change(s)]
    return [s for s in lines if not in_scope(lines) or is_children_line(s)]


def pressure_items(extraction: Extraction) -> list[PlanLine]:
    """The children's pressures (all, where none is named as children's), less total rows."""
    return children_lines(
        [p for p in extraction.pressures if not is_total(p.title) and not is_grant_change(p)]
    )


def in_scope(lines: Sequence[PlanLine]) -> bool:
    """Whether any line is named as children's, so that the others can be left out."""
    return any(is_children_line(line) for line in lines)


def left_out(extraction: Extraction) -> int:
    """How many savings and pressures lines the pack leaves out as not children's services."""
    shown = len(savings_items(extraction)) + len(pressure_items(extraction))
    items = [line for line in [*extraction.savings, *extraction.pressures] if not is_total(line.title)]
    return len(items) - shown


def is_tracked(line: SavingsLine) -> bool:
    """A line with in-year monitoring (a target, forecast or RAG), as a tracker gives."""
    return line.target_gbp is not None or line.forecast_gbp is not None or line.rag is not None


def tracked(lines: list[SavingsLine]) -> list[SavingsLine]:
    return [s for s in lines if is_tracked(s)]


def plan_only(lines: list[SavingsLine]) -> list[SavingsLine]:
    """The plans' lines, each saving once: where a savings plan and the MTFP both list it, the first
    document's line stands (the sources disagreeing is a reconciliation finding, not two savings);
    lines of one name within one document are distinct savings and all stay."""
    first_file: dict[frozenset[str], str] = {}
    out = []
    for line in (s for s in lines if not is_tracked(s)):
        key, file = frozenset(content_words(line.title)), line.provenance[0].file
        if first_file.setdefault(key, file) == file:
            out.append(line)
    return out


def planned_savings(lines: list[SavingsLine]) -> list[SavingsLine]:
    """The lines whose phasing gives savings planned by year: the plans' own lines where a bundle has
    both a plan and a tracker (the tracker repeats the plan's savings), else every line."""
    return plan_only(lines) or lines


def saving_target(line: SavingsLine) -> float | None:
    """A tracker's target, else the plan's first planned amount."""
    if line.target_gbp is not None:
        return line.target_gbp
    return line.planned[0].amount_gbp if line.planned else None


def saving_year(line: SavingsLine) -> str | None:
    return line.period or (line.planned[0].period if line.planned else None)


def shortfall(line: SavingsLine) -> float | None:
    """The tracker's shortfall, or target less forecast where it gives both."""
    if line.shortfall_gbp is not None:
        return line.shortfall_gbp
    target = saving_target(line)
    if target is None or line.forecast_gbp is None:
        return None
    return target - line.forecast_gbp


def total(values: Iterable[float | None]) -> float | None:
    """Sum of the values given, or None when none is known (a blank stays blank)."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


@dataclass(frozen=True)
class RagGroup:
    rag: str | None
    name: str
    count: int
    target: float | None
    forecast: float | None


def by_rag(lines: list[SavingsLine]) -> list[RagGroup]:
    groups: dict[str | None, list[SavingsLine]] = defaultdict(list)
    for line in lines:
        groups[line.rag.value if line.rag else None].append(line)
    return [
        RagGroup(
            rag,
            RAG_NAMES[rag],
            len(groups[rag]),
            total(saving_target(s) for s in groups[rag]),
            total(s.forecast_gbp for s in groups[rag]),
        )
        for rag in RAG_ORDER
        if groups.get(rag)
    ]


def at_risk_lines(lines: list[SavingsLine]) -> list[SavingsLine]:
    return sorted((s for s in lines if s.at_risk), key=lambda s: -(shortfall(s) or 0))


@dataclass(frozen=True)
class YearTable:
    """Amounts by year: one row per line, a total per year."""

    years: list[str]
    rows: list[tuple[PlanLine, list[float | None]]]
    totals: list[float | None]


def by_year(lines: Iterable[PlanLine], years: list[str]) -> YearTable:
    rows = []
    for line in lines:
        amounts: dict[str, float] = defaultdict(float)
        for p in line.planned:
            amounts[p.period] += p.amount_gbp
        rows.append((line, [amounts.get(y) for y in years]))
    totals = [total(r[1][i] for r in rows) for i in range(len(years))]
    return YearTable(years, rows, totals)


GAP_WORDS = ("gap", "shortfall to be found", "funding shortfall")


def stated_gaps(review: Review, extraction: Extraction) -> list[GapYear]:
    """The MTFP gap by year: the review's, else money figures a document labels as a gap."""
    if review.position.mtfp_gap:
        # a gap with no year (the document gave none) sorts last
        return sorted(review.position.mtfp_gap, key=lambda g: (g.period is None, g.period or ""))
    found: dict[str, GapYear] = {}
    for f in extraction.figures:
        label = (f.label or "").lower()
        if f.unit == "gbp" and f.period and any(w in label for w in GAP_WORDS):
            found.setdefault(f.period, GapYear(period=f.period, amount_gbp=f.value, provenance=f.provenance))
    return [found[p] for p in sorted(found)]


def plan_years(extraction: Extraction, gaps: list[GapYear]) -> list[str]:
    years = {p.period for line in [*extraction.pressures, *extraction.savings] for p in line.planned}
    years |= {g.period for g in gaps if g.period}
    return sorted(years)


def figures_labelled(extraction: Extraction, words: tuple[str, ...]) -> list[Figure]:
    return [f for f in extraction.figures if any(w in (f.label or "").lower() for w in words)]


@dataclass(frozen=True)
class Quality:
    failed: list[Document]
    partial: list[Document]
    mismatches: list[Reconciliation] = field(default_factory=list)
    disagreements: list[Reconciliation] = field(default_factory=list)
    checked: int = 0


def quality(review: Review, extraction: Extraction) -> Quality:
    docs = review.documents or extraction.documents
    recs = review.reconciliations
    return Quality(
        failed=[d for d in docs if d.status == Status.FAILED],
        partial=[d for d in docs if d.status == Status.PARTIAL],
        mismatches=[r for r in recs if r.code == "total_mismatch"],
        disagreements=[r for r in recs if r.code == "cross_document_mismatch"],
        checked=len(recs),
    )


SEVERITY = {"high": 0, "medium": 1, "low": 2}


def by_severity(flags: list[Flag]) -> list[Flag]:
    """Most severe first, then the largest amount."""
    return sorted(flags, key=lambda f: (SEVERITY.get(f.severity, 3), -(f.amount_gbp or 0)))


def first_text(provs: list[Provenance]) -> str:
    return provs[0].text if provs else ""


def council_factors(review: Review) -> list[Factor]:
    """The model's factors that bear on this council: deprivation and size, and its own type and
    region where they differ from the model's reference (other types' and regions' terms do not)."""
    council = review.council
    own = {
        f"type: {TYPE_NAMES.get(council.la_type or '', council.la_type or '')}",
        f"region: {council.region}",
    }
    return [
        f for f in review.drivers.factors if not f.name.startswith(("type: ", "region: ")) or f.name in own
    ]


# A sentence about children's services (or their largest budgets) that states money: quoted in
# the pack as the documents write it, for the reviewers to test in the room.
CHILDREN_SENTENCE = re.compile(
    r"\bchildren|\bcyps?\b|\bcype\b|young people|\bsend\b|home to school transport|\bdsg\b|high needs", re.I
)
MONEY_SENTENCE = re.compile(
    r"pressure|growth|saving|overspen|underspen|budget|spend|cost|gap|deficit|investment|increase", re.I
)


RESERVES_SENTENCE = re.compile(r"\breserves?\b", re.I)


@dataclass(frozen=True)
class Statement:
    text: str
    provenance: list[Provenance]


def children_statements(extraction: Extraction, limit: int = 10) -> list[Statement]:
    """Sentences stating money about children's services, once each, in document order; those
    about reserves are left to the reserves list."""
    grouped: dict[str, list[Figure]] = {}
    for fig in extraction.figures:
        about = CHILDREN_SENTENCE.search(fig.text) and MONEY_SENTENCE.search(fig.text)
        if fig.unit == "gbp" and fig.value > 0 and about:
            grouped.setdefault(fig.text, []).append(fig)
    kept = [
        Statement(text, [p for f in figs for p in f.provenance][:1])
        for text, figs in grouped.items()
        if not RESERVES_SENTENCE.search(text)
    ]
    return kept[:limit]
