"""The council's own statements of the measures the benchmarks hold, beside the national figures.

A council's documents often state a newer figure than the national returns ("a rate of 62 per
10,000 children" at September against the national table's 54 at March), and sometimes one from
another council standing in for it. `OWN_MEASURES` says, next to the indicators, which stated
figures measure which indicator: the figure's unit, the words its sentence must hold (one word of
each group) and the words that rule it out (another measure that shares those words). A figure its
own clause states as a target ("from 24% to 15%": the 15%) or as past ("up from £6,200 a year
ago") is not today's figure and is never matched.

Where another council's national figures stand in for this one (`council.benchmarked_as`), the
national figure is that council's: the two are two councils' figures, so they never disagree, and
the record names whose the national figure is (render.stand_in words the label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyse.records import Benchmark, OwnFigure
from analyse.scenarios import DOCUMENTS as OWN_SOURCE
from analyse.scenarios import Measure
from extract.records import Figure, FigureUnit
from extract.verify.tolerance import half_up


@dataclass(frozen=True)
class OwnMeasure:
    indicator: str  # the benchmark indicator's code (analyse.benchmarks.catalogue)
    unit: FigureUnit  # the unit the extraction reads the council's figure in
    words: tuple[tuple[str, ...], ...]  # the sentence holds one word of each group
    unless: tuple[str, ...] = ()  # words of another measure: a sentence holding one is not this
    weekly: bool = False  # a £ figure the sentence states per week
    differs: str = ""  # how the council's measure differs from the national one, where it does
    # A price the scenarios may take from the council instead of the national table: it does not
    # depend on the national counts it is multiplied by. A rate or a share is never swapped alone,
    # for the scenario's count of children stays the national one (and mixing them is the error).
    scenario: bool = False


LOOKED_AFTER = ("looked after", "looked-after", "children in care")
OWN_MEASURES: tuple[OwnMeasure, ...] = (
    OwnMeasure("cla_rate_per_10k", FigureUnit.RATE_PER_10K, (LOOKED_AFTER,)),
    OwnMeasure(
        "placement_residential_pct",
        FigureUnit.PERCENT,
        (("residential",), LOOKED_AFTER),
        differs="the council counts residential care; the national share is secure units, "
        "children's homes and semi-independent living",
    ),
    OwnMeasure("agency_social_worker_rate", FigureUnit.PERCENT, (("agency",), ("social work",))),
    OwnMeasure("rereferral_pct", FigureUnit.PERCENT, (("re-referral", "re referral", "rereferral"),)),
    OwnMeasure(
        "unit_cost_residential_weekly",
        FigureUnit.GBP,
        (("residential",),),
        weekly=True,
        unless=("foster",),
        scenario=True,
    ),
    OwnMeasure(
        "s251_total_cyp_spend_per_child",
        FigureUnit.GBP_PER_CHILD,
        (("budget", "spend"), ("children's services",)),
        unless=("week", "foster", "placement"),
        differs="the council states its net budget; the national figure is S251 gross spend",
    ),
)

WEEKLY = re.compile(r"\b(?:a|per|each) week\b|\bweekly\b", re.I)
# A clause that states the figure as a target or as the past: the words just before it, or after.
TARGET_BEFORE = re.compile(r"\b(?:to|below|above|under|over|target of|aim(?:s)? (?:for|of))\s*[£]?$", re.I)
PAST_AROUND = re.compile(r"\b(?:up|down|fell|rose|risen|fallen) from\s*[£]?$|^[^,;]*\ba year ago\b", re.I)
CLAUSE = re.compile(r"[,;:()]|\s[-–]\s")


def own_figures(
    figures: list[Figure], found: list[Benchmark], stand_in: str | None = None
) -> list[OwnFigure]:
    """Each stated value of a benchmarked measure once (every sentence stating it as its source),
    against the national figure (`stand_in`'s, where another council's stand in), the largest
    difference first."""
    by_code = {b.indicator: b for b in found}
    out: dict[tuple[str, float], OwnFigure] = {}
    for figure in figures:
        measure = measure_of(figure)
        bench = by_code.get(measure.indicator) if measure else None
        if measure is None or bench is None:
            continue
        key = (measure.indicator, figure.value)
        if key in out:
            have = out[key]
            more = [p for p in figure.provenance if p not in have.provenance]
            out[key] = have.model_copy(
                update={"provenance": have.provenance + more, "period": have.period or figure.period}
            )
            continue
        out[key] = compared(figure, measure, bench, stand_in)
    return sorted(out.values(), key=lambda o: -abs(o.relative_difference or 0.0))


def measure_of(figure: Figure) -> OwnMeasure | None:
    """The benchmarked measure a stated figure is today's value of, if any."""
    text = figure.text.lower()
    for measure in OWN_MEASURES:
        if figure.unit != measure.unit or any(w in text for w in measure.unless):
            continue
        if not all(any(w in text for w in group) for group in measure.words):
            continue
        if measure.weekly and not WEEKLY.search(figure.text):
            continue
        if stated_now(figure):
            return measure
    return None


