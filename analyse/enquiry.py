"""Lines of enquiry for fieldwork, and the documents a review asks for that the bundle lacks.

Each significant flag, and each children's risk the risk register holds, becomes a question
addressed to whoever can answer it: the DCS for practice, demand and the service's lines, the section
151 officer for the plan and its reserves, commissioning for placements and contracts (seed 000's
reviewer pairing; review-pack.md module 7). At most `MAX_LINES` are asked, ranked by the money at
stake, which each carries with what it is (`stake`) so that the amount printed is the one it is
ranked by; a question is never built on a scrap of commentary (`analyse.wording.is_fragment`).
Money is ranked like with like: a year's money (a shortfall, an overspend, a register's annual
exposure) against a year's; a register's exposure over the risk's lifetime, several years or a
period it does not state is not a year's, nor are savings summed over a plan's later years, so those questions follow the year's money, ranked among
themselves, and their stake says the period. A register's risk shared with another directorate
(its directorate column names both, analyse.scope.risk_shared_with) is not the children's in full:
its question says with whom it is shared and follows the children's own money of the same period;
its exposure never becomes another question's stake, and it joins a children's question only where
its own words name children's services as well as the question's theme.
The children's overspend and the council's are one question, the council's its context. The
medium-term gap's stake is the year's whole gap, the council's to close whatever its rows label: a
part labelled another directorate's (adult social care funding) is said in the stake's words, and the
children's part is not stated, so it ranks as council-wide money, after every question on the
children's own money (a children's review's questions lead: `councils_whole`); the DSG deficit is a
balance that falls on the council when the override ends, ranked with a year's money and printed as
the documents state it ("an estimated £96m"); the position's questions (the children's overspend,
the gap, the DSG deficit against the general reserve when the override ends) are always among the
twelve (`twelve`), and so is the demand question where the documents say the number of children
looked after has risen above the council's own target (`demand_line`: more starting care or fewer
leaving, how many asylum-seeking, a register's risk on their grant its stake). Questions asking the
same thing of the same sum are one, with both leads (`one_per_ask`). A question a register's risk
joins goes to the owner the register names where that is another post than the DCS (`with_lead`);
every DSG or High Needs question goes to the S151 officer as well as the service, whoever else it
names (`with_scope_leads`, the one place); the DSG plan's delivery, where the documents put it
behind its target or state it differently, is asked with the statements side by side, a register
risk stating it joined to that question (`plan_lines`, `citing_row`); and the first question on
a subject whose document
the papers cite but the bundle lacks asks for it by name (`asking_for_missing`); every document the
pack lists as needed and not received is asked for somewhere: one no question asks for is asked in a
last question of its own, listing each such (`with_documents_asked`).
Every children's risk the register holds is evidence, whatever its rating: it joins the question
its topic matches, else asks its own where it states money (ranked with the rest, so it is asked
where its money ranks within the twelve) or the register rates it high; the pack lists every one
(`register_risks`), with the line of enquiry that carries it. A risk joined as evidence is a separate
risk, never the question's stake: the stake stays the question's own money, and says the risk's
beside it; a risk that states money joining a question that states none also asks its own, ranked by
its money, and is only named (not its evidence repeated) in the question it joins.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Literal

from analyse.benchmark_flags import grant_words, uasc_grant_risks
from analyse.demand import GROWTH_IN_NUMBERS, RisingCount
from analyse.dsg import left_uncovered, years_after
from analyse.position import bare_name
from analyse.records import (
    RING_FENCED,
    SAFETY_VALVE_PARTIES,
    BudgetTransfer,
    CarriedVariance,
    ChildrensScope,
    DsgItem,
    DsgPosition,
    Flag,
    GapYear,
    HeldCentrally,
    LineOfEnquiry,
    MissingDocument,
    PlanDelivery,
    PlanShare,
    Position,
    Reconciliation,
    RegisterRisk,
    Reserve,
    SafetyValveYear,
    SavingJudgement,
    Scope,
    Statement,
    TargetStatedDifferently,
    TransferBase,
)
from analyse.reserves import general_term
from analyse.scope import (
    is_childrens,
    may_be_flagged,
    names_childrens_services,
    risk_scope,
    risk_shared_with,
    scope_of,
    text_scope,
)
from analyse.standing import in_doubt
from analyse.themes import subject_of, subject_phrases, subject_words, themes_of, with_parents
from analyse.wording import (
    STATED_SUM,
    beside_whole,
    gbp,
    gbp_as_stated,
    is_fragment,
    rating_words,
    risk_values,
)
from extract.numbers import parse_money
from extract.records import BudgetLine, Provenance, Rag, Risk
from extract.stage import comparable_stages
from extract.verify.identities import MEMBER_IDENTITY, TOTAL_IDENTITY
from extract.verify.tolerance import half_unit, millions

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
# Fieldwork is one to four days: about twelve questions, the most money at stake first.
MAX_LINES = 12
# A register's risk this high is one to ask about: 15 of 25 on the usual 5 x 5 likelihood x impact
# matrix is where registers start to rate red.
HIGH_RISK_SCORE = 15.0
# A register that rates likelihood alone (1 to 5): 4 or more is likely.
LIKELY = 4.0

# The flag code of the council's savings not yet allocated to a directorate (analyse.flags raises it):
# one question for all such lines.
UNALLOCATED_CODE = "council_savings_unallocated"

QUESTIONS: dict[str, tuple[str, str]] = {
    "rag_red": (
        "What is the recovery plan for '{subject}', and what would replace it if it fails?",
        "DCS",
    ),
    "rag_amber": ("What has to happen, by when, for '{subject}' to move to green?", "DCS"),
    "declared_at_risk": (
        "Why is '{subject}' at risk, and is the risk reflected in the forecast?",
        "DCS",
    ),
    "forecast_below_target": ("How will the shortfall on '{subject}' be covered this year and next?", "S151"),
    "undeliverable": ("Has '{subject}' been removed from the base budget, and what replaces it?", "S151"),
    "slipped": ("What caused '{subject}' to slip, and is the new timetable realistic?", "DCS"),
    "carried_forward": (
        "Why was '{subject}' not delivered when planned, and what is different now?",
        "DCS",
    ),
    "prior_year_saving_reversed": (
        "What lessons from the undelivered '{subject}' shape this year's savings?",
        "S151",
    ),
    "unidentified_saving": (
        "How and when will the unidentified savings in '{subject}' be found, and by whom?",
        "S151",
    ),
    UNALLOCATED_CODE: (
        "How much of the council-wide savings not yet allocated to a directorate ('{subject}') will fall"
        " to children's services, and when?",
        "S151",
    ),
    "one_off_measure": ("What recurrent saving replaces the one-off '{subject}' when it ends?", "S151"),
    "repeat_of_slipped_saving": (
        "'{subject}' slipped before: what is different this time, and who owns it?",
        "DCS",
    ),
    "cost_avoidance": ("How much of '{subject}' reduces the budget in cash, not only avoided cost?", "S151"),
    "pressure_on_subject": (
        "How will '{subject}' be delivered when {asks}, and what is left of it once that growth is met?",
        "DCS; S151",
    ),
    "funding_swap": (
        "'{subject}' is met by a grant: is the grant secured, for how long, and what does the cost fall on"
        " when it ends?",
        "S151",
    ),
    "placement_line_unexplained": (
        "What else does '{subject}' hold: {asks}?",
        "S151",
    ),
    "overspend_exceeds_saving": (
        "How can '{subject}' be delivered while {asks}?",
        "DCS",
    ),
    "saving_large_against_budget": (
        "What evidence supports a saving of this size against the budget for '{subject}'?",
        "DCS",
    ),
    "demand_reduction_against_rising_demand": (
        "What evidence shows demand will fall enough to deliver '{subject}' while {asks}?",
        "DCS",
    ),
    "demand_reduction_on_weak_evidence": (
        "How much of '{subject}' rests on demand falling, and what evidence supports that, given that {asks}?",
        "DCS",
    ),
    "demand_reduction_saving": (
        "What demand assumptions underpin '{subject}', and how are they tracked?",
        "DCS",
    ),
    "service_overspend": ("What drives the overspend on '{subject}': {asks}?", "DCS"),
    "stated_overspend": (
        "The documents state {subject_lc}: what drives it, and how much of it is recurrent?",
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
# Where the documents already explain the variance (`Flag.explained_by`, quoted in its evidence):
# what the explanation leaves open, not the driver they give.
# Where the lead reason gives the route the documents already set out (`Flag.asks`: "Options to be
# brought to Cabinet in December 2025"): what that route leaves open, not how, when and by whom.
ROUTED_QUESTIONS = {
    "unidentified_saving": (
        "The documents say of '{subject}': '{asks}'. Which options went, how much of them is recurrent,"
        " and what covers this year's shortfall until they deliver?"
    ),
}
EXPLAINED_QUESTIONS = {
    "service_overspend": (
        "The documents explain the overspend on '{subject}': how much of it is recurrent,"
        " and what is being done to bring it back within budget?"
    ),
    "stated_overspend": (
        "The documents state {subject_lc} and what drives it: how much of it is"
        " recurrent, and what is being done to bring it down?"
    ),
}
# The drivers an overspend's question names, by the line's theme (the first that fits, its kinds
# read as their parent: analyse.themes.PARENT_THEME): placement mix means nothing for transport.
DRIVERS = [
    ("home_to_school_transport", "pupil numbers or route costs"),
    ("workforce", "agency use, vacancies or pay"),
    ("placements", "numbers of children, unit costs or placement mix"),
    ("send_high_needs", "numbers of plans, the kind of placement or unit costs"),
]
GENERIC_DRIVERS = "activity, unit costs or income"
# What each flag's amount is, printed beside it as the stake the question is ranked by; a
# saving's flags put its `Assessment.money_at_stake` at stake (analyse.flags).
STAKES = {
    "service_overspend": "the overspend",
    "stated_overspend": "the overspend stated",
    "stated_savings_at_risk": "the savings stated at risk",
    "total_mismatch": "the figure in question",
    "cross_document_mismatch": "the figure in question",
    UNALLOCATED_CODE: "council-wide savings not yet allocated",
    "one_off_measure": "the one-off sum to replace (not a saving at risk)",
    "placement_line_unexplained": "the part of the line its count and price do not explain",
}
# What a question asks against where its flag does not say (a flag made before `Flag.asks`).
ASKS_UNSAID = {
    "demand_reduction_against_rising_demand": "the demand indicators it depends on stand against it",
    "demand_reduction_on_weak_evidence": "the demand indicators it depends on stand against it",
    "overspend_exceeds_saving": "its service line overspends by more than the saving",
}
SAVING_STAKE = "the saving at risk"
OVERSPEND_STAKE = "the overspend"
GAP_STAKE = "the gap"
GAPS_STAKE = "the largest year's gap"
CUMULATIVE_STAKE = "the cumulative gap by"
TRANSFER_STAKE = "the budget moving out of the children's directorate, its sum stated only approximately"
HELD_STAKE = "the council's budget held centrally, not yet allocated to a directorate"
DSG_STAKE = (
    "the DSG deficit the council carries, a balance built over several years and held apart while the"
    " statutory override lasts"
)
PLAN_STAKE = "the sum the documents say the DSG plan is behind its target by"
# Money left in the Safety Valve reserves is set aside, not at risk: the deficit it leaves uncovered is.
SAFETY_VALVE_STAKE = (
    "the DSG deficit left uncovered at the end of {year} if it already counts the Safety Valve money held"
    " (worked out)"
)
# The plan's pressure for more children looked after, where the documents tie it to their rise
# (analyse.demand.growth_pressure): the demand question's stake.
GROWTH_STAKE = "the plan's pressure for more children looked after{period}"
# Themes that point a question at commissioning rather than the service (placements with its
# kinds: analyse.themes.PARENT_THEME).
COMMISSIONING_THEMES = frozenset({"commissioning", "placements"})


def lines_of_enquiry(
    flags: list[Flag],
    reconciliations: list[Reconciliation],
    position: Position,
    missing: list[MissingDocument],
    from_benchmarks: list[LineOfEnquiry] | None = None,
    risks: list[Risk] | None = None,
    dsg: DsgPosition | None = None,
    statements: list[Statement] | None = None,
    carried: list[CarriedVariance] | None = None,
    savings: list[SavingJudgement] | None = None,
    rising: RisingCount | None = None,
    differing: list[TargetStatedDifferently] | None = None,
    rows: Sequence[BudgetLine] = (),
    shares: Sequence[PlanShare] = (),
) -> list[LineOfEnquiry]:
    """At most MAX_LINES questions, the most money at stake first: from the significant flags, the
    position (its overspend, its medium-term gap, a budget moving out of the children's directorate
    at a sum stated only approximately), the DSG deficit against the general reserve, the register's
    children's risks, the children's variances stated as a percentage, the benchmarks (questions
    analyse.benchmark_flags writes) and the bundle's gaps. Questions that state no money follow: the
    variances the documents state, then in that order. `rows` are the budget rows read, whose
    totals say which overspend is part of which (`one_per_ask`); `shares` the children's part of
    the plan by year (analyse.plan_share), which the gap's question names where the plan states it."""
    significant = sorted(
        (f for f in flags if _askable(f, position)),
        key=lambda f: (SEVERITY_ORDER[f.severity], _priority(f.code), -abs(f.amount_gbp or 0.0)),
    )
    groups = _capped(_one_per_subject(significant))
    leading = [group[0] for group in groups]
    asked, unplaced = with_risks(
        [_from_flag(group) for group in groups], risks or [], lambda r: questions_about(r, leading), leading
    )
    later = [f for f in flags if after_actions(f)]
    position_lines = _from_position(position, missing, later, shares) + (dsg_lines(dsg) if dsg else [])
    demand, unplaced = _demand_lines(rising, risks or [], unplaced)
    # a variance the documents state comes before the pack's own readings of a saving where neither
    # states money (the rest are ranked by their money)
    candidates = variance_lines(statements or [], carried or [], savings)
    candidates += asked + position_lines + transfer_lines(position.transfers)
    scope = position.children_scope
    whole = scope.words if scope is not None and not scope.of_which else None
    candidates += held_lines(position.held_centrally, position.children_services_name, whole)
    candidates += safety_valve_lines(dsg) + span_lines(dsg) if dsg else []
    plan = plan_lines(dsg) if dsg else []
    on_plan, unplaced = with_risks(plan, unplaced, lambda r: citing_row(r, plan), [None] * len(plan))
    candidates += on_plan + demand + risk_lines(unplaced)
    # the council's own stated comparisons on SEND, its largest risk's driver, before the computed ones
    candidates += (share_lines(dsg) if dsg else []) + (from_benchmarks or [])
    # every question goes to the posts its scope is also asked of, those always asked included
    leads = scope_leads(risks or [])
    apart = education_lead(position.children_scope)
    scoped = {id(q): with_education_lead(with_scope_leads(q, leads), apart) for q in candidates}
    candidates = list(scoped.values())
    # the demand question, where the documents ground it, is asked whatever its stake ranks; else the
    # first demand saving's asking about asylum-seeking children far above the neighbours' share
    asylum = [q for q, g in zip(asked, groups, strict=True) if g[0].asks_asylum][: 0 if demand else 1]
    always = [scoped.get(id(q), q) for q in position_lines + demand + asylum]
    candidates, always = one_per_ask(candidates, always, rows)
    candidates, always = stated_otherwise_asked(candidates, always, reconciliations)
    own = [with_scope_leads(q, leads) for q in target_lines(differing or [])]
    return with_targets_asked(ranked(candidates), always, missing, differing or [], own)


