"""Pure parsers for the numbers, units and periods that council finance papers write.

Councils write the same quantity many ways: `(350)` and `-350` and `−350` are all negative,
`–` and `nil` are zero, `£1.2m` and `£1,200k` are the same money, `2023/24`, `23/24` and `FY24`
the same financial year. Everything here takes text and returns a plain value or None.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Every dash a PDF or Word document uses for "minus" or for "nothing".
MINUS_SIGNS = "-\u2212\u2013\u2014\u2012\u2010\ufe63\uff0d"
ZERO_WORDS = {"nil", "none", "zero"}
_DASH = re.escape(MINUS_SIGNS)  # safe inside a character class

SUFFIX_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
}

AMOUNT_CACHE = 1 << 14  # cells whose reading is kept: a few MB at most, so a worker stays small
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_AMOUNT = re.compile(
    rf"""^\s*
    (?P<sign>[+{_DASH}])?\s*
    (?:£\s*)?
    (?P<open>\()?\s*
    (?:£\s*)?
    (?P<sign2>[+{_DASH}])?\s*
    £?\s*
    (?P<num>{_NUMBER})\s*
    (?P<suffix>bn|billion|millions?|mn|mil|m|k|thousand|%)?\.?\s*
    (?P<close>\))?\s*
    (?P<trail>[{_DASH}]|cr)?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


# "£000" heads a column of thousands; it is not a zero.
_UNIT_NOTE = re.compile(r"\(?£\s*['’]?0{3}['’]?s?\)?", re.I)


def _is_nothing(text: str) -> bool:
    """A cell that says 'nothing here': a lone dash or a word for zero."""
    stripped = text.strip().strip("£").strip()
    return bool(stripped) and (all(ch in MINUS_SIGNS for ch in stripped) or stripped.lower() in ZERO_WORDS)


@lru_cache(maxsize=AMOUNT_CACHE)
def parse_amount(text: str) -> float | None:
    """The number a cell or phrase states, with any explicit magnitude (`m`, `k`, `bn`) applied.

    Brackets, a leading minus of any kind, a trailing minus or `CR` make it negative; a lone dash
    or `nil` is 0.0; `12%` is 12.0. Anything that is not one number gives None. Remembered: the
    layout, row and verification steps each read the same cells again.
    """
    if not text or not text.strip() or _UNIT_NOTE.fullmatch(text.strip()):
        return None
    if _is_nothing(text):
        return 0.0
    match = _AMOUNT.match(text.replace("\u00a0", " "))
    if match is None or bool(match["open"]) != bool(match["close"]):
        return None
    value = float(match["num"].replace(",", ""))
    suffix = (match["suffix"] or "").lower()
    if suffix and suffix != "%":
        value = round(value * SUFFIX_MULTIPLIERS[suffix], 6)  # £4.1m is 4100000.0, not ...99.9995
    negative = any(match[g] and match[g] != "+" for g in ("sign", "sign2")) or bool(match["open"])
    negative = negative or bool(match["trail"])
    return -value if negative else value


def has_magnitude(text: str) -> bool:
    """Whether a money phrase carries its own magnitude (`£1.2m`, `£350k`), so a unit must not scale it."""
    match = _AMOUNT.match(text.replace("\u00a0", " ")) if text else None
    return bool(match and match["suffix"] and match["suffix"] != "%")


_UNIT_PATTERNS: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"£\s*['’]?\s*000\s*['’]?\s*s?\b|£\s*k\b|£\s*thousands?\b|\(000s?\)", re.I), 1e3),
    (re.compile(r"£\s*['’]?\s*(?:m|mn|million|millions)\b|\bin\s+millions\b", re.I), 1e6),
    (re.compile(r"£\s*['’]?\s*(?:bn|billion|billions)\b", re.I), 1e9),
    (re.compile(r"£\s*(?![\d.])|\bpounds\b|\bgbp\b", re.I), 1.0),
]


def unit_multiplier(text: str) -> float | None:
    """The scale a unit note gives every number under it: `£000` 1000, `£m` 1e6, `£` 1; None if none."""
    if not text:
        return None
    for pattern, multiplier in _UNIT_PATTERNS:
        if pattern.search(text):
            return multiplier
    return None


