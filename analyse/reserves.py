"""Reserves as the documents give them: balances at a date, kept apart from flows.

Reviewers read reserves as balances at a date (general fund, earmarked); a planned contribution to
reserves or a drawdown from them is a flow, and a budget table's "contribution to reserves" row is
always a flow, never a balance. A DSG deficit reserve is the ring-fenced grant's (negative, and not
usable): it is a DSG item. Each reading is decided here, in `reserve_kind`, from the words of the
figure's clause (the words near it), not the whole sentence. A flow the documents call one-off
("One-off use of reserves (reversed in following year)") says so, with the year a table prints its
reversal: that year's amount undoes it, and is not a draw or contribution of its own.

A change measured against an earlier year ("a reduction of £33.8m ... on the previous year") is a
past movement in balances, not a planned flow. A flow's direction is read in `direction`, by the same
nearest-words rule as its kind.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from analyse.amounts import is_total
from analyse.lists import Heading, Place, list_headings, place
from analyse.records import GapYear, ListTotal, OneOffReserves, Reserve, ReserveKind, Scope
from analyse.scope import DSG, text_scope
from analyse.stated import cited_by_both, once_each, same_amount
from extract.numbers import (
    CALENDAR_DATE,
    FINANCIAL_YEAR,
    IN_A_YEAR,
    MONTHS,
    YEAR_SPAN,
    date_parts,
    find_periods,
    normalise_period,
    parse_amount,
    parse_money,
    unit_multiplier,
    year_end,
)
from extract.records import Extraction, Figure, FigureUnit, PeriodAmount, PlanLine, Provenance, Table
from extract.tables.headers import column_from_header
from extract.tables.rows import row_cited
from extract.tables.vocabulary import VARIANCE_LABEL, Role
from extract.verify.identities import TOTAL_IDENTITY

# "Balance" the noun: not the verb ("to balance the budget", "balanced its budget").
BALANCE_NOUN = r"(?<!\bto )\bbalances?\b(?!d)(?!\s+(?:the|this|its|our)\b)"
RESERVE = re.compile(rf"\breserves?\b|{BALANCE_NOUN}", re.IGNORECASE)
# Words that make a figure a movement into or out of reserves: "drawdown", "contribution to",
# "use of", "transfer", "replenish", "to balance the budget", "into a new reserve", "from reserves" (a
# reserve's name of up to six words between, apostrophes and all: "from the Children's Social Care Reserve").
FLOW = re.compile(
    r"\bus(?:e|ed|ing)\b|\bdraw(?:n|ing)?[\s-]*(?:down)?\b|\bdrawdowns?\b|contribut|transfer|"
    r"replenish|repay|top[\s-]*up|\bestablish|\bfrom\s+(?:[\w'\u2019-]+\s+){0,6}reserves?\b|"
    r"\binto\s+(?:[\w-]+\s+){0,5}reserves?\b|\bto reserves\b|\bapplied\b|\bplanned\b|"
    r"\bto balance\b|\bbalanced?\s+(?:the|this|its|our)\b|\breduction\b|\bincrease\b",
    re.IGNORECASE,
)
# Words that make it a balance: a stock held at a date ("stands at", "balance at 31 March 2025",
# "reserves of £x at the end of 2023-24"), a total stated for it ("Earmarked reserves are forecast at
# £38.7m"), the present one ("currently £28.5m"); "to balance the budget" is a flow's
# words, not these.
BALANCE = re.compile(
    r"\b(?:stands?|stood|standing)\s+at\b|\bremains?\s+at\b|\bheld\b|\bholds?\b|\blevel of\b|"
    rf"{BALANCE_NOUN}|\bclosing\b|\bopening\b|"
    r"\bas at\b|\bat\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?march\b|\bat the end of\b|"
    r"\b(?:is|are) forecast to be\b|"
    r"\b(?:is|are|was|were)\s+(?:forecast|projected|expected|estimated|anticipated)\s+at\b|"
    r"\bcurrently\b|\bat\s+present\b|\bpresently\b|\bas\s+at\s+(?:the\s+date\s+of\s+)?this\s+report\b|"
    r"\bat\s+the\s+time\s+of\s+(?:writing|this\s+report)\b",
    re.IGNORECASE,
)
# Words that put a balance at the report's own date, not one it names: "the General Fund reserve,
# currently £28.5m", "at present", "as at the date of this report" (`report_dates`).
CURRENT = re.compile(
    r"\bcurrently\b|\bat\s+present\b|\bpresently\b|\bas\s+at\s+(?:the\s+date\s+of\s+)?this\s+report\b|"
    r"\bat\s+the\s+time\s+of\s+(?:writing|this\s+report)\b",
    re.IGNORECASE,
)
# A figure set off by a comma right after the reserve it is the balance of, in apposition: "met from
# the General Fund reserve, currently £28.5m, which ..."; the reserve's name is the figure's own.
APPOSED = re.compile(r"(?P<name>(?:[\w'\u2019()&-]+\s+){0,4}?(?:reserves?|balances?))\s*,\s*$", re.IGNORECASE)
APPOSED_WORDS = 4  # the words at most between an apposed reserve's comma and its figure
# A reserve's name at the end of the words before a figure set off by a comma.
NAMED_BALANCE = re.compile(
    r"(?:[\w'\u2019()&-]+\s+)?[\w'\u2019()&-]+\s+(?:reserves?|balances?)$", re.IGNORECASE
)
# The date a report speaks from, in its opening: "to the end of October 2025 (Month 7)", "as at 30
# September 2025".
REPORT_DATE = re.compile(rf"\b(?:to\s+the\s+end\s+of|up\s+to|as\s+at)\s+{CALENDAR_DATE}", re.IGNORECASE)
OPENING = 5  # the passages of a document's opening that say what date it speaks from
# A sentence that says a balance would go below the level the council sets for it, with no sum for
# the level: "which would reduce below the minimum prudent level set by the S151 Officer".
BELOW_LEVEL = re.compile(
    r"\b(?:below|under|beneath|less\s+than)\s+(?:the\s+|its\s+|our\s+|a\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:minimum|prudent|recommended|safe)\b",
    re.IGNORECASE,
)
# A money figure in a sentence, with its sign: "£43.0m", "-£8.8m", "+£12.1m", "£1,200k".
MONEY = re.compile(
    r"(?:[+\-\u2212\u2013]\s?)?£\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:bn|m|k|million|billion)\b)?", re.IGNORECASE
)
# What ends a clause: a semicolon, colon, bullet, bracket, a comma between words, a dash between spaces.
BOUND = re.compile(r"[;:\u2022()]|,(?!\d)|\s[\u2013\u2014-]\s")
# An aside in brackets with no money in it ("(EPR)", "(30.3% of net revenue outturn)") is read
# through, not a clause of its own.
ASIDE = re.compile(r"\([^()£]*\)")
WORD = re.compile(r"\S+")
# An aside this long or shorter is quoted with its clause; a longer one is quoted as "(...)".
ASIDE_WORDS = 3
# What opens a list of parts of the figure before it, in brackets or not.
PART = re.compile(r"\s*(?:including|of which)\b", re.IGNORECASE)
# Words just before a figure that list it as a part of the figure before them: "..., of which £36.2m".
LISTED = re.compile(r"\b(?:including|of which)\s*$", re.IGNORECASE)
# Words just after a figure that place it inside the figure after them: "£36.2m within the £297.6m".
WITHIN = re.compile(r"\b(?:within|included\s+in|part\s+of)\s+(?:(?:the|a|total|of)\s+)*$", re.IGNORECASE)
# How many words either side of a figure its clause reaches, within the bounds above.
CLAUSE_WORDS = 10
# A leading sign makes a figure a change: "-£8.8m net drawdown", "+£14.9m removal of drawdowns".
SIGNS = "+-\u2212\u2013"
# What a flow read from a table's total row says after its label (analyse.dsg.planned_use reads it).
TABLE_TOTAL = " (the table's total)"
# A draw on a reserve: "drawdown", "draw down", "drawn-down", "drawdowns".
DRAWDOWN_WORDS = r"\bdraw(?:n|ing)?[\s-]*down|\bdrawdowns?\b"
# Words that put a figure that does not name reserves among them: it moves money into or out of one.
MOVEMENT = re.compile(rf"{DRAWDOWN_WORDS}|replenish|repay|\bcontribut", re.IGNORECASE)
# A collection fund's surplus or deficit balance is funding, not a reserve.
NOT_A_RESERVE = re.compile(r"\bcollection\b|\b(?:surplus|deficit)\s+balance", re.IGNORECASE)
# Words that make a flow one-off: it does not recur, or is undone in a later year.
ONE_OFF = re.compile(r"\bone[\s-]off\b|\bnon[\s-]?recurr|\btemporar|\brevers", re.IGNORECASE)
# Words that measure a figure against an earlier year: a past movement in balances, not a flow
# ("a reduction of £33.8m on the previous year", "compared with 2023-24", "down £4.1m from").
PAST = re.compile(
    r"\b(?:on|from|against|over)\s+the\s+(?:previous|prior|last|preceding)\s+(?:financial\s+)?year\b|"
    r"\bcompared\s+(?:with|to)\s+(?:the\s+)?(?:previous|prior|last|preceding|20\d\d)|"
    r"\b(?:down|up)\s+(?:by\s+)?£\s?\d[\d,.]*\s?(?:bn|m|k|million|billion)?\s+(?:from|on)\b",
    re.IGNORECASE,
)
# Words that say which way a flow goes: into reserves ("contribution to", "replenish", "into a
# new reserve") or out of them ("drawdown", "from reserves", "use of", "to balance the budget").
INTO = re.compile(
    r"\bcontribut\w*\s+(?:to|towards)\b|\binto\b|replenish|repay|top[\s-]*up|\bestablish|"
    r"\btransferr?\w*\s+to\b|\bto reserves\b",
    re.IGNORECASE,
)
OUT = re.compile(
    rf"{DRAWDOWN_WORDS}|\bfrom\s+(?:[\w'\u2019-]+\s+){{0,6}}reserves?\b|\bus(?:e|ed|ing)\b|"
    r"\bapplied\b|\bto balance\b",
    re.IGNORECASE,
)
# Words that say a line moves between a budget's headings, not into or out of reserves: "(now shown
# in reserves)", "realignment", "change in treatment", "transferred to the ... budget line". Such a line
# is a presentational move, neither a change to a reserve flow nor a flow.
MOVED = re.compile(
    r"\bnow\s+(?:shown|reported|presented|included|held)\b|\brealign|\breclassif|"
    r"\bchange\s+in\s+(?:the\s+)?(?:accounting\s+)?treatment\b|"
    r"\btransferr?\w*\s+(?:to|from)\s+(?:[\w&'-]+\s+){0,5}?(?:heading|line|budget|directorate|division)s?\b",
    re.IGNORECASE,
)
# What joins the items of a list of figures: "£11.1m repayment of ... and £4.3m for ...".
LIST_AND = re.compile(r"\band\b", re.IGNORECASE)
# Words between a part of a figure and the next that list that one as a part too: "including £11.1m
# repayment of ... and £4.3m for ...", within the list (no bracket, semicolon or colon between).
ALSO = re.compile(r"[^;:()]*(?:\band\b|,)[^;:()]*", re.IGNORECASE)
# Words in a list's heading that say which way its items go: "Increased/new contributions",
# "Drawdowns from reserves" (a heading names what its items are, without "to reserves").
HEADED = {
    "into reserves": re.compile(rf"{INTO.pattern}|\bcontribut", re.IGNORECASE),
    "out of reserves": OUT,
}
YEARS = re.compile(YEAR_SPAN, re.IGNORECASE)  # a flow over a span of years is of no one year
# A flow's own words that put it in a year, anywhere in them (extract.numbers.IN_A_YEAR).
IN_YEAR = re.compile(IN_A_YEAR, re.IGNORECASE)
# Words that name the year of the budget a sentence or list is about, as the subject of what it
# includes: "The 2025-26 budget includes", "the final draft budget for 2025-26 includes"; not a budget
# it refers to ("to replace the one-offs to balance 2024-25 budget requiring £11.7m ...").
BUDGET_YEAR = re.compile(
    rf"(?:(?P<year>{FINANCIAL_YEAR})\s+(?:[\w-]+\s+){{0,2}}?(?:budget|mtfp)|"
    rf"\b(?:budget|mtfp)\s+(?:[\w-]+\s+){{0,2}}?(?:for|in)\s+(?P<for>{FINANCIAL_YEAR}))"
    r"\s+(?:[\w'\u2019-]+\s+){0,2}?(?:includes?|included|contains?|plans?|provides?|assumes?|sets?\s+out)\b",
    re.IGNORECASE,
)
KIND_WORDS = {"flow": FLOW, "balance": BALANCE}
DIRECTION_WORDS = {"into reserves": INTO, "out of reserves": OUT}
# A signed figure is a change to the budget's spending, where a contribution to reserves is spending
# and a drawdown from them income: "+" puts more into reserves or takes less out, "-" the reverse.
SIGNED = {"+": "more into, or less out of, reserves", "-": "less into, or more out of, reserves"}
UNSTATED = "direction not stated"
# How a table row's text separates its cells (extract.tables.rows): its first is the row's name.
CELL = " | "
COMBINED = re.compile(r"\band\b|&|\+", re.IGNORECASE)
# The date a balance is at: "at 31 March 2026", "as at 31st March 2025", "at the end of 2024-25",
# "stood at £14.20m on 1 April 2025".
DATE = re.compile(
    rf"\b(?:(?:as\s+)?at|on)\s+(?P<date>{CALENDAR_DATE}|the\s+end\s+of\s+{FINANCIAL_YEAR})",
    re.IGNORECASE,
)


# Words that make a figure a level the council sets for a reserve, not a balance it holds: "below the
# minimum prudent level of £12.00m", "a target balance of £20m", "the recommended minimum of £15m".
LEVEL = re.compile(
    r"\b(?:minimum|maximum|prudent|target|recommended|optimal|optimum|adequate)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:level|balance|amount|threshold|requirement)s?\b"
    # the reserve the level is of, where named after it: "minimum prudent level of general reserves"
    r"(?:\s+(?:of|for)\s+(?:the\s+|its\s+|our\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:reserves?|balances?)\b)?"
    r"|\bfloor\b|\bthreshold\b|\bthe\s+minimum\s+of\b",
    re.IGNORECASE,
)
# What joins a level's words to its sum: "minimum level of £15.000m", "a target balance set at £20m".
LEVEL_SUM = re.compile(r"\s*(?:(?:is\s+|was\s+|set\s+)?(?:of|at|to)\b|is|:)?\s*", re.IGNORECASE)
# Words that make a balance a forecast, not one held: "would fall to", "is forecast to be", "are
# projected to reduce to", "will stand at"; the would/could of a balance that rests on a condition ...
FORECAST = re.compile(
    r"\b(?:would|will|could|might|may)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:fall|reduce|drop|decrease|rise|increase|be|stand|remain|leave|go\s+down|go\s+up)\b[^£]*"
    r"|\b(?:is|are)\s+(?:forecast|projected|expected|estimated|anticipated)\s+(?:to|at)\b[^£]*",
    re.IGNORECASE,
)
CONDITIONAL = re.compile(r"\b(?:would|could|might)\b", re.IGNORECASE)
# ... and the condition, as the sentence states it before the figure: "If the position is not
# recovered by year end", "Should the forecast overspend of £8.37m materialise and not be mitigated".
CONDITION = re.compile(
    r"\b(?:if|should|unless|assuming|provided\s+that|were)\b(?:[^,;:.]|[,.](?=\d))+", re.IGNORECASE
)
# What starts a movement from one balance to another ("reduce from £14.20m to £5.83m"): the figure
# after it is read by the words before the first.
FROM_TO = re.compile(r"\bfrom\s*$", re.IGNORECASE)
TO = re.compile(r"^\s*to\s*$", re.IGNORECASE)


def reserves(extraction: Extraction) -> list[Reserve]:
    """The reserves figures in prose and the reserves rows of budget and plan tables, once each. A
    figure in a list is read with its list's heading (analyse.lists)."""
    headings = list_headings(extraction.passages)
    items = list_items(extraction.figures, headings)
    dated = report_dates(extraction)
    from_prose = [
        r
        for f in extraction.figures
        if (r := _from_figure(f, headings.get(place(f.provenance[0])), items, dated)) is not None
    ]
    rows: list[PlanLine] = [*extraction.pressures, *extraction.mtfp_totals, *extraction.savings]
    found = once(
        [_from_row(p) for p in rows if _reserves_row(p)] + table_balances(extraction.tables) + from_prose
    )
    removals = removal_rows(extraction.tables)
    return [reversed_later(r.model_copy(update={"reversed_in": reversal(r)}), removals) for r in found]


