"""Lines of enquiry for fieldwork, and the documents a review asks for that the bundle lacks.

Each significant flag becomes a question addressed to whoever can answer it: the DCS for practice and
demand, the section 151 officer for the plan and its reserves, heads of service for their lines,
commissioning for placements and contracts (seed 000's reviewer pairing; review-pack.md module 7).
"""

from __future__ import annotations

from analyse.records import Flag, LineOfEnquiry, Position, Reconciliation, Scope
from analyse.scope import may_be_flagged
from analyse.wording import gbp
from ingest.records import Document, DocumentKind

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
MAX_LINES = 25

QUESTIONS: dict[str, tuple[str, str]] = {
    "rag_red": (
        "What is the recovery plan for '{subject}', and what would replace it if it fails?",
        "Head of service",
    ),
    "rag_amber": ("What has to happen, by when, for '{subject}' to move to green?", "Head of service"),
    "declared_at_risk": (
        "Why is '{subject}' at risk, and is the risk reflected in the forecast?",
        "Head of service",
    ),
    "forecast_below_target": ("How will the shortfall on '{subject}' be covered this year and next?", "S151"),
    "undeliverable": ("Has '{subject}' been removed from the base budget, and what replaces it?", "S151"),
    "slipped": ("What caused '{subject}' to slip, and is the new timetable realistic?", "Head of service"),
    "carried_forward": (
        "Why was '{subject}' not delivered when planned, and what is different now?",
        "Head of service",
    ),
    "prior_year_saving_reversed": (
        "What lessons from the undelivered '{subject}' shape this year's savings?",
        "S151",
    ),
    "unidentified_saving": (
        "How and when will the unidentified savings in '{subject}' be found, and by whom?",
        "S151",
    ),
    "one_off_measure": ("What recurrent saving replaces the one-off '{subject}' when it ends?", "S151"),
    "repeat_of_slipped_saving": (
        "'{subject}' slipped before: what is different this time, and who owns it?",
        "Head of service",
    ),
    "cost_avoidance": ("How much of '{subject}' reduces the budget in cash, not only avoided cost?", "S151"),
    "overspend_exceeds_saving": (
        "How can '{subject}' be delivered while its service line overspends by more than the saving?",
        "DCS",
    ),
    "saving_large_against_budget": (
        "What evidence supports a saving of this size against the budget for '{subject}'?",
        "Head of service",
    ),
    "demand_reduction_against_rising_demand": (
        "What evidence shows demand will fall enough to deliver '{subject}' while the indicators rise?",
        "DCS",
    ),
    "demand_reduction_saving": (
        "What demand assumptions underpin '{subject}', and how are they tracked?",
        "DCS",
    ),
    "service_overspend": (
        "What drives the overspend on '{subject}': numbers, unit costs or placement mix?",
        "Head of service",
    ),
    "stated_overspend": (
        "What drives the overspend stated ({subject}), and how much of it is recurrent?",
        "DCS; S151",
    ),
    "stated_savings_at_risk": (
        "Which savings make up the sum at risk ({subject}), and what replaces them?",
        "S151",
    ),
    # A stated budget gap asks its question through the position (the medium-term gap), not here.
    "total_mismatch": ("Which figure is right for '{subject}', and why do its lines not add up?", "S151"),
    "cross_document_mismatch": (
        "Which version of '{subject}' is current, and why do the documents differ?",
        "S151",
    ),
}
# Themes that point a question at commissioning rather than the service.
COMMISSIONING_THEMES = frozenset({"commissioning", "residential", "fostering", "placements"})


def lines_of_enquiry(
    flags: list[Flag],
    reconciliations: list[Reconciliation],
    position: Position,
    missing: list[str],
    from_benchmarks: list[LineOfEnquiry] | None = None,
) -> list[LineOfEnquiry]:
    """Questions from the significant flags first, then the position, the benchmarks (questions
    analyse.benchmark_flags writes) and the bundle's gaps."""
    significant = sorted(
        (f for f in flags if f.severity != "low" and f.code in QUESTIONS and may_be_flagged(f.scope)),
        key=lambda f: (SEVERITY_ORDER[f.severity], _priority(f.code), -abs(f.amount_gbp or 0.0)),
    )
    groups = _capped(_one_per_subject(significant))
    out = [_from_flag(group) for group in groups][:MAX_LINES]
    out.extend(_from_position(position))
    out.extend(from_benchmarks or [])
    out.extend(_from_missing(missing))
    return out