# Month names as English documents print them (not the locale's: calendar.month_name follows it).
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH = "|".join(MONTHS)  # any month's name, inside a pattern read case-insensitively
# A date as prose prints it: a day's ("31 March 2026", "1st April 2025") or a month's ("March 2026"),
# its parts named `day` (absent for a month's), `month` and `year`, which `date_parts` reads. Inside a
# pattern read case-insensitively, once (its groups are named).
CALENDAR_DATE = rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{MONTH})\s+(?P<year>20\d\d)\b"
# A financial year as prose writes it ("2025-26", "2025/26", "2025–26", "2025-2026"), inside a
# pattern that places it ("in 2025-26", "the end of 2024/25"); `normalise_period` reads it.
FINANCIAL_YEAR = rf"20\d\d\s?[/{_DASH}]\s?(?:20)?\d\d"
# A span of financial years ("2025-26 to 2027-28", "2022-23 - 2027-28"): of no one year. Read
# case-insensitively, as `IN_A_YEAR`.
YEAR_SPAN = rf"{FINANCIAL_YEAR}\s*(?:to|[{_DASH}])\s*{FINANCIAL_YEAR}"
# The year prose puts a sum in with a preposition, its year named `year`: "in 2025-26", "for the
# planned 2025-26 Council contribution", "during 2024-25".
IN_A_YEAR = rf"\b(?:in|for|during)\s+(?:the\s+)?(?:[\w-]+\s+)?(?P<year>{FINANCIAL_YEAR})"

_PERIOD = re.compile(
    rf"""(?<![\d£.,])(?:
        (?P<y1>(?:19|20)?\d\d)\s*(?:[/{_DASH}]|\s+to\s+)\s*(?P<y2>(?:19|20)?\d\d)
        |FY\s*['’]?(?P<fy>(?:19|20)?\d\d)(?!\s*[/{_DASH}]\s*\d)  # "FY 2025/26" is 2025/26
    )(?![\d%])""",
    re.VERBOSE | re.IGNORECASE,
)


def _full_year(digits: str) -> int:
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _period_from_match(match: re.Match[str]) -> str | None:
    if match["fy"]:
        end = _full_year(match["fy"])
        start = end - 1
    else:
        start, end = _full_year(match["y1"]), _full_year(match["y2"])
        if len(match["y1"]) == 2 and len(match["y2"]) == 4:
            return None
    if end != start + 1:
        return None
    return f"{start}-{end % 100:02d}"


def date_parts(match: re.Match[str]) -> tuple[int, int, int | None]:
    """(year, month, day) of a match of a pattern holding `CALENDAR_DATE`: day None for a month's."""
    day = int(match["day"]) if match["day"] else None
    return int(match["year"]), MONTHS.index(match["month"].lower()) + 1, day


def year_end(words: str) -> tuple[int, int] | None:
    """The (year, month) date words put a figure at, the one rule for setting dates against each
    other (a DSG deficit beside a reserve, a target beside the reductions counted on by its date):
    "the end of 2024-25" and "31st March 2025" are (2025, 3), a financial year ending in March;
    "March 2027" is (2027, 3). None where the words give no date: a year alone ("2024-25") is a
    period, and what date it stands for is its reader's to say (analyse.targets.met_by)."""
    if found := re.fullmatch(rf"(?:the\s+)?end\s+of\s+({FINANCIAL_YEAR})", words.strip(), re.IGNORECASE):
        year = normalise_period(found[1])
        return (int(year[:4]) + 1, 3) if year else None
    if found := re.search(CALENDAR_DATE, words, re.IGNORECASE):
        return date_parts(found)[:2]
    return None


def find_periods(text: str) -> list[str]:
    """Every financial year named in a text, as `YYYY-YY`, in order of appearance."""
    found = (_period_from_match(m) for m in _PERIOD.finditer(text or ""))
    return [period for period in found if period]


def normalise_period(text: str) -> str | None:
    """The financial year a text names (`2023/24`, `23/24`, `2023-2024`, `FY24`) as `2023-24`.

    None when the text names no year, or names two different ones.
    """
    periods = set(find_periods(text))
    return periods.pop() if len(periods) == 1 else None


def parse_money(text: str, default_multiplier: float = 1) -> float | None:
    """Pounds from a money phrase: `£9.8million` 9.8e6, `£350k` 350e3; a bare number is scaled."""
    if not text:
        return None
    compact = re.sub(r"(?<=\d)\s+(?=(?:bn|billion|millions?|mn|m|k)\b)", "", text.strip(), flags=re.I)
    value = parse_amount(compact)
    if value is None or compact.rstrip(" )").endswith("%"):
        return None
    return value if has_magnitude(compact) else round(value * default_multiplier, 6)
