"""The review: everything the pack is rendered from, composed from an extraction and the benchmarks.

`build_review` only composes: each piece (position, flags, reconciliation, benchmarks, scenarios,
themes, lines of enquiry) is its own module and function. Without a benchmark table the review has no
benchmark, driver or scenario figures, and says so in its caveats rather than guessing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from analyse.amounts import fullest_document, in_period, review_period
from analyse.benchmark_flags import benchmark_flags, benchmark_lines, with_neighbour_quartiles, with_uasc
from analyse.benchmarks.catalogue import PUBLIC_NAMES
from analyse.benchmarks.own import (
    contradicts,
    costs_gaps,
    demand_grounds,
    judged_benchmarks,
    own_figures,
    own_measures,
    scenario_inputs,
    stated_comparisons,
)
from analyse.current_year import current_year_forecasts
from analyse.decisions import unsettled_decisions
from analyse.demand import rising_against_target
from analyse.derived import with_derived
from analyse.diagnostic import diagnostic
from analyse.dsg import dsg_position, plan_not_received
from analyse.enquiry import is_childrens_risk, lines_of_enquiry, ranking_rule, register_risks, savings_risks
from analyse.flags import (
    Assessment,
    Context,
    assess_savings,
    council_wide_as_one,
    doubt_said_once,
    judgements,
    overspend_flags,
    stated_otherwise_said,
)
from analyse.fostering import fostering_split
from analyse.gap_savings import with_identified, with_unidentified
from analyse.held_centrally import held_centrally
from analyse.meeting import dated_position
from analyse.missing import missing_documents
from analyse.placement_costs import implied_counts, placement_costs, placement_flags
from analyse.position import budget_position, rows_in_doubt
from analyse.rag_key import rag_keys
from analyse.reconcile import checks_count, reconciliation_flags, reconciliations
from analyse.records import (
    Benchmark,
    Council,
    Drivers,
    Flag,
    LineOfEnquiry,
    OwnFigure,
    Position,
    Reconciliation,
    Review,
    ReviewerFinding,
    SavingsMonitoring,
    Scope,
    Theme,
)
from analyse.recovery import actions_outside_forecast
from analyse.reserve_policy import reserve_policy
from analyse.reserves import beside_one_offs, reserves
from analyse.reviewer_findings import cited_findings
from analyse.savings_monitoring import savings_monitoring
from analyse.scenarios import Measure, against_plans, measures_from, scenarios
from analyse.scope import (
    ScopeIndex,
    childrens_own_money,
    is_childrens,
    may_be_flagged,
    scope_index,
    text_scope,
    without_grant_changes,
)
from analyse.selection import pack_selection
from analyse.slipped import with_slipped_lines
from analyse.stages import staged_position
from analyse.stated import figure_flags, not_restated, not_stated_otherwise
from analyse.stated_pressures import with_stated_pressures
from analyse.summary import savings_summary
from analyse.targets import stated_targets, targets_read, targets_stated_differently
from analyse.themes import tag_flags, themes_summary
from analyse.transfers import budget_transfers
from extract.records import Extraction, Figure, Provenance, Risk, money_records

if TYPE_CHECKING:
    from analyse.benchmarks import BenchmarkTable

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def build_review(
    extraction: Extraction,
    benchmarks: BenchmarkTable | None = None,
    council_override: str | None = None,
    reviewers: Sequence[ReviewerFinding] = (),
) -> Review:
    """The review of a bundle's extraction; `reviewers` are the findings reviewers wrote for it."""
    findings = cited_findings(reviewers, extraction)
    # a line the documents state otherwise, as its total's shortfall points to, is in doubt as read
    extraction = with_slipped_lines(extraction)
    as_read = money_records(extraction)  # its rows in doubt are counted before any is set aside
    extraction = with_stated_pressures(without_grant_changes(extraction))
    scopes = scope_index(extraction)
    period = review_period(extraction)
    council = identify(extraction, benchmarks, council_override)
    found = benchmark_records(benchmarks, council, costs_gaps(council.benchmarked_as))
    owned = own_figures(extraction.figures, found, council.benchmarked_as)
    judged = judged_benchmarks(found, council.benchmarked_as)
    budget_lines = in_period(extraction.budget_lines, period)
    position = budget_position(extraction, period, scopes)
    found_reserves = reserves(extraction)
    position = position.model_copy(
        update={
            "mtfp_gap": with_identified(
                with_unidentified(beside_one_offs(position.mtfp_gap, found_reserves), extraction.savings),
                extraction.figures,
                scopes,
                extraction.tables,
            ),
            "current_year": current_year_forecasts(extraction, period),
            "transfers": budget_transfers(extraction, period, scopes),
            "held_centrally": held_centrally(extraction, period),
            "actions_outside_forecast": actions_outside_forecast(extraction.passages),
        }
    )
    position = staged_position(dated_position(position, extraction), extraction.figures, scopes)
    doubted = rows_in_doubt(as_read, position, extraction.figures)
    monitored = fullest_document(budget_lines)
    grounds = demand_grounds(found, owned, council.benchmarked_as)
    decisions = unsettled_decisions(extraction)
    context = Context(
        period,
        monitored,
        grounds,
        scopes,
        decisions=decisions,
        risks=extraction.risks,
        shortfall_statement=shortfall_statement(extraction, period),
        passages=extraction.passages,
        rag_keys=rag_keys(extraction.tables),
        pressures=extraction.pressures,
    )
    assessments = assess_savings(extraction.savings, context)
    recs = scoped_reconciliations(reconciliations(extraction, found_reserves, scopes), scopes)
    overspends = overspend_flags(monitored, scopes, extraction.passages)
    placed = placement_costs(monitored, own_measures(extraction.figures), scopes)
    flags = tag_flags(
        one_per_fact(
            stated_otherwise_said(
                council_wide_as_one([f for a in assessments for f in a.flags])
                + overspends
                + placement_flags(placed)
                + scoped_flags(
                    not_stated_otherwise(
                        not_restated(figure_flags(extraction.figures, scopes), overspends), recs
                    )
                    + doubt_said_once(reconciliation_flags(recs), overspends, monitored),
                    scopes,
                )
                + [
                    f.model_copy(update={"scope": benchmark_scope(f.subject)})
                    for f in benchmark_flags(judged)
                ],
                recs,
            )
        )
    )
    review_drivers = drivers(benchmarks, council)
    targets = targets_read(extraction.passages, extraction.tables)
    not_received = missing_documents(extraction)
    missing = [m.label for m in not_received]
    selection = pack_selection(extraction, scopes, assessments, position, council, review_drivers)
    diagnosed = diagnostic(extraction, scopes, position, selection.service_lines, found_reserves)
    dsg = dsg_position(extraction, scopes, period, diagnosed.reserves, position)
    policy = reserve_policy(extraction.passages, dsg.general_reserve, extraction.budget_builds, position)
    dsg = dsg.model_copy(
        update={"reserve_policy": policy, "plan_not_received": plan_not_received(dsg.plan, not_received)}
    )
    measures = scenario_inputs(
        scenario_measures(benchmarks, council, found),
        extraction.figures,
        council.benchmarked_as,
        budget_lines,
        implied_counts(placed),
    ) | stated_targets(targets)
    savings_judged = judgements(assessments)  # for the questions and the pack's table alike
    enquiry = lines_of_enquiry(
        flags,
        recs,
        position,
        not_received,
        _benchmark_lines(flags, judged, extraction.risks),
        extraction.risks,
        dsg,
        selection.statements,
        selection.carried_variances,
        savings_judged,
        rising_against_target(measures, extraction.passages, pressures=extraction.pressures, period=period),
        differing := targets_stated_differently(targets),
        budget_lines,
        selection.plan_shares,
    )
    review = Review(
        council=council,
        documents=extraction.documents,
        position=position,
        savings_summary=savings_summary(
            assessments,
            period,
            position.mtfp_gap,
            extraction.figures,
            scopes,
            position.children_scope,
            context.rag_keys,
        ),
        savings_monitoring=(monitoring := savings_monitoring(extraction.passages)),
        flags=flags,
        benchmarks=found,
        own_figures=owned,
        stated_comparisons=stated_comparisons(extraction.figures),
        drivers=review_drivers,
        source_names=dict(PUBLIC_NAMES),
        scenarios=(
            against_plans(
                scenarios(
                    measures,
                    fostering_split(extraction.figures),
                ),
                [a.line for a in assessments if a.children],
                period,
                extraction.savings,
            )
            if found
            else []
        ),
        placement_costs=placed,
        themes=children_themes(extraction, assessments, flags, period, scopes),
        lines_of_enquiry=enquiry,
        enquiry_ranking=ranking_rule(position.children_scope),
        childrens_risks=register_risks(extraction.risks, enquiry),
        savings_risks=savings_risks(extraction.risks, enquiry),
        savings_judged=savings_judged,
        reconciliations=recs,
        targets_stated_differently=differing,
        checks=checks_count(recs),
        missing_documents=missing,
        documents_missing=not_received,
        caveats=caveats(extraction, council, found, period, position, scopes, monitoring),
        rows_in_doubt=len(doubted),
        rows_doubted=doubted,
        selection=selection,
        findings=findings,
        diagnostic=diagnosed,
        dsg=dsg,
    )
    return with_derived(with_own_figures(review))


