"""Savings at risk, and service lines overspending.

Each check reads one kind of evidence a reviewer would act on (seed 003's method: re-forecast "as is",
test each saving's deliverability, name the at-risk ones) and returns Flags that carry the provenance
of the line that prompted them. A saving's money at risk is the largest amount any of its at-risk
flags names, so a red, slipped, under-forecast saving is counted once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from analyse.amounts import distinct_savings, saving_target
from analyse.demand import DemandSignal, depends_on_demand, relevant_signals
from analyse.matching import matching_budget_line
from analyse.records import Flag
from analyse.scope import is_children_budget_line, is_children_line
from analyse.themes import AT_RISK_CODES, line_text, themes_of
from analyse.wording import gbp, labels, percent, phrase_matcher
from extract.records import BudgetLine, Rag, SavingsLine

# A saving above this share of its service line's budget is large enough to question.
LARGE_SHARE = 0.15
# Shortfalls below this are rounding in a £000 table, not a forecast below target.
TOLERANCE_GBP = 1_000.0

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
    }
)


@dataclass(frozen=True)
class Assessment:
    """One saving, the money it should deliver this year, and what the checks found."""

    line: SavingsLine
    amount_gbp: float | None
    children: bool
    flags: list[Flag] = field(default_factory=list)

    @property
    def on_track(self) -> bool:
        """The tracker says delivered or on track: rated green or blue, or forecast to meet its target."""
        line = self.line
        met = (
            line.target_gbp is not None
            and line.forecast_gbp is not None
            and line.forecast_gbp >= line.target_gbp
        )
        return line.rag in (Rag.GREEN, Rag.BLUE) or met

    def _at_risk_flags(self) -> list[Flag]:
        # Inferred risks (the service overspends, demand rises) are questions for a saving the tracker
        # reports on track, not money at risk; they count only where the tracker does not say so.
        soft = SOFT_CODES if self.on_track else frozenset()
        return [f for f in self.flags if f.code in AT_RISK_CODES and f.code not in soft]

    @property
    def at_risk_gbp(self) -> float:
        return max((abs(f.amount_gbp) for f in self._at_risk_flags() if f.amount_gbp), default=0.0)

    @property
    def at_risk(self) -> bool:
        return bool(self._at_risk_flags())


SOFT_CODES = frozenset({"overspend_exceeds_saving", "demand_reduction_against_rising_demand"})


@dataclass(frozen=True)
class Context:
    """What a saving is checked against beyond its own row."""

    period: str | None
    budget_lines: list[BudgetLine]
    demand: list[DemandSignal]
    all_children: bool = False  # no line names its service: a children's-only tracker


# Codes that matter to the council's whole plan, whoever's saving it is (section 151's concern).
CORPORATE_CODES = frozenset({"unidentified_saving", "one_off_measure"})
Severity = Literal["high", "medium", "low"]
LOWER: dict[Severity, Severity] = {"high": "medium", "medium": "low", "low": "low"}


Check = Callable[[SavingsLine, float | None, Context], list[Flag]]


def assess_savings(savings: list[SavingsLine], context: Context) -> list[Assessment]:
    """Every saving (stated totals left out) with its flags.

    In a whole-council plan, other directorates' savings keep their flags one step less severe (the
    review is of children's services) except the corporate ones: unidentified and one-off savings.
    """
    lines = distinct_savings(savings)
    context = replace(context, all_children=not any(is_children_line(line) for line in lines))
    out = []
    for line in lines:
        amount = saving_target(line, context.period)
        children = context.all_children or is_children_line(line)
        flags = [f for check in CHECKS for f in check(line, amount, context)]
        if not children:
            flags = [
                f if f.code in CORPORATE_CODES else f.model_copy(update={"severity": LOWER[f.severity]})
                for f in flags
            ]
        out.append(Assessment(line=line, amount_gbp=amount, children=children, flags=flags))
    return out


def _flag(line: SavingsLine, code: str, severity: Severity, message: str, amount: float | None) -> Flag:
    return Flag(
        code=code,
        severity=severity,
        subject=line.title,
        message=message,
        amount_gbp=amount,
        provenance=line.provenance,
    )


def _words(line: SavingsLine) -> set[str]:
    return labels(
        _WORDING, " ".join(t for t in (line_text(line), line.status_text or "", line.rag_text or ""))
    )


def _status_words(line: SavingsLine) -> set[str]:
    return labels(_WORDING, " ".join(t for t in (line.status_text or "", line.rag_text or "")))


def rag_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Flag]:
    at_stake = line.shortfall_gbp if line.shortfall_gbp else amount
    if line.rag == Rag.RED:
        return [_flag(line, "rag_red", "high", f"Rated red: {gbp(at_stake)} at risk.", at_stake)]
    if line.rag == Rag.AMBER:
        return [_flag(line, "rag_amber", "medium", f"Rated amber: {gbp(at_stake)} at risk.", at_stake)]
    if line.rag is None and ("at_risk" in _status_words(line) or line.at_risk):
        reason = line.status_text or "; ".join(r.evidence for r in line.risk_reasons) or "marked at risk"
        return [_flag(line, "declared_at_risk", "medium", f"Reported at risk ({reason[:160]}).", at_stake)]
    return []


def forecast_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Flag]:
    target, forecast = line.target_gbp, line.forecast_gbp
    if target is None or forecast is None or target - forecast <= TOLERANCE_GBP:
        return []
    gap = target - forecast
    severity: Severity = "high" if forecast < 0.5 * target else "medium"
    message = f"Forecast to deliver {gbp(forecast)} against a target of {gbp(target)}: {gbp(gap)} short."
    return [_flag(line, "forecast_below_target", severity, message, gap)]


def undeliverable_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Flag]:
    if line.undeliverable_gbp:
        money = line.undeliverable_gbp
        return [_flag(line, "undeliverable", "high", f"{gbp(money)} declared undeliverable.", money)]
    if "undeliverable" in _status_words(line) and amount and amount > 0:
        return [
            _flag(line, "undeliverable", "high", f"Reported as undeliverable ({line.status_text}).", amount)
        ]
    return []


def timing_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Flag]:
    """Slipped to a later year, or carried (or reversed) from an earlier one."""
    words = _words(line)
    if line.slipped_gbp:
        money = line.slipped_gbp
        return [_flag(line, "slipped", "medium", f"{gbp(money)} slipped to a later year.", money)]
    if "slipped" in _status_words(line) and amount and amount > 0:
        return [
            _flag(line, "slipped", "medium", f"Delivery reported as delayed ({line.status_text}).", amount)
        ]
    if "carried" in words and amount is not None and amount < 0:
        message = (
            f"Reverses {gbp(-amount)} of an earlier year's saving that was not delivered: evidence of "
            "past savings failing."
        )
        return [_flag(line, "prior_year_saving_reversed", "medium", message, -amount)]
    if "carried" in words and amount:
        return [
            _flag(
                line,
                "carried_forward",
                "medium",
                f"Carried from an earlier year: {gbp(amount)} still to deliver.",
                amount,
            )
        ]
    return []


def unidentified_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Flag]:
    """Savings not yet found or not yet given to a service, in the review year or a later one."""
    named = "unidentified" in labels(_WORDING, f"{line.title} {line.description}")
    unallocated = (line.directorate or "").strip().upper() in {"TBC", "TBD", "UNALLOCATED"}
    if not (named or unallocated):
        return []
    if amount and amount > 0:
        message = f"{gbp(amount)} of savings not yet identified or allocated to a service."
        return [_flag(line, "unidentified_saving", "high", message, amount)]
    later = [p for p in sorted(line.planned, key=lambda p: p.period) if p.amount_gbp > 0]
    if not later:
        return []
    # The plan's yearly amounts are each year's additional saving, so the total still to find is their sum.
    total = sum(p.amount_gbp for p in later)
    phasing = ", ".join(f"{gbp(p.amount_gbp)} in {p.period}" for p in later)
    message = f"{gbp(total)} of savings not yet identified or allocated to a service ({phasing})."
    return [_flag(line, "unidentified_saving", "high", message, total)]


def one_off_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Flag]:
    """A one-off or temporary measure (reserves, capital receipts) standing in for a recurrent saving."""
    reversed_later = _reversed_later(line)
    said = "one_off" in labels(_WORDING, f"{line.title}. {line.description}")
    if (not said and not reversed_later) or not amount or amount <= 0:
        return []
    why = " and reverses in a later year" if reversed_later else ""
    message = f"{gbp(amount)} is a one-off or temporary measure{why}: the recurrent gap it covers remains."
    return [_flag(line, "one_off_measure", "medium", message, amount)]


def _reversed_later(line: SavingsLine) -> bool:
    amounts = [p.amount_gbp for p in sorted(line.planned, key=lambda p: p.period)]
    if len(amounts) < 2 or amounts[0] <= 0:
        return False
    return any(abs(later + amounts[0]) <= max(TOLERANCE_GBP, 0.01 * amounts[0]) for later in amounts[1:])


def overspend_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Flag]:
    """The saving's service line already forecasts an overspend larger than the saving."""
    budget = matching_budget_line(line, ctx.budget_lines)
    if budget is None or budget.variance_gbp is None or not amount or amount <= 0:
        return []
    flags = []
    if budget.variance_gbp > amount:
        message = (
            f"Its service line '{budget.name}' is forecast to overspend by {gbp(budget.variance_gbp)}, "
            f"more than the {gbp(amount)} saving (matched by name)."
        )
        flags.append(
            Flag(
                code="overspend_exceeds_saving",
                severity="high",
                subject=line.title,
                message=message,
                amount_gbp=amount,
                provenance=line.provenance + budget.provenance,
            )
        )
    if budget.budget_gbp and budget.budget_gbp > 0 and amount / budget.budget_gbp > LARGE_SHARE:
        share = amount / budget.budget_gbp
        message = (
            f"{gbp(amount)} is {percent(share)} of the '{budget.name}' budget of "
            f"{gbp(budget.budget_gbp)} (matched by name)."
        )
        flags.append(
            Flag(
                code="saving_large_against_budget",
                severity="high" if share > 0.3 else "medium",
                subject=line.title,
                message=message,
                amount_gbp=amount,
                provenance=line.provenance + budget.provenance,
            )
        )
    return flags


