"""What each section of the pack and the deck shows: the lines, groups and statements, chosen here.

render/ formats the `Selection` this module builds; it does not choose lines or compute money. A
total shown in a table is the sum of the rows shown above it, nothing else, so a reader can check it.
Every line carries the scope analyse.scope placed it in: the pack shows the children's directorate's
lines (children's social care; education, SEND and transport; the DSG; adults' services inside the
directorate), labels council-wide figures as such, and leaves other directorates' lines and capital
schemes to the data workbook.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TypeVar

from analyse.amounts import is_total, is_tracked, item_savings, same_saving
from analyse.current_year import previous_year
from analyse.flags import Assessment
from analyse.matching import names_line
from analyse.plan_share import plan_shares
from analyse.position import line_doubts
from analyse.reconcile import differ
from analyse.records import (
    ADULTS_APART,
    CHILDRENS_DIRECTORATE,
    MATERIAL_VARIANCE_PERCENT,
    RING_FENCED,
    TYPE_NAMES,
    CarriedVariance,
    Council,
    Drivers,
    Factor,
    GapYear,
    GrowthCheck,
    OtherFigure,
    PlanShare,
    Position,
    RagGroup,
    SavingItem,
    SavingsRemoved,
    Scope,
    ScopedBudgetLine,
    ScopeGroup,
    Selection,
    StatedForecast,
    Statement,
    YearRow,
    YearTable,
    group_name,
    line_key,
    rating_name,
    rating_order,
)
from analyse.scope import ScopeIndex, is_childrens, is_grant_change, statement_label, summary_row
from analyse.standing import doubt
from analyse.wording import content_words
from extract.records import (
    BudgetBuild,
    BudgetLine,
    Extraction,
    Figure,
    FigureUnit,
    PlanLine,
    SavingsLine,
    Verification,
)
from extract.tables.vocabulary import carries_current_year_variances

# The pack quotes the first this many sentences about children's money, in document order, and
# says how many the documents hold; the workbook's Statements sheet has them all.
MAX_STATEMENTS = 10
MIN_PLAN_YEARS = 2  # a plan builds two years or more


def pack_selection(
    extraction: Extraction,
    scopes: ScopeIndex,
    assessments: list[Assessment],
    position: Position,
    council: Council,
    drivers: Drivers,
) -> Selection:
    services = service_lines(extraction, scopes)
    dsg = dsg_lines(extraction, scopes)
    totals = total_lines(extraction, scopes, [*services, *dsg])
    items = saving_items(extraction, scopes, assessments, position.period)
    tracked = [s for s in items if is_tracked(s)]
    gaps = stated_gaps(position, extraction)
    years = plan_years(extraction, gaps)
    pressures = pressure_items(extraction, scopes)
    pressure_table = by_year(pressures, years, scopes)
    plans = plan_only(items)
    # Savings planned by year: the plans' own lines where a bundle has both a plan and a tracker
    # (the tracker repeats the plan's savings), else every line.
    phased = plans or items
    planned = with_others(by_year(phased, years, scopes), phased, items)
    statements = children_statements(extraction, scopes)
    shares = plan_shares(extraction, scopes, pressure_table, planned, gaps)
    council_build = budget_build(extraction, scopes, childrens=False)
    childrens_build = budget_build(extraction, scopes, childrens=True)
    return Selection(
        service_lines=services,
        monitoring_rows=with_totals(services, [t for t in totals if t.scope not in RING_FENCED]),
        dsg_rows=with_totals(dsg, [t for t in totals if t.scope in RING_FENCED]),
        overspends=overspending(services),
        scope_groups=scope_groups(services, scopes.line_labels()),
        savings=items,
        tracked=tracked,
        at_risk=at_risk_items(items),
        savings_totals={
            "target": total(s.target_in_year_gbp for s in tracked),
            "forecast": total(s.forecast_gbp for s in tracked),
            "shortfall": total(s.shortfall_in_year_gbp for s in tracked),
        },
        rag_groups=by_rag(tracked),
        years=years,
        gaps=gaps,
        pressures=pressure_table,
        planned=planned,
        plan_shares=shares,
        growth_checks=growth_checks(pressure_table, _builds_of(extraction, scopes, childrens=True)),
        plan_lines=with_others(by_year(plans, years, scopes), plans, items),
        plan_years=plan_years(extraction, []),
        has_pressures=bool(extraction.pressures),
        statements=statements,
        statements_shown=min(len(statements), MAX_STATEMENTS),
        carried_variances=[] if services else carried_variances(extraction, scopes, position.current_year),
        left_out=left_out(extraction, len(items) + len(pressures)),
        driver_factors=council_factors(council, drivers),
        line_scopes=scopes.line_scopes(),
        line_labels=scopes.line_labels(),
        budget_build=childrens_build,
        council_build=council_build,
        council_build_nets=build_nets(council_build, shares),
        savings_removed=savings_removed(childrens_build, council_build),
        plan_builds=plan_builds(extraction, scopes),
    )


def budget_build(extraction: Extraction, scopes: ScopeIndex, childrens: bool) -> BudgetBuild | None:
    """The children's directorate's build (`childrens`), or the council's: a verified one before
    any other, then one a single-year table gives before a plan's (whose first year is next
    year's), then the latest year, then the first read. One that does not add up is chosen only
    where no other is, for the pack to say so, never to headline its figures."""
    wanted = _builds_of(extraction, scopes, childrens)
    in_plan = {id(b) for series in _plans(wanted) for b in series}

    def rank(ib: tuple[int, BudgetBuild]) -> tuple[bool, bool, int, int]:
        i, b = ib
        planned = id(b) in in_plan
        year = -_year(b.period) if planned else _year(b.period)  # a plan's first year, else the latest
        return (b.verification is not Verification.VERIFIED, planned, year, i)

    ranked = sorted(enumerate(wanted), key=rank)
    return ranked[0][1] if ranked else None


def plan_builds(extraction: Extraction, scopes: ScopeIndex) -> list[BudgetBuild]:
    """The build of a multi-year plan, one per year, oldest first: the children's directorate's
    where a document gives it, else the council's; of two plans, the one over more years."""
    for childrens in (True, False):
        plans = _plans(_builds_of(extraction, scopes, childrens))
        if plans:
            return max(plans, key=len)
    return []