def stated_now(figure: Figure) -> bool:
    """Whether the sentence states the figure as today's: not as a target, nor as the past."""
    at = position(figure)
    if at is None:
        return False
    start, end = at
    before = CLAUSE.split(figure.text[:start])[-1]
    after = CLAUSE.split(figure.text[end:])[0]
    return not (TARGET_BEFORE.search(before) or PAST_AROUND.search(before) or PAST_AROUND.search(after))


def position(figure: Figure) -> tuple[int, int] | None:
    """Where the figure stands in its sentence (the first place its number is written)."""
    number = re.escape(printed(figure.value, places_of(figure.value))).replace(",", ",?")
    match = re.search(rf"(?<![\d.,]){number}(?![\d]|\.\d)", figure.text)
    return (match.start(), match.end()) if match else None


def places_of(value: float) -> int:
    """The decimal places a stated figure is written to (62 is 0, 4.5 is 1)."""
    text = repr(float(value)).rstrip("0").rstrip(".")
    return len(text.partition(".")[2])


def printed(value: float, places: int) -> str:
    return half_up(value, places)


def compared(figure: Figure, measure: OwnMeasure, bench: Benchmark, stand_in: str | None) -> OwnFigure:
    places = places_of(figure.value)
    national = bench.value
    differ = national is not None and printed(national, places) != printed(figure.value, places)
    relative = (
        round((figure.value - national) / national, 4) if national not in (None, 0) and differ else None
    )
    disagrees = differ and stand_in is None  # another council's figure is no contradiction
    return OwnFigure(
        indicator=bench.indicator,
        label=bench.label,
        unit=bench.unit,
        value=figure.value,
        places=places,
        period=figure.period,
        text=figure.text,
        national=national,
        national_period=bench.period,
        disagrees=disagrees,
        stand_in=stand_in,
        relative_difference=relative,
        differs=measure.differs,
        scenario=measure.scenario,
        provenance=list(figure.provenance),
        national_provenance=list(bench.provenance),
    )


UNIT_WORDS = {"rate_per_10k": "{} per 10,000", "percent": "{}%", "gbp_per_child": "£{} per child"}


def stated(o: OwnFigure) -> str:
    """The council's figure as its documents write it, with where: "62 per 10,000 (Plan.pdf p1)"."""
    value = printed(o.value, o.places)
    written = UNIT_WORDS.get(o.unit, "£{}" if o.unit.startswith("gbp") else "{}").format(value)
    return f"{written} ({where(o)})"


def where(o: OwnFigure) -> str:
    """The documents (and pages) that state the council's figure."""
    return "; ".join(dict.fromkeys(_where(p.file, p.page) for p in o.provenance))


def _where(file: str, page: int | None) -> str:
    return f"{file} p{page}" if page is not None else file


def contradicts(o: OwnFigure) -> str:
    """The words a judgement resting on the national figure adds where the council's own disagrees."""
    label = o.label if o.label[1:2].isupper() else o.label[:1].lower() + o.label[1:]
    return f"The council's own documents give {label}: {stated(o)}."


OWN_ASSUMPTION = "From the council's own documents"


def own_measures(owns: list[OwnFigure]) -> dict[str, Measure]:
    """The scenario inputs the council's own documents give in place of the national figures: where
    they disagree, and always in place of another council's standing in for them."""
    return {
        o.indicator: Measure(o.value, o.period, f"{o.label}: {OWN_SOURCE} ({where(o)})", o.provenance)
        for o in owns
        if o.scenario and (o.disagrees or o.stand_in is not None)
    }
