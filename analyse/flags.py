"""Savings at risk, and service lines overspending.

Each check reads one kind of evidence a reviewer would act on (seed 003's method: re-forecast "as is",
test each saving's deliverability, name the at-risk ones) and returns the Reasons it found. One saving
is one finding, whatever the number of reasons: its Flag carries them all. The money at risk is the
shortfall (slipped plus undeliverable where the tracker gives them, else target less forecast), not
the whole target; a saving the documents rate red or amber without a forecast has its whole year's
amount at risk. Money is at risk only where the documents say so (`AT_RISK_CODES`): a saving the
analysis doubts from benchmarks, demand or its service's overspend is a question, shown with its
target and its reason, and adds nothing to the money at risk.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

from analyse.amounts import distinct_savings, planned_in, same_saving, saving_target
from analyse.decisions import Decision, decisions_for
from analyse.demand import (
    CLA_THEMES,
    DemandSignal,
    StaticSentence,
    asylum_ask,
    demand_change,
    demand_static,
    demand_words,
    depends_on_demand,
    indicators_against,
    lever_direction,
    other_levers,
    rates_beside,
    relevant_signals,
    static_sentences,
)
from analyse.enquiry import (
    UNALLOCATED_CODE,
    RiskSubjects,
    code_priority,
    rated,
    risk_subjects,
    risks_about,
    row_key,
    rows_cited,
    span_words,
    totals_holding,
)
from analyse.explained import Read, explained_in, read_for_variances
from analyse.leads import Lead, SavingLeads
from analyse.matching import matching_budget_line
from analyse.position import contradicted_figure
from analyse.rag_key import RagKeys, contradiction
from analyse.records import (
    MATERIAL_VARIANCE_PERCENT,
    VARIANCE_SHARE_PLACES,
    Flag,
    JudgedReason,
    Reconciliation,
    SavingJudgement,
    Scope,
    rating_name,
)
from analyse.scope import ScopeIndex, is_childrens, may_be_flagged, scope_index, unallocated
from analyse.standing import doubt, in_doubt
from analyse.themes import (
    AT_RISK_CODES,
    MIX_LEVERS,
    line_text,
    line_themes,
    saving_levers,
    subject_of,
    subject_words,
    themes_of,
    with_parents,
)
from analyse.wording import beside_whole, gbp, gbp_alike, labels, percent, phrase_found, phrase_matcher
from extract.domain.savings import AT_RISK, ON_TRACK
from extract.prose import sentences_cited
from extract.records import (
    BudgetLine,
    Extraction,
    Figure,
    Passage,
    PeriodAmount,
    PlanLine,
    Provenance,
    Rag,
    Risk,
    SavingsLine,
)
from extract.verify.identities import BUDGET_IDENTITY

# A saving above this share of its service line's budget is large enough to question.
LARGE_SHARE = 0.15
# Shortfalls below this are rounding in a £000 table, not a forecast below target.
TOLERANCE_GBP = 1_000.0
# A shortfall a tracker may still rate on track (green or blue): up to this share of the target. A
# forecast further short contradicts the rating, and the forecast rules (the saving is at risk).
ON_TRACK_SHORT_SHARE = 0.25
# A saving rated on track whose forecast is a little short of its target (`forecast_check`).
SHORT_ON_TRACK = "short_of_target_rated_on_track"
# The council's savings not yet allocated to a directorate: a question (how much will fall to
# children's services?), never children's money at risk.
UNALLOCATED_WORDS = "of council-wide savings not yet allocated to a directorate"

_WORDING = phrase_matcher(
    {
        "unidentified": [
            "unidentified",
            "to be identified",
            "yet to be identified",
            "not yet identified",
            "unallocated",
            "to be allocated",
            "savings under development",
            "under development",
            "to be confirmed",
            "tbc",
            "tbd",
            "balancing item",
            "savings target to be found",
            "further savings required",
            "unspecified",
            "to be determined",
            "yet to be determined",
        ],
        "undeliverable": [
            "undeliverable",
            "not deliverable",
            "will not be delivered",
            "cannot be delivered",
            "not achievable",
            "unachievable",
            "will not be achieved",
            "not be achieved",
            "written off",
            "write off",
            "write-off",
            "no longer deliverable",
            "not been achieved",
        ],
        "at_risk": ["at risk", "high risk", "significant risk", "risk to delivery", "delivery risk"],
        "slipped": [
            "slipped",
            "slippage",
            "delayed",
            "delay",
            "deferred",
            "re-phased",
            "rephased",
            "pushed back",
            "later year",
        ],
        "carried": [
            "prior year",
            "previous year",
            "carried forward",
            "brought forward",
            "rolled forward",
            "rolling forward",
            "b/f",
            "c/f",
            "from 2022-23",
            "from 2023-24",
            "from 2024-25",
            "undelivered",
            "not delivered",
        ],
        "one_off": [
            "one-off",
            "one off",
            "non-recurrent",
            "non recurrent",
            "temporary",
            "use of reserves",
            "from reserves",
            "funded from reserves",
            "capital receipts",
            "flexible use of capital receipts",
            "new homes bonus",
            "in-year only",
            "drawdown",
            "draw down",
            "contribution holiday",
        ],
        "cost_avoidance": [
            "cost avoidance",
            "cost increase avoidance",
            "cost-avoidance",
            "avoided cost",
            "avoided costs",
            "avoid costs",
        ],
        "consultation": ["consultation", "subject to consultation", "consult on"],
        "capital": [
            "capital investment",
            "capital funding",
            "capital scheme",
            "capital bid",
            "invest to save",
        ],
        "recruitment": ["recruit", "recruitment", "recruiting", "recruited"],
        # A saving met by a grant moves the cost to another funder; it does not reduce the cost.
        "grant_funded": [
            "use of external grant",
            "use of grant",
            "external grant",
            "grant funding",
            "grant funded",
            "grant-funded",
            "funded by grant",
            "funded from grant",
            "met by grant",
        ],
        # Words that say a grant is in hand, not hoped for.
        "secured": ["secured", "confirmed", "awarded", "allocated", "agreed"],
        # A pressure whose own words say charges or income meet it ("price inflation ... which is
        # recovered through uplifting the charge for the pass"): the cost is passed on, so it cannot
        # consume a saving.
        "recovered": [
            "recovered through",
            "recovered by",
            "recovered from",
            "recovered via",
            "offset by income",
            "offset by additional income",
            "offset by increased income",
            "met by income",
            "met from income",
            "funded by income",
            "funded from income",
        ],
    }
)


@dataclass(frozen=True)
class Reason:
    """One reason a saving may not deliver, in the reviewers' words, and the money it names."""

    code: str
    severity: Severity
    text: str
    amount_gbp: float | None = None
    provenance: list[Provenance] = field(default_factory=list)
    evidence: str = ""  # the figure or words read that give the reason ("Dark Amber", "one-off")
    # The years amount_gbp covers, where the reason says (a sum over a plan's later years names each).
    periods: tuple[str, ...] = ()
    asks: str = ""  # what the question this reason leads asks against (analyse.enquiry QUESTIONS' {asks})
    asks_asylum: str = ""  # its question on asylum-seeking children besides (analyse.demand.asylum_ask)