def _builds_of(extraction: Extraction, scopes: ScopeIndex, childrens: bool) -> list[BudgetBuild]:
    if childrens:
        return [b for b in extraction.budget_builds if is_childrens(scopes.budget_build(b))]
    return [
        b
        for b in extraction.budget_builds
        if b.level == "council" and scopes.budget_build(b) is Scope.COUNCIL_WIDE
    ]


def _plans(builds: list[BudgetBuild]) -> list[list[BudgetBuild]]:
    """The builds one document gives for one name over two years or more, each series one build
    a year (the first read of a year), oldest first."""
    series: dict[tuple[str, str, str], dict[str, BudgetBuild]] = {}
    for b in builds:
        key = (b.provenance[0].file if b.provenance else "", b.name, b.level)
        series.setdefault(key, {}).setdefault(b.period, b)
    return [
        [years[p] for p in sorted(years, key=_year, reverse=True)]
        for years in series.values()
        if len(years) >= MIN_PLAN_YEARS
    ]


def _year(period: str) -> int:
    """Minus the year a period starts ("2025-26" is -2025), so the latest sorts first."""
    digits = "".join(ch for ch in period[:4] if ch.isdigit())
    return -int(digits) if len(digits) == 4 else 0


def service_lines(extraction: Extraction, scopes: ScopeIndex) -> list[ScopedBudgetLine]:
    """The children's directorate's General Fund service lines, in the order of its scopes and then
    as read: a whole-council monitoring report's adults', highways' and waste lines are not the
    review's, and the ring-fenced DSG's blocks are the DSG's (`dsg_lines`)."""
    return [b for b in _childrens_lines(extraction, scopes) if b.scope not in RING_FENCED]


def dsg_lines(extraction: Extraction, scopes: ScopeIndex) -> list[ScopedBudgetLine]:
    """The ring-fenced DSG's lines of the budget monitoring (its blocks), shown with the DSG."""
    return [b for b in _childrens_lines(extraction, scopes) if b.scope in RING_FENCED]


def _childrens_lines(extraction: Extraction, scopes: ScopeIndex) -> list[ScopedBudgetLine]:
    lines = [b for b in extraction.budget_lines if b.level == "service_line"]
    scoped = [_scoped(b, scopes) for b in lines]
    return shown_in_groups([b for b in scoped if is_childrens(b.scope)], scopes)