# A table row that takes out an earlier year's contribution to (or drawdown from) a reserve: Kent's
# Appendix F "Removal of prior year Contributions | NAC | ... | General Reserves | Removal of prior
# year one-off contribution to general reserve | -5,100.0 | -4,300.0 | -13,500.0".
REMOVAL = re.compile(r"\bremoval\s+of\s+(?:the\s+)?prior\s+years?\b|\breversal\s+of\b", re.IGNORECASE)


@dataclass(frozen=True)
class Removal:
    """A row removing an earlier year's flow: the reserve its cells name, the cell saying what it
    removes, its amounts by year (in pounds, as signed in the table) and the row, cited."""

    named: str
    words: str  # the cell that says what it removes, as written
    amounts: dict[str, float]
    provenance: Provenance


def removal_rows(tables: list[Table]) -> list[Removal]:
    """Every table row whose cells say it removes a prior year's flow of a reserve they name, with
    its amounts under the header's year columns."""
    out = []
    for table in tables:
        if not table.header_rows:
            continue
        header = table.rows[table.header_rows - 1]
        scale = unit_multiplier(table.unit or "") or 1.0
        for i in range(table.header_rows, len(table.rows)):
            cells = table.rows[i]
            if len(cells) != len(header) or not any(REMOVAL.search(c) for c in cells):
                continue
            named = next((n for c in cells if (n := _named_in(c, None))), "")
            said = [c for c in cells if REMOVAL.search(c)]
            words = next((c for c in said if _named_in(c, None)), said[-1])
            amounts = {
                years[0]: value * (unit_multiplier(heading) or scale)
                for heading, cell in zip(header, cells, strict=True)
                if len(years := find_periods(heading)) == 1 and (value := parse_amount(cell)) is not None
            }
            if named and amounts:
                out.append(Removal(named, " ".join(words.split()), amounts, row_cited(table, i)))
    return out


