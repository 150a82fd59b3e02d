"""What each column of a table means, read from its header text and the cells under it.

Councils head the same column many ways ("Budget", "Approved Budget", "Revised budget";
"(Under)/Overspend", "Over/(under) spend"), in any order, sometimes over two or three header
rows with a year spanning several sub-columns. Meaning comes from the words, never from the
position, and whether a column holds numbers decides between a money meaning and a text one
("Saving" heads amounts in a tracker but names in a list of proposals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from extract.numbers import find_periods, parse_amount, unit_multiplier


class Role(StrEnum):
    REF = "ref"
    TITLE = "title"
    DESCRIPTION = "description"
    CATEGORY = "category"
    DIRECTORATE = "directorate"
    SERVICE = "service"
    OWNER = "owner"
    FUNDING = "funding"
    RAG = "rag"
    STATUS = "status"
    BUDGET = "budget"
    FORECAST = "forecast"
    VARIANCE = "variance"
    TARGET = "target"
    ACHIEVED = "achieved"
    SHORTFALL = "shortfall"
    UNDELIVERABLE = "undeliverable"
    SLIPPED = "slipped"
    ALTERNATIVE = "alternative"  # savings found in place of the original ("Alternative savings one-off")
    YEAR = "year"
    SHARE = "share"  # a percentage column ("Variance %", "% of budget"): not money, checked against it


MONEY_ROLES = {
    Role.BUDGET,
    Role.FORECAST,
    Role.VARIANCE,
    Role.TARGET,
    Role.ACHIEVED,
    Role.SHORTFALL,
    Role.UNDELIVERABLE,
    Role.SLIPPED,
    Role.ALTERNATIVE,
    Role.YEAR,
}

# Columns of figures that are not text: money, and shares of money.
FIGURE_ROLES = MONEY_ROLES | {Role.SHARE}

# Ordered: the first rule whose words appear wins, so the more specific phrases come first
# ("forecast variance" is a variance, "forecast delivery" a forecast, "budget" last).
MONEY_RULES: list[tuple[Role, str]] = [
    (Role.UNDELIVERABLE, r"undeliver|not deliverable|unachiev|not achievable|written off|write[- ]off"),
    (Role.SLIPPED, r"slip|deferred|delayed|re-?phas|future years?"),
    (Role.ALTERNATIVE, r"alternative|replacement|substitut|mitigat"),
    (Role.SHORTFALL, r"shortfall|\bgap\b|under[- ]?deliver|not yet (?:delivered|achieved)|\bat[- ]risk\b"),
    (Role.VARIANCE, r"varian|\bover\b|\bunder\b|overspend|underspend|\(under\)|\(over\)"),
    # "Forecast to be delivered" is a forecast, "Delivered to date" an achievement.
    (
        Role.FORECAST,
        r"forecast|projected|projection|outturn|expected|anticipated|to be (?:delivered|achieved)"
        r"|\bachievable\b|\bdeliverable\b",
    ),
    (Role.ACHIEVED, r"achieved|delivered|actual|to date"),
    (Role.TARGET, r"target|saving|planned|proposed|agreed|required|amount|value"),
    (Role.BUDGET, r"budget|allocation|estimate|cash limit|envelope"),
]

TEXT_RULES: list[tuple[Role, str]] = [
    (Role.RAG, r"\brag\b|r\s*/\s*a\s*/\s*g|red\s*/\s*amber|rating"),
    (Role.REF, r"\bref\b|reference|\bref\.|^\s*(?:no|id|code|#)\.?\s*$"),
    # Commentary beside the figures ("Explanation of variance", "Reason") is never a line's name.
    (
        Role.STATUS,
        r"status|progress|update|comment|narrative|risk|mitigat|deliverab|confidence|explanation|reasons?\b",
    ),
    (Role.CATEGORY, r"categor|\btype\b|theme|workstream|programme|classification"),
    # "Directorate / Service" names rows of both kinds; the service is the finer one.
    (Role.SERVICE, r"(?:directorate|department)\s*/\s*service"),
    (Role.DIRECTORATE, r"directorate|department|portfolio"),
    (Role.SERVICE, r"service|division|cost cent|\barea\b|function"),
    (Role.OWNER, r"cabinet|member|owner|lead|responsib|officer"),
    (Role.FUNDING, r"\bcore\b|external|funded|funding"),
    (Role.TITLE, r"headline|title"),
    (Role.DESCRIPTION, r"description|detail|summary"),
    (Role.TITLE, r"headline|title|proposal|name|scheme|initiative|item|saving|pressure|line"),
]

# Several columns of one role ("Original Budget", "Virements", "Revised Budget"; last year's
# variance beside this year's): the headings that say a column is the latest, or an earlier one.
LATEST_WORDS = re.compile(
    r"revised|current|latest|working|updated|amended|adjusted|this (?:month|period|quarter|year)|\btotal\b",
    re.I,
)
EARLIER_WORDS = re.compile(r"original|initial|previous|prior|\blast\b|opening|b/?f|brought forward", re.I)
# "Forecast Month 6" is later than "Forecast Month 5"; "P7" than "P6"; "Q3" than "Q2".
REPORTING_POINT = re.compile(r"\b(?:month|period|p|quarter|q)\s*(?P<n>\d{1,2})\b", re.I)


# Words that say nothing beyond "money for that year" next to a year heading.
GENERIC_MONEY = re.compile(
    r"savings?|pressures?|growth|£\S*|\d+'?s?|amount|total|proposed|planned|net|gross|"
    r"full year effect|fye|change|budget|core|external|indicative|cumulative|incremental",
    re.I,
)


@dataclass(frozen=True)
class Column:
    """One column's meaning: its role, the year it speaks of, and the unit its header gives."""

    index: int
    role: Role | None
    text: str
    period: str | None = None
    multiplier: float | None = None
    negated: bool = False


