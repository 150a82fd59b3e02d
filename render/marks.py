"""What a person did to a figure, in words, for the pack, the deck and the workbook: "Confirmed
by a.reviewer@lga.gov.uk on 6 Dec 2026", "Corrected by a.reviewer@lga.gov.uk on 6 Dec 2026:
forecast £43.0m (was £43.5m)". Only confirmations and corrections are marks; a scope mark shows in
the line's scope instead."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from extract.records import Reviewed
from render import fmt

# The reviewers' word for each money field a correction names.
FIELD_WORDS = {
    "budget_gbp": "budget",
    "forecast_gbp": "forecast",
    "variance_gbp": "variance",
    "target_gbp": "target",
    "shortfall_gbp": "shortfall",
}


def reviewer_marks(reviewed: Sequence[Reviewed]) -> list[str]:
    """One sentence per confirmation or correction, oldest first."""
    return [_mark(r) for r in reviewed if r.action in ("confirmed", "corrected")]


def reviewer_mark(reviewed: Sequence[Reviewed]) -> str:
    """Every confirmation and correction of a figure, as one line ('' where none)."""
    return "; ".join(reviewer_marks(reviewed))


def field_word(field: str | None) -> str:
    """'forecast' for forecast_gbp."""
    return FIELD_WORDS.get(field or "", (field or "value").removesuffix("_gbp"))


def day(at: str) -> str:
    """'6 Dec 2026' from an ISO time ('' for none)."""
    try:
        return datetime.fromisoformat(at).strftime("%-d %b %Y")
    except ValueError:
        return ""


def _mark(r: Reviewed) -> str:
    when = f" on {day(r.at)}" if day(r.at) else ""
    if r.action == "confirmed":
        return f"Confirmed by {r.by}{when}"
    return f"Corrected by {r.by}{when}: {field_word(r.field)} {_money(r.new)} (was {_money(r.old)})"


def _money(value: str | float | None) -> str:
    return fmt.money(value) if isinstance(value, int | float) else str(value or "not given")
