"""Drivers of spend: how much of a council's spend per child its circumstances explain.

Across all current LAs, an ordinary least squares model of S251 total children and young
people's services spend per child aged 0-17 (latest year) on deprivation (IoD2025 IDACI score),
size (log of the 0-17 population), LA type and region. The council's expected spend is what the
model predicts for it; the residual is actual minus expected. R² and n are reported as fitted,
however modest: the LGA's own drivers work found that much of spend is not explained by
population and deprivation (partners, markets, local management).

The council's expectation comes with the model's 95% prediction interval: where a council with
these characteristics would fall 19 times in 20. Only a figure outside it is one the model can tell
apart from what the council's circumstances predict (its residual is distinguishable from zero).
What the model leaves out is said with it (LEFT_OUT): it explains spend by deprivation, size, type
and region only.

LA type and region overlap in London (every London borough is in London), so London boroughs
share the reference region's intercept and their type carries London's difference.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import stdtrit

from analyse.benchmarks.catalogue import ENGLAND, IOD2025_FILE, all_indicators
from analyse.benchmarks.indicators import indicator_value, la_values, latest_period, provenance
from analyse.benchmarks.table import BenchmarkTable
from analyse.records import TYPE_NAMES, Drivers, Factor
from extract.records import Provenance

INDICATOR = "s251_total_cyp_spend_per_child"
MIN_CHILDREN = (
    2_000  # leaves out City of London and the Isles of Scilly: per-child figures on a few hundred children
)
REFERENCE_TYPE = "SC"
INTERVAL = 0.95
LEFT_OUT = [
    "unaccompanied asylum-seeking children, whose care the Home Office grant meets only in part",
    "the number of children in care and entering care, which the council's own practice shapes",
    "placement prices and the local market for children's homes and foster care",
    "children with EHC plans and other special educational needs",
    "area costs beyond region (pay and property prices) and rurality",
]


def model_frame(table: BenchmarkTable, indicator: str = INDICATOR) -> tuple[pd.DataFrame, str]:
    """One row per current LA with spend, IDACI, population and categories; and the period used."""
    period = latest_period(table, indicator)
    if period is None:
        raise ValueError(f"no values for {indicator}")
    spend = la_values(table, indicator, period)
    las = table.las[table.las["current"]].copy()
    las["spend"] = las["la_code"].map(spend)
    las = las.dropna(subset=["spend", "idaci_2025", "population_0_17"])
    las = las[las["population_0_17"] >= MIN_CHILDREN]
    las["log_population"] = np.log(las["population_0_17"].astype(float))
    las["region_term"] = [
        r if t in ("SC", "UA", "MD") else "" for r, t in zip(las["region"], las["la_type"], strict=True)
    ]
    return las.set_index("la_code"), period


def design(frame: pd.DataFrame, reference_region: str) -> pd.DataFrame:
    x = pd.DataFrame(
        {"IDACI": frame["idaci_2025"].astype(float), "log_population": frame["log_population"]},
        index=frame.index,
    )
    for la_type in sorted(set(frame["la_type"]) - {REFERENCE_TYPE}):
        x[f"type: {TYPE_NAMES.get(la_type, la_type)}"] = (frame["la_type"] == la_type).astype(float)
    for region in sorted(set(frame["region_term"]) - {reference_region, ""}):
        x[f"region: {region}"] = (frame["region_term"] == region).astype(float)
    x.insert(0, "const", 1.0)
    return x


@dataclass(frozen=True)
class Fit:
    """An ordinary least squares fit computed as statsmodels' OLS computes it (through the
    Moore-Penrose pseudo-inverse of the design), without importing statsmodels and scipy.stats
    (about 90 MB in every process that analyses, and seconds of start-up)."""

    params: pd.Series
    nobs: int
    rsquared: float
    rsquared_adj: float
    scale: float  # the residuals' variance: their sum of squares over the residual degrees of freedom
    df_resid: int
    cov_unscaled: np.ndarray  # pinv(X) pinv(X)': the parameters' covariance over `scale`

    def interval(self, x: np.ndarray, level: float) -> tuple[float, float, float]:
        """The prediction at `x` and the interval a new observation there falls in at `level`."""
        mean = float(x @ self.params.to_numpy())
        spread = math.sqrt(self.scale * (1.0 + float(x @ self.cov_unscaled @ x)))
        q = float(stdtrit(self.df_resid, 1 - (1 - level) / 2))
        return mean, mean - q * spread, mean + q * spread


def ols(y: pd.Series, x: pd.DataFrame) -> Fit:
    design_matrix = x.to_numpy(dtype=float)
    observed = y.to_numpy(dtype=float)
    pinv = np.linalg.pinv(design_matrix)
    params = pinv @ observed
    residuals = observed - design_matrix @ params
    n = len(observed)
    df_resid = n - int(np.linalg.matrix_rank(design_matrix))
    ssr = float(residuals @ residuals)
    centred = observed - observed.mean()
    rsquared = 1 - ssr / float(centred @ centred)
    return Fit(
        params=pd.Series(params, index=x.columns),
        nobs=n,
        rsquared=rsquared,
        rsquared_adj=1 - (n - 1) / df_resid * (1 - rsquared),
        scale=ssr / df_resid,
        df_resid=df_resid,
        cov_unscaled=pinv @ pinv.T,
    )


def drivers_of_spend(table: BenchmarkTable, la_code: str, indicator: str = INDICATOR) -> Drivers:
    frame, period = model_frame(table, indicator)
    reference_region = sorted(r for r in set(frame["region_term"]) if r)[0]
    x = design(frame, reference_region)
    fit = ols(frame["spend"].astype(float), x)
    la = table.la(la_code)
    actual = la_values(table, indicator, period).get(la_code)
    predicted = _predict(fit, table, la, reference_region, x.columns) if la is not None else None
    expected, low, high = predicted if predicted else (None, None, None)
    label = all_indicators()[indicator].label
    return Drivers(
        model=(
            f"OLS of {label} ({period}) on IDACI 2025, log population 0-17, LA type (vs {TYPE_NAMES[REFERENCE_TYPE]})"
            f" and region (vs {reference_region}); {int(fit.nobs)} LAs with at least {MIN_CHILDREN:,} children;"
            f" R² {fit.rsquared:.2f}, adjusted R² {fit.rsquared_adj:.2f}"
        ),
        indicator=indicator,
        r_squared=round(float(fit.rsquared), 4),
        n=int(fit.nobs),
        expected_value=_round(expected),
        actual_value=_round(actual),
        residual=_round(actual - expected) if actual is not None and expected is not None else None,
        interval_level=INTERVAL if low is not None else None,
        interval_low=_round(low),
        interval_high=_round(high),
        residual_distinguishable=(
            None if actual is None or low is None or high is None else not low <= actual <= high
        ),
        left_out=left_out(table, la_code),
        factors=factors(fit),
        provenance=_provenance(table, la_code, indicator, period),
    )


def factors(fit: Fit) -> list[Factor]:
    """Each term's effect on spend per child, in £, scaled to a readable step."""
    params = fit.params
    out = [
        Factor(
            name="IDACI score +0.10 (10 points more children in income-deprived families)",
            effect=round(float(params["IDACI"]) * 0.10, 2),
        ),
        Factor(
            name="population 0-17 doubled", effect=round(float(params["log_population"]) * math.log(2), 2)
        ),
    ]
    out += [
        Factor(name=term, effect=round(float(params[term]), 2))
        for term in params.index
        if term.startswith(("type: ", "region: "))
    ]
    return out