def reversed_later(flow: Reserve, removals: list[Removal]) -> Reserve:
    """A flow into a reserve in a year that a table removes the year after (the same amount at the
    printed precision, taken out): said so, the removing row cited (`reversed_in`, `reversed_by`).
    Its reserve is the one its own words name, else the removing row's; a flow stated by year in a
    table, or already reversed as one-off, is left as it is."""
    if flow.kind != "flow" or flow.amounts or flow.reversed_in or flow.amount_gbp is None or not flow.at:
        return flow
    later = next_year(flow.at)
    named = reserve_named(flow)
    for removal in removals:
        taken = removal.amounts.get(later or "")
        if (
            taken is not None
            and taken * (1 if flow.direction == "out of reserves" else -1) > 0
            and same_amount(taken, flow.amount_gbp)
            and (not named or named == removal.named)
            and flow.direction in ("into reserves", "out of reserves")
        ):
            return flow.model_copy(
                update={
                    "reversed_in": later,
                    "reversed_by": removal.words,
                    "provenance": [*flow.provenance, removal.provenance],
                }
            )
    return flow


def next_year(period: str) -> str | None:
    """ "2026-27" after "2025-26"; None for what is not a financial year."""
    found = re.fullmatch(r"(\d{4})-(\d{2})", period)
    if not found:
        return None
    start = int(found[1]) + 1
    return f"{start}-{(start + 1) % 100:02d}"


def reversal(reserve: Reserve) -> str | None:
    """The year whose amount undoes the first amount of a flow the documents call one-off: the same
    at the printed precision, the other way (a (8,230) draw in 2025-26, 8,230 back in 2026-27)."""
    amounts = [a for a in sorted(reserve.amounts, key=lambda a: a.period) if a.amount_gbp]
    if not reserve.one_off or not amounts:
        return None
    first = amounts[0].amount_gbp
    back = (a for a in amounts[1:] if a.amount_gbp * first < 0 and same_amount(a.amount_gbp, first))
    return next((a.period for a in back), None)


def beside_one_offs(gaps: list[GapYear], found: list[Reserve]) -> list[GapYear]:
    """Each year's gap with the one-off use of reserves that balances that year, or whose reversal
    falls in it: a flow the documents call one-off, a use of reserves, reversed in a later year."""
    uses = [u for r in found if (u := one_off_use(r)) is not None]
    out = []
    for gap in gaps:
        use = next((u for u in uses if gap.period in (u.used_in, u.reversed_in)), None)
        out.append(gap.model_copy(update={"one_off_reserves": use}) if use else gap)
    return out


def one_off_use(reserve: Reserve) -> OneOffReserves | None:
    """A one-off use of reserves with the year that reverses it; None for any other flow."""
    # a flow a later table row removes (`reversed_by`) is stated in prose, not by year: not this
    if (
        reserve.kind != "flow"
        or not reserve.reversed_in
        or reserve.reversed_by
        or reserve.direction != "out of reserves"
    ):
        return None
    amounts = sorted((a for a in reserve.amounts if a.amount_gbp), key=lambda a: a.period)
    back = next(a for a in amounts if a.period == reserve.reversed_in)
    return OneOffReserves(
        used_in=amounts[0].period,
        used_gbp=abs(amounts[0].amount_gbp),
        reversed_in=back.period,
        reversed_gbp=abs(back.amount_gbp),
        words=reserve.one_off,
        drawn_from=drawn_from(reserve),
        provenance=reserve.provenance,
    )


def once(found: list[Reserve]) -> list[Reserve]:
    """Each fact once, citing every record that states it: a figure that another (a table's row
    first, then the first sentence) already gives, for the same kind and year at the printed
    precision, adds its sources to that one rather than being listed again. "A drawdown of £8.2m
    from reserves" in the monitoring report, "a one-off use of reserves of £8.2m" in the MTFP and
    the MTFP table's 2025-26 reserves total of (8,230) are one planned drawdown, not three; it takes
    the year any of them states."""
    out = once_each(found, same_fact, _merged)
    # in the documents' order of reading: sentences first, then the tables' rows
    return sorted(out, key=lambda r: bool(r.amounts))


def _merged(kept: Reserve, other: Reserve) -> Reserve:
    """`kept`, citing `other` too, with what `other` says of it that `kept` leaves open (that it is
    one-off, its year, the reserve's name: "the balance would fall to £5.3m" is the general fund
    balance where another statement of it says "The General Fund balance is forecast to be £5.3m").
    A balance one statement dates and another does not is quoted and cited from the one that dates it."""
    named = GENERAL.search(other.label) and not GENERAL.search(kept.label)
    if kept.at is None and other.at is not None and kept.kind == "balance":
        # the statement that dates the balance is the one quoted and cited first
        kept = kept.model_copy(
            update={
                "text": other.text,
                "words": other.words,
                "provenance": cited_by_both(other.provenance, kept.provenance),
            }
        )
    return kept.model_copy(
        update={
            "label": other.label if named else kept.label,
            "provenance": cited_by_both(kept.provenance, other.provenance),
            "one_off": kept.one_off or other.one_off,
            "at": kept.at or other.at,
            "words": kept.words or other.words,
            "forecast": kept.forecast or other.forecast,
            "condition": kept.condition or other.condition,
        }
    )


def same_fact(kept: Reserve, other: Reserve) -> bool:
    """`other` states a figure `kept` already gives: the same kind, an amount (or one of a table
    row's yearly amounts) equal at the printed precision, for the same year where both say."""
    if kept.kind != other.kind or other.amount_gbp is None:
        return False
    if kept.amounts:
        return any(
            same_amount(a.amount_gbp, other.amount_gbp) and _same_year(a.period, other.at)
            for a in kept.amounts
        )
    return (
        kept.amount_gbp is not None
        and same_amount(kept.amount_gbp, other.amount_gbp)
        and _same_year(kept.at, other.at)
    )


def _same_year(one: str | None, other: str | None) -> bool:
    return one is None or other is None or one == other


def _reserves_row(row: PlanLine) -> bool:
    """A row of reserves alone: "Total funding and reserves" sums other things with them."""
    return bool(RESERVE.search(row.title) and row.planned) and not COMBINED.search(row.title)