@dataclass(frozen=True)
class Assessment:
    """One saving, the money it should deliver this year, what the checks found, and its one flag."""

    line: SavingsLine
    amount_gbp: float | None
    scope: Scope
    reasons: list[Reason] = field(default_factory=list)
    period: str | None = None
    # The lead the documents name for the saving (analyse.leads): every question on it goes to them.
    lead: Lead | None = None

    @property
    def children(self) -> bool:
        return is_childrens(self.scope)

    @property
    def on_track(self) -> bool:
        """The tracker says delivered or on track: rated green or blue, or forecast to meet its target."""
        line = self.line
        met = (
            line.target_gbp is not None
            and line.forecast_gbp is not None
            and line.forecast_gbp >= line.target_gbp
        )
        return line.rag in ON_TRACK or met

    def _at_risk_reasons(self) -> list[Reason]:
        # The documents' own evidence only; inferred doubts (demand rises, the service overspends) are
        # questions, whatever the tracker says or whether there is one.
        return [r for r in self.reasons if r.code in AT_RISK_CODES]

    @property
    def at_risk(self) -> bool:
        return bool(self._at_risk_reasons())

    @property
    def money_at_stake(self) -> float:
        """The money a saving puts at stake, decided here once for the savings summary, the flags and
        the lines of enquiry: its shortfall (target less forecast) where a forecast is given; where
        none is, the tracker's declared slipped and undeliverable amounts or its shortfall, else the
        whole target where it is rated red or amber, else what the reasons name (an unidentified
        saving's amount). A saving on track (rated green or blue, or forecast to meet its target) has
        nothing at stake, however many questions the analysis asks about it."""
        line = self.line
        if not self.at_risk:
            return 0.0
        if line.target_gbp is not None and line.forecast_gbp is not None:
            return max(line.target_gbp - line.forecast_gbp, 0.0)
        if self.on_track:
            return 0.0
        if line.undeliverable_gbp or line.slipped_gbp:
            return (line.undeliverable_gbp or 0.0) + (line.slipped_gbp or 0.0)
        if line.shortfall_gbp is not None:
            return max(line.shortfall_gbp, 0.0)
        if line.rag in AT_RISK and self.amount_gbp:
            return abs(self.amount_gbp)
        return max((abs(r.amount_gbp) for r in self._at_risk_reasons() if r.amount_gbp), default=0.0)

    @property
    def whole_target_at_risk(self) -> bool:
        """The money at stake is the saving's whole target because the tracker gives no forecast (nor
        a shortfall, slipped or undeliverable amount) for a saving rated amber or red: money at risk,
        not a shortfall, which is target less forecast (`money_at_stake`)."""
        line = self.line
        if not self.at_risk or self.on_track or not self.amount_gbp or line.rag not in AT_RISK:
            return False
        given = (
            line.forecast_gbp,
            line.shortfall_gbp,
            line.undeliverable_gbp or None,
            line.slipped_gbp or None,
        )
        return all(v is None for v in given)

    @property
    def at_risk_gbp(self) -> float:
        """The shortfall, once, however many reasons (`money_at_stake`)."""
        return self.money_at_stake

    @property
    def tracked(self) -> bool:
        """The tracker reports on the saving's delivery: a rating or a forecast."""
        return self.line.rag is not None or self.line.forecast_gbp is not None

    def flag_amount(self, lead: Reason) -> float | None:
        """The money the saving's flag (and its line of enquiry) carries: the money at stake; for a
        tracked saving with nothing at stake, none (its questions rank below money at risk); for a
        plan line no tracker reports on, the figure its lead reason names (a reversal, a one-off)."""
        if self.money_at_stake:
            return self.money_at_stake
        return None if self.tracked or lead.code in INFERRED_CODES else lead.amount_gbp

    @property
    def flags(self) -> list[Flag]:
        """The saving's one flag (none where nothing was found), carrying every reason."""
        if not self.reasons or not may_be_flagged(self.scope):
            return []
        lead = min(self.reasons, key=lambda r: (SEVERITY_RANK[r.severity], code_priority(r.code)))
        # The reasons in seed 003's order: the tracker's rating and forecast first, then the rest.
        ordered = sorted(self.reasons, key=_reason_rank)
        at_risk = self.at_risk
        severity = lead.severity
        amount = self.flag_amount(lead)
        why = "; ".join(r.text for r in ordered)
        why += "" if why.endswith("?") else "."  # a reason that asks ends the message with its question
        if self.lead:
            why += f" Its lead, in the documents' words: {self.lead.who}."
        year = f" for {self.period}" if self.period else ""
        if at_risk and self.at_risk_gbp:
            # the sum at risk, the target and the forecast written alike, as its reasons write them
            at_risk_as, target_as, _ = gbp_alike(
                self.at_risk_gbp, self.amount_gbp or 0.0, self.line.forecast_gbp or self.at_risk_gbp
            )
            target = f" of its {target_as} target{year}" if self.amount_gbp else ""
            if self.whole_target_at_risk:
                target = f", its whole {target_as} target{year}, no forecast being given"
            message = f"{at_risk_as} at risk{target}: {why}"
        elif not at_risk and self.on_track and lead.code == SHORT_ON_TRACK:
            # the tracker's rating and its forecast's shortfall, as it has them: not money at risk
            message = f"{why[0].upper()}{why[1:]}"
        elif not at_risk and self.on_track:
            # Reported on track: what the analysis infers is a question, not money at risk.
            severity = LOWER[severity]
            message = f"Reported on track{year}, but {why}"
        elif not at_risk and lead.code in INFERRED_CODES:
            target = f" (a target of {gbp(self.amount_gbp)}{year})" if self.amount_gbp else ""
            message = f"Doubted, though the documents do not state it at risk{target}: {why}"
        else:
            message = why[0].upper() + why[1:]
        provenance = list(self.line.provenance)
        for r in ordered:
            provenance += [p for p in r.provenance if p not in provenance]
        provenance += [p for p in (self.lead.provenance if self.lead else []) if p not in provenance]
        return [
            Flag(
                code=lead.code,
                severity=severity,
                subject=self.line.title,
                message=message,
                amount_gbp=amount,
                periods=list(lead.periods) if amount == lead.amount_gbp else [],
                themes=line_themes(self.line),
                provenance=provenance,
                scope=self.scope,
                reasons=[r.text for r in ordered],
                reason_codes=[r.code for r in ordered],
                asks=lead.asks,
                asks_asylum=next((r.asks_asylum for r in ordered if r.asks_asylum), ""),
                owner=self.lead.who if self.lead else "",
            )
        ]

    def judgement(self) -> SavingJudgement:
        """The saving judged, each reason with the words or figure that gave it and where."""
        line = self.line
        ordered = sorted(self.reasons, key=_reason_rank)
        verdict: Literal["at_risk", "question", "no_concern"] = (
            "at_risk" if self.at_risk else "question" if ordered else "no_concern"
        )
        return SavingJudgement(
            ref=line.ref,
            title=line.title,
            scope=self.scope,
            period=line.period or self.period,
            rag_text=line.rag_text or (line.rag.value if line.rag else None),
            target_gbp=self.amount_gbp,
            forecast_gbp=line.forecast_gbp,
            at_risk_gbp=self.at_risk_gbp,
            whole_target_at_risk=self.whole_target_at_risk,
            verdict=verdict,
            tracked=self.tracked,
            reasons=[
                JudgedReason(
                    code=r.code,
                    reason=r.text,
                    evidence=r.evidence or line.title,
                    quoted=_quoted(r, line),
                    provenance=r.provenance or line.provenance,
                )
                for r in ordered
            ],
            provenance=line.provenance,
        )


# Reasons given by a sentence of the documents' beside the saving's row, quoted as their evidence.
SENTENCE_CODES = frozenset({"depends_on_reserve_funding"})


def _quoted(reason: Reason, line: SavingsLine) -> bool:
    """Whether a reason's evidence is the document's own words (a rating, a phrase of the saving),
    rather than figures the reason already states."""
    said = reason.evidence.strip()
    texts = [line.title, line.description, line.status_text or "", line.rag_text or ""]
    texts += [p.text for p in line.provenance]
    if reason.code in SENTENCE_CODES:  # the documents' sentence that gave it, quoted whole
        texts += [p.text for p in reason.provenance]
    # Whole words only: a rating of "red" is not quoted from "Reduce".
    words = re.compile(rf"(?<!\w){re.escape(said)}(?!\w)", re.I)
    return bool(said) and any(words.search(t) for t in texts)


def _reason_rank(reason: Reason) -> int:
    return REASON_ORDER.index(reason.code) if reason.code in REASON_ORDER else len(REASON_ORDER)


def judgements(assessments: list[Assessment]) -> list[SavingJudgement]:
    """Every children's saving of the review year judged (another directorate's, capital schemes and
    earlier years' tracker lines are not), most money at risk first, then the largest target."""
    judged = [
        a.judgement()
        for a in assessments
        if a.children and may_be_flagged(a.scope) and (not a.period or a.line.period in (None, a.period))
    ]
    return sorted(judged, key=lambda j: (-j.at_risk_gbp, -(j.target_gbp or 0.0)))


# Doubts the analysis infers from outside the saving's own row (benchmarks, demand, the service's
# overspend): questions for the reviewers, never money at risk.
INFERRED_CODES = frozenset(
    {
        "overspend_exceeds_saving",
        "demand_reduction_against_rising_demand",
        "demand_reduction_on_weak_evidence",
        "demand_reduction_saving",
        "depends_on_unsettled_decision",
        "register_risk_on_subject",
        "pressure_on_subject",
    }
)