def demand_check(line: SavingsLine, amount: float | None, ctx: Context) -> list[Flag]:
    """A saving that needs fewer children in care, tested against the demand indicators it depends on."""
    children = ctx.all_children or is_children_line(line)
    if not children or not depends_on_demand(line_text(line)) or not amount or amount <= 0:
        return []
    signals = relevant_signals(themes_of(line_text(line)), ctx.demand)
    adverse = [s for s in signals if s.adverse]
    if adverse:
        both = any(s.rising and s.above_neighbours for s in adverse)
        message = f"{gbp(amount)} depends on reducing demand while {adverse[0].describe()}."
        return [
            Flag(
                code="demand_reduction_against_rising_demand",
                severity="high" if both else "medium",
                subject=line.title,
                message=message,
                amount_gbp=amount,
                provenance=line.provenance + adverse[0].provenance,
            )
        ]
    if signals:
        tested = f" The indicator does not contradict it: {signals[0].describe()}."
    else:
        tested = " No benchmark for this kind of demand was available to test it against."
    message = f"{gbp(amount)} depends on reducing demand.{tested}"
    return [_flag(line, "demand_reduction_saving", "low", message, amount)]


def carried_reasons(line: SavingsLine, amount: float | None, ctx: Context) -> list[Flag]:
    """Risk reasons the extraction already recorded that no check here covers."""
    return [
        Flag(
            code=r.code,
            severity="medium",
            subject=line.title,
            message=r.evidence[:240],
            amount_gbp=None,
            provenance=r.provenance,
        )
        for r in line.risk_reasons
        if r.code not in _OWN_CODES
    ]