def _first_role(text: str, rules: list[tuple[Role, str]]) -> Role | None:
    for lowered in (text.lower(), re.sub(r"\s+", "", text.lower())):
        # Unbroken second: a narrow column breaks a heading mid-word ('Forecas' / 't').
        role = next((role for role, words in rules if re.search(words, lowered)), None)
        if role is not None:
            return role
    return None


# "No. of savings", "Number of lines": a count heads the column, not money.
COUNT_HEADING = re.compile(r"^\s*(?:no\.?|number|count|#)(?:\s+of\b|\s*$)|\bnumber of\b", re.I)


# "Variance %", "% of budget": a share, not money.
PERCENT_HEADING = re.compile(r"%|\bper\s?cent", re.I)


def _money_role(text: str, period: str | None) -> Role | None:
    if COUNT_HEADING.search(text):
        return None
    if PERCENT_HEADING.search(text):
        return Role.SHARE
    if period is not None:
        rest = GENERIC_MONEY.sub(" ", re.sub(r"[\d/\-–]+", " ", text))
        if not re.search(r"[a-z]{3,}", rest, re.I):
            return Role.YEAR
        return _first_role(rest, MONEY_RULES) or Role.YEAR
    return _first_role(text, MONEY_RULES)


def _variance_is_negated(text: str) -> bool:
    """'Underspend/(overspend)' and 'Over/(under)' differ: positive must mean overspend."""
    lowered = text.lower().replace(" ", "")
    return bool(re.search(r"under\w*/\(over|^under\w*/over|\(favourable\)/adverse", lowered))


def column_from_header(index: int, text: str, numeric: bool) -> Column:
    """A column's meaning from its header text and whether its cells hold numbers."""
    periods = find_periods(text)
    period = periods[0] if len(set(periods)) == 1 else None
    role = _money_role(text, period) if numeric else _first_role(text, TEXT_RULES)
    negated = role is Role.VARIANCE and _variance_is_negated(text)
    return Column(index, role, text.strip(), period, unit_multiplier(text), negated)


def is_numeric_column(cells: list[str]) -> bool:
    """Most non-empty cells are numbers (dashes count as zero)."""
    filled = [c for c in cells if c and c.strip()]
    if not filled:
        return False
    numbers = sum(parse_amount(c) is not None for c in filled)
    return numbers * 2 > len(filled)