def stated_otherwise_asked(
    lines: list[LineOfEnquiry], kept: list[LineOfEnquiry], recs: list[Reconciliation]
) -> tuple[list[LineOfEnquiry], list[LineOfEnquiry]]:
    """Each figure stated two ways (a "cross_document_mismatch" whose first place is a table's row)
    asked in the question on that row's overspend, where one is asked: that question leads with the
    table's figure and asks which is right, citing the other statement, and the disagreement asks
    no question of its own. `kept` (the questions always asked) holds the question so changed."""
    out = list(lines)
    changed: dict[int, LineOfEnquiry] = {}
    for rec in recs:
        if rec.code != "cross_document_mismatch" or rec.stated_gbp is None or len(rec.provenance) < 2:
            continue
        row, others = rec.provenance[0], rec.provenance[1:]
        on = next((i for i, q in enumerate(out) if _on_row(q, row, rec.stated_gbp)), None)
        if on is None:
            continue
        q = out[on]
        said = "; ".join(f"{_place_words(p)}" for p in others)
        ask = (
            f" The documents also state it as {millions(rec.computed_gbp or 0.0)} ({said}), against"
            f" {millions(rec.stated_gbp)} in the table: which is right, and why do they differ?"
        )
        changed[id(q)] = out[on] = q.model_copy(
            update={
                "question": q.question + ask,
                "because": f"{q.because} {rec.message}",
                "provenance": list(dict.fromkeys([*q.provenance, *others])),
            }
        )
        # the disagreement's own question ("Which version of ... is current") is this one
        out = [x for x in out if not (x.provenance == rec.provenance and x is not out[on])]
    return out, [changed.get(id(q), q) for q in kept]


def _on_row(line: LineOfEnquiry, row: Provenance, variance: float) -> bool:
    """A question on the overspend a table's row states: it cites the row, for that sum."""
    return (
        line.stake == OVERSPEND_STAKE
        and row in line.provenance
        and line.amount_gbp is not None
        and math.isclose(line.amount_gbp, variance)
    )


def _place_words(where: Provenance) -> str:
    if where.page:
        return f"{where.file}, page {where.page}"
    return f"{where.file}, {where.locator}" if where.locator else where.file


def with_documents_asked(
    lines: list[LineOfEnquiry],
    always: list[LineOfEnquiry],
    missing: list[MissingDocument],
    then: Sequence[LineOfEnquiry] = (),
) -> list[LineOfEnquiry]:
    """The twelve (`twelve`, `then` after the ranked questions and among the twelve), each missing
    document asked for in the first question on its subject (`asking_for_missing`); where a document
    is then asked in none, the last place goes to a question asking for every such document, so no
    document the pack lists as needed goes unasked."""
    most = MAX_LINES - len(then)
    asked = asking_for_missing(twelve(lines, always, most) + [*then], missing)
    if not unasked(asked, missing):
        return asked
    asked = asking_for_missing(twelve(lines, always, most - 1) + [*then], missing)
    return asked + _from_missing(unasked(asked, missing))


def with_targets_asked(
    lines: list[LineOfEnquiry],
    always: list[LineOfEnquiry],
    missing: list[MissingDocument],
    differing: list[TargetStatedDifferently],
    own: list[LineOfEnquiry],
) -> list[LineOfEnquiry]:
    """The twelve, the missing documents asked for (`with_documents_asked`), and each target the
    documents set differently (analyse.targets: two targets, or the reductions the savings count on
    against the target for the same count) asked in the first of them on its subject (`_on_target`),
    naming both statements and citing each. A target on the subject of no question kept (none ranked,
    or those on it ranked out of the twelve) is asked in a question of its own (`own`: `target_lines`
    of each), kept after the ranked questions as the documents' list is: a target set differently is
    never left unasked."""
    asking: list[LineOfEnquiry] = []
    while True:
        kept = with_documents_asked(lines, always, missing, asking)
        on_none = {_differently(t) for t in differing if not any(_on_target(t, q) for q in kept)}
        needed = [q for q in own if q.question in on_none or q in asking]
        if len(needed) == len(asking):
            break
        asking = needed
    out = list(kept)
    for target in differing:
        on = next((i for i, q in enumerate(out) if _on_target(target, q)), None)
        if on is None or any(_differently(target) in q.question for q in out):
            continue
        q = out[on]
        provenance = list(dict.fromkeys([*q.provenance, *_target_provenance(target)]))
        out[on] = q.model_copy(
            update={"question": f"{q.question} {_differently(target)}", "provenance": provenance}
        )
    return out


def target_lines(differing: list[TargetStatedDifferently]) -> list[LineOfEnquiry]:
    """A question of its own for each target set differently, to ask it where no question kept is on
    its subject (`with_targets_asked`)."""
    return [
        LineOfEnquiry(
            question=_differently(t),
            because="The documents set " + f"{t.subject} differently; no other question is on it.",
            addressed_to="DCS",
            provenance=_target_provenance(t),
            scope=Scope.CHILDRENS_SOCIAL_CARE,
        )
        for t in differing
    ]


def _on_target(target: TargetStatedDifferently, line: LineOfEnquiry) -> bool:
    """A question is on a target's subject where the subjects it quotes take in every theme the
    target's subject names ("the number of children in residential care": residential, placements)."""
    named = set(with_parents(themes_of(target.subject)))
    return bool(named) and named <= _subject_themes(line)


def _differently(target: TargetStatedDifferently) -> str:
    """Both statements of a target set differently, each with the documents setting it, and the ask."""
    said = [
        f"{s.words} in {' and '.join(dict.fromkeys(p.file for p in s.provenance))}" for s in target.stated
    ]
    return (
        f"The documents set {target.subject} differently: {', against '.join(said)}. Which holds, and which"
        " does the budget rest on?"
    )


def _target_provenance(target: TargetStatedDifferently) -> list[Provenance]:
    return list(dict.fromkeys(p for s in target.stated for p in s.provenance))


def unasked(lines: list[LineOfEnquiry], missing: list[MissingDocument]) -> list[MissingDocument]:
    """The missing documents no question names (as listed, or as the passage citing it writes it)."""
    return [d for d in missing if not any(_asks_for(q, d) for q in lines)]


def _asks_for(line: LineOfEnquiry, doc: MissingDocument) -> bool:
    return doc.name in line.question or _as_cited(doc) in line.question


def _demand_lines(
    rising: RisingCount | None, risks: list[Risk], unplaced: list[Risk]
) -> tuple[list[LineOfEnquiry], list[Risk]]:
    """The demand question (`demand_line`), where the documents ground it, and the risks still to
    ask their own: a register's risk on the asylum-seeking children's grant that no other question
    holds is asked in it, as its stake."""
    if rising is None:
        return [], unplaced
    grant = uasc_grant_risks(list(filter(is_childrens_risk, risks)))
    own = [r for r in grant if r in unplaced]  # no other question holds its evidence
    return [demand_line(rising, grant, own)], [r for r in unplaced if r not in own]


# What a question asks of its sum, in the words that say it: two questions on the same sum that
# both ask it ask the same thing (Wyvern's overspend question and the later forecast's both ask how
# much of the £12.4m is recurrent).
SAME_ASK = re.compile(r"\brecurrent\b|\brecovery plan\b|\bmitigates?\b", re.I)


def one_per_ask(
    lines: list[LineOfEnquiry], kept: list[LineOfEnquiry], rows: Sequence[BudgetLine] = ()
) -> tuple[list[LineOfEnquiry], list[LineOfEnquiry]]:
    """Questions asking the same thing (`SAME_ASK`) of the same sum (`_same_ask`) as one: the
    first's question, then what the later one asks besides, both leads and both evidences; so are
    two on one sum's money (`_same_money`) and two on the overspend of one row its report prints
    twice (`_same_row`: a directorate on the summary page and again on its own page, of the budget
    `rows` read). A question on a row's overspend that is part of another question's (a line in a
    division, a division in a directorate, a DSG block in the DSG's total: `_within`) says so, so
    that the two are not read as two sums. `kept` (the questions always asked) holds the one
    question in place of either."""
    out: list[LineOfEnquiry] = []
    merged: dict[int, LineOfEnquiry] = {}
    index = rows_cited(rows)
    for line in lines:
        same = next((i for i, q in enumerate(out) if _same_ask(q, line)), None)
        if same is not None:
            merged[id(line)] = merged[id(out[same])] = out[same] = _joined(out[same], line)
            continue
        same = next((i for i, q in enumerate(out) if _same_money(q, line)), None)
        if same is not None:
            merged[id(line)] = merged[id(out[same])] = out[same] = _once(out[same], line)
            continue
        same = next((i for i, q in enumerate(out) if _same_row(q, line, index)), None)
        if same is None:
            out.append(line)
            continue
        kept_first = not in_doubt(index[out[same].provenance[0]]) or in_doubt(index[line.provenance[0]])
        one, other = (out[same], line) if kept_first else (line, out[same])
        merged[id(line)] = merged[id(out[same])] = out[same] = _once(one, other)
    within = [_within(q, out, index) for q in out]
    merged.update({id(q): w for q, w in zip(out, within, strict=True) if w is not q})
    always = [_latest(merged, q) for q in kept]
    return [q for q in within if any(q is k for k in always) or not _netted_by_part(q, within, index)], always


def _netted_by_part(
    whole: LineOfEnquiry, lines: list[LineOfEnquiry], index: dict[Provenance, BudgetLine]
) -> bool:
    """A question on a total's overspend that a part of it asked already holds whole: the part's
    overspend is as large or larger (the total is net of its other lines' underspends), and the
    part's question says it is more than the total's (`_within`). The total's is no money of its own
    to ask about (Hallam's DSG net £6.4m beside its High Needs Block's £6.75m)."""
    row = _row_of(whole, index)
    if row is None or whole.amount_gbp is None:
        return False
    return any(
        q is not whole
        and q.amount_gbp is not None
        and abs(q.amount_gbp) >= abs(whole.amount_gbp)
        and (part := _row_of(q, index)) is not None
        and row_key(row) in {row_key(t) for t in totals_holding(part, index)}
        for q in lines
    )


def _latest(merged: dict[int, LineOfEnquiry], line: LineOfEnquiry) -> LineOfEnquiry:
    """The question `line` became, through each merge in turn."""
    seen = {id(line)}
    while id(line) in merged and merged[id(line)] is not line:
        line = merged[id(line)]
        if id(line) in seen:
            break
        seen.add(id(line))
    return line


def rows_cited(rows: Sequence[BudgetLine]) -> dict[Provenance, BudgetLine]:
    """The budget rows by the place each is read from (a question on a row's overspend cites it
    first)."""
    return {r.provenance[0]: r for r in rows if r.provenance}


def _row_of(line: LineOfEnquiry, index: dict[Provenance, BudgetLine]) -> BudgetLine | None:
    """The row whose overspend a question asks: the first place it cites, where that is a row."""
    if line.stake != OVERSPEND_STAKE or not line.provenance:
        return None
    return index.get(line.provenance[0])