def doubt_said_once(
    mismatches: list[Flag], overspends: list[Flag], budget_lines: list[BudgetLine]
) -> list[Flag]:
    """One flag a figure: a total whose lines do not add up to it and that is flagged for its
    overspend says so in that flag (`overspend_flags`, its doubt), so the reconciliation's flag that
    its lines miss it, on the same row, is not a second one (Wyvern's children's directorate total:
    once, not on two pages); nor is it where a line under it is flagged for its overspend and in
    doubt because of that total (its own figures make the total add up: Northmoor's misprinted
    placements forecast), whose flag says why the lines miss it."""
    said = {_at(f.provenance[0]) for f in overspends if f.provenance}
    doubted = [b for b in budget_lines if b.provenance and in_doubt(b)]
    flagged = {_at(b.provenance[0]) for b in doubted} & said
    # the totals a flagged line's failed checks name (the total its figures do not add up to)
    named = {
        _at(c.provenance[0])
        for b in doubted
        if _at(b.provenance[0]) in flagged
        for c in b.checks
        if not c.held and c.provenance
    }
    return [
        f
        for f in mismatches
        if f.code != "total_mismatch" or not f.provenance or _at(f.provenance[0]) not in flagged | named
    ]


def stated_otherwise_said(flags: list[Flag], recs: list[Reconciliation]) -> list[Flag]:
    """Each overspend stated two ways (a "cross_document_mismatch" whose first place is a table's
    row) said in that row's overspend flag, where one is raised: the table's figure leads and the
    other statement is cited beside it, as its question asks which is right (analyse.enquiry's
    `stated_otherwise_asked`); the disagreement is no second flag for the same money."""
    out = list(flags)
    for rec in recs:
        if rec.code != "cross_document_mismatch" or rec.stated_gbp is None or len(rec.provenance) < 2:
            continue
        row = rec.provenance[0]
        on = next((i for i, f in enumerate(out) if _on_row(f, row, rec.stated_gbp)), None)
        if on is None:
            continue
        flag = out[on]
        out[on] = flag.model_copy(
            update={
                "message": f"{flag.message} {rec.message}",
                "reasons": (flag.reasons or [flag.message]) + [rec.message],
                "reason_codes": (flag.reason_codes or [flag.code]) + [rec.code],
                "provenance": list(dict.fromkeys([*flag.provenance, *rec.provenance])),
            }
        )
        out = [f for f in out if not (f.code == rec.code and f.provenance == rec.provenance)]
    return out


def _on_row(flag: Flag, row: Provenance, variance: float) -> bool:
    """An overspend flag on the overspend a table's row states: it cites the row, for that sum."""
    return (
        flag.code == "service_overspend"
        and row in flag.provenance
        and flag.amount_gbp is not None
        and math.isclose(flag.amount_gbp, variance)
    )


def _at(where: Provenance) -> tuple[str, int | None, str | None]:
    """A record's place: its document, page and row."""
    return where.sha256, where.page, where.locator


SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
LOWER: dict[Severity, Severity] = {"high": "medium", "medium": "low", "low": "low"}
REASON_ORDER = [
    "rag_red",
    "rag_amber",
    "declared_at_risk",
    "forecast_below_target",
    SHORT_ON_TRACK,
    "slipped",
    "undeliverable",
    "unidentified_saving",
    UNALLOCATED_CODE,
    "pressure_on_subject",
    "one_off_measure",
    "funding_swap",
    "cost_avoidance",
    "demand_reduction_against_rising_demand",
    "demand_reduction_on_weak_evidence",
    "demand_reduction_saving",
    "depends_on_unsettled_decision",
    "register_risk_on_subject",
    "depends_on_consultation",
    "depends_on_capital",
    "depends_on_reserve_funding",
    "depends_on_recruitment",
    "repeat_of_slipped_saving",
    "carried_forward",
    "prior_year_saving_reversed",
    "overspend_exceeds_saving",
    "saving_large_against_budget",
]


@dataclass(frozen=True)
class Context:
    """What a saving is checked against beyond its own row."""

    period: str | None
    budget_lines: list[BudgetLine]
    demand: list[DemandSignal]
    scopes: ScopeIndex | None = None  # the bundle's scope decisions; else read from the savings alone
    savings: list[SavingsLine] = field(default_factory=list)  # every saving read, earlier years' too
    decisions: list[Decision] = field(default_factory=list)  # decisions the documents say are unsettled
    risks: list[Risk] = field(default_factory=list)  # the risk register's risks
    passages: Sequence[Passage] = ()  # the documents' prose, where a saving's lead is named
    # The documents' statement that the year's savings shortfall is (or is not) in the forecast
    # (extract's `Figure.in_forecast`), where they make one.
    shortfall_statement: Figure | None = None
    rag_keys: RagKeys = field(default_factory=dict)  # each tracker's key to its ratings (analyse.rag_key)
    pressures: list[PlanLine] = field(default_factory=list)  # the plans' pressures, each with its phasing

    @cached_property
    def _reserve_funding(self) -> list[tuple[str, list[Provenance]]]:
        """The documents' sentences that say an investment is funded from a reserve and not from
        capital (`RESERVE_FUNDING`), read once, not for each saving."""
        return [
            (sentence, where)
            for passage in self.passages
            if RESERVE_FUNDING.search(passage.text)
            for sentence, where in sentences_cited(passage)
            if RESERVE_FUNDING.search(sentence) and not CAPITAL_STATED.search(sentence)
        ]

    def reserve_funding(self, line: SavingsLine) -> tuple[str, list[Provenance]] | None:
        """The first sentence saying the saving's investment is funded from a reserve: one naming it
        by its reference, or by its whole title, as a word of its own."""
        names = [n for n in ((line.ref or "").strip(), line.title.strip()) if n]
        for sentence, where in self._reserve_funding:
            if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", sentence, re.I) for n in names):
                return sentence, where
        return None

    @cached_property
    def pressure_subjects(self) -> list[tuple[PlanLine, set[str]]]:
        """Each pressure with its subject (analyse.themes.subject_of), read once, not for each saving."""
        return [(p, subject_of(p.title, p.description)) for p in self.pressures if p.provenance]

    @cached_property
    def on_budget_lines(self) -> dict[tuple[str, str | None], list[SavingsLine]]:
        """The distinct savings matched to each service line (analyse.matching), keyed by the line's
        row: read once, not for each saving."""
        out: dict[tuple[str, str | None], list[SavingsLine]] = {}
        for saving in distinct_savings(self.savings):
            budget = matching_budget_line(saving, self.budget_lines)
            if budget is not None and budget.provenance:
                out.setdefault(_row(budget), []).append(saving)
        return out

    @cached_property
    def register(self) -> RiskSubjects:
        """The register's risks a saving may cite, each with its subject (analyse.enquiry.risk_subjects):
        read once, not for each saving."""
        return risk_subjects(self.risks)

    @cached_property
    def leads(self) -> SavingLeads:
        """Where the documents name the savings' leads: read once, not for each saving."""
        return SavingLeads(self.savings, self.passages)

    @cached_property
    def static_demand(self) -> list[StaticSentence]:
        """The documents' sentences saying demand is not moving: read once, not for each saving."""
        return static_sentences(self.passages)


Severity = Literal["high", "medium", "low"]


Check = Callable[[SavingsLine, float | None, Context], list[Reason]]


def assess_savings(savings: list[SavingsLine], context: Context) -> list[Assessment]:
    """Every saving (stated totals left out) with its reasons. Another directorate's saving, or a
    capital scheme, is assessed (the workbook keeps it) but raises no flag."""
    lines = distinct_savings(savings)
    scopes = context.scopes or scope_index(Extraction(savings=lines))
    context = replace(context, scopes=scopes, savings=context.savings or list(savings))
    out = []
    for line in lines:
        amount = saving_target(line, context.period)
        reasons = [r for check in CHECKS for r in check(line, amount, context)]
        lead = context.leads.lead(line) if reasons else None
        out.append(Assessment(line, amount, scopes.plan_line(line), reasons, context.period, lead))
    return out


def _reason(
    code: str,
    severity: Severity,
    text: str,
    amount: float | None,
    provenance: list[Provenance] | None = None,
    evidence: str = "",
    periods: tuple[str, ...] = (),
    asks: str = "",
) -> Reason:
    return Reason(code, severity, text, amount, provenance or [], evidence, periods, asks)


def _said(label: str, text: str) -> str:
    """The words in `text` that gave `label` (as written), for a reason's evidence."""
    return phrase_found(_WORDING, label, text) or ""


def _words(line: SavingsLine) -> set[str]:
    return labels(
        _WORDING, " ".join(t for t in (line_text(line), line.status_text or "", line.rag_text or ""))
    )