def shortfall_statement(extraction: Extraction, period: str | None) -> Figure | None:
    """The documents' first statement that the year's savings shortfall is, or is not, in the
    forecast (of the review year or of no year named)."""
    return next(
        (f for f in extraction.figures if f.in_forecast is not None and f.period in (None, period)), None
    )


def with_own_figures(review: Review) -> Review:
    """Each flag, saving judgement and scenario that rests on a national figure the council's own
    documents contradict (it cites that figure's source) says so in its own words (a scenario that
    took the council's own figure instead names it in its assumptions: analyse.scenarios)."""
    owns = review.own_figures

    def rests_on(provenance: list[Provenance]) -> list[OwnFigure]:
        return [o for o in owns if o.disagrees and all(p in provenance for p in o.national_provenance)]

    def said(text: str, provenance: list[Provenance]) -> str:
        notes = [n for o in rests_on(provenance) if (n := contradicts(o)) not in text]
        if not notes:
            return text
        text = text.rstrip()
        return " ".join([text if text.endswith((".", "?", "!")) else text + ".", *notes])

    flags = [f.model_copy(update={"message": said(f.message, f.provenance)}) for f in review.flags]
    judged = [
        j.model_copy(
            update={
                "reasons": [r.model_copy(update={"reason": said(r.reason, r.provenance)}) for r in j.reasons]
            }
        )
        for j in review.savings_judged
    ]
    shown = [
        sc.model_copy(update={"explanation": said(sc.explanation, sc.provenance)}) for sc in review.scenarios
    ]
    return review.model_copy(update={"flags": flags, "savings_judged": judged, "scenarios": shown})