def row_key(row: BudgetLine) -> tuple[str, str]:
    """A row as its report names it: one directorate printed on two pages is one row."""
    return row.provenance[0].file, bare_name(row.name).casefold()


def _same_row(first: LineOfEnquiry, other: LineOfEnquiry, index: dict[Provenance, BudgetLine]) -> bool:
    """Two questions on the overspend of one row its report prints twice (its name, less any
    "total", and its budget the same): one directorate's overspend, asked once."""
    one, two = _row_of(first, index), _row_of(other, index)
    return (
        one is not None
        and two is not None
        and one is not two
        and row_key(one) == row_key(two)
        and one.budget_gbp == two.budget_gbp
    )


def _lines_of(row: BudgetLine) -> set[Provenance]:
    """The lines a total's own check sums (held or not: a misprinted total still holds them)."""
    return {p for c in row.checks if c.identity == TOTAL_IDENTITY for p in c.provenance}


def totals_holding(row: BudgetLine, index: dict[Provenance, BudgetLine]) -> list[BudgetLine]:
    """The totals a row's overspend is part of: a total whose lines include it, or (for a total)
    every one of its own lines; the total its own check names it a line of."""
    own = _lines_of(row)
    named = [
        index[c.provenance[0]]
        for c in row.checks
        if c.identity == MEMBER_IDENTITY and c.provenance and c.provenance[0] in index
    ]
    summing = [
        t
        for t in index.values()
        if t is not row and (lines := _lines_of(t)) and (row.provenance[0] in lines or (own and own < lines))
    ]
    return list({id(t): t for t in named + summing}.values())


def _within(
    line: LineOfEnquiry, lines: list[LineOfEnquiry], index: dict[Provenance, BudgetLine]
) -> LineOfEnquiry:
    """A question on a row's overspend that another question's row holds (a total its row sums
    into: `totals_holding`), the nearest such (the smallest budget), saying its
    sum is part of that one's, in the words that are true whatever their sizes
    (analyse.wording.beside_whole: a block larger than the DSG's net total is more than it)."""
    row = _row_of(line, index)
    if row is None or line.amount_gbp is None:
        return line
    totals = {row_key(t): t for t in totals_holding(row, index)}
    asked = [
        (total, q)
        for q in lines
        if q is not line
        and q.amount_gbp is not None
        and (whole := _row_of(q, index)) is not None
        and (total := totals.get(row_key(whole))) is not None
    ]
    if not asked:
        return line
    total, whole_q = min(asked, key=lambda tq: abs(tq[0].budget_gbp or 0.0))
    part, of = abs(line.amount_gbp), abs(whole_q.amount_gbp or 0.0)
    said = beside_whole(part, of, f"the {bare_name(total.name)}", "overspend", "its other lines underspend")
    return line.model_copy(
        update={"question": f"{line.question} Its {gbp(part)} is {said}, not money on top of it."}
    )


def _sums_stated(where: Provenance) -> list[tuple[str, float]]:
    """The sums a sentence of prose states (a table's row states none here: its figures are a line's
    own), each with the places it is printed to."""
    if "table" in where.locator.lower():
        return []
    return [
        (m.group(), v) for m in STATED_SUM.finditer(where.text) if (v := parse_money(m.group())) is not None
    ]


def _states(where: Provenance, amount: float) -> bool:
    """Whether the sentence states `amount` to the precision it prints its sums (£1.770m: £500)."""
    return any(abs(v - amount) <= half_unit(said, v) for said, v in _sums_stated(where))


# One sum is the other's money seen from a line above or below it where it is at least this share
# of it (a subtotal's overspend that is nearly all one line's).
MOST = 0.5


def _same_money(first: LineOfEnquiry, other: LineOfEnquiry) -> bool:
    """Two questions asking the same thing (`SAME_ASK`) of two sums that are one sum's money: both
    cite one sentence of the documents that states one of them and not the other (a division's
    subtotal overspend of £1.795m and its transport line's £1.770m, both explained by "Home to
    School Transport (SEND) is forecasting an overspend of £1.770m"): the other is that money seen
    from a line above or below it, not a second overspend to ask about, where the one is most of
    the other (`MOST`)."""
    if first.amount_gbp is None or other.amount_gbp is None or first.stake != other.stake:
        return False
    asks = {m.lower() for m in SAME_ASK.findall(first.question)}
    if not asks & {m.lower() for m in SAME_ASK.findall(other.question)}:
        return False
    small, large = sorted((abs(first.amount_gbp), abs(other.amount_gbp)))
    if small < MOST * large:
        return False  # a sum that is not most of the other is money of its own the sentence borrows
    shared = [p for p in first.provenance if p in other.provenance]
    return any(
        _states(p, first.amount_gbp) != _states(p, other.amount_gbp) for p in shared if _sums_stated(p)
    )


def _once(first: LineOfEnquiry, other: LineOfEnquiry) -> LineOfEnquiry:
    """One question for two asking the same of one sum's money (`_same_money`): the one whose sum the
    shared sentence states is asked, citing the other's evidence too; the other is dropped."""
    shared = [p for p in first.provenance if p in other.provenance]
    keep, drop = (
        (other, first) if any(_states(p, other.amount_gbp or 0.0) for p in shared) else (first, other)
    )
    leads = "; ".join(dict.fromkeys([*keep.addressed_to.split("; "), *drop.addressed_to.split("; ")]))
    return keep.model_copy(
        update={
            "addressed_to": leads,
            "provenance": list(dict.fromkeys([*keep.provenance, *drop.provenance])),
        }
    )


def _same_ask(first: LineOfEnquiry, other: LineOfEnquiry) -> bool:
    """The same sum (one amount, one stake, a record both cite for it) asked the same thing."""
    if first.amount_gbp is None or first.amount_gbp != other.amount_gbp or first.stake != other.stake:
        return False
    if not any(p in other.provenance for p in first.provenance):
        return False  # two risks the register puts at £10m each are two sums
    asks = {m.lower() for m in SAME_ASK.findall(first.question)}
    return bool(asks & {m.lower() for m in SAME_ASK.findall(other.question)})


def _joined(first: LineOfEnquiry, other: LineOfEnquiry) -> LineOfEnquiry:
    """One question for two asking the same of one sum: the later one's clauses that ask something
    else put after the first's clause asking it ("how much of it is recurrent, is that part in the
    medium-term plan's later years' gaps, and what is the recovery plan?")."""
    clauses = [c.strip(" ?") for c in re.split(r",\s+and\s+|\?\s*", other.question) if c.strip(" ?")]
    besides = [c for c in clauses if not SAME_ASK.search(c)]
    asked = SAME_ASK.search(first.question)
    assert asked is not None  # `_same_ask` found it
    end = min(
        (
            i
            for i in (first.question.find(", and ", asked.end()), first.question.find("?", asked.end()))
            if i >= 0
        ),
        default=len(first.question),
    )
    more = "".join(f", {c[:1].lower()}{c[1:]}" for c in besides)
    leads = "; ".join(dict.fromkeys([*first.addressed_to.split("; "), *other.addressed_to.split("; ")]))
    return first.model_copy(
        update={
            "question": f"{first.question[:end]}{more}{first.question[end:]}",
            "because": f"{first.because} {other.because}",
            "addressed_to": leads,
            "provenance": list(dict.fromkeys([*first.provenance, *other.provenance])),
        }
    )


def demand_line(rising: RisingCount, grant: list[Risk], own: list[Risk]) -> LineOfEnquiry:
    """The demand question where the documents say the number of children looked after has risen
    above the council's own target: more starting care or fewer leaving it, and how many are
    asylum-seeking; a register's risk that the Home Office grant for those falls short joins it, its
    exposure the stake (a register's estimate) where no other question holds it (`own`), its evidence
    given here and not asked again."""
    count, target = f"{rising.count:,.0f}", f"{rising.target:,.0f}"
    by = f" by {rising.by}" if rising.by else ""
    growth = rising.pressure
    # the pressure's row is quoted in the evidence: the question names no subject of its own by it
    # what the plan adds it for, in its row's own words from the growth they name ("increase in numbers
    # and complexity of need", not only more children); the row's whole title is quoted in the evidence
    grown = GROWTH_IN_NUMBERS.search(growth.title) if growth else None
    what = f"'{growth.title[grown.start() :]}'" if growth and grown else "more of them"
    costs = f", and the plan adds {gbp(growth.amount_gbp)}{_in(growth.period)} for {what}" if growth else ""
    question = (
        f"The number of children looked after {'has risen to' if rising.risen else 'stands at'} {count}"
        f" against the council's {rising.against} of"
        f" {target}{by}{costs}: are more children starting care, or fewer leaving it, and "
        + (
            # the count leaves them out: how many there are besides it, not how many of it
            "how many unaccompanied asylum-seeking children are looked after besides them?"
            if rising.without_uasc
            else f"how many of the {count} are unaccompanied asylum-seeking children?"
        )
    )
    # one sentence may state both the count and the target (one quote)
    said = list(
        dict.fromkeys(
            [rising.said, *rising.target_provenance[:1], *(growth.provenance[:1] if growth else [])]
        )
    )
    because = " ".join(f"'{p.text}' ({p.file}{f', page {p.page}' if p.page else ''})." for p in said)
    because += "".join(f" {rated(r)}." for r in grant)
    staked = next((r for r in own if r.exposure_gbp is not None), None)
    line = LineOfEnquiry(
        question=f"{question} {grant_words(grant)}" if grant else question,
        because=because,
        addressed_to=with_lead("DCS", addressee(grant[0].owner)) if grant and grant[0].owner else "DCS",
        provenance=list(
            dict.fromkeys([*said, *rising.target_provenance, *(p for r in grant for p in r.provenance)])
        ),
        scope=Scope.CHILDRENS_SOCIAL_CARE,
        amount_gbp=staked.exposure_gbp if staked else None,
        stake=_stake(staked) if staked else "",
        stake_period=exposure_period(staked) if staked else "year",
        estimated=staked is not None,
    )
    if growth is None:
        return line
    # the money the documents tie to the rise is its stake, stated; the grant risk's is said beside
    return line.model_copy(
        update={
            "amount_gbp": growth.amount_gbp,
            "stake": GROWTH_STAKE.format(period=_in(growth.period))
            + (f"; {_beside(staked)}" if staked else ""),
            "stake_period": "year",
            "estimated": False,
        }
    )


def _in(period: str | None) -> str:
    return f" in {period}" if period else ""


def twelve(
    lines: list[LineOfEnquiry], always: list[LineOfEnquiry], most: int = MAX_LINES
) -> list[LineOfEnquiry]:
    """The first `most` (MAX_LINES) in ranked order, with the position's questions (the children's
    overspend, the council's medium-term gap, the DSG deficit against the reserve) always among
    them, each in its ranked place: a council-wide gap ranks after the children's own money, but a
    review never goes without asking it."""
    kept = {id(q) for q in always}
    room = most - sum(1 for q in lines if id(q) in kept)
    out = []
    for q in lines:
        if id(q) in kept or room > 0:
            room -= id(q) not in kept
            out.append(q)
    return out[:most]


# The order `ranked` puts questions in, in the words the pack prints above them: decided here,
# with the ranking, so the note and the order cannot drift.
def ranking_rule(scope: ChildrensScope | None) -> str:
    """`RANKING_RULE`, its first words naming the children's scope where it spans directorates or
    divisions (Position.children_scope): two directorates are never "the children's directorate"."""
    if scope is None or scope.of_which:  # divisions inside one directorate: it is the children's
        return RANKING_RULE
    whole = f"{scope.label[:1].lower()}{scope.label[1:]}"
    return RANKING_RULE.replace("The children's directorate's questions", f"Questions on {whole}", 1)


RANKING_RULE = (
    "The children's directorate's questions come first: money that is the council's whole (its"
    " medium-term gap, its savings not yet allocated, its budget held centrally, an overspend of the"
    " whole council), whose children's part the documents do not state, follows every question on the"
    " children's own money."
    " Within each, money the documents state comes first (a shortfall, an overspend, the DSG deficit, a"
    " budget moving out of the directorate: the amount shown as at stake, which it is ranked by); a"
    " risk register's estimate of what a risk may cost, asked as its own question, or a sum worked out on"
    " a condition the documents do not settle (what the Safety Valve money would leave uncovered),"
    " follows it. Within"
    " those, a year's money comes first, the most first, and with it a balance the council carries,"
    " built over several years (the DSG deficit, held apart while the statutory override lasts); money over a risk's"
    " lifetime, several years or a period not stated follows, the most first, being no year's money to"
    " set against a year's, however large; within each, a risk the register shares with another"
    " directorate follows the children's own, the children's part of it not being stated. A sum the"
    " documents state only approximately, asked to be confirmed, is no money at risk and follows the"
    " rest of its kind. Questions that state no money come last, a variance the documents state first."
    " The position's questions (the children's overspend, the council's medium-term gap, the DSG"
    " deficit), where the documents give each, are always among those asked, in their ranked place, and so"
    " is the demand question where the documents say the number"
    " of children looked after has risen above the council's own target or plan (else, where asylum-seeking"
    " children are a share of those looked after far above the neighbours', the first question on a"
    " demand saving that asks about them)."
)


# A year's money first (with a balance that falls due at one date), then money over a longer or
# unstated period, then a sum only to confirm.
PERIOD_RANK = {"year": 0, "balance": 0, "lifetime": 1, "several years": 1, "not stated": 1, "to confirm": 2}


