"""The drivers-of-spend model, refitted here independently with a formula."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from analyse.benchmarks import BenchmarkTable, indicator_value, load_benchmark_table
from analyse.drivers import MIN_CHILDREN, drivers_of_spend, t_quantile
from analyse.records import Drivers


@pytest.fixture(scope="module")
def table() -> BenchmarkTable:
    return load_benchmark_table()


@pytest.fixture(scope="module")
def kent(table: BenchmarkTable) -> Drivers:
    return drivers_of_spend(table, "886")


def _raw_spend_per_child(benchmarks_dir: Path) -> dict[str, float]:
    lait = pd.read_parquet(benchmarks_dir / "lait" / "bds_long_0.parquet")
    spend = lait[(lait["Short Desc"] == "C&YPExpenditure") & (lait["Years"] == "2024-25 (OT)")]
    spend = {
        str(int(n)): pd.to_numeric(v, errors="coerce")
        for n, v in zip(spend["LA Number"], spend["Values"], strict=True)
    }
    pop = pd.read_csv(
        benchmarks_dir / "ees" / "ons_mid-year_population_estimates_2012_to_2024.csv", dtype=str
    )
    pop = pop[(pop["time_period"] == "2024") & (pop["geographic_level"] == "Local authority")]
    return {
        c: spend[c] / float(p)
        for c, p in zip(pop["old_la_code"], pop["population_estimate"], strict=True)
        if c in spend
    }


def test_an_independent_formula_fit_gives_the_same_r_squared_and_n(
    benchmarks_dir: Path, table: BenchmarkTable, kent: Drivers
) -> None:
    las = pd.DataFrame(list(table.las))
    las = las[las["current"] & (las["population_0_17"] >= MIN_CHILDREN)].copy()
    las["spend"] = las["la_code"].map(_raw_spend_per_child(benchmarks_dir))
    las = las.dropna(subset=["spend", "idaci_2025"])
    # London boroughs' type already says London: their region term is left out (collinear otherwise).
    las["region_term"] = np.where(las["la_type"].isin(["ILB", "OLB"]), "East Midlands", las["region"])
    fit = smf.ols(
        "spend ~ idaci_2025 + np.log(population_0_17) + C(la_type) + C(region_term)", data=las
    ).fit()
    assert kent.n == int(fit.nobs)
    assert kent.r_squared == pytest.approx(fit.rsquared, abs=1e-3)
    assert kent.expected_value == pytest.approx(
        float(fit.fittedvalues[las["la_code"] == "886"].iloc[0]), rel=1e-3
    )
    # the 95% prediction interval, from the formula fit's own standard error of a new observation
    row = las[las["la_code"] == "886"]
    interval = fit.get_prediction(row).summary_frame(alpha=0.05).iloc[0]
    assert kent.interval_level == 0.95
    assert kent.interval_low == pytest.approx(float(interval["obs_ci_lower"]), rel=1e-3)
    assert kent.interval_high == pytest.approx(float(interval["obs_ci_upper"]), rel=1e-3)


def test_kents_actual_spend_is_its_benchmark_value_and_residual_is_actual_minus_expected(
    table: BenchmarkTable, kent: Drivers
) -> None:
    assert kent.actual_value == pytest.approx(
        indicator_value(table, "886", "s251_total_cyp_spend_per_child", "2024-25"), abs=0.01
    )
    assert kent.residual == pytest.approx(kent.actual_value - kent.expected_value, abs=0.02)


def test_the_fit_is_reported_honestly_in_the_model_text(kent: Drivers) -> None:
    assert kent.n is not None and 140 <= kent.n <= 153
    assert kent.r_squared is not None and 0 < kent.r_squared < 1
    assert f"R² {kent.r_squared:.2f}" in kent.model
    assert f"{kent.n} LAs" in kent.model


def test_deprivation_raises_expected_spend(kent: Drivers) -> None:
    idaci = next(f for f in kent.factors if f.name.startswith("IDACI"))
    assert idaci.effect > 0


def test_a_council_withheld_from_the_returns_gets_an_expectation_but_no_residual(
    table: BenchmarkTable,
) -> None:
    middlesbrough = drivers_of_spend(table, "806")
    assert middlesbrough.actual_value is None and middlesbrough.residual is None
    assert middlesbrough.expected_value is not None


def test_provenance_names_spend_population_and_deprivation_files(kent: Drivers) -> None:
    files = [p.file for p in kent.provenance]
    assert files == [
        "lait/bds_long_0.parquet",
        "ees/ons_mid-year_population_estimates_2012_to_2024.csv",
        "iod/indices_of_deprivation_2025_lad.csv",
    ]


def test_a_residual_is_distinguishable_from_zero_only_outside_the_prediction_interval(
    table: BenchmarkTable,
) -> None:
    outside = inside = 0
    for code in ("886", "938", "201", "202", "213", "316", "355", "806", "892", "919"):
        d = drivers_of_spend(table, code)
        if d.actual_value is None:
            assert d.residual_distinguishable is None
            continue
        assert d.interval_low is not None and d.interval_high is not None
        assert d.interval_low < d.expected_value < d.interval_high  # type: ignore[operator]
        beyond = not d.interval_low <= d.actual_value <= d.interval_high
        assert d.residual_distinguishable is beyond
        outside += beyond
        inside += not beyond
    assert inside and outside  # both answers are reached on real councils


def test_the_model_says_what_it_leaves_out_with_the_councils_uasc_share(
    table: BenchmarkTable, kent: Drivers, benchmarks_dir: Path
) -> None:
    lait = pd.read_parquet(benchmarks_dir / "lait" / "bds_long_0.parquet")
    share = lait[
        (lait["Short Desc"] == "Unacc_Asylmn_Seek_Childn%")
        & (lait["Years"] == "2025")
        & (lait["LA Number"] == 886)
    ]["Values"].iloc[0]
    assert kent.left_out[0].startswith("unaccompanied asylum-seeking children")
    assert (
        f"({float(share):.0f}% of this council's children looked after at 31 March 2025" in kent.left_out[0]
    )
    assert any("EHC plans" in item for item in kent.left_out)


def test_the_pack_states_the_interval_whether_the_difference_is_distinguishable_and_what_is_left_out(
    kent: Drivers,
) -> None:
    from analyse.records import Review
    from extract.records import Extraction
    from render import fmt
    from render.pack import pack_html

    html = " ".join(re.sub(r"<[^>]+>", "", pack_html(Review(drivers=kent), Extraction())).split())
    assert kent.interval_low is not None and kent.interval_high is not None
    assert (
        f"between {fmt.money(kent.interval_low)} and {fmt.money(kent.interval_high)} per child 19 times in 20"
        in html
    )
    assert "the model cannot tell the difference from zero" in html  # Kent sits inside its interval
    assert "The model leaves out:" in html and "unaccompanied asylum-seeking children" in html


def test_the_pack_says_when_spend_is_outside_what_the_model_expects(table: BenchmarkTable) -> None:
    from analyse.records import Review
    from extract.records import Extraction
    from render.pack import pack_html

    camden = drivers_of_spend(table, "202")  # 2024-25: £3,128 per child, above its interval
    assert camden.residual_distinguishable is True
    html = " ".join(re.sub(r"<[^>]+>", "", pack_html(Review(drivers=camden), Extraction())).split())
    assert "The council's spend is outside that range" in html
    assert "cannot tell the difference from zero" not in html


def test_the_headline_says_spend_is_within_the_prediction_when_the_model_cannot_tell(
    table: BenchmarkTable, kent: Drivers
) -> None:
    from analyse.records import Review
    from render.findings import drivers_gap
    from render.refs import Figures

    def gap(d: Drivers) -> Any:
        review = Review(drivers=d)
        return drivers_gap(review, Figures(review))

    inside = gap(kent)
    assert inside is not None and inside.title == "Spend per child within what its circumstances predict"
    assert "cannot tell the" in inside.detail
    assert inside.figure == f"£{kent.actual_value:,.0f}"  # the spend, not a difference the model cannot see
    outside = gap(drivers_of_spend(table, "202"))
    assert outside is not None and outside.title == "Spend per child above what its circumstances predict"
    assert "cannot tell" not in outside.detail


@pytest.mark.parametrize("df", [1, 2, 3, 4, 7, 10, 30, 31, 120, 139, 140, 141, 152, 1000])
@pytest.mark.parametrize("p", [0.6, 0.9, 0.95, 0.975, 0.995])
def test_the_t_quantile_is_scipys_to_double_precision(df: int, p: float) -> None:
    from scipy.special import stdtrit

    assert t_quantile(p, df) == pytest.approx(float(stdtrit(df, p)), rel=1e-12)