def _from_figure(
    figure: Figure,
    heading: Heading | None = None,
    items: dict[Place, list[float]] | None = None,
    dated: dict[str, str] | None = None,
) -> Reserve | None:
    label = figure.label or ""
    if figure.unit != FigureUnit.GBP or not RESERVE.search(f"{label} {figure.text}"):
        return None
    kind = reserve_kind(figure.text, figure.value, label)
    if kind is None:
        return None
    words = clause(figure.text, figure.value)
    name = apposed(figure.text, figure.value)
    words = f"{name}, {words}" if name else words
    whole = part_of(figure.text, figure.value)
    listed = heading if heading is not None and not whole else None  # the list's own item, not a part of one
    if listed and kind in ("balance", "other") and headed_way(listed.text):
        kind = "flow"  # an item of "Planned use of reserves £6.0m" moves, whatever its own words say
    way = direction(figure.text, figure.value, listed.text if listed else "") if kind == "flow" else ""
    forecast, condition = forecast_words(figure.text, figure.value) if kind == "balance" else ("", "")
    return Reserve(
        kind=kind,
        direction=way,
        part_of=whole or (listed.text if listed else ""),
        listed_in=list_total(
            figure.text, figure.value, listed, (items or {}).get(listed.place, []) if listed else []
        ),
        # a balance the figure's reading gave no reserve's name ("forecast") is named by its own
        # clause where that names the general fund ("The General Fund balance is forecast to be £5.3m")
        label=(
            _balance_named(words) or _balance_named(referred(figure.text, figure.value))
            if kind == "balance" and not RESERVE.search(label)
            else ""
        )
        # a balance labelled by no reserve of its own ("balance") is its clause's named reserve's
        or (full_name(words, figure.value) if kind == "balance" and _generic(label) else "")
        or label
        or "reserves",
        # a flow whose words say which way it goes is its size ("-£0.2m" of a list of drawdowns is
        # £0.2m out of reserves); a signed change keeps its sign
        amount_gbp=abs(figure.value) if way in DIRECTION_WORDS else figure.value,
        places=figure.places,
        at=flow_year(figure, heading) if kind == "flow" else _balance_date(figure, words, dated or {}),
        text=figure.text,
        words=words,
        one_off=words if ONE_OFF.search(words) else "",
        forecast=forecast,
        condition=condition,
        scope=reserve_scope(words, full_name(words, figure.value) or label),
        provenance=figure.provenance,
    )


def forecast_words(text: str, value: float | None) -> tuple[str, str]:
    """Whether the balance `value` in `text` is a forecast, not one held: the words before it in its
    clause that say so ("the balance would fall to", "are forecast to fall to"), the second figure of
    a movement read by the words before the first ("would reduce from £14.20m to £5.83m"); and, for one
    that would follow were something so, the condition the sentence states before it ("Should the
    overspend ... not be mitigated"). ('', '') for a balance held."""
    aside = ASIDE.sub(lambda m: " " * len(m.group(0)), text)
    at = figure_at(aside, value)
    if at is None:
        return "", ""
    _, start, _ = _clause(aside, at)
    lead = aside[start : at[0]]
    if FROM_TO.search(lead):  # "would reduce from £14.20m": where the balance starts, held
        return "", ""
    before = list(MONEY.finditer(aside, 0, at[0]))
    if TO.match(lead) and before:  # "from £14.20m to £5.83m": the words before "from £14.20m"
        _, start, _ = _clause(aside, before[-1].span())
        if FROM_TO.search(aside, start, before[-1].start()):
            lead = aside[start : before[-1].start()]
    said = FORECAST.search(lead)
    if said is None:
        return "", ""
    condition = None
    if CONDITIONAL.search(said.group(0)):
        condition = next(reversed(list(CONDITION.finditer(aside, 0, at[0]))), None)
    return said.group(0).strip(), text[condition.start() : condition.end()].strip() if condition else ""


def reserve_kind(text: str, value: float | None = None, label: str = "") -> ReserveKind | None:
    """How the sentence `text` reads its figure `value`, from the words of the figure's clause:
    'flow' for a movement (a drawdown, a contribution to or from, a use of or transfer, "to balance
    the budget", a signed change "-£8.8m"), 'dsg' for the ring-fenced grant's deficit reserve,
    'balance' for a stock at a date ("stands at", "balance at 31 March", "at the end of"), 'other'
    where the clause names reserves but says neither; None where the clause is not about reserves
    at all ("£8.0m flexible use of capital receipts" in a sentence that mentions reserves later), or
    the figure's own name (`label`) is an overspend or underspend (`names_variance`) that no flow's
    words follow in its clause.

    Where the clause has words of both a flow and a balance, the nearer to the figure decides; where
    it has neither, the nearest in the sentence's words before it, outside other items' brackets (a
    list's lead-in: "reserves at the end of 2023-24 were ..., comprising of £43.0m general reserve");
    where those have neither, the words of its parts, where it has them ("£15.4m general reserves
    including £11.1m repayment of ... and £4.3m for the additional annual contribution": what it is
    made of moves, so it moves); where those have neither, a figure labelled by a reserve itself is
    what that reserve holds. A part in brackets ("(including £36.2m ...)") is read as the figure it
    is part of."""
    aside = ASIDE.sub(lambda m: " " * len(m.group(0)), text)
    at = _whole(aside, figure_at(aside, value))
    words, start, end = _clause(aside, at)
    if names_variance(label) and not (at is not None and FLOW.search(aside, at[1], end)):
        return None  # the overspend itself, not a sum moved after it ("... underspend will be transferred")
    own = label if label and not _generic(label) and label.lower() in words.lower() else ""
    own = own or apposed(text, value)  # "the General Fund reserve, currently £28.5m": that reserve's
    about = f"{own} {words}"
    named = RESERVE.search(about) or MOVEMENT.search(words)
    if not named and at is not None and LEVEL.search(aside, start, at[0]) and RESERVE.search(aside):
        return "level"  # set for the reserve its sentence names: "..., below the minimum level of £15m"
    if not named or (NOT_A_RESERVE.search(about) and not re.search(r"reserve", about, re.IGNORECASE)):
        return None
    if MOVED.search(_with_asides(text, start, end)):
        return None
    if PAST.search(words):
        return "change"
    if at is not None and aside[at[0]] in SIGNS:
        # a signed change to a budget line that names no reserve ("-£14.7m ... contribution to the
        # Safety Valve agreement") is a change to spending, not to a reserve flow
        return "flow" if RESERVE.search(about) else None
    if LEVEL.search(aside, start, at[0] if at else end):
        return "level"
    nearest = _read(aside, at, (start, end), KIND_WORDS)
    if nearest == "flow":
        return "flow"
    if DSG.search(about) and re.search(r"\bdsg\b|deficit|unusable|high needs", about, re.IGNORECASE):
        return "dsg"
    if nearest == "balance":
        return "balance"
    return "balance" if RESERVE.search(own) else "other"


def names_variance(label: str) -> bool:
    """Whether the words a figure is named by (extract.prose's label) name an overspend or underspend
    and no reserve or movement: "after the drawdown of £2.0m from the Demand Reserve the residual
    overspend is £5.5m" names £5.5m the overspend left, whatever reserve its clause names before it
    (`reserve_kind` still reads one a flow's words follow: "the £1.2m underspend will be transferred
    to the Service Reserve")."""
    return bool(VARIANCE_LABEL.search(label)) and not (RESERVE.search(label) or MOVEMENT.search(label))


def _with_asides(text: str, start: int, end: int) -> str:
    """The words of `text[start:end]` with the asides in brackets in or just after them, as written: a
    clause is read through its asides, but "(now shown in reserves)" still says what the line is."""
    for aside in ASIDE.finditer(text, start):
        if text[end : aside.start()].strip():
            break
        end = max(end, aside.end())
    return text[start:end]


def direction(text: str, value: float | None, heading: str = "") -> str:
    """Which way the flow `value` in the sentence `text` goes, in words. An item of a list whose
    `heading` says which way ("Increased/new contributions +£42.4m", "Drawdowns from reserves
    -£10.7m") goes that way, its sign (where the heading's total has one) the list's way of printing
    it. Else a signed figure by its sign (SIGNED); else "into reserves" or "out of reserves" by the
    words nearest it, read as `reserve_kind` reads a kind (its clause, its list's lead-in, its
    parts); else UNSTATED."""
    aside = ASIDE.sub(lambda m: " " * len(m.group(0)), text)
    own = figure_at(aside, value)
    listed = headed_way(heading)
    if listed and _sign(aside, own) in (None, _sign(heading, _first_money(heading))):
        return listed
    for at in dict.fromkeys((own, _whole(aside, own))):  # its own words first, then its whole's
        if at is not None and aside[at[0]] in SIGNS:
            return SIGNED["+" if aside[at[0]] == "+" else "-"]
        _, start, end = _clause(aside, at)
        if way := _read(aside, at, (max(start, _item(aside, at)), end), DIRECTION_WORDS):
            return way
    return UNSTATED