def ranked(lines: list[LineOfEnquiry]) -> list[LineOfEnquiry]:
    """The children's directorate's questions before the council's whole (`councils_whole`); within
    each, money the documents state before a register's estimate of what a risk may cost; within
    each, a year's money (or a balance falling due) before money over a longer or unstated period,
    and within a period a risk the register shares with another directorate after the children's
    own, the most first; those that state no money after, in the order given (`RANKING_RULE` says
    it in words)."""
    order = sorted(
        range(len(lines)),
        key=lambda i: (
            lines[i].amount_gbp is None,
            councils_whole(lines[i]),
            lines[i].estimated,
            PERIOD_RANK[lines[i].stake_period],
            bool(lines[i].shared_with),
            -abs(lines[i].amount_gbp or 0.0),
            i,
        ),
    )
    return [lines[i] for i in order]


def councils_whole(line: LineOfEnquiry) -> bool:
    """A question whose stake is the council's whole money (its gap, its savings not yet allocated,
    its overspend), whose children's part the documents do not state: a children's review asks it
    after the children's own."""
    return line.scope == Scope.COUNCIL_WIDE


def _askable(flag: Flag, position: Position) -> bool:
    """A flag a question can be built on: significant, with a question for its code, about the
    children's directorate or the whole plan, named by a line's name rather than a scrap of
    commentary, and not the position's overspends (the children's question asks those)."""
    return (
        flag.severity != "low"
        and flag.code in QUESTIONS
        and may_be_flagged(flag.scope)
        and not is_fragment(flag.subject)
        and not _asked_by_position(flag, position)
    )


def _asked_by_position(flag: Flag, position: Position) -> bool:
    """The children's headline overspend (its directorate row, "Total ..." or not), or an
    overspend stated in prose that is the children's or the council's: where the children's
    position is asked, it asks them, the council's as its context."""
    if _children_overspend(position) is None:
        return False
    name = position.children_services_name
    if flag.code == "service_overspend":
        return name is not None and bare_name(flag.subject) == bare_name(name)
    if after_actions(flag):
        return True  # said in the position's question (`_from_position`), not a second overspend
    stated = (position.children_services.variance_gbp, position.variance_gbp)
    return flag.code == "stated_overspend" and any(
        v is not None and flag.amount_gbp is not None and math.isclose(v, flag.amount_gbp) for v in stated
    )


def after_actions(flag: Flag) -> bool:
    """A children's overspend stated after the council's management actions or use of reserves
    (extract.stage): what the children's overspend is said to come down to, not an overspend of its
    own; where the children's position is asked, its question says it, never asks it as a second
    children's overspend beside the first."""
    return (
        flag.code == "stated_overspend"
        and is_childrens(flag.scope)
        and not comparable_stages(flag.stage, None)
    )


def _overspend_named(position: Position) -> str:
    """What a question calls the overspend its figure is: the row's own name where the row is one
    part of the children's scope ("the overspend in Children and Families"), children's services'
    only where the row is the whole of it."""
    if position.childrens_row_is_part:
        return f"the overspend in {position.childrens_row_words}"
    return "the children's services overspend"


def _children_overspend(position: Position) -> float | None:
    children = position.children_services
    if children.variance_gbp and children.variance_gbp > 0 and children.provenance:
        return children.variance_gbp
    return None


def is_childrens_risk(risk: Risk) -> bool:
    """A risk of the children's directorate (as analyse.scope places it), with a usable name."""
    return is_childrens(risk_scope(risk)) and not is_fragment(risk.title)


def is_rated_high(risk: Risk) -> bool:
    """A risk the register rates red or high, by words or score (or likely, where it rates likelihood
    alone)."""
    likely = risk.score is None and risk.likelihood is not None and risk.likelihood >= LIKELY
    return risk.rag == Rag.RED or (risk.score is not None and risk.score >= HIGH_RISK_SCORE) or likely


def asks_its_own(risk: Risk) -> bool:
    """A children's risk no question is about asks its own where it states money (the ranking keeps
    it where that money ranks within the twelve) or the register rates it high."""
    return risk.exposure_gbp is not None or is_rated_high(risk)


def register_risks(risks: list[Risk], lines: list[LineOfEnquiry]) -> list[RegisterRisk]:
    """Every children's risk the register holds, whatever its rating, in the register's order, with
    whom it is shared, the period its exposure covers and the line of enquiry that asks it or cites
    it (by its source row). A risk the register shares with the children's directorate is listed,
    as shared, even where its words make it the other directorate's to answer (`is_listed`)."""
    return [_listed(risk, lines, Scope.CHILDRENS_SOCIAL_CARE) for risk in filter(is_listed, risks)]


def _listed(risk: Risk, lines: list[LineOfEnquiry], unplaced: Scope) -> RegisterRisk:
    return RegisterRisk(
        risk=risk,
        scope=risk_scope(risk) or unplaced,
        shared_with=risk_shared_with(risk),
        exposure_period=exposure_period(risk),
        rating=rating_words(risk),
        # a risk that asks its own ranks before a question without money that cites it
        enquiry=next((n for n, q in enumerate(lines, 1) if risk.provenance[0] in q.provenance), None),
    )


# A register's risk that savings will not be delivered, by its title's words: "Non delivery of
# Savings", "Failure to deliver savings", "Savings not achieved", "Savings delivery".
SAVINGS_DELIVERY = re.compile(
    r"\b(?:non|under|failure\s+to|fail\s+to|inability\s+to)[\s-]+deliver\w*\b(?:\s+\w+){0,3}?\s+savings?\b"
    r"|\bsavings?\b(?:\s+\w+){0,4}?\s+(?:not|un)[\s-]*(?:be\s+)?(?:delivered|achieved|achievable|deliverable)\b"
    r"|\bsavings?\s+(?:delivery|slippage|shortfall)|\bdelivery\s+of\s+(?:the\s+|planned\s+)?savings\b",
    re.I,
)


def savings_risks(risks: list[Risk], lines: list[LineOfEnquiry]) -> list[RegisterRisk]:
    """The register's risks that savings will not be delivered (`SAVINGS_DELIVERY`, by title), the
    council-wide ones (analyse.scope.risk_scope: "ALL") and the children's, in the register's order:
    said beside the savings, whose delivery they bear on, another directorate's left out."""
    return [
        _listed(risk, lines, Scope.COUNCIL_WIDE)
        for risk in risks
        if SAVINGS_DELIVERY.search(risk.title)
        and ((scope := risk_scope(risk)) in (None, Scope.COUNCIL_WIDE) or is_childrens(scope))
    ]


def is_listed(risk: Risk) -> bool:
    """A risk the pack lists among the children's: the children's directorate's (`is_childrens_risk`)
    or one its directorate column shares with the children's (analyse.scope.risk_shared_with), whose
    question may be the other directorate's (the adult care market's) but whose money is partly
    the children's."""
    return is_childrens_risk(risk) or (bool(risk_shared_with(risk)) and not is_fragment(risk.title))


def with_risks(
    lines: list[LineOfEnquiry],
    risks: list[Risk],
    about: Callable[[Risk], list[int]],
    flags: Sequence[Flag | None],
) -> tuple[list[LineOfEnquiry], list[Risk]]:
    """Each children's risk added to the evidence of the question it bears on (`about`: the questions
    on its subject, `questions_about`, or those citing its row, `citing_row`; the most money at stake
    where several are), and the risks that ask their own: those no question is about, and those
    stating money whose question states none (a doubted saving's), which that question only names: a
    risk's evidence is given once, in the question that asks it. The question's stake stays its own
    money; a risk's exposure is said beside it (a shared risk's, not the children's alone, only in the
    evidence), never instead. `flags` holds the flag each question was asked from (None where none):
    a saving's own lead stands over a risk's owner, and an asylum question asks what the grant leaves."""
    out = list(lines)
    unplaced = []
    for risk in filter(is_childrens_risk, risks):
        related = about(risk)
        if not related:
            unplaced += [risk] if asks_its_own(risk) else []
            continue
        i = max(related, key=lambda i: abs(out[i].amount_gbp or 0.0))
        flag = flags[i]
        # A saving's judgement may already cite the risk (analyse.flags.subject_check): said once.
        cited = risk.provenance[0] in out[i].provenance
        if risk.exposure_gbp is not None and out[i].amount_gbp is None:
            # It asks its own question, which holds its evidence: here it is only named, if not yet.
            unplaced.append(risk)
            if not cited:
                out[i] = out[i].model_copy(update={"because": f"{out[i].because} {_mention(risk)}"})
            continue
        update: dict[str, object] = (
            {}
            if cited
            else {
                "because": f"{out[i].because} {rated(risk)}.",
                "provenance": out[i].provenance + risk.provenance,
            }
        )
        if risk.exposure_gbp is not None and not risk_shared_with(risk):
            update["stake"] = f"{out[i].stake}; {_beside(risk)}"
        if risk.owner and not (flag and flag.owner):  # a saving's own lead stands over a risk's owner
            update["addressed_to"] = with_lead(out[i].addressed_to, addressee(risk.owner))
        if flag and uasc_grant_risks([risk]) and ("uasc" in flag.themes or flag.asks_asylum):
            # a question on asylum-seeking children the register's grant risk joins asks what the grant
            # leaves unmet (a risk joining a question on placements in general is its evidence only)
            update["question"] = f"{out[i].question} {grant_words([risk])}"
        out[i] = out[i].model_copy(update=update)
    return out, unplaced


def _mention(risk: Risk) -> str:
    """A risk that asks its own question, named where it bears on another: its rating and money are
    that question's evidence, not repeated here."""
    return f"The risk register's '{risk.title}' bears on it too; it is asked as its own line of enquiry."


def _beside(risk: Risk) -> str:
    """A related risk named beside a question's own stake ("the related risk 'Placement
    sufficiency', with the risk register's estimated annual financial exposure"): its amount is
    printed, traced to the register, in the children's risks table, not in this text."""
    return f"the related risk '{risk.title}', with {_stake(risk)} (in the children's risks table)"


def questions_about(risk: Risk, flags: list[Flag]) -> list[int]:
    """The flags (by index) whose questions a risk is evidence for, by its topic, not by being
    children's and large: the same scope and a theme in common, of a risk that is the children's to
    answer (`childrens_to_answer`). The risk's themes are read once."""
    scope = risk_scope(risk)
    same_scope = [i for i, f in enumerate(flags) if f.scope == scope]
    if not same_scope or not childrens_to_answer(risk):
        return []
    themes = set(themes_of(_risk_text(risk)))
    return [i for i in same_scope if themes & set(with_parents(flags[i].themes))]


RiskSubjects = list[tuple[Risk, set[str]]]  # the register's risks a saving may cite, with their subjects


def risk_subjects(risks: list[Risk]) -> RiskSubjects:
    """The children's risks of the register a saving may be set against, each with its subject, read
    once for all the savings: a risk's subject is its title's and its description's lead's phrases
    (analyse.themes.subject_of: "home to school transport", not a theme's common word, nor a phrase
    further into its description); one that is the children's to answer (`childrens_to_answer`), as
    for the questions (`questions_about`)."""
    return [
        (risk, subject_of(risk.title, risk.description))
        for risk in filter(is_childrens_risk, risks)
        if childrens_to_answer(risk)
    ]


def risks_about(wanted: set[str], risks: RiskSubjects) -> list[tuple[Risk, str]]:
    """The risks (`risk_subjects`) on a saving's subject (`wanted`, its analyse.themes.subject_of),
    each with the subject both name."""
    return [(risk, subject_words(both)) for risk, subject in risks if (both := wanted & subject)]


def childrens_to_answer(risk: Risk) -> bool:
    """Whether a risk is the children's services' to answer, as evidence for a question or on a
    saving: one not shared with another directorate, or a shared one whose words name children's
    services (a shared risk about care staff and hospital discharge is the adults' until its words
    say otherwise)."""
    return not risk_shared_with(risk) or names_childrens_services(_risk_text(risk))


def _risk_text(risk: Risk) -> str:
    return f"{risk.title}. {risk.description}"


def rated(risk: Risk) -> str:
    """What the register gives the risk, each value under its own name, and with whom it is shared."""
    values, shared = risk_values(risk), _shared(risk)
    said = f" with {values}" if values else ""
    return f"The risk register lists '{risk.title}'{shared}{',' if shared and said else ''}{said}"


def _shared(risk: Risk) -> str:
    """ ", shared with ASCH (directorate ASCH / CYPE)" for a risk shared with another directorate."""
    others = risk_shared_with(risk)
    return f", shared with {' and '.join(others)} (directorate {risk.directorate})" if others else ""


# The period a register's exposure column covers, from its heading's words: the whole life of the
# risk, several years (a plan's years, cumulative), else a year ("annual", "per annum", "in-year").
LIFETIME = re.compile(r"\blife\s*time\b|\bwhole[\s-]+life\b|\blife of\b", re.I)
A_YEAR = re.compile(
    r"\bannual|\bper\s+annum\b|\byearly\b|\bin[\s-]*year\b|\ba\s+year\b|\bfull[\s-]+year\b", re.I
)
SEVERAL_YEARS = re.compile(
    r"\b(?:multi|several|two|three|four|five|\d+)[\s-]*years?\b|\bcumulative\b|\bmtf[ps]\b|\bmedium[\s-]+term\b",
    re.I,
)


