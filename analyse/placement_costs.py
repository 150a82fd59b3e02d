"""A placement line's money against the council's own count and weekly price for it.

Where a budget line is one kind of placement ("Looked after children – residential placements") and
the council's documents state how many children it places that way and the weekly price of a
placement (analyse.benchmarks.own reads both, each cited to every sentence stating it), the line's
forecast (else its budget) should be about the count times the price for 52 weeks. Where the two
differ by more than the materiality tolerance (analyse.records.MATERIAL_VARIANCE_PERCENT), the line
holds something its count and price do not explain: a question of what else it holds. Where they
agree, the line is explained, and the pack says so. Where only the price is stated, the line implies a
number of children (its money over the price for a year), shown for the reviewers to set against
a count they know. That implied count is used in one place only: as a scenario's input where no
document states the count (`implied_counts`), marked as an estimate there, never as a stated count,
nor in a flag or a question. Every figure keeps its own provenance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analyse.benchmarks.own import AGENCY, budgeted_count, measure_provision
from analyse.provision import IN_HOUSE, provision_of
from analyse.records import MATERIAL_VARIANCE_PERCENT, Flag, PlacementCost, Scope
from analyse.scenarios import INPUT_NAMES, WEEKS, Measure, whole
from analyse.scope import ScopeIndex, is_childrens
from analyse.wording import gbp
from extract.records import BudgetLine
from extract.verify.tolerance import half_up


@dataclass(frozen=True)
class PlacementKind:
    """One kind of placement: what it is called, the council's own measures of its count and weekly
    price (analyse.benchmarks.own's indicator codes), and the words that name its budget line."""

    name: str
    count: str
    weekly: str
    words: tuple[str, ...]  # the line's name holds one of these
    also: tuple[str, ...] = ()  # and, where given, one of these
    unless: tuple[str, ...] = ()  # and none of these


KINDS = (
    PlacementKind(
        "residential care",
        "residential_number",
        "unit_cost_residential_weekly",
        ("residential",),
        (),
        ("foster",),
    ),
    PlacementKind(
        "in-house foster care",
        "foster_in_house_number",
        "foster_in_house_weekly",
        ("foster",),
        IN_HOUSE,
        AGENCY,
    ),
    PlacementKind(
        "independent fostering agency care",
        "foster_agency_number",
        "foster_agency_weekly",
        ("foster",),
        AGENCY,
        IN_HOUSE,
    ),
)


def placement_costs(
    lines: Sequence[BudgetLine], measures: dict[str, Measure], scopes: ScopeIndex
) -> list[PlacementCost]:
    """Each children's service line of one kind of placement set against the council's own weekly
    price for it (and its count, where stated): the count times the price for a year, or the number
    of children the line pays for at that price."""
    out = []
    for line in lines:
        kind = kind_of(line.name)
        weekly = measures.get(kind.weekly) if kind else None
        money, which = (line.forecast_gbp, "forecast") if line.forecast_gbp else (line.budget_gbp, "budget")
        if kind is None or weekly is None or not weekly.own or not money or line.level != "service_line":
            continue
        if not is_childrens(scopes.budget_line(line)) or not _same_provision(line, weekly):
            continue
        count = measures.get(kind.count)
        count = count if count and count.own and _same_provision(line, count) else None
        out.append(_placement_cost(line, kind, money, which, weekly, count))
    done = {c.kind for c in out}
    for kind in KINDS:
        if kind.name not in done and (cost := _above_budget(lines, kind, measures, scopes)) is not None:
            out.append(cost)
    return out


def _same_provision(line: BudgetLine, measure: Measure) -> bool:
    """Whether a stated measure may be of the line's provision (analyse.provision): an external
    placement's weekly price is not the price of the council's own homes."""
    mine, theirs = provision_of(line.name), measure_provision(measure)
    return not (mine and theirs and mine != theirs)


def _above_budget(
    lines: Sequence[BudgetLine], kind: PlacementKind, measures: dict[str, Measure], scopes: ScopeIndex
) -> PlacementCost | None:
    """Where no line of the kind is the stated count's, but the count's sentence states the count
    budgeted for beside it ("41 children in external residential care against a budgeted 33"): the
    children above it at the weekly price for a year, derived, set against the variance of the one
    children's placements line of the count's own provision ("LAC External Placements")."""
    count, weekly = measures.get(kind.count), measures.get(kind.weekly)
    if count is None or weekly is None or not count.own or not weekly.own:
        return None
    budgeted, provision = budgeted_count(count), measure_provision(count)
    if budgeted is None or not provision or measure_provision(weekly) not in ("", provision):
        return None
    found = [
        line
        for line in lines
        if line.level == "service_line"
        and line.variance_gbp is not None
        and "placement" in line.name.lower()
        and provision_of(line.name) == provision
        and is_childrens(scopes.budget_line(line))
    ]
    if len(found) != 1:
        return None
    return _budgeted_part(found[0], f"{PROVISION_WORDS[provision]} {kind.name}", count, budgeted, weekly)


PROVISION_WORDS = {"external": "external", "in_house": "in-house"}


def _budgeted_part(
    line: BudgetLine, kind: str, count: Measure, budgeted: float, weekly: Measure
) -> PlacementCost:
    variance = line.variance_gbp or 0.0
    extra = count.value - budgeted
    derived = extra * weekly.value * WEEKS
    price = f"£{weekly.value:,.0f} a week"
    part = "part of" if 0 < derived <= variance else "against"
    message = (
        f"The council states {count.value:,.0f} children in {kind} against {budgeted:,.0f} budgeted:"
        f" the {abs(extra):,.0f} {'more' if extra >= 0 else 'fewer'} at its {price} for {WEEKS} weeks come to"
        f" {gbp(abs(derived))} a year (derived), {part} the '{line.name}' variance of {gbp(variance)}."
    )
    return PlacementCost(
        kind=kind,
        line=line.name,
        period=line.period,
        line_gbp=variance,
        line_figure="variance",
        count=count.value,
        budgeted_count=budgeted,
        weekly_gbp=weekly.value,
        derived_gbp=derived,
        difference_gbp=variance - derived,
        message=message,
        line_provenance=line.provenance,
        count_provenance=count.provenance,
        weekly_provenance=weekly.provenance,
        provenance=list(dict.fromkeys([*line.provenance, *count.provenance, *weekly.provenance])),
    )


def kind_of(name: str) -> PlacementKind | None:
    """The one kind of placement a budget line's name names, if it names exactly one."""
    text = name.lower()
    found = [
        k
        for k in KINDS
        if any(w in text for w in k.words)
        and (not k.also or any(w in text for w in k.also))
        and not any(w in text for w in k.unless)
    ]
    return found[0] if len(found) == 1 else None


def _placement_cost(
    line: BudgetLine, kind: PlacementKind, money: float, which: str, weekly: Measure, count: Measure | None
) -> PlacementCost:
    year = weekly.value * WEEKS
    stated = f"'{line.name}' {which} {gbp(money)}"
    price = f"£{weekly.value:,.0f} a week"
    base = PlacementCost(
        kind=kind.name,
        line=line.name,
        period=line.period,
        line_gbp=money,
        line_figure="forecast" if which == "forecast" else "budget",
        weekly_gbp=weekly.value,
        message="",
        line_provenance=line.provenance,
        weekly_provenance=weekly.provenance,
        provenance=list(
            dict.fromkeys([*line.provenance, *(count.provenance if count else []), *weekly.provenance])
        ),
    )
    if count is None:
        implied = money / year
        message = (
            f"{stated} pays for {half_up(implied, 0)} children in {kind.name} for a year at the council's"
            f" {price} ({gbp(money)} / ({price} x {WEEKS})); the documents state no count of them to set it"
            " against."
        )
        return base.model_copy(update={"implied_count": implied, "message": message})
    derived = count.value * year
    difference = money - derived
    reconciles = abs(difference) <= derived * MATERIAL_VARIANCE_PERCENT / 100
    sum_words = f"{count.value:,.0f} children x {price} x {WEEKS} weeks = {gbp(derived)}"
    if reconciles:
        message = f"{stated} is explained by the council's own count and price: {sum_words}."
    else:
        message = (
            f"{stated}, but {sum_words}: {gbp(abs(difference))} {'more' if difference > 0 else 'less'} than"
            " its count and price explain: what else does the line hold?"
        )
    update = {
        "count": count.value,
        "count_provenance": count.provenance,
        "derived_gbp": derived,
        "difference_gbp": difference,
        "reconciles": reconciles,
        "message": message,
    }
    return base.model_copy(update=update)


def implied_counts(costs: Sequence[PlacementCost]) -> dict[str, Measure]:
    """The count of children each kind of placement's lines imply where the documents state none
    (their money over its weekly price for a year, the lines of one kind added), as a scenario input
    keyed by the kind's count measure and marked an estimate (`Measure.estimated`), its source saying
    how it was worked: the one use of an implied count. A stated count is never replaced by one."""
    out = {}
    for kind in KINDS:
        lines = [c for c in costs if c.kind == kind.name and c.implied_count is not None]
        if not lines:
            continue
        count = sum(whole(c.implied_count or 0.0) for c in lines)  # each line's count as the pack prints it
        # the lines by name, not their money: a source line carries no figure of its own (the pack
        # sets each line's money beside its price in the placement table)
        worked = " and ".join(f"'{c.line}'" for c in lines)
        name = INPUT_NAMES[kind.count]
        source = (
            f"{name[:1].upper()}{name[1:]}: {count:,}, estimated from {worked}, the {lines[0].line_figure} over"
            f" the weekly price for {WEEKS} weeks"
        )
        provenance = list(dict.fromkeys(p for c in lines for p in c.provenance))
        out[kind.count] = Measure(count, lines[0].period, source, provenance, estimated=True)
    return out


def placement_flags(costs: Sequence[PlacementCost]) -> list[Flag]:
    """A question for each placement line its count and price do not explain: what else it holds."""
    return [
        Flag(
            code="placement_line_unexplained",
            severity="medium",
            subject=c.line,
            message=c.message,
            amount_gbp=abs(c.difference_gbp or 0.0),
            periods=[c.period] if c.period else [],
            themes=[],
            provenance=c.provenance,
            scope=Scope.CHILDRENS_SOCIAL_CARE,
            asks=f"its {c.line_figure} is {gbp(c.line_gbp)} but its {c.count:,.0f} children at"
            f" £{c.weekly_gbp:,.0f} a week for {WEEKS} weeks come to {gbp(c.derived_gbp)}",
        )
        for c in costs
        if c.reconciles is False and c.count is not None and c.derived_gbp is not None
    ]