def headed_way(heading: str) -> str | None:
    """Which way a list's heading says its items go: "into reserves", "out of reserves", or None."""
    return _nearest(heading, (0, len(heading)), None, HEADED)


def _first_money(text: str) -> tuple[int, int] | None:
    found = MONEY.search(text)
    return found.span() if found else None


def _sign(text: str, at: tuple[int, int] | None) -> str | None:
    """The sign printed before the figure at `at`: '+' or '-'; None where it has none."""
    if at is None or text[at[0]] not in SIGNS:
        return None
    return "+" if text[at[0]] == "+" else "-"


def flow_year(figure: Figure, heading: Heading | None = None) -> str | None:
    """The year of the flow `figure`: the year its own item says it is in or for ("£14.6m ... for
    the planned 2025-26 Council contribution"); else the year of the budget its sentence or its list
    is about ("The 2025-26 budget includes ...", a list's introduction "The ... budget for 2025-26
    includes ..."); else the figure's own year (Figure.period), unless the sentence names that year
    only outside the figure's item. A year another item names is what that item refers to ("the
    amount drawn down to balance the 2022-23 budget and £4.3m for ..."), and a flow over a span of
    years ("+£32.3m over 2025-26 to 2027-28") is of no one year."""
    aside = ASIDE.sub(lambda m: " " * len(m.group(0)), figure.text)
    at = figure_at(aside, figure.value)
    _, start, end = _clause(aside, at)
    own = aside[max(start, _item(aside, at)) : end]
    if YEARS.search(own):
        return None
    if found := IN_YEAR.search(own):
        return normalise_period(found["year"])
    leads = [aside] + ([heading.text, heading.intro] if heading else [])
    if year := next((y for words in leads if (y := _budget_year(words))), None):
        return year
    named, mine = set(find_periods(aside)), set(find_periods(own))
    return figure.period if figure.period not in named - mine else None


def _budget_year(text: str) -> str | None:
    """The year of the budget the words before a text's first figure are about ("The 2025-26 budget
    includes", "the final draft budget for 2025-26 includes"); None where they name none, or two."""
    money = MONEY.search(text)
    lead = YEARS.sub(" ", text[: money.start() if money else len(text)])
    years = {normalise_period(m["year"] or m["for"]) for m in BUDGET_YEAR.finditer(lead)}
    return years.pop() if len(years) == 1 else None


def list_items(figures: list[Figure], headings: dict[Place, Heading]) -> dict[Place, list[float]]:
    """The money items of each list under a heading, by the heading's place: each figure of its
    items' sentences that is not a part of another (the "£11.1m" of "£15.4m general reserves
    including £11.1m ...")."""
    out: dict[Place, list[float]] = {}
    for figure in figures:
        heading = headings.get(place(figure.provenance[0]))
        if heading is None or figure.unit != FigureUnit.GBP:
            continue
        aside = ASIDE.sub(lambda m: " " * len(m.group(0)), figure.text)
        if _container(aside, figure_at(aside, figure.value)) is None:
            out.setdefault(heading.place, []).append(figure.value)
    return out


def list_total(
    text: str, value: float | None, heading: Heading | None, items: list[float]
) -> ListTotal | None:
    """The list the figure `value` is an item of, where the list states its total: the list under
    `heading` (its items `items`), or the figure's whole in its sentence and that whole's parts."""
    if heading is not None:
        total = _amount(heading, _first_money(heading.text))
        return ListTotal(words=heading.text, total_gbp=total, items_gbp=items) if total is not None else None
    aside = ASIDE.sub(lambda m: " " * len(m.group(0)), text)
    whole = _container(aside, figure_at(aside, value))
    if whole is None:
        return None
    parts = [m.span() for m in MONEY.finditer(aside) if _container(aside, m.span()) == whole]
    return ListTotal(
        words=part_of(text, value),
        total_gbp=_amount(aside, whole) or 0.0,
        items_gbp=[a for span in parts if (a := _amount(aside, span)) is not None],
    )


def _amount(text: str | Heading, at: tuple[int, int] | None) -> float | None:
    words = text.text if isinstance(text, Heading) else text
    return None if at is None else parse_money(words[at[0] : at[1]])


def _item(text: str, at: tuple[int, int] | None) -> int:
    """Where the list item the figure at `at` opens starts: after the last "and" between the figure
    before it and it ("... the amount drawn down to balance the 2022-23 budget and £4.3m for the
    additional annual contribution": the words before "and" are the previous item's); 0 where none."""
    if at is None:
        return 0
    before = [m.end() for m in MONEY.finditer(text, 0, at[0])]
    joins = [m.end() for m in LIST_AND.finditer(text, before[-1] if before else at[0], at[0])]
    return joins[-1] if joins else 0


def _read(
    aside: str, at: tuple[int, int] | None, within: tuple[int, int], words: dict[str, re.Pattern[str]]
) -> str | None:
    """Which of `words` the figure at `at` is read by: the nearest in its clause `within`; where that
    has none, in the sentence's words before it outside other items' brackets (a list's lead-in);
    where those have none, the words of its parts, where they are all of one kind."""
    lead = (0, at[0]) if at else (0, 0)
    return (
        _nearest(aside, within, at, words)
        or _nearest(_unbracketed(aside, at), lead, at, words)
        or _nearest(aside, _parts(aside, at), None, words)
    )


def clause(text: str, value: float | None, reach: int = CLAUSE_WORDS) -> str:
    """The words of `text` that state the figure `value`, as written: its clause, within `reach`
    words either side; an aside in brackets is read through, and a long one elided."""
    aside = ASIDE.sub(lambda m: " " * len(m.group(0)), text)
    _, start, end = _clause(aside, figure_at(aside, value), reach)
    return ASIDE.sub(_elided, text[start:end]).strip()


def _elided(aside: re.Match[str]) -> str:
    """An aside of more than ASIDE_WORDS words, quoted as "(...)": "(EPR)" is kept."""
    return aside.group(0) if len(aside.group(0).split()) <= ASIDE_WORDS else "(...)"


def figure_at(text: str, value: float | None) -> tuple[int, int] | None:
    """Where the figure `value` is written in `text`: the first money phrase equal to it at the
    printed precision, signs aside."""
    if value is None:
        return None
    for found in MONEY.finditer(text):
        amount = parse_money(found.group(0))
        if amount is not None and same_amount(amount, value):
            return found.span()
    return None


def _whole(text: str, at: tuple[int, int] | None) -> tuple[int, int] | None:
    """Where the figure at `at` is a part of another (`_container`: "£297.6m earmarked reserves
    (including £36.2m from Safety Valve contributions ...)"), that figure, read for it: a part of a
    balance is held, a part of a flow moves; else `at` itself."""
    return _container(text, at) or at


def _bracketed_whole(text: str, at: tuple[int, int] | None) -> tuple[int, int] | None:
    """The figure before the brackets that list the figure at `at` as a part of it; else None."""
    if at is None:
        return None
    opened = text.rfind("(", 0, at[0])
    if opened < 0 or ")" in text[opened : at[0]] or not PART.match(text, opened + 1):
        return None
    before = list(MONEY.finditer(text, 0, opened))
    return before[-1].span() if before else None


def _container(text: str, at: tuple[int, int] | None) -> tuple[int, int] | None:
    """Where the sentence says the figure at `at` is part of another, that figure: the one before
    the brackets or words that list it as a part ("£297.6m earmarked reserves (including £36.2m ...)",
    "£15.4m general reserves including £11.1m repayment ..."), or the one after words that place it
    inside ("£36.2m held within the £297.6m earmarked reserves"); else None."""
    if at is None:
        return None
    before = list(MONEY.finditer(text, 0, at[0]))
    after = MONEY.search(text, at[1])
    if before and LISTED.search(text, before[-1].end(), at[0]):
        return before[-1].span()
    if after and WITHIN.search(text, at[1], after.start()):
        return after.span()
    if (
        before
        and ALSO.fullmatch(text, before[-1].end(), at[0])
        and (whole := _container(text, before[-1].span()))
    ):
        return whole  # the next part of the same list: "including £11.1m repayment ... and £4.3m for ..."
    return _bracketed_whole(text, at)