def benchmark_scope(label: str) -> Scope:
    """A benchmark is children's social care's unless its measure names education, SEND or the DSG."""
    scope = text_scope(label)
    return (
        scope
        if scope in (Scope.EDUCATION_SEND_TRANSPORT, Scope.DSG_HIGH_NEEDS)
        else Scope.CHILDRENS_SOCIAL_CARE
    )


def _benchmark_lines(flags: list[Flag], found: list[Benchmark], risks: list[Risk]) -> list[LineOfEnquiry]:
    """Benchmark questions, placed by the measure they ask about."""
    return [
        q.model_copy(update={"scope": benchmark_scope(q.question)})
        for q in benchmark_lines(flags, found, [r for r in risks if is_childrens_risk(r)])
    ]


def scoped_reconciliations(recs: list[Reconciliation], scopes: ScopeIndex) -> list[Reconciliation]:
    """Each check with the scope of the line it checks (a council total's is council-wide), unless the
    check already carries its figures' own (a reserve's flow: analyse.reserves scopes it)."""
    return [r.model_copy(update={"scope": r.scope or scopes.of_provenance(r.provenance)}) for r in recs]


def scoped_flags(flags: list[Flag], scopes: ScopeIndex) -> list[Flag]:
    """Flags placed by the line (or sentence) they cite, unless already placed; none about another
    directorate or capital."""
    out = []
    for flag in flags:
        scope = (
            flag.scope
            or scopes.of_provenance(flag.provenance)
            or scopes.sentence(" ".join(p.text for p in flag.provenance[:1]) or flag.subject)
        )
        if may_be_flagged(scope):
            out.append(flag.model_copy(update={"scope": scope}))
    return out


