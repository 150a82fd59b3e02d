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

What the analysis rests on is decided here, once: scenarios take the council's own stated counts,
rates and prices in preference to the national ones, and the neighbours' figure its sentence sets
its own against (`scenario_inputs`, `neighbours_measure`); flags and demand
judgements never rest on another council's figures standing in (`judged_benchmarks`,
`demand_grounds`), nor is its gap to its neighbours costed (`costs_gaps`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from analyse.benchmark_flags import RATES_OF_CHILDREN
from analyse.benchmarks.catalogue import all_indicators
from analyse.demand import DemandSignal, demand_signals, is_cla_signal
from analyse.provision import IN_HOUSE, provision_of
from analyse.records import Benchmark, OwnFigure, StatedComparison
from analyse.scenarios import DOCUMENTS as OWN_SOURCE
from analyse.scenarios import INPUT_NAMES, Measure
from extract.records import BudgetLine, Figure, FigureUnit, Provenance
from extract.verify.tolerance import half_up


@dataclass(frozen=True)
class OwnMeasure:
    indicator: str  # the benchmark indicator's code (analyse.benchmarks.catalogue)
    unit: FigureUnit  # the unit the extraction reads the council's figure in
    words: tuple[tuple[str, ...], ...]  # the sentence holds one word of each group
    unless: tuple[str, ...] = ()  # words of another measure: a sentence holding one is not this
    weekly: bool = False  # a £ figure the sentence states per week
    also: tuple[FigureUnit, ...] = ()  # other units the extraction may read it in ("£435 per child")
    near: tuple[str, ...] = ()  # the figure's own clause holds one of these (whose price it is)
    unless_near: tuple[str, ...] = ()  # the figure's own clause holds none of these
    differs: str = ""  # how the council's measure differs from the national one, where it does
    # A scenario input: the scenarios take the council's own figure in preference to the national
    # one, and never another council's standing in (`scenario_inputs`).
    scenario: bool = False


LOOKED_AFTER = ("looked after", "looked-after", "children in care")
AGENCY = ("agency", "agencies")
OWN_MEASURES: tuple[OwnMeasure, ...] = (
    OwnMeasure("cla_rate_per_10k", FigureUnit.RATE_PER_10K, (LOOKED_AFTER,), scenario=True),
    OwnMeasure(
        "placement_residential_pct",
        FigureUnit.PERCENT,
        (("residential",), LOOKED_AFTER),
        # LAIT's LAC_SecHome_And_ChildHome: "placed in a secure home or children's home"; semi-
        # independent living and other residential settings are measures of their own.
        differs="the council counts residential care; the national share is secure homes and "
        "children's homes only (semi-independent living is counted apart)",
        scenario=True,
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
        differs="the scopes differ, not only net against gross: the council states a net budget for "
        "its children's services as it draws them (a directorate may hold education, SEND and school "
        "transport); the national figure is S251 outturn, gross, for children and young people's "
        "services alone",
    ),
    # Counts and prices the national tables hold no benchmark of (or only as another measure): the
    # scenarios' inputs where the council states them (`stated_counts` reads the counts).
    OwnMeasure(
        "cla_number", FigureUnit.COUNT, (LOOKED_AFTER,), unless=("residential", "foster"), scenario=True
    ),
    OwnMeasure(
        "residential_number", FigureUnit.COUNT, (("residential",),), unless=("foster",), scenario=True
    ),
    OwnMeasure(
        "population_0_17", FigureUnit.COUNT, (("aged 0", "0-17", "0 to 17", "under 18"),), scenario=True
    ),
    OwnMeasure(
        "foster_in_house_weekly",
        FigureUnit.GBP,
        (("foster",),),
        weekly=True,
        also=(FigureUnit.GBP_PER_CHILD,),
        near=IN_HOUSE,
        scenario=True,
    ),
    OwnMeasure(
        "foster_agency_weekly",
        FigureUnit.GBP,
        (("foster",), AGENCY),
        weekly=True,
        also=(FigureUnit.GBP_PER_CHILD,),
        unless=("residential",),
        unless_near=IN_HOUSE,
        scenario=True,
    ),
)

WEEKLY = re.compile(r"\b(?:a|per|each) week\b|\bweekly\b", re.I)
# A clause that states the figure as a target or as the past: the words just before it, or after.
TARGET_BEFORE = re.compile(
    r"\b(?:to|below|above|under|over|target of|aim(?:s)? (?:for|of)|budgeted|budget of)\s*[£]?$", re.I
)
PAST_AROUND = re.compile(r"\b(?:up|down|fell|rose|risen|fallen) from\s*[£]?$|^[^,;]*\ba year ago\b", re.I)
CLAUSE = re.compile(r"[,;:()]|\s[-–]\s")
# A figure's own clause, for whose price it is: also cut where another figure is set against it.
OWN_CLAUSE = re.compile(r"[,;:()]|\s[-–]\s|\b(?:against|compared with|while|whereas)\b", re.I)
# A count of children as a sentence states it ("1,284 children were looked after"); "per 10,000
# children" is a rate's base, not a count.
COUNT = re.compile(r"(?<![\d.,£])(?<!per )(\d{1,3}(?:,\d{3})+|\d+)\s+children\b", re.I)
# A count a sentence states after what it counts ("the number of children in external residential
# care at 41", "the number of children looked after is 1,284"), not a share or money.
NUMBER_OF = re.compile(
    r"\bnumber of children\b[^.;:()]*?\b(?:at|is|was|of|stood at|reached|to)\s+"
    r"(\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]*\s*%)(?![.,]?\d)(?!\s*(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)",
    re.I,
)
# The count the council budgeted for, stated beside today's ("41 against a budgeted 33", "41 against
# 33 budgeted", "41 against a budget of 33").
BUDGETED = re.compile(
    r"^\s*(?:children\s+)?(?:against|compared with|versus|vs\.?)\s+(?:a\s+|the\s+)?"
    r"(?:budget(?:ed)?\s+(?:of\s+|for\s+)?(\d[\d,]*)\b|(\d[\d,]*)\s+budgeted\b)",
    re.I,
)


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
        if figure.unit not in (measure.unit, *measure.also) or any(w in text for w in measure.unless):
            continue
        if not all(any(w in text for w in group) for group in measure.words):
            continue
        if measure.weekly and not WEEKLY.search(figure.text):
            continue
        if (measure.near or measure.unless_near) and not in_own_clause(figure, measure):
            continue
        if stated_now(figure):
            return measure
    return None


def in_own_clause(figure: Figure, measure: OwnMeasure) -> bool:
    """Whether the figure's own clause names it as the measure's (the in-house price of
    "£1,050 a week against £435 per child for in-house carers" is the £435)."""
    at = position(figure)
    if at is None:
        return False
    start, end = at
    clause = (
        OWN_CLAUSE.split(figure.text[:start])[-1] + " " + OWN_CLAUSE.split(figure.text[end:])[0]
    ).lower()
    near = not measure.near or any(w in clause for w in measure.near)
    return near and not any(w in clause for w in measure.unless_near)


def stated_counts(figures: list[Figure]) -> list[Figure]:
    """The counts of children the sentences of the extracted figures state, each a figure of its
    sentence (the extraction reads money, shares and rates; a count is read here, from the same
    sentence and with its provenance)."""
    out: dict[tuple[str, float, tuple[tuple[str, int | None], ...]], Figure] = {}
    for figure in figures:
        for match in [*COUNT.finditer(figure.text), *NUMBER_OF.finditer(figure.text)]:
            value = float(match.group(1).replace(",", ""))
            count = figure.model_copy(
                update={"value": value, "unit": FigureUnit.COUNT, "label": None, "places": None}
            )
            whose = tuple((p.file, p.page) for p in figure.provenance)
            out.setdefault((figure.text, value, whose), count)
    return list(out.values())


def budgeted_count(count: Measure) -> float | None:
    """The count of children the council budgeted for, where a sentence stating its count states it
    right after ("41 against a budgeted 33": 33); None where none does."""
    number = re.escape(printed(count.value, 0)).replace(",", ",?")
    for p in count.provenance:
        for match in re.finditer(rf"(?<![\d.,£]){number}(?![\d]|\.\d)", p.text):
            if budgeted := BUDGETED.match(p.text[match.end() :]):
                return float((budgeted.group(1) or budgeted.group(2)).replace(",", ""))
    return None


def measure_provision(measure: Measure) -> str:
    """The provision (analyse.provision) a stated measure is of: its figure's own clause's, else its
    sentence's, where every sentence stating it names the same one ("" otherwise)."""
    found = set()
    for p in measure.provenance:
        number = re.escape(printed(measure.value, places_of(measure.value))).replace(",", ",?")
        match = re.search(rf"(?<![\d.,]){number}(?![\d]|\.\d)", p.text)
        if match is None:
            found.add(provision_of(p.text))
            continue
        clause = (
            OWN_CLAUSE.split(p.text[: match.start()])[-1] + " " + OWN_CLAUSE.split(p.text[match.end() :])[0]
        )
        found.add(provision_of(clause) or provision_of(p.text))
    return found.pop() if len(found) == 1 else ""


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
        provenance=list(figure.provenance),
        national_provenance=list(bench.provenance),
    )