def _status_words(line: SavingsLine) -> set[str]:
    return labels(_WORDING, " ".join(t for t in (line.status_text or "", line.rag_text or "")))


# The line's risk reasons (extract.domain.savings.risk_reasons) that are the tracker's own words.
DECLARED_BY_TRACKER = frozenset({"declared_at_risk", "undeliverable", "slipped"})


def rag_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Reason]:
    at_stake = line.shortfall_gbp if line.shortfall_gbp else amount
    # The rating as a reviewer reads it: the tracker's own words ("Dark Amber" is amber, and says
    # so), its colour's name where it prints the colour or only its letter ("R" is "rated Red").
    rated = f"rated {rating_name(line.rag.value if line.rag else None, line.rag_text)}"
    said = (line.rag_text or line.rag or "").strip()
    if line.rag == Rag.RED:
        return [_reason("rag_red", "high", rated, at_stake, evidence=said)]
    if line.rag == Rag.AMBER:
        return [_reason("rag_amber", "medium", rated, at_stake, evidence=said)]
    # Only what the tracker itself declares (its status words: at risk, undeliverable, slipped) is
    # "reported at risk by the tracker"; a forecast short of target is the forecast's own reason
    # (`forecast_check`), never put in the tracker's mouth ("On track", 750 of 900).
    declared = [r for r in line.risk_reasons if r.code in DECLARED_BY_TRACKER]
    if line.rag is None and ("at_risk" in _status_words(line) or declared):
        # The tracker's words are evidence, quoted whole; the reason itself is the review's words.
        why = line.status_text or "; ".join(r.evidence for r in declared) or "marked at risk"
        return [
            _reason("declared_at_risk", "medium", "reported at risk by the tracker", at_stake, evidence=why)
        ]
    return []


def rag_key_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Reason]:
    """A rating the tracker's own key gives a meaning its forecast contradicts: a question."""
    rated = line.rag_text or (line.rag.value if line.rag else "")
    key = ctx.rag_keys.get(line.provenance[0].file, {}) if line.provenance else {}
    meaning = key.get(" ".join(rated.split()).lower())
    asked = contradiction(meaning, line.target_gbp, line.forecast_gbp, TOLERANCE_GBP)
    if meaning is None or asked is None:
        return []
    said = f"{meaning.rating}: {meaning.meaning}"
    return [_reason("rag_contradicts_forecast", "medium", asked, None, list(meaning.provenance), said)]


def forecast_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Reason]:
    """A forecast short of the saving's target, the two written alike (analyse.wording.gbp_alike) so
    that the shortfall can be read off them. A saving its tracker rates on track (green or blue)
    whose forecast falls short by no more than `ON_TRACK_SHORT_SHARE` of its target is said as the
    tracker has it, rated so and forecast short (`SHORT_ON_TRACK`): a question, not a saving at risk;
    further short, the forecast contradicts the rating and the saving is at risk."""
    target, forecast = line.target_gbp, line.forecast_gbp
    if target is None or forecast is None or target - forecast <= TOLERANCE_GBP:
        return []
    short = target - forecast
    of_target, forecast_as = gbp_alike(target, forecast)
    said = f"target {of_target}, forecast {forecast_as if forecast else '£0'}"
    if line.rag in ON_TRACK and short <= ON_TRACK_SHORT_SHARE * target:
        rated = rating_name(line.rag.value if line.rag else None, line.rag_text)
        text = f"rated {rated}; forecast {gbp(short)} short of target ({forecast_as} against {of_target})"
        return [_reason(SHORT_ON_TRACK, "low", text, short, evidence=said)]
    severity: Severity = "high" if forecast < 0.5 * target else "medium"
    delivers = forecast_as if forecast else "nothing"
    text = f"forecast to deliver {delivers} against a target of {of_target}"
    return [_reason("forecast_below_target", severity, text, short, evidence=said)]


def undeliverable_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Reason]:
    if line.undeliverable_gbp:
        money = line.undeliverable_gbp
        return [
            _reason(
                "undeliverable", "high", f"{gbp(money)} declared undeliverable", money, evidence=gbp(money)
            )
        ]
    if "undeliverable" in _status_words(line) and amount and amount > 0:
        said = line.status_text or line.rag_text or ""
        return [_reason("undeliverable", "high", "reported as undeliverable", amount, evidence=said)]
    return []


def timing_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Reason]:
    """Slipped to a later year, carried (or reversed) from an earlier one, or a repeat of one that
    slipped before."""
    words = _words(line)
    out = []
    if line.slipped_gbp:
        text = f"{gbp(line.slipped_gbp)} slipped to a later year"
        out.append(_reason("slipped", "medium", text, line.slipped_gbp, evidence=gbp(line.slipped_gbp)))
    elif "slipped" in _status_words(line) and amount and amount > 0:
        said = line.status_text or line.rag_text or ""
        out.append(_reason("slipped", "medium", "delivery reported as delayed", amount, evidence=said))
    name = f"{line.title}. {line.description}"
    named = labels(_WORDING, name)
    earlier = _slipped_before(line, ctx)
    every = " ".join(t for t in (line_text(line), line.status_text or "", line.rag_text or ""))
    if "carried" in words and amount is not None and amount < 0:
        text = f"reverses {gbp(-amount)} of an earlier year's saving that was not delivered"
        said = _said("carried", every)
        out.append(_reason("prior_year_saving_reversed", "medium", text, -amount, evidence=said))
    elif earlier is not None:
        year = f" in {earlier.period}" if earlier.period else ""
        text = f"a repeat of a saving that slipped before ({_slip_words(earlier)}{year})"
        said = f"{earlier.title}: {_slip_words(earlier)}"
        out.append(
            _reason("repeat_of_slipped_saving", "medium", text, amount, list(earlier.provenance), said)
        )
    elif "slipped" in named:
        text = "a repeat of a saving that slipped before"
        out.append(
            _reason("repeat_of_slipped_saving", "medium", text, amount, evidence=_said("slipped", name))
        )
    elif "carried" in words and amount:
        said = _said("carried", every)
        out.append(
            _reason("carried_forward", "medium", "carried from an earlier year", amount, evidence=said)
        )
    return out


def _slipped_before(line: SavingsLine, ctx: Context) -> SavingsLine | None:
    """The same saving in an earlier year's tracker or plan in the bundle, where it slipped there."""
    if not line.period:
        return None
    for other in ctx.savings:
        if other.period and other.period < line.period and same_saving(other, line) and _slip_words(other):
            return other
    return None


def _slip_words(line: SavingsLine) -> str:
    """What says a saving slipped: its slipped amount, or the words of its status or rating."""
    if line.slipped_gbp:
        return f"{gbp(line.slipped_gbp)} slipped"
    status = " ".join(t for t in (line.status_text or "", line.rag_text or "") if t)
    return status if "slipped" in labels(_WORDING, status) else ""


def not_yet_identified(line: SavingsLine) -> bool:
    """The saving's own words say it is not yet identified ("under development", "to be
    identified", "unidentified"): the one reading of those words, for flags and for the gap."""
    return "unidentified" in labels(_WORDING, f"{line.title} {line.description}")


def says_not_yet_identified(text: str) -> bool:
    """Words that say savings are not yet identified, read as `not_yet_identified` reads a saving's."""
    return "unidentified" in labels(_WORDING, text)


def unidentified_label(line: SavingsLine) -> str:
    """Which of the saving's own words say it is not yet identified, as printed: its title or its
    description ("Future savings under development"), for the pack to quote rather than restate."""
    return next((t for t in (line.title, line.description) if "unidentified" in labels(_WORDING, t)), "")


def unidentified_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Reason]:
    """Savings not yet found or not yet given to a directorate, in the review year or a later one.
    The children's are at risk; the council's (analyse.scope places a line whose directorate is
    "TBC" with the council) are a question of how much of them will fall to children's services."""
    if not (not_yet_identified(line) or unallocated(line.directorate, line.service_area)):
        return []
    words = _said("unidentified", f"{line.title} {line.description}")
    said = words or (
        f"directorate {line.directorate}"
        if unallocated(line.directorate)
        else f"service area {line.service_area}"
    )
    council = ctx.scopes is not None and ctx.scopes.plan_line(line) is Scope.COUNCIL_WIDE
    severity: Severity = "medium" if council else "high"
    code = UNALLOCATED_CODE if council else "unidentified_saving"
    what = UNALLOCATED_WORDS if council else "not yet identified or allocated to a service"
    # The children's line is at risk in its year; the council's is one question over every year the
    # plan phases it in, the review's year included.
    if amount and amount > 0 and not council:
        reason = _reason(code, severity, what, amount, evidence=said, periods=_year_of(ctx.period))
        return [_with_status(reason, line, words)]
    later = [p for p in sorted(line.planned, key=lambda p: p.period) if p.amount_gbp > 0]
    if not later:
        return []
    # The plan's yearly amounts are each year's additional saving, so the total still to find is their sum.
    total = sum(p.amount_gbp for p in later)
    phasing = ", ".join(f"{gbp(p.amount_gbp)} in {p.period}" for p in later)
    years = tuple(dict.fromkeys(p.period for p in later))
    return [_reason(code, severity, f"{gbp(total)} {what} ({phasing})", total, evidence=said, periods=years)]


