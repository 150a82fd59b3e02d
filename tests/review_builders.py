"""Small hand-built records for the analyse tests (savings, budget lines, benchmarks)."""

from __future__ import annotations

from typing import Any

from analyse.records import Benchmark, Comparator, TrendPoint
from analyse.scope import ScopeIndex, scope_index
from extract.records import BudgetLine, Extraction, PeriodAmount, PlanLine, Provenance, SavingsLine

YEAR = "2024-25"


def no_lines() -> ScopeIndex:
    """The scope index of a bundle with no budget lines: figures placed by their words alone."""
    return scope_index(Extraction())


def prov(text: str, file: str = "tracker.xlsx", locator: str = "sheet Savings!A2") -> Provenance:
    return Provenance(file=file, sha256="ab" * 32, page=None, bbox=None, locator=locator, text=text)


def saving(title: str, amount: float | None = None, file: str = "tracker.xlsx", **fields: Any) -> SavingsLine:
    """A saving planned for YEAR (unless `planned` is given), with the tracker fields passed."""
    planned = fields.pop(
        "planned", [PeriodAmount(period=YEAR, amount_gbp=amount)] if amount is not None else []
    )
    return SavingsLine(title=title, planned=planned, provenance=[prov(title, file)], **fields)


def pressure(title: str, amount: float, **fields: Any) -> PlanLine:
    return PlanLine(
        title=title,
        planned=[PeriodAmount(period=YEAR, amount_gbp=amount)],
        provenance=[prov(title, "mtfp.pdf", "table 1, row 2")],
        **fields,
    )


def budget(
    name: str,
    level: str,
    budget_gbp: float | None,
    forecast_gbp: float | None = None,
    file: str = "monitoring.pdf",
    **fields: Any,
) -> BudgetLine:
    variance = None if forecast_gbp is None or budget_gbp is None else forecast_gbp - budget_gbp
    return BudgetLine(
        name=name,
        level=level,
        period=fields.pop("period", YEAR),
        budget_gbp=budget_gbp,  # type: ignore[arg-type]
        forecast_gbp=forecast_gbp,
        variance_gbp=fields.pop("variance_gbp", variance),
        provenance=[prov(name, file, "table 1")],
        **fields,
    )


def benchmark(
    indicator: str,
    value: float,
    median: float | None = None,
    trend: list[float] | None = None,
    label: str = "",
    unit: str = "rate_per_10k",
    period: str = "2025",
) -> Benchmark:
    points = [
        TrendPoint(period=str(2025 - len(trend or []) + 1 + i), value=v) for i, v in enumerate(trend or [])
    ]
    return Benchmark(
        indicator=indicator,
        label=label or indicator,
        unit=unit,
        period=period,
        value=value,
        statistical_neighbours=Comparator(codes=["1", "2"], median=median),
        trend=points,
        provenance=[prov(f"{indicator}={value}", "lait/bds_long_0.parquet", f"{indicator}, {period}")],
    )
