"""Reserves as the documents give them: balances at a date, kept apart from flows.

Reviewers read reserves as balances at a date (general fund, earmarked); a planned contribution to
reserves or a drawdown from them is a flow, and a budget table's "contribution to reserves" row is
always a flow, never a balance. A DSG deficit reserve is the ring-fenced grant's (negative, and not
usable): it is a DSG item. Each reading is decided here, from the words of the figure's sentence.
"""

from __future__ import annotations

import re

from analyse.amounts import is_total
from analyse.records import Reserve, ReserveKind, Scope
from analyse.scope import DSG, text_scope
from analyse.stated import PROSE_HALF_UNIT
from extract.records import Extraction, Figure, FigureUnit, PlanLine

RESERVE = re.compile(r"\breserves?\b|\bbalances?\b(?!d)", re.IGNORECASE)
# Words that make a figure a movement into or out of reserves.
FLOW = re.compile(
    r"\buse of\b|\busing\b|\bdraw(?:n|ing)?[\s-]*(?:down)?\b|\bdrawdown\b|contribut|transfer|"
    r"replenish|top[\s-]*up|\bfrom reserves\b|\bto reserves\b|\bapplied\b|\bplanned\b",
    re.IGNORECASE,
)
# Words that make it a balance: what is held at a date.
BALANCE = re.compile(
    r"\bstood at\b|\bheld\b|\bholds?\b|\blevel of\b|\bbalance\b|\bclosing\b|\bopening\b|"
    r"\bas at\b|\bat 31 march\b|\bat the end of\b|\bwill be\b|\bis forecast to be\b",
    re.IGNORECASE,
)
COMBINED = re.compile(r"\band\b|&|\+", re.IGNORECASE)
DATE = re.compile(
    r"\b(?:as\s+)?at\s+(?P<date>(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:january|february|march|april|may|june|"
    r"july|august|september|october|november|december)\s+20\d\d|the\s+end\s+of\s+20\d\d-\d\d)",
    re.IGNORECASE,
)


def reserves(extraction: Extraction) -> list[Reserve]:
    """The reserves figures in prose and the reserves rows of budget and plan tables, once each."""
    from_prose = [r for f in extraction.figures if (r := _from_figure(f)) is not None]
    rows: list[PlanLine] = [*extraction.pressures, *extraction.mtfp_totals, *extraction.savings]
    return once([_from_row(p) for p in rows if _reserves_row(p)] + from_prose)


def once(found: list[Reserve]) -> list[Reserve]:
    """Each fact once, citing every record that states it: a figure that another (a table's row
    first, then the first sentence) already gives, for the same kind and year at the printed
    precision, adds its sources to that one rather than being listed again. "A drawdown of £8.2m
    from reserves" in the monitoring report, "a one-off use of reserves of £8.2m" in the MTFP and
    the MTFP table's 2025-26 reserves total of (8,230) are one planned drawdown, not three."""
    out: list[Reserve] = []
    for reserve in found:
        same = next((i for i, kept in enumerate(out) if same_fact(kept, reserve)), None)
        if same is None:
            out.append(reserve)
            continue
        kept = out[same]
        more = [p for p in reserve.provenance if p not in kept.provenance]
        out[same] = kept.model_copy(update={"provenance": kept.provenance + more})
    # in the documents' order of reading: sentences first, then the tables' rows
    return sorted(out, key=lambda r: bool(r.amounts))


def same_fact(kept: Reserve, other: Reserve) -> bool:
    """`other` states a figure `kept` already gives: the same kind, an amount (or one of a table
    row's yearly amounts) equal at the printed precision, for the same year where both say."""
    if kept.kind != other.kind or other.amount_gbp is None:
        return False
    if kept.amounts:
        return any(
            _same_amount(a.amount_gbp, other.amount_gbp) and _same_year(a.period, other.at)
            for a in kept.amounts
        )
    return (
        kept.amount_gbp is not None
        and _same_amount(kept.amount_gbp, other.amount_gbp)
        and _same_year(kept.at, other.at)
    )


def _same_amount(one: float, other: float) -> bool:
    """Equal at the printed precision, signs aside (a table prints a drawdown in brackets)."""
    return abs(abs(one) - abs(other)) <= PROSE_HALF_UNIT + 1e-6


def _same_year(one: str | None, other: str | None) -> bool:
    return one is None or other is None or one == other


def _reserves_row(row: PlanLine) -> bool:
    """A row of reserves alone: "Total funding and reserves" sums other things with them."""
    return bool(RESERVE.search(row.title) and row.planned) and not COMBINED.search(row.title)


def _from_figure(figure: Figure) -> Reserve | None:
    label = figure.label or ""
    if figure.unit != FigureUnit.GBP or not (RESERVE.search(label) or _about_reserves(figure)):
        return None
    return Reserve(
        kind=reserve_kind(f"{label} {figure.text}", label),
        label=label or "reserves",
        amount_gbp=figure.value,
        at=_date(figure.text) or figure.period,
        text=figure.text,
        scope=Scope.DSG_HIGH_NEEDS if DSG.search(figure.text) else text_scope(label) or Scope.COUNCIL_WIDE,
        provenance=figure.provenance,
    )


def _about_reserves(figure: Figure) -> bool:
    """A sentence whose subject is reserves, where the figure's own label is blank or generic."""
    return not figure.label and bool(RESERVE.search(figure.text))


def reserve_kind(words: str, label: str = "") -> ReserveKind:
    """'dsg' for the ring-fenced grant's deficit reserve, 'flow' for a movement, 'balance' for what is
    held at a date, 'other' where the words say neither. A figure whose own label names another
    reserve ("£43.0m general reserve") is not the DSG's because its sentence mentions the DSG later."""
    about = words if _generic(label) else label
    if DSG.search(about) or re.search(r"deficit reserve|unusable", about, re.IGNORECASE):
        return "dsg"
    if FLOW.search(label):
        return "flow"
    if BALANCE.search(label) or BALANCE.search(words):
        return "balance"
    if FLOW.search(words):
        return "flow"
    # "The general reserve is £6.9m": a figure labelled by the reserve itself is what it holds.
    return "balance" if RESERVE.search(label) else "other"


def _generic(label: str) -> bool:
    """A label that names no reserve of its own ("reserves", "balance", or none)."""
    return not re.sub(r"\b(?:the|total|reserves?|balances?)\b", "", label, flags=re.IGNORECASE).strip()


# The council's general fund (unallocated) reserve, the one that would absorb a DSG deficit.
GENERAL = re.compile(r"general fund|general reserve|general balance|unallocated|uncommitted", re.IGNORECASE)


def general_reserve(found: list[Reserve]) -> Reserve | None:
    """The general fund (unallocated) reserve's balance among the reserves read: the first
    balance its own label names as general or unallocated."""
    return next((r for r in found if r.kind == "balance" and r.amount_gbp and GENERAL.search(r.label)), None)


def _date(text: str) -> str | None:
    found = DATE.search(text)
    return found["date"] if found else None


def _from_row(row: PlanLine) -> Reserve:
    """A budget or plan table's reserves row: a flow by year, as the table prints it."""
    words = f"{row.title} {row.category or ''}"
    total = " (the table's total)" if is_total(row.title) else ""
    return Reserve(
        kind="dsg" if DSG.search(words) else "flow",
        label=row.title + total,
        amounts=row.planned,
        text=row.provenance[0].text,
        scope=Scope.DSG_HIGH_NEEDS if DSG.search(words) else Scope.COUNCIL_WIDE,
        provenance=row.provenance,
    )
