"""Small readings of the Review for the pack and deck: names, ordering and grouping of what
analyse/ chose (analyse.selection). Nothing here chooses lines or computes money."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from analyse.records import SCOPE_NAMES, Flag, Reconciliation, Reserve, Review, Scope, group_name
from extract.records import BudgetBuild, BuildPart, Extraction, Provenance
from extract.tables.vocabulary import CategoryKind
from ingest.records import Document, Status
from render.refs import Figures, Part

# The part of a children's directorate total that is adults' services (a table's row, a chart's
# series): the directorate's totals hold them, and the pack, deck and workbook name them apart.
ADULTS_APART_WORDS = "Of which adults' services in the children's directorate"
ADULTS_SAVINGS_SERIES = "Of which adults' savings"
# The pressures chart's own series: the children's directorate's lines, named so beside a gap that is
# the council's (a bare "General Fund pressures" reads as the council's).
PRESSURES_SERIES = "Children's General Fund pressures"
SAVINGS_SERIES = "Children's savings planned"
# Pressures the plan marks externally funded (a grant meets them): not the General Fund's.
EXTERNAL_SERIES = "Externally funded pressures"
# A plan's pressures (growth) are changes to the base budget, each year's on the year before: a
# ring-fenced line's fall is a smaller deficit than the year before's, not a surplus. The pack's,
# deck's and workbook's pressures tables and charts say so in these words.
CHANGE_WORDS = "change on the year before"
RING_FENCED_SERIES = f"Ring-fenced pressures (DSG / High Needs), {CHANGE_WORDS}"
# Each series of the pressures chart's fill (render.charts.STYLES), the pack's and the deck's alike: a
# series has one fill of its own, so no two share a legend's swatch.
GAP_SERIES = "Stated budget gap (council-wide)"
PRESSURES_CHART_STYLES = {
    PRESSURES_SERIES: "hatch",
    EXTERNAL_SERIES: "light",
    RING_FENCED_SERIES: "dots",
    SAVINGS_SERIES: "outline",
    ADULTS_SAVINGS_SERIES: "cross",
    GAP_SERIES: "solid",
}
# The total of every line listed, a ring-fenced line's fall netted in (the General Fund's is apart).
RING_FENCED_INCLUDED = "ring-fenced changes included"
ALL_PRESSURES_WORDS = f"All pressures listed, {RING_FENCED_INCLUDED}"

# A variance column's heading says its sign wherever one is printed (pack, deck, workbook): the pack
# and deck print £000 with an underspend in brackets, the workbook with a minus sign. The documents'
# own conventions differ (some print an overspend in brackets, "Fav/(Adv)"); these are the pack's.
VARIANCE_HEADING = "Variance, over/(under)"
VARIANCE_HEADING_SIGNED = "Variance, + over / - under"

KIND_NAMES = {
    "savings_plan": "Savings plan or tracker",
    "mtfp": "Medium-term financial plan",
    "budget_monitoring": "Budget monitoring",
    "strategic_plan": "Strategic plan",
    "committee_report": "Committee report",
    "risk_register": "Risk register",
    "other": "Other",
}
VERIFICATION_WORDS = {
    "verified": "verified by the document's own arithmetic",
    "unchecked": "not verified by the document's arithmetic",
    "confirmed": "confirmed against the source by a reviewer",
    "corrected": "corrected by a reviewer against the source",
}


# Next year's budget build (extract.records.BudgetBuild), step by step, as the pack, deck and
# workbook show it: each field with its words.
BUILD_STEPS = [
    ("base_gbp", "Base budget"),
    ("growth_gbp", "Growth and pressures"),
    ("savings_gbp", "Less savings (a saving removed in brackets)"),
    ("other_gbp", "Other changes (reserves, one-off)"),
    ("gap_gbp", "Less gap left unresolved (savings still to find)"),
    ("new_budget_gbp", "New budget"),
]
# The steps a build may leave out, shown only where one of the builds in a table prints them.
OPTIONAL_STEPS = frozenset({"gap_gbp"})


def build_steps(builds: list[BudgetBuild]) -> list[tuple[str, str]]:
    """The steps a table of these builds shows: every step, less an optional one none prints."""
    return [
        (field, words)
        for field, words in BUILD_STEPS
        if field not in OPTIONAL_STEPS or any(getattr(b, field) is not None for b in builds)
    ]


# A build's savings step by kind (extract.records.BuildPart): what each part is, in words.
BUILD_PART_WORDS = {
    CategoryKind.SAVING: "of which savings against the base budget",
    CategoryKind.COST_AVOIDANCE: "of which cost avoidance (not a saving against the base)",
    CategoryKind.INCOME: "of which income (not a saving against the base)",
    CategoryKind.GRANT: "of which grant (funding, not a saving)",
}


def build_part(build: BudgetBuild, kind: CategoryKind) -> BuildPart | None:
    """The build's savings part of this kind, None where it prints none."""
    return next((p for p in build.savings_parts if p.kind == kind), None)


