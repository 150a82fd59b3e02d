"""The Dedicated Schools Grant and its High Needs block, read from the documents' tables and words.

The DSG is ring-fenced and usually the review's largest risk (review-pack.md): the High Needs block's
in-year position for each year the documents name, the cumulative deficit, when the statutory
override that keeps the deficit off the council's reserves ends, any Safety Valve or deficit
management plan and whether it is on track, what the risk register gives it, and what the documents
say of whether reserves could absorb the deficit. Each is read with the page it came from; what the
documents do not give is listed as not given, never estimated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, NamedTuple, TypeVar

from analyse.amounts import in_period, is_total
from analyse.plan_delivery import (
    PLAN,
    Sentences,
    about_plan,
    differing,
    plan_conditions,
    plan_delivery,
    plan_heading,
    plan_target,
)
from analyse.position import latest_report
from analyse.records import (
    DeficitIfWithheld,
    DsgItem,
    DsgPosition,
    MissingDocument,
    Position,
    Reserve,
    ReserveAfter,
    SafetyValveSpan,
    SafetyValveYear,
    Scope,
    StatedForecast,
    StatedShare,
)
from analyse.reserves import (
    DATE,
    DRAWDOWN_WORDS,
    GENERAL,
    GENERAL_TERM,
    MONEY,
    SIGNS,
    TABLE_TOTAL,
    below_minimum,
    cell_places,
    clause,
    date_near,
    drawn_from,
    figure_at,
    general_minimum,
    general_reserves,
    general_term,
    reserve_kind,
)
from analyse.scope import DSG, ScopeIndex
from analyse.standing import reviewer_settled
from analyse.stated import cited_by_both, once_each, same_amount
from analyse.wording import hedge, risk_values
from extract.domain.build import Sheet, joined
from extract.numbers import (
    CALENDAR_DATE,
    FINANCIAL_YEAR,
    IN_A_YEAR,
    YEAR_SPAN,
    find_periods,
    normalise_period,
    parse_amount,
    parse_money,
    unit_multiplier,
    year_end,
)
from extract.prose import places_printed, sentences_cited
from extract.records import BudgetLine, Extraction, Figure, FigureUnit, Passage, Provenance, Risk, Table
from extract.sentences import split_sentences
from extract.tables.headers import column_from_header
from extract.tables.rows import row_cited
from extract.tables.vocabulary import CARRIED_ROWS, Role
from extract.verify.tolerance import Term, half_unit, holds

T = TypeVar("T")

HIGH_NEEDS = re.compile(r"high needs", re.IGNORECASE)
# A programme towards a plan, not a plan or agreement of the council's own (analyse.plan_delivery.PLAN).
PROGRAMME = re.compile(r"delivering better value|dbv", re.IGNORECASE)
CUMULATIVE = re.compile(
    r"cumulative|deficit reserve|accumulated|\btotal deficit\b|brought forward|carried forward", re.I
)
# Words just before a sum that make it a change in the deficit, not its level: "will increase the
# cumulative deficit by £14.2m".
CHANGE_BY = re.compile(r"\bby\s+(?:(?:a\s+)?(?:further|around|about|approximately|some|nearly)\s+)?$", re.I)
DEFICIT = re.compile(r"\bdeficit\b", re.IGNORECASE)
IN_YEAR = re.compile(
    r"in[\s-]year|overspend|over[\s-]spend|underspen|under[\s-]spen|pressure|variance|forecast to (?:overspend|exceed)",
    re.I,
)
UNDERSPEND = re.compile(r"underspen|under[\s-]spen|surplus", re.IGNORECASE)
# The words that name an in-year position stated in words: "in year deficit", "overspend", "surplus",
# A sum "off-target" is against a plan's trajectory, not the year's position: analyse.plan_delivery's.
POSITION = re.compile(
    r"\s?(?:(?:in[\s-]year|anticipated|forecast)\s+)?(?:deficit|over[\s-]?spend|surplus|under[\s-]?spend)\b",
    re.IGNORECASE,
)
# What says a deficit is the year's, not the cumulative one: "in year", "in-year".
IN_YEAR_WORDS = re.compile(r"\bin[\s-]year\b", re.IGNORECASE)
# A sum moving "from £X [at a date] to £Y [at a later date]": the words between the two sums, and
# those that end just before the first.
MOVED_TO = re.compile(r"[^.;£]{0,60}?\bto\s*$", re.IGNORECASE)
MOVED_FROM = re.compile(r"\bfrom\s*$", re.IGNORECASE)
YEAR = re.compile(rf"\b{FINANCIAL_YEAR}\b")
# The year a sum is for, just after it (extract.numbers.IN_A_YEAR, as a reserve's flow's): "in
# 2025-26", "forecast for 2027-28", "during 2024-25". Matched at the sum's end, not searched for in
# its clause as a flow's year is: a sentence on the DSG names several years, each its own sum's.
FOR_YEAR = re.compile(rf"\s+(?:\w+\s+)?{IN_A_YEAR}\b", re.IGNORECASE)
OVERRIDE = re.compile(r"\boverride\b", re.IGNORECASE)
# What makes an override the DSG's (the scope's DSG words name "statutory override" itself) ...
DSG_NAMED = re.compile(r"\bdsg\b|dedicated schools grant|high needs|safety valve|\bsend\b", re.IGNORECASE)
# ... and what makes it another: the override on pooled investment funds' fair value (IFRS 9).
ANOTHER_OVERRIDE = re.compile(r"\bifrs\s*9|pooled|fair value", re.IGNORECASE)
# Words that put a date at the override's end ("extended ... to 2025-26", "due to end in March 2026").
ENDS = re.compile(
    r"\b(?:end|ends|ending|expires?|expiring|until|ceases?|to|by|runs?|extended)\b\W*(?:\w+\W+){0,2}$", re.I
)
TOTAL = re.compile(r"\btotal\b", re.IGNORECASE)
MONTH_YEAR = re.compile(rf"{CALENDAR_DATE}|\b{FINANCIAL_YEAR}\b", re.IGNORECASE)
# The number in a money phrase, and its decimals: "£227m", "£38.2m".
# Words that state a deficit before the contributions made towards it (the DfE's Safety Valve
# payments, the council's own): the whole deficit, not the one the council carries ...
BEFORE_CONTRIBUTIONS = re.compile(
    r"\b(?:excluding|excludes|before|gross of|not including|prior to)\s+(?:\S+\s+){0,3}?contributions?\b[^;:().,£]*",
    re.IGNORECASE,
)
# ... and words that state it after them.
AFTER_CONTRIBUTIONS = re.compile(
    r"\b(?:reduced\s+by|net\s+of|after)\s+(?:\S+\s+){0,3}?contributions?\b(?:\s+to\b)?", re.IGNORECASE
)
# Words that put a sum towards the deficit: "will offset the ... deficit", "contribution to DSG
# deficit", "contribution towards funding the DSG deficit", "a contribution ... under the Safety Valve".
OFFSETS = re.compile(r"\boffset|\btowards\b|\bcontribut", re.IGNORECASE)
# Words just before a sum that make it a most, not a sum promised: "(up to £140m)".
CEILING = re.compile(r"\b(?:up\s+to|a\s+maximum\s+of|at\s+most|no\s+more\s+than)\s*\(?\s*$", re.I)
# How many words either side of a sum its clause reaches when read as money offsetting the deficit:
# the whole of a clause that says what the money is for ("from Safety Valve contributions which over
# time will offset the Dedicated Schools Grant (DSG) deficit"), within its bounds (analyse.reserves).
OFFSET_WORDS = 25
# The years a contribution is for, as written: "2025-26", "between 2022-23 to 2027-28" (a span,
# extract.numbers.YEAR_SPAN), "2024-25 and 2025-26". Unlike a reserve's flow, which a span makes of
# no one year (analyse.reserves.YEARS), a contribution is quoted with whatever years it names.
YEARS = re.compile(rf"{YEAR_SPAN}|{FINANCIAL_YEAR}(?:\s+and\s+{FINANCIAL_YEAR})?", re.IGNORECASE)
# Words that make a plan line a draw on a reserve ("Drawdown of Safety Valve Earmarked reserve") ...
DRAWDOWN = re.compile(rf"{DRAWDOWN_WORDS}|\bdraw(?:ing)?\s+on\b", re.IGNORECASE)
# ... and words that make it the undoing of an earlier year's draw, not a draw of its own.
UNDONE = re.compile(r"\bremov|\brevers|\bprior[\s-]+year|\bprevious[\s-]+year", re.IGNORECASE)
RESERVE = re.compile(r"\breserves?\b", re.IGNORECASE)
# The reserve a line draws on, as it names it: "Safety Valve Earmarked reserve (KCC contributions)".
RESERVE_NAMED = re.compile(
    r"\b(?:of|from|on)\s+(?:the\s+)?(?P<name>[^.;|]*?\breserves?\b(?:\s*\([^()]*\))?)", re.IGNORECASE
)
# Words that make a plan line money paid towards the deficit ("KCC Contribution towards funding the
# DSG deficit as agreed with DfE"), with the DSG named and no draw (DRAWDOWN) nor undoing (UNDONE).
CONTRIBUTION = re.compile(r"\bcontribut", re.IGNORECASE)
# The two parties to a Safety Valve agreement, as the words name who pays or whose contributions a
# reserve holds: the DfE ("DfE Contribution", "(DfE contributions)", "the Department for Education
# provides a ... contribution"), else the council ("KCC Contribution", "local authority contribution",
# "the Council's contribution"), by the words nearest before "contribution" or in its brackets.
DFE_PARTY = re.compile(r"\bdfe\b|department\s+for\s+education|\besfa\b", re.IGNORECASE)
# ... the council by its name's words or its initials ("KCC", "WSCC": capitals ending in C).
COUNCIL_PARTY = re.compile(r"(?i:\bcouncil|\bauthority|\bLA\b)|\b[A-Z]{1,4}C\b")
# The words a party is read from: up to three words before "contribution(s)" and a bracket round it.
PARTY_WORDS = re.compile(r"((?:[\w'\u2019()-]+\s+){0,3})\(?contributions?\b", re.IGNORECASE)
# Words that make a DSG plan line or sentence a change in how the deficit, or the money towards it,
# is accounted for ("Change in accounting treatment of KCC Contribution towards funding the DSG deficit").
ACCOUNTING = re.compile(
    r"\bchanges?\s+(?:in|to|of)\s+(?:the\s+)?accounting\b|\baccounting\s+(?:treatment|change|adjustment)s?\b",
    re.IGNORECASE,
)
# Where the words of a council's share end, what it is a share of: at the words that turn to the
# national one ("compared to", "whilst", "against"), or the sentence's end.
SUBJECT_END = re.compile(r",?\s+(?:whilst|while|whereas|compared\s+(?:to|with)|against|but)\b|;|\.\s*$", re.I)
# A share stated in a sentence, and words that make one the national (England) share: "compared to
# 32.1% nationally", "whilst the national figure is 43.1%", "the England average of 32%".
SHARE = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s?%")
NATIONAL = re.compile(r"\bnational(?:ly)?\b|\bengland\b|\bnational\s+average\b", re.IGNORECASE)
# What makes a passage about SEND, whose stated shares are High Needs drivers: the DSG's words, or
# an EHC plan, special school or special educational needs named.
SEND_WORDS = re.compile(
    r"\behcps?\b|education,?\s+health\s+and\s+care\s+plan|special\s+schools?\b|special\s+educational|\bsend\b",
    re.IGNORECASE,
)
# Words that say whether reserves could absorb the deficit: "would not be sufficient", "insufficient",
# "unable to absorb", "could meet"; or the deficit set against them: "the deficit would exceed the
# Council's General Fund balance and usable earmarked reserves".
SUFFICIENT = re.compile(
    r"\b(?:(?:would|will|could|may|is|are)\s+(?:not\s+)?(?:be\s+)?(?:in)?sufficient"
    r"|(?:un)?able\s+to\s+(?:absorb|meet|cover|fund)|(?:could|can|cannot|could\s+not)\s+absorb"
    r"|deficit\s+(?:would|will|could|may)\s+(?:\w+\s+)?exceed)\b",
    re.IGNORECASE,
)
# What ends the clause that view is in: "..., but this reserve would not be sufficient if ... March 2026."
CLAUSE_END = re.compile(r"[,;:](?!\d)")
RESERVE_WORDS = re.compile(r"\breserves?\b|\bbalances\b|\bgeneral\s+fund\b", re.IGNORECASE)
# A view's subject that points back to a reserve named before it: "but this reserve would not be
# sufficient" is about the reserve its sentence, or the sentence before, names, not reserves at large.
POINTS_BACK = re.compile(r"\b(?:this|that|the|such|these|those|said)\s+(?:reserves?|balances?)\b", re.I)
# The word that names a reserve ("reserve", "balances", "general fund") and, within four words before
# it, the word that introduces its name ("a specific reserve", "the general reserve", "its balances"):
# the nearest such word, so "the Council's contribution to a specific reserve" names "a specific reserve".
RESERVE_NOUN = re.compile(r"\b(?:reserves?|balances?|general\s+fund)\b", re.IGNORECASE)
NAME_START = re.compile(r".*\b((?:an?|the|its|their|[\w]+['\u2019]s)\s+(?:[\w()-]+\s+){0,4})$", re.I | re.S)
# Words that say what follows the override's end: its end as a condition ("If the statutory override is
# removed", "should the override not be extended") or a time after it ("the statutory override, which
# runs to March 2028; after that date it would fall on the Council's general fund") ...
OVERRIDE_ENDING = re.compile(
    r"\b(?:if|unless|should|once|when|where)\b[^.]*?\boverride\b[^.]*?"
    r"\b(?:removed|ends?|ended|ceases?|expires?|lapses?|not\s+(?:be\s+)?(?:extended|renewed))\b"
    r"|\boverride\b[^.]*?\b(?:after\s+(?:that|this|the\s+override(?:'s)?)\s*(?:date|ends?|expires?)?|thereafter)\b",
    re.IGNORECASE,
)
# ... and words that put its consequence on the council ("will form part of the Council's accounts",
# "fall to the General Fund", "on the council's balance sheet").
ON_COUNCIL = re.compile(
    r"\b(?:council|authority)['\u2019]?s\s+(?:main\s+)?(?:accounts|reserves|balance\s+sheet|general\s+fund|budget)"
    r"|\b(?:on|onto|to)\s+(?:the\s+)?(?:council['\u2019]s\s+)?balance\s+sheet|\bgeneral\s+fund\b",
    re.IGNORECASE,
)

NOT_GIVEN = {
    "in_year": "the High Needs block's in-year position",
    "cumulative_deficit": "the cumulative DSG deficit",
    "override_end": "when the statutory override ends",
    "plan": "a Safety Valve agreement or deficit management plan and its progress",
    "plan_delivery": "the plan's delivery against its target (on, behind or ahead of it, by how much)",
    "risk": "a risk register entry for the DSG or High Needs (its likelihood, impact, score or exposure)",
    "general_reserve": "the council's general fund (unallocated) reserve balance, to set the deficit beside",
}
# Where the documents give the deficit only before the contributions towards it.
CARRIED_NOT_GIVEN = "the cumulative DSG deficit after contributions, the deficit the council carries"
# Where they give it after contributions, and money held or paid to offset it, without saying which
# of that money the deficit already counts: never inferred from dates, asked.
COUNTED_NOT_GIVEN = (
    "which of the money held or paid to offset the deficit the deficit after contributions already"
    " counts (they say only \u201c{words}\u201d): a question for the S151 officer"
)


def dsg_position(
    extraction: Extraction,
    scopes: ScopeIndex,
    period: str | None,
    reserves: list[Reserve] | None = None,
    council: Position | None = None,
) -> DsgPosition:
    """The DSG's position, and the general fund reserve among `reserves` (analyse.reserves) that
    would have to absorb the deficit when the statutory override ends, and what would be left of it
    after the next year's planned use and the council's forecast overspend (`council`, its position)."""
    sentences = dsg_sentences(extraction.passages)
    on_override = override_sentences(extraction.passages)
    stated, before = cumulative_deficit(extraction.figures)
    tabled = deficit_table(extraction.tables, period)
    carried = preferred_deficit(tabled.deficit if tabled else None, stated)
    history = deficit_history(extraction.figures, carried)
    general = reserve_beside(carried or before, general_reserves(reserves or []))
    found_offsets = offsets(extraction.figures)
    drawn = reserve_drawdowns(extraction.tables)
    contributed = reserve_contributions(extraction.tables)
    paid = contributions_by_year(contributed, found_offsets)
    on_plan = about_plan(plan_texts(extraction))
    delivery = plan_delivery(on_plan)
    position = DsgPosition(
        in_year=in_year_by_year(extraction, scopes, period),
        cumulative_deficit=carried,
        cumulative_history=history,
        deficit_before_contributions=before,
        offsets=found_offsets,
        reserve_drawdowns=drawn,
        contributions_by_year=paid,
        safety_valve_years=safety_valve_years(paid, drawn),
        safety_valve_spans=safety_valve_spans(found_offsets, paid),
        accounting_changes=(changes := accounting_changes(extraction.tables)),
        accounting_paid_in=paid_instead(changes, contributed),
        stated_shares=stated_shares(extraction.passages),
        override_end=override_end(on_override),
        plan=(plan := plan_status([(s, w) for s, w in sentences if all(d.text != s for d in delivery)])),
        plan_heading=plan_heading(plan.words if plan else ""),
        plan_delivery=delivery,
        plan_target=plan_target(on_plan),
        plan_conditions=plan_conditions(on_plan),
        plan_differs=differing(delivery),
        reserve_view=reserve_view(extraction.passages, {s for s, _ in sentences + on_override}),
        override_consequence=override_consequence(on_override + _risk_sentences(extraction.risks)),
        risk=risk_rating(extraction.risks),
        general_reserve=general,
        general_reserve_held=held_before(general, general_reserves(reserves or [])),
        deficit_if_withheld=if_withheld(
            carried, tabled.movements if tabled else [], plan_conditions(on_plan)
        ),
        general_term=general_term(general) if general is not None else GENERAL_TERM,
        general_minimum=general_minimum(extraction.figures) if general is not None else None,
        general_below=below_minimum(extraction.figures) if general is not None else None,
        reserve_dated_apart=dated_apart(carried, general),
        reserve_after=reserve_after(general, reserves or [], council),
        general_reserve_year_end=stated_after(general, general_reserves(reserves or [])),
        general_reserve_contributions=general_contributions(reserves or [], period) if general else [],
        council_overspend=council_overspend(council, general),
    )
    missing = [words for key, words in NOT_GIVEN.items() if getattr(position, key) in (None, [])]
    if position.plan is None and position.plan_delivery:  # its progress is stated, so it is given
        missing.remove(NOT_GIVEN["plan"])
    if position.plan is None and not position.plan_delivery:  # no plan: its delivery is not asked apart
        missing.remove(NOT_GIVEN["plan_delivery"])
    if before is not None and carried is None:
        missing = [CARRIED_NOT_GIVEN if w == NOT_GIVEN["cumulative_deficit"] else w for w in missing]
    if carried is not None and carried.contributions and position.offsets:
        missing.append(COUNTED_NOT_GIVEN.format(words=carried.contributions))
    if (year := after_year(general)) and (use := planned_use(reserves or [], year)) and not from_general(use):
        missing.append(
            f"which reserve {year}'s planned use of reserves comes from (the documents do not say it is "
            "the general fund or general reserve), so the general reserve after it is not derived"
        )
    return position.model_copy(update={"not_found": missing})


def reserve_beside(deficit: DsgItem | None, balances: list[Reserve]) -> Reserve | None:
    """The general reserve balance to set the deficit beside: the one at the deficit's date where the
    documents give one ("the end of 2024-25" is "31 March 2025"), a balance held before one forecast
    at that date (which the pack says as a forecast, with its condition); else the first held, whose
    own date the pack names beside the deficit's. Where no deficit is read, a dated forecast of the
    balance before a balance held: what the council expects to be left ("forecast to be £5.3m at 31
    March 2026") is the reviewers' first question, the balance it held at an earlier date its
    context (`held_before`)."""

    def order(r: Reserve) -> tuple[bool, bool]:
        if deficit is None:  # nothing to date it by: what is forecast to be left leads
            return (False, not (r.forecast and year_end(r.at or "")))
        return (not at_one_date(deficit, r), bool(r.forecast))

    return min(balances, key=order, default=None)


def held_before(reserve: Reserve | None, balances: list[Reserve]) -> Reserve | None:
    """Where the general reserve set beside the deficit is a forecast, the first balance of it the
    documents say was held at another, earlier date (the year's opening balance): context beside the
    forecast. None for a reserve held, or where none earlier is stated."""
    if reserve is None or not reserve.forecast:
        return None
    when = year_end(reserve.at or "")
    return next(
        (
            r
            for r in balances
            if not r.forecast
            and r.amount_gbp is not None
            and (then := year_end(r.at or "")) is not None
            and when is not None
            and then < when
        ),
        None,
    )


def reserve_after(
    reserve: Reserve | None, flows: list[Reserve], position: Position | None
) -> ReserveAfter | None:
    """The general reserve at a year's end less the next year's planned use of reserves and the
    council's forecast overspend for that year, if met from balances: a derived figure, its parts
    cited; None where the reserve's date is not a year's end, neither part is for the next year,
    the planned use is not said to come from the general reserve (`from_general`), or the documents
    state the reserve at that year's end themselves (`stated_after`): theirs is shown, never one
    derived beside it."""
    year = after_year(reserve)
    if reserve is None or reserve.amount_gbp is None or year is None:
        return None
    if stated_after(reserve, general_reserves(flows)):
        return None
    use = planned_use(flows, year)
    if use is not None and not from_general(use):
        return None
    over = position if position is not None and position.period == year else None
    overspend = over.variance_gbp if over is not None and (over.variance_gbp or 0) > 0 else None
    if use is None and overspend is None:
        return None
    used = abs(_flow_in(use, year) or 0.0) if use is not None else None
    return ReserveAfter(
        amount_gbp=reserve.amount_gbp - (used or 0.0) - (overspend or 0.0),
        year=year,
        reserve_gbp=reserve.amount_gbp,
        planned_use_gbp=used,
        forecast_overspend_gbp=overspend,
        provenance=reserve.provenance[:1]
        + (use.provenance[:1] if use is not None else [])
        + (over.provenance[:1] if over is not None and overspend is not None else []),
    )


def stated_after(reserve: Reserve | None, balances: list[Reserve]) -> Reserve | None:
    """The general reserve's balance the documents state (held or forecast, with its condition) at
    the end of the year after `reserve`'s date ("£34.27m at 31 March 2026" beside £48.60m at 31 March
    2025): preferred to any the pack would derive for that date (`reserve_after`); None where they
    state none."""
    year = after_year(reserve)
    end = (int(year[:4]) + 1, 3) if year else None
    return next(
        (r for r in balances if end is not None and r.amount_gbp is not None and year_end(r.at or "") == end),
        None,
    )


def council_overspend(position: Position | None, reserve: Reserve | None) -> StatedForecast | None:
    """The council-wide overspend the documents forecast for a year after the general reserve's date:
    if not recovered, it too falls on reserves. The monitoring's council total where it forecasts an
    overspend, at the latest stage the documents state it (`Position.council_later`, analyse.stages:
    what is left after the council's management actions and its draw on reserves is what would
    fall on the general reserve, not the overspend before them), else what the budget papers say
    of the current year (analyse.current_year), the one stating an amount first; None where they
    forecast none, or there is no reserve to name it beside."""
    if position is None or reserve is None:
        return None
    after = after_year(reserve)

    def later(year: str | None) -> bool:
        return bool(year) and (after is None or str(year) >= after)

    if position.scope == Scope.COUNCIL_WIDE and (position.variance_gbp or 0) > 0 and later(position.period):
        if position.council_later:
            latest = position.council_later[-1]
            return StatedForecast(
                year=position.period or "",
                outcome="overspend",
                amount_gbp=latest.variance_gbp,
                source="prose",
                scope=Scope.COUNCIL_WIDE,
                words=latest.provenance[0].text,
                provenance=latest.provenance[:1],
                stage=latest.stage,
            )
        return StatedForecast(
            year=position.period or "",
            outcome="overspend",
            amount_gbp=position.variance_gbp,
            source="monitoring",
            scope=Scope.COUNCIL_WIDE,
            words=position.provenance[0].text,
            provenance=position.provenance[:1],
        )
    stated = [
        f
        for f in position.current_year
        if f.scope == Scope.COUNCIL_WIDE and f.outcome == "overspend" and later(f.year)
    ]
    return next((f for f in stated if f.amount_gbp), None) or next(iter(stated), None)


def general_contributions(flows: list[Reserve], year: str | None) -> list[Reserve]:
    """The contributions the documents plan into the general reserve in `year` (the budget's): a
    flow into reserves that its own label names the general reserve's ("£16.3m replenishment of
    general reserves"), each statement kept (two documents may differ), never added to the balance:
    the reserve after them is the documents' to state."""
    return [
        r
        for r in flows
        if year is not None
        and r.kind == "flow"
        and r.direction == "into reserves"
        and GENERAL.search(r.label)
        and r.at == year
        and r.amount_gbp
    ]


def after_year(reserve: Reserve | None) -> str | None:
    """The year after a balance at a year's end ("31 March 2025" is followed by "2025-26"); None
    where the balance is at no year's end."""
    when = year_end(reserve.at or "") if reserve is not None and reserve.amount_gbp is not None else None
    return f"{when[0]}-{(when[0] + 1) % 100:02d}" if when is not None and when[1] == 3 else None


def from_general(use: Reserve) -> bool:
    """Whether the documents say a planned use of reserves is from the general fund or general
    reserve (its label or its own words name it): "reserves" alone may be earmarked ones, so the
    general reserve is reduced by it only where they do."""
    return bool(GENERAL.search(drawn_from(use)))


def planned_use(flows: list[Reserve], year: str) -> Reserve | None:
    """The council's planned use of reserves in `year`: a council-wide flow out of reserves for the
    year, part of no other; the table's total where there is one, else the only such flow (several
    without a total could overlap, so none is summed)."""
    found = [
        r
        for r in flows
        if r.kind == "flow"
        and r.scope == Scope.COUNCIL_WIDE
        and r.direction == "out of reserves"
        and not r.part_of
        and _flow_in(r, year)
    ]
    totals = [r for r in found if TABLE_TOTAL in r.label]
    return totals[0] if totals else (found[0] if len(found) == 1 else None)


def _flow_in(flow: Reserve, year: str) -> float | None:
    """A flow's amount in `year`: its table's figure for the year, or its own where it is the year's."""
    by_year = next((a.amount_gbp for a in flow.amounts if a.period == year), None)
    return by_year if by_year is not None else (flow.amount_gbp if flow.at == year else None)


# A year in a date: "2024-25" (a financial year's end) or "2025" ("31 March 2025"), the year first.
YEAR_IN_DATE = re.compile(r"\b(\d{4})(?:-\d{2})?\b")


def dated_apart(deficit: DsgItem | None, reserve: Reserve | None) -> str:
    """When the reserve was read, where not at the deficit's date (`year_end`): "a year earlier
    (at 31 March 2025)" where both dates are written alike but for their year ("31 March 2026"
    and "31 March 2025"); else the reserve's own date, said to differ. Empty where both are at one
    date, or either is undated: no share is given unless both are at one date."""
    a, b = (deficit.words or "") if deficit else "", (reserve.at or "") if reserve else ""
    if not (a and b) or at_one_date(deficit, reserve):
        return ""
    years = [YEAR_IN_DATE.findall(w) for w in (a, b)]
    if len(years[0]) == len(years[1]) == 1 and YEAR_IN_DATE.sub("", a) == YEAR_IN_DATE.sub("", b):
        apart = int(years[0][0]) - int(years[1][0])
        if apart:
            many = "a year" if abs(apart) == 1 else f"{abs(apart)} years"
            return f"{many} {'earlier' if apart > 0 else 'later'} (at {b})"
    return f"at {b}, a different date"


def at_one_date(deficit: DsgItem | None, reserve: Reserve | None) -> bool:
    """Whether the deficit and the reserve are at one date (`year_end`: "the end of 2024-25" is
    "31 March 2025"); an undated figure is at none. The one rule for setting a deficit beside a
    reserve: the reserve chosen (`reserve_beside`), whether they are dated apart (`dated_apart`),
    and whether a share of one in the other is given (analyse.derived)."""
    when = year_end(deficit.words) if deficit is not None else None
    return when is not None and reserve is not None and when == year_end(reserve.at or "")


def in_year_by_year(extraction: Extraction, scopes: ScopeIndex, period: str | None) -> list[DsgItem]:
    """The in-year position, one per year: the latest monitoring's (`in_year`), for the review's
    year, then each year's first stated position (`stated_in_year`) for the years it leaves."""
    found: list[DsgItem] = []
    latest = in_year(extraction, scopes, period)
    if latest is not None:
        found.append(latest.model_copy(update={"year": latest.year or period or ""}))
    for item in stated_in_year(extraction):
        if all(item.year != kept.year for kept in found):
            found.append(item)
    return sorted(found, key=lambda item: item.year or "9999")


def stated_in_year(extraction: Extraction) -> list[DsgItem]:
    """Each in-year position the documents state for a named year, in reading order: in prose on
    the DSG or High Needs, in a pressure's description or a risk register's row about them."""
    return [
        item for sentences, about in _dsg_texts(extraction) for item in _stated_positions(sentences, about)
    ]


def _dsg_texts(extraction: Extraction) -> list[tuple[Sentences, bool]]:
    """The texts an in-year position is read from, as sentences, and whether the whole text is about
    the DSG: a passage's sentences must each name it; a pressure or a risk that names it is about it
    throughout ("2024-25 ... the council is forecasting to be £10m off-target", in the High Needs
    risk's row)."""
    texts = [(sentences_cited(p), False) for p in extraction.passages]
    for line in extraction.pressures:
        words = f"{line.title}. {line.description}"
        if line.description and DSG.search(words):
            texts.append((_sentences_of(line.description, line.provenance[0]), True))
    for risk in extraction.risks:
        texts += [(_sentences_of(p.text, p), True) for p in risk.provenance if DSG.search(p.text)]
    return texts


def plan_texts(extraction: Extraction) -> list[tuple[Sentences, bool]]:
    """The texts a plan's delivery is read from (analyse.plan_delivery.about_plan): each passage's
    sentences, and each risk register row on the DSG, its cells' sentences, about the DSG throughout
    (`True`): the row's Safety Valve named in one cell is the subject of the next ("2024-25 ... £10m
    off-target")."""
    texts = [(sentences_cited(p), False) for p in extraction.passages]
    return texts + [(_risk_sentences([risk]), True) for risk in extraction.risks]


def _risk_sentences(risks: list[Risk]) -> Sentences:
    """The sentences of the risk register's cells on the DSG, each cited to its cell (a row's text
    read as one holds its cells apart with " | ")."""
    return [
        s
        for risk in risks
        for p in risk.provenance
        if DSG.search(p.text)
        for cell in p.text.split(" | ")
        for s in _sentences_of(cell, p)
    ]


def _sentences_of(text: str, where: Provenance) -> Sentences:
    return [(sentence, [_cited(where, sentence)]) for sentence in split_sentences(text)]


def _stated_positions(sentences: Sentences, about: bool) -> list[DsgItem]:
    found: list[DsgItem] = []
    for sentence, where in sentences:
        if not (about or DSG.search(sentence)):
            continue
        kind = ""
        for money in MONEY.finditer(sentence):
            kind = _position_word(sentence, money, kind)
            year = _position_year(sentence, money)
            amount = parse_money(money.group(0))
            if not (kind and year and amount) or CUMULATIVE.search(
                sentence[own_words(sentence, money.span())[0] : money.start()]
            ):
                continue
            if DEFICIT.fullmatch(kind) and not IN_YEAR_WORDS.search(sentence):
                continue  # a deficit not said to be the year's is the cumulative one
            sign = -1.0 if UNDERSPEND.search(kind) else 1.0
            found.append(
                DsgItem(
                    amount_gbp=sign * abs(amount),
                    words=kind,
                    year=year,
                    places=places_printed("GBP", money.group(0)),  # as prose figures keep them
                    text=sentence,
                    provenance=where,
                )
            )
    return found


def _position_word(sentence: str, money: re.Match[str], before: str) -> str:
    """The word that says what the sum is ("in year deficit", "surplus", "off-target"): right after
    it ("£10m off-target"), else the last in its own words before it ("a surplus of £5.9m"), else the
    word of the sum before it in the sentence ("deficit of £23.9m ... reducing to £8.3m")."""
    after = POSITION.match(sentence, money.end()) or POSITION.match(sentence, money.end() + 1)
    if after:
        return after.group(0).strip()
    start, _ = own_words(sentence, money.span())
    words = list(POSITION.finditer(sentence, start, money.start()))
    return words[-1].group(0).strip() if words else before


def _position_year(sentence: str, money: re.Match[str]) -> str:
    """The year a sum is for: the year just after it ("£23.9m in 2025-26", "£5.9m forecast for
    2027-28"), else the last year in its own words before it ("2024-25 has been a more challenging
    year where the council is forecasting to be £10m off-target")."""
    after = FOR_YEAR.match(sentence, money.end())
    if after:
        return normalise_period(after["year"]) or ""
    start, _ = own_words(sentence, money.span())
    years = list(YEAR.finditer(sentence, start, money.start()))
    return (normalise_period(years[-1].group(0)) or "") if years else ""


def in_year(extraction: Extraction, scopes: ScopeIndex, period: str | None) -> DsgItem | None:
    """The DSG's in-year position from the latest monitoring: the row totalling the DSG's blocks
    where its table gives one (`dsg_total`), else the High Needs line (its variance) unless it nets
    to nil (`_net_nil`), else a sentence's in-year figure."""
    rows = [
        b
        for b in in_period(extraction.budget_lines, period)
        if b.variance_gbp is not None
        and scopes.budget_line(b) == Scope.DSG_HIGH_NEEDS
        and not DEFICIT.search(b.name)
        and not _net_nil(b)
    ]
    rows = latest_report(rows)
    row = dsg_total(rows) or next((b for b in rows if HIGH_NEEDS.search(b.name)), rows[0] if rows else None)
    if row is not None:
        return _from_row(row)
    figure = next((f for f in _dsg_money(extraction.figures) if _in_year_figure(f)), None)
    if figure is None:
        return None
    sign = -1.0 if UNDERSPEND.search(f"{figure.label or ''} {figure.text}") else 1.0
    return DsgItem(
        amount_gbp=sign * figure.value,
        words="underspend" if sign < 0 else "overspend",
        year=figure.period or "",
        places=figure.places,
        text=figure.text,
        provenance=figure.provenance,
    )


def _net_nil(row: BudgetLine) -> bool:
    """A line whose net budget and forecast are both nil: the grant funding the block is netted off
    in the General Fund's monitoring, its over- or underspend held in the DSG's own account and
    reported elsewhere, so its nil variance is no in-year position."""
    return row.budget_gbp == 0 and row.forecast_gbp == 0


# The DSG named as a whole, not one of its blocks: a total row so named totals the blocks.
DSG_WHOLE = re.compile(r"\bdsg\b|dedicated\s+schools\s+grant", re.IGNORECASE)


def dsg_total(rows: list[BudgetLine]) -> BudgetLine | None:
    """The row totalling the DSG's blocks among the DSG's monitoring rows (in reading order): a
    row titled as a total (analyse.amounts.is_total: "Total DSG in-year", "Dedicated Schools Grant
    total") naming the DSG and not one block ("Total High Needs Block" is the block's), printed in
    the same document as, and after, the High Needs line where there is one (a table continued over
    a page break included). Its variance is the DSG's in-year position; the High Needs block's,
    when the other blocks underspend, is only part of it."""
    needs = next((i for i, b in enumerate(rows) if HIGH_NEEDS.search(b.name)), None)
    for index, row in enumerate(rows):
        if not is_total(row.name) or not DSG_WHOLE.search(row.name) or HIGH_NEEDS.search(row.name):
            continue
        if needs is None or (index > needs and row.provenance[0].file == rows[needs].provenance[0].file):
            return row
    return None


def _from_row(row: BudgetLine) -> DsgItem:
    return DsgItem(
        amount_gbp=row.variance_gbp,
        words="overspend" if (row.variance_gbp or 0) > 0 else "underspend",
        year=row.period or "",
        text=row.provenance[0].text,
        verification=reviewer_settled(row) or row.verification.value,
        provenance=row.provenance,
    )


def _dsg_money(figures: list[Figure]) -> list[Figure]:
    return [f for f in figures if f.unit == FigureUnit.GBP and DSG.search(f.text) and f.value > 0]


def _in_year_figure(figure: Figure) -> bool:
    label = figure.label or ""
    return bool(_said_of(figure, HIGH_NEEDS) and IN_YEAR.search(label or figure.text)) and not (
        CUMULATIVE.search(label) or DEFICIT.search(label)
    )


# How far before a figure's words the DSG or High Needs must be named for the figure to be theirs.
SUBJECT_REACH = 60


def _said_of(figure: Figure, subject: re.Pattern[str]) -> bool:
    """The figure is the subject's: its label names the subject, or the subject is named shortly
    before the label ("The High Needs block is forecast to overspend by £4.6m"), not after it
    ("The directorate's overspend of £12m relates to placements and the High Needs block")."""
    label = figure.label or ""
    if subject.search(label):
        return True
    at = figure.text.find(label) if label else -1
    if at < 0:
        return False
    return any(0 <= at - m.end() <= SUBJECT_REACH for m in subject.finditer(figure.text[:at]))


def cumulative_deficit(figures: list[Figure]) -> tuple[DsgItem | None, DsgItem | None]:
    """The cumulative DSG deficit the council carries, and the deficit before contributions where
    the documents state one (analyse.dsg.contributions): a figure stated before the contributions
    towards it is never the deficit carried; one stated after them is, before a figure that says
    neither."""
    carried = _carried_deficits(figures)
    before: DsgItem | None = None
    for figure in _dsg_money(figures):
        side, words = contributions(figure)
        if side == "before" and _names_deficit(figure, after=False):
            before = before or _deficit_item(figure, words)
    return latest_deficit(carried), before


def _carried_deficits(figures: list[Figure]) -> list[DsgItem]:
    """Every figure stating the cumulative deficit the council carries, in order: those stated after
    contributions where any is, else every one stated as neither before nor after them."""
    plain: list[DsgItem] = []
    after: list[DsgItem] = []
    for figure in _dsg_money(figures):
        side, words = contributions(figure)
        if side == "before" or not _names_deficit(figure, after=side == "after"):
            continue
        (after if side == "after" else plain).append(_deficit_item(figure, words))
    return after or plain


def latest_deficit(deficits: list[DsgItem]) -> DsgItem | None:
    """The cumulative deficit to give as the position: where two or more are dated, the one at the
    latest date ("£52.8m at 31 March 2026" after "£38.6m at 31 March 2025"); else the first."""
    dated = [(when, -i, d) for i, d in enumerate(deficits) if (when := year_end(d.words)) is not None]
    if len(dated) >= 2:
        return max(dated, key=lambda x: (x[0], x[1]))[2]
    return deficits[0] if deficits else None


def deficit_history(figures: list[Figure], position: DsgItem | None) -> list[DsgItem]:
    """The cumulative deficit at the dates before the position's (`latest_deficit`), as the
    documents state them, earliest first, one for each date: the deficit's history, never its
    position."""
    when = year_end(position.words) if position is not None else None
    if when is None:
        return []
    earlier: dict[tuple[int, int], DsgItem] = {}
    for item in _carried_deficits(figures):
        at = year_end(item.words)
        if at is not None and at < when:
            earlier.setdefault(at, item)
    return [earlier[at] for at in sorted(earlier)]


class DeficitTable(NamedTuple):
    """The cumulative deficit a table carries forward (`deficit_table`), and the movements between
    its brought forward and carried forward rows, each signed as printed (a contribution negative),
    with its row's label and cell: what the carried forward already counts (`if_withheld`)."""

    deficit: DsgItem
    movements: list[DsgItem]


def deficit_table(tables: list[Table], period: str | None) -> DeficitTable | None:
    """The cumulative DSG deficit a table carries forward at the end of the review's year, with its
    movements, where the table's own arithmetic holds: brought forward, with every movement printed
    between it and the carried forward row (the year's deficit, contributions, payments), makes the
    carried forward, in the column its heading gives that year, or, where no heading names a year,
    in the column those rows print their amounts in, the table's own words putting it in that year
    (`_of_year`, `_one_column`: whole pounds under "Forecast Outturn £"; extract.tables.vocabulary.CARRIED_ROWS
    names the rows); a table continued over a page break read whole (extract.domain.build.joined).
    Verified by that arithmetic, and so read before any sentence; read once a review (dsg_position);
    None where no table states it, or its rows do not add up (a figure that fails its check never
    headlines)."""
    if period is None:
        return None
    for sheet in _sheets(tables):
        table = sheet.table
        rows = _carried_rows(table)
        if rows is None:
            continue
        headings = table.rows[table.header_rows - 1]
        for column, heading in enumerate(headings):
            if column and find_periods(heading) == [period]:
                read = _carried_forward(sheet, rows, column, period)
                if read is not None:
                    return read
        unheaded = not any(find_periods(h) for h in headings[1:]) and _of_year(table, rows, period)
        if unheaded and (read := _one_column(sheet, rows, period)) is not None:
            return read
    return None


def _of_year(table: Table, rows: dict[str, int], period: str) -> bool:
    """A deficit table whose columns name no year is the review's year's where its own words put it
    there: the carried forward row's date is the year's end ("carried forward 31 March 2026"), or,
    where it names no date, the brought forward row's is the year's start ("1 April 2025") or its
    title or rows name the year ("Dedicated Schools Grant, Period 9 2025/26"); never a table whose
    carried forward row is dated at another year's end."""
    start = int(period[:4])
    names = [table.rows[rows[role]][0] for role in ("brought", "in_year", "carried")]
    if (carried := year_end(names[2])) is not None:
        return carried == (start + 1, 3)
    if (brought := year_end(names[0])) is not None:
        return brought in {(start, 3), (start, 4)}
    return any(find_periods(words) == [period] for words in (table.title, *names))


def _one_column(sheet: Sheet, rows: dict[str, int], period: str) -> DeficitTable | None:
    """The deficit a table with no year in its headings carries forward, read from the column in
    which its brought forward, in-year and carried forward rows each print an amount (a budget
    monitoring table's "Forecast Outturn £" column, its other columns blank on those rows); where
    more than one column does, the one whose arithmetic holds, and None where two that hold
    differ."""
    table = sheet.table
    width = max(len(table.rows[index]) for index in rows.values())
    filled = [
        column
        for column in range(1, width)
        if all(
            column < len(table.rows[index]) and parse_amount(table.rows[index][column]) is not None
            for index in rows.values()
        )
    ]
    held = [read for column in filled if (read := _carried_forward(sheet, rows, column, period)) is not None]
    if len({read.deficit.amount_gbp for read in held}) != 1:
        return None
    return held[0]


def _sheets(tables: list[Table]) -> list[Sheet]:
    """Each document's tables with their continuations joined, in order."""
    by_file: dict[str, list[Table]] = {}
    for table in tables:
        by_file.setdefault(table.file, []).append(table)
    return [sheet for same in by_file.values() for sheet in joined(same, [t.locator for t in same])]


def _carried_rows(table: Table) -> dict[str, int] | None:
    """The rows of a DSG deficit table brought forward, in year and carried forward, by index, in
    that order: the first brought forward row, the first in-year row after it, the first carried
    forward row after that, a row read by the first of CARRIED_ROWS its name holds (a "Total DSG
    in-year" row totalling the blocks above the brought forward row is not the year's movement);
    None where the table is not on the DSG's deficit or lacks one of the three in that order."""
    if not table.header_rows:
        return None
    names = [row[0] if row else "" for row in table.rows]
    words = " ".join([*table.rows[table.header_rows - 1], *names])
    if not (DSG.search(words) and DEFICIT.search(words)):
        return None
    order = list(CARRIED_ROWS)
    found: dict[str, int] = {}
    for index in range(table.header_rows, len(table.rows)):
        role = next((r for r, rule in CARRIED_ROWS.items() if rule.search(names[index])), None)
        if len(found) < len(order) and role == order[len(found)]:
            found[role] = index
    return found if len(found) == len(order) else None


def _carried_forward(sheet: Sheet, rows: dict[str, int], column: int, period: str) -> DeficitTable | None:
    table = sheet.table
    scale = (
        unit_multiplier(table.rows[table.header_rows - 1][column]) or unit_multiplier(table.unit or "") or 1.0
    )
    moved: list[Term] = []
    movements: list[DsgItem] = []
    for index in range(rows["brought"], rows["carried"] + 1):
        cell = table.rows[index][column] if column < len(table.rows[index]) else ""
        value = parse_amount(cell)
        if value is None:
            if index in rows.values():
                return None
            continue  # a heading or a blank among the movements
        moved.append(Term(value * scale, half_unit(cell, value * scale, scale)))
        if rows["brought"] < index < rows["carried"]:
            row = row_cited(sheet.origins[index].table, sheet.origins[index].row)
            movements.append(DsgItem(amount_gbp=value * scale, text=row.text, provenance=[row]))
    carried = moved.pop()
    if not holds(moved, [carried]):
        return None
    cell = table.rows[rows["carried"]][column]
    cited = [
        row_cited(o.table, o.row)
        for o in (sheet.origins[rows[role]] for role in ("carried", "brought", "in_year"))
    ]
    item = DsgItem(
        amount_gbp=abs(carried.value),
        words=f"31 March {int(period[:4]) + 1}",  # what a year carries forward, it holds at its end
        places=cell_places(cell, scale),
        text=cited[0].text,
        verification="verified",
        provenance=cited,
    )
    return DeficitTable(item, movements)


def if_withheld(
    deficit: DsgItem | None, movements: list[DsgItem], conditions: list[DsgItem]
) -> DeficitIfWithheld | None:
    """The cumulative deficit were a contribution it counts withheld: where a sentence makes the
    money under the plan conditional (analyse.plan_delivery.plan_conditions: "The 2025/26 Safety
    Valve payment of £4.000m is subject to DfE confirmation ...") and states the sum of a contribution
    among the deficit table's movements (`DeficitTable.movements`: "Safety Valve – DfE contribution | -4,000"),
    the deficit larger by it: derived, citing the row and the sentence; None where none is."""
    if deficit is None or deficit.amount_gbp is None:
        return None
    for condition in conditions:
        stated = [v for m in MONEY.finditer(condition.text) if (v := parse_money(m.group(0))) is not None]
        for moved in movements:
            paid = -(moved.amount_gbp or 0.0)
            if paid > 0 and any(same_amount(v, paid) for v in stated):
                return DeficitIfWithheld(
                    amount_gbp=deficit.amount_gbp + paid,
                    deficit_gbp=deficit.amount_gbp,
                    withheld_gbp=paid,
                    places=deficit.places,
                    condition=condition.words,
                    provenance=moved.provenance[:1] + condition.provenance[:1],
                )
    return None


def preferred_deficit(tabled: DsgItem | None, stated: DsgItem | None) -> DsgItem | None:
    """The cumulative deficit to give: a table's that adds up (`deficit_table`) before a sentence's,
    citing the sentence too where it states the same sum, with what it says of contributions."""
    if tabled is None or stated is None:
        return tabled or stated
    if stated.amount_gbp is None or not same_amount(stated.amount_gbp, tabled.amount_gbp or 0.0):
        return tabled
    return tabled.model_copy(
        update={
            "contributions": stated.contributions,
            "provenance": cited_by_both(tabled.provenance, stated.provenance),
        }
    )


def _names_deficit(figure: Figure, after: bool) -> bool:
    """The figure is the DSG's cumulative deficit by its own words: its label names the deficit;
    "the accumulated deficit ... a forecast total of £227m" (a total in a sentence on the
    accumulated deficit); "the deficit ... has been reduced by contributions to £96m". Never a
    figure its own words call the year's ("the in-year DSG High Needs Block deficit of £7.40m and
    the cumulative DSG deficit of £34.30m": each sum takes the words nearest before it)."""
    label = figure.label or ""
    if _named_in_year(figure) or _a_change(figure):
        return False
    whole = CUMULATIVE.search(label) or TOTAL.search(label)
    named = (
        DEFICIT.search(label)
        or (CUMULATIVE.search(figure.text) and whole)
        or (after and DEFICIT.search(figure.text))
    )
    return bool(named and _said_of(figure, DSG)) or _stated_cumulative(figure)


def _stated_cumulative(figure: Figure) -> bool:
    """The figure's own words, back to the money figure before it, name a cumulative (accumulated,
    brought or carried forward) deficit, and its sentence names the DSG or High Needs before it:
    "The Council holds a cumulative DSG deficit, arising wholly in the High Needs Block, of £38.6m
    at 31 March 2025"; "The in-year high needs deficit ... is forecast at £14.2m, which would bring
    the cumulative deficit to £52.8m" (the £52.8m; the £14.2m's own words call it the year's, which
    `_named_in_year` has already kept out). Never where those words also name the year's deficit
    ("in-year"), which the nearest words would then have to decide."""
    at = figure_at(figure.text, figure.value)
    if at is None:
        return False
    own = named_before(figure.text, at)
    return bool(
        CUMULATIVE.search(own)
        and DEFICIT.search(own)
        and not IN_YEAR_WORDS.search(own)
        and DSG.search(figure.text[: at[0]])
    )


def _a_change(figure: Figure) -> bool:
    """The words just before the figure make it a change in the deficit, not its level ("will
    increase the cumulative DSG deficit by £9.0m")."""
    at = figure_at(figure.text, figure.value)
    return at is not None and bool(CHANGE_BY.search(figure.text[: at[0]]))


def _named_in_year(figure: Figure) -> bool:
    """The words nearest before the figure in its own clause (`lead_words`) call it the year's
    ("in-year") rather than cumulative: of the two, the one nearer the figure decides."""
    lead = lead_words(figure.text, figure_at(figure.text, figure.value))
    said = [(m.end(), False) for m in IN_YEAR_WORDS.finditer(lead)] + [
        (m.end(), True) for m in CUMULATIVE.finditer(lead)
    ]
    return bool(said) and not max(said)[1]


def lead_words(text: str, at: tuple[int, int] | None) -> str:
    """The words that name the figure at `at`: those of its own clause before it, from the money
    figure or the clause's end (a semicolon, colon or comma) before it."""
    if at is None:
        return ""
    start, _ = own_words(text, at)
    ends = [m.end() for m in CLAUSE_END.finditer(text, start, at[0])]
    return text[max([start, *ends]) : at[0]]


def _deficit_item(figure: Figure, contributions: str) -> DsgItem:
    return DsgItem(
        amount_gbp=figure.value,
        words=date_near(figure.text, figure_at(figure.text, figure.value)) or "",
        contributions=contributions,
        places=figure.places,
        text=figure.text,
        provenance=figure.provenance,
        hedge=hedge(figure.text, _printed(figure)),
    )


def _printed(figure: Figure) -> str:
    """A sum in £m as its sentence prints it ("£96m", "£5.05m"); '' for one printed otherwise."""
    return "" if figure.places is None else f"£{figure.value / 1e6:,.{figure.places}f}m"


def offsets(figures: list[Figure]) -> list[DsgItem]:
    """The money the documents say is held or paid to offset the DSG deficit, once each: a sum whose
    own words (`_offset`) name the DSG or its Safety Valve and put it towards the deficit ("£36.2m
    from Safety Valve contributions which over time will offset the Dedicated Schools Grant (DSG)
    deficit", "£14.6m local authority contribution to DSG deficit"); never a deficit itself (one its
    words state before or after contributions, or name as the deficit), nor a signed change to a
    budget ("-£14.7m")."""
    found = [item for figure in figures if (item := _offset(figure)) is not None]
    return once_each(found, _same_offset, _cited_too)


def _offset(figure: Figure) -> DsgItem | None:
    """The figure as money towards the deficit: its clause (analyse.reserves.clause) puts it towards
    something, and names the DSG or its Safety Valve, or the sentence's words before it do, back to
    the money figure before it ("Under the Safety Valve agreement ..., KCC is required to make a
    contribution totaling £82.3m")."""
    at = figure_at(figure.text, figure.value)
    if figure.unit != FigureUnit.GBP or figure.value <= 0 or at is None or figure.text[at[0]] in SIGNS:
        return None
    words = clause(figure.text, figure.value, OFFSET_WORDS)
    lead = figure.text[own_words(figure.text, at)[0] : at[0]]
    if _bracketed(figure.text, at):  # "a substantial contribution (up to £140m)": the words before say it
        words = _bracket_words(figure.text, lead, at)
    if not (OFFSETS.search(words) and (DSG.search(words) or DSG.search(lead))) or contributions(figure)[0]:
        return None
    if _names_deficit(figure, after=False):
        return None
    held = reserve_kind(figure.text, figure.value, figure.label or "") == "balance"
    return DsgItem(
        amount_gbp=figure.value,
        words=_offset_when(figure, words, held),
        contributions=words,
        offset="held" if held else "contribution",
        ceiling=ceiling[0].strip() if (ceiling := CEILING.search(figure.text, 0, at[0])) else "",
        places=figure.places,
        text=figure.text,
        provenance=figure.provenance,
    )


def _bracketed(text: str, at: tuple[int, int]) -> bool:
    """The figure is all but alone in brackets: "(up to £140m)", "(£82.3m)"."""
    opened, closed = text.rfind("(", 0, at[0]), text.find(")", at[1])
    return opened >= 0 and ")" not in text[opened : at[0]] and closed >= 0 and "(" not in text[at[1] : closed]


def _bracket_words(text: str, lead: str, at: tuple[int, int]) -> str:
    """A bracketed figure's words: the clause before it that it sizes, to its bracket's close ("whereby
    the Department for Education provides a substantial contribution (up to £140m)")."""
    before = lead[: lead.rfind("(")] if "(" in lead else lead
    opened = text.rfind("(", 0, at[0])
    own = re.split(r"[,;:]\s", before)[-1].split()[-OFFSET_WORDS:]
    return " ".join([*own, text[opened : text.find(")", at[1]) + 1]])


def _offset_when(figure: Figure, words: str, held: bool) -> str:
    """A balance's date ("at the end of 2023-24"); a contribution's years, in its clause ("between
    2022-23 to 2027-28"), else the figure's period, else the sentence's year ("The 2025-26 budget
    includes ... £14.6m local authority contribution to DSG deficit"); "" where none is stated."""
    if held:
        dated = DATE.search(figure.text)
        return dated["date"] if dated else figure.period or ""
    years = YEARS.search(words) or (None if figure.period else YEARS.search(figure.text))
    return years.group(0) if years else figure.period or ""


def _same_offset(kept: DsgItem, other: DsgItem) -> bool:
    """The same sum, of the same kind, at the same date or year where both state one."""
    assert kept.amount_gbp is not None and other.amount_gbp is not None
    return (
        kept.offset == other.offset
        and same_amount(kept.amount_gbp, other.amount_gbp)
        and (not kept.words or not other.words or kept.words == other.words)
    )


def reserve_drawdowns(tables: list[Table]) -> list[DsgItem]:
    """The plan's lines that draw down a DSG or Safety Valve reserve, a sum for each year the table's
    year columns give one: a line whose words name the DSG, a reserve and a drawdown ("Drawdown of
    Safety Valve Earmarked reserve (KCC contributions) to offset anticipated in year DSG deficit"),
    never one that undoes an earlier year's ("Removal of prior year drawdown"), nor a total."""
    found = [
        item.model_copy(update={"words": named, "party": party(named)})
        for item, row in _plan_sums(tables, _draws_dsg_reserve)
        if (
            named := max((m["name"] for c in row for m in RESERVE_NAMED.finditer(c)), key=len, default=row[0])
        )
    ]
    return once_each(found, _same_draw, _cited_too)


def reserve_contributions(tables: list[Table]) -> list[DsgItem]:
    """The plan's lines that pay money towards the DSG deficit, a sum for each year the table's year
    columns give one, with who pays it (`party`): a line paying into a reserve whose words name the
    DSG, its deficit and a contribution (`_pays_towards_deficit`: "KCC Contribution towards funding the
    DSG deficit as agreed with DfE as part of the Safety Valve agreement"), never a draw, one that
    undoes an earlier year's ("Removal of prior year contribution"), nor a total; the words its cell
    that names the contribution (its description), the payer read from them, else from the whole
    line ("Safety Valve (DfE)" in its headline)."""
    found = [
        item.model_copy(
            update={"words": words, "party": party(words) or party(" ".join(row)), "offset": "contribution"}
        )
        for item, row in _plan_sums(tables, _pays_towards_deficit)
        if (words := _cell_saying(row, CONTRIBUTION))
    ]
    return once_each(found, _same_draw, _cited_too)


def contributions_by_year(contributed: list[DsgItem], offsets: list[DsgItem]) -> list[DsgItem]:
    """The Safety Valve contributions by year with who pays each: the plan's lines (`contributed`,
    as `reserve_contributions` reads them), then the offsets a sentence states for one year whose
    words name the payer ("£14.6m local authority contribution to DSG deficit", 2025-26); one sum for
    one party and year read twice is one, citing both."""
    stated = [
        o.model_copy(update={"year": year, "party": party(o.contributions)})
        for o in offsets
        if o.offset == "contribution" and not o.ceiling and (year := normalise_period(o.words))
    ]
    return once_each([*contributed, *(o for o in stated if o.party)], _same_paid, _cited_too)


def _same_paid(kept: DsgItem, other: DsgItem) -> bool:
    assert kept.amount_gbp is not None and other.amount_gbp is not None
    return (
        kept.party == other.party
        and kept.year == other.year
        and same_amount(kept.amount_gbp, other.amount_gbp)
    )


def safety_valve_years(paid: list[DsgItem], drawn: list[DsgItem]) -> list[SafetyValveYear]:
    """Each party's contributions in a year beside the plan's draws that year on the reserve holding
    its contributions, for each party the plan draws on (a year it draws nothing is a draw of 0,
    cited to its draw line): where they differ, money stays in the reserve or is drawn from earlier
    years', and the documents are asked which, and what it is set against."""
    out: list[SafetyValveYear] = []
    for item in paid:
        draws = [d for d in drawn if d.party == item.party]
        if not item.party or not draws or item.amount_gbp is None:
            continue
        year = [d for d in draws if d.year == item.year]
        taken = sum(d.amount_gbp or 0.0 for d in year)
        out.append(
            SafetyValveYear(
                year=item.year,
                party=item.party,
                contributed_gbp=item.amount_gbp,
                drawn_gbp=taken,
                left_gbp=item.amount_gbp - taken,
                agrees=same_amount(item.amount_gbp, taken),
                provenance=item.provenance + [p for d in (year or draws[:1]) for p in d.provenance[:1]],
            )
        )
    return sorted(out, key=lambda y: (y.year, y.party != "council"))


def safety_valve_spans(offsets: list[DsgItem], paid: list[DsgItem]) -> list[SafetyValveSpan]:
    """Each contribution the documents state over a span of years with who pays it ("KCC is required
    to make a contribution totaling £82.3m between 2022-23 to 2027-28"), beside that party's
    contributions by year within the span: what the years given sum to, and which years are not
    given; where every year is given, or the years given exceed the total, whether they agree."""
    out: list[SafetyValveSpan] = []
    for total in offsets:
        who = party(total.contributions)
        years = span_years(total.words)
        if (
            total.offset != "contribution"
            or total.ceiling
            or not who
            or not years
            or total.amount_gbp is None
        ):
            continue
        given = [c for c in paid if c.party == who and c.year in years and c.amount_gbp]
        if not given:
            continue
        summed = sum(c.amount_gbp or 0.0 for c in given)
        missing = [y for y in years if all(c.year != y for c in given)]
        over = summed > total.amount_gbp and not same_amount(summed, total.amount_gbp)
        out.append(
            SafetyValveSpan(
                party=who,
                total_gbp=total.amount_gbp,
                span=total.words,
                given_gbp=summed,
                years_given=sorted({c.year for c in given}),
                years_missing=missing,
                remainder_gbp=total.amount_gbp - summed,
                agrees=False if over else None if missing else same_amount(summed, total.amount_gbp),
                provenance=_each_once(total.provenance + [p for c in given for p in c.provenance[:1]]),
            )
        )
    return out


def years_after(deficit: DsgItem | None, years: list[SafetyValveYear]) -> list[SafetyValveYear]:
    """The Safety Valve years that follow the deficit's date ("the end of 2024-25": 2025-26 on): the
    money they pay in and draw is not yet in it; [] where the deficit gives no date."""
    when = year_end(deficit.words) if deficit is not None else None
    return [y for y in years if int(y.year[:4]) + 1 > when[0]] if when else []


def left_uncovered(
    deficit: DsgItem | None, years: list[SafetyValveYear], in_year: list[DsgItem]
) -> tuple[float, str] | None:
    """What of the deficit after contributions the plan's years leave uncovered at their end, where
    that deficit already counts the money held towards it (so the held money cannot meet it again):
    the deficit, plus each year's in-year position (a surplus less), less what both parties pay in
    over the years after its date (`years_after`), with the last year; None where the deficit is not
    one after contributions, no year follows it, or a year's in-year position is not given."""
    after = years_after(deficit, years)
    if deficit is None or deficit.amount_gbp is None or not deficit.contributions or not after:
        return None
    spanned = sorted({y.year for y in after})
    stated = {i.year: i.amount_gbp for i in in_year if i.amount_gbp is not None}
    if any(year not in stated for year in spanned):
        return None
    paid = sum(y.contributed_gbp for y in after)
    return deficit.amount_gbp + sum(stated[year] for year in spanned) - paid, spanned[-1]


def _each_once(items: list[T]) -> list[T]:
    """Each item once, in the order first read (equal records are one; a record may hold lists, so
    is not hashed)."""
    return [p for i, p in enumerate(items) if p not in items[:i]]


def span_years(words: str) -> list[str]:
    """The financial years a span names, each ("2022-23 to 2027-28": six years); [] for no span."""
    if not re.search(YEAR_SPAN, words):
        return []
    ends = [int(p[:4]) for p in find_periods(words)]
    return [f"{y}-{(y + 1) % 100:02d}" for y in range(min(ends), max(ends) + 1)] if len(ends) >= 2 else []


def accounting_changes(tables: list[Table]) -> list[DsgItem]:
    """The plan's lines on the DSG that change how its deficit, or the money towards it, is accounted
    for (ACCOUNTING: "Change in accounting treatment of KCC Contribution towards funding the DSG
    deficit ... replace with a contribution to reserves"), a signed sum for each year they give one,
    the words the line's own."""
    found = [
        item.model_copy(update={"words": words, "party": party(words)})
        for item, row in _plan_sums(
            tables, lambda w: bool(DSG.search(w) and ACCOUNTING.search(w)), signed=True
        )
        if (words := _cell_saying(row, ACCOUNTING))
    ]
    return once_each(found, _same_draw, _cited_too)


def _cell_saying(row: list[str], words: re.Pattern[str]) -> str:
    """The longest of a row's cells that says `words`: its description, where it has one."""
    return max((c for c in row if words.search(c)), key=len, default="")


def _plan_sums(
    tables: list[Table], wanted: Callable[[str], bool], signed: bool = False
) -> list[tuple[DsgItem, list[str]]]:
    """Each year's sum of each plan line whose words (its cells outside the year columns) are
    `wanted`, positive (`signed`: as printed), cited to its row, with the row; a total line never,
    a nil year never."""
    found: list[tuple[DsgItem, list[str]]] = []
    for table in tables:
        heads = table.rows[: max(table.header_rows, 1)]
        years = {i: y for head in heads for i, cell in enumerate(head) if (y := normalise_period(cell))}
        scale = (
            unit_multiplier(table.unit or "") or unit_multiplier(" ".join(c for h in heads for c in h)) or 1.0
        )
        for index, row in enumerate(table.rows[len(heads) :], start=len(heads)):
            words = " ".join(c for i, c in enumerate(row) if i not in years and c)
            if not wanted(words) or is_total(row[0] if row else ""):
                continue
            where, area = row_cited(table, index), _budget_area(heads, row)
            for column, year in years.items():
                amount = parse_amount(row[column]) if column < len(row) else None
                if amount:
                    item = DsgItem(
                        amount_gbp=(amount if signed else abs(amount)) * scale,
                        year=year,
                        budget_area=area,
                        text=where.text,
                        provenance=[where],
                    )
                    found.append((item, row))
    return found


def _budget_area(heads: list[list[str]], row: list[str]) -> str:
    """The row's cell under the heading the column vocabulary reads as its service area ("Service
    Area"), as printed; "" where no heading is one."""
    for head in heads:
        for i, heading in enumerate(head):
            if i < len(row) and heading and column_from_header(i, heading, False).role is Role.SERVICE:
                return row[i].strip()
    return ""


def paid_instead(changes: list[DsgItem], paid: list[DsgItem]) -> list[DsgItem]:
    """The plan's contribution lines (`reserve_contributions`) each accounting change that removes a
    sum (a negative one) puts it into: the same party's, the same year; each once."""
    found = [
        p
        for c in changes
        if (c.amount_gbp or 0.0) < 0 and c.party
        for p in paid
        if (p.party, p.year) == (c.party, c.year)
    ]
    return _each_once(found)


def party(words: str) -> Literal["", "council", "DfE"]:
    """Whose Safety Valve money the words make a sum: the words nearest before "contribution(s)",
    and a bracket round it ("(KCC contributions)"), name the DfE or the council (DFE_PARTY,
    COUNCIL_PARTY); else the words as a whole name one of them and not the other; else ""."""
    for found in PARTY_WORDS.finditer(words):
        near = found.group(0)
        if DFE_PARTY.search(near):
            return "DfE"
        if COUNCIL_PARTY.search(near):
            return "council"
    dfe, council = bool(DFE_PARTY.search(words)), bool(COUNCIL_PARTY.search(DFE_PARTY.sub("", words)))
    return "DfE" if dfe and not council else "council" if council and not dfe else ""


def _pays_towards_deficit(words: str) -> bool:
    """A line paying into a reserve towards the DSG deficit: what the plan's draws take from. A grant
    line ("Increases in Grants and Contributions") names no reserve: its sum is the change on the year
    before, not the year's contribution; an accounting change (ACCOUNTING) is read on its own."""
    named = (
        DSG.search(words) and DEFICIT.search(words) and CONTRIBUTION.search(words) and RESERVE.search(words)
    )
    return bool(named) and not (DRAWDOWN.search(words) or UNDONE.search(words) or ACCOUNTING.search(words))


def _cited_too(kept: DsgItem, other: DsgItem) -> DsgItem:
    """One sum read twice (one line in two tables, one offset in two sentences) as one, citing
    both, with the words the other gives where the kept one has none."""
    return kept.model_copy(
        update={
            "provenance": cited_by_both(kept.provenance, other.provenance),
            "words": kept.words or other.words,
        }
    )


def _same_draw(kept: DsgItem, other: DsgItem) -> bool:
    """The same reserve drawn for the same year, the same sum at the printed precision."""
    assert kept.amount_gbp is not None and other.amount_gbp is not None
    same_sum = same_amount(kept.amount_gbp, other.amount_gbp)
    return kept.year == other.year and kept.words.lower() == other.words.lower() and same_sum


def _draws_dsg_reserve(words: str) -> bool:
    return bool(DSG.search(words) and DRAWDOWN.search(words) and RESERVE.search(words)) and not UNDONE.search(
        words
    )


def contributions(figure: Figure) -> tuple[str, str]:
    """Whether the figure's own words state it before or after the contributions made towards it:
    ("before" or "after", the words as written), or ("", "") where they say neither. Its words are
    those between the money figures either side of it, a bracket included ("£227m as at 31st March
    2025 (excluding contributions from KCC and DfE)"); where both are there, the nearer decides."""
    at = figure_at(figure.text, figure.value)
    if at is None:
        return "", ""
    start, end = own_words(figure.text, at)
    found = [
        (side, m)
        for side, rule in (("before", BEFORE_CONTRIBUTIONS), ("after", AFTER_CONTRIBUTIONS))
        for m in rule.finditer(figure.text, start, end)
    ]
    if not found:
        return "", ""
    side, words = min(
        found, key=lambda f: f[1].start() - at[1] if f[1].start() >= at[1] else at[0] - f[1].end()
    )
    return side, words.group(0).strip()


def named_before(text: str, at: tuple[int, int]) -> str:
    """The words naming the figure at `at`, from the money figure before it; where they only carry
    a "from £X ... to" on ("the cumulative deficit from £61.3m at 31 March 2025 to £79.7m at 31
    March 2026"), the words naming £X: the sum after "to" is the same quantity at a later date."""
    start = own_words(text, at)[0]
    own = text[start : at[0]]
    before = list(MONEY.finditer(text, 0, start))
    if before and MOVED_TO.match(own):
        earlier = before[-1]
        named = text[own_words(text, (earlier.start(), earlier.end()))[0] : earlier.start()]
        if MOVED_FROM.search(named):
            return named
    return own


def own_words(text: str, at: tuple[int, int]) -> tuple[int, int]:
    """Where the words of the figure at `at` run in `text`: from the money figure before it to the
    money figure after it (the sentence's ends where there is none)."""
    start = max((m.end() for m in MONEY.finditer(text, 0, at[0])), default=0)
    after = MONEY.search(text, at[1])
    return start, after.start() if after else len(text)


def stated_shares(passages: list[Passage]) -> list[StatedShare]:
    """The council's shares the documents set beside the national ones on SEND or the DSG: in a
    sentence that names them (SEND_WORDS, DSG) or follows one that does ("The number of EHCPs have
    increased each year since 2010. In Kent 34.8% of children and young people ... whilst the
    national figure is 43.1%"), each national share with the council's beside it (`_shares_in`)."""
    found: list[StatedShare] = []
    for passage in passages:
        before = ""
        for sentence, where in sentences_cited(passage):
            if any(SEND_WORDS.search(t) or DSG.search(t) for t in (before, sentence)):
                found += _shares_in(sentence, where)
            before = sentence
    return once_each(found, lambda a, b: a.text == b.text and a.national_pct == b.national_pct, _share_cited)


def _shares_in(sentence: str, where: list[Provenance]) -> list[StatedShare]:
    """Each national share of the sentence (`_national`) with the council's share it is set beside:
    the nearest before it that is not national and not in brackets (an earlier year's, "(34% in
    2023)"), else the nearest after it ("32.1% nationally, whereas in Kent it is 40.4%")."""
    shares = list(SHARE.finditer(sentence))
    national = [_national(sentence, shares, i) for i in range(len(shares))]
    own = [j for j in range(len(shares)) if not national[j] and not _in_brackets(sentence, shares[j].start())]
    out: list[StatedShare] = []
    for i in (i for i in range(len(shares)) if national[i]):
        before, after = [j for j in own if j < i], [j for j in own if j > i]
        if not (before or after):
            continue
        council, share = shares[before[-1] if before else after[0]], shares[i]
        # what the shares are of: the words after the first of the two, to the second
        first, second = (council, share) if before else (share, council)
        subject = SUBJECT_END.split(sentence[first.end() : second.start()], maxsplit=1)[0].strip(" ,(")
        out.append(
            StatedShare(
                council_pct=float(council.group(1)),
                national_pct=float(share.group(1)),
                council_places=_places(council.group(1)),
                national_places=_places(share.group(1)),
                words=subject,
                text=sentence,
                provenance=where,
            )
        )
    return out


def _national(sentence: str, shares: list[re.Match[str]], i: int) -> bool:
    """A share is the national one where its own words name the nation (NATIONAL): those before it
    back to the last comma, share or word turning to another share (SUBJECT_END: "whilst the
    national figure is 43.1%", "against an England average of 3%"), and those after it up to the
    next comma, bracket's close, such word or share ("32.1% nationally")."""
    start = shares[i - 1].end() if i else 0
    end = shares[i + 1].start() if i + 1 < len(shares) else len(sentence)
    before = SUBJECT_END.split(re.split(r"[,;]", sentence[start : shares[i].start()])[-1])[-1]
    after = re.split(
        r"[,;.)]", SUBJECT_END.split(sentence[shares[i].end() : end], maxsplit=1)[0], maxsplit=1
    )[0]
    return bool(NATIONAL.search(before) or NATIONAL.search(after))


def _places(number: str) -> int:
    return len(number.partition(".")[2])


def _in_brackets(text: str, at: int) -> bool:
    return text.rfind("(", 0, at) > text.rfind(")", 0, at)


def _share_cited(kept: StatedShare, other: StatedShare) -> StatedShare:
    return kept.model_copy(update={"provenance": cited_by_both(kept.provenance, other.provenance)})


def dsg_sentences(passages: list[Passage]) -> Sentences:
    """The sentences of the documents' prose about the DSG or a plan for its deficit (a Safety Valve
    agreement, the DfE's Delivering Better Value programme), each with where it is printed."""
    return [
        (sentence, where)
        for passage in passages
        for sentence, where in sentences_cited(passage)
        if DSG.search(sentence) or PLAN.search(sentence)
    ]


def override_sentences(passages: list[Passage]) -> Sentences:
    """The sentences on the DSG's statutory override, in reading order: a sentence naming the
    override where its passage's subject is the DSG, named in it or in a sentence before it ("The
    current override expires on 31st March 2026." after one on the DSG's override), until a
    sentence turns to another override (IFRS 9's, on pooled investment funds)."""
    found: Sentences = []
    for passage in passages:
        on_dsg = False
        for sentence, where in sentences_cited(passage):
            if ANOTHER_OVERRIDE.search(sentence):
                on_dsg = False
            elif DSG_NAMED.search(sentence):
                on_dsg = True
            if on_dsg and OVERRIDE.search(sentence):
                found.append((sentence, where))
    return found


def override_end(sentences: Sentences) -> DsgItem | None:
    """When the statutory override ends: the date the words end it at ("from 2023-24 to 2025-26"
    ends in 2025-26, "expires on 31st March 2026", "extended to March 2028"); where the documents
    state it more than once, the latest statement read wins, quoted with its page."""
    stated = None
    for sentence, where in sentences:
        named = OVERRIDE.search(sentence)
        start = named.end() if named else 0
        ending = [d for d in MONTH_YEAR.finditer(sentence, start) if ENDS.search(sentence[start : d.start()])]
        if ending:
            stated = DsgItem(words=ending[0].group(0), text=sentence, provenance=where)
    return stated


def plan_status(sentences: Sentences) -> DsgItem | None:
    """The sentence on a Safety Valve agreement or deficit management plan, quoted: the first of
    `sentences` naming one, before the first naming only a programme towards one (the DfE's
    Delivering Better Value); dsg_position leaves out those stating its delivery, shown apart."""
    named = [(found, sentence, where) for sentence, where in sentences if (found := PLAN.search(sentence))]
    if not named:
        return None
    found, sentence, where = min(named, key=lambda n: bool(PROGRAMME.fullmatch(n[0].group(0))))
    return DsgItem(words=found.group(0), text=sentence, provenance=where)


def plan_not_received(plan: DsgItem | None, missing: list[MissingDocument]) -> str:
    """The name of the plan the documents cite, where it is among the documents cited and not
    received (analyse.missing): the sentence quoted as the plan names it; '' otherwise."""
    if plan is None:
        return ""
    cited = (m.name for m in missing if m.why == "cited" and m.name.lower() in plan.text.lower())
    return next(cited, "")


def reserve_view(passages: list[Passage], on_dsg: set[str]) -> DsgItem | None:
    """The documents' own view of whether a reserve could absorb the DSG deficit ("this reserve would
    not be sufficient if the override is not renewed after March 2026"), quoted with its page: the
    first sentence on the DSG (`on_dsg`) that names reserves or balances and says whether they
    suffice, with the reserve it is about (`view_reserve`) and whether that is the general reserve."""
    for passage in passages:
        before: tuple[str, list[Provenance]] = ("", [])
        for sentence, where in sentences_cited(passage):
            said = SUFFICIENT.search(sentence)
            if sentence in on_dsg and said and RESERVE_WORDS.search(sentence):
                start = max((m.end() for m in CLAUSE_END.finditer(sentence, 0, said.start())), default=0)
                end = CLAUSE_END.search(sentence, said.end())
                clause = (start, end.start() if end else len(sentence))
                reserve, earlier = view_reserve(sentence, clause, before[0])
                return DsgItem(
                    words=sentence[clause[0] : clause[1]].strip(" ."),
                    reserve=reserve,
                    on_general=bool(GENERAL.search(reserve)),
                    text=sentence,
                    provenance=where + (before[1][:1] if earlier else []),
                )
            before = (sentence, where)
    return None


def view_reserve(sentence: str, clause: tuple[int, int], before: str) -> tuple[str, bool]:
    """The reserve a view (the clause of `sentence` at `clause`) is about, as the documents name it,
    and whether the name is in the sentence `before` it: the reserve its clause names ("the general
    reserve would not be sufficient"); where the clause says "this reserve", or names none, the last
    one its own sentence names before the clause, else the last the sentence before names ("... to a
    specific reserve which is intended to ... offset the accumulated DSG deficit, but this reserve
    would not be sufficient"); the clause's own words ("this reserve") where neither names one."""
    own = sentence[clause[0] : clause[1]]
    back = POINTS_BACK.search(own)
    if not back and (named := _reserve_named(own, first=True)):
        return named, False
    for text, earlier in ((sentence[: clause[0]], False), (before, True)):
        if named := _reserve_named(text, first=False):
            return named, earlier
    return (back.group(0) if back else ""), False


def _reserve_named(text: str, first: bool) -> str:
    """The first (or last) reserve `text` names, from the word that introduces it; a reserve named
    before the view runs on to its clause's end, where the words say what the reserve is for."""
    nouns = [
        m for m in RESERVE_NOUN.finditer(text) if not POINTS_BACK.search(text, max(0, m.start() - 8), m.end())
    ]
    if not nouns:
        return ""
    noun = nouns[0] if first else nouns[-1]
    lead = NAME_START.match(text[: noun.start()])
    start = noun.start() - len(lead.group(1)) if lead else noun.start()
    end = noun.end() if first else (m.start() if (m := CLAUSE_END.search(text, noun.end())) else len(text))
    return text[start:end].strip(" .")


def override_consequence(sentences: Sentences) -> DsgItem | None:
    """The documents' own words on what follows when the DSG's statutory override ends: the first
    sentence that makes its end a condition and puts the consequence on the council ("If the statutory
    override is removed, and no additional funding is made available to pay off the residual deficit,
    the accumulated deficit will form part of the Council's accounts"), quoted with its page."""
    for sentence, where in sentences:
        if OVERRIDE_ENDING.search(sentence) and ON_COUNCIL.search(sentence):
            return DsgItem(words=sentence.rstrip(" ."), text=sentence, provenance=where)
    return None


def risk_rating(risks: list[Risk]) -> DsgItem | None:
    """The risk register's risk about the DSG or High Needs (extract.domain.risks read its columns by
    their headings), with what the register gives it, each value under its own name."""
    for risk in risks:
        text = " | ".join(p.text for p in risk.provenance)
        values = risk_values(risk)
        if DSG.search(text) and values:
            return DsgItem(words=values, text=text, provenance=risk.provenance)
    return None


def _cited(where: Provenance, sentence: str) -> Provenance:
    """The passage's provenance, with the sentence as the text read."""
    return where.model_copy(update={"text": sentence})