def exposure_period(risk: Risk) -> Literal["year", "lifetime", "several years", "not stated"]:
    """Which period a risk's exposure covers, as its column's heading says (one decision, here)."""
    words = risk.exposure_words
    if LIFETIME.search(words):
        return "lifetime"
    if A_YEAR.search(words):
        return "year"
    if SEVERAL_YEARS.search(words):
        return "several years"
    return "not stated"


def _stake(risk: Risk) -> str:
    """The risk's money at stake, in the words of its column ("the risk register's estimated lifetime
    financial exposure"), with the period said where the column's words do not say it: an annual
    and a lifetime sum are not the same thing."""
    words = f"the risk register's {(risk.exposure_words or 'exposure').lower()}"
    words += " (period not stated)" if exposure_period(risk) == "not stated" else ""
    others = risk_shared_with(risk)
    if others:
        words += f", shared with {' and '.join(others)}: the children's part is not stated"
    return words


def risk_lines(risks: list[Risk]) -> list[LineOfEnquiry]:
    """A question for each children's risk that asks its own (`asks_its_own`); of a shared risk,
    what part of it is the children's."""
    out = []
    for risk in filter(asks_its_own, filter(is_childrens_risk, risks)):
        scope = risk_scope(risk)
        owner = f" (owner: {risk.owner})" if risk.owner else ""
        shared = risk_shared_with(risk)
        question = f"What mitigates the risk '{risk.title}', and is its cost in the forecast and the plan?"
        if shared:
            question = (
                f"What part of the risk '{risk.title}', shared with {' and '.join(shared)}, falls to"
                " children's services, what mitigates it, and is that cost in the forecast and the plan?"
            )
        out.append(
            LineOfEnquiry(
                question=question,
                because=f"{rated(risk)}{owner}.",
                addressed_to=_risk_addressee(risk),
                provenance=risk.provenance,
                scope=scope,
                amount_gbp=risk.exposure_gbp,
                stake=_stake(risk) if risk.exposure_gbp is not None else "",
                stake_period=exposure_period(risk) if risk.exposure_gbp is not None else "year",
                shared_with=shared,
                estimated=risk.exposure_gbp is not None,
            )
        )
    return out


def _risk_addressee(risk: Risk) -> str:
    """The risk's owner as whom to ask (`addressee`); a risk its title places in commissioning
    ("Placement sufficiency", "Market Sustainability") asks commissioning beside the DCS."""
    who = addressee(risk.owner or "")
    return addressee(risk.title) if who == "DCS" else who


COMMISSIONING_WORDS = r"commission|placement|sufficiency|provider|market"
FINANCE_WORDS = r"finance|s151|section 151|treasur|resources|chief financial"
# A post the documents name as an owner or lead ("Director of Education", "Head of SEND"): asked by
# that name where it is neither the DCS nor the S151 officer nor commissioning.
POST = r"\b(?:director|head|officer|manager|lead)\b"
# What `addressee` gives for words naming no post of their own (`with_lead`, `scope_leads`).
STANDING_ADDRESSEES = ("DCS", "S151", "DCS; commissioning")


def addressee(owner: str) -> str:
    """Whom to ask, from the words naming an owner or lead: commissioning, the S151 officer for
    finance, the DCS where they name children's services (or no post), else the post they name, as
    written ("Director of Education"): the lead the documents name, not the DCS in its place."""
    said = " ".join(owner.split()).strip(" .,;:")
    lower = said.lower()
    if re.search(COMMISSIONING_WORDS, lower):
        return "DCS; commissioning"
    if re.search(FINANCE_WORDS, lower):
        return "S151"
    if names_childrens_services(said) or re.search(r"\bdcs\b|\bcyp[se]?\b|children", lower):
        return "DCS"
    return said if re.search(POST, lower) else "DCS"


def with_lead(addressed: str, lead: str) -> str:
    """A question's addressees with the lead the documents name (`addressee` of an owner) in the
    DCS's place, where it is another post ("Director of Education; S151" for "DCS; S151")."""
    if lead in STANDING_ADDRESSEES or not lead:
        return addressed
    parts = [lead if part == "DCS" else part for part in addressed.split("; ")]
    return "; ".join(dict.fromkeys(parts if lead in parts else [lead, *parts]))


# Whom a question in a scope goes to as well as whoever else it asks, whatever made it: a DSG or
# High Needs question is the S151 officer's (the deficit falls on the council's reserves when the
# statutory override ends) and the service's (the DCS, or the post the documents name in the DCS's
# place: "Director of Education").
ALSO_ASKED = {Scope.DSG_HIGH_NEEDS: ("S151", "DCS")}


def with_scope_leads(line: LineOfEnquiry, leads: dict[Scope, str] | None = None) -> LineOfEnquiry:
    """The question with the posts its scope is also asked of (ALSO_ASKED) after those it names: the
    S151 officer where not named; the service's lead where only the S151 officer is named (a post the
    documents name in the DCS's place stands for the service). Where the documents name the scope's
    lead (`leads`, `scope_leads`: "Director of Education" for High Needs), that post is asked in the
    DCS's place (`with_lead`)."""
    finance, service = ALSO_ASKED.get(line.scope, ("", "")) if line.scope else ("", "")
    parts = [p for p in line.addressed_to.split("; ") if p]
    if not finance:
        return line
    parts += [finance] if finance not in parts else []
    parts += [service] if all(p == finance for p in parts) else []
    lead = (leads or {}).get(line.scope, "") if line.scope else ""
    return line.model_copy(update={"addressed_to": with_lead("; ".join(parts), lead)})


def education_lead(scope: ChildrensScope | None) -> str:
    """Whom an education, SEND or transport question goes to where the report files education in a
    directorate (or division) of its own beside the children's (Position.children_scope): that
    directorate's director, by its name as printed; '' where education is the children's own (a
    division the children's directorate's row holds: `ChildrensScope.of_which`)."""
    part = (
        next((p for p in scope.parts if p.scope is Scope.EDUCATION_SEND_TRANSPORT), None)
        if scope and not scope.of_which
        else None
    )
    return f"the director responsible for {part.name}" if part else ""


def with_education_lead(line: LineOfEnquiry, lead: str) -> LineOfEnquiry:
    """An education, SEND or transport question asked of that directorate's lead (`education_lead`)
    in the DCS's place; any other question, or one the documents give a lead of its own, unchanged."""
    if (
        not lead
        or line.scope is not Scope.EDUCATION_SEND_TRANSPORT
        or "DCS" not in line.addressed_to.split("; ")
    ):
        return line
    return line.model_copy(update={"addressed_to": with_lead(line.addressed_to, lead)})


def scope_leads(risks: list[Risk]) -> dict[Scope, str]:
    """The post the documents name as the lead of a scope asked of its service (ALSO_ASKED): the
    owner of the register's first risk in that scope (analyse.scope.risk_scope) whose owner is a
    post besides the DCS, the S151 officer and commissioning (`addressee`: Wyvern's CR02, "High
    Needs block deficit", is the Director of Education's)."""
    leads: dict[Scope, str] = {}
    for risk in risks:
        scope = risk_scope(risk)
        who = addressee(risk.owner or "")
        if scope in ALSO_ASKED and scope not in leads and who not in STANDING_ADDRESSEES:
            leads[scope] = who
    return leads


# Within one severity, the flag that says most about why a saving fails asks the question.
CODE_PRIORITY = [
    "unidentified_saving",
    "council_savings_unallocated",
    "undeliverable",
    "overspend_exceeds_saving",
    "pressure_on_subject",
    "demand_reduction_against_rising_demand",
    "demand_reduction_on_weak_evidence",
    "forecast_below_target",
    "rag_red",
    "slipped",
    "carried_forward",
    "prior_year_saving_reversed",
    "one_off_measure",
    "funding_swap",
    "repeat_of_slipped_saving",
    "cost_avoidance",
    "declared_at_risk",
    "rag_amber",
    "saving_large_against_budget",
    "service_overspend",
]
# Prose figures repeat what tables say; a few questions on them are enough.
# At most this many questions of a code; savings facing one plan's growth on their subject are one
# question (`SHARED_CAUSE`), and one such question is asked: the flags list every saving it touches.
CAPS = {"stated_overspend": 3, "stated_savings_at_risk": 2, "pressure_on_subject": 1}
# Codes whose question is asked of a cause several savings share (the same pressures on their subject):
# those savings are one question, keyed by the cause (`Flag.asks`).
SHARED_CAUSE = frozenset({"pressure_on_subject"})


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
        # the council's savings not yet allocated are one question, whatever each line is called; savings
        # sharing one cause are one question
        key = (
            flag.code
            if flag.code == UNALLOCATED_CODE
            else f"{flag.code}: {flag.asks}"
            if flag.code in SHARED_CAUSE
            else flag.subject
        )
        group = groups.setdefault(key, [flag])
        if flag is not group[0] and flag.code == group[0].code:
            group.append(flag)
    # a group of the council's lines is asked under its largest line's name
    return [
        sorted(g, key=lambda f: -(f.amount_gbp or 0.0)) if g[0].code == UNALLOCATED_CODE else g
        for g in groups.values()
    ]


def service_first(who: str, flag: Flag) -> str:
    """Whom a question on a children's saving goes to: the service that delivers it (the DCS, or the
    post the documents name in the DCS's place) first, then whom its question names besides (the S151
    officer where it asks of the council's budget: a shortfall covered, a saving taken out of the
    base). A saving's shortfall is the service's to explain and recover, never the S151 officer's
    alone; a council-wide saving's question stays the S151 officer's."""
    if flag.code in STAKES or not is_childrens(flag.scope) or "DCS" in who.split("; "):
        return who
    return "; ".join(dict.fromkeys(["DCS", *who.split("; ")]))


def _from_flag(group: list[Flag]) -> LineOfEnquiry:
    flag = group[0]
    template, who = QUESTIONS[flag.code]
    if flag.explained_by and flag.code in EXPLAINED_QUESTIONS:
        template = EXPLAINED_QUESTIONS[flag.code]
    elif flag.asks and flag.code in ROUTED_QUESTIONS:
        template = ROUTED_QUESTIONS[flag.code]
    if flag.owner:  # every question on a saving goes to the lead the documents name for it
        who = addressee(flag.owner)
    elif who == "DCS" and COMMISSIONING_THEMES & set(with_parents(flag.themes)):
        who = "DCS; commissioning"
    else:
        who = service_first(who, flag)
    because = flag.message
    total = sum(f.amount_gbp or 0.0 for f in group)
    over = span_words(group)
    if len(group) > 1:
        named = (
            "not yet allocated"
            if flag.code == UNALLOCATED_CODE
            else "facing the same pressures"
            if flag.code in SHARED_CAUSE
            else "of that name"
        )
        others = len(group) - 1
        lines = "line" if others == 1 else "lines"
        # the sum where the lines state money; else the other lines by name (no "£0k in all")
        said = (
            f"{gbp(total)} in all{over}"
            if any(f.amount_gbp is not None for f in group)
            else "; ".join(f"'{f.subject}'" for f in group[1:])
        )
        because += f" With the {others} other {lines} {named}: {said}."
    money = any(f.amount_gbp is not None for f in group)
    stake = STAKES.get(flag.code, SAVING_STAKE) if money else ""
    question = template.format(
        subject=flag.subject, subject_lc=flag.subject[:1].lower() + flag.subject[1:], asks=_asks(flag)
    )
    return LineOfEnquiry(
        question=f"{question} {flag.asks_asylum}" if flag.asks_asylum else question,
        because=because,
        addressed_to=who,
        # every source the question's evidence states (a benchmark a saving's reason quotes, for
        # one), and the first of each further line of the same name
        provenance=[*flag.provenance, *(p for f in group[1:] for p in f.provenance[:1])],
        scope=flag.scope,
        amount_gbp=total if money else None,
        stake=f"{stake}{over}" if stake else "",
        stake_period="several years" if over else "year",
    )


def _asks(flag: Flag) -> str:
    """What a flag's question asks against: its own words, else its code's, else (an overspend's)
    the drivers its theme names (`DRIVERS`)."""
    if flag.asks or flag.code in ASKS_UNSAID:
        return flag.asks or ASKS_UNSAID[flag.code]
    themes = set(with_parents(flag.themes))
    return next((words for theme, words in DRIVERS if theme in themes), GENERIC_DRIVERS)


def span_words(group: list[Flag]) -> str:
    """Where the flags' money together spans more than one year (savings a plan phases over its
    later years), the years it spans: ", over 2026-27 to 2027-28"; else nothing, a year's money."""
    years = sorted({p for f in group if f.amount_gbp for p in f.periods})
    return f", over {years[0]} to {years[-1]}" if len(years) > 1 else ""


# "the recovery plan at Appendix C", "recovery plans are set out in ...": a document's name follows.
RECOVERY_IN = r"\brecovery\s+plans?\b\W+(?:(?:is|are)\s+)?(?:(?:set\s+out\s+)?(?:at|in)\s+)?(?:the\s+)?"


def recovery_plan_missing(missing: list[MissingDocument]) -> tuple[str, list[Provenance]] | None:
    """Where the documents place a recovery plan in a document not received ("the recovery plan
    at Appendix C"): that document's name and where it is cited, so the overspend's question asks
    for it by name rather than what the plan is; None where they place none so."""
    for doc in missing:
        cited = [p for p in doc.provenance if re.search(RECOVERY_IN + re.escape(doc.name), p.text, re.I)]
        if doc.why == "cited" and cited:
            return doc.name, cited
    return None


