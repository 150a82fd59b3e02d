"""The headline findings: the handful of things a reviewer must know, each with its figure.

Each finding is read from the review's records (never computed afresh from documents) and carries
the provenance of its figure, so the pack and the deck can cite it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from analyse.records import Benchmark, GapYear, Review
from extract.records import Provenance
from ingest.records import Status
from render import fmt, views

MAX_FINDINGS = 6


@dataclass(frozen=True)
class Finding:
    title: str
    figure: str
    detail: str
    provenance: list[Provenance] = field(default_factory=list)


def children_position(review: Review) -> Finding | None:
    cs = review.position.children_services
    if cs.variance_gbp is None:
        return None
    mark = views.verification_words(cs.verification)
    marked = f" Figures {mark}." if mark else ""
    over = "overspend" if cs.variance_gbp > 0 else "underspend"
    name = review.position.children_services_name or "Children's services"
    if cs.budget_gbp is None and cs.forecast_gbp is None:
        stated = f"A forecast {over} of {fmt.money_m(abs(cs.variance_gbp))} is stated for {review.position.period or 'the year'}"
        detail = stated + "; no budget table was received to show the budget behind it." + marked
        return Finding(f"{name}: forecast {over}", fmt.money_m(abs(cs.variance_gbp)), detail, cs.provenance)
    detail = (
        f"Forecast outturn {fmt.money_m(cs.forecast_gbp)} against a budget of {fmt.money_m(cs.budget_gbp)}"
        f" for {review.position.period or 'the year'}: {fmt.share(abs(cs.variance_gbp), cs.budget_gbp)} of budget."
    )
    lines = review.selection.overspends
    if lines:
        detail += f" Largest overspend: {lines[0].name}, {fmt.money_m(lines[0].variance_gbp)}."
    detail += marked
    provs = cs.provenance + (lines[0].provenance if lines else [])
    return Finding(f"{name}: forecast {over}", fmt.money_m(abs(cs.variance_gbp)), detail, provs)


def no_childrens_position(review: Review) -> Finding | None:
    """Said first where the children's directorate row was not found or fails its arithmetic."""
    missing = review.position.children_services_missing
    if not missing:
        return None
    return Finding("No headline children's position", "Not stated", missing, [])


def children_budget(review: Review) -> Finding | None:
    """Where no forecast was received, the children's budget as set, and its share of the council's."""
    position, cs = review.position, review.position.children_services
    if cs.variance_gbp is not None or cs.budget_gbp is None:
        return None
    name = position.children_services_name or "Children's services"
    detail = f"{name}'s budget for {position.period or 'the year'} as set"
    if position.budget_gbp:
        detail += f": {fmt.share(cs.budget_gbp, position.budget_gbp)} of the council's {fmt.money_m(position.budget_gbp)}"
    detail += ". No forecast outturn was received."
    return Finding(
        f"{name}: budget as set", fmt.money_m(cs.budget_gbp), detail, cs.provenance + position.provenance
    )


def largest_overspend(review: Review) -> Finding | None:
    """Only where the directorate's own position is unknown: otherwise its finding names this line."""
    lines = review.selection.overspends
    if not lines or review.position.children_services.variance_gbp is not None:
        return None
    top = lines[0]
    detail = (
        f"{top.name}: forecast {fmt.money_m(top.forecast_gbp)} against a budget of "
        f"{fmt.money_m(top.budget_gbp)}."
    )
    return Finding("Largest service overspend", fmt.money_m(top.variance_gbp), detail, top.provenance)


def savings_at_risk(review: Review) -> Finding | None:
    s = review.savings_summary
    if not s.at_risk_gbp:
        return None
    provs = [p for line in review.selection.at_risk for p in line.provenance[:1]]
    detail = (
        f"The shortfall on {s.at_risk_count} of {s.lines} savings judged at risk: "
        f"{fmt.share(s.at_risk_gbp, s.target_gbp)} of the {fmt.money_m(s.target_gbp)} target"
        f" for {s.period or 'the year'}"
    )
    if s.forecast_gbp is not None:
        detail += f", against a forecast of {fmt.money_m(s.forecast_gbp)}"
    return Finding("Savings at risk", fmt.money_m(s.at_risk_gbp), detail + ".", provs)