def children_themes(
    extraction: Extraction,
    assessments: list[Assessment],
    flags: list[Flag],
    period: str | None,
    scopes: ScopeIndex,
) -> list[Theme]:
    """Themes of the children's own General Fund savings, pressures and flags (analyse.scope
    childrens_own_money): the adults' services the directorate holds and the lines its plan marks
    externally funded are not the children's themes' money, as they are kept apart in the pressures."""
    children = [a for a in assessments if childrens_own_money(a.scope)]
    savings = [a.line for a in children]
    pressures = [p for p in extraction.pressures if childrens_own_money(scopes.plan_line(p), p.funding)]
    scoped = [f for f in flags if childrens_own_money(f.scope)]
    at_risk = [a.at_risk_gbp for a in children]
    return themes_summary(savings, pressures, scoped, period, at_risk)


def one_per_fact(flags: list[Flag]) -> list[Flag]:
    """The flags, most severe first, each fact once. A fact is a figure of one record: the
    document (its sha), the place in it (page and row or paragraph) and the money. A record that
    reaches the flags by several routes (a total whose forecast and variance columns both miss
    their lines by the same £0.25m) is one flag, carrying the other routes' words as reasons and
    their sources; two rows of one page with the same amount are two records, and stay two."""
    kept: dict[tuple[str, str, str, float | None], int] = {}
    out: list[Flag] = []
    for flag in _ordered(flags):
        key = fact_key(flag)
        if key is None or key not in kept:
            if key is not None:
                kept[key] = len(out)
            out.append(flag)
            continue
        first = out[kept[key]]
        more = [p for p in flag.provenance if p not in first.provenance]
        out[kept[key]] = first.model_copy(
            update={
                "message": f"{first.message} {flag.message}",
                "reasons": (first.reasons or [first.message]) + (flag.reasons or [flag.message]),
                "reason_codes": (first.reason_codes or [first.code]) + (flag.reason_codes or [flag.code]),
                "provenance": first.provenance + more,
            }
        )
    return out


def fact_key(flag: Flag) -> tuple[str, str, str, float | None] | None:
    """The identity of the fact a flag is about: its record's document, place and money; none
    for a flag without money (a benchmark's trend, a question of words)."""
    if flag.amount_gbp is None or not flag.provenance:
        return None
    where = flag.provenance[0]
    return where.sha256, str(where.page), where.locator, round(flag.amount_gbp)


def _ordered(flags: list[Flag]) -> list[Flag]:
    return sorted(flags, key=lambda f: (SEVERITY_ORDER[f.severity], -abs(f.amount_gbp or 0.0)))


def identify(extraction: Extraction, table: BenchmarkTable | None, override: str | None) -> Council:
    """The council, by engineer D1's identifier where it is installed; else only the override's name."""
    try:
        from analyse.council import identify_council

        return identify_council(extraction, table, override)
    except (ImportError, OSError):  # no identifier installed, or no benchmark table to read names from
        return Council(name=override, method="set by user" if override else "not identified")


def benchmark_records(table: BenchmarkTable | None, council: Council, costed: bool = True) -> list[Benchmark]:
    """The council's benchmarks, each gap costed where `costed` (analyse.benchmarks.own.costs_gaps),
    each with what asylum-seeking children mean for it where they drive it (`with_uasc`)."""
    if table is None or not council.la_code:
        return []
    from analyse.benchmark_money import with_gap_costs
    from analyse.benchmarks import benchmarks_for

    found = with_uasc(with_neighbour_quartiles(benchmarks_for(council.la_code, table), table))
    return with_gap_costs(found, table, council.la_code) if costed else found


def drivers(table: BenchmarkTable | None, council: Council) -> Drivers:
    if table is None or not council.la_code:
        return Drivers()
    try:
        from analyse.drivers import drivers_of_spend
    except ImportError:
        return Drivers()
    return drivers_of_spend(table, council.la_code)