CHECKS: list[Check] = [
    rag_check,
    forecast_check,
    undeliverable_check,
    timing_check,
    unidentified_check,
    one_off_check,
    overspend_check,
    demand_check,
    carried_reasons,
]
_OWN_CODES = AT_RISK_CODES | {
    "prior_year_saving_reversed",
    "carried_forward",
    "one_off_measure",
    "saving_large_against_budget",
    "demand_reduction_saving",
    "rag_green",
    "at_risk",
    "rag",
}


def overspend_flags(budget_lines: list[BudgetLine]) -> list[Flag]:
    """Service and directorate lines forecast to overspend, largest first (others' one step less severe)."""
    scoped = any(is_children_budget_line(b) for b in budget_lines)
    flags = []
    for line in budget_lines:
        if line.level == "total" or not line.variance_gbp or line.variance_gbp <= TOLERANCE_GBP:
            continue
        share = line.variance_gbp / line.budget_gbp if line.budget_gbp and line.budget_gbp > 0 else None
        severity: Severity = "high" if share is None or share > 0.1 else "medium" if share > 0.03 else "low"
        if scoped and not is_children_budget_line(line):
            severity = LOWER[severity]
        of_budget = f" ({percent(share)} of its {gbp(line.budget_gbp)} budget)" if share is not None else ""
        message = f"Forecast to overspend by {gbp(line.variance_gbp)}{of_budget}."
        flags.append(
            Flag(
                code="service_overspend",
                severity=severity,
                subject=line.name,
                message=message,
                amount_gbp=line.variance_gbp,
                provenance=line.provenance,
            )
        )
    return sorted(flags, key=lambda f: -(f.amount_gbp or 0.0))
