"""The budget position: the council's and children's services' budget, forecast and variance, and
the medium-term plan's gap by year.

Figures come only from budget monitoring lines and the plan's own gap rows. Where a document gives
no children's directorate row, the children's position is the sum of its children's service lines
and carries every one of their provenances.
"""

from __future__ import annotations

import re

from analyse.amounts import in_period
from analyse.records import GapYear, Money3, Position
from analyse.scope import is_children_budget_line
from extract.records import BudgetLine, Extraction, Figure, FigureUnit, PlanLine

MTFP_GAP_CATEGORY = "mtfp_gap"
# "Gap" alone names the budget gap; "shortfall" does only with a budget word (a savings shortfall is not).
_GAP_WORDS = re.compile(r"\bgap\b|\b(budget|funding|financial|mtfp|mtfs)\s+shortfall\b", re.IGNORECASE)


def budget_position(extraction: Extraction, period: str | None) -> Position:
    lines = in_period(extraction.budget_lines, period)
    total = _largest([b for b in lines if b.level == "total"])
    children, name = children_position(lines)
    return Position(
        period=period,
        budget_gbp=total.budget_gbp if total else None,
        forecast_gbp=total.forecast_gbp if total else None,
        variance_gbp=_variance(total) if total else None,
        children_services=children,
        provenance=total.provenance if total else [],
        children_services_name=name,
        mtfp_gap=mtfp_gap(extraction),
    )


def children_position(lines: list[BudgetLine]) -> tuple[Money3, str | None]:
    """The children's directorate row, else the sum of children's service lines."""
    directorates = [b for b in lines if b.level == "directorate" and is_children_budget_line(b)]
    if directorates:
        row = _largest(directorates)
        assert row is not None
        return Money3(
            budget_gbp=row.budget_gbp,
            forecast_gbp=row.forecast_gbp,
            variance_gbp=_variance(row),
            provenance=row.provenance,
        ), row.name
    services = [b for b in lines if b.level == "service_line" and is_children_budget_line(b)]
    if not services:
        return Money3(), None
    return Money3(
        budget_gbp=_sum([b.budget_gbp for b in services]),
        forecast_gbp=_sum([b.forecast_gbp for b in services]),
        variance_gbp=_sum([_variance(b) for b in services]),
        provenance=[p for b in services for p in b.provenance],
    ), services[0].name if len(services) == 1 else "Children's service lines (summed)"


def mtfp_gap(extraction: Extraction) -> list[GapYear]:
    """The gap by year: the plan's gap rows, else budget lines or stated figures named as the gap."""
    rows = extraction.mtfp_gaps + [
        p for p in extraction.pressures if (p.category or "").lower() == MTFP_GAP_CATEGORY
    ]
    years = _from_plan_lines(rows)
    if not years:
        years = _from_budget_lines([b for b in extraction.budget_lines if _GAP_WORDS.search(b.name)])
    if not years:
        years = _from_figures([f for f in extraction.figures if _is_gap_figure(f)])
    return sorted(years.values(), key=lambda g: g.period or "")


def _from_plan_lines(rows: list[PlanLine]) -> dict[str | None, GapYear]:
    out: dict[str | None, GapYear] = {}
    for row in rows:
        for amount in row.planned:
            out.setdefault(
                amount.period,
                GapYear(period=amount.period, amount_gbp=amount.amount_gbp, provenance=row.provenance),
            )
    return out


def _from_budget_lines(rows: list[BudgetLine]) -> dict[str | None, GapYear]:
    out: dict[str | None, GapYear] = {}
    for row in rows:
        value = row.budget_gbp if row.budget_gbp is not None else row.variance_gbp
        if row.period and value is not None:
            out.setdefault(
                row.period, GapYear(period=row.period, amount_gbp=value, provenance=row.provenance)
            )
    return out


def _from_figures(figures: list[Figure]) -> dict[str | None, GapYear]:
    out: dict[str | None, GapYear] = {}
    for fig in figures:
        out.setdefault(
            fig.period, GapYear(period=fig.period, amount_gbp=fig.value, provenance=fig.provenance)
        )
    return out


def _is_gap_figure(fig: Figure) -> bool:
    return fig.unit == FigureUnit.GBP and fig.value > 0 and bool(_GAP_WORDS.search(fig.label or ""))


def _variance(line: BudgetLine) -> float | None:
    if line.variance_gbp is not None:
        return line.variance_gbp
    if line.budget_gbp is not None and line.forecast_gbp is not None:
        return line.forecast_gbp - line.budget_gbp
    return None


def _largest(lines: list[BudgetLine]) -> BudgetLine | None:
    return max(lines, key=lambda b: abs(b.budget_gbp or 0.0), default=None)


def _sum(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return float(sum(present)) if present else None