def savings_planned(review: Review) -> Finding | None:
    """Where nothing is judged at risk, the size of the task: the target and what is still unidentified."""
    s = review.savings_summary
    if s.at_risk_gbp or not s.target_gbp:
        return None
    detail = f"Savings planned for {s.period or 'the year'} across {s.lines} lines"
    if s.unidentified_in_year_gbp:
        detail += f", of which {fmt.money_m(s.unidentified_in_year_gbp)} is not yet identified"
    detail += "; none is judged at risk on the evidence received."
    later = (s.unidentified_gbp or 0.0) - (s.unidentified_in_year_gbp or 0.0)
    if later > 0:
        detail += f" Later years hold a further {fmt.money_m(later)} not yet identified."
    provs = [p for line in review.selection.savings for p in line.provenance]
    return Finding("Savings to deliver", fmt.money_m(s.target_gbp), detail, provs)


def pressures_by_year(review: Review) -> Finding | None:
    """Where no gap is stated, the growth the plan has to fund, year by year."""
    chosen = review.selection
    if chosen.gaps or not chosen.has_pressures:
        return None
    years, table = chosen.years, chosen.pressures
    start = views.review_period(review) or ""
    shown = [(y, t) for y, t in zip(years, table.totals, strict=True) if t and y >= start]
    if not shown:
        return None
    detail = (
        "Children's pressures (growth) in the plan: "
        + "; ".join(f"{fmt.money_m(t)} in {y}" for y, t in shown)
        + "."
    )
    provs = [p for row in table.rows for p in row.provenance]
    return Finding(f"Pressures to fund in {shown[0][0]}", fmt.money_m(shown[0][1]), detail, provs)


def mtfp_gap(review: Review) -> Finding | None:
    gaps = review.selection.gaps
    if not gaps:
        return None
    years = "; ".join(_gap_words(g) for g in gaps)
    provs = [p for g in gaps for p in g.provenance]
    shortfalls = [g for g in gaps if g.amount_gbp > 0]
    if not shortfalls:
        return Finding(
            "No medium-term budget gap stated (council-wide)", "£0.0m", f"The MTFP states {years}.", provs
        )
    # The largest gap is the one the reviewers need; a later year's surplus does not cancel it.
    worst = max(shortfalls, key=lambda g: g.amount_gbp)
    title = "Council-wide medium-term budget gap" + (f" in {worst.period}" if worst.period else "")
    detail = f"The MTFP states {years}, for the whole council: how much of it is children's services' is a question for the S151 officer."
    return Finding(title, fmt.money_m(worst.amount_gbp), detail, provs)


def _gap_words(gap: GapYear) -> str:
    year = gap.period or "a year not stated"
    if round(gap.amount_gbp, -5) == 0:
        return f"no gap in {year}"
    kind = "a gap" if gap.amount_gbp > 0 else "a surplus"
    return f"{kind} of {fmt.money_m(abs(gap.amount_gbp))} in {year}"


MEASURES = {"gbp_per_child", "gbp_per_week", "gbp", "rate_per_10k", "percent"}


def benchmark_gap(b: Benchmark) -> float:
    """How far the council sits from its statistical neighbours' median, as a fraction.

    Only measures (not grades) count, and a value under a tenth or over ten times the median is
    read as a difference in how spend is recorded rather than a finding, so it counts as no gap.
    """
    median = b.statistical_neighbours.median
    if b.unit not in MEASURES or b.value is None or not median or b.value <= 0 or median <= 0:
        return 0.0
    ratio = b.value / median
    return abs(ratio - 1) if 0.1 <= ratio <= 10 else 0.0


def benchmark_rank(b: Benchmark) -> tuple[float, float]:
    """Gaps worth the most a year first (analyse's gap cost, where a cost follows), then the furthest."""
    return (abs(b.gap_cost.amount_gbp) if b.gap_cost else 0.0, benchmark_gap(b))


