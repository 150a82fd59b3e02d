"""The indicators that drive children's costs (UASC, entries to care, costly settings, workforce churn,
EHC plans), checked for one council against the raw LAIT file read independently here."""

from __future__ import annotations

from pathlib import Path
from statistics import median

import pandas as pd
import pytest

from analyse.benchmarks import BenchmarkTable, benchmarks_for, load_benchmark_table
from analyse.benchmarks.catalogue import PER_10K
from analyse.benchmarks.table import DATA_DIR

WEST_SUSSEX = "938"
# indicator -> the LAIT measure code it is read from, as published
DRIVERS = {
    "cla_starts_rate_per_10k": "LAC_Start_Rate",
    "uasc_number": "Unacc_Asylmn_Seek_Childn",
    "uasc_pct": "Unacc_Asylmn_Seek_Childn%",
    "placement_independent_living_pct": "LAC_Ind_SInd_Liv_Arr",
    "social_worker_turnover_rate": "Work_Force_TO_Rate",
    "social_worker_vacancy_rate": "Work_Force_Vac_Rate",
    "ehc_plan_pupils_pct": "SEN_TotStat",
    "ehc_plan_number": "SEN_CASES_JAN",
}


@pytest.fixture(scope="module")
def table() -> BenchmarkTable:
    return load_benchmark_table()


@pytest.fixture(scope="module")
def west_sussex(table: BenchmarkTable) -> dict:
    return {b.indicator: b for b in benchmarks_for(WEST_SUSSEX, table)}


@pytest.fixture(scope="module")
def lait(benchmarks_dir: Path) -> pd.DataFrame:
    frame = pd.read_parquet(benchmarks_dir / "lait" / "bds_long_0.parquet")
    frame["number"] = pd.to_numeric(frame["Values"], errors="coerce")
    return frame


def _raw(lait: pd.DataFrame, measure: str, year: str) -> dict[str, float]:
    rows = lait[(lait["Short Desc"] == measure) & (lait["Years"] == year) & lait["number"].notna()]
    return {str(int(n)): v for n, v in zip(rows["LA Number"], rows["number"], strict=True)}


@pytest.mark.parametrize("indicator", sorted(DRIVERS))
def test_west_sussex_cost_driver_matches_the_raw_lait_value_for_2025(
    west_sussex: dict, lait: pd.DataFrame, indicator: str
) -> None:
    raw = _raw(lait, DRIVERS[indicator], "2025")
    if indicator in PER_10K:  # a count is compared as its rate (test_benchmark_counts), the count beside it
        b = west_sussex[PER_10K[indicator].code]
        assert b.period == "2025" and b.count == pytest.approx(raw[WEST_SUSSEX])
        assert DRIVERS[indicator] in b.provenance[0].locator
        return
    b = west_sussex[indicator]
    assert b.period == "2025"
    assert b.value == pytest.approx(raw[WEST_SUSSEX])
    assert b.england.value == pytest.approx(raw["970"])
    neighbours = [raw[c] for c in b.statistical_neighbours.codes if c in raw]
    assert b.statistical_neighbours.median == pytest.approx(median(neighbours))
    assert b.provenance[0].file == "lait/bds_long_0.parquet"
    assert DRIVERS[indicator] in b.provenance[0].locator


def test_west_sussex_published_figures_are_the_ones_read(west_sussex: dict) -> None:
    # LAIT 2025, West Sussex: 84 UASC looked after (9% of those in care), 22 starts per 10,000, 9.5% turnover,
    # 2.1% vacancies, 5.3% of pupils with an EHC plan, 9,301 EHC plans, 8% in independent living.
    values = {
        code: west_sussex[PER_10K[code].code].count if code in PER_10K else west_sussex[code].value
        for code in DRIVERS
    }
    assert values == {
        "cla_starts_rate_per_10k": 22.0,
        "uasc_number": 84.0,
        "uasc_pct": 9.0,
        "placement_independent_living_pct": 8.0,
        "social_worker_turnover_rate": 9.5,
        "social_worker_vacancy_rate": 2.1,
        "ehc_plan_pupils_pct": 5.3,
        "ehc_plan_number": 9301.0,
    }


def test_sources_md_names_each_indicator_with_its_file_and_measure() -> None:
    text = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for indicator, measure in DRIVERS.items():
        assert f"| {indicator} | lait/bds_long_0.parquet | {measure} |" in text


def test_the_trend_carries_the_neighbours_median_and_england_for_each_of_the_councils_years(
    west_sussex: dict, lait: pd.DataFrame
) -> None:
    b = west_sussex["cla_rate_per_10k"]
    assert len(b.trend) >= 5
    for own, sn, eng in zip(b.trend, b.neighbours_trend, b.england_trend, strict=True):
        raw = _raw(lait, "LAC", own.period)
        assert own.period == sn.period == eng.period
        assert sn.value == pytest.approx(median(raw[c] for c in b.statistical_neighbours.codes if c in raw))
        assert eng.value == pytest.approx(raw["970"])


def test_the_trend_chart_draws_the_council_its_neighbours_and_england(west_sussex: dict) -> None:
    from analyse.records import Review
    from render.pack_charts import trend_chart
    from render.refs import Figures

    b = west_sussex["unit_cost_lac_weekly"]
    svg = trend_chart(b, Figures(Review(benchmarks=[b])), "This council")
    assert svg.count("<polyline") == 3
    last = b.trend[-1].period
    for name, points in [("Neighbours (median)", b.neighbours_trend), ("England", b.england_trend)]:
        value = next(p.value for p in points if p.period == last)
        assert f"{name}:" in svg
        assert f"{last} £{value:,.0f}" in svg.split(f"{name}:")[1]
