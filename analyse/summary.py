"""The savings summary: the year's target, its forecast, and the money at risk against target and gap.

The summary is of the children's directorate's savings (analyse.scope placed each; a whole-council
plan also carries adults', highways' and waste's savings). The money at risk is each at-risk saving's
shortfall, once, as the documents state it (analyse.flags): a saving doubted only from benchmarks or
demand adds nothing, and without a tracker or forecast the money at risk is not known. A saving whose own arithmetic is contradicted (target less forecast is not its
shortfall) is counted as a line but left out of the sums: a marked figure never headlines.

Beside the money at risk: what the documents say of whether a savings shortfall is already in the
forecast (each amount once, every sentence stating it as its source), and whether the savings
tracker agrees with it. Like is compared with like: a council-wide shortfall ("The shortfall of
£4.1m is included in the forecast", in the council's monitoring report) with every directorate's
tracked lines summed, a children's shortfall with the children's lines; never one scope's figure
with another's.
"""

from __future__ import annotations

from analyse.flags import SHORT_ON_TRACK, UNALLOCATED_CODE, Assessment, unidentified_label
from analyse.rag_key import RagKeys
from analyse.records import (
    CHILDRENS_DIRECTORATE,
    SCOPE_NAMES,
    ChildrensScope,
    GapYear,
    RatingHeld,
    SavingsPart,
    SavingsScopePart,
    SavingsSummary,
    Scope,
    ShortfallInForecast,
    rating_name,
    rating_order,
)
from analyse.scope import ScopeIndex, is_childrens, summary_row
from extract.records import Figure, PeriodAmount, Verification
from extract.tables.vocabulary import CategoryKind, category_kind
from extract.verify.tolerance import Term, half_unit, holds


def savings_summary(
    assessments: list[Assessment],
    period: str | None,
    gap: list[GapYear],
    figures: list[Figure],
    scopes: ScopeIndex,
    scope: ChildrensScope | None = None,
    keys: RagKeys | None = None,
) -> SavingsSummary:
    children = [a for a in assessments if a.children]
    scoped = [a for a in children if a.line.verification != Verification.CONTRADICTED]
    with_amount = [a for a in scoped if a.amount_gbp is not None]
    target = _sum([a.amount_gbp for a in with_amount])
    at_risk = [a for a in scoped if a.at_risk]
    summaries = {id(a) for a in children if summary_row(a.line, scopes)}
    whole = [a for a in at_risk if a.whole_target_at_risk and a.at_risk_gbp]
    short = [a for a in at_risk if not a.whole_target_at_risk and a.at_risk_gbp]
    tracked = any(a.line.target_gbp is not None or a.line.rag is not None for a in scoped)
    # Nothing flagged in a tracked programme is £0 at risk; in an untracked plan it is not known.
    at_risk_gbp = sum(a.at_risk_gbp for a in at_risk) if at_risk else (0.0 if tracked else None)
    on_track_short = [
        (a, r.amount_gbp)
        for a in scoped
        if not a.at_risk and id(a) not in summaries
        for r in a.reasons
        if r.code == SHORT_ON_TRACK and r.amount_gbp
    ]
    gap_year = _gap_for(gap, period)
    gap_gbp = gap_year.amount_gbp if gap_year else None
    parts = savings_parts(with_amount)
    adults = _sum([a.amount_gbp for a in with_amount if a.scope is Scope.ADULTS_IN_CHILDRENS])
    return SavingsSummary(
        period=period,
        target_gbp=target,
        parts=parts,
        against_base_gbp=float(sum(p.amount_gbp for p in parts if p.kind is CategoryKind.SAVING))
        if parts
        else None,
        # a forecast of the whole year's savings only where every saving gives one: a part of them
        # is no forecast of the target it would be set beside
        forecast_gbp=_sum([a.line.forecast_gbp or 0.0 for a in with_amount])
        if with_amount and all(a.line.forecast_gbp is not None for a in with_amount)
        else None,
        at_risk_gbp=at_risk_gbp,
        # of the lines whose arithmetic holds; savings, not the rows that summarise a division
        at_risk_count=len([a for a in at_risk if id(a) not in summaries]),
        lines=len(children) - len(summaries),
        at_risk_whole_target_gbp=_sum([a.at_risk_gbp for a in whole]),
        at_risk_whole_target_count=len(whole),
        at_risk_shortfall_gbp=_sum([a.at_risk_gbp for a in short]),
        at_risk_shortfall_count=len(short),
        summary_lines=len(summaries),
        at_risk_summary_count=len([a for a in at_risk if id(a) in summaries]),
        short_on_track_gbp=_sum([amount for _, amount in on_track_short]),
        short_on_track_count=len(on_track_short),
        at_risk_ratings=ratings_held([a for a in at_risk if id(a) not in summaries], keys or {}),
        council_wide_flagged=len([a for a in assessments if a.scope is Scope.COUNCIL_WIDE and a.flags]),
        short_on_track_ratings=list(
            dict.fromkeys(
                rating_name(a.line.rag.value if a.line.rag else None, a.line.rag_text)
                for a, _ in on_track_short
            )
        ),
        contradicted_lines=len(children) - len(scoped),
        tracked=tracked,
        at_risk_share_of_target=_share(at_risk_gbp, target),
        mtfp_gap_gbp=gap_gbp,
        mtfp_gap_period=gap_year.period if gap_year else None,
        at_risk_share_of_gap=_share(at_risk_gbp, gap_gbp),
        unidentified_gbp=_sum(_unidentified(assessments, in_year=None)),
        unidentified_in_year_gbp=_sum(_unidentified(assessments, in_year=True)),
        unidentified_labels=_labels(assessments, "unidentified_saving"),
        council_unallocated_gbp=_sum(_flagged(assessments, UNALLOCATED_CODE)),
        council_unallocated_by_year=_unallocated_by_year(assessments),
        council_unallocated_labels=_labels(assessments, UNALLOCATED_CODE),
        adults_gbp=adults,
        children_target_gbp=target - (adults or 0.0) if children and target is not None else None,
        in_forecast=in_forecast(figures, period, assessments, scopes),
        by_scope=savings_by_scope(scoped, scope, tracked),
    )