def part_of(text: str, value: float | None) -> str:
    """The clause of `text` that states the figure `value` is part of, where it says so ("£297.6m
    earmarked reserves"), without the words that open its parts; '' where it is part of none."""
    aside = ASIDE.sub(lambda m: " " * len(m.group(0)), text)
    whole = _container(aside, figure_at(aside, value))
    if whole is None:
        return ""
    _, start, end = _clause(aside, whole)
    return LISTED.sub("", ASIDE.sub(_elided, text[start:end])).strip(" (")


def _parts(text: str, at: tuple[int, int] | None) -> tuple[int, int]:
    """Where the parts of the figure at `at` are listed, where the words between it and the next
    figure open them ("including ...", "(of which ..."): to the bracket that closes them, or the end
    of `text`; an empty span where it has none. The converse of `_whole`: a whole is read by its
    parts' words only where its own and its lead-in's say neither."""
    if at is None:
        return (0, 0)
    after = MONEY.search(text, at[1])
    found = PART.search(text, at[1], after.start() if after else len(text))
    if found is None:
        return (0, 0)
    closed = text.find(")", found.end()) if "(" in text[at[1] : found.start()] else -1
    return found.start(), closed if closed >= 0 else len(text)


def _clause(text: str, at: tuple[int, int] | None, reach: int = CLAUSE_WORDS) -> tuple[str, int, int]:
    """The clause around the span `at`, and where it starts and ends in `text`: from the bound or
    the other money figure before it to the one after it, and at most `reach` words either side."""
    if at is None:
        return text, 0, len(text)
    before = [m.end() for m in (*BOUND.finditer(text, 0, at[0]), *MONEY.finditer(text, 0, at[0]))]
    after = [m.start() for m in (*BOUND.finditer(text, at[1]), *MONEY.finditer(text, at[1]))]
    start, end = max(before, default=0), min(after, default=len(text))
    head = [m.start() for m in WORD.finditer(text, start, at[0])][-reach:]
    tail = [m.end() for m in WORD.finditer(text, at[1], end)][:reach]
    start, end = (head[0] if head else at[0]), (tail[-1] if tail else at[1])
    return text[start:end], start, end


def _unbracketed(text: str, at: tuple[int, int] | None) -> str:
    """`text` with what is in brackets blanked, but for the brackets the figure at `at` is in: the
    lead-in of a list ("reserves at the end of 2023-24 were ..., comprising of £43.0m general
    reserve") is read past another item's aside ("(including £36.2m from contributions ...)")."""
    out, depth, opened = list(text), 0, 0
    for i, char in enumerate(text):
        if char == "(":
            depth, opened = depth + 1, i if depth == 0 else opened
        elif char == ")" and depth:
            depth -= 1
            if depth == 0 and not (at and opened < at[0] < i):
                out[opened : i + 1] = " " * (i + 1 - opened)
    return "".join(out)


def _nearest(
    text: str, within: tuple[int, int], at: tuple[int, int] | None, words: dict[str, re.Pattern[str]]
) -> str | None:
    """The key of `words` ('flow' or 'balance'; 'into reserves' or 'out of reserves') whose words in
    `text[within]` are nearest the figure at `at`; with no figure placed, the one whose words alone
    are there."""
    found = [(key, m) for key, pattern in words.items() for m in pattern.finditer(text, *within)]
    if not found:
        return None
    if at is None:
        keys = {key for key, _ in found}
        return keys.pop() if len(keys) == 1 else None

    def distance(match: re.Match[str]) -> int:
        return max(at[0] - match.end(), match.start() - at[1], 0)

    return min(found, key=lambda f: distance(f[1]))[0]


# "reserve(s)" as a noun a word before it names: "general reserves", "smoothing reserve", "(EPR) reserve".
NAMED = re.compile(r"(?P<name>[\w()'’&-]+)\s+reserves?\b", re.IGNORECASE)
# Words before "reserves" that say which way, or how many, not which reserve ("contributions to
# reserves", "new reserve", "earmarked reserves": many reserves, not one).
UNNAMING = frozenset(
    [
        "to",
        "from",
        "of",
        "the",
        "in",
        "into",
        "and",
        "or",
        "a",
        "an",
        "new",
        "our",
        "its",
        "their",
        "other",
        "these",
        "all",
        "total",
        "usable",
        "revenue",
        "capital",
        "earmarked",
        "specific",
        "short-term",
    ]
)


def reserve_named(reserve: Reserve) -> str:
    """Which reserve a flow moves money into or out of, as its own words name it: the word before the
    "reserve" nearest its figure in its clause (a table row's name); '' where they name none."""
    if reserve.amount_gbp is None:
        return _named_in(reserve.label, None)
    return _named_in(reserve.words, reserve.amount_gbp)


def _named_in(words: str, value: float | None) -> str:
    found = _nearest_named(words, value)
    return _name(found["name"]) if found else ""


def _nearest_named(words: str, value: float | None) -> re.Match[str] | None:
    """The "reserve" a word before names (`NAMED`) nearest the figure `value` in `words`; None."""
    at = figure_at(words, value) or (0, 0)
    named = [m for m in NAMED.finditer(words) if _name(m["name"])]
    return min(named, key=lambda m: max(at[0] - m.end(), m.start() - at[1], 0), default=None)


# Words that open a reserve's name rather than belong to it ("from the Children's Services Demand
# Reserve", "a drawdown of £2.0m from smoothing reserves"), read back from "reserve".
NAME_OPENS = frozenset(
    [
        "to",
        "from",
        "of",
        "the",
        "in",
        "into",
        "on",
        "for",
        "by",
        "with",
        "at",
        "a",
        "an",
        "our",
        "its",
        "their",
        "this",
        "that",
        "these",
        "is",
        "are",
        "was",
        "were",
        "be",
    ]
)
NAME_WORDS = 6  # the words at most of a reserve's name before "reserve"
NAME_WORD = re.compile(r"[\w()'\u2019&-]+")


def full_name(words: str, value: float | None) -> str:
    """The whole name of the reserve nearest the figure `value` in `words`, as written: the words
    before "reserve" back to the word that opens it ("from the Children's Services Demand Reserve":
    "Children's Services Demand Reserve"); '' where they name none."""
    found = _nearest_named(words, value)
    return _whole_name(words, found) if found else ""


def _whole_name(words: str, found: re.Match[str]) -> str:
    name: list[str] = []
    for word in reversed(words[: found.start()].split()[-NAME_WORDS:]):
        if word.lower() in NAME_OPENS or not NAME_WORD.fullmatch(word):
            break
        name.insert(0, word)
    return " ".join([*name, *found[0].split()])


def referred(text: str, value: float | None) -> str:
    """The reserve "the balance" in the clause of the figure `value` refers back to: the one the
    sentence names last before that clause ("... were met from the General Fund reserve, the balance
    would fall to £34.27m": "General Fund reserve"), its whole name; '' where the clause names its
    own reserve, or the sentence names none before it."""
    aside = ASIDE.sub(lambda m: " " * len(m.group(0)), text)
    at = figure_at(aside, value)
    if at is None:
        return ""
    words, start, _ = _clause(aside, at)
    if _named_in(words, value) or not re.search(BALANCE_NOUN, words, re.IGNORECASE):
        return ""
    before = [m for m in NAMED.finditer(aside, 0, start) if _name(m["name"])]
    return _whole_name(aside, before[-1]) if before else ""


def reserve_scope(words: str, name: str) -> Scope:
    """The scope of a reserve read in `words`: the DSG's where they name the grant; else the service
    the reserve's own `name` names (a "Children's Services Demand Reserve" is children's, whatever
    overspend it meets; analyse.scope.text_scope); else the council's."""
    if DSG.search(words):
        return Scope.DSG_HIGH_NEEDS
    return text_scope(name) or Scope.COUNCIL_WIDE


def named_flows(found: list[Reserve]) -> list[tuple[str, Reserve]]:
    """The flows into or out of a reserve their words name, with its name: not a signed change to a
    flow (two changes to one reserve's flows differ as a matter of course), nor a part of a flow of
    the same reserve ("£15.4m general reserves including £11.1m repayment ...": the £11.1m is part
    of it)."""
    out = []
    for reserve in found:
        if reserve.kind != "flow" or reserve.direction in SIGNED.values():
            continue
        name = reserve_named(reserve)
        if name and name != _named_in(reserve.part_of, None):
            out.append((name, reserve))
    return out