UNIT_WORDS = {"rate_per_10k": "{} per 10,000", "percent": "{}%", "gbp_per_child": "£{} per child"}


def stated(o: OwnFigure) -> str:
    """The council's figure as its documents write it, with where: "62 per 10,000 (Plan.pdf p1)"."""
    return f"{written_as(o.unit, o.value, o.places)} ({where(o)})"


def written_as(unit: str, value: float, places: int | None = None) -> str:
    """A stated figure in its unit's words, to the places it was written to."""
    shown = printed(value, places_of(value) if places is None else places)
    return UNIT_WORDS.get(unit, "£{}" if unit.startswith("gbp") else "{}").format(shown)


def where(o: OwnFigure) -> str:
    """The documents (and pages) that state the council's figure."""
    return "; ".join(dict.fromkeys(_where(p.file, p.page) for p in o.provenance))


def said_in(provenance: list[Provenance]) -> str:
    """The documents a figure is stated in, by name and page: "Strategic Plan 2025-2028 p1"."""
    return "; ".join(
        dict.fromkeys(Path(p.file).stem + (f" p{p.page}" if p.page is not None else "") for p in provenance)
    )


def _where(file: str, page: int | None) -> str:
    return f"{file} p{page}" if page is not None else file


def contradicts(o: OwnFigure) -> str:
    """The words a judgement resting on the national figure adds where the council's own disagrees."""
    label = o.label if o.label[1:2].isupper() else o.label[:1].lower() + o.label[1:]
    return f"The council's own documents give {label}: {stated(o)}."