def ratings_held(at_risk: list[Assessment], keys: RagKeys) -> list[RatingHeld]:
    """The savings at risk counted by their rating as the tracker words it, worst first, each with
    the meaning the tracker's own key gives it (its row cited); none where no saving is rated."""
    held: dict[str, RatingHeld] = {}
    colour: dict[str, str | None] = {}
    for a in at_risk:
        line = a.line
        if line.rag is None and not line.rag_text:
            continue
        rag = line.rag.value if line.rag else None
        name = rating_name(rag, line.rag_text)
        key = keys.get(line.provenance[0].file, {}) if line.provenance else {}
        said = " ".join((line.rag_text or rag or "").split()).lower()
        meaning = key.get(said) or key.get(name.lower())
        was = held.get(name)
        colour.setdefault(name, rag)
        held[name] = (
            was.model_copy(update={"count": was.count + 1, "amount_gbp": was.amount_gbp + a.at_risk_gbp})
            if was
            else RatingHeld(
                rating=name,
                count=1,
                amount_gbp=a.at_risk_gbp,
                meaning=meaning.meaning if meaning else None,
                provenance=list(meaning.provenance) if meaning else [],
            )
        )
    return sorted(held.values(), key=lambda h: rating_order(colour[h.rating], h.rating))


def savings_by_scope(
    scoped: list[Assessment], scope: ChildrensScope | None, tracked: bool
) -> list[SavingsScopePart]:
    """The savings split as the children's scope is (children's social care, then education, SEND
    and transport, as analyse.scope places each saving, whichever directorate's tracker lists it);
    none where the scope is one directorate, or one part holds no saving."""
    if scope is None:
        return []
    groups: dict[Scope, list[Assessment]] = {
        Scope.CHILDRENS_SOCIAL_CARE: [],
        Scope.EDUCATION_SEND_TRANSPORT: [],
    }
    for a in scoped:
        education = a.scope in (Scope.EDUCATION_SEND_TRANSPORT, Scope.DSG_HIGH_NEEDS)
        groups[Scope.EDUCATION_SEND_TRANSPORT if education else Scope.CHILDRENS_SOCIAL_CARE].append(a)
    if not all(groups.values()):
        return []
    parts = []
    for kind, group in groups.items():
        amounts = [a for a in group if a.amount_gbp is not None]
        at_risk = [a for a in group if a.at_risk]
        parts.append(
            SavingsScopePart(
                name=SCOPE_NAMES[kind],
                scope=kind,
                target_gbp=_sum([a.amount_gbp for a in amounts]),
                forecast_gbp=_sum([a.line.forecast_gbp for a in amounts])
                if amounts and all(a.line.forecast_gbp is not None for a in amounts)
                else None,
                at_risk_gbp=sum(a.at_risk_gbp for a in at_risk) if at_risk else (0.0 if tracked else None),
                lines=len(group),
                at_risk_count=len(at_risk),
                provenance=[a.line.provenance[0] for a in group],
            )
        )
    return parts