# Within one severity, the flag that says most about why a saving fails asks the question.
CODE_PRIORITY = [
    "unidentified_saving",
    "undeliverable",
    "overspend_exceeds_saving",
    "demand_reduction_against_rising_demand",
    "forecast_below_target",
    "rag_red",
    "slipped",
    "carried_forward",
    "prior_year_saving_reversed",
    "one_off_measure",
    "repeat_of_slipped_saving",
    "cost_avoidance",
    "declared_at_risk",
    "rag_amber",
    "saving_large_against_budget",
    "service_overspend",
]
# Prose figures repeat what tables say; a few questions on them are enough.
CAPS = {"stated_overspend": 3, "stated_savings_at_risk": 2}


def code_priority(code: str) -> int:
    """Where a flag code stands among the reasons a saving fails (lower says more)."""
    return _priority(code)


def _priority(code: str) -> int:
    return CODE_PRIORITY.index(code) if code in CODE_PRIORITY else len(CODE_PRIORITY)


def _capped(groups: list[list[Flag]]) -> list[list[Flag]]:
    used: dict[str, int] = {}
    out = []
    for group in groups:
        code = group[0].code
        used[code] = used.get(code, 0) + 1
        if used[code] <= CAPS.get(code, MAX_LINES):
            out.append(group)
    return out


def _one_per_subject(flags: list[Flag]) -> list[list[Flag]]:
    """The most severe flag for each subject (a red, slipped, under-forecast saving asks one question),
    with the other lines of the same name and code (six "Future savings under development" rows)."""
    groups: dict[str, list[Flag]] = {}
    for flag in flags:
        group = groups.setdefault(flag.subject, [flag])
        if flag is not group[0] and flag.code == group[0].code:
            group.append(flag)
    return list(groups.values())


def _from_flag(group: list[Flag]) -> LineOfEnquiry:
    flag = group[0]
    template, who = QUESTIONS[flag.code]
    if who == "Head of service" and COMMISSIONING_THEMES & set(flag.themes):
        who = "Head of service; commissioning"
    because = flag.message
    if len(group) > 1:
        total = sum(f.amount_gbp or 0.0 for f in group)
        because += f" With the {len(group) - 1} other lines of that name: {gbp(total)} in all."
    return LineOfEnquiry(
        question=template.format(subject=flag.subject),
        because=because,
        addressed_to=who,
        provenance=[p for f in group for p in f.provenance[:1]],
        scope=flag.scope,
    )


def _from_position(position: Position) -> list[LineOfEnquiry]:
    out = []
    children = position.children_services
    if children.variance_gbp and children.variance_gbp > 0 and children.provenance:
        out.append(
            LineOfEnquiry(
                question="What is the recovery plan for the children's services overspend, and what is recurrent?",
                because=f"Children's services forecast to overspend by {gbp(children.variance_gbp)} in "
                f"{position.period or 'the year'}.",
                addressed_to="DCS; S151",
                provenance=children.provenance,
                scope=Scope.CHILDRENS_SOCIAL_CARE,
            )
        )
    gaps = [g for g in position.mtfp_gap if g.amount_gbp > 0]
    if gaps:
        years = ", ".join(f"{gbp(g.amount_gbp)} in {g.period or 'a year not stated'}" for g in gaps)
        out.append(
            LineOfEnquiry(
                question="How will the medium-term gap be closed, and what share falls to children's services?",
                because=f"The council-wide medium-term plan shows a gap of {years}.",
                addressed_to="S151",
                provenance=[p for g in gaps for p in g.provenance],
                scope=Scope.COUNCIL_WIDE,
            )
        )
    return out


def _from_missing(missing: list[str]) -> list[LineOfEnquiry]:
    if not missing:
        return []
    return [
        LineOfEnquiry(
            question="Can the council provide: " + "; ".join(missing) + "?",
            because="A review normally reads these and the bundle did not include them.",
            addressed_to="S151; DCS",
            scope=Scope.COUNCIL_WIDE,
        )
    ]


# What a review normally asks for (seed 000, section 5; review-pack.md module 6), by document kind.
EXPECTED: dict[DocumentKind, str] = {
    DocumentKind.STRATEGIC_PLAN: "council or children's services strategic plan",
    DocumentKind.MTFP: "budget and medium-term financial plan",
    DocumentKind.BUDGET_MONITORING: "budget monitoring report",
    DocumentKind.SAVINGS_PLAN: "children's savings and transformation plan or savings tracker",
}


def missing_documents(
    documents: list[Document], has_monitoring: bool = False, has_savings: bool = False
) -> list[str]:
    """The kinds a review asks for that no document (or extracted content) in the bundle supplies."""
    kinds = {d.kind for d in documents}
    present = set(kinds)
    if has_monitoring:
        present.add(DocumentKind.BUDGET_MONITORING)
    if has_savings:
        present.add(DocumentKind.SAVINGS_PLAN)
    return [label for kind, label in EXPECTED.items() if kind not in present]
