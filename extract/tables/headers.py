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

from extract.numbers import find_periods, parse_amount, unit_multiplier
from extract.tables.vocabulary import (
    COUNT_HEADING,
    GENERIC_MONEY,
    MONEY_RULES,
    PERCENT_HEADING,
    RATED_HEADING,
    RISK_RULES,
    TEXT_RULES,
    RiskRole,
    Role,
)

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
    Role.RATED,
    Role.YEAR,
}

# Columns of figures that are not text: money, and shares of money.
FIGURE_ROLES = MONEY_ROLES | {Role.SHARE}


# Drafts of one year's budget set side by side ("November draft", "Jan-24", "February 2024", "Draft
# 2", "Final"): versions of one year, never years. A day before the month ("31 March 2026") or a
# balance word dates a balance, not a draft.
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DRAFT_MONTH = re.compile(
    r"\b(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
    r"(?:[\s'’-]*(?P<year>(?:20)?\d\d)\b(?![/\-–]\d))?",
    re.I,
)
_DRAFT_NUMBER = re.compile(r"\b(?:draft|version|iteration|v)\s*(?P<n>\d{1,2})\b", re.I)
_FINAL = re.compile(r"\bfinal\b|\bapproved\b|\bagreed\b", re.I)
_A_DATE = re.compile(
    r"(?<![/\-–])\b\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3}|\bbalance|\bas at\b|\bat\b|opening|closing", re.I
)


@dataclass(frozen=True, order=True)
class DraftPoint:
    """When a draft was made: its calendar month where the heading gives the year, its month in
    the budget-setting cycle (April first), or its number; a final version comes last."""

    final: bool
    calendar: int | None
    cycle: int


def draft_point(text: str) -> DraftPoint | None:
    """A column heading's draft of a year's budget, or None where the heading names no draft."""
    if _A_DATE.search(text):
        return None
    month = _DRAFT_MONTH.search(text)
    if month:
        number = _MONTHS.index(month["month"].lower()[:3]) + 1
        year = month["year"]
        calendar = (int(year) % 100) * 12 + number if year else None
        return DraftPoint(bool(_FINAL.search(text)), calendar, (number - 4) % 12)
    numbered = _DRAFT_NUMBER.search(text)
    if numbered:
        return DraftPoint(False, None, int(numbered["n"]))
    if re.search(r"\bdraft\b", text, re.I) or _FINAL.search(text):
        return DraftPoint(bool(_FINAL.search(text)), None, 0)
    return None


def latest_draft(points: list[DraftPoint]) -> int:
    """The index of the latest of several drafts: by calendar month where every heading gives one,
    else by the month in the budget cycle or the draft's number; a final version last."""
    dated = all(p.calendar is not None for p in points)
    return max(
        range(len(points)),
        key=lambda i: (points[i].final, points[i].calendar if dated else 0, points[i].cycle),
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


def _money_role(text: str, period: str | None) -> Role | None:
    if COUNT_HEADING.search(text):
        return None
    if RATED_HEADING.match(text):
        return Role.RATED
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


def risk_role(text: str) -> RiskRole | None:
    """A risk register column's meaning from its heading."""
    lowered = " ".join(text.lower().split())
    return next((role for role, words in RISK_RULES if re.search(words, lowered)), None)