def with_totals(lines: list[ScopedBudgetLine], totals: list[ScopedBudgetLine]) -> list[ScopedBudgetLine]:
    """The lines with each total row after the last line of its own division (its document's lines
    of its directorate, a table continued over a page break included: "Children's Services
    subtotal" after the division's last service), the totals of no line shown (the council's) after
    them all, as read."""
    rows = list(lines)
    for t in totals:
        own = [i for i, b in enumerate(rows) if _same_division(b, t)]
        rows.insert(own[-1] + 1 if own else len(rows), t)
    return rows


def _same_division(line: ScopedBudgetLine, total: ScopedBudgetLine) -> bool:
    return bool(total.directorate) and (line.directorate, line.provenance[0].file) == (
        total.directorate,
        total.provenance[0].file,
    )


_Grouped = TypeVar("_Grouped", ScopedBudgetLine, CarriedVariance)


def shown_in_groups(lines: list[_Grouped], scopes: ScopeIndex) -> list[_Grouped]:
    """Lines in the order of the directorate's scopes, then as read; a line of the whole directorate
    (its overheads), which sits in a group of its own (analyse.records.group_name), after every
    service's."""
    named = scopes.line_labels()
    return sorted(
        lines, key=lambda b: (line_key(b.provenance) in named, CHILDRENS_DIRECTORATE.index(b.scope))
    )


def carried_variances(
    extraction: Extraction, scopes: ScopeIndex, stated: Iterable[StatedForecast] = ()
) -> list[CarriedVariance]:
    """The children's lines a budget build files under a category that carries the current year's
    monitoring variances (`carries_current_year_variances`), each with its change to its plan's
    first year, in the order of the directorate's scopes and then as read: where no service-line
    monitoring was received, where the documents locate the current year's over- and underspends.
    Other directorates' lines are not the review's; a line the first year does not change says
    nothing of the current year; a line its plan marks externally funded (a realignment within a
    grant) is left out, as the pressures keep such lines out of the General Fund's core: it carries
    no over- or underspend of the council's own budget. Each carries the `stated` prose forecasts of
    the current year that name it."""
    said = [s for s in stated if s.source == "prose"]
    out = []
    for line in extraction.pressures:
        first = min(line.planned, key=lambda p: p.period, default=None)
        if is_total(line.title) or not carries_current_year_variances(line.category) or not first:
            continue
        if line.funding == "external":
            continue
        scope = scopes.plan_line(line)
        if is_childrens(scope) and first.amount_gbp:
            out.append(
                CarriedVariance(
                    **line.model_dump(),
                    scope=scope,
                    period=first.period,
                    current_year=previous_year(first.period),
                    amount_gbp=first.amount_gbp,
                    doubt=doubt(line, detail=False).strip(),
                    stated=[s for s in said if names_line(s.words, line.title)],
                )
            )
    return shown_in_groups(out, scopes)


def overspending(services: list[ScopedBudgetLine]) -> list[ScopedBudgetLine]:
    """General Fund service lines forecast over budget, largest first: a ring-fenced DSG block's
    overspend is the grant's (the DSG section's), not the children's services' position's."""
    general = [b for b in services if b.scope not in RING_FENCED and (b.variance_gbp or 0) > 0]
    return sorted(general, key=lambda b: -(b.variance_gbp or 0))


def _scoped(line: BudgetLine, scopes: ScopeIndex) -> ScopedBudgetLine:
    return ScopedBudgetLine(
        **line.model_dump(),
        scope=scopes.budget_line(line),
        doubt=doubt(line, detail=False).strip(),
        doubts=line_doubts(line),
    )


def total_lines(
    extraction: Extraction, scopes: ScopeIndex, shown: list[ScopedBudgetLine]
) -> list[ScopedBudgetLine]:
    """The council's totals (council-wide) and the children's directorate rows, from the documents
    the lines `shown` come from: another quarter's totals would not add up to them."""
    files = {b.provenance[0].file for b in shown}
    lines = [
        _scoped(b, scopes)
        for b in extraction.budget_lines
        if b.level != "service_line" and (not files or b.provenance[0].file in files)
    ]
    return [b for b in lines if b.level == "total" or is_childrens(b.scope)]