# Where the tracker already says where and when a saving's options go ("Options to be brought to
# Cabinet in December 2025"): its question asks what that leaves open, not how and when.
ROUTE = re.compile(
    r"\b[\w ]*?\b(?:to be|will be|are to be|being|going)\s+(?:brought|taken|presented|reported|submitted|put)"
    r"\s+to\s+(?:the\s+)?[A-Z][\w'’ ]*?\s+(?:in|by|on)\s+"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}"
)


def _with_status(reason: Reason, line: SavingsLine, said: str) -> Reason:
    """A directorate's unidentified saving, in its own words ("to be identified") and with what its
    tracker says of it: the words quoted where they belong, not after the reason."""
    status = (line.status_text or "").strip()
    route = ROUTE.search(status)
    quoted = [f"'{said}'"] if said and said.lower() not in reason.text.lower() else []
    quoted += [f"the tracker says: '{status}'"] if status else []
    text = reason.text + (f" ({'; '.join(quoted)})" if quoted else "")
    return replace(reason, text=text, asks=route[0] if route else "")


def _year_of(period: str | None) -> tuple[str, ...]:
    return (period,) if period else ()


def one_off_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Reason]:
    """A one-off or temporary measure (reserves, capital receipts) standing in for a recurrent saving.
    Where the plan itself reverses it in a later year, wholly or in part, that year's budget already
    carries its end (inside the plan's gap): the saving is temporary, as far as it is reversed; a
    question of what replaces it, with no money at stake."""
    reversal = _reversal_year(line)
    said = _said("one_off", f"{line.title}. {line.description}")
    reversed_later = _reversed_later(line)
    if (not said and not reversed_later) or not amount or amount <= 0:
        return []
    phasing = ", ".join(
        f"{gbp(p.amount_gbp)} in {p.period}" for p in sorted(line.planned, key=lambda p: p.period)
    )
    if reversal:
        text = f"met one-off, and the plan reverses it in {reversal}"
        return [_reason("one_off_measure", "medium", text, None, evidence=said or phasing)]
    if reversed_later:
        back = " and ".join(f"{gbp(-p.amount_gbp)} in {p.period}" for p in reversed_later)
        text = f"temporary in part: the plan reverses it by {back} (its phasing: {phasing})"
        return [_reason("one_off_measure", "medium", text, None, evidence=phasing)]
    return [_reason("one_off_measure", "medium", "met one-off rather than ongoing", amount, evidence=said)]


def _reversed_later(line: SavingsLine) -> list[PeriodAmount]:
    """The later years in which the plan takes back part of the line's first year's saving: a
    negative amount after a positive first year (a saving reversed later is temporary)."""
    planned = sorted(line.planned, key=lambda p: p.period)
    if len(planned) < 2 or planned[0].amount_gbp <= 0:
        return []
    return [p for p in planned[1:] if p.amount_gbp < -TOLERANCE_GBP]


def funding_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Reason]:
    """A saving its own words say a grant meets: a funding swap, not a reduction in cost (the cost
    stays, another funder pays it while the grant lasts), with whether its words say the grant is
    secured."""
    words = f"{line.title}. {line.description}. {line.status_text or ''}"
    said = _said("grant_funded", words)
    if not said or not amount or amount <= 0:
        return []
    secured = _said("secured", words)
    held = f"its words say the grant is {secured}" if secured else "its words do not say the grant is secured"
    text = f"met by a grant ('{said}'): a funding swap, not a reduction in cost; {held}"
    return [_reason("funding_swap", "medium", text, None, evidence=said)]


def _pressure_reasons(
    line: SavingsLine, wanted: set[str], amount: float | None, ctx: Context
) -> list[Reason]:
    """The pressures of the saving's own plan and year on its subject (`subject_pressures`), where
    they are as large as the saving or larger: the growth on its subject may consume it. High where
    they are larger; medium where they are within the materiality tolerance of it. A question,
    cited to each pressure's row (the flag cites the saving's own first)."""
    on = subject_pressures(line, wanted, ctx)
    total = sum(a for _, a in on)
    material = MATERIAL_VARIANCE_PERCENT / 100
    if not on or not amount or amount <= 0 or total < amount * (1 - material):
        return []
    larger = total > amount * (1 + material)
    rows = "; ".join(f"'{p.title}' {gbp(a)}" for p, a in on)
    year = f" in {ctx.period}" if ctx.period else ""
    what = subject_words(wanted)
    than = "more than" if larger else "about as much as"
    text = (
        f"the same plan adds {gbp(total)} of pressures on its subject ({what}){year}, {than} the saving's"
        f" {gbp(amount)}: {rows}; the growth may consume the saving"
    )
    asks = f"the same plan adds {gbp(total)} of pressures on its subject ({what}){year}"
    cited = [prov for p, _ in on for prov in p.provenance[:1]]
    return [
        _reason("pressure_on_subject", "high" if larger else "medium", text, amount, cited, rows, asks=asks)
    ]


def subject_pressures(line: SavingsLine, wanted: set[str], ctx: Context) -> list[tuple[PlanLine, float]]:
    """The pressures of the saving's own plan (the same document; the same directorate where both
    name one) on its subject (`wanted`), each with its amount in the review year: a pressure is on
    the saving's subject where its subject (analyse.themes.subject_of) holds every phrase of the
    saving's (growth in SEN home to school transport is on a saving for it; transport inflation for
    every pupil is not). A pressure its words say charges or income recover (`recovered`) is none:
    the cost is passed on, not a threat to the saving."""
    if not wanted or not line.provenance:
        return []
    out = []
    for p, subject in ctx.pressure_subjects:
        same_plan = p.provenance[0].file == line.provenance[0].file
        same_holder = not (p.directorate and line.directorate) or p.directorate == line.directorate
        amount = planned_in(p, ctx.period) or 0.0
        if same_plan and same_holder and amount > 0 and wanted <= subject and not recovered(p):
            out.append((p, amount))
    return out


def recovered(pressure: PlanLine) -> bool:
    """Whether the pressure's own words say charges or income recover it (Kent's Travel Saver
    inflation, "recovered through uplifting the charge for the pass")."""
    return "recovered" in labels(_WORDING, f"{pressure.title}. {pressure.description}")


def dependency_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Reason]:
    """Cost avoidance rather than cash, and savings that depend on a consultation, capital or recruitment."""
    # The plan's category is its own words too ("Transformation - Future Cost Increase Avoidance").
    words = f"{line.title}. {line.description}. {line.status_text or ''}. {line.category or ''}"
    found = labels(_WORDING, words)
    texts = {
        "cost_avoidance": ("cost_avoidance", "medium", "cost avoidance rather than a cashable saving"),
        "consultation": ("depends_on_consultation", "low", "depends on a consultation"),
        "capital": ("depends_on_capital", "low", "depends on capital investment"),
        "recruitment": ("depends_on_recruitment", "low", "depends on recruitment"),
    }
    out = [
        _reason(code, sev, text, amount, evidence=_said(label, words))  # type: ignore[arg-type]
        for label, (code, sev, text) in texts.items()
        if label in found
    ]
    if "capital" in found and not CAPITAL_STATED.search(words):
        # "Invest to save" says an investment comes first, not where its money comes from: where the
        # documents say it comes from a reserve, the saving depends on that reserve, not on capital.
        funded = ctx.reserve_funding(line)
        if funded is not None:
            sentence, where = funded
            out = [r for r in out if r.code != "depends_on_capital"] + [
                _reason(
                    "depends_on_reserve_funding",
                    "low",
                    "depends on invest-to-save funding from a reserve",
                    amount,
                    provenance=where,
                    evidence=sentence,
                )
            ]
    return out


