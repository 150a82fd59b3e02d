"""What better ways of working might be worth: parameterised scenarios from the council's own benchmarks.

Each scenario names its assumptions (editable parameters), the inputs it read with their sources,
and an annual £. Where an input is missing the scenario says which, and gives no £: a reviewer must
never quote a figure the data does not support. Where the council's documents set a target for a
parameter (the share of fostered children with in-house carers, the number of children in
residential care: analyse.targets reads them, keyed `target_key`), the scenario takes it, with its
source and date, and says it is the council's target. A parameter no council document or benchmark
gives (the target mix, the share stepped down) is said to be an assumption for the reviewers to test
(`ASSUMED`), never cited to an outside study the bundle does not hold.

A scenario is titled by what it computes: fewer children looked after is the council's own target
for their number where its documents set one (the neighbours' median rate said beside it as context),
else the neighbours' median rate (`fewer_looked_after`). Where the documents state a scenario's
prices but not its count of children, the count its placement lines imply (their money over the
weekly price for a year: analyse.placement_costs.implied_counts, the one place an implied count is
made a scenario input) stands in, and the scenario is an estimate (`Scenario.estimated`), saying so
beside its money and how the count was estimated; where nothing gives a count it is not costed, and
says the saving for each child it would move, worked from those prices and cited to them
(`per_child_gbp`): a reviewer multiplies by the count once the council gives it.

Assumptions are written as the pack shows them, in the reviewers' words ("Share of fostered children
with independent agencies now: 35%"); the parameters' own names never reach the pack.

Units: S251 unit costs are £ per child per week; placements are counts at 31 March (a stock, so a
year's cost of one placement is 52 weeks of its unit cost). A count of children is whole (`whole`),
and the money is worked on the count the scenario prints.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from analyse.amounts import SameSavings, is_total, saving_target
from analyse.fostering import FosteringSplit
from analyse.records import Benchmark, PlanSaving, Scenario
from analyse.themes import names_lever_subject, saving_levers
from analyse.wording import gbp
from extract.records import PeriodAmount, Provenance, SavingsLine

WEEKS = 52
# How the pack says a parameter that neither the council's documents nor the benchmarks give.
ASSUMED = "an assumption for the reviewers to test: no council document or benchmark gives it"


@dataclass(frozen=True)
class Measure:
    """One input value with its period and provenance (a benchmark, or a reviewer's assumption)."""

    value: float
    period: str | None
    source: str
    provenance: list[Provenance] = field(default_factory=list)
    own: str = ""  # the figure as the council's own documents state it, with where, when they do
    # a count no document states, estimated from a placement line's money over its weekly price
    # (analyse.placement_costs.implied_counts): a scenario resting on one is an estimate and says so
    estimated: bool = False


@dataclass(frozen=True)
class FosteringMix:
    target_in_house_share: float = 0.8  # seed 002: "around an 80% / 20% in house to IFA ratio"
    ifa_premium: float = 0.6  # seed 002: "the average IFA can be 60% higher than ... in house"
    current_ifa_share: float | None = None  # a reviewer's figure, used only where no data gives the split


COMPARATORS = {"statistical_neighbours": "the statistical neighbours' median rate"}


@dataclass(frozen=True)
class CLAToNeighbours:
    use_median: str = "statistical_neighbours"


@dataclass(frozen=True)
class ResidentialStepDown:
    share_stepped_down: float = 0.1  # seed 002: some residential cases "do not even necessarily need to be"


def measures_from(benchmarks: list[Benchmark], extra: dict[str, Measure] | None = None) -> dict[str, Measure]:
    """Benchmark values keyed by indicator code (extra values, such as CLA numbers, added)."""
    out = {
        b.indicator: Measure(b.value, b.period, f"{b.label} ({b.period})", b.provenance)
        for b in benchmarks
        if b.value is not None
    }
    for key, bench in ((f"{b.indicator}:sn_median", b) for b in benchmarks):
        median = bench.statistical_neighbours.median
        if median is not None:
            out[key] = Measure(
                median,
                bench.period,
                f"{bench.label}: statistical neighbours' median ({bench.period})",
                bench.provenance,
            )
    out.update(extra or {})
    return out


# The council's "residential care" as the national data names it: said both ways where they differ.
RESIDENTIAL = "residential care (secure or children's homes in the national data)"

# What each input is, in the reviewers' words (a missing input is named so).
INPUT_NAMES = {
    "cla_number": "the number of children looked after",
    "cla_rate_per_10k": "the rate of children looked after per 10,000",
    "cla_rate_per_10k:sn_median": "the statistical neighbours' median rate of children looked after",
    "placement_fostering_pct": "the share of children looked after in foster placements",
    "placement_residential_pct": f"the share of children looked after in {RESIDENTIAL}",
    "unit_cost_fostering_weekly": "the weekly cost of foster care",
    "unit_cost_residential_weekly": "the weekly cost of residential care",
    "unit_cost_lac_weekly": "the weekly cost of a child looked after",
    "residential_number": "the number of children in residential care",
    "population_0_17": "the number of children aged 0-17",
    "foster_in_house_weekly": "the weekly cost of an in-house foster placement",
    "foster_agency_weekly": "the weekly cost of an independent agency foster placement",
    "foster_in_house_pct": "the share of fostered children with in-house carers",
    "foster_in_house_number": "the number of children in in-house foster care",
    "foster_agency_number": "the number of children with independent fostering agencies",
}


def whole(children: float) -> int:
    """A number of children, to the nearest whole child (a half up)."""
    return math.floor(children + 0.5)


def _share(value: float) -> str:
    return f"{value:.0%}"


def _assumed(value: str) -> str:
    return f"{value} ({ASSUMED})"


def _assumed_sources(names: list[str]) -> list[str]:
    """The sources line for a scenario's assumed parameters, by name (none where none is assumed)."""
    said = "Assumed, for the reviewers to test (no council document or benchmark gives them): "
    return [said + "; ".join(names)] if names else []


def target_key(measure: str) -> str:
    """The key of the target the council's documents set for a measure (analyse.targets)."""
    return f"{measure}:target"


def _target(target: Measure, unit: str = "") -> str:
    """A target as the pack shows it, "45 by March 2027 (the council's target)": where it is set is
    the scenario's source (`Measure.source`), said with its other sources."""
    if target.period:
        return f"{target.value:,g}{unit} by {target.period} (the council's target)"
    return f"{target.value:,g}{unit} (the council's target, no date stated)"


def _weekly(value: float) -> str:
    return f"£{value:,.0f} a week"


def _missing(
    name: str,
    assumptions: dict[str, object],
    missing: list[str],
    sources: list[str],
    per_child: PerChild | None = None,
) -> Scenario:
    """A scenario with no annual £: what it misses, and, where its prices are stated, the saving for
    each child it would move (`PerChild`), with the provenance of the figures it is worked from."""
    named = [INPUT_NAMES.get(m, m) for m in missing]
    said = "Not computed: missing " + ", ".join(named) + "."
    return Scenario(
        name=name,
        assumptions=assumptions,
        annual_saving_gbp=None,
        per_child_gbp=per_child.gbp if per_child else None,
        sources=sources,
        provenance=_provenance(per_child.measures) if per_child else [],
        explanation=f"{said} {per_child.words}" if per_child else said,
    )


@dataclass(frozen=True)
class PerChild:
    """A year's saving for each child a scenario moves, worked from stated prices (`measures`), in
    the words that say how: what a reviewer multiplies by a count the documents do not state."""

    gbp: float | None  # None where the prices give only a range (said in `words`)
    words: str
    measures: list[Measure]


def _provenance(found: list[Measure]) -> list[Provenance]:
    return list({(p.file, p.page, p.locator): p for m in found for p in m.provenance}.values())


def _costed(
    name: str,
    assumptions: dict[str, object],
    saving: float,
    sources: list[str],
    found: list[Measure],
    explanation: str,
    children: int,
    per_child: float | None = None,
) -> Scenario:
    """A scenario with its annual saving, to the nearest £1,000, and the measures it used (those
    the council's own documents gave named in its assumptions)."""
    own = "; ".join(f"{_named(m)}: {m.own}" for m in found if m.own)
    estimates = [m.source[:1].lower() + m.source[1:] for m in found if m.estimated]
    if estimates:
        explanation += " " + ESTIMATE_WORDS.format(how="; ".join(estimates))
    return Scenario(
        name=name,
        assumptions=assumptions | ({OWN_ASSUMPTION: own} if own else {}),
        annual_saving_gbp=round(saving, -3),
        estimated=bool(estimates),
        children=children,
        per_child_gbp=per_child,
        sources=sources,
        provenance=_provenance(found),
        explanation=explanation,
    )


# What a scenario resting on an estimated count says of it, after its working.
ESTIMATE_WORDS = (
    "An estimate: the documents state no count of these children, so the count is the one the placement"
    " lines' money implies at their weekly price ({how}). A line that holds more than its placements makes"
    " it too high: ask the council for its count."
)


def _named(m: Measure) -> str:
    return m.source.split(":")[0]


def _take(measures: dict[str, Measure], keys: list[str]) -> tuple[list[Measure], list[str]]:
    found = [measures[k] for k in keys if k in measures]
    return found, [k for k in keys if k not in measures]


DOCUMENTS = "the council's own documents"
OWN_ASSUMPTION = "From the council's own documents"
NATIONAL = "the national benchmark data"
REVIEWER = "a reviewer's figure"


def current_split(
    measures: dict[str, Measure], split: FosteringSplit | None, params: FosteringMix
) -> tuple[Measure | None, str]:
    """Today's agency share of fostered children (percent) and where it comes from, in that order of
    preference: the council's documents, the national data (when a table holds it), a reviewer's figure."""
    if split is not None and split.agency_pct is not None:
        where = "; ".join(sorted({_cited(p) for p in split.provenance}))
        return Measure(
            split.agency_pct, None, f"The council's documents: {where}", split.provenance
        ), DOCUMENTS
    if "fostering_ifa_pct" in measures:
        return measures["fostering_ifa_pct"], NATIONAL
    if params.current_ifa_share is not None:
        return Measure(100 * params.current_ifa_share, None, REVIEWER), REVIEWER
    return None, ""


def _cited(p: Provenance) -> str:
    return f"{p.file}, page {p.page}" if p.page else p.file


def _split_missing(split: FosteringSplit | None) -> str:
    if split is not None and split.conflict:
        stated = ", ".join(f"{v:g}%" for v in split.conflict)
        return (
            "the council's split of fostered children between in-house carers and independent agencies "
            f"(its documents state different agency shares: {stated}; ask which is current)"
        )
    return (
        "the council's split of fostered children between in-house carers and independent agencies "
        "(neither its documents nor the national data state it; ask for the council's sufficiency data)"
    )


def own_prices(measures: dict[str, Measure]) -> tuple[Measure, Measure] | None:
    """The council's own weekly prices of an in-house and an agency foster placement, where its
    documents state both (the agency premium then follows from them, not from seed 002)."""
    in_house, agency = measures.get("foster_in_house_weekly"), measures.get("foster_agency_weekly")
    return (in_house, agency) if in_house and agency and in_house.value > 0 else None


def fostering_mix(
    measures: dict[str, Measure], params: FosteringMix = FosteringMix(), split: FosteringSplit | None = None
) -> Scenario:
    """Move fostering toward the in-house/IFA target mix; IFA placements cost `ifa_premium` more."""
    stated = measures.get(target_key("foster_in_house_pct"))
    target = stated.value / 100 if stated else params.target_in_house_share
    name = f"Fostering mix toward {target:.0%} in-house, {1 - target:.0%} independent fostering agencies"
    assumed = [] if stated else ["the target share in-house"]
    assumptions: dict[str, object] = {
        "Share of fostered children in-house, target": _target(stated, "%")
        if stated
        else _assumed(_share(target)),
        "Extra cost of an independent agency placement over in-house": _assumed(_share(params.ifa_premium)),
    }
    prices = own_prices(measures)
    premium = prices[1].value / prices[0].value - 1 if prices else params.ifa_premium
    if not prices:
        assumed.append("the extra cost of an agency placement")
    if prices:
        assumptions["Extra cost of an independent agency placement over in-house"] = (
            f"{_share(premium)} (£{prices[1].value:,.0f} against £{prices[0].value:,.0f} a week, {DOCUMENTS})"
        )
    counted = fostered_children(measures)
    counts = [] if counted else [k for k in COUNTED_FOSTERED if k not in measures]
    found, missing = _take(measures, [] if prices else ["unit_cost_fostering_weekly"])
    missing = counts + missing
    now, origin = current_split(measures, split, params)
    if now is None:
        missing.append(_split_missing(split))
    else:
        assumptions["Share of fostered children with independent agencies now"] = f"{now.value:g}% ({origin})"
    priced = list(prices or ()) + ([stated] if stated else [])
    used = (counted[1] if counted else []) + found
    sources = [m.source for m in used + priced] + ([now.source] if now else []) + _assumed_sources(assumed)
    if missing or now is None or counted is None:
        if counts and prices:
            missing = [FOSTERED_COUNT] + [m for m in missing if m not in counts]
        per_child = _fostering_per_child(prices, now, target, stated, bool(counts)) if prices else None
        return _missing(name, assumptions, missing, sources, per_child)
    ifa_share = now.value / 100
    fostered = whole(counted[0])
    # the council's own in-house week, else from the blended: blended = in-house x (1 + s x premium)
    in_house_weekly = prices[0].value if prices else found[0].value / (1 + ifa_share * premium)
    moved = max(0, whole(fostered * (ifa_share - (1 - target))))
    saving = moved * in_house_weekly * premium * WEEKS
    estimate = any(m.estimated for m in counted[1])
    assumptions.update(
        {
            "Children in foster care": f"{fostered:,} (an estimate, not a count the documents state)"
            if estimate
            else fostered,
            "Children moved to in-house carers": moved,
            "In-house foster care, per child": _weekly(in_house_weekly),
        }
    )
    explanation = (
        f"{moved} of {fostered:,} fostered children placed in-house instead of "
        f"with an agency, saving {premium:.0%} of an in-house week "
        f"(£{in_house_weekly:,.0f}) for 52 weeks each. Today's split of {ifa_share:.0%} with agencies is "
        f"from {origin}."
    )
    each = in_house_weekly * premium * WEEKS
    return _costed(name, assumptions, saving, sources, used + priced + [now], explanation, moved, each)


# The children looked after and the share of them fostered: one way to count the fostered children.
COUNTED_FOSTERED = ("cla_number", "placement_fostering_pct")
# The in-house and agency counts: the other, added.
FOSTERED_KINDS = ("foster_in_house_number", "foster_agency_number")


def fostered_children(measures: dict[str, Measure]) -> tuple[float, list[Measure]] | None:
    """The number of children in foster care and the measures it rests on: the in-house and agency
    counts added, where both are stated; else the children looked after times the share of them
    fostered; else the in-house and agency counts added where either is an estimate (the placement
    lines' implied counts), so a stated count is always taken before an estimated one."""
    kinds = [measures[k] for k in FOSTERED_KINDS if k in measures]
    added = (sum(m.value for m in kinds), kinds) if len(kinds) == len(FOSTERED_KINDS) else None
    if added and not any(m.estimated for m in kinds):
        return added
    if all(k in measures for k in COUNTED_FOSTERED):
        children, share = (measures[k] for k in COUNTED_FOSTERED)
        return children.value * share.value / 100, [children, share]
    return added


# What the fostering mix misses where it cannot count the fostered children.
FOSTERED_COUNT = (
    "the number of children in foster care (neither the council's documents nor the benchmark data give it,"
    " nor the share of children looked after in foster placements)"
)


def _fostering_per_child(
    prices: tuple[Measure, Measure],
    now: Measure | None,
    target: float,
    stated: Measure | None,
    uncounted: bool,
) -> PerChild:
    """What each child moved from an agency to in-house carers saves a year at the council's own
    prices, and, where today's split is known, what the move is worth for each child in foster
    care: the figures a reviewer multiplies by the count of fostered children the documents lack."""
    in_house, agency = prices
    each = (agency.value - in_house.value) * WEEKS
    words = (
        f"Each child placed with in-house carers instead of an independent agency saves £{each:,.0f} a "
        f"year: £{agency.value:,.0f} less £{in_house.value:,.0f} a week, for 52 weeks ({DOCUMENTS})."
    )
    used = [in_house, agency, *([stated] if stated else [])]
    if now is not None:
        after = round(100 * (1 - target), 4)
        moved = max(0.0, round(now.value - after, 4))
        words += (
            f" With {now.value:g}% of fostered children with agencies now and {after:g}% at the target, "
            f"{moved:g}% of them would move: £{each * moved / 100:,.0f} a year for each child in foster care."
        )
        used.append(now)
    words += (
        " Multiply by the number of children in foster care."
        if uncounted
        else " Multiply by the number of children moved, once today's split is known."
    )
    return PerChild(each, words, used)


def fewer_looked_after(measures: dict[str, Measure]) -> Scenario:
    """Fewer children looked after: to the council's own target for their number where its documents
    set one (the neighbours' median rate then said beside it, as context), else to the neighbours'
    median rate. One scenario, never both as one, so its title says what it computes."""
    target = measures.get(target_key("cla_number"))
    return cla_to_target(measures, target) if target else cla_to_neighbours(measures)


COST_OF_EACH = "the council's average weekly cost of a child looked after"
# What a scenario priced at that average says of it, each way it computes fewer children looked after.
AVERAGE_COST = "An average cost: the children who would not come into care may cost more or less than average"


def _cost_of_each(measures: dict[str, Measure]) -> str:
    """The assumed cost of each child, as the scenario will use it: the council's average weekly cost
    where one is read, else said not given (an assumption the documents do not hold is never listed
    as if it were)."""
    if "unit_cost_lac_weekly" in measures:
        return COST_OF_EACH
    return f"{COST_OF_EACH}: not given in the documents or the benchmarks; ask the council"


def cla_to_target(measures: dict[str, Measure], target: Measure) -> Scenario:
    """Looked-after children down to the council's own target, each at the average weekly cost of a
    child looked after."""
    when = f" by {target.period}" if target.period else ""
    name = f"Children looked after reduced to the council's target of {target.value:,g}{when}"
    found, missing = _take(measures, ["cla_number", "unit_cost_lac_weekly"])
    context, said = _neighbours_context(measures)
    sources = [m.source for m in found + context + [target]]
    assumptions: dict[str, object] = {
        "Children looked after, the council's target": _target(target),
        "Cost of each child": _cost_of_each(measures),
    }
    if context:
        rate, median = (m.value for m in context)
        assumptions["Statistical neighbours' median rate"] = (
            f"{median:g} per 10,000 against the council's {rate:g}: context only, not the scenario's basis"
        )
    if "cla_number" in missing:
        return _missing(name, assumptions, missing, sources)
    children = found[0].value
    fewer = max(0, whole(children - target.value))
    assumptions["Fewer children looked after"] = fewer
    head = f"{fewer} fewer of {children:,.0f} children looked after, to the council's target of {target.value:,g}{when}"
    if missing:
        return _missing(
            name,
            assumptions,
            missing,
            sources,
            _placement_range(measures, head, said, [target, *found, *context]),
        )
    weekly = found[1].value
    explanation = f"{head}, at £{weekly:,.0f} a week each. {AVERAGE_COST}.{said}"
    return _costed(
        name,
        assumptions,
        fewer * weekly * WEEKS,
        sources,
        [*found, target, *context],
        explanation,
        fewer,
        weekly * WEEKS,
    )


def _neighbours_context(measures: dict[str, Measure]) -> tuple[list[Measure], str]:
    """The neighbours' median rate beside the council's, where both are given, as words a target
    scenario adds for context (the count at the median rate), with the measures they rest on."""
    found, missing = _take(measures, ["cla_rate_per_10k", "cla_rate_per_10k:sn_median", "cla_number"])
    if missing or found[0].value <= 0:
        return [], ""
    rate, median, children = (m.value for m in found)
    at_median = whole(children * median / rate)
    return found[:2], (
        f" For context, at the statistical neighbours' median rate ({median:g} per 10,000 against the council's "
        f"{rate:g}) it would look after {at_median:,}, {max(0, whole(children) - at_median):,} fewer than today."
    )


# The weekly prices of a placement a child who does not come into care would have had, by where.
PLACEMENT_PRICES = {
    "foster_in_house_weekly": "with in-house foster carers",
    "foster_agency_weekly": "with an independent fostering agency",
    "unit_cost_fostering_weekly": "in foster care",
    "unit_cost_residential_weekly": "in residential care",
}


def _placement_range(measures: dict[str, Measure], head: str, said: str, used: list[Measure]) -> PerChild:
    """Where no average weekly cost of a child looked after is given: the scenario's count, and the
    range of the placement prices the sources state, the cheapest to the dearest, as what each child
    who does not come into care might save a year."""
    prices = sorted(
        ((m, where) for k, where in PLACEMENT_PRICES.items() if (m := measures.get(k))),
        key=lambda p: p[0].value,
    )
    words = f"{head}."
    if len(prices) > 1:
        (low, cheap), (high, dear) = prices[0], prices[-1]
        words += (
            f" Each saves the placement it would have had, which the sources price from £{low.value:,.0f} a "
            f"week {cheap} to £{high.value:,.0f} {dear}: £{low.value * WEEKS:,.0f} to £{high.value * WEEKS:,.0f} "
            "a year."
        )
        used = [*used, low, high]
    words += (
        " No average weekly cost of a child looked after is given, nor, beside a number of them the"
        " documents state, one budget for them all to derive it from: ask the council for either."
    )
    return PerChild(None, words + said, used)


def cla_to_neighbours(measures: dict[str, Measure], params: CLAToNeighbours = CLAToNeighbours()) -> Scenario:
    """Looked-after children at the neighbours' median rate, each at the council's own unit cost."""
    name = "Children looked after at the statistical neighbours' median rate"
    keys = ["cla_rate_per_10k", "cla_rate_per_10k:sn_median", "cla_number", "unit_cost_lac_weekly"]
    found, missing = _take(measures, keys)
    sources = [m.source for m in found]
    assumptions: dict[str, object] = {
        "Compared with": COMPARATORS.get(params.use_median, params.use_median),
        "Cost of each child": _cost_of_each(measures),
    }
    if missing:
        return _missing(name, assumptions, missing, sources)
    rate, median, children, weekly = (m.value for m in found)
    fewer = max(0, whole(children * (1 - median / rate))) if rate > 0 else 0
    saving = fewer * weekly * WEEKS
    assumptions.update(
        {
            "Children looked after per 10,000 now": rate,
            "Statistical neighbours' median per 10,000": median,
            "Fewer children looked after": fewer,
        }
    )
    why = (
        "already at or below the neighbours' median, so no saving"
        if fewer == 0
        else f"{fewer} fewer of {children:.0f} children looked after, at £{weekly:,.0f} a week each. {AVERAGE_COST}"
    )
    return _costed(
        name,
        assumptions,
        saving,
        sources,
        found,
        f"Rate {rate:.1f} per 10,000 against a median of {median:.1f}: {why}.",
        fewer,
        weekly * WEEKS,
    )


# The foster care a step-down's price is of, by the measure it is read from: the council's own
# agency week is the independent fostering agency's rate, not foster care's in general.
FOSTER_SETTING = {
    "foster_agency_weekly": "foster care with an independent fostering agency",
    "unit_cost_fostering_weekly": "foster care",
}


def residential_step_down(
    measures: dict[str, Measure], params: ResidentialStepDown = ResidentialStepDown()
) -> Scenario:
    """A share of children in residential care stepped down to foster care: the council's own count
    of them where its documents state one, else its children looked after x the residential share;
    foster care at the council's own agency week where stated (the dearer setting they may step
    down to), else the national week. Where the documents set a target for their own count, the
    children stepped down are those the target takes off it, not an assumed share."""
    name = "Residential care stepped down to foster care"
    counted = (
        ["residential_number"]
        if "residential_number" in measures
        else ["cla_number", "placement_residential_pct"]
    )
    fostering_key = (
        "foster_agency_weekly" if "foster_agency_weekly" in measures else "unit_cost_fostering_weekly"
    )
    foster = FOSTER_SETTING[fostering_key]
    keys = [*counted, "unit_cost_residential_weekly", fostering_key]
    found, missing = _take(measures, keys)
    # the council's own count is of its residential care; the national share is of its homes
    where = "residential care" if counted == ["residential_number"] else RESIDENTIAL
    target = measures.get(target_key("residential_number")) if where == "residential care" else None
    sources = [m.source for m in found] + (
        [target.source] if target else _assumed_sources(["the share stepped down"])
    )
    assumptions: dict[str, object] = (
        {f"Children in {where}, target": _target(target)}
        if target
        else {f"Share of children in {where} stepped down": _assumed(_share(params.share_stepped_down))}
    )
    if missing:
        return _missing(name, assumptions, missing, sources)
    *counts, residential, fostering = (m.value for m in found)
    in_residential = whole(counts[0] if len(counts) == 1 else counts[0] * counts[1] / 100)
    moved, how = _stepped_down(in_residential, params, target)
    saving = max(0.0, moved * (residential - fostering) * WEEKS)
    assumptions.update(
        {
            "Children stepped down to foster care": moved,
            "Residential care, per child": _weekly(residential),
            f"{foster[0].upper()}{foster[1:]}, per child": _weekly(fostering),
        }
    )
    explanation = (
        f"{moved} ({how}) of {in_residential} children in {where} moved to {foster}: "
        f"£{residential:,.0f} a week down to £{fostering:,.0f}, for 52 weeks."
    )
    return _costed(
        name,
        assumptions,
        saving,
        sources,
        found + ([target] if target else []),
        explanation,
        moved,
        max(0.0, (residential - fostering) * WEEKS),
    )


def _stepped_down(
    in_residential: int, params: ResidentialStepDown, target: Measure | None
) -> tuple[int, str]:
    """How many children are stepped down, and on what: the council's target where it sets one (its
    whole reduction taken as step-downs, though some may leave care another way), else the assumed share."""
    if target is None:
        return whole(
            in_residential * params.share_stepped_down
        ), f"{params.share_stepped_down:.0%}, an assumed share"
    when = f" by {target.period}" if target.period else ""
    return max(0, in_residential - whole(target.value)), (
        f"to reach the council's target of {target.value:,g}{when}, the whole reduction taken as step-downs"
    )


def scenarios(measures: dict[str, Measure], split: FosteringSplit | None = None) -> list[Scenario]:
    """Each scenario with the lever it pulls (analyse.themes.LEVER_THEMES names them)."""
    return [
        fostering_mix(measures, split=split).model_copy(update={"lever": "fostering_mix"}),
        fewer_looked_after(measures).model_copy(update={"lever": "fewer_looked_after"}),
        residential_step_down(measures).model_copy(update={"lever": "residential_step_down"}),
    ]


def against_plan(
    scenario: Scenario, savings: list[SavingsLine], period: str | None, plans: Sequence[SavingsLine] = ()
) -> Scenario:
    """The scenario beside the council's own children's savings that work its lever
    (analyse.themes.saving_levers), each as its own record states it, and whether the scenario is
    within what they count for the review year or beyond it: a reader must not add a scenario on
    top of a saving the plan already counts. Where the savings state a count of the children the
    scenario moves (children, placements, step-downs planned), the counts are compared, not the
    money, which rests on different prices; and the plan's price per child is said beside the
    scenario's, as like with like only where the plan's money is a full year's (`_price_note`). A
    saving's phasing in later years is its own record's or, for a tracker's line, that of the lines of
    `plans` that are the same saving. A saving on the lever that starts in a later year is named with
    its later money, not counted against the review year. Unchanged where the plan is silent."""
    return against_plans([scenario], savings, period, plans)[0]


def against_plans(
    scenarios: list[Scenario],
    savings: list[SavingsLine],
    period: str | None,
    plans: Sequence[SavingsLine] = (),
) -> list[Scenario]:
    """Each scenario beside the plan (`against_plan`), each saving's levers read once for all of them."""
    levers = [(line, saving_levers(line)) for line in savings if not is_total(line.title)]
    alike = SameSavings(plans)  # each saving's plan lines, found once for every scenario
    return [
        _against_plan(s, [line for line, on in levers if s.lever in on], period, alike)
        if any(s.lever in on for _, on in levers)
        else _by_other_lever(
            s, [line for line, _ in levers if names_lever_subject(line, s.lever)], period, alike
        )
        for s in scenarios
    ]


def _by_other_lever(
    scenario: Scenario, lines: list[SavingsLine], period: str | None, plans: SameSavings
) -> Scenario:
    """A scenario no saving of the plan works, beside the plan's savings on its subject by another
    lever (`names_lever_subject`), each named with its money: the plan is not silent on the subject."""
    found = [p for line in lines if (p := plan_saving(line, period, plans)) is not None]
    if not found:
        return scenario
    named = "; ".join(f"{p.ref or f'‘{p.title}’'} ({_money_of(p, period)})" for p in found)
    note = (
        "No saving of the council's plan works this lever, but the plan saves on the same subject by"
        f" another: {named}. The scenario is not set against {'it' if len(found) == 1 else 'them'}."
    )
    return scenario.model_copy(update={"subject_savings": found, "plan_note": note})


def _money_of(p: PlanSaving, period: str | None) -> str:
    """A plan saving's money as the plan phases it: its review year's, then its later years'."""
    years = [PeriodAmount(period=p.period, amount_gbp=p.target_gbp)] if p.target_gbp and p.period else []
    years += p.later or p.following
    if not years:
        return "no money stated"
    none = f"nothing in {period}, " if p.later and period else ""
    return none + " and ".join(f"{gbp(a.amount_gbp)} in {a.period}" for a in years)


def _against_plan(
    scenario: Scenario, lines: list[SavingsLine], period: str | None, plans: SameSavings
) -> Scenario:
    """`against_plan`, given the savings that work the scenario's lever."""
    on_lever = [found for line in lines if (found := plan_saving(line, period, plans)) is not None]
    if not on_lever:
        return scenario
    planned = [p for p in on_lever if not p.later]
    notes = [*_part_year_notes(planned), *_later_notes(on_lever, period)]
    if not planned:
        return scenario.model_copy(update={"plan_savings": on_lever, "plan_note": " ".join(notes)})
    counted = sum(p.target_gbp for p in planned)
    annual, children = scenario.annual_saving_gbp, scenario.children
    counts = [p.planned_count for p in planned if p.planned_count is not None]
    if annual is None:
        relation, beyond = "not_costed", None
    elif counts and children:
        # the scenario's money for the children beyond the plan's count, at its own price per child
        over = max(0, children - sum(counts))
        relation, beyond = ("beyond", round(annual * over / children, -3)) if over else ("within", None)
    else:
        relation = "beyond" if annual > counted else "within"
        beyond = annual - counted if relation == "beyond" else None
    note = _plan_note(relation, annual, counted, beyond, period)
    if counts and children and annual is not None:
        note = " ".join(
            filter(
                None,
                [
                    _count_note(children, planned, annual, beyond, period),
                    _price_note(children, planned, annual, period),
                ],
            )
        )
    return scenario.model_copy(
        update={
            "plan_savings": on_lever,
            "plan_relation": relation,
            "beyond_plan_gbp": beyond,
            "plan_note": " ".join([note, *notes]),
        }
    )


def plan_saving(line: SavingsLine, period: str | None, plans: SameSavings) -> PlanSaving | None:
    """A saving as the plan counts it for the review year, with its money in the years after
    (`following`); where it counts nothing then, its money in the later years (`later`), or none
    where it has none."""
    target = saving_target(line, period)
    later = _later_money(line, period) if target is None or target <= 0 else []
    if (target is None or target <= 0) and not later:
        return None
    phasing = [] if later else _phasing(line, plans, period)
    words = " ".join(t for t in (line.title, line.description, line.status_text or "") if t)
    planned, achieved = stated_counts(words)
    return PlanSaving(
        ref=line.ref,
        title=line.title,
        period=period or line.period,
        target_gbp=0.0 if later else target or 0.0,
        forecast_gbp=line.forecast_gbp,
        status=": ".join(t for t in (line.rag_text, line.status_text) if t),
        planned_count=planned,
        achieved_count=achieved,
        part_year=bool(PART_YEAR.search(words)),
        later=later,
        phased=bool(phasing),
        following=_agreed(phasing, period),
        provenance=list(
            dict.fromkeys(
                [*line.provenance, *(p for plan in phasing if plan is not line for p in plan.provenance)]
            )
        ),
    )


def _phasing(line: SavingsLine, plans: SameSavings, period: str | None) -> list[SavingsLine]:
    """The records that phase a saving into the years after the review year: its own, or the plan
    lines of the same saving (a tracker's row has none of its own)."""
    return [p for p in [line, *plans.of(line)] if _later_money(p, period)]


def _agreed(phasing: list[SavingsLine], period: str | None) -> list[PeriodAmount]:
    """A saving's money in each later year as the records phasing it agree on; none where they differ."""
    years: dict[str, set[float]] = {}
    for plan in phasing:
        for amount in _later_money(plan, period):
            years.setdefault(amount.period, set()).add(amount.amount_gbp)
    if any(len(amounts) > 1 for amounts in years.values()):
        return []
    return [PeriodAmount(period=year, amount_gbp=amounts.pop()) for year, amounts in sorted(years.items())]


def _later_money(line: SavingsLine, period: str | None) -> list[PeriodAmount]:
    """A saving's positive planned money in the years after the review year, year by year."""
    if period is None:
        return []
    return sorted((p for p in line.planned if p.period > period and p.amount_gbp > 0), key=lambda p: p.period)


def _later_notes(on_lever: list[PlanSaving], period: str | None) -> list[str]:
    return [
        f"{p.ref or f'‘{p.title}’'} has no money in {period}: it starts later, "
        + " and ".join(f"{gbp(a.amount_gbp)} in {a.period}" for a in p.later)
        + ": it is not counted against the scenario's year, but the scenario carried into those years would"
        " overlap it."
        for p in on_lever
        if p.later
    ]


def _price_note(children: int, planned: list[PlanSaving], annual: float, period: str | None) -> str:
    """The plan's own price per child (a saving that states both its count and its money) beside
    the scenario's full year's: as a multiple only where the plan's money is a full year's too
    (else `_part_year_price`)."""
    priced = [p for p in planned if p.planned_count and p.target_gbp > 0]
    if not priced or not annual:
        return ""
    count, money = sum(p.planned_count or 0 for p in priced), sum(p.target_gbp for p in priced)
    own, ours = money / count, annual / children
    names = ", ".join(p.ref or f"‘{p.title}’" for p in priced)
    stated = f"The council's own costing ({names}: {gbp(money)} for {count}) is {_k(own)} a child"
    if any(p.part_year or p.phased for p in priced):
        return _part_year_price(stated + (f" for {period}" if period else ""), priced, ours, period)
    return f"{stated}; the scenario's is {_k(ours)} a child, {ours / own:.1f} times the plan's: ask which price holds."


def _part_year_price(stated: str, priced: list[PlanSaving], ours: float, period: str | None) -> str:
    """A saving whose words say part year, or whose review year is the first of several (its
    children may be placed through it), may price a part year: not like with like with the
    scenario's full year. The plan's money over every year it gives, per child, is set beside it
    as the plan states it, not as a bound: phased savings add year on year, and a later year's
    money may be other children's, so no multiple of the scenario's price is claimed."""
    later = "; ".join(_money_in(p.following) for p in priced if p.following)
    why = (
        "its words say it is a part year's"
        if any(p.part_year for p in priced)
        else "it is the first year of a saving phased over later years"
        + (f" ({later})" if later else "")
        + ", so its children may be placed through the year"
    )
    head = (
        f"{stated}, but that may be a part year's money: {why}. "
        f"It is not like with like with the scenario's full year, {_k(ours)} a child."
    )
    if not later or any(p.phased and not p.following for p in priced):
        return head + " Ask the full-year saving per child."
    count = sum(p.planned_count or 0 for p in priced)
    total = sum(p.target_gbp + sum(a.amount_gbp for a in p.following) for p in priced)
    return head + (
        f" Over every year the plan gives, it is {gbp(total)}, {_k(total / count)} for each of the {count}"
        f"{f' planned for {period}' if period else ''}, though a later year's money may be other children's:"
        " not like with like either. Ask the full-year saving per child, and what each child's new"
        " placement costs a week."
    )


def _money_in(years: list[PeriodAmount]) -> str:
    return "; ".join(f"{gbp(a.amount_gbp)} in {a.period}" for a in years)


def _k(value: float) -> str:
    return f"£{value / 1e3:,.0f}k"


# A count of the children a placement scenario moves, as a saving's words state it: a number (in
# figures or words) of children, placements or step-downs, planned or achieved ("Sixteen
# step-downs are planned", "Nine step-downs achieved against 16 planned"). A count of children in
# a setting at a date ("58 children in residential care against a plan of 50") is a stock, not moves.
_NUMBER_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
# A count of children written in figures or words ("16", "sixteen"): `as_count` reads it.
COUNT_WRITTEN = r"(?:\d{1,4}|" + "|".join(_NUMBER_WORDS) + ")"
_N = f"({COUNT_WRITTEN})"
_UNIT = r"(?:step[- ]?downs?|children|child|young people|placements?|moves?)"
_ACHIEVED = re.compile(
    rf"\b{_N}\s+(?:more\s+|further\s+)?{_UNIT}\s+(?:have been\s+|were\s+)?(?:achieved|delivered|completed|made)\b",
    re.I,
)
_PLANNED = re.compile(
    rf"\b{_N}\s+(?:more\s+|further\s+)?{_UNIT}\s+(?:are\s+|were\s+|is\s+)?planned\b"
    rf"|\bagainst\s+{_N}\s+(?:{_UNIT}\s+)?planned\b",
    re.I,
)
PART_YEAR = re.compile(r"\bpart[- ]year\b", re.I)


def stated_counts(text: str) -> tuple[int | None, int | None]:
    """The count of children, placements or step-downs planned and achieved that the words state."""
    return _count(_PLANNED, text), _count(_ACHIEVED, text)


def _count(pattern: re.Pattern[str], text: str) -> int | None:
    found = pattern.search(text)
    if found is None:
        return None
    return as_count(next(g for g in found.groups() if g))


def as_count(word: str) -> int:
    """A count written in figures or words (`COUNT_WRITTEN`): "16", "Sixteen"."""
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.index(word) + 1


def _count_note(
    children: int, planned: list[PlanSaving], annual: float, beyond: float | None, period: str | None
) -> str:
    stated = [p for p in planned if p.planned_count is not None]
    plans = sum(p.planned_count or 0 for p in stated)
    achieved = [p.achieved_count for p in stated if p.achieved_count is not None]
    names = ", ".join(p.ref or f"‘{p.title}’" for p in stated)
    so_far = ""
    if len(achieved) == len(stated):
        done = sum(a or 0 for a in achieved)
        so_far = f" ({done} achieved so far, {max(0, plans - done)} still to deliver)"
    head = (
        f"The scenario's {children} children compare with the {plans} the council's plan ({names}) "
        f"already plans" + (f" for {period}" if period else "") + so_far + ": "
    )
    if beyond is None:
        return head + (
            f"the scenario is within the plan, so its {gbp(annual)} a year is not additional to it, and "
            "adding the two would count the same children twice."
        )
    return head + (
        f"{children - plans} of them are beyond the plan, {gbp(beyond)} of the scenario's "
        f"{gbp(annual)} a year at its own price per child."
    )


def _part_year_notes(planned: list[PlanSaving]) -> list[str]:
    return [
        f"{p.ref or p.title}'s words say its target is a part year's effect; the scenario is a full year's."
        for p in planned
        if p.part_year
    ]


def _plan_note(
    relation: str, annual: float | None, counted: float, beyond: float | None, period: str | None
) -> str:
    plan = f"the {gbp(counted)} the council's plan already counts from this lever" + (
        f" for {period}" if period else ""
    )
    if annual is None:
        return f"The scenario is not costed, so what it would add beyond {plan} is not known."
    if beyond is not None:
        return (
            f"The scenario's {gbp(annual)} a year overlaps {plan}: at most {gbp(beyond)} of it would be "
            "beyond the plan."
        )
    if not annual:
        return f"The scenario finds no saving here, beside {plan}."
    return (
        f"The scenario's {gbp(annual)} a year is within {plan}: it is not additional to the plan, and "
        "adding the two would count the same money twice."
    )