def _summed_doubts(lines: list[ScopedBudgetLine]) -> dict[str, str]:
    """The figures of a sum of lines in doubt: those its lines' doubts reach, field by field (a line
    whose variance alone is the slip leaves the sum of budgets and of forecasts sound)."""
    found: dict[str, str] = {}
    for line in lines:
        for name, words in line.doubts.items():
            found.setdefault(name, words)
    return found


def scope_groups(services: list[ScopedBudgetLine], line_labels: dict[str, str]) -> list[ScopeGroup]:
    """The service lines summed by the group each sits in (analyse.records.group_name, as the
    monitoring table groups them), in the order the lines are shown: an underspend in one can mask
    an overspend in another. A sum of a line in doubt is in doubt as that line is."""
    groups: dict[str, list[ScopedBudgetLine]] = defaultdict(list)
    for line in services:
        groups[group_name(line.scope, line_labels, line.provenance)].append(line)
    return [
        ScopeGroup(
            scope=lines[0].scope,
            name=name,
            lines=len(lines),
            budget_gbp=total(b.budget_gbp for b in lines),
            forecast_gbp=total(b.forecast_gbp for b in lines),
            variance_gbp=total(b.variance_gbp for b in lines),
            doubts=_summed_doubts(lines),
        )
        for name, lines in groups.items()
    ]


def saving_items(
    extraction: Extraction, scopes: ScopeIndex, assessments: list[Assessment], period: str | None
) -> list[SavingItem]:
    """The children's directorate's savings lines (tracker and plan rows), less totals and grant
    changes, each with the review's judgement of it."""
    lines = [s for s in item_savings(extraction.savings) if not is_grant_change(s)]
    out = []
    for line in lines:
        scope = scopes.plan_line(line)
        if is_childrens(scope):
            item = _item(line, scope, _assessment_of(line, assessments), period)
            out.append(item.model_copy(update={"summary_row": summary_row(line, scopes)}))
    return out


def _assessment_of(line: SavingsLine, assessments: list[Assessment]) -> Assessment | None:
    """The assessment of this row, else of the tracker's row for the same saving."""
    exact = next((a for a in assessments if a.line.provenance == line.provenance), None)
    return exact or next((a for a in assessments if same_saving(a.line, line)), None)


def _item(line: SavingsLine, scope: Scope, assessment: Assessment | None, period: str | None) -> SavingItem:
    target = saving_target(line)
    flags = assessment.flags if assessment else []
    return SavingItem(
        **line.model_dump(),
        scope=scope,
        year=line.period or (line.planned[0].period if line.planned else None),
        target_in_year_gbp=target,
        shortfall_in_year_gbp=shortfall(line, target),
        at_risk_in_year_gbp=assessment.at_risk_gbp if assessment else 0.0,
        whole_target_at_risk=bool(assessment and assessment.whole_target_at_risk),
        judged_at_risk=bool(assessment and assessment.at_risk),
        reasons=flags[0].reasons if flags else [],
    )


def saving_target(line: SavingsLine) -> float | None:
    """A tracker's target, else the plan's first planned amount."""
    if line.target_gbp is not None:
        return line.target_gbp
    return line.planned[0].amount_gbp if line.planned else None


def shortfall(line: SavingsLine, target: float | None) -> float | None:
    """Target less forecast where both are given, else the tracker's own shortfall."""
    if target is not None and line.forecast_gbp is not None:
        return target - line.forecast_gbp
    return line.shortfall_gbp


def at_risk_items(items: list[SavingItem]) -> list[SavingItem]:
    """Each saving judged at risk once (the tracker's row, not the plan's row for it), largest
    money at risk first."""
    risky = [s for s in items if s.judged_at_risk]
    tracked = [s for s in risky if is_tracked(s)]
    once = tracked + [s for s in risky if not is_tracked(s) and not any(same_saving(s, t) for t in tracked)]
    return sorted(once, key=lambda s: -s.at_risk_in_year_gbp)