def build_part_kinds(builds: list[BudgetBuild]) -> list[CategoryKind]:
    """The kinds of savings part any of these builds prints, in `BUILD_PART_WORDS`' order."""
    return [kind for kind in BUILD_PART_WORDS if any(build_part(b, kind) for b in builds)]


def build_parts(builds: list[BudgetBuild]) -> list[tuple[str, list[BuildPart | None]]]:
    """The savings step's parts as rows: one per kind any of these builds prints, each build's
    part of it (None where it has none)."""
    return [
        (BUILD_PART_WORDS[kind], [build_part(b, kind) for b in builds]) for kind in build_part_kinds(builds)
    ]


def savings_label_of(builds: list[BudgetBuild]) -> BudgetBuild | None:
    """The build whose savings row, as printed, a table of these builds names under its savings
    step: the first's, where every build prints that same label; None where they differ or none does."""
    labels = {b.savings_label for b in builds}
    return builds[0] if builds and len(labels) == 1 and builds[0].savings_label else None


def budget_builds(review: Review) -> list[tuple[BudgetBuild, str]]:
    """The children's directorate's build and the council's, each with whose it is, where the
    documents give them."""
    chosen = review.selection
    named = ((chosen.budget_build, "Children's directorate"), (chosen.council_build, "Council-wide"))
    return [(b, who) for b, who in named if b is not None]


def stated_how(unit: str) -> str:
    """How a council's own figure is written (render.refs' `how`, to the places the council wrote):
    a share as a percentage, money in pounds, a rate or a count as the number."""
    return "pct" if unit == "percent" else "money" if unit.startswith("gbp") else "number"


# A document's reading in words, as the pack's and workbook's lists of documents say it.
DOCUMENT_STATUS = {"ok": "Read", "partial": "In part", "failed": "Refused"}


def document_status(d: Any) -> str:
    """Read, In part, Refused or Skipped: how far a document was read."""
    status = getattr(d.status, "value", d.status)
    return "Skipped" if getattr(d, "skipped", False) else DOCUMENT_STATUS.get(status, str(status))


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind)


def scope_name(scope: Scope | str | None) -> str:
    return SCOPE_NAMES.get(Scope(scope), "") if scope else ""


def scope_label(review: Review, scope: Scope | str | None, provenance: Sequence[Provenance]) -> str:
    """Where a line, flag or line of enquiry sits, one name wherever it is named (pack, deck,
    workbook): its group as analyse chose it (analyse.records.group_name)."""
    return group_name(scope, review.selection.line_labels, provenance)


def verification_words(verification: str | None) -> str:
    """The plain mark a headline figure carries: verified, or not verified (a contradicted figure
    never headlines, so it has no words here)."""
    return VERIFICATION_WORDS.get(verification or "", "")


# A figure only the text states (no table's arithmetic to check it) carries a mark, and the caveat
# is said once for the slide or block that shows it, not once per figure.
STATED_MARK = "*"
STATED_NOTE = "Figures marked * are as the text states them, not checked by arithmetic."


def stated_mark(verification: str | None) -> str:
    """How far a figure stands, after it: a table row's verification in words; a contradicted one
    as printed; a figure only the text states (no verification, or unchecked) STATED_MARK."""
    if verification == "contradicted":
        return " (as printed: its table's own arithmetic does not agree, to be confirmed)"
    if verification in (None, "unchecked"):
        return STATED_MARK
    return f" ({verification_words(verification)})"


def one_flow_stated_differently(flows: list[Reserve], reconciliations: list[Reconciliation]) -> bool:
    """Whether several statements of a reserve flow are one flow stated differently in two places:
    the reconciliation of reserve flows (analyse.reconcile.reserve_cross_checks) found them to
    disagree, so they are one contribution, never two to add."""
    return flow_disagreement(flows, reconciliations) is not None


def flow_disagreement(flows: list[Reserve], reconciliations: list[Reconciliation]) -> Reconciliation | None:
    """The reconciliation that found several statements of a reserve flow to disagree, if one did."""
    wheres = [f.provenance[0] for f in flows if f.provenance]
    if len(flows) < 2:
        return None
    return next(
        (
            r
            for r in reconciliations
            if r.code == "cross_document_mismatch" and all(w in r.provenance for w in wheres)
        ),
        None,
    )


def where_stated(where: Provenance, others: list[Provenance], names: dict[str, str]) -> str:
    """A short place for a figure beside other statements of it: "p.4" where all are in one
    document, else the document's short name (`names`, short_names) and page."""
    page = f"p.{where.page}" if where.page else ""
    short = names.get(where.file, where.file)
    if all(o.file == where.file for o in others):
        return page or short
    return f"{short}, {page}" if page else short


