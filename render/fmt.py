"""How numbers are written in the pack: £m to one place in text (two where a figure lies on a
half: £5.05m, extract.verify.tolerance.half_places), £000 in tables, years as 2024-25.

Every renderer (PDF, deck, workbook) formats through these functions, rounding halves up
(extract.verify.tolerance.half_up). They format only: a figure worked out from others (a share,
a difference) is computed by analyse.derived and carried on the Review. The pack writes each
figure through render.refs, which tags it with the record field it came from.
"""

from __future__ import annotations

import math

from extract.verify.tolerance import half_places, half_up

NO_DATA = "n/a"
MINUS = "-"


def money_m(gbp: float | None, places: int = 1) -> str:
    """£12.3m (to `places` decimals, one more for a half: £5.05m); a negative amount as -£1.2m. An
    amount that is not zero is never written as one: too small to show in £m at those places, it is
    written in £k (£45k), or failing that in pounds (£400)."""
    if gbp is None:
        return NO_DATA
    sign = MINUS if gbp < 0 else ""
    millions = abs(gbp) / 1e6
    shown = half_up(millions, half_places(millions, places))
    if gbp and not any(c in "123456789" for c in shown):
        thousands = half_up(abs(gbp) / 1e3, 0)
        return f"{sign}£{thousands}k" if thousands != "0" else money(gbp)
    return f"{sign}£{shown}m"


def money_unit(text: str) -> str:
    """The unit a money_m (or signed_m) figure was written in, read from its end: £m, £k or £."""
    return "gbp_m" if text.endswith("m") else "gbp_thousands" if text.endswith("k") else "gbp"


def money_k(gbp: float | None) -> str:
    """£000 for tables: 12,345; a negative amount in brackets, as finance tables write it."""
    if gbp is None:
        return ""
    thousands = half_up(abs(gbp) / 1e3, 0)
    if gbp < 0 and thousands != "0":
        return f"({thousands})"
    return thousands


def signed_k(gbp: float | None) -> str:
    """A difference in £000 with its sign spelled out (+1,000, -1,000), for a table whose column
    subtracts one figure from another: brackets there would read as a finance table's negative."""
    if gbp is None:
        return ""
    thousands = half_up(abs(gbp) / 1e3, 0)
    if thousands == "0":
        return thousands
    return ("+" if gbp > 0 else MINUS) + thousands


def money(gbp: float | None) -> str:
    """Whole pounds, for unit costs: £11,240; an amount under half a pound that is not none to its
    first significant place (£0.004 per child), never as £0."""
    if gbp is None:
        return NO_DATA
    sign = MINUS if gbp < 0 else ""
    shown = half_up(abs(gbp), 0)
    if gbp and shown == "0":
        shown = half_up(abs(gbp), -math.floor(math.log10(abs(gbp))))
    return f"{sign}£{shown}"


def signed_m(gbp: float | None) -> str:
    """A variance in £m with its sign spelled out: +£3.4m or -£1.2m."""
    if gbp is None:
        return NO_DATA
    return ("+" if gbp > 0 else "") + money_m(gbp)


def percent(value: float | None, places: int = 0) -> str:
    """A value already in percent: 24.5 -> 24.5%."""
    if value is None:
        return NO_DATA
    return f"{MINUS if value < 0 else ''}{half_up(abs(value), places)}%"


def signed_percent(value: float | None) -> str:
    """A difference in percent with its sign: +12%, -3%."""
    if value is None:
        return NO_DATA
    rounded = half_up(abs(value), 0)
    sign = "" if rounded == "0" else "+" if value > 0 else MINUS
    return f"{sign}{rounded}%"


def points(value: float | None) -> str:
    """A difference between two rates in percentage points: +2.1 pts."""
    if value is None:
        return NO_DATA
    rounded = half_up(abs(value), 1)
    sign = "" if rounded == "0.0" else "+" if value > 0 else MINUS
    return f"{sign}{rounded} pts"


def whole(value: float | None) -> str:
    """A count: 1,234."""
    return "" if value is None else half_up(value, 0)


GRADES = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}


def grade_words(value: float) -> str:
    """An Ofsted grade (or a median of grades) in Ofsted's words: a median between two grades says so."""
    low, high = GRADES.get(math.floor(value)), GRADES.get(math.ceil(value))
    if low is None or high is None:
        return NO_DATA
    return low if low == high else f"{low} to {high.lower()}"


def by_unit(value: float | None, unit: str) -> str:
    """A benchmark or figure value in its own unit."""
    if value is None:
        return NO_DATA
    if unit in {"gbp", "gbp_m"}:
        return money_m(value) if abs(value) >= 1e6 else money(value)
    if unit in {"gbp_per_child", "gbp_per_week"}:
        return money(value)
    if unit.startswith("grade"):
        return grade_words(value)
    if unit == "percent":
        return percent(value, 1)
    if unit == "count":
        return half_up(value, 0)
    return half_up(value, 1)


UNIT_NAMES = {
    "gbp": "£",
    "gbp_per_child": "£ per child",
    "gbp_per_week": "£ per week",
    "grade_1_outstanding_4_inadequate": "Ofsted's judgement, in its words",
    "percent": "%",
    "count": "number",
    "rate_per_10k": "per 10,000 children",
}


def unit_name(unit: str) -> str:
    return UNIT_NAMES.get(unit, unit.replace("_", " "))


def humanise(code: str) -> str:
    """A machine code as words: forecast_below_target -> Forecast below target."""
    words = code.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def sentence(text: str) -> str:
    """The text with its first letter upper case and the rest as written (Jinja's capitalize
    lower-cases the rest: 'january', 'cype')."""
    return text[:1].upper() + text[1:]


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 document', '3 documents'."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def plain(value: object) -> str:
    """An assumption's value as a reader would write it: 6,335 not 6335.0; text unchanged."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return half_up(value, 0)
    return half_up(value, 2).rstrip("0") if abs(value) < 1 else half_up(value, 1)