# Words that say a saving's investment is capital in so many words (the wording's "capital" label
# less "invest to save", which says only that an investment comes first).
CAPITAL_STATED = re.compile(r"\bcapital\b", re.I)
# A sentence that says an investment or its funding comes from a reserve ("CS09 is dependent on
# £1.2m invest-to-save funding in 2025/26 from the Transformation Reserve"; "funded from the
# Invest to Save Reserve"), and not from capital.
RESERVE_FUNDING = re.compile(
    r"\b(?:invest(?:ment|ing)?|fund(?:ing|ed|s)?|financed?|drawdown|draw\s+down)\b[^.]*?\breserves?\b"
    r"|\breserves?\b[^.]*?\b(?:fund(?:ing|ed|s)?|financed?|invest(?:ment|ing)?)\b",
    re.I,
)


def _reversal_year(line: SavingsLine) -> str | None:
    """The later year in which the plan reverses the line's first year's amount, if it does."""
    planned = sorted(line.planned, key=lambda p: p.period)
    if len(planned) < 2 or planned[0].amount_gbp <= 0:
        return None
    first = planned[0].amount_gbp
    tolerance = max(TOLERANCE_GBP, 0.01 * first)
    return next((p.period for p in planned[1:] if abs(p.amount_gbp + first) <= tolerance), None)


def overspend_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Reason]:
    """The saving's service line forecasts an overspend larger than the saving (`_beyond_saving`)."""
    budget = matching_budget_line(line, ctx.budget_lines)
    if budget is None or budget.variance_gbp is None or not amount or amount <= 0:
        return []
    out = []
    stated = ctx.shortfall_statement
    in_forecast = stated is None or bool(stated.in_forecast)
    beyond = _beyond_saving(line, budget, in_forecast)
    others = _others_short(line, budget, ctx) if beyond is not None and beyond[1] is not None else []
    if others and beyond is not None:
        out.extend(_shared_overspend(line, amount, budget, others, stated))
    elif beyond is not None and beyond[0] > amount:
        over, shortfall = beyond
        said = f"{budget.name}: variance {gbp(budget.variance_gbp)}"
        name = f"its service line '{budget.name}' is forecast to overspend by {gbp(budget.variance_gbp)}"
        if shortfall is None:
            text = f"{name}, more than the saving (matched by name)"
            out.append(_reason("overspend_exceeds_saving", "high", text, amount, budget.provenance, said))
        else:
            part = (
                f"of which this saving's {gbp(shortfall)} shortfall is part: {gbp(over)} beyond it"
                if shortfall
                else "none of it this saving's (forecast to deliver in full)"
            )
            text = f"{name}, {part}, more than the saving (matched by name)"
            cited = budget.provenance + (stated.provenance if stated else [])
            asks = f"its service line overspends by {gbp(over)} beyond the saving's own shortfall"
            out.append(_reason("overspend_exceeds_saving", "medium", text, amount, cited, said, asks=asks))
    if budget.budget_gbp and budget.budget_gbp > 0 and amount / budget.budget_gbp > LARGE_SHARE:
        share = amount / budget.budget_gbp
        text = f"{percent(share)} of the '{budget.name}' budget of {gbp(budget.budget_gbp)} (matched by name)"
        severity: Severity = "high" if share > 0.3 else "medium"
        said = f"{budget.name}: budget {gbp(budget.budget_gbp)}"
        out.append(_reason("saving_large_against_budget", severity, text, amount, budget.provenance, said))
    return out


def _row(budget: BudgetLine) -> tuple[str, str | None]:
    return budget.provenance[0].file, budget.provenance[0].locator


def _shortfall(line: SavingsLine) -> float | None:
    """The tracker's shortfall for the line, else its target less its forecast; None where neither."""
    if line.shortfall_gbp is not None:
        return line.shortfall_gbp
    if line.target_gbp is not None and line.forecast_gbp is not None:
        return line.target_gbp - line.forecast_gbp
    return None


def _others_short(line: SavingsLine, budget: BudgetLine, ctx: Context) -> list[tuple[SavingsLine, float]]:
    """The other savings of the same year on the same service line forecast short (`_shortfall`):
    the line's overspend holds their shortfalls too, so what lies beyond the savings is the overspend
    less all of them, not less each alone."""
    out = []
    for other in ctx.on_budget_lines.get(_row(budget), []) if budget.provenance else []:
        short = _shortfall(other)
        distinct = other is not line and not same_saving(other, line) and other.period == line.period
        if distinct and short is not None and short > TOLERANCE_GBP:
            out.append((other, short))
    return out


def _shared_overspend(
    line: SavingsLine,
    amount: float,
    budget: BudgetLine,
    others: list[tuple[SavingsLine, float]],
    stated: Figure | None,
) -> list[Reason]:
    """A service line two or more savings sit on, forecast short: the overspend beyond them is its
    overspend less every one's shortfall (Wyvern's residential line, £5.05m less CYPE-01's £0.65m and
    CYPE-02's £0.45m: £3.95m), said once, by the saving with the largest shortfall (the others name
    it and say no sum of their own); nothing where what lies beyond is no more than the saving."""
    own = max(_shortfall(line) or 0.0, 0.0)
    variance = budget.variance_gbp or 0.0
    over = variance - own - sum(short for _, short in others)
    if over <= amount:
        return []
    said = f"{budget.name}: variance {gbp(budget.variance_gbp)}"
    name = f"its service line '{budget.name}' is forecast to overspend by {gbp(budget.variance_gbp)}"
    first, short = max(others, key=lambda o: (o[1], o[0].title))
    if short > own or (short == own and first.title < line.title):
        text = f"{name}; with '{first.title}', whose reason gives what lies beyond the savings on it (matched by name)"
        return [_reason("overspend_exceeds_saving", "low", text, amount, budget.provenance, said)]
    named = " and ".join(f"'{o.title}' {gbp(s)}" for o, s in others)
    text = (
        f"{name}, of which this saving's {gbp(own)} shortfall and {named} are part: {gbp(over)} beyond"
        " the savings on it (matched by name)"
    )
    cited = budget.provenance + (stated.provenance if stated else [])
    asks = f"its service line overspends by {gbp(over)} beyond the shortfalls of the savings on it"
    return [_reason("overspend_exceeds_saving", "medium", text, amount, cited, said, asks=asks)]


def _beyond_saving(
    line: SavingsLine, budget: BudgetLine, in_forecast: bool
) -> tuple[float, float | None] | None:
    """The line's overspend that is not the saving's own shortfall, and that shortfall, where the
    tracker gives it for the line's year and the forecast holds it: a forecast outturn counts the
    savings forecast to be delivered (as monitoring reports say: "the shortfall is included in the
    forecast"), so the saving's shortfall is part of the line's overspend, not evidence against the
    saving. Where the shortfall is not known, or the documents say the forecast leaves it out, the
    whole overspend (and None); None where the overspend is no more than the shortfall."""
    variance = budget.variance_gbp or 0.0
    same_year = not (line.period and budget.period and line.period != budget.period)
    shortfall = line.shortfall_gbp
    if shortfall is None and line.target_gbp is not None and line.forecast_gbp is not None:
        shortfall = line.target_gbp - line.forecast_gbp
    if shortfall is None or not same_year or not in_forecast:
        return variance, None
    shortfall = max(shortfall, 0.0)
    return (variance - shortfall, shortfall) if shortfall < variance else None


def demand_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Reason]:
    """A saving that needs fewer children in care, tested against the demand indicators it depends on.
    What it depends on follows its own lever (analyse.themes.saving_levers): one changing the
    placement mix (a step-down to foster care, more in-house carers) needs carers, not fewer children,
    whatever words of reducing its title holds; one on fewer children, or on no scenario's lever,
    depends on demand where its words say so."""
    scope = ctx.scopes.plan_line(line) if ctx.scopes else Scope.CHILDRENS_SOCIAL_CARE
    if not is_childrens(scope) or not depends_on_demand(line_text(line)) or not amount or amount <= 0:
        return []
    if changes_mix(line):
        return []
    said = line_text(line)
    themes = themes_of(said)
    signals = relevant_signals(themes, ctx.demand, lever_direction(said))
    beside = rates_beside(themes, ctx.demand, signals)
    adverse = [s for s in signals if s.adverse]
    if adverse:
        found = _against_demand(line, amount, signals, adverse, ctx)
    elif (static := demand_static(ctx.static_demand, CLA_THEMES & set(with_parents(themes)))) and signals:
        found = _static_demand(line, amount, signals, static)
    else:
        if signals:
            tested = f" (the indicator does not contradict it: {signals[0].describe()})"
        else:
            tested = " (no benchmark for this kind of demand was available to test it against)"
        text = f"depends on demand {demand_change(said)}{tested}"
        found = _reason("demand_reduction_saving", "low", text, amount, evidence=demand_words(said))
    return [_with_beside(found, beside, [*signals, *beside])]