def left_out(table: BenchmarkTable, la_code: str) -> list[str]:
    """LEFT_OUT, with the council's own share of UASC among its children looked after where published."""
    period = latest_period(table, "uasc_pct")
    share = indicator_value(table, la_code, "uasc_pct", period) if period else None
    if share is None:
        return list(LEFT_OUT)
    england = indicator_value(table, ENGLAND, "uasc_pct", period)
    versus = f", {england:.0f}% in England" if england is not None else ""
    first = (
        f"{LEFT_OUT[0]} ({share:.0f}% of this council's children looked after at 31 March {period}{versus})"
    )
    return [first] + LEFT_OUT[1:]


def _predict(
    fit: Fit, table: BenchmarkTable, la: pd.Series, reference_region: str, columns: pd.Index
) -> tuple[float, float, float] | None:
    """Expected value and the 95% prediction interval for one council's characteristics."""
    if pd.isna(la["idaci_2025"]) or pd.isna(la["population_0_17"]):
        return None
    row = pd.DataFrame(
        [
            {
                "la_code": la["la_code"],
                "idaci_2025": la["idaci_2025"],
                "la_type": la["la_type"],
                "log_population": math.log(float(la["population_0_17"])),
                "region_term": la["region"] if la["la_type"] in ("SC", "UA", "MD") else "",
            }
        ]
    ).set_index("la_code")
    x = design(row, reference_region).reindex(columns=columns, fill_value=0.0)
    return fit.interval(x.iloc[0].to_numpy(dtype=float), INTERVAL)


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _provenance(table: BenchmarkTable, la_code: str, indicator: str, period: str) -> list[Provenance]:
    spend = provenance(table, la_code, all_indicators()[indicator], period)
    iod = Provenance(
        file=IOD2025_FILE,
        sha256=table.sha256(IOD2025_FILE),
        page=None,
        bbox=None,
        locator="Income Deprivation Affecting Children average_score (districts aggregated to upper tier)",
        text="IoD2025 IDACI average score",
    )
    return spend + [iod]
