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

from analyse.benchmarks.catalogue import ENGLAND, IOD2025_FILE, all_indicators
from analyse.benchmarks.indicators import indicator_value, la_values, latest_period, provenance
from analyse.benchmarks.table import LA, BenchmarkTable
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


@dataclass(frozen=True)
class ModelFrame:
    """One row per current LA with spend, IDACI, population and categories, in the table's order."""

    las: list[LA]
    spend: list[float]
    log_population: np.ndarray
    region_term: list[str]  # the region, or "" for a London borough (its type says London)
    period: str


def model_frame(table: BenchmarkTable, indicator: str = INDICATOR) -> ModelFrame:
    """The LAs the model is fitted on, with the period of spend used."""
    period = latest_period(table, indicator)
    if period is None:
        raise ValueError(f"no values for {indicator}")
    spend = la_values(table, indicator, period)
    las = [
        la
        for la in table.current_las()
        if la["la_code"] in spend
        and la["idaci_2025"] is not None
        and la["population_0_17"] is not None
        and la["population_0_17"] >= MIN_CHILDREN
    ]
    return ModelFrame(
        las=las,
        spend=[spend[la["la_code"]] for la in las],
        log_population=np.log(np.array([la["population_0_17"] for la in las], dtype=float)),
        region_term=[_region_term(la) for la in las],
        period=period,
    )


def _region_term(la: LA) -> str:
    return str(la["region"]) if la["la_type"] in ("SC", "UA", "MD") else ""


@dataclass(frozen=True)
class Design:
    """The model's terms: each column's name and, for a type or region, the value it indicates."""

    columns: list[str]
    types: list[str]
    regions: list[str]

    @classmethod
    def of(cls, frame: ModelFrame, reference_region: str) -> Design:
        types = sorted({la["la_type"] for la in frame.las} - {REFERENCE_TYPE})
        regions = sorted(set(frame.region_term) - {reference_region, ""})
        columns = ["const", "IDACI", "log_population"]
        columns += [f"type: {TYPE_NAMES.get(t, t)}" for t in types] + [f"region: {r}" for r in regions]
        return cls(columns, types, regions)

    def row(self, idaci: float, log_population: float, la_type: str, region_term: str) -> list[float]:
        dummies = [float(la_type == t) for t in self.types] + [float(region_term == r) for r in self.regions]
        return [1.0, float(idaci), log_population, *dummies]

    def matrix(self, frame: ModelFrame) -> np.ndarray:
        """One row per LA, stored column by column (as pandas' frame gave it), so the products over
        it are summed in the same order and the fit comes out the same to the last bit."""
        rows = [
            self.row(la["idaci_2025"], log_pop, la["la_type"], term)
            for la, log_pop, term in zip(
                frame.las, frame.log_population.tolist(), frame.region_term, strict=True
            )
        ]
        return np.asfortranarray(np.array(rows, dtype=float))


@dataclass(frozen=True)
class Fit:
    """An ordinary least squares fit computed as statsmodels' OLS computes it (through the
    Moore-Penrose pseudo-inverse of the design), without importing statsmodels, scipy or pandas
    (about 120 MB more at the peak of a process that analyses, and seconds of start-up)."""

    params: dict[str, float]
    coefficients: np.ndarray  # the params in the design's column order
    nobs: int
    rsquared: float
    rsquared_adj: float
    scale: float  # the residuals' variance: their sum of squares over the residual degrees of freedom
    df_resid: int
    cov_unscaled: np.ndarray  # pinv(X) pinv(X)': the parameters' covariance over `scale`

    def interval(self, x: np.ndarray, level: float) -> tuple[float, float, float]:
        """The prediction at `x` and the interval a new observation there falls in at `level`."""
        mean = float(x @ self.coefficients)
        spread = math.sqrt(self.scale * (1.0 + float(x @ self.cov_unscaled @ x)))
        q = t_quantile(1 - (1 - level) / 2, self.df_resid)
        return mean, mean - q * spread, mean + q * spread


def ols(y: list[float], design_matrix: np.ndarray, columns: list[str]) -> Fit:
    observed = np.array(y, dtype=float)
    pinv = np.linalg.pinv(design_matrix)
    params = pinv @ observed
    residuals = observed - design_matrix @ params
    n = len(observed)
    df_resid = n - int(np.linalg.matrix_rank(design_matrix))
    ssr = float(residuals @ residuals)
    centred = observed - observed.mean()
    rsquared = 1 - ssr / float(centred @ centred)
    return Fit(
        params=dict(zip(columns, params.tolist(), strict=True)),
        coefficients=params,
        nobs=n,
        rsquared=rsquared,
        rsquared_adj=1 - (n - 1) / df_resid * (1 - rsquared),
        scale=ssr / df_resid,
        df_resid=df_resid,
        cov_unscaled=pinv @ pinv.T,
    )


def t_quantile(p: float, df: int) -> float:
    """The `p` quantile (p > 0.5) of Student's t with `df` degrees of freedom, to double precision.

    Found by bisection on the exact finite-series distribution for whole degrees of freedom
    (Abramowitz and Stegun 26.7.3-4), so no scipy is imported for one number.
    """
    if not 0.5 < p < 1 or df < 1:
        raise ValueError(f"t quantile needs 0.5 < p < 1 and df >= 1, got p={p}, df={df}")
    low, high = 0.0, 1.0
    while _t_cdf(high, df) < p:
        low, high = high, high * 2
    while True:
        mid = (low + high) / 2
        if mid in (low, high):
            return high
        low, high = (mid, high) if _t_cdf(mid, df) < p else (low, mid)


def _t_cdf(t: float, df: int) -> float:
    """P(T <= t) for t >= 0: (1 + A(t|df)) / 2, A the probability of |T| <= t."""
    theta = math.atan(t / math.sqrt(df))
    cos2 = math.cos(theta) ** 2
    if df % 2 == 0:  # A = sin(θ) (1 + 1/2 cos² + 1·3/(2·4) cos⁴ + ... up to cos^(df-2))
        term = total = 1.0
        for k in range(1, df // 2):
            term *= cos2 * (2 * k - 1) / (2 * k)
            total += term
        a = math.sin(theta) * total
    else:  # A = 2/π (θ + sin θ cos θ (1 + 2/3 cos² + 2·4/(3·5) cos⁴ + ... up to cos^(df-3)))
        term = total = 1.0
        for k in range(1, (df - 1) // 2):
            term *= cos2 * (2 * k) / (2 * k + 1)
            total += term
        series = math.sin(theta) * math.cos(theta) * total if df > 1 else 0.0
        a = 2 / math.pi * (theta + series)
    return (1 + a) / 2


def drivers_of_spend(table: BenchmarkTable, la_code: str, indicator: str = INDICATOR) -> Drivers:
    frame = model_frame(table, indicator)
    period = frame.period
    reference_region = sorted(r for r in set(frame.region_term) if r)[0]
    design = Design.of(frame, reference_region)
    fit = ols(frame.spend, design.matrix(frame), design.columns)
    la = table.la(la_code)
    actual = la_values(table, indicator, period).get(la_code)
    predicted = _predict(fit, design, la) if la is not None else None
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
        for term in params
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


def _predict(fit: Fit, design: Design, la: LA) -> tuple[float, float, float] | None:
    """Expected value and the 95% prediction interval for one council's characteristics."""
    if la["idaci_2025"] is None or la["population_0_17"] is None:
        return None
    log_population = math.log(float(la["population_0_17"]))
    x = design.row(la["idaci_2025"], log_population, la["la_type"], _region_term(la))
    return fit.interval(np.array(x, dtype=float), INTERVAL)


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