def _from_position(
    position: Position,
    missing: list[MissingDocument],
    later: Sequence[Flag] = (),
    shares: Sequence[PlanShare] = (),
) -> list[LineOfEnquiry]:
    """The position's questions: the children's overspend, its question saying what else the
    documents state it comes down to after the council's actions (`later`, each at its stage), and
    the medium-term gap (with the children's share of the plan's pressures, `shares`)."""
    out = []
    children, over = position.children_services, _children_overspend(position)
    recovery = recovery_plan_missing(missing)
    if over is not None:
        name = position.children_services_name or "Children's services"
        doubted = children.doubts.get("variance_gbp", "")
        because = f"{name} forecast to overspend by {gbp(over)}{f' ({doubted})' if doubted else ''}"
        because += f" {children.stage}" if children.stage else ""
        because += f" in {position.period or 'the year'}"
        if later:
            because += "; the documents also state " + " and ".join(
                f.subject[:1].lower() + f.subject[1:] for f in later
            )
        council = position.variance_gbp
        if council is not None and council > 0:
            because += ", " + beside_whole(
                over, council, "the council's", "overspend", "other services underspend"
            )
        out.append(
            LineOfEnquiry(
                question=f"What drives {_overspend_named(position)} (numbers, unit costs or placement "
                "mix), how much of it is recurrent, and "
                + (
                    f"can the recovery plan the documents place in {recovery[0]}, not received, be supplied?"
                    if recovery
                    else "what is the recovery plan?"
                ),
                because=because + ".",
                addressed_to="DCS; S151",
                provenance=children.provenance
                + [p for f in later for p in f.provenance[:1] if p not in children.provenance]
                + (position.provenance if council and council > 0 else [])
                + (recovery[1] if recovery else []),
                scope=Scope.CHILDRENS_SOCIAL_CARE,
                amount_gbp=over,
                stake=OVERSPEND_STAKE,
                doubts={"amount_gbp": doubted} if doubted else {},
            )
        )
    gaps = [g for g in position.mtfp_gap if g.amount_gbp > 0]
    if gaps:
        years = "; ".join(
            f"{gbp(g.amount_gbp)} {'by' if g.basis == 'cumulative' else 'in'} {g.period or 'a year not stated'}"
            f"{_make_up(g)}{_one_off(g)}"
            for g in gaps
        )
        balanced = [g for g in position.mtfp_gap if g.amount_gbp <= 0 and g.one_off_reserves]
        years += "".join(f"; {g.period} is balanced{_one_off(g)}" for g in balanced)
        largest = max(gaps, key=lambda g: g.amount_gbp)  # years may be cumulative: never summed
        out.append(
            LineOfEnquiry(
                question=_gap_question(gaps) + _which_reserve(position.mtfp_gap),
                because=f"The council-wide medium-term plan shows a {_cumulative(gaps)}gap of {years}."
                f"{_closed_part(gaps)}"
                f"{_others_part(gaps)}",
                addressed_to="S151",
                provenance=list(
                    dict.fromkeys(
                        p
                        for g in gaps + balanced
                        for p in g.provenance
                        + [q for part in g.parts for q in part.provenance]
                        + (g.one_off_reserves.provenance if g.one_off_reserves else [])
                        + (g.identified.provenance[:1] if g.identified else [])
                        + (g.remaining.provenance[:1] if g.remaining else [])
                    )
                ),
                scope=Scope.COUNCIL_WIDE,
                amount_gbp=largest.amount_gbp,
                stake=_gap_stake_words(largest, len(gaps), shares),
            )
        )
    return out + _later_forecast(position)


def _later_forecast(position: Position) -> list[LineOfEnquiry]:
    """A monitoring report dated after the plan that forecasts an overspend for its first year: the
    plan's later gaps were set down before it, so whether its recurrent part is in them is the S151
    officer's question, at the overspend's stake."""
    later = position.mtfp_later_forecast
    if later is None:
        return []
    whose = position.childrens_row_words if later.childrens else "the council"
    plan = position.mtfp_meeting
    dated = f", of {plan.date}," if plan is not None else ""
    return [
        LineOfEnquiry(
            question=f"How much of the {gbp(later.amount_gbp)} overspend forecast for {whose} in {later.year} is"
            " recurrent, and is that part in the medium-term plan's later years' gaps?",
            because=f"The medium-term plan{dated} predates the report to {later.meeting.body} of"
            f" {later.meeting.date}, which forecasts a {gbp(later.amount_gbp)} overspend for {whose} in"
            f" {later.year}.",
            addressed_to="S151",
            provenance=later.provenance
            + later.meeting.provenance[:1]
            + (plan.provenance[:1] if plan else []),
            scope=Scope.CHILDRENS_SOCIAL_CARE if later.childrens else Scope.COUNCIL_WIDE,
            amount_gbp=later.amount_gbp,
            stake=OVERSPEND_STAKE,
        )
    ]


def _gap_stake_words(gap: GapYear, years: int, shares: Sequence[PlanShare] = ()) -> str:
    """The year's whole gap, the council's to close whatever its rows label: "the largest year's
    gap (2026-27): council-wide; £17.0m of it labelled adult social care funding unresolved balance;
    the children's part is not stated"."""
    which = f"{GAPS_STAKE} ({gap.period})" if years > 1 and gap.period else GAP_STAKE
    if gap.basis == "cumulative" and gap.period:
        which = f"{CUMULATIVE_STAKE} {gap.period}"  # the gap so far, never one year's
    labelled = [
        f"{gbp(p.amount_gbp)} of it labelled {p.words}"
        for p in gap.parts
        if p.scope != Scope.COUNCIL_WIDE and p.amount_gbp > 0
    ]
    childrens = any(is_childrens(p.scope) for p in gap.parts)
    tail = [] if childrens else ["the children's part is not stated", *_pressures_part(gap, shares)]
    return f"{which}: " + "; ".join(["council-wide", *labelled, *tail])


def _pressures_part(gap: GapYear, shares: Sequence[PlanShare]) -> list[str]:
    """The children's part of the year's pressures where the plan states it (analyse.plan_share):
    "£22.0m of the £57.9m pressures are children's (38%, derived)"; [] where it states none."""
    share = next((s for s in shares if s.period == gap.period), None)
    if share is None:
        return []
    # the General Fund's core share where the plan gives one: ring-fenced swings move the other
    if share.general_fund_share is not None and share.children_general_fund_gbp is not None:
        part, whole, fraction = (
            share.children_general_fund_gbp,
            share.council_general_fund_gbp,
            share.general_fund_share,
        )
        kind = "core pressures"
    elif share.pressures_share is not None and share.children_pressures_gbp is not None:
        part, whole, fraction = (
            share.children_pressures_gbp,
            share.council_pressures_gbp,
            share.pressures_share,
        )
        kind = "pressures"
    else:
        return []
    return [f"{gbp(part)} of the {gbp(whole or 0.0)} {kind} are children's ({fraction:.0%}, derived)"]


def _cumulative(gaps: list[GapYear]) -> str:
    """ "cumulative " where the plan states every year's gap as the gap so far (analyse.gap_basis)."""
    return "cumulative " if all(g.basis == "cumulative" for g in gaps) else ""


def _closed_part(gaps: list[GapYear]) -> str:
    """What the plan says it has identified against the gaps and what remains, year by year (analyse.
    gap_savings): " Against them it states savings identified of £6.2m (2026-27) and £3.1m (2027-28),
    leaving £3.65m and £4.32m remaining." """
    said = [g for g in gaps if g.identified is not None or g.remaining is not None]
    if not said:
        return ""
    net = [
        f"{gbp(g.identified.amount_gbp)} ({g.period})" for g in said if g.identified and g.identified.in_gap
    ]
    found = [
        f"{gbp(g.identified.amount_gbp)} ({g.period})"
        for g in said
        if g.identified and not g.identified.in_gap
    ]
    left = [f"{gbp(g.remaining.amount_gbp)} ({g.period})" for g in said if g.remaining is not None]
    # a table whose rows above the gap add up to it shows the gap already net of its savings
    words = f" The gaps are already after the savings it identifies, {_and(net)}." if net else ""
    words += " Against them it states savings identified of " + _and(found) if found else ""
    if left:
        words += (
            f", leaving {_and(left)} remaining" if found else f" It states a gap remaining of {_and(left)}"
        )
    return words + "." if found or left else words


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _others_part(gaps: list[GapYear]) -> str:
    """The rows of the gaps the plan labels another directorate's, named: still the council's to
    close, so part of the stake, not taken out of it (" The plan labels part of it another
    directorate's, a balance the whole council must still close: adult social care funding
    unresolved balance £17.0m (2026-27)")."""
    others = [
        f"{p.words} {gbp(p.amount_gbp)} ({g.period or 'a year not stated'})"
        for g in gaps
        for p in g.parts
        if not may_be_flagged(p.scope) and p.amount_gbp > 0
    ]
    if not others:
        return ""
    return (
        " The plan labels part of it another directorate's, a balance the whole council must still close: "
        + "; ".join(others)
        + "."
    )


def _make_up(gap: GapYear) -> str:
    """The rows a gap is printed in, each with its figure (" (adult social care funding unresolved
    balance £17.0m; unresolved balance / surplus, a surplus of £2.8m)"); "" for a gap in one row."""
    parts = [
        f"{p.words}{', a surplus of ' if p.amount_gbp < 0 else ' '}{gbp(abs(p.amount_gbp))}"
        for p in gap.parts
    ]
    return f" ({'; '.join(parts)})" if parts else ""


def _one_off(gap: GapYear) -> str:
    """A one-off use of reserves beside the year's gap: the year it balances, or its reversal."""
    use = gap.one_off_reserves
    if use is None:
        return ""
    if gap.period == use.used_in:
        return f" only after a one-off use of reserves of {gbp(use.used_gbp)}{use.drawn_words}"
    if 0 < use.reversed_gbp <= gap.amount_gbp:
        return (
            f", of which {gbp(use.reversed_gbp)} is the reversal of {use.used_in}'s one-off use of reserves"
        )
    return f" (the year also reverses {use.used_in}'s one-off use of reserves, {gbp(use.reversed_gbp)})"


def _which_reserve(gaps: list[GapYear]) -> str:
    """What the gap question asks of a one-off use of reserves whose reserve the documents do not
    name (analyse.reserves.drawn_from): which it is, and what the use leaves in it."""
    uses = {u.used_in: u for g in gaps if (u := g.one_off_reserves) is not None and not u.drawn_from}
    return "".join(
        f" Which reserve does {u.used_in}'s one-off use of reserves of {gbp(u.used_gbp)} come from, and what"
        " does it leave in that reserve?"
        for u in uses.values()
    )


def _gap_question(gaps: list[GapYear]) -> str:
    """What to ask of the gap: what the plan leaves unsaid, the children's share of the whole."""
    named = [p for g in gaps for p in g.parts if p.scope != Scope.COUNCIL_WIDE]
    if any(is_childrens(p.scope) for p in named):
        return "How will the medium-term gap be closed, including the part the plan names for children's services?"
    if named:
        return (
            "How will the council-wide medium-term gap be closed, including the part the plan labels"
            " another service's, and what share of it falls to children's services?"
        )
    return "How will the medium-term gap be closed, and what share falls to children's services?"


def transfer_lines(transfers: list[BudgetTransfer]) -> list[LineOfEnquiry]:
    """A budget moving out of the children's directorate whose sum the documents state only
    approximately ("approximately £59m"): the S151 officer to confirm it, as the figure the
    children's budget shown with or without it turns on."""
    out = []
    for move in transfers:
        if move.direction != "out" or not move.approximate or move.amount_gbp is None:
            continue
        held = (
            "so that the children's budget without it can be confirmed"
            if move.included
            else "and does the children's budget shown still hold it"
        )
        moving = f"recommended to {move.recommended_to} to move" if move.recommended_to else "moving"
        out.append(
            LineOfEnquiry(
                question=(
                    f"What is the exact budget {moving} from {move.source} to {move.destination}"
                    f" from {move.effective} ({move.what}), which the documents state only approximately,"
                    f" {held}?{_remainder_question(move)}"
                ),
                because=_transfer_because(move),
                addressed_to="S151",
                provenance=move.provenance
                + ([move.recommendation] if move.recommendation else [])
                + [
                    p
                    for b in move.bases
                    for p in [*b.provenance, *(p for s in b.steps for p in s.provenance)]
                ],
                # whose budget it moves out of: the children's directorate's, as analyse.scope places it
                scope=scope_of(move.what, move.source),
                amount_gbp=move.amount_gbp,
                places=move.places,
                stake=TRANSFER_STAKE,
                stake_period="to confirm",
            )
        )
    return out