def savings_parts(assessments: list[Assessment]) -> list[SavingsPart]:
    """The year's savings summed by the category each line is filed under, in the plan's order;
    none where no line names a category (the plan gives no parts to show)."""
    if not any(a.line.category for a in assessments):
        return []
    groups: dict[str | None, list[Assessment]] = {}
    for a in assessments:
        groups.setdefault(a.line.category, []).append(a)
    return [
        SavingsPart(
            category=category,
            kind=category_kind(category),
            amount_gbp=float(sum(a.amount_gbp or 0.0 for a in group)),
            lines=len(group),
            provenance=[a.line.provenance[0] for a in group],
        )
        for category, group in groups.items()
    ]


def in_forecast(
    figures: list[Figure], period: str | None, assessments: list[Assessment], scopes: ScopeIndex
) -> list[ShortfallInForecast]:
    """The statements that a savings shortfall is (or is not) in the forecast, of the review year
    or of no year named, each with the tracker's shortfall of its own scope; another directorate's
    statement is not the review's."""
    out: dict[tuple[float, bool], ShortfallInForecast] = {}
    for f in figures:
        if f.in_forecast is None or f.period not in (None, period):
            continue
        scope = scopes.statement(f.text, f.provenance[0])
        if not (is_childrens(scope) or scope is Scope.COUNCIL_WIDE):
            continue
        key = (f.value, f.in_forecast)
        if key in out:
            have = out[key]
            more = [p for p in f.provenance if p not in have.provenance]
            out[key] = have.model_copy(update={"provenance": have.provenance + more})
            continue
        tracker = tracked_shortfall(assessments, period, scope)
        agrees = None if tracker is None else _agrees(f.value, tracker)
        out[key] = ShortfallInForecast(
            amount_gbp=f.value,
            included=f.in_forecast,
            scope=scope,
            tracker_gbp=tracker,
            agrees=agrees,
            holds_childrens=holds_childrens(f.in_forecast, scope, agrees),
            text=f.text,
            provenance=list(f.provenance),
        )
    return list(out.values())


def holds_childrens(included: bool, scope: Scope, agrees: bool | None) -> bool:
    """Whether a shortfall the documents say is (or is not) in the forecast holds the children's
    savings at risk, so that they are inside the children's overspend forecast: the children's
    directorate's own shortfall included in it, or the council's where the tracker's directorates,
    the children's among them, sum to it (Wyvern's Q2 p.2: "The shortfall of £4.1m is included in
    the forecast above")."""
    if not included:
        return False
    return scope is Scope.CHILDRENS_SOCIAL_CARE or (scope is Scope.COUNCIL_WIDE and agrees is True)


