"""What a benchmark gap is worth: the gap to the statistical neighbours' median, times the activity it
applies to, times the unit cost that follows from it, for a year (52 weeks of a weekly cost).

Only where a cost follows from the measure itself:
- spend per child aged 0-17: the gap x the council's children aged 0-17 (ONS mid-year of the
  financial year's start, as the per-child figure divides by);
- a weekly unit cost: the gap x the children it is paid for at 31 March (all looked after; or those
  in foster care, or in secure or children's homes, by the council's own placement shares);
- children looked after per 10,000: the extra (or fewer) children at the council's population,
  each at the council's own weekly cost of a child looked after;
- the share in secure or children's homes: the children above (or below) the median share, each at
  the council's residential week less its fostering week (the setting they might otherwise be in).
Rates with no cost of their own (agency staff, re-referrals, UASC) get none, and nothing is guessed.
A gap is costed only on the side that costs more (the council's figure above the median: higher
spend, unit costs, rates of children in care, residential use): a figure below it is favourable, and
what the median "would cost" is no money at stake (Kent's 9.0% of children in children's homes
against the neighbours' 13.5% is no £24.1m gap).
The figures are the national returns' own (S251 unit costs, LAIT counts, ONS population): an
estimate of scale for ranking and asking, not a saving. Where another council's figures stand in,
no gap is costed (analyse.benchmarks.own.costs_gaps decides).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analyse.records import Benchmark, GapCost
from extract.records import Provenance

if TYPE_CHECKING:
    from analyse.benchmarks import BenchmarkTable

WEEKS = 52


@dataclass(frozen=True)
class Inputs:
    """The council's own figures a gap is costed with, each found or None, with their provenance."""

    by_code: dict[str, Benchmark]
    children: float | None  # aged 0-17, ONS mid-year
    children_when: str  # whose count, when: "mid-2024", or the council's own documents
    looked_after: float | None  # at 31 March
    looked_after_when: str  # "31 March 2025", or the council's own documents
    sources: dict[str, list[Provenance]]  # the provenance of each input, by indicator code

    def value(self, code: str) -> float | None:
        b = self.by_code.get(code)
        return b.value if b else None


def with_gap_costs(
    benchmarks: list[Benchmark],
    table: BenchmarkTable,
    la_code: str,
) -> list[Benchmark]:
    """Each benchmark with its gap's annual cost, where one follows (module docstring)."""
    inputs = _inputs(benchmarks, table, la_code)
    out = []
    for b in benchmarks:
        cost = gap_cost(b, inputs)
        out.append(b.model_copy(update={"gap_cost": cost}) if cost else b)
    return out


def gap_cost(b: Benchmark, inputs: Inputs) -> GapCost | None:
    median = b.statistical_neighbours.median
    if b.value is None or median is None or b.none_recorded:
        return None
    rule = _rule(b)
    found = rule(b, b.value - median, inputs) if rule else None
    if found is None:
        return None
    amount, basis, used = found
    if round(amount, -3) <= 0:
        return None  # the cheaper side: favourable, no cost (module docstring)
    provenance = b.provenance + [p for code in used for p in inputs.sources.get(code, [])]
    return GapCost(amount_gbp=round(amount, -3), basis=basis, provenance=_unique(provenance))


Found = tuple[float, str, list[str]]  # amount, basis, the other benchmarks used
Rule = Callable[[Benchmark, float, Inputs], Found | None]


def _per_child(b: Benchmark, gap: float, inputs: Inputs) -> Found | None:
    if inputs.children is None:
        return None
    median = b.statistical_neighbours.median
    # the gap with the two figures it is the difference of, at the places that make the arithmetic
    # hold as printed (Kent's £49 against £38 is £11.84 a child, not the "£12" a reader could not check)
    between = (
        f" ({_each(b.value)} against {_each(median)})" if b.value is not None and median is not None else ""
    )
    return (
        gap * inputs.children,
        f"{_each(abs(gap))} per child {_side(gap)} the neighbours' median{between} x {inputs.children:,.0f}"
        f" children aged 0-17 ({inputs.children_when})",
        ["population_0_17"],
    )


def _each(amount: float) -> str:
    """A sum a child or a week, to the penny under £100 (where whole pounds would hide a difference)."""
    return f"£{amount:,.2f}" if abs(amount) < 100 else f"£{amount:,.0f}"