# Two documents' figures for one saving agree within a £000 table's rounding.
def plan_only(lines: list[SavingItem]) -> list[SavingItem]:
    """The plans' lines, each saving once: where a savings plan and the MTFP both list it, the
    document whose figure for the year the other documents (a tracker included) agree with stands,
    the first listed on a tie (the sources disagreeing is a reconciliation finding, not two
    savings); lines of one name within one document are distinct savings and all stay."""
    by_key: dict[frozenset[str], list[SavingItem]] = {}
    for line in lines:
        by_key.setdefault(frozenset(content_words(line.title)), []).append(line)
    chosen_file = {key: _agreed_file(same) for key, same in by_key.items()}
    return [
        s
        for s in lines
        if not is_tracked(s) and s.provenance[0].file == chosen_file[frozenset(content_words(s.title))]
    ]


def _agreed_file(same: list[SavingItem]) -> str | None:
    """Of the plans listing one saving, the file whose in-year figure most of the others share."""
    plans = [s for s in same if not is_tracked(s)]
    if not plans:
        return None

    def votes(plan: SavingItem) -> int:
        mine = plan.target_in_year_gbp
        return sum(
            1
            for other in same
            if other.provenance[0].file != plan.provenance[0].file
            and mine is not None
            and other.target_in_year_gbp is not None
            and not differ(abs(other.target_in_year_gbp), abs(mine))
        )

    return max(plans, key=votes).provenance[0].file  # max keeps the first listed on a tie


def with_others(table: YearTable, shown: list[SavingItem], items: list[SavingItem]) -> YearTable:
    """The table with each row's differing figures from the other documents listing its saving."""
    rows = [
        row.model_copy(update={"others": other_figures(line, items, table.years)})
        for row, line in zip(table.rows, shown, strict=True)
    ]
    return table.model_copy(update={"rows": rows})


def other_figures(line: SavingItem, items: list[SavingItem], years: list[str]) -> list[OtherFigure]:
    """What other documents (another plan, the tracker) give the same saving for the table's years,
    where it differs from the line's own figure for that year (analyse.reconcile's rule)."""
    mine = _by_year(line)
    out = []
    for other in items:
        if other.provenance[0].file == line.provenance[0].file or not same_saving(other, line):
            continue
        for period, amount in _by_year(other).items():
            have = mine.get(period)
            if period in years and have is not None and differ(abs(amount), abs(have)):
                out.append(OtherFigure(period=period, amount_gbp=amount, provenance=other.provenance))
    return out


def _by_year(line: SavingItem) -> dict[str, float]:
    """A saving's amount by year: its plan's phasing, and a tracker's target for its year."""
    amounts: dict[str, float] = defaultdict(float)
    for p in line.planned:
        amounts[p.period] += p.amount_gbp
    if line.year and line.target_gbp is not None:
        amounts.setdefault(line.year, line.target_gbp)
    return dict(amounts)


def pressure_items(extraction: Extraction, scopes: ScopeIndex) -> list[PlanLine]:
    """The children's directorate's pressures, less total rows. A pressure filed under a change in
    grant ("Reduction in Grant Income") stays: a loss of grant is a pressure on the net budget."""
    lines = [p for p in extraction.pressures if not is_total(p.title)]
    return [p for p in lines if is_childrens(scopes.plan_line(p))]


def left_out(extraction: Extraction, shown: int) -> int:
    """How many savings and pressures lines the pack leaves out as another directorate's (or capital)."""
    items = [line for line in [*extraction.savings, *extraction.pressures] if not is_total(line.title)]
    return max(len(items) - shown, 0)


def total(values: Iterable[float | None]) -> float | None:
    """Sum of the values given, or None when none is known (a blank stays blank)."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def by_rag(lines: list[SavingItem]) -> list[RagGroup]:
    """The savings grouped by their tracker's own ratings (analyse.records.rating_name: "Dark
    Amber" apart from "Amber"), each group keeping its colour, in the ratings' order."""
    groups: dict[tuple[str | None, str], list[SavingItem]] = defaultdict(list)
    for line in lines:
        rag = line.rag.value if line.rag else None
        groups[(rag, rating_name(rag, line.rag_text))].append(line)
    return [
        RagGroup(
            rag=rag,
            name=name,
            count=len(groups[(rag, name)]),
            target=total(s.target_in_year_gbp for s in groups[(rag, name)]),
            forecast=total(s.forecast_gbp for s in groups[(rag, name)]),
        )
        for rag, name in sorted(groups, key=lambda key: rating_order(*key))
    ]