def own_measures(figures: list[Figure]) -> dict[str, Measure]:
    """The scenario inputs the council's own documents state (module docstring), each cited to
    every sentence stating it; a measure its documents state two values of is no input (ask which)."""
    found: dict[str, dict[float, list[Figure]]] = {}
    for figure in figures + stated_counts(figures):
        measure = measure_of(figure)
        if measure is not None and measure.scenario:
            found.setdefault(measure.indicator, {}).setdefault(figure.value, []).append(figure)
    out = {}
    for code, values in found.items():
        if len(values) != 1:
            continue
        ((value, stating),) = values.items()
        provenance = list(dict.fromkeys(p for f in stating for p in f.provenance))
        period = next((f.period for f in stating if f.period), None)
        cited = "; ".join(dict.fromkeys(_where(p.file, p.page) for p in provenance))
        name = INPUT_NAMES.get(code, code)
        source = f"{name[:1].upper()}{name[1:]}: {OWN_SOURCE} ({cited})"
        out[code] = Measure(
            value, period, source, provenance, f"{written_as(stating[0].unit, value)} ({cited})"
        )
        out |= neighbours_measure(code, stating, period)
    return out


def neighbours_measure(code: str, stating: list[Figure], period: str | None) -> dict[str, Measure]:
    """The neighbours' figure the sentences stating the council's figure set it against ("62 per
    10,000 against 58 for our statistical neighbours"), as the scenarios' neighbours' median of the
    measure, where they state one value of it ({} otherwise)."""
    given = {v: f for f in stating if (v := neighbours_figure(f.text)) is not None}
    if len(given) != 1:
        return {}
    ((value, figure),) = given.items()
    key = f"{code}:sn_median"
    cited = "; ".join(dict.fromkeys(_where(p.file, p.page) for p in figure.provenance))
    name = INPUT_NAMES.get(key, key)
    source = f"{name[:1].upper()}{name[1:]}: {OWN_SOURCE} ({cited})"
    own = f"{written_as(figure.unit, value)} ({cited})"
    return {key: Measure(value, period, source, list(figure.provenance), own)}


