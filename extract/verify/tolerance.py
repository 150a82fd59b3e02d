"""How closely printed figures must agree: one rule for the whole project.

A printed figure is exact to half a unit of its last printed digit: `430.6` in a £m table is
anywhere from £430.55m to £430.65m, `(350)` in a £000 table within £500. An identity between
printed figures (lines to their total, budget + variance = forecast) holds when the two sides
differ by no more than the sum of those half-units over every term, the total's included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Floating-point slack only: pounds are stored to six decimal places.
EPSILON = 1e-6


@dataclass(frozen=True)
class Term:
    """A printed figure in pounds and how far its printing lets it be from the true value."""

    value: float
    tolerance: float


def half_unit(cell: str, pounds: float, multiplier: float = 1.0) -> float:
    """Half a unit in the last place `cell` prints, in pounds. The scale is the stated pounds
    over the printed number (so a cell's own 'm' counts), or `multiplier` for a printed zero:
    "0.0" in a £m table is within £0.05m, "0" within £0.5m; "-" or "nil" is exact."""
    digits = re.sub(r"[^\d.]", "", cell or "").rstrip(".")
    if not digits.strip("."):
        return 0.0  # no digit printed ("-", "nil"): exact
    try:
        printed = Decimal(digits)
    except InvalidOperation:
        return 0.5 * multiplier
    scale = abs(pounds / float(printed)) if printed and pounds else multiplier
    return places_half_unit(-int(printed.as_tuple().exponent), scale)


def places_half_unit(places: int, scale: float = 1.0) -> float:
    """Half a unit in the last of `places` decimal places, times `scale` (what one printed unit is:
    1e6 for a sum in £m): "£15.4m" is within £0.05m, "6.50%" within 0.005 of a point."""
    return 0.5 * 10.0**-places * scale


# Prose writes £m to one decimal place: a stated £5.0m is anything from £4.95m to £5.05m.
PROSE_HALF_UNIT = places_half_unit(1, 1e6)


def within(one: float, other: float, slack: float) -> bool:
    """Whether two figures agree to `slack` (their half-units, summed), floating-point slack
    (`EPSILON`) aside: £4.95m and £5.0m agree to `PROSE_HALF_UNIT` whatever the floats' last digit.
    Every comparison of figures to a tolerance adds EPSILON here, once."""
    return abs(one - other) <= slack + EPSILON


def holds(left: list[Term], right: list[Term]) -> bool:
    """Whether sum(left) equals sum(right) to the printed precision of every term."""
    slack = sum(t.tolerance for t in left) + sum(t.tolerance for t in right)
    return within(sum(t.value for t in left), sum(t.value for t in right), slack)


UNITS = (1_000_000, 100_000, 10_000, 1_000, 100, 10, 1)


def precision(values: list[float]) -> int:
    """The largest unit (£1 to £1m) every value is a whole multiple of: what figures whose printing
    is not known (a record's pounds, not its cell) were at most rounded to."""
    whole = [round(abs(v)) for v in values]
    return next((u for u in UNITS if all(w % u == 0 for w in whole)), 1)


def rounding_tolerance(stated: float, parts: list[float]) -> float:
    """How far `stated` may be from the sum of `parts` where each is known only as pounds: half the
    unit they are all whole multiples of (`precision`), for each term."""
    return 0.5 * precision([stated, *parts]) * (len(parts) + 1)


def half_up(value: float, places: int) -> str:
    """`value` to `places` decimal places with thousands commas, halves rounded up as a finance
    reader rounds them (£9.95m is £10.0m, £1.25m is £1.3m), not to the even digit of its binary
    form. Every writer of figures (analysis wording, the pack, deck and workbook) uses it."""
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{places}f}"


def gap_rounded(pounds: float) -> float:
    """A plan's gap to the nearest £0.1m, the place the pack writes it in £m to: 0 is "no gap"
    (under £50,000 either way), below 0 a surplus. Whether a year balances is judged here, once,
    for the analysis (analyse.gap_savings) and the pack's words alike."""
    return round(pounds, -5)


def half_places(value: float, places: int) -> int:
    """The places to write `value` to: `places`, or one more where `value` lies on a half at
    `places` (5.05 to one place). A printed figure stands for half a unit either side of it (the
    rule above), so a half is printed as both its neighbours: a report prints its table's 5,050
    (£000) as £5.0m, another as £5.1m, and either written here contradicts one of them; £5.05m,
    the figure itself, contradicts neither."""
    finer = Decimal(repr(abs(value))).quantize(Decimal(1).scaleb(-(places + 1)), rounding=ROUND_HALF_UP)
    on_half = finer.as_tuple().digits[-1] == 5 and abs(float(finer) - abs(value)) <= EPSILON
    return places + 1 if on_half else places


def millions(value: float) -> str:
    """A figure in words for a check's detail: £m to as many places as it needs (one at least,
    three at most: £203.4m, £203.15m), or pounds under £10,000."""
    sign = "−" if value < 0 else ""
    if abs(value) < 1e4:
        return f"{sign}£{abs(value):,.2f}"
    text = f"{abs(value) / 1e6:,.3f}".rstrip("0")
    return f"{sign}£{text}0m" if text.endswith(".") else f"{sign}£{text}m"