def held_lines(held: list[HeldCentrally], name: str | None, whole: str | None = None) -> list[LineOfEnquiry]:
    """A budget the council holds centrally for every directorate (pay award, employer National
    Insurance): how much of it will come to the children's directorate, whose budget shown leaves
    it out (analyse.held_centrally); none for one the documents say holds the council's corporate
    costs (capital financing, levies), which waits for no allocation. `whole` is the children's scope
    in words where it spans more than one directorate or division (Position.children_scope): the
    budget's allocation comes to each of them, not to the children's row alone."""
    whose = name or "the children's directorate"
    out = []
    for h in [h for h in held if h.awaiting]:
        growth = "; ".join(
            f"'{line.title}' {gbp(line.amount_gbp)} ({line.provenance[0].locator})" for line in h.lines
        )
        said = f" The documents say: '{h.said.words}' ({h.said.provenance[0].locator})." if h.said else ""
        out.append(
            LineOfEnquiry(
                question=(
                    f"How much of the budget held centrally as '{h.name}' in {h.period or 'the year'},"
                    f" pending allocation to directorates, will come to {whole or whose}, and when?"
                ),
                because=(
                    f"The budget by directorate holds '{h.name}' apart from {whose}'s own"
                    f" ({h.provenance[0].locator}).{said}"
                    + (f" Its growth in the year: {growth}." if growth else "")
                ),
                addressed_to="S151",
                provenance=h.provenance + (h.said.provenance[:1] if h.said else []),
                scope=Scope.COUNCIL_WIDE,
                amount_gbp=h.budget_gbp,
                stake=HELD_STAKE,
            )
        )
    return out


def _transfer_because(move: BudgetTransfer) -> str:
    """The sentences that state the move, its sum and its date, each quoted as its own with its own
    place, in the document's order; a move a report only recommends said to be proposed first."""
    cited = sorted({p.text: p for p in move.provenance}.values(), key=lambda p: p.page or 0)
    quoted = "; ".join(f"'{p.text}' ({p.locator})" for p in cited)
    bases = "".join(_base_words(b) for b in move.bases)
    if move.recommended_to:
        return (
            f"A report recommends the move to {move.recommended_to}; it is proposed, not decided: {quoted}."
            + bases
        )
    return f"The documents say: {quoted}.{bases}"


def _base_words(base: TransferBase) -> str:
    """Another document's statement of the budget moved, and whether it is the transfer's sum; a
    base of the year before brought to the transfer's year by its table's own rows (like with like)."""
    year = f" ({base.period})" if base.period else ""
    agrees = (
        "the same sum to the precision printed"
        if base.agrees
        else f"{gbp(abs(base.difference_gbp))} {'less' if base.difference_gbp < 0 else 'more'} than the sum stated"
    )
    said = (
        f" The budget papers state its budget as {gbp(base.amount_gbp)}{year}, '{base.row}' for"
        f" '{base.column}' ({base.provenance[0].locator})"
    )
    if base.in_year_gbp is None or base.in_year_difference_gbp is None:
        return f"{said}: {agrees}."
    steps = " and ".join(f"'{s.row}' {_signed(s.amount_gbp)}" for s in base.steps)
    apart = base.in_year_difference_gbp
    return (
        f"{said}; with the same table's {steps} it comes to about {gbp(base.in_year_gbp)} for the"
        f" transfer's year (derived), {gbp(abs(apart))} {'less' if apart < 0 else 'more'} than the sum stated."
    )


def _signed(amount: float) -> str:
    return f"+{gbp(amount)}" if amount >= 0 else f"-{gbp(-amount)}"


def _remainder_question(move: BudgetTransfer) -> str:
    """Where a budget table, brought to the transfer's year, still differs from the transfer's sum,
    what the rest is and where the papers hold it."""
    apart = next((b.in_year_difference_gbp for b in move.bases if b.in_year_difference_gbp), None)
    if apart is None:
        return ""
    which = "beyond the budget table's" if apart < 0 else "the table holds beyond the transfer's"
    return f" What is the remaining {gbp(abs(apart))} {which}, and where do the budget papers hold it?"


def dsg_lines(dsg: DsgPosition) -> list[LineOfEnquiry]:
    """The DSG deficit the council carries, against its general reserve, when the statutory override
    ends: a balance built over several years that falls on the council at one date, ranked with a
    year's money (a ring-fenced deficit is still the council's to meet); printed as the documents
    state it (`gbp_as_stated`: "an estimated £96m"); with the documents' own view of whether
    reserves could absorb it, quoted."""
    deficit = dsg.cumulative_deficit
    if deficit is None or deficit.amount_gbp is None or deficit.amount_gbp <= 0:
        return []
    reserve, ends, view = dsg.general_reserve, dsg.override_end, dsg.reserve_view
    at = f" at {deficit.words}" if deficit.words else ""
    stated = gbp_as_stated(deficit.amount_gbp, deficit.places, deficit.hedge)
    because = f"The documents put the DSG deficit the council carries at {stated}{at}"
    against, asked = "", ""
    if reserve is not None and reserve.amount_gbp is not None:
        # dated as the pack's card dates it (`DsgPosition.reserve_dated_apart`): one rule
        apart = dsg.reserve_dated_apart
        dated = f" {apart}" if apart else f" at {reserve.at}" if reserve.at else " (date not stated)"
        against = f", against a {general_term(reserve)} of {gbp_as_stated(reserve.amount_gbp, reserve.places)}{dated}"
        against += reserve_basis(reserve)
        because += against
        level = dsg.general_minimum
        because += f", its minimum set at {gbp_as_stated(level.amount_gbp, level.places)}" if level else ""
        if (end := dsg.general_reserve_year_end) is not None:  # their own balance at the next year's end
            under = level is not None and (end.amount_gbp or 0) < (level.amount_gbp or 0)
            because += (
                f", and {'forecast' if end.forecast else 'stated'} at "
                f"{gbp_as_stated(end.amount_gbp, end.places)} at {end.at}{', below that minimum' if under else ''}"
            )
        below = dsg.general_below
        because += f", which the documents say '{below.words}'" if below and not level else ""
        asked = f", what is that balance at {deficit.words}," if apart else ""
    because += f"; the statutory override ends {ends.words}" if ends else ""
    if view is not None:  # a view of another reserve is said to be of it, never of the general reserve
        of = "the general reserve" if view.on_general else f"'{view.reserve}' (not the general reserve)"
        because += f"; their view of {of}: '{view.words}'"
    when = f" ({ends.words})" if ends else ""
    return [
        LineOfEnquiry(
            question=(
                f"How would the council meet its DSG deficit when the statutory override ends{when}"
                f"{against}{asked or ','} and what is its plan if the override is not extended?"
            ),
            because=because + ".",
            addressed_to="S151",
            provenance=list(
                dict.fromkeys(  # each place once: the reserve and the words on its minimum may share one
                    p
                    for item in (
                        deficit,
                        reserve,
                        dsg.general_minimum,
                        dsg.general_reserve_year_end,
                        dsg.general_below,
                        ends,
                        view,
                    )
                    if item is not None
                    for p in item.provenance
                )
            ),
            scope=Scope.DSG_HIGH_NEEDS,
            amount_gbp=deficit.amount_gbp,
            places=deficit.places,
            stake=DSG_STAKE,
            stake_period="balance",
        )
    ]


def reserve_basis(reserve: Reserve) -> str:
    """What the general reserve beside the deficit rests on, as the pack's card says it
    (render.findings.reserve_basis_words): " (a forecast, not a balance held: 'If the overspend is not
    reduced')"; '' for a balance held."""
    said = f": '{reserve.condition}'" if reserve.condition else ""
    return f" (a forecast, not a balance held{said})" if reserve.forecast else ""


def delivery_words(d: PlanDelivery) -> str:
    """A delivery statement as a question says it, its words quoted, with where it is printed: "£10m
    'off-target' in 2024-25 (forecast; page 1, table 1, row 4)", "a risk of being 'off target' in
    2027-28 (...)", "'in line with the Safety Valve agreement' (no year stated; page 3, paragraph 7)"."""
    by = f"{gbp_as_stated(d.amount_gbp, d.places)} " if d.amount_gbp else ""
    lead = "a risk of being " if d.prospect else ""
    years = f" in {' and '.join(d.years)}" if d.years else ""
    notes = [d.hedge, "" if d.years else "no year stated", d.provenance[0].locator]
    return f"{lead}{by}'{d.words}'{years} ({'; '.join(n for n in notes if n)})"


def plan_lines(dsg: DsgPosition) -> list[LineOfEnquiry]:
    """The DSG plan's delivery against its target (analyse.plan_delivery): where the documents state
    it differently (one on or ahead of target, another behind it), both side by side, neither picked;
    else where one says it is behind, how it gets back. What the plan requires (a breakeven year) and
    whether the contributions under it are conditional are said with it. The sum a statement says it
    is behind by, for its year, is the stake; none where none is stated."""
    behind = [d for d in dsg.plan_delivery if d.against == "behind"]
    if not (dsg.plan_differs or behind):
        return []
    plan = (dsg.plan_differs or behind)[0].plan
    target = dsg.plan_target
    required = f" {target.words}" if target else " its target"
    said = "; ".join(delivery_words(d) for d in dsg.plan_delivery)
    if dsg.plan_differs:
        question = (
            f"The documents state the {plan} plan's delivery differently: "
            + " against ".join(delivery_words(d) for d in dsg.plan_differs)
            + f". Which holds, and what is the forecast against{required}?"
        )
    else:
        question = (
            f"The documents say the {plan} plan is behind its target: what brings it back to{required}?"
        )
    if dsg.plan_conditions:
        question += " What happens to the contributions under it if it falls short?"
    because = f"The documents state the {plan} plan's delivery: {said}."
    because += f" The plan requires {target.words} ('{target.text}')." if target else ""
    said_of = [c for c in dsg.plan_conditions if target is None or c.text != target.text]
    because += "".join(f" Of the contributions, they say: '{c.words}'." for c in said_of)
    money = next((d for d in behind if d.amount_gbp and not d.prospect), None)
    provs = [p for d in dsg.plan_delivery for p in d.provenance]
    provs += [p for c in ([target] if target else []) + dsg.plan_conditions for p in c.provenance]
    return [
        LineOfEnquiry(
            question=question,
            because=because,
            addressed_to="S151",
            provenance=list(dict.fromkeys(provs)),
            scope=Scope.DSG_HIGH_NEEDS,
            amount_gbp=money.amount_gbp if money else None,
            places=money.places if money else None,
            stake=f"{PLAN_STAKE} in {' and '.join(money.years) or 'a year not stated'}" if money else "",
        )
    ]


def citing_row(risk: Risk, lines: list[LineOfEnquiry]) -> list[int]:
    """The questions (by index) citing the register row the risk is read from, whatever of the row
    they cite: a risk whose row states the DSG plan's delivery bears on the plan's question."""
    row = _place(risk.provenance[0])
    return [i for i, q in enumerate(lines) if any(_place(p) == row for p in q.provenance)]


def _place(where: Provenance) -> tuple[str, int | None, str]:
    """Where a text is printed, whatever of it was read (a row's one sentence or the whole row)."""
    return where.file, where.page, where.locator


def safety_valve_lines(dsg: DsgPosition) -> list[LineOfEnquiry]:
    """The Safety Valve money paid in over the years after the deficit's date beside what the plan
    draws of it for in-year deficits (analyse.dsg.safety_valve_years), asked where they differ: money
    left in the reserves is set aside, not at risk. What is at risk is the deficit it does not cover:
    where the documents state money held towards the deficit, whether the deficit after
    contributions already counts it is asked, and what that would leave uncovered at the plan's end
    (analyse.dsg.left_uncovered) is the stake; none where it cannot be worked out or nothing is left.
    A change the documents make in how the contributions are accounted for is quoted with it."""
    deficit = dsg.cumulative_deficit
    shown = years_after(deficit, dsg.safety_valve_years) or dsg.safety_valve_years
    if all(y.agrees for y in shown):
        return []
    paid, drawn = sum(y.contributed_gbp for y in shown), sum(y.drawn_gbp for y in shown)
    spanned = sorted({y.year for y in shown})
    span = spanned[0] if len(spanned) == 1 else f"{spanned[0]} to {spanned[-1]}"
    whole = [
        f"all of {SAFETY_VALVE_PARTIES[y.party]}'s {gbp(y.contributed_gbp)} in {y.year}"
        for y in shown
        if y.agrees and y.drawn_gbp
    ]
    question = (
        f"In-year DSG deficits take {gbp(drawn)} of the {gbp(paid)} Safety Valve contributions paid in over"
        f" {span}{' (' + '; '.join(whole) + ')' if whole else ''}, leaving {gbp(paid - drawn)} in the reserves."
    )
    because = "The documents give the Safety Valve contributions by year and the plan's draws on them: "
    because += "; ".join(_paid_and_drawn(y) for y in shown) + "."
    asked, uncovered, cited = _counted(dsg, shown)
    changed = [
        f"'{c.words}' ({gbp(c.amount_gbp)} in {c.year})" for c in dsg.accounting_changes if c.amount_gbp
    ]
    instead = [
        f"{gbp(p.amount_gbp)} in {p.year}, {SAFETY_VALVE_PARTIES[p.party]}'s" for p in dsg.accounting_paid_in
    ]
    if changed:
        because += " The budget's own line on them: " + "; ".join(changed)
        because += f"; it pays into a reserve {' and '.join(instead)}." if instead else "."
    provs = [p for y in shown for p in y.provenance]
    provs += [p for c in dsg.accounting_changes + dsg.accounting_paid_in + cited for p in c.provenance]
    money = uncovered is not None and uncovered[0] > 0
    return [
        LineOfEnquiry(
            question=question + asked[0],
            because=because + asked[1],
            addressed_to="S151",
            provenance=list(dict.fromkeys(provs)),
            scope=Scope.DSG_HIGH_NEEDS,
            amount_gbp=uncovered[0] if uncovered and money else None,
            stake=SAFETY_VALVE_STAKE.format(year=uncovered[1]) if uncovered and money else "",
            stake_period="balance",
            # a sum worked out on a condition the documents do not settle ranks after money they state
            estimated=True,
        )
    ]