def _weekly(share: str | None, who: str) -> Rule:
    def rule(b: Benchmark, gap: float, inputs: Inputs) -> Found | None:
        pct = 100.0 if share is None else inputs.value(share)
        if inputs.looked_after is None or pct is None:
            return None
        children = inputs.looked_after * pct / 100
        return (
            gap * children * WEEKS,
            f"£{abs(gap):,.0f} a week {_side(gap)} the neighbours' median x {children:,.0f} {who} "
            f"({inputs.looked_after_when}) x 52 weeks",
            ["cla_number"] + ([share] if share else []),
        )

    return rule


def _cla_rate(b: Benchmark, gap: float, inputs: Inputs) -> Found | None:
    weekly = inputs.value("unit_cost_lac_weekly")
    if inputs.children is None or weekly is None:
        return None
    children = gap / 10_000 * inputs.children
    return (
        children * weekly * WEEKS,
        f"{abs(gap):,.1f} per 10,000 {_side(gap)} the neighbours' median x {inputs.children:,.0f} children "
        f"aged 0-17 ({inputs.children_when}) = {abs(children):,.0f} {_more(gap)} children looked after, "
        f"x £{weekly:,.0f} a week (the council's figure in the national returns) x 52 weeks",
        ["population_0_17", "unit_cost_lac_weekly"],
    )


def _residential_share(b: Benchmark, gap: float, inputs: Inputs) -> Found | None:
    residential = inputs.value("unit_cost_residential_weekly")
    fostering = inputs.value("unit_cost_fostering_weekly")
    if inputs.looked_after is None or residential is None or fostering is None:
        return None
    children = gap / 100 * inputs.looked_after
    return (
        children * (residential - fostering) * WEEKS,
        f"{abs(gap):,.1f} percentage points {_side(gap)} the neighbours' median x {inputs.looked_after:,.0f} "
        f"children looked after ({inputs.looked_after_when}) = {abs(children):,.0f} {_more(gap)} "
        f"children, x (£{residential:,.0f} residential less £{fostering:,.0f} foster care a week, the "
        "council's figures in the national returns) x 52 weeks",
        ["cla_number", "unit_cost_residential_weekly", "unit_cost_fostering_weekly"],
    )


RULES: dict[str, Rule] = {
    "unit_cost_lac_weekly": _weekly(None, "children looked after"),
    "unit_cost_fostering_weekly": _weekly("placement_fostering_pct", "children in foster care"),
    "unit_cost_residential_weekly": _weekly(
        "placement_residential_pct", "children in secure or children's homes"
    ),
    "cla_rate_per_10k": _cla_rate,
    "placement_residential_pct": _residential_share,
}


def _rule(b: Benchmark) -> Rule | None:
    return _per_child if b.unit == "gbp_per_child" else RULES.get(b.indicator)


def _inputs(benchmarks: list[Benchmark], table: BenchmarkTable, la_code: str) -> Inputs:
    from analyse.benchmarks.catalogue import all_indicators
    from analyse.benchmarks.indicators import indicator_value, provenance
    from analyse.benchmarks.parsing import population_year

    by_code = {b.indicator: b for b in benchmarks}
    catalogue = all_indicators()
    rate, spend = by_code.get("cla_rate_per_10k"), by_code.get("s251_total_cyp_spend_per_child")
    year = population_year(spend.period) if spend and spend.period else None
    cla_period = rate.period if rate else None
    found: list[tuple[str, str | None, float | None]] = [
        ("population_0_17", year, indicator_value(table, la_code, "population_0_17", year) if year else None),
        (
            "cla_number",
            cla_period,
            indicator_value(table, la_code, "cla_number", cla_period) if cla_period else None,
        ),
    ]
    sources = {b.indicator: b.provenance for b in benchmarks}
    sources.update(
        {
            code: provenance(table, la_code, catalogue[code], period)
            for code, period, value in found
            if value is not None and period
        }
    )
    return Inputs(by_code, found[0][2], f"mid-{year}", found[1][2], f"31 March {cla_period}", sources)


def _side(gap: float) -> str:
    return "above" if gap > 0 else "below"


def _more(gap: float) -> str:
    return "more" if gap > 0 else "fewer"


def _unique(provenance: list[Provenance]) -> list[Provenance]:
    seen: dict[tuple[str, str | None], Provenance] = {}
    for p in provenance:
        seen.setdefault((p.file, p.locator), p)
    return list(seen.values())