def scenario_inputs(
    national: dict[str, Measure],
    figures: list[Figure],
    stand_in: str | None,
    budget_lines: Sequence[BudgetLine] = (),
    implied: dict[str, Measure] | None = None,
) -> dict[str, Measure]:
    """What the scenarios rest on: the council's own figure wherever its documents state one, else
    the national one, and never another council's standing in (their counts, rates and prices are
    that council's, and mixing them with the council's own is the error); the weekly cost of a
    child looked after derived from the council's own budget and count where nothing gives it
    (`lac_weekly_from_budget`); and, where nothing states a count of children in a kind of
    placement, the count its lines imply (`implied`: analyse.placement_costs.implied_counts), an
    estimate the scenario says it rests on."""
    found = (implied or {}) | ({} if stand_in else national) | own_measures(figures)
    return found | lac_weekly_from_budget(budget_lines, found)


# Words of one kind of placement or care: a budget line naming one is not the budget of every
# child looked after ("Looked after children – residential placements").
ONE_KIND = (
    "residential",
    "foster",
    "agenc",
    "supported",
    "secure",
    "kinship",
    "adopt",
    "leaving care",
    "care leaver",
    "16+",
    "asylum",
    "unaccompanied",
    "semi-independent",
)


def lac_weekly_from_budget(lines: Sequence[BudgetLine], measures: dict[str, Measure]) -> dict[str, Measure]:
    """The average weekly cost of a child looked after, where nothing else gives it and the council's
    documents state both one budget for all its children looked after (a line whose name says
    looked after and no one kind of placement) and their number: budget / number / 52, cited to
    both. A budget of some of them, or a count that is not the council's own, gives none."""
    count = measures.get("cla_number")
    if "unit_cost_lac_weekly" in measures or count is None or not count.own or count.value <= 0:
        return {}
    budgets = {
        b.budget_gbp: b
        for b in lines
        if b.budget_gbp
        and any(w in b.name.lower() for w in LOOKED_AFTER)
        and not any(w in b.name.lower() for w in ONE_KIND)
    }
    if len(budgets) != 1:
        return {}
    ((budget, line),) = budgets.items()
    weekly = budget / count.value / 52
    provenance = list(dict.fromkeys([*line.provenance, *count.provenance]))
    cited = "; ".join(dict.fromkeys(_where(p.file, p.page) for p in provenance))
    name = INPUT_NAMES["unit_cost_lac_weekly"]
    return {
        "unit_cost_lac_weekly": Measure(
            weekly,
            line.period,
            f"{name[:1].upper()}{name[1:]}: derived from {OWN_SOURCE}, their budget over their number ({cited})",
            provenance,
            f"£{weekly:,.0f}, derived: the budget ‘{line.name}’, £{budget:,.0f} "
            f"({'; '.join(dict.fromkeys(_where(p.file, p.page) for p in line.provenance))}), over "
            f"{count.value:,.0f} children, over 52 weeks",
        )
    }


def costs_gaps(stand_in: str | None) -> bool:
    """Whether a benchmark gap to the neighbours is costed (gap x count x weeks): only where both
    the unit figure and the count are the council's own. Where another council's figures stand in,
    the gap is that council's (its figure, its neighbours' median), so no cost follows, whatever
    count the council's documents state, and nothing is ranked by one."""
    return not stand_in


def judged_benchmarks(found: list[Benchmark], stand_in: str | None) -> list[Benchmark]:
    """The national figures flags and demand judgements may rest on: the council's own, none of
    another council's standing in (those are shown, labelled, only where the benchmarks are)."""
    return [] if stand_in else found


