"""The diagnostic: which of the children's directorate's lines drive its variance, and how each
line moved since the previous monitoring report.

Seed 000's first module asks which service lines overspend; reviewers also ask what changed since
the last report. Shares are of the directorate's own variance (its row in the latest report) where
the position has one, else of the net variance of the service lines shown, and the pack says which.
A line whose table's arithmetic contradicts it is shown where its variance ranks it, its figures
marked (it may be the largest line: left out, the next would look the largest); it adds nothing
to a base worked out from the lines. Its movement is shown marked too.
"""

from __future__ import annotations

from collections import defaultdict

from analyse.amounts import in_period
from analyse.position import bare_name, latest_report, report_name, reporting_month
from analyse.records import (
    RING_FENCED,
    Diagnostic,
    LineMovement,
    Position,
    Reserve,
    ScopedBudgetLine,
    VarianceDriver,
)
from analyse.reserves import latest_first
from analyse.scope import ScopeIndex, is_childrens
from analyse.standing import caveat, doubt, in_doubt
from analyse.wording import content_words
from extract.records import BudgetLine, Extraction

MAX_DRIVERS = 5


def diagnostic(
    extraction: Extraction,
    scopes: ScopeIndex,
    position: Position,
    services: list[ScopedBudgetLine],
    reserves: list[Reserve],
) -> Diagnostic:
    base, base_words, drivers = variance_drivers(services, position)
    lines = [
        b
        for b in in_period(extraction.budget_lines, position.period)
        if b.level in ("directorate", "service_line") and is_childrens(scopes.budget_line(b))
    ]
    latest, previous, movements, missing = movement(lines, scopes)
    cs = position.children_services
    doubted = cs.doubts.get("variance_gbp", "") if base == cs.variance_gbp else ""
    if position.children_scope is not None and base == position.children_scope.total.variance_gbp:
        doubted = position.children_scope.total.doubts.get("variance_gbp", "")
    return Diagnostic(
        variance_base_gbp=base,
        variance_base=base_words,
        drivers=drivers,
        latest_report=latest,
        previous_report=previous,
        movements=movements,
        movement_missing=missing,
        reserves=latest_first(reserves),
        # the shares are of the directorate's variance where it is the base, and carry its doubt
        doubts={"variance_base_gbp": doubted} if doubted else {},
    )


def variance_drivers(
    services: list[ScopedBudgetLine], position: Position
) -> tuple[float | None, str, list[VarianceDriver]]:
    """The latest report's service lines that move the directorate's variance its way, largest
    first, each with its share of that variance; the variance, and what it is, in words."""
    # A ring-fenced DSG block's variance is the grant's, no part of the directorate's General Fund
    # variance: it is no driver of it, and no share of it.
    general = [b for b in latest_report(services) if b.scope not in RING_FENCED]
    lines = [b for b in general if b.variance_gbp]
    stated = position.children_services.variance_gbp
    scope = position.children_scope
    if (
        scope is not None
        and not scope.of_which
        and scope.total.variance_gbp
        and position.children_services.variance_gbp is not None
    ):
        # Education and SEND's lines are drivers too where they are a directorate of their own: the
        # shares are of the whole scope's variance, not the children's directorate's alone. Where
        # the directorate's row holds its education division (`of_which`), its variance is the base.
        base: float | None = scope.total.variance_gbp
        words = f"the forecast variance of {scope.label[:1].lower()}{scope.label[1:]}, derived"
    elif stated:
        base = stated
        words = "the children's directorate's forecast variance"
    else:
        base = sum(b.variance_gbp or 0.0 for b in lines if not in_doubt(b)) or None
        words = (
            "the net forecast variance of the General Fund service lines shown (no directorate row stands)"
        )
    same_way = [b for b in lines if base is None or (b.variance_gbp or 0.0) * base > 0]
    ranked = sorted(same_way, key=lambda b: -abs(b.variance_gbp or 0.0))[:MAX_DRIVERS]
    drivers = [
        VarianceDriver(
            name=b.name,
            scope=b.scope,
            variance_gbp=b.variance_gbp or 0.0,
            share=(b.variance_gbp or 0.0) / base if base else None,
            doubts=dict.fromkeys(("variance_gbp", "share"), said) if (said := caveat(b)) else {},
            provenance=b.provenance,
        )
        for b in ranked
    ]
    return (base, words, drivers) if drivers else (None, "", [])


def movement(
    lines: list[BudgetLine], scopes: ScopeIndex
) -> tuple[str | None, str | None, list[LineMovement], str | None]:
    """Each line's change in forecast variance from the previous monitoring report to the latest:
    the two reports' names, the movements (the directorate first, then the largest change), and why
    there are none where a bundle holds only one report."""
    by_file: dict[str, list[BudgetLine]] = defaultdict(list)
    for line in lines:
        if line.variance_gbp is not None:
            by_file[line.provenance[0].file].append(line)
    dated = sorted((f for f in by_file if reporting_month(f)), key=reporting_month)
    if len(by_file) < 2 or (len(dated) == len(by_file) and len({reporting_month(f) for f in dated}) == 1):
        return None, None, [], None  # one report, or one point in the year (a report and its appendix)
    if len(dated) < 2 or reporting_month(dated[-1]) == reporting_month(dated[-2]):
        return (
            None,
            None,
            [],
            (
                "The bundle holds more than one monitoring report, but their names do not say which is "
                "the later (a quarter or month), so no movement is given."
            ),
        )
    latest, previous = dated[-1], dated[-2]
    earlier = {_key(b): b for b in by_file[previous]}
    moves = [
        _moved(now, before, scopes)
        for now in by_file[latest]
        if (before := earlier.get(_key(now))) is not None
    ]
    moves.sort(key=lambda m: (m.level != "directorate", -abs(m.change_gbp or 0.0)))
    return _report(latest, lines), _report(previous, lines), moves, None


def _key(line: BudgetLine) -> tuple[str, frozenset[str]]:
    return line.level, frozenset(content_words(bare_name(line.name)))


def _moved(now: BudgetLine, before: BudgetLine, scopes: ScopeIndex) -> LineMovement:
    why = " ".join(
        f"{which}: {text.strip()}"
        for which, line in (("Latest report", now), ("Previous report", before))
        if (text := doubt(line, detail=False))
    )
    return LineMovement(
        name=bare_name(now.name),
        scope=scopes.budget_line(now),
        level="directorate" if now.level == "directorate" else "service_line",
        previous_variance_gbp=before.variance_gbp,
        latest_variance_gbp=now.variance_gbp,
        change_gbp=(now.variance_gbp or 0.0) - (before.variance_gbp or 0.0),
        doubt=why,
        doubts=_doubts(now, before),
        provenance=[now.provenance[0], before.provenance[0]],
    )


def _doubts(now: BudgetLine, before: BudgetLine) -> dict[str, str]:
    """The words each figure of a movement is printed with: a report's figure in doubt, and the
    change worked out from it."""
    words = {"latest_variance_gbp": caveat(now), "previous_variance_gbp": caveat(before)}
    words["change_gbp"] = words["latest_variance_gbp"] or words["previous_variance_gbp"]
    return {field: said for field, said in words.items() if said}


def _report(file: str, lines: list[BudgetLine]) -> str:
    """A report in words: its point in the year and year, and its file."""
    period = next((b.period for b in lines if b.provenance[0].file == file and b.period), None)
    when = " ".join(w for w in (report_name(file), period) if w)
    return f"{when} ({file})"