# Phrases that head one column each, longest first, for splitting a run-together header.
_MENTION = re.compile(
    r"(?:20)?\d\d\s*[/\-–]\s*(?:20)?\d\d|FY\s*\d\d"
    r"|headline(?:\s+description)?|(?:brief\s+)?description|detail|title|\bname\b|proposal"
    r"|cabinet(?:\s+member)?|(?:lead\s+)?member|owner|lead\s+officer"
    r"|service(?:\s+area)?|(?:mtfp\s+)?categor\w*|\btype\b|directorate|department|portfolio"
    r"|core(?:\s+or)?|external\w*|\bref\w*|\brag\b|status|comments?"
    r"|(?:approved|current|revised|original|annual)?\s*budget|forecast(?:\s+outturn)?|projected(?:\s+outturn)?"
    r"|varian\w+|(?:\(under\)\s*/\s*)?over\s*(?:/\s*\(under\))?\s*spend|target|achieved|delivered|shortfall"
    r"|undeliverable|slipp\w+",
    re.I,
)


def split_merged_header(text: str, width: int) -> list[str] | None:
    """Header words for each column when a reader ran the whole header into one cell.

    Each heading phrase, in reading order, heads the next column. The first line alone is tried
    first, because the second line of a two-line heading repeats words already placed. None
    unless the count fits the table.
    """
    for candidate in (text.split("\n")[0], text):
        found = [m.group(0).strip() for m in _MENTION.finditer(candidate)]
        if len(found) == width:
            return found
    return None


def split_two_headings(text: str) -> tuple[str, str] | None:
    """The two headings of a cell that holds two ('Revised Budget Forecast Outturn', printed
    over two columns set close together), or None unless it names exactly two (years apart)."""
    found = [m for m in _MENTION.finditer(text) if m.group(0).strip() and not find_periods(m.group(0))]
    if len(found) != 2:
        return None
    cut = found[1].start()
    return text[:cut].strip(), text[cut:].strip()


class RiskRole(StrEnum):
    REF = "ref"
    DIRECTORATE = "directorate"
    OWNER = "owner"
    DESCRIPTION = "description"
    EXPOSURE = "exposure"
    LIKELIHOOD = "likelihood"
    IMPACT = "impact"
    SCORE = "score"
    TITLE = "title"


# A risk register's columns, first rule that matches wins ("Risk owner" is the owner, "Risk score"
# the score, "Risk" alone the title). A score headed as the target or inherent risk is not the
# current one; `CURRENT_SCORE` prefers the current or residual score where a register gives several.
RISK_RULES: list[tuple[RiskRole, str]] = [
    (RiskRole.REF, r"\bref\b|reference|^\s*(?:risk\s+)?(?:no|id|number)\.?\s*$"),
    (RiskRole.DIRECTORATE, r"directorate|department|portfolio|service area"),
    (RiskRole.OWNER, r"owner|\blead\b|responsib|accountab"),
    (RiskRole.EXPOSURE, r"exposure|financial (?:impact|risk|effect)|value at risk"),
    (
        RiskRole.SCORE,
        r"score|rating|\brag\b|l\s*x\s*i|likelihood\s*x\s*impact|risk level|residual risk|current risk",
    ),
    (RiskRole.LIKELIHOOD, r"likelihood|probability"),
    (RiskRole.IMPACT, r"^\s*(?:current\s+|residual\s+)?(?:impact|severity)\b"),
    (RiskRole.DESCRIPTION, r"descri|cause|consequence|detail|effect|event"),
    (RiskRole.TITLE, r"risk|title|name|area"),
]
CURRENT_SCORE = re.compile(r"current|residual|\bnet\b|latest", re.I)
NOT_CURRENT_SCORE = re.compile(r"target|inherent|gross|original|previous", re.I)


def risk_role(text: str) -> RiskRole | None:
    """A risk register column's meaning from its heading."""
    lowered = " ".join(text.lower().split())
    return next((role for role, words in RISK_RULES if re.search(words, lowered)), None)