def tracked_shortfall(assessments: list[Assessment], period: str | None, scope: Scope) -> float | None:
    """The tracker's shortfall for the year (targets less forecasts, as a report sums them) over
    `scope`'s lines: every directorate's for the council's, where the tracker holds another
    directorate's at all; the whole directorate's for children's services; one service's own."""
    tracked = [
        a
        for a in assessments
        if a.line.target_gbp is not None
        and a.line.forecast_gbp is not None
        and a.line.period in (None, period)
        and a.line.verification != Verification.CONTRADICTED
    ]
    if scope is Scope.COUNCIL_WIDE:
        lines = tracked if any(not a.children for a in tracked) else []
    elif scope is Scope.CHILDRENS_SOCIAL_CARE:  # "children's services": the directorate
        lines = [a for a in tracked if a.children]
    else:
        lines = [a for a in tracked if a.scope is scope] if scope in CHILDRENS_DIRECTORATE else []
    return _sum([(a.line.target_gbp or 0.0) - (a.line.forecast_gbp or 0.0) for a in lines])


def _agrees(stated: float, tracker: float) -> bool:
    """The tracker's sum is the stated shortfall to the statement's precision: a prose figure is
    read to its last digit (£4.1m is within £0.05m), the one tolerance rule."""
    in_m = f"{stated / 1e6:.6f}".rstrip("0").rstrip(".")
    return holds([Term(stated, half_unit(in_m, stated))], [Term(tracker, 0.0)])


def _unidentified(assessments: list[Assessment], in_year: bool | None) -> list[float | None]:
    """The children's unidentified savings flagged; with `in_year`, only those in the review year's
    target (a line with nothing in the year is unidentified in later years only)."""
    return [
        amount
        for a, amount in _flagged_lines(assessments, "unidentified_saving")
        if in_year is None or in_year == bool(a.amount_gbp and a.amount_gbp > 0)
    ]


def _labels(assessments: list[Assessment], code: str) -> list[str]:
    """The flagged savings' own words that say they are not yet identified, as printed, each once;
    none where a flagged line has no such words (the sum is then not all "labelled" so: Kent's
    council-wide £22.8m holds £1.15m of savings whose service area is "Unallocated")."""
    said = [unidentified_label(a.line) for a, _ in _flagged_lines(assessments, code)]
    return list(dict.fromkeys(said)) if all(said) else []


def _unallocated_by_year(assessments: list[Assessment]) -> list[PeriodAmount]:
    """The council's unallocated savings flagged, by the years the plan phases them in (a flag
    covering one year holds that year's amount; one summing later years, each year's planned
    amount): they add to `council_unallocated_gbp`. Empty where a flag names no year."""
    years: dict[str, float] = {}
    for a, amount in _flagged_lines(assessments, UNALLOCATED_CODE):
        periods = next(f.periods for f in a.flags if f.code == UNALLOCATED_CODE)
        planned = {p.period: p.amount_gbp for p in a.line.planned}
        if not periods:
            return []
        for period in periods:
            years[period] = years.get(period, 0.0) + (
                amount if len(periods) == 1 else planned.get(period, 0.0)
            )
    return [PeriodAmount(period=p, amount_gbp=v) for p, v in sorted(years.items())]


def _flagged(assessments: list[Assessment], code: str) -> list[float | None]:
    """The amounts of the flags of one code."""
    return [amount for _, amount in _flagged_lines(assessments, code)]


def _flagged_lines(assessments: list[Assessment], code: str) -> list[tuple[Assessment, float]]:
    return [(a, f.amount_gbp) for a in assessments for f in a.flags if f.code == code and f.amount_gbp]


def _sum(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return float(sum(present)) if present else None


def _share(part: float | None, whole: float | None) -> float | None:
    if part is None or not whole or whole <= 0:
        return None
    return part / whole


def _gap_for(gap: list[GapYear], period: str | None) -> GapYear | None:
    """The gap for the review year, else the plan's first year with a gap (a shortfall this year
    adds to it); `mtfp_gap_period` says which."""
    for year in gap:
        if year.period == period:
            return year
    return next((g for g in gap if g.period and period and g.period > period), gap[0] if gap else None)