def _paid_and_drawn(y: SafetyValveYear) -> str:
    drawn = f"{gbp(y.drawn_gbp)} from its reserve" if y.drawn_gbp else "nothing from its reserve"
    left = (
        "all of it"
        if y.agrees
        else f"{gbp(y.left_gbp)} left"
        if y.left_gbp > 0
        else f"{gbp(-y.left_gbp)} beyond the year's"
    )
    return f"{y.year}: {SAFETY_VALVE_PARTIES[y.party]} pays in {gbp(y.contributed_gbp)} and the plan draws {drawn} ({left})"


def _counted(
    dsg: DsgPosition, shown: list[SafetyValveYear]
) -> tuple[tuple[str, str], tuple[float, str] | None, list[DsgItem]]:
    """Whether the deficit after contributions already counts the money held towards it, asked (the
    question's words, the because's), what it would leave uncovered at the plan's end if it does, and
    the facts it cites; where no money held is stated, what the money left is set against."""
    deficit, held = dsg.cumulative_deficit, [o for o in dsg.offsets if o.offset == "held" and o.amount_gbp]
    if deficit is None or deficit.amount_gbp is None or not deficit.contributions:
        return (" What is the money left set against, and when?", ""), None, []
    stated = gbp_as_stated(deficit.amount_gbp, deficit.places, deficit.hedge)
    at = f" at {deficit.words}" if deficit.words else ""
    if not held:
        return (
            (f" Does the deficit after contributions ({stated}{at}) already count any of it?", ""),
            None,
            [],
        )
    sums = " and ".join(
        f"the {gbp_as_stated(o.amount_gbp, o.places, o.hedge)} of Safety Valve contributions held"
        f"{' at ' + o.words if o.words else ''}"
        for o in held
    )
    asked = f" Does the deficit after contributions ({stated}{at}) already count {sums}?"
    uncovered = left_uncovered(deficit, shown, dsg.in_year)
    if uncovered is None:
        return (asked + " What is the money left set against, and when?", ""), None, [deficit, *held]
    amount, last = uncovered
    positions = [i for i in dsg.in_year if i.year in {y.year for y in shown}]
    cited = [deficit, *held, *positions]
    in_year = "; ".join(
        f"{gbp(abs(i.amount_gbp or 0.0))} {'surplus' if (i.amount_gbp or 0.0) < 0 else 'deficit'} in {i.year}"
        for i in positions
    )
    kept = sum(o.amount_gbp or 0.0 for o in held)
    worked = (
        f" Worked out: {stated} carried, with the in-year positions ({in_year}), less the"
        f" {gbp(sum(y.contributed_gbp for y in shown))} paid in"
    )
    if amount <= 0:
        worked += f", is met by the end of {last} ({gbp(-amount)} over) even if it counts the money held."
        return (asked + " What is the money left set against, and when?", worked), uncovered, cited
    worked += (
        f", leaves {gbp(amount)} at the end of {last} if the deficit already counts the money held; if it"
        " does not, that money"
        + (f" covers it ({gbp(kept - amount)} over)." if kept >= amount else f" leaves {gbp(amount - kept)}.")
    )
    return (
        (
            asked
            + f" If it does, {gbp(amount)} of it is still uncovered at the end of {last}: what covers it?",
            worked,
        ),
        uncovered,
        cited,
    )


def span_lines(dsg: DsgPosition) -> list[LineOfEnquiry]:
    """A Safety Valve total over several years that its years, as the documents give them, do not
    sum to (analyse.dsg.safety_valve_spans): which is right? The difference is the stake."""
    out = []
    for t in (t for t in dsg.safety_valve_spans if t.agrees is False):
        who = SAFETY_VALVE_PARTIES[t.party]
        out.append(
            LineOfEnquiry(
                question=(
                    f"The documents state {who}'s Safety Valve contribution as {gbp(t.total_gbp)} for {t.span},"
                    f" and its years ({', '.join(t.years_given)}) as {gbp(t.given_gbp)}: which is right, and"
                    " what does the difference change in the deficit after contributions?"
                ),
                because=(
                    f"The total for {t.span} is {gbp(t.total_gbp)}; the contributions given by year within it"
                    f" sum to {gbp(t.given_gbp)}, a difference of {gbp(abs(t.remainder_gbp))}."
                ),
                addressed_to="S151",
                provenance=t.provenance,
                scope=Scope.DSG_HIGH_NEEDS,
                amount_gbp=abs(t.remainder_gbp),
                stake="the difference between a Safety Valve total and its years",
                stake_period="several years",
            )
        )
    return out


def share_lines(dsg: DsgPosition) -> list[LineOfEnquiry]:
    """The council's shares the documents set beside the national ones on SEND (analyse.dsg.
    stated_shares), a driver of High Needs spend: one question asking what the difference costs the
    High Needs block and what the plan does about it. No money is stated."""
    if not dsg.stated_shares:
        return []
    said = "; ".join(f"'{text}'" for text in dict.fromkeys(s.text for s in dsg.stated_shares))
    pairs = "; ".join(f"{s.council_pct:g}% against {s.national_pct:g}% nationally" for s in dsg.stated_shares)
    return [
        LineOfEnquiry(
            question=(
                f"The documents state the council's shares on SEND beside the national ones ({pairs}):"
                " what does the difference cost the High Needs block each year, and what in the DSG plan"
                " changes it, by when?"
            ),
            because=f"The documents say: {said}",
            addressed_to="DCS; S151",
            provenance=[p for s in dsg.stated_shares for p in s.provenance],
            scope=Scope.DSG_HIGH_NEEDS,
        )
    ]


def variance_lines(
    statements: list[Statement], carried: list[CarriedVariance], savings: list[SavingJudgement] | None = None
) -> list[LineOfEnquiry]:
    """A children's service's variance the documents state only as a percentage (a material one,
    as analyse.selection marks it): what it is in pounds and whether the forecast holds it; where a
    budget build carries the current year's variance on the same subject in pounds
    (`in_pounds`), that figure cited and asked what budget the percentage is of (the documents
    do not say, so no remainder is known) and whether the pounds cover it. The children's savings
    on the same subject (`savings_on`) are named in it. A percentage is no money to rank by."""
    out = []
    for s in statements:
        if s.variance_percent is None:
            continue
        pounds = in_pounds(s, carried)
        same = savings_on(s, savings or [])
        question = (
            f"What is the variance the documents state as {s.variance_percent:g}% ('{s.text}') in"
            " pounds, what drives it, and is it in the forecast and the plan?"
        )
        because = f"The documents state a children's service's variance as a percentage only: '{s.text}'"
        if pounds:
            given = "; ".join(
                f"{gbp(c.amount_gbp)} in {c.period}, '{c.title}: {c.description}'".rstrip() for c in pounds
            )
            question = (
                f"The documents state a variance of {s.variance_percent:g}% ('{s.text}') and add to the"
                f" budget for it in pounds ({given}): what budget is the {s.variance_percent:g}% of, what"
                " is it in pounds, and does what is added cover it?"
            )
            because = (
                f"The documents state the variance as a percentage ('{s.text}') and not the budget it is"
                f" of; the budget build carries the current year's variance on the same subject in pounds: {given}"
            )
        if same:
            named = ", ".join(f"'{j.title}' ({gbp(j.target_gbp)})" for j in same)
            question += f" How do the savings planned on the same subject ({named}) stand against it?"
        out.append(
            LineOfEnquiry(
                question=question,
                because=because,
                addressed_to="DCS; S151",
                provenance=s.provenance
                + [p for c in pounds for p in c.provenance[:1]]
                + [p for j in same for p in j.provenance[:1]],
                scope=s.scope,
            )
        )
    return out


def savings_on(statement: Statement, savings: list[SavingJudgement]) -> list[SavingJudgement]:
    """The children's savings with a target on the statement's subject (a subject phrase both
    name, as `in_pounds` reads one) and of its scope."""
    wanted = subject_phrases(statement.text)
    return [
        j for j in savings if j.scope == statement.scope and j.target_gbp and wanted & subject_of(j.title, "")
    ]


def in_pounds(statement: Statement, carried: list[CarriedVariance]) -> list[CarriedVariance]:
    """The current year's variances a budget build carries in pounds on the statement's subject (a
    subject phrase both name: analyse.themes.subject_of) and of its scope."""
    wanted = subject_phrases(statement.text)
    return [
        c
        for c in carried
        if c.scope == statement.scope and wanted & subject_of(c.title, c.description) and c.amount_gbp
    ]


# A subject a question names in quotes ('Looked after children – residential placements'): an
# opening quote not inside a word, a closing one not before a letter (not the "'s" of "children's").
QUOTED = re.compile(r"(?<!\w)'(.+?)'(?!\w)")


def asking_for_missing(lines: list[LineOfEnquiry], missing: list[MissingDocument]) -> list[LineOfEnquiry]:
    """The first question on a subject whose document the papers cite and the bundle lacks (the
    Placement Sufficiency Strategy for a residential placements overspend) asks for it by name, the
    question `_question_for` picks. Each document is asked for once, where no question names it
    already; a question asking for several asks once ("Can the council supply the Sufficiency Plan
    and the Safety Valve Agreement ...?")."""
    out = list(lines)
    asking: dict[int, list[MissingDocument]] = {}
    for doc in missing:
        if doc.why != "cited" or any(_asks_for(q, doc) for q in out):
            continue
        on = _question_for(doc, list(enumerate(out)))
        if on is not None and doc.name not in {d.name for d in asking.get(on, [])}:
            asking.setdefault(on, []).append(doc)
    for on, docs in asking.items():
        q = out[on]
        names = [f"the {_as_cited(d)}" for d in docs]
        named = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        provenance = list(q.provenance)
        provenance += [p for d in docs for p in d.provenance[:1] if p not in provenance]
        out[on] = q.model_copy(
            update={
                "question": f"{q.question} Can the council supply {named} the documents cite, not received?",
                "provenance": provenance,
            }
        )
    return out


def _as_cited(doc: MissingDocument) -> str:
    """A document's name as the passage citing it writes it: "deficit management plan", where the
    list of documents not received opens it with a capital."""
    cited = doc.provenance[0].text if doc.provenance else ""
    lower = doc.name[:1].lower() + doc.name[1:]
    return lower if doc.name not in cited and lower in cited else doc.name


def _question_for(doc: MissingDocument, lines: list[tuple[int, LineOfEnquiry]]) -> int | None:
    """Which question asks for a missing document. One tied to a ring-fenced scope (its name, else
    the passage citing it, read by analyse.scope.text_scope: "its deficit management plan is behind
    schedule", "the SEN commissioning intentions ... in line with the Safety Valve agreement ...
    informed by the Sufficiency Plan") is asked in a question of that scope: the first whose quoted
    subject shares a theme with the name or that passage, else the first. Any other is asked in the
    first question whose quoted subjects (`_subject_themes`) take in every theme its name names (the
    "Commissioning Plan for Education Provision" is not a placements market question's for sharing
    "commissioning"); a question quoting no subject (the directorate's whole overspend) is on none.
    Where no question is on its subject, the first resting on the very place that cites it (its
    evidence cites that row or passage: a tracker's "Options to be brought to Cabinet in December
    2025" and the question on that saving) asks for it."""
    on = _on_subject(doc, lines)
    return on if on is not None else _on_place(doc, lines)


def _on_subject(doc: MissingDocument, lines: list[tuple[int, LineOfEnquiry]]) -> int | None:
    cited = doc.provenance[0].text if doc.provenance else ""
    scope = text_scope(doc.name) or text_scope(cited)
    named = set(with_parents(themes_of(doc.name)))
    if scope in RING_FENCED:
        scoped = [(i, q) for i, q in lines if q.scope == scope]
        about = named | set(with_parents(themes_of(cited)))
        return next((i for i, q in scoped if about & _subject_themes(q)), next((i for i, _ in scoped), None))
    return next((i for i, q in lines if named and named <= _subject_themes(q)), None)


def _on_place(doc: MissingDocument, lines: list[tuple[int, LineOfEnquiry]]) -> int | None:
    at = {_place(p) for p in doc.provenance[:1]}
    return next((i for i, q in lines if at & {_place(p) for p in q.provenance}), None)


def _subject_themes(line: LineOfEnquiry) -> set[str]:
    """The themes of the subjects a question names in quotes (none where it quotes none)."""
    quoted = " ".join(QUOTED.findall(line.question))
    return set(with_parents(themes_of(quoted))) if quoted else set()


def _from_missing(missing: list[MissingDocument]) -> list[LineOfEnquiry]:
    if not missing:
        return []
    return [
        LineOfEnquiry(
            question="Can the council provide: " + "; ".join(m.label for m in missing) + "?",
            because="A review normally reads these, or the papers cite them, and the bundle did not include"
            " them; no other question asks for them.",
            provenance=list(dict.fromkeys(p for m in missing for p in m.provenance[:1])),
            addressed_to="S151; DCS",
            scope=Scope.COUNCIL_WIDE,
        )
    ]
