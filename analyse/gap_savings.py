"""The savings each year's medium-term plan counts that it has not yet identified.

A year whose plan shows no gap may balance only because it counts savings the documents call
under development, to be identified or unidentified; a year with a gap would have a larger one.
Which savings those are is analyse.flags' reading of their words, the one reading.
"""

from __future__ import annotations

from analyse.amounts import is_total
from analyse.flags import not_yet_identified, unidentified_label
from analyse.records import GapYear, UnidentifiedSavings
from extract.records import SavingsLine
from extract.verify.tolerance import gap_rounded


def with_unidentified(gaps: list[GapYear], savings: list[SavingsLine]) -> list[GapYear]:
    """Each year's gap with the savings its plan counts that it has not yet identified."""
    out = []
    for gap in gaps:
        found = unidentified(gap.period, savings)
        if found is not None:
            found = found.model_copy(update={"balances": gap_rounded(gap.amount_gbp) <= 0})
        out.append(
            gap.model_copy(update={"unidentified": found, "to_find_gbp": to_find(gap.amount_gbp, found)})
        )
    return out


def to_find(gap: float, unidentified: UnidentifiedSavings | None) -> float | None:
    """A year's gap plus the savings its plan counts but has not yet identified: what the year
    still has to find; None where it shows no gap (it balances on them, said so) or counts none."""
    if unidentified is None or unidentified.balances or gap_rounded(gap) <= 0:
        return None
    return gap + unidentified.amount_gbp


def unidentified(period: str | None, savings: list[SavingsLine]) -> UnidentifiedSavings | None:
    """The year's savings whose own words say they are not yet identified (analyse.flags), each
    saving once however many documents print it (the same title, description and amount)."""
    seen: dict[tuple[str, str, float], list[SavingsLine]] = {}
    for line in savings:
        if not not_yet_identified(line) or is_total(line.title):
            continue
        for p in line.planned:
            if p.period == period and p.amount_gbp > 0:
                key = (line.title.lower(), line.description.lower(), round(p.amount_gbp))
                seen.setdefault(key, []).append(line)
    if not seen:
        return None
    return UnidentifiedSavings(
        amount_gbp=sum(amount for _, _, amount in seen),
        titles=list(dict.fromkeys(lines[0].description or lines[0].title for lines in seen.values())),
        labels=list(dict.fromkeys(unidentified_label(lines[0]) for lines in seen.values())),
        provenance=[p for lines in seen.values() for line in lines for p in line.provenance],
    )