def scenario_measures(
    table: BenchmarkTable | None, council: Council, found: list[Benchmark]
) -> dict[str, Measure]:
    """Benchmark values, plus the number of children looked after (a count the pack does not chart)."""
    extra: dict[str, Measure] = {}
    rate = next((b for b in found if b.indicator == "cla_rate_per_10k"), None)
    if table is not None and council.la_code and rate is not None:
        from analyse.benchmarks import indicator_value

        value = indicator_value(table, council.la_code, "cla_number", rate.period)
        if value is not None:
            provenance = [
                p.model_copy(
                    update={
                        "locator": f"children looked after (count), LA {council.la_code}, {rate.period}",
                        "text": f"{value:g}",
                    }
                )
                for p in rate.provenance[:1]
            ]
            extra["cla_number"] = Measure(
                value, rate.period, f"Children looked after at 31 March ({rate.period})", provenance
            )
    return measures_from(found, extra)


def caveats(
    extraction: Extraction,
    council: Council,
    found: list[Benchmark],
    period: str | None,
    position: Position,
    scopes: ScopeIndex,
    monitoring: list[SavingsMonitoring],
) -> list[str]:
    notes = []
    if not found:
        notes.append(
            "No national benchmarks: "
            + (
                "no benchmark table was supplied."
                if council.la_code
                else f"{council.name} is not a council in the national statistics."
                if council.name
                else "the council was not identified."
            )
            + " Benchmarking, drivers of spend and scenarios are left out."
        )
    if period is None and position.period is None:
        notes.append("No financial year could be read from the documents.")
    monitored = fullest_document(in_period(extraction.budget_lines, period))
    others = sorted(
        {b.provenance[0].file for b in extraction.budget_lines} - {b.provenance[0].file for b in monitored}
    )
    if monitored and others:
        notes.append(
            f"The position and overspends are read from {monitored[0].provenance[0].file}; "
            f"budget lines in {', '.join(others)} are used only to check totals and agreement."
        )
    notes += _position_notes(extraction, position, scopes)
    return notes + _savings_notes(extraction, monitoring)


def _position_notes(extraction: Extraction, position: Position, scopes: ScopeIndex) -> list[str]:
    notes = [position.children_services_missing] if position.children_services_missing else []
    cs = position.children_services
    service_lines = any(
        b.level == "service_line" and is_childrens(scopes.budget_line(b)) for b in extraction.budget_lines
    )
    if cs.budget_gbp is None and cs.variance_gbp is not None and service_lines:
        notes.append(
            "No children's directorate summary row was found in the budget tables: the children's "
            "position is the variance a document states in prose, not a sum of service lines."
        )
    if not any(is_childrens(scopes.budget_line(b)) for b in extraction.budget_lines):
        if position.children_services.variance_gbp is not None:
            notes.append(
                "No children's services budget table was received: the children's position is the "
                "variance the documents state in prose, without the budget or forecast behind it."
            )
        else:
            notes.append(
                "No children's services budget lines were found: the children's position is not stated."
            )
    lines = extraction.budget_lines
    if lines and not any(b.forecast_gbp is not None or b.variance_gbp is not None for b in lines):
        budget = (
            "the proposed (draft) budget, not yet set, as the documents say"
            if position.budget_draft
            else "a budget (set or proposed, as the documents say)"
        )
        notes.append(
            f"No forecast outturn in the documents: the position is {budget}, not a forecast."
            if not position.current_year
            else f"No forecast outturn table in the documents: the position is {budget}; the documents state"
            f" their forecast for {position.current_year[0].year} in prose only."
        )
    return notes


def _savings_notes(extraction: Extraction, monitoring: list[SavingsMonitoring]) -> list[str]:
    notes = []
    if extraction.savings and all(s.target_gbp is None and s.rag is None for s in extraction.savings):
        notes.append(
            "Savings come from a plan without delivery tracking (no RAG ratings or forecasts): "
            "at-risk judgements rest on the plan's wording and phasing."
            + (f" {monitoring_said(monitoring)}" if monitoring else "")
        )
    return notes


def monitoring_said(monitoring: list[SavingsMonitoring]) -> str:
    """What the documents say in prose of savings monitoring, whose it is, and that no tracker came."""
    others = sum(m.scope == Scope.OTHER_DIRECTORATE for m in monitoring)
    whose = {0: "", len(monitoring): ", another directorate's, not the children's,"}.get(
        others, ", some of it another directorate's, not the children's,"
    )
    return (
        f"The documents describe in-year savings monitoring in prose{whose} (see the savings section),"
        " but no tracker or monitoring report with the children's savings was received."
    )