def by_year(lines: Iterable[PlanLine], years: list[str], scopes: ScopeIndex) -> YearTable:
    rows = []
    for line in lines:
        amounts: dict[str, float] = defaultdict(float)
        for p in line.planned:
            amounts[p.period] += p.amount_gbp
        rows.append(
            YearRow(
                ref=line.ref,
                title=line.title,
                service_area=line.service_area,
                scope=line.scope if isinstance(line, SavingItem) else scopes.plan_line(line),
                judged_at_risk=isinstance(line, SavingItem) and line.judged_at_risk,
                amounts=[amounts.get(y) for y in years],
                provenance=line.provenance,
                reviewed=line.reviewed,
                funding=line.funding,
            )
        )
    general = [r for r in rows if r.scope not in RING_FENCED]
    core = [r for r in general if r.funding != "external"]
    external = [r for r in general if r.funding == "external"]
    return YearTable(
        years=years,
        rows=rows,
        totals=[total(r.amounts[i] for r in rows) for i in range(len(years))],
        general_fund=[total(r.amounts[i] for r in core) for i in range(len(years))],
        external=[total(r.amounts[i] for r in external) for i in range(len(years))] if external else [],
        ring_fenced=part_by_year(rows, RING_FENCED, len(years)),
        adults=part_by_year(rows, ADULTS_APART, len(years)),
    )


def part_by_year(rows: list[YearRow], scopes: frozenset[Scope], years: int) -> list[float | None]:
    """The part of each year's total in `scopes` (the sum of those rows); empty where no row is."""
    mine = [r for r in rows if r.scope in scopes]
    return [total(r.amounts[i] for r in mine) for i in range(years)] if mine else []


def growth_checks(table: YearTable, builds: list[BudgetBuild]) -> list[GrowthCheck]:
    """Each year's children's pressures against the growth of the children's directorate's build
    for that year (the first build read of a year, a verified one before any other): the pressures
    and the build are two of the council's documents stating the same growth."""
    ranked = sorted(builds, key=lambda b: b.verification is not Verification.VERIFIED)
    out: dict[str, GrowthCheck] = {}
    for b in ranked:
        if b.growth_gbp is None or b.period not in table.years or b.period in out:
            continue
        at = table.years.index(b.period)
        listed = table.totals[at]
        if listed is None:
            continue
        core = table.general_fund[at] if table.external else None
        out[b.period] = GrowthCheck(
            period=b.period,
            build_name=b.name,
            pressures_gbp=listed,
            growth_gbp=b.growth_gbp,
            difference_gbp=listed - b.growth_gbp,
            agree=not differ(listed, b.growth_gbp),
            provenance=b.provenance,
            core_pressures_gbp=core,
            core_growth_gbp=b.core_growth_gbp,
            core_agree=None
            if core is None or b.core_growth_gbp is None
            else not differ(core, b.core_growth_gbp),
        )
    return [out[y] for y in table.years if y in out]


GAP_WORDS = ("gap", "shortfall to be found", "funding shortfall")


def stated_gaps(position: Position, extraction: Extraction) -> list[GapYear]:
    """The council-wide MTFP gap by year: the position's, else money figures a document labels a gap."""
    if position.mtfp_gap:
        # a gap with no year (the document gave none) sorts last
        return sorted(position.mtfp_gap, key=lambda g: (g.period is None, g.period or ""))
    found: dict[str, GapYear] = {}
    for f in extraction.figures:
        label = (f.label or "").lower()
        if f.unit == "gbp" and f.period and any(w in label for w in GAP_WORDS):
            found.setdefault(f.period, GapYear(period=f.period, amount_gbp=f.value, provenance=f.provenance))
    return [found[p] for p in sorted(found)]


def plan_years(extraction: Extraction, gaps: list[GapYear]) -> list[str]:
    years = {p.period for line in [*extraction.pressures, *extraction.savings] for p in line.planned}
    years |= {g.period for g in gaps if g.period}
    return sorted(years)