def stand_in(review: Review) -> str:
    """Where the user chose another council's national figures to stand in, a sentence saying so."""
    other = review.council.benchmarked_as
    return f" These are {other}'s national figures, standing in for this council." if other else ""


def benchmark_outlier(review: Review) -> Finding | None:
    ranked = sorted(review.benchmarks, key=benchmark_rank, reverse=True)
    if not ranked or benchmark_gap(ranked[0]) == 0:
        return None
    b = ranked[0]
    median = b.statistical_neighbours.median
    rank = f"; ranked {b.rank} of {b.of}, highest first" if b.rank and b.of else ""
    detail = (
        f"{fmt.by_unit(b.value, b.unit)} in {b.period} against a statistical neighbour median of "
        f"{fmt.by_unit(median, b.unit)} ({fmt.difference(b.value, median, b.unit)}){rank}."
    )
    title = f"Furthest from neighbours: {b.label}"
    if b.gap_cost and b.gap_cost.amount_gbp:
        more = "more" if b.gap_cost.amount_gbp > 0 else "less"
        detail += f" An estimate from the national returns: about {fmt.money_m(abs(b.gap_cost.amount_gbp))} a year {more} than at the median ({b.gap_cost.basis})."
        title = f"Costliest gap to neighbours: {b.label}"
    return Finding(title, fmt.by_unit(b.value, b.unit), detail + stand_in(review), b.provenance)


def drivers_gap(review: Review) -> Finding | None:
    d = review.drivers
    if d.actual_value is None or d.expected_value is None:
        return None
    residual = d.actual_value - d.expected_value if d.residual is None else d.residual
    side = "above" if residual > 0 else "below"
    if abs(residual) < 0.05 * abs(d.expected_value):
        side = "close to"
    fit = f" (R² {d.r_squared:.2f}, n = {d.n})" if d.r_squared is not None and d.n else ""
    detail = (
        f"Actual {fmt.money(d.actual_value)} against {fmt.money(d.expected_value)} expected from "
        f"factors the council does not control{fit}."
    )
    title = f"Spend per child {side} what its circumstances predict"
    figure = fmt.money(abs(residual))
    if d.interval_low is not None and d.interval_high is not None:
        detail += (
            f" A council like this would spend {fmt.money(d.interval_low)} to {fmt.money(d.interval_high)} "
            "19 times in 20"
        )
        if d.residual_distinguishable is False:
            title = "Spend per child within what its circumstances predict"
            figure = fmt.money(d.actual_value)  # the difference is no finding: the spend itself is
            detail += f", so the model cannot tell the {fmt.money(abs(residual))} difference from zero"
        detail += "."
    return Finding(title, figure, detail + stand_in(review), d.provenance)


def data_quality(review: Review) -> Finding | None:
    failed = [d for d in review.documents if d.status == Status.FAILED and not d.skipped]
    mismatches = [r for r in review.reconciliations if r.code != "total_ok"]
    if not failed and not mismatches and not review.missing_documents:
        return None
    parts = []
    if failed:
        parts.append(f"{fmt.count(len(failed), 'document')} could not be read")
    if mismatches:
        parts.append(f"{fmt.count(len(mismatches), 'figure')} did not reconcile")
    if review.missing_documents:
        parts.append("not supplied: " + ", ".join(review.missing_documents))
    provs = [p for r in mismatches for p in r.provenance]
    count = len(failed) + len(mismatches) + len(review.missing_documents)
    detail = "; ".join(parts) + "."
    return Finding(
        "Caveats on the evidence", fmt.count(count, "issue"), detail[0].upper() + detail[1:], provs
    )


FINDERS: list[Callable[[Review], Finding | None]] = [
    no_childrens_position,
    children_position,
    children_budget,
    savings_at_risk,
    savings_planned,
    mtfp_gap,
    pressures_by_year,
    benchmark_outlier,
    drivers_gap,
    data_quality,
    largest_overspend,
]


def headline_findings(review: Review) -> list[Finding]:
    """Up to six findings, in the order a reviewer would raise them, skipping any without data."""
    found = [f for finder in FINDERS if (f := finder(review)) is not None]
    return found[:MAX_FINDINGS]
