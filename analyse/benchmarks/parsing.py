"""Pure parsers for the cells and year labels that the official statistics files write.

Periods in the benchmark table take one of two shapes, and the shape says what was measured:
- "2024-25": a financial year (S251 and RO outturn, cost of a year's services).
- "2025": a reporting year ending 31 March (stock figures such as children looked after at
  31 March 2025, and the year's activity counted to that date) or, for ONS, the mid-year
  population estimate for 30 June of that year.
DfE pairs both "2024-25" spend and "2025" rates with the ONS mid-2024 population.
"""

from __future__ import annotations

import math
import re

# Markers DfE, MHCLG and ONS use for a value that is withheld, not applicable or too small.
SUPPRESSION_MARKERS = {
    "",
    "c",
    "x",
    "-",
    "z",
    "k",
    "u",
    ":",
    "..",
    ".",
    "n/a",
    "na",
    "low",
    "[x]",
    "[z]",
    "[c]",
    "[u]",
    "[low]",
    "[n]",
    "[y]",
    "*",
    "~",
}

_FINANCIAL = re.compile(r"^(\d{4})\s*[-/]\s*(\d{2}|\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_QUALIFIER = re.compile(r"\s*\((?:OT|Rev|Final|prov|Prov|P|R)\)\s*$")
_SIX_DIGIT = re.compile(r"^(\d{4})(\d{2})$")


def parse_value(cell: object) -> float | None:
    """A published cell as a float; suppression markers and blanks are None.

    Strips the float noise some exports carry ("35.200000000000003" -> 35.2).
    """
    if cell is None:
        return None
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        text = str(cell).strip().replace(",", "").replace("£", "")
        if text.lower() in SUPPRESSION_MARKERS:
            return None
        try:
            value = float(text)
        except ValueError:
            return None
    if math.isnan(value) or math.isinf(value):
        return None
    return float(f"{value:.12g}")


def parse_period(label: object) -> str | None:
    """A year label as a period string: "2024-25 (OT)" -> "2024-25", "2025 (Rev)" -> "2025".

    Returns None for labels that are not one year (rolling ranges like "2014-16", "0").
    """
    text = _QUALIFIER.sub("", str(label).strip())
    six = _SIX_DIGIT.match(text)
    if six:
        return _financial(int(six.group(1)), six.group(2))
    match = _FINANCIAL.match(text)
    if match:
        return _financial(int(match.group(1)), match.group(2))
    if _YEAR.match(text) and 1990 < int(text) < 2100:
        return text
    return None


def _financial(start: int, end: str) -> str | None:
    end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
    if len(end) == 2 and end_year < start:
        end_year += 100  # "1999-00"
    if end_year != start + 1:
        return None  # a rolling range ("2014-16"), not one financial year
    return f"{start}-{end_year % 100:02d}"


def population_year(period: str) -> str:
    """The ONS mid-year estimate DfE divides by: "2024-25" -> "2024"; "2025" (31 March) -> "2024"."""
    if "-" in period:
        return period[:4]
    return str(int(period) - 1)


def la_code(cell: object) -> str | None:
    """A DfE LA number ("886", 886, 886.0) as a 3-digit string."""
    value = parse_value(cell)
    if value is None:
        return None
    return str(int(value))