def _with_beside(reason: Reason, beside: list[DemandSignal], cited: list[DemandSignal]) -> Reason:
    """A demand reason with the rising rates its lever is not tested on said beside it
    (analyse.demand.rates_beside: its question says both, never demand flat alone), and the question
    on asylum-seeking children where the rates it cites count them far above the neighbours' share."""
    text, asks = reason.text, reason.asks
    if beside:
        text += "".join(f"; {s.describe()}" for s in beside)
        rise = "rises" if len(beside) == 1 else "rise"
        named = " and ".join(f"'{s.label}'" for s in beside)
        asks += f", though {named} {rise}" if asks else ""
    provenance = reason.provenance + [
        p for s in beside for p in s.provenance + s.uasc_provenance if p not in reason.provenance
    ]
    return replace(reason, text=text, asks=asks, provenance=provenance, asks_asylum=asylum_ask(cited))


def changes_mix(line: SavingsLine) -> bool:
    """A saving whose lever changes where children are placed, not how many (`MIX_LEVERS`)."""
    levers = set(saving_levers(line))
    return bool(levers) and levers <= MIX_LEVERS


def _static_demand(
    line: SavingsLine, amount: float, signals: list[DemandSignal], static: tuple[str, list[Provenance]]
) -> Reason:
    """A saving that needs demand to fall where its own indicators do not stand against it but the
    documents say that demand is not moving: asked how much rests on demand, with what they say."""
    said = line_text(line)
    partly = other_levers(said)
    part = f" in part (it also names {', '.join(partly)})" if partly else ""
    text = f"depends{part} on demand {demand_change(said)} while the documents say: '{static[0]}'"
    text += "".join(f"; {s.describe()}" for s in signals)
    asks = f"the documents say '{static[0]}' ({_named_rates(signals)} not rising)"
    cited = [p for s in signals for p in s.provenance] + static[1]
    return _reason("demand_reduction_on_weak_evidence", "medium", text, amount, cited, static[0], asks=asks)


def _named_rates(signals: list[DemandSignal]) -> str:
    names = [f"'{s.label}'" for s in signals]
    return f"{names[0]} is" if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]} are"


def _against_demand(
    line: SavingsLine,
    amount: float | None,
    signals: list[DemandSignal],
    adverse: list[DemandSignal],
    ctx: Context,
) -> Reason:
    """A demand saving the indicators stand against. Weaker evidence (every rate against it counts
    asylum-seeking children far above the neighbours' share, or the documents say that demand is
    static), or a saving that names other levers too (health contributions, placement costs), is
    asked how much of it rests on demand (`demand_reduction_on_weak_evidence`), not rated high."""
    said = line_text(line)
    partly = other_levers(said)
    static = demand_static(ctx.static_demand, CLA_THEMES & set(with_parents(themes_of(said))))
    both = any(s.rising and s.above_neighbours and not s.uasc for s in adverse)
    first = adverse[0]
    # The indicators it depends on that do not stand against it are named too, with their sources.
    others = [s for s in signals if not s.adverse]
    part = f" in part (it also names {', '.join(partly)})" if partly else ""
    text = f"depends{part} on demand {demand_change(said)} while {first.describe()}"
    asks = indicators_against([first, *others])
    asks += "; the rising rate counts asylum-seeking children" if first.uasc and first.rising else ""
    if static:
        text += f"; the documents say: '{static[0]}'"
        asks += f", and the documents say '{static[0]}'"
    text += "".join(f"; {s.describe()}" for s in others)
    cited = first.provenance + first.uasc_provenance + [p for s in others for p in s.provenance]
    cited += static[1] if static else []
    weak = bool(static) or all(s.uasc for s in adverse)
    code = "demand_reduction_on_weak_evidence" if weak or partly else "demand_reduction_against_rising_demand"
    severity: Severity = "high" if both and not static else "medium"
    return _reason(code, severity, text, amount, cited, first.describe(), asks=asks)


def subject_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Reason]:
    """What the documents hold on a children's saving's own subject (analyse.themes.subject_of, read
    once for all): the decisions they call in, defer or postpone (`_decision_reasons`), the
    register's risks (`_register_reasons`), then the growth its own plan adds on it
    (`_pressure_reasons`)."""
    scope = ctx.scopes.plan_line(line) if ctx.scopes else Scope.CHILDRENS_SOCIAL_CARE
    if not is_childrens(scope):
        return []
    wanted = subject_of(line.title, line.description)
    return [
        *_decision_reasons(wanted, amount, ctx),
        *_register_reasons(wanted, amount, ctx),
        *_pressure_reasons(line, wanted, amount, ctx),
    ]


def _decision_reasons(wanted: set[str], amount: float | None, ctx: Context) -> list[Reason]:
    """A decision the documents call in, defer or postpone on the saving's subject (`wanted`,
    analyse.decisions): a question of when it can start, cited to where they say so; the documents'
    own words make it at risk, not this."""
    return [
        _reason("depends_on_unsettled_decision", "medium", d.describe(on), amount, list(d.provenance), d.said)
        for d, on in decisions_for(wanted, ctx.decisions)
    ]


def _register_reasons(wanted: set[str], amount: float | None, ctx: Context) -> list[Reason]:
    """A children's risk the register holds on the saving's subject (`wanted`,
    analyse.enquiry.risks_about): evidence on the saving, cited, as a question; the risk's exposure
    is the register's, never the saving's money at risk."""
    return [
        _reason(
            "register_risk_on_subject",
            "low",  # evidence beside the saving's own doubts, never leading them
            f"{rated(risk)[0].lower()}{rated(risk)[1:]}, on the same subject ({on}): does that risk bear"
            " on the saving?",
            amount,
            list(risk.provenance),
            risk.title,
        )
        for risk, on in risks_about(wanted, ctx.register)
    ]


def carried_reasons(line: SavingsLine, amount: float | None, ctx: Context) -> list[Reason]:
    """Risk reasons the extraction already recorded that no check here covers."""
    return [
        _reason(r.code, "medium", r.code.replace("_", " "), None, r.provenance, r.evidence)
        for r in line.risk_reasons
        if r.code not in _OWN_CODES
    ]


CHECKS: list[Check] = [
    rag_check,
    forecast_check,
    rag_key_check,
    undeliverable_check,
    timing_check,
    unidentified_check,
    one_off_check,
    funding_check,
    dependency_check,
    overspend_check,
    demand_check,
    subject_check,
    carried_reasons,
]
_OWN_CODES = (
    AT_RISK_CODES
    | INFERRED_CODES
    | {
        "prior_year_saving_reversed",
        "carried_forward",
        UNALLOCATED_CODE,
        "one_off_measure",
        "funding_swap",
        "saving_large_against_budget",
        "rag_green",
        "at_risk",
        "rag",
    }
)


def _own_arithmetic_fails(line: BudgetLine) -> bool:
    return any(c.identity == BUDGET_IDENTITY and not c.held for c in line.checks)


def overspend_flags(
    budget_lines: list[BudgetLine], scopes: ScopeIndex | None = None, passages: Sequence[Passage] = ()
) -> list[Flag]:
    """The children's directorate's service and directorate lines forecast to overspend, largest
    first (another directorate's overspend is not the review's), each with the documents' sentence
    that explains it, where one does (analyse.explained), quoted and cited. A directorate row
    whose own figures disagree (budget + variance is not its forecast) is no flag: its variance is
    not one to rank a question by, and the budget position shows it, marked, for a reviewer to
    settle; a row whose lines alone miss it is flagged, saying so. A row its report prints
    twice (a directorate's summary row and its total under its services: `_twins`) is one overspend, flagged
    once, from the printing not in doubt, citing each printing that gives its figures; another,
    where its figures differ, is not cited: it is a slip its table's check records (a data-quality flag), not a second overspend. A whole is rated
    at least as severe as any part of it flagged (`_wholes_as_severe`)."""
    scopes = scopes or scope_index(Extraction(budget_lines=budget_lines))
    flags: list[tuple[BudgetLine, Flag]] = []
    prose: list[list[Read]] | None = None  # read for explanations once, where a line needs one
    twins = _twins(budget_lines)
    for line in budget_lines:
        if line.level == "total" or not line.variance_gbp or line.variance_gbp <= TOLERANCE_GBP:
            continue
        if line.level == "directorate" and _own_arithmetic_fails(line):
            continue  # the position presents it, marked, for a reviewer to settle: no overspend to rank
        scope = scopes.budget_line(line)
        same = twins.get(_printed_as(line), [line])
        if not is_childrens(scope) or same[0] is not line:
            continue
        prose = read_for_variances(passages) if prose is None else prose
        flags.append((line, _overspend_flag(line, scope, same, prose)))
    flagged = _parts_beside_wholes(flags, budget_lines)
    return sorted(_wholes_as_severe(flagged, budget_lines), key=lambda f: -(f.amount_gbp or 0.0))