MONEY_SENTENCE = (
    "pressure",
    "growth",
    "saving",
    "overspen",
    "underspen",
    "budget",
    "spend",
    "cost",
    "gap",
    "deficit",
    "investment",
    "increase",
)
# A percentage states money where its sentence names money and a variance or change in it ("The
# budget estimates for disabled children in care show a much larger variance (20%)"), not a count's
# change ("the number of children with EHCPs increased by 11%") nor a share of children.
MONEY_NOUNS = ("budget", "spend", "cost", "funding", "overspen", "underspen", "pressure", "saving", "deficit")
CHANGE_WORDS = (
    "variance",
    "overspen",
    "underspen",
    "increase",
    "decrease",
    "reduc",
    "rise",
    "risen",
    "growth",
)


def states_money(figure: Figure) -> bool:
    """A prose figure stating money: a sum in pounds in a sentence about money, or a percentage
    variance or change in money (`MONEY_NOUNS`, `CHANGE_WORDS`)."""
    text = figure.text.lower()
    if figure.unit == FigureUnit.GBP:
        return figure.value > 0 and any(w in text for w in MONEY_SENTENCE)
    if figure.unit == FigureUnit.PERCENT:
        return any(w in text for w in MONEY_NOUNS) and any(w in text for w in CHANGE_WORDS)
    return False


VARIANCE_WORDS = ("variance", "overspen", "underspen")


def variance_percent(text: str, figures: list[Figure]) -> float | None:
    """The material variance a sentence states only as a percentage (no sum in pounds beside it)."""
    if not any(w in text.lower() for w in VARIANCE_WORDS) or any(f.unit == FigureUnit.GBP for f in figures):
        return None
    shares = [
        f.value for f in figures if f.unit == FigureUnit.PERCENT and abs(f.value) >= MATERIAL_VARIANCE_PERCENT
    ]
    return max(shares, key=abs) if shares else None


def children_statements(extraction: Extraction, scopes: ScopeIndex) -> list[Statement]:
    """Sentences stating money about the children's directorate (in pounds, or a variance or change
    in it as a percentage), once each, in document order, every one; those about reserves are left to
    the reserves list. A sentence about another directorate's line is not one (`ScopeIndex.sentence`)."""
    grouped: dict[str, list[Figure]] = {}
    for fig in extraction.figures:
        if states_money(fig) and is_childrens(scopes.sentence(fig.text)):
            grouped.setdefault(fig.text, []).append(fig)
    kept = [
        Statement(
            text=text,
            provenance=[p for f in figs for p in f.provenance][:1],
            scope=scopes.sentence(text),
            label=statement_label(text, scopes.sentence(text), scopes.apart),
            variance_percent=variance_percent(text, figs),
        )
        for text, figs in grouped.items()
        if "reserve" not in text.lower()
    ]
    return kept


def council_factors(council: Council, drivers: Drivers) -> list[Factor]:
    """The model's factors that bear on this council: deprivation and size, and its own type and
    region where they differ from the model's reference (other types' and regions' terms do not)."""
    own = {
        f"type: {TYPE_NAMES.get(council.la_type or '', council.la_type or '')}",
        f"region: {council.region}",
    }
    return [f for f in drivers.factors if not f.name.startswith(("type: ", "region: ")) or f.name in own]


def savings_removed(childrens: BudgetBuild | None, council: BudgetBuild | None) -> SavingsRemoved | None:
    """The earlier savings the children's build states it removes as undelivered, with the council's
    where its build is of the same year and read in the same kind of column; None where the
    children's build states none."""
    if childrens is None or childrens.savings_removed is None:
        return None
    same_year = council is not None and council.period == childrens.period
    whole = council.savings_removed if council is not None and same_year else None
    in_all = council.savings_removed_in_all if council is not None and same_year else None
    return SavingsRemoved(
        period=childrens.period,
        name=childrens.name,
        childrens=childrens.savings_removed,
        council=whole if whole is not None and whole.kind == childrens.savings_removed.kind else None,
        childrens_in_all=childrens.savings_removed_in_all,
        council_in_all=in_all if childrens.savings_removed_in_all is not None else None,
    )


def build_nets(build: BudgetBuild | None, shares: list[PlanShare]) -> PlanShare | None:
    """The plan year whose memorandum states the earlier years' savings reversed (undelivered or
    temporary) that the council's budget build's savings are net of: its new savings and income are
    what the children's share is of (analyse.plan_share), so the build says its own figure is net."""
    if build is None:
        return None
    return next((s for s in shares if s.period == build.period and s.council_savings_nets_gbp), None)