def _name(word: str) -> str:
    name = re.sub(r"[^\w-]", "", word).lower()
    return "" if name in UNNAMING or not re.search(r"[a-z]", name) else name


def _generic(label: str) -> bool:
    """A label that names no reserve of its own ("reserves", "balance", or none)."""
    return not re.sub(r"\b(?:the|total|reserves?|balances?)\b", "", label, flags=re.IGNORECASE).strip()


# The council's general fund (unallocated) reserve, the one that would absorb a DSG deficit.
GENERAL = re.compile(r"general fund|general reserve|general balance|unallocated|uncommitted", re.IGNORECASE)


GENERAL_TERM = "general fund reserve"  # what the pack calls it where its label gives no name
# The documents' own name for it, where its label holds one ("general fund balance", "general reserve").
GENERAL_NAME = re.compile(
    r"\bgeneral\s+(?:fund\s+)?(?:reserves?|balances?|fund)\b(?:\s+(?:reserves?|balances?))?", re.I
)


def _general_named(words: str) -> str:
    """The documents' name for the general reserve where a clause names it, as written; ''."""
    named = GENERAL_NAME.search(words)
    return " ".join(named[0].split()) if named else ""


# Reserves a clause names by their class, not one reserve: "Earmarked reserves", "usable reserves".
CLASS_NAME = re.compile(r"\b(?:earmarked|usable|specific)\s+(?:revenue\s+)?reserves?\b", re.I)


def _balance_named(words: str) -> str:
    """The documents' name for the reserves a balance's clause states: the general reserve's, else
    a class of reserves ("Earmarked reserves are forecast at £38.7m"), as written; ''."""
    named = CLASS_NAME.search(words)
    return _general_named(words) or (" ".join(named[0].split()) if named else "")


def general_term(reserve: Reserve) -> str:
    """What the pack calls the general reserve: the documents' own name for it ("general fund
    balance", "general reserve"), else "general fund reserve"."""
    named = GENERAL_NAME.search(reserve.label)
    return " ".join(named[0].lower().split()) if named else GENERAL_TERM


def drawn_from(reserve: Reserve) -> str:
    """Which reserve a flow moves money into or out of, as its own words (its label, the clause
    stating it, the line that makes it one-off) name it: the general reserve by the documents' own
    name for it ("general fund balance"), a reserve a word before "reserve" names ("smoothing
    reserve"), or earmarked reserves; '' where they name none ("Total Reserves", "a drawdown of £8.2m
    from reserves"): the one reading of it, for the pack to say it or say that the documents do not."""
    said = " ".join(filter(None, (reserve.label, reserve.words, reserve.one_off)))
    if general := GENERAL_NAME.search(said):
        return " ".join(general[0].lower().split())
    if GENERAL.search(said):
        return GENERAL_TERM
    if name := reserve_named(reserve) or _named_in(reserve.one_off, None):
        return f"{name} reserve"
    return "earmarked reserves" if EARMARKED.search(said) else ""


EARMARKED = re.compile(r"\bearmarked\b", re.IGNORECASE)


def latest_first(found: list[Reserve]) -> list[Reserve]:
    """The reserves as a reader takes them: each reserve's balances together (reserves in the order
    the documents first give them), latest date first within it (a forecast before a balance held
    at the same date, those the documents date before those they do not); the flows and the rest
    keep their places."""
    balances = [r for r in found if r.kind == "balance"]
    groups: dict[str, int] = {}
    for r in balances:
        groups.setdefault(" ".join(r.label.lower().split()), len(groups))

    def order(r: Reserve) -> tuple[int, bool, tuple[int, int], bool]:
        dated = year_end(r.at or "")
        when = (-dated[0], -dated[1]) if dated else (0, 0)
        return (groups[" ".join(r.label.lower().split())], dated is None, when, not r.forecast)

    ordered = iter(sorted(balances, key=order))
    return [next(ordered) if r.kind == "balance" else r for r in found]


def general_reserves(found: list[Reserve]) -> list[Reserve]:
    """The general fund (unallocated) reserve's balances among the reserves read, in reading order:
    the balances their own labels name as general or unallocated, held or forecast (analyse.dsg picks
    the one to set beside the DSG deficit, by its date; a forecast is said with its condition)."""
    return [r for r in found if r.kind == "balance" and r.amount_gbp and GENERAL.search(r.label)]


def general_minimum(figures: list[Figure]) -> Reserve | None:
    """The level the documents set for the general reserve: the first sum in a sentence naming the
    general fund that `reserve_kind` reads as a level (the one reading, which the reserves' own levels
    are too), its level's words just before it ("the General Fund balance would fall to £11.350m,
    below the minimum level of £15.000m"; "the minimum prudent level of general reserves is
    £35.00m"), with those words as written; None where none is stated."""
    for figure in figures:
        if figure.unit != FigureUnit.GBP or not GENERAL.search(figure.text):
            continue
        if reserve_kind(figure.text, figure.value, figure.label or "") != "level":
            continue
        at = figure_at(figure.text, figure.value)
        level = at and next(reversed(list(LEVEL.finditer(figure.text, 0, at[0]))), None)
        if at is None or not level or not LEVEL_SUM.fullmatch(figure.text, level.end(), at[0]):
            continue
        return Reserve(
            kind="level",
            label="general fund minimum",
            amount_gbp=figure.value,
            places=figure.places,
            text=figure.text,
            words=figure.text[level.start() : at[1]],
            provenance=figure.provenance[:1],
        )
    return None


def date_near(text: str, at: tuple[int, int] | None) -> str | None:
    """The date the figure at `at` is stated at, in its own words: the first date after it, before
    the next money figure ("£41.30m at 31 March 2026"), else the last since the money figure before
    it ("at 1 April 2025 the balance was £14.20m"); else the sentence's first, which a list's lead-in
    gives its items ("reserves at the end of 2023-24 were ..., comprising of £43.0m general reserve")."""
    found = None
    if at is not None:
        before = max((m.end() for m in MONEY.finditer(text, 0, at[0])), default=0)
        after = MONEY.search(text, at[1])
        found = DATE.search(text, at[1], after.start() if after else len(text))
        found = found or next(reversed(list(DATE.finditer(text, before, at[0]))), None)
    found = found or DATE.search(text)
    return found["date"] if found else None


def _balance_date(figure: Figure, words: str = "", dated: dict[str, str] | None = None) -> str | None:
    """The date the sentence puts the balance at; where it names none but says the balance is the
    present one ("currently £28.5m"), the date its report speaks from (`report_dates`); else its year."""
    said = date_near(figure.text, figure_at(figure.text, figure.value))
    if said is None and CURRENT.search(words):
        report = (dated or {}).get(figure.provenance[0].file)
        # The report's date, not one the documents give the balance: said as such wherever shown.
        said = f"{report} ({REPORT_DATE_SAID})" if report else None
    return said or figure.period


# How a present balance's date is said: the date its report speaks from, never the balance's own.
REPORT_DATE_SAID = "the report's date: it calls the balance the present one"


def report_dates(extraction: Extraction) -> dict[str, str]:
    """The date each document speaks from, as its opening states it ("to the end of October 2025
    (Month 7)": 31 October 2025, a month's last day); a document whose opening states none has none."""
    out: dict[str, str] = {}
    for passage in extraction.passages:
        file = passage.provenance[0].file
        if file in out:
            continue
        opening = [p for p in extraction.passages if p.provenance[0].file == file][:OPENING]
        if passage not in opening:
            continue
        found = REPORT_DATE.search(passage.text)
        if found is not None:
            year, month, day = date_parts(found)
            day = day or calendar.monthrange(year, month)[1]
            out[file] = f"{day} {MONTHS[month - 1].capitalize()} {year}"
    return out