def demand_grounds(found: list[Benchmark], owns: list[OwnFigure], stand_in: str | None) -> list[DemandSignal]:
    """The demand indicators savings judgements test against: the national ones, or where another
    council's stand in, the rates the council's own documents state, each with the neighbours'
    figure the same sentence sets it against ("62 per 10,000 against 58 for our statistical
    neighbours"), where it does: each labelled as the council's, by document and page, beside the
    neighbours' median the national data give (the stand-in's, named)."""
    if not stand_in:
        return demand_signals(found)
    national = {b.indicator: b.statistical_neighbours.median for b in found}
    signals = [
        DemandSignal(
            indicator=o.indicator,
            label=o.label,
            value=o.value,
            period=o.period,
            neighbours_median=neighbours_figure(o.text),
            rising=None,
            provenance=o.provenance,
            said_by=said_in(o.provenance),
            neighbours_said_by=said_in([p for p in o.provenance if neighbours_figure(p.text) is not None]),
            others_said=next((c for p in o.provenance if (c := other_comparators(p.text))), ()),
            national_median=national.get(o.indicator),
            national_whose=f"{stand_in}'s neighbours, standing in",
            uasc_uncounted=o.indicator in RATES_OF_CHILDREN,
        )
        for o in owns
        if o.unit == "rate_per_10k"  # a rate per 10,000 children is a demand rate
    ]
    return sorted(signals, key=lambda s: 0 if is_cla_signal(s) else 1)


NEIGHBOURS = re.compile(
    r"\b(?:against|compared with|beside)\s+(\d+(?:\.\d+)?)\s+(?:for|among|in)\s+"
    r"(?:our|its|the(?:ir)?)\s+(?:statistical\s+)?neighbours\b",
    re.I,
)


# The neighbours' figure named as their average or median ("above the statistical neighbour
# average of 64", "the statistical neighbours' median, 58").
NEIGHBOURS_AVERAGE = re.compile(
    r"\b(?:statistical\s+)?neighbour(?:s'?|'s)?\s+(?:group\s+)?(?:average|median|mean)"
    r"(?:\s+(?:of|is|was|at)|,|:)?\s+(\d+(?:\.\d+)?)\b",
    re.I,
)


def neighbours_figure(text: str) -> float | None:
    """The neighbours' figure a sentence sets the council's against, where it states one."""
    match = NEIGHBOURS.search(text) or NEIGHBOURS_AVERAGE.search(text)
    return float(match.group(1)) if match else None


def stated_comparisons(figures: list[Figure]) -> list[StatedComparison]:
    """The documents' own comparisons of the council with its neighbours: each benchmarked measure's
    stated figure whose sentence sets a neighbours' figure beside it ("78 per 10,000 children, above
    the statistical neighbour average of 64"), once a sentence, every sentence stating it cited. The
    pack quotes them where the national tables give no comparison."""
    out: dict[str, StatedComparison] = {}
    for figure in figures:
        measure = measure_of(figure)
        neighbours = neighbours_figure(figure.text)
        if measure is None or neighbours is None:
            continue
        have = out.get(figure.text)
        if have is not None:
            more = [p for p in figure.provenance if p not in have.provenance]
            out[figure.text] = have.model_copy(update={"provenance": have.provenance + more})
            continue
        known = all_indicators().get(measure.indicator)
        out[figure.text] = StatedComparison(
            indicator=measure.indicator,
            label=known.label if known else measure.indicator,
            value=figure.value,
            neighbours=neighbours,
            text=figure.text,
            provenance=list(figure.provenance),
        )
    return list(out.values())


# A further comparator the same sentence states after the neighbours' ("... against 58 for our
# statistical neighbours and 70 for England"): England, the region, a named average.
FURTHER = re.compile(
    r"(?:,\s*|\s+)(?:and\s+|while\s+)?(\d+(?:\.\d+)?)\s+(?:for|in|across)\s+"
    r"(?:the\s+)?(England|the\s+region|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)",
)


def other_comparators(text: str) -> tuple[tuple[str, float], ...]:
    """The comparators a sentence states beside the neighbours' figure it sets the council's
    against, in its order ((("England", 70.0),) of "... against 58 for our statistical neighbours and
    70 for England"): a comparison quoted from a sentence keeps every one it states."""
    match = NEIGHBOURS.search(text)
    if not match:
        return ()
    found: list[tuple[str, float]] = []
    at = match.end()
    while further := FURTHER.match(text, at):
        found.append((" ".join(further.group(2).split()), float(further.group(1))))
        at = further.end()
    return tuple(found)