def _parts_beside_wholes(
    flagged: list[tuple[BudgetLine, Flag]], rows: list[BudgetLine]
) -> list[tuple[BudgetLine, Flag]]:
    """Each overspend flag on a part of a total that overspends too (a block in the DSG's total, a
    service in its directorate: analyse.enquiry.totals_holding, the nearest) by no more than the
    part, so that the list would show a part at or above its whole: saying it is part of that
    total, in the words true whatever their sizes (analyse.wording.beside_whole): a block larger
    than the DSG's net total is more than it, the other lines offsetting it; never money on top of
    it. A part smaller than its whole reads as one already. The words are kept as `Flag.part_of`
    too, so that no theme is read from the total's name."""
    index = rows_cited(rows)
    out = []
    for line, flag in flagged:
        part = line.variance_gbp or 0.0
        wholes = [
            t
            for t in totals_holding(line, index)
            if row_key(t) != row_key(line)
            and (t.variance_gbp or 0.0) > TOLERANCE_GBP
            and abs(t.budget_gbp or 0.0) > abs(line.budget_gbp or 0.0)
        ]
        if not wholes:
            out.append((line, flag))
            continue
        total = min(wholes, key=lambda t: abs(t.budget_gbp or 0.0))
        whole = total.variance_gbp or 0.0
        if part < whole and gbp(part) != gbp(whole):
            out.append((line, flag))
            continue
        said = beside_whole(part, whole, "that total's", "overspend", "its other lines underspend")
        words = f" It is part of '{total.name}': its {gbp(part)} is {said}, not money on top of it."
        update = {"message": flag.message + words, "part_of": words.strip()}
        out.append((line, flag.model_copy(update=update)))
    return out


def _overspend_flag(line: BudgetLine, scope: Scope, same: list[BudgetLine], prose: list[list[Read]]) -> Flag:
    """A row's overspend flag: its severity by its share of its own budget (`_wholes_as_severe` then
    raises a whole to its parts'), the documents' explanation quoted, every printing of it cited."""
    variance = line.variance_gbp or 0.0
    share = variance / line.budget_gbp if line.budget_gbp and line.budget_gbp > 0 else None
    severity: Severity = "high" if share is None or share > 0.1 else "medium" if share > 0.03 else "low"
    # no share is worked out from a variance its own row's arithmetic contradicts
    of_budget = (
        f" ({percent(share, VARIANCE_SHARE_PLACES)} of its {gbp(line.budget_gbp)} budget)"
        if share is not None and not contradicted_figure(line, "variance_gbp")
        else ""
    )
    doubted = doubt(line)
    message = f"Forecast to overspend by {gbp(variance)}{of_budget}.{doubted}"
    explained = explained_in(line.name, prose)
    if explained:
        where = explained.provenance[0]
        message += f" The documents explain it: '{explained.sentence}' ({where.file}, {where.locator})."
    return Flag(
        code="service_overspend",
        severity=severity,
        subject=line.name,
        message=message,
        amount_gbp=variance,
        provenance=list(
            dict.fromkeys(p for twin in same if _same_figures(twin, line) for p in twin.provenance)
        )
        + (explained.provenance if explained else []),
        scope=scope,
        explained_by=explained.sentence if explained else "",
        doubt=doubted.strip(),
    )


def _twins(budget_lines: list[BudgetLine]) -> dict[tuple, list[BudgetLine]]:
    """The rows of one printing (`_printed_as`), the one not in doubt first: a directorate on its
    report's summary page and again as the total under its services is one row, and so is a line
    the summary prints as a memorandum and the appendix again among the services (a ring-fenced
    block), whose overspend is one (the questions' notion too: analyse.enquiry.one_per_ask)."""
    twins: dict[tuple, list[BudgetLine]] = defaultdict(list)
    for line in budget_lines:
        if line.provenance and (line.level == "service_line" or line.directorate):
            twins[_printed_as(line)].append(line)
    return {k: sorted(rows, key=in_doubt) for k, rows in twins.items()}


def _same_figures(twin: BudgetLine, line: BudgetLine) -> bool:
    """Whether another printing of a row gives its forecast and variance: one that does is cited
    with it; one that does not is a slip its table's check records, not a source of the overspend
    (a reader following the citation would find other figures)."""
    return all(
        a is not None and b is not None and abs(a - b) <= TOLERANCE_GBP
        for a, b in ((twin.forecast_gbp, line.forecast_gbp), (twin.variance_gbp, line.variance_gbp))
    )


def _printed_as(line: BudgetLine) -> tuple:
    """A directorate's row as its report names it (analyse.enquiry.row_key: its name less any
    "total"), for its year and budget."""
    return (*row_key(line), line.period, line.budget_gbp)


def _wholes_as_severe(flagged: list[tuple[BudgetLine, Flag]], rows: list[BudgetLine]) -> list[Flag]:
    """Each overspend flag rated at least as severe as any flagged part of it (a service line in
    its directorate, a block in the DSG's total: analyse.enquiry.totals_holding, a directorate
    printed twice being one row): a part is never rated above the whole it sits in."""
    index = rows_cited(rows)
    flags = {id(line): flag for line, flag in flagged}
    by_key = {row_key(line): id(line) for line, _ in flagged}
    changed = True
    while changed:
        changed = False
        for line, _ in flagged:
            part = flags[id(line)]
            for total in totals_holding(line, index):
                at = by_key.get(row_key(total), id(line))
                whole = flags.get(at) if at != id(line) else None
                if whole and SEVERITY_RANK[part.severity] < SEVERITY_RANK[whole.severity]:
                    flags[at] = whole.model_copy(update={"severity": part.severity})
                    changed = True
    return [flags[id(line)] for line, _ in flagged]


def council_wide_as_one(flags: list[Flag]) -> list[Flag]:
    """The council's whole lines flagged for one reason (Kent's nine rows of council-wide savings
    not yet allocated to a directorate) as one flag, listing them with their sum, largest first and
    named by the largest: for a children's review they are one finding, not one a line. Every other
    flag stays as it is, in its place (the merged flag in its first line's)."""
    groups: dict[str, list[Flag]] = {}
    for flag in flags:
        if flag.scope is Scope.COUNCIL_WIDE and flag.amount_gbp is not None:
            groups.setdefault(flag.code, []).append(flag)
    out: list[Flag] = []
    for flag in flags:
        group = groups.get(flag.code, []) if flag.scope is Scope.COUNCIL_WIDE else []
        if len(group) < 2:
            out.append(flag)
        elif flag is group[0]:
            out.append(_as_one(sorted(group, key=lambda f: -abs(f.amount_gbp or 0.0))))
    return out


def _as_one(group: list[Flag]) -> Flag:
    """One flag for the council's lines of one code: their sum, the years it spans, each distinct
    name once (`_named_once`)."""
    total = sum(f.amount_gbp or 0.0 for f in group)
    listed = " ".join(_named_once(group))
    first = group[0]
    return first.model_copy(
        update={
            "severity": min((f.severity for f in group), key=SEVERITY_RANK.__getitem__),
            "message": f"{len(group)} council-wide lines, {gbp(total)} in all{span_words(group)}. {listed}",
            "amount_gbp": total,
            "periods": sorted({p for f in group for p in f.periods}),
            "reasons": [f.message for f in group],
            "reason_codes": [f.code for f in group],
            "provenance": [p for f in group for p in f.provenance[:1]],
        }
    )


def _named_once(group: list[Flag]) -> list[str]:
    """Each distinct name among the lines once, in the group's order: a name one line has with that
    line's own words; a name several lines share (Kent's six 'Future savings under development')
    with how many, their sum and the years it spans, not its words repeated once a line."""
    names: dict[str, list[Flag]] = {}
    for flag in group:
        names.setdefault(flag.subject, []).append(flag)
    return [
        f"'{name}': {same[0].message}"
        if len(same) == 1
        else f"'{name}': {len(same)} lines, {gbp(sum(f.amount_gbp or 0.0 for f in same))} in all{span_words(same)}."
        for name, same in names.items()
    ]