def apposed(text: str, value: float | None) -> str:
    """The reserve a figure is set off by a comma after, where its own clause names none ("the
    General Fund reserve, currently £28.5m": "General Fund reserve"); '' where it is not."""
    aside = ASIDE.sub(lambda m: " " * len(m.group(0)), text)
    at = figure_at(aside, value)
    if at is None:
        return ""
    words, start, _ = _clause(aside, at)
    lead = aside[start : at[0]]
    # only a clause that names no reserve and says, in a few words, that the figure is what it
    # holds ("currently", "at present", "which stands at"), never a movement ("which would reduce from")
    if RESERVE.search(words) or len(lead.split()) > APPOSED_WORDS or not BALANCE.search(lead):
        return ""
    found = APPOSED.search(aside, 0, start)
    if found is None or not re.fullmatch(r"[\w\s-]*", aside[found.end() : start]):
        return ""
    if re.search(r"[\d£]\S*\s*$", aside[: found.start()]):  # "£43.0m general reserve, ...": that figure's
        return ""
    name = " ".join(found["name"].split())
    # the reserve's own name where the words before it name it ("funded from the general reserve")
    named = NAMED_BALANCE.search(name)
    return re.sub(
        r"^(?:the|a|an|its|our|their|this|that|from|to|of|in)\s+", "", named[0] if named else name, flags=re.I
    )


def below_minimum(figures: list[Figure]) -> Reserve | None:
    """A sentence naming the general reserve that says it would go below the level the council sets
    for it, with no sum for that level ("met from the General Fund reserve, currently £28.5m, which
    would reduce below the minimum prudent level set by the S151 Officer"): its clause, as written,
    to set beside the reserve; None where none says so (a level with its sum is `general_minimum`)."""
    for figure in figures:
        if not GENERAL.search(figure.text) or (found := BELOW_LEVEL.search(figure.text)) is None:
            continue
        if MONEY.search(figure.text, found.end(), found.end() + 40):
            continue
        start = max((m.end() for m in re.finditer(r"[,;:]\s*", figure.text[: found.start()])), default=0)
        end = next((m.start() for m in re.finditer(r"[;.](?!\d)", figure.text[found.end() :])), None)
        stop = found.end() + end if end is not None else len(figure.text)
        return Reserve(
            kind="level",
            label="general fund minimum",
            text=figure.text,
            words=re.sub(r"^(?:which|that|and|but)\s+", "", figure.text[start:stop].strip(), flags=re.I),
            provenance=figure.provenance[:1],
        )
    return None


def table_balances(tables: list[Table]) -> list[Reserve]:
    """The balances of a reserves table whose columns are dated ("Reserve | Balance 1 April 2025 £m |
    Forecast 31 March 2026 £m"): each row's balance at each column's date, a forecast where its
    heading says so, a row listed as part of the one above ("of which: ...") said to be. A DSG row is
    the DSG's, not a reserve's."""
    out: list[Reserve] = []
    for table in tables:
        if not table.header_rows:
            continue
        header = table.rows[table.header_rows - 1]
        dated = {i: found for i, h in enumerate(header) if i and (found := re.search(CALENDAR_DATE, h, re.I))}
        names = [row[0] if row else "" for row in table.rows[table.header_rows :]]
        if not dated or not RESERVE.search(" ".join([header[0], *names])):
            continue
        whole = ""
        for index in range(table.header_rows, len(table.rows)):
            name = table.rows[index][0] if table.rows[index] else ""
            part = PART.match(name) is not None
            whole = whole if part else name
            if DSG.search(name) or not name.strip():
                continue
            out += [
                _table_balance(table, index, column, " ".join(date.group(0).split()), whole if part else "")
                for column, date in dated.items()
                if column < len(table.rows[index]) and parse_amount(table.rows[index][column]) is not None
            ]
    return out


def _table_balance(table: Table, index: int, column: int, date: str, whole: str) -> Reserve:
    heading, cell = table.rows[table.header_rows - 1][column], table.rows[index][column]
    scale = unit_multiplier(heading) or unit_multiplier(table.unit or "") or 1.0
    return Reserve(
        kind="balance",
        label=re.sub(r"^\s*(?:including|of which)\s*:?\s*", "", table.rows[index][0], flags=re.I),
        amount_gbp=(parse_amount(cell) or 0.0) * scale,
        places=cell_places(cell, scale),
        at=date,
        text=row_cited(table, index).text,
        part_of=whole,
        forecast=heading if column_from_header(column, heading, True).role is Role.FORECAST else "",
        scope=reserve_scope(table.rows[index][0], table.rows[index][0]),
        provenance=[row_cited(table, index)],
    )


def cell_places(cell: str, scale: float) -> int | None:
    """The decimal places a table's cell prints a sum in £m to (Reserve.places, DsgItem.places):
    "34.30" in a £m table 2; None for a table in pounds or £000, as for prose (extract.prose)."""
    if scale != 1e6:
        return None
    number = re.sub(r"[^\d.]", "", cell)
    return len(number.split(".")[1]) if "." in number else 0


def _from_row(row: PlanLine) -> Reserve:
    """A budget or plan table's reserves row: a flow by year, as the table prints it; one-off where
    its name, or the name of a line its total adds up, says so (cited)."""
    words = f"{row.title} {row.category or ''}"
    total = TABLE_TOTAL if is_total(row.title) else ""
    one_off = _one_off_line(row)
    kind: ReserveKind = "dsg" if DSG.search(words) else "flow"
    return Reserve(
        kind=kind,
        direction=_row_direction(row) if kind == "flow" else "",
        label=row.label + total,
        amounts=row.planned,
        text=row.provenance[0].text,
        one_off=one_off.text.split(CELL)[0] if one_off else "",
        scope=reserve_scope(words, row.title),
        provenance=row.provenance + [p for p in (one_off,) if p is not None and p not in row.provenance],
    )


def _row_direction(row: PlanLine) -> str:
    """Which way a table's reserves row goes: as its name says ("Contributions to reserves"), else as
    the names of the lines its total adds up (the table's own arithmetic) all say; else UNSTATED."""
    if way := _name_direction(row.title):
        return way
    ways = {_name_direction(p.text.split(CELL)[0]) for p in _added(row) if p not in row.provenance}
    return next(iter(ways)) or UNSTATED if len(ways) == 1 else UNSTATED


def _name_direction(name: str) -> str | None:
    return _nearest(name, (0, len(name)), None, DIRECTION_WORDS)


def _added(row: PlanLine) -> list[Provenance]:
    """The lines a total row adds up, where the table's own arithmetic holds."""
    return [p for c in row.checks if c.identity == TOTAL_IDENTITY and c.held for p in c.provenance]


def _one_off_line(row: PlanLine) -> Provenance | None:
    """The row, or the first line its total adds up (the table's own arithmetic), whose name says
    it is one-off."""
    return next(
        (p for p in (*row.provenance[:1], *_added(row)) if ONE_OFF.search(p.text.split(CELL)[0])), None
    )


def added_lines(extraction: Extraction) -> list[Reserve]:
    """The lines a reserves total row adds up, where the table's own arithmetic holds, each a flow by
    year as its table prints it (Appendix F's "General Reserves repayment | ... | 11,050.0 | 0.0 |
    0.0" under "2025-26 £000's"): what two statements of one reserve's flow that disagree are
    checked against (analyse.reconcile)."""
    tables = {(t.file, t.locator): t for t in extraction.tables}
    out: list[Reserve] = []
    for row in [*extraction.pressures, *extraction.mtfp_totals, *extraction.savings]:
        if not _reserves_row(row):
            continue
        for line in _added(row):
            table = tables.get((line.file, line.locator.rsplit(", row", 1)[0]))
            amounts = _row_amounts(line, table) if table is not None and line not in row.provenance else []
            if amounts:
                cells = line.text.split(CELL)
                out.append(
                    Reserve(
                        kind="flow",
                        direction=_row_direction(row),
                        # the cell that names its reserve ("General Reserves repayment"), else its first
                        label=next((c for c in cells if _named_in(c, None)), cells[0]),
                        amounts=amounts,
                        text=line.text,
                        provenance=[line],
                    )
                )
    return list({(r.provenance[0].file, r.provenance[0].locator): r for r in out}.values())


def _row_amounts(line: Provenance, table: Table) -> list[PeriodAmount]:
    """A table line's amounts under its header's year columns, in pounds at the table's unit."""
    if not table.header_rows:
        return []
    header, cells = table.rows[table.header_rows - 1], line.text.split(CELL)
    if len(header) != len(cells):
        return []
    scale = unit_multiplier(table.unit or "") or 1.0
    out = []
    for heading, cell in zip(header, cells, strict=True):
        years, value = find_periods(heading), parse_amount(cell)
        if len(years) == 1 and value is not None:
            out.append(PeriodAmount(period=years[0], amount_gbp=value * (unit_multiplier(heading) or scale)))
    return out