def short_names(files: list[str]) -> dict[str, str]:
    """Each file's short name, for a slide read on a screen (the pack's sources appendix has the
    full ones): its name without the extension, and without the leading words of a naming scheme it
    shares with another file of the bundle, up to the scheme's date or number ("kent_cabinet_2025-01-30_"
    before "appendixD_MTFP.pdf" and "appendixE_..."); words shared without a date or number are kept
    ("Cabinet minutes" beside "Cabinet 2025-11-06 ...")."""
    words = {f: re.split(r"[_\s]+", re.sub(r"\.[A-Za-z0-9]{2,4}$", "", f.rsplit("/", 1)[-1])) for f in files}
    out = {}
    for f, mine in words.items():
        shared = max((_shared_lead(mine, theirs) for g, theirs in words.items() if g != f), default=0)
        dated = [i + 1 for i in range(min(shared, len(mine) - 1)) if re.search(r"\d", mine[i])]
        out[f] = " ".join(mine[max(dated, default=0) :])
    return out


def _shared_lead(one: list[str], other: list[str]) -> int:
    """How many leading words two file names share."""
    n = 0
    while n < min(len(one), len(other)) and one[n].lower() == other[n].lower():
        n += 1
    return n


# The pack's sections, in order: each one's anchor and title (its contents list and the summary's
# pointers to where a card's detail is).
SECTIONS: dict[str, str] = {
    "summary": "Executive summary",
    "budget": "Budget position",
    "dsg": "DSG and High Needs",
    "savings": "Savings and delivery",
    "mtfp": "Pressures and the medium-term gap",
    "benchmarking": "Benchmarking",
    "drivers": "Drivers of spend",
    "scenarios": "Scenarios",
    "themes": "Themes and flags",
    "enquiry": "Lines of enquiry",
    "quality": "Data quality and caveats",
    "sources": "Appendix: sources",
}


def review_period(review: Review) -> str | None:
    return review.position.period or review.savings_summary.period


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
        checked=review.checks.totals_checked,
    )


SEVERITY = {"high": 0, "medium": 1, "low": 2}


def by_severity(flags: list[Flag]) -> list[Flag]:
    """Most severe first, then the largest amount."""
    return sorted(flags, key=lambda f: (SEVERITY.get(f.severity, 3), -(f.amount_gbp or 0)))


def first_text(provs: list[Provenance]) -> str:
    return provs[0].text if provs else ""


def asked_in(review: Review, provenance: Sequence[Provenance]) -> int | None:
    """The line of enquiry (numbered from 1, as the pack prints them) whose evidence cites the first
    of `provenance`: where the pack says a fact is asked; None where no line asking it was kept."""
    first = provenance[0] if provenance else None
    return next((i for i, q in enumerate(review.lines_of_enquiry, 1) if first in q.provenance), None)


# What tells apart listed records that share a title, tried in this order: the record's own
# reference, its year, then its amount (printed in £m), each with the words it is printed after.
APART_FIELDS = {"ref": "", "period": "", "target_gbp": "target ", "amount_gbp": ""}


def listed(items: Sequence[Any], figs: Figures, title: str = "title") -> tuple[Part, ...]:
    """Records' titles as a list ("A; B; C"), each quoted; where two share a title, each of those
    says what tells it apart, in brackets: the first of APART_FIELDS whose printed values differ
    across them ("Kent 16+ Travel Saver (target £0.4m); ...; Kent 16+ Travel Saver (target £0.1m)")."""
    out: list[Part] = []
    keys = [" ".join(str(getattr(item, title)).split()).lower() for item in items]
    shared: dict[str, list[Any]] = {}
    for key, item in zip(keys, items, strict=True):
        shared.setdefault(key, []).append(item)
    for n, (key, item) in enumerate(zip(keys, items, strict=True)):
        out += ["; "] if n else []
        out.append(figs.quote(item, title))
        same = shared[key]
        if len(same) > 1 and (apart := _apart(item, same, figs)) is not None:
            out += [" (", *apart, ")"]
    return tuple(out)


def _apart(item: Any, same: list[Any], figs: Figures) -> tuple[Part, ...] | None:
    """The words that tell `item` apart from the others in `same`: its first field of APART_FIELDS
    printed differently by each of them, after that field's words; None where none is."""
    for name, words in APART_FIELDS.items():
        printed = [p for other in same if (p := _printed(other, name, figs)) is not None]
        if len(printed) == len(same) and len({str(p) for p in printed}) == len(same):
            shown = printed[next(i for i, other in enumerate(same) if other is item)]
            return (words, shown) if words else (shown,)
    return None


def _printed(item: Any, name: str, figs: Figures) -> Part | None:
    value = getattr(item, name, None)
    if value is None or value == "":
        return None
    if name.endswith("_gbp"):
        return figs.fig(item, name, "m")
    return figs.quote(item, name) if name == "ref" else str(value)
