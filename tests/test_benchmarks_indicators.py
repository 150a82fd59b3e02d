"""Indicators for one council, checked against the raw official files read independently."""

from __future__ import annotations

import hashlib
from pathlib import Path
from statistics import median

import pandas as pd
import pytest

from analyse.benchmarks import BenchmarkTable, benchmarks_for, indicator_value, load_benchmark_table
from analyse.benchmarks.catalogue import HEADLINE, PER_10K
from analyse.benchmarks.indicators import rank_of


@pytest.fixture(scope="module")
def table() -> BenchmarkTable:
    return load_benchmark_table()


@pytest.fixture(scope="module")
def kent(table: BenchmarkTable) -> dict:
    return {b.indicator: b for b in benchmarks_for("886", table)}


@pytest.fixture(scope="module")
def lait(benchmarks_dir: Path) -> pd.DataFrame:
    frame = pd.read_parquet(benchmarks_dir / "lait" / "bds_long_0.parquet")
    frame["number"] = pd.to_numeric(frame["Values"], errors="coerce")
    return frame


@pytest.fixture(scope="module")
def population_2024(benchmarks_dir: Path) -> dict[str, float]:
    frame = pd.read_csv(
        benchmarks_dir / "ees" / "ons_mid-year_population_estimates_2012_to_2024.csv", dtype=str
    )
    frame = frame[(frame["time_period"] == "2024") & (frame["geographic_level"] == "Local authority")]
    return {
        code: float(pop) for code, pop in zip(frame["old_la_code"], frame["population_estimate"], strict=True)
    }


def _raw(lait: pd.DataFrame, measure: str, year: str) -> dict[str, float]:
    rows = lait[(lait["Short Desc"] == measure) & (lait["Years"] == year) & lait["number"].notna()]
    return {str(int(n)): v for n, v in zip(rows["LA Number"], rows["number"], strict=True)}


def test_rank_one_is_the_highest_value_and_quartiles_split_in_four() -> None:
    values = {"a": 8.0, "b": 7.0, "c": 6.0, "d": 5.0, "e": 4.0, "f": 3.0, "g": 2.0, "h": 1.0}
    assert rank_of(8.0, values) == (1, 8, 1)
    assert rank_of(6.0, values) == (3, 8, 2)
    assert rank_of(1.0, values) == (8, 8, 4)
    assert rank_of(None, values) == (None, 8, None)


def test_kent_gets_every_headline_indicator_and_ofsted(kent: dict) -> None:
    # a count of children is shown as its rate per 10,000 children (test_benchmark_counts)
    assert {PER_10K[c].code if c in PER_10K else c for c in HEADLINE} <= set(kent)
    assert "ofsted_overall_effectiveness" in kent


def test_kent_spend_per_child_neighbour_median_matches_the_raw_files(
    kent: dict, lait: pd.DataFrame, population_2024: dict[str, float]
) -> None:
    benchmark = kent["s251_total_cyp_spend_per_child"]
    spend = _raw(lait, "C&YPExpenditure", "2024-25 (OT)")
    codes = benchmark.statistical_neighbours.codes
    expected = median(spend[c] / population_2024[c] for c in codes if c in spend)
    assert benchmark.period == "2024-25"
    assert benchmark.value == pytest.approx(spend["886"] / population_2024["886"], rel=0.005)
    assert benchmark.statistical_neighbours.median == pytest.approx(expected, rel=0.005)


def test_kent_cla_rate_rank_and_england_value_match_the_raw_file(kent: dict, lait: pd.DataFrame) -> None:
    benchmark = kent["cla_rate_per_10k"]
    values = {c: v for c, v in _raw(lait, "LAC", "2025").items() if int(c) < 970}
    assert benchmark.value == values["886"]
    assert benchmark.of == len(values)
    assert benchmark.rank == 1 + sum(1 for v in values.values() if v > values["886"])
    assert benchmark.england.value == _raw(lait, "LAC", "2025")["970"]


def test_kent_trend_covers_every_published_year(kent: dict, lait: pd.DataFrame) -> None:
    rows = lait[(lait["Short Desc"] == "LAC") & (lait["LA Number"] == 886.0) & lait["number"].notna()]
    trend = kent["cla_rate_per_10k"].trend
    assert [p.period for p in trend] == sorted(rows["Years"])
    assert [p.value for p in trend] == list(rows.sort_values("Years")["number"])


def test_provenance_names_the_dataset_file_its_hash_and_the_measure(benchmarks_dir: Path, kent: dict) -> None:
    for benchmark in kent.values():
        first = benchmark.provenance[0]
        assert (benchmarks_dir / first.file).is_file()
        assert first.sha256 == hashlib.sha256((benchmarks_dir / first.file).read_bytes()).hexdigest()
        assert first.page is None and first.bbox is None
        assert first.locator and first.text


def test_spend_per_child_names_the_population_it_divides_by(kent: dict) -> None:
    files = [p.file for p in kent["s251_lac_spend_per_child"].provenance]
    assert files == ["lait/bds_long_0.parquet", "ees/ons_mid-year_population_estimates_2012_to_2024.csv"]


def test_ofsted_judgement_is_the_label_of_its_indicator(benchmarks_dir: Path, kent: dict) -> None:
    ofsted = pd.read_csv(benchmarks_dir / "ees" / "ofsted_Inspections_as_at_31_March.csv")
    judgement = ofsted.loc[ofsted["Local authority area code"] == "E10000016", "Overall effectiveness"].iloc[
        0
    ]
    assert judgement in kent["ofsted_overall_effectiveness"].label
    assert kent["ofsted_overall_effectiveness"].rank is None


def test_raw_values_for_scenarios_come_back_latest_first(
    table: BenchmarkTable, lait: pd.DataFrame, population_2024: dict[str, float]
) -> None:
    assert indicator_value(table, "886", "population_0_17") == population_2024["886"]
    assert indicator_value(table, "886", "cla_number") == _raw(lait, "LACnum", "2025")["886"]
    assert (
        indicator_value(table, "886", "unit_cost_fostering_weekly")
        == _raw(lait, "FosteringFinance", "2024-25 (OT)")["886"]
    )
    assert indicator_value(table, "886", "cla_number", "2016") == _raw(lait, "LACnum", "2016")["886"]
    assert indicator_value(table, "999", "cla_number") is None


def test_an_unknown_council_has_no_benchmarks(table: BenchmarkTable) -> None:
    assert benchmarks_for("999", table) == []
