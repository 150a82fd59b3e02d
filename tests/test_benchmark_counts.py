"""A count of children is compared only as a rate: per 10,000 children aged 0-17, from the table's own
population figures. Checked for Kent against the raw LAIT and ONS files read independently here."""

from __future__ import annotations

from pathlib import Path
from statistics import median

import pandas as pd
import pytest

from analyse.benchmarks import BenchmarkTable, benchmarks_for, load_benchmark_table
from analyse.benchmarks.catalogue import ENGLAND, POPULATION_FILE, all_indicators
from analyse.benchmarks.indicators import compared
from analyse.benchmarks.table import Row

KENT = "886"
# the count -> its LAIT measure code, and the rate it is compared as
COUNTS = {
    "ehc_plan_number": ("SEN_CASES_JAN", "ehc_plan_per_10k_children"),
    "uasc_number": ("Unacc_Asylmn_Seek_Childn", "uasc_per_10k_children"),
}


@pytest.fixture(scope="module")
def table() -> BenchmarkTable:
    return load_benchmark_table()


@pytest.fixture(scope="module")
def kent(table: BenchmarkTable) -> dict:
    return {b.indicator: b for b in benchmarks_for(KENT, table)}


@pytest.fixture(scope="module")
def raw(benchmarks_dir: Path) -> tuple[pd.DataFrame, dict[tuple[str, str], float]]:
    lait = pd.read_parquet(benchmarks_dir / "lait" / "bds_long_0.parquet")
    lait["number"] = pd.to_numeric(lait["Values"], errors="coerce")
    ons = pd.read_csv(benchmarks_dir / POPULATION_FILE, dtype=str)
    ons = ons[ons["geographic_level"].isin(["Local authority", "National"])]
    code = ons["old_la_code"].fillna(ENGLAND).where(ons["geographic_level"] != "National", ENGLAND)
    value = pd.to_numeric(ons["population_estimate"], errors="coerce")  # "x": not published
    population = {
        (c, y): v for c, y, v in zip(code, ons["time_period"], value, strict=True) if v == v and v > 0
    }
    return lait, population


def _counts(lait: pd.DataFrame, measure: str, year: str) -> dict[str, float]:
    rows = lait[(lait["Short Desc"] == measure) & (lait["Years"] == year) & lait["number"].notna()]
    return {str(int(n)): v for n, v in zip(rows["LA Number"], rows["number"], strict=True)}


@pytest.mark.parametrize("count", sorted(COUNTS))
def test_kents_count_is_compared_as_a_rate_per_10000_children_never_as_a_count(
    kent: dict, raw: tuple, count: str
) -> None:
    lait, population = raw
    measure, code = COUNTS[count]
    assert count not in kent  # the count is never a row compared with others
    b = kent[code]
    counts = _counts(lait, measure, b.period)
    year = str(int(b.period) - 1)  # DfE pairs a 31 March count with the mid-year before it
    rates = {la: 1e4 * n / population[la, year] for la, n in counts.items() if (la, year) in population}
    assert b.unit == "rate_per_10k"
    assert b.count == counts[KENT]
    assert b.value == pytest.approx(rates[KENT], abs=1e-4)
    # England's figure is England's rate, not the national total of children
    assert b.england.value == pytest.approx(rates[ENGLAND], abs=1e-4)
    assert b.england.value < b.value * 100 and counts[ENGLAND] > 1000
    neighbours = [rates[c] for c in b.statistical_neighbours.codes if c in rates]
    assert b.statistical_neighbours.median == pytest.approx(median(neighbours), abs=1e-4)
    assert b.rank == 1 + sum(1 for la, r in rates.items() if la != ENGLAND and r > rates[KENT])
    # both figures cited: the count's measure and the population
    assert measure in b.provenance[0].locator
    assert b.provenance[1].file == POPULATION_FILE and f"mid-{year}" in b.provenance[1].locator


def test_kents_ehc_plans_are_about_a_seventh_above_the_neighbours_as_a_rate_not_183_percent(
    kent: dict,
) -> None:
    # 20,635 plans against a neighbour median count of 7,281 read as +183%: the council is larger, not apart
    b = kent["ehc_plan_per_10k_children"]
    assert b.count == 20635
    assert 0 < b.value / b.statistical_neighbours.median - 1 < 0.25


def test_a_count_with_no_population_is_context_only(table: BenchmarkTable) -> None:
    """Built from records: a count for an LA the population figures do not cover."""
    la = {**table.la(KENT), "la_code": "999", "statistical_neighbours": [KENT]}  # type: ignore[dict-item]
    rows = (
        Row("999", "uasc_number", "2025", 40.0, "lait/bds_long_0.parquet", "Unacc_Asylmn_Seek_Childn"),
        Row(KENT, "uasc_number", "2025", 451.0, "lait/bds_long_0.parquet", "Unacc_Asylmn_Seek_Childn"),
        Row(KENT, "population_0_17", "2024", 355390.0, POPULATION_FILE, "population_estimate"),
        Row(ENGLAND, "uasc_number", "2025", 6540.0, "lait/bds_long_0.parquet", "Unacc_Asylmn_Seek_Childn"),
    )
    small = BenchmarkTable(values=rows, las=(la,), sources=table.sources)
    b = compared(small, la, all_indicators()["uasc_number"])
    assert b is not None and b.value == 40.0 and b.unit == "count" and b.not_compared
    assert b.statistical_neighbours.median is None and b.region.median is None
    assert b.england.value is None and b.rank is None and b.quartile is None
    # Kent, whose population is held, is compared as the rate
    kent = compared(small, table.la(KENT), all_indicators()["uasc_number"])  # type: ignore[arg-type]
    assert kent is not None and kent.unit == "rate_per_10k" and kent.count == 451.0


def test_no_benchmark_the_pack_shows_compares_a_count(kent: dict) -> None:
    for b in kent.values():
        if b.unit == "count":
            assert b.not_compared and b.england.value is None and b.quartile is None


def test_the_s251_line_is_described_as_outturn_gross_with_laits_own_line_name(
    kent: dict, benchmarks_dir: Path
) -> None:
    dictionary = pd.read_csv(benchmarks_dir / "lait" / "lait_data_dictionary.csv", dtype=str)
    line = dictionary.loc[dictionary["Measure_short"] == "C&YPExpenditure", "Measure"].item()
    b = kent["s251_total_cyp_spend_per_child"]
    assert b.provenance[0].text.startswith(f"S251 outturn, gross (LAIT line: {line})")
