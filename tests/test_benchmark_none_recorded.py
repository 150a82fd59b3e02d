"""A S251 spend line of £0 as printed is "none recorded under this heading": the spend is most likely recorded
under another, so it has no gap worth money, no flag and no line of enquiry (Kent's Sure Start
children's centres, £1,305 in all in 2024-25, beside a saving on its children's centres)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analyse.benchmark_flags import benchmark_flags, benchmark_lines, with_neighbour_quartiles
from analyse.benchmark_money import with_gap_costs
from analyse.benchmarks import benchmarks_for, load_benchmark_table
from analyse.derived import vs_neighbours
from analyse.records import Benchmark

KENT = "886"
SURE_START = "s251_sure_start_spend_per_child"


@pytest.fixture(scope="module")
def kent() -> dict[str, Benchmark]:
    table = load_benchmark_table()
    found = with_gap_costs(with_neighbour_quartiles(benchmarks_for(KENT, table), table), table, KENT)
    return {b.indicator: b for b in found}


def test_kents_sure_start_line_is_next_to_nothing_in_the_official_file_too(benchmarks_dir: Path) -> None:
    frame = pd.read_parquet(benchmarks_dir / "lait" / "bds_long_0.parquet")
    rows = frame[(frame["Short Desc"] == "SureStartFinance") & (frame["LA Number"] == float(KENT))]
    by_year = {y: float(v) for y, v in zip(rows["Years"], rows["Values"], strict=True)}
    assert by_year["2024-25 (OT)"] < 0.001 * by_year["2023-24 (OT)"]


def test_kents_zero_sure_start_line_is_none_recorded_with_no_gap_flag_or_question(
    kent: dict[str, Benchmark],
) -> None:
    b = kent[SURE_START]
    assert b.value is not None and round(b.value) == 0 and b.statistical_neighbours.median
    assert b.none_recorded and "recorded under this heading" in b.none_recorded
    assert b.gap_cost is None and vs_neighbours(b).value is None
    flags = benchmark_flags(list(kent.values()))
    assert not [f for f in flags if f.indicator == SURE_START]
    assert not [q for q in benchmark_lines(flags, list(kent.values())) if SURE_START in q.question]


def test_a_spend_line_above_zero_is_recorded_and_costed_on_the_side_that_costs_more(
    kent: dict[str, Benchmark],
) -> None:
    # Kent's family support spend is below its neighbours': recorded, and favourable, so not costed
    # (analyse.benchmark_money); the same line above their median is costed.
    b = kent["s251_family_support_spend_per_child"]
    median = b.statistical_neighbours.median
    assert b.value and median and b.value < median and not b.none_recorded and b.gap_cost is None
    table = load_benchmark_table()
    above = b.model_copy(update={"value": median * 1.5})
    others = [x for code, x in kent.items() if code != b.indicator]
    costed = {x.indicator: x for x in with_gap_costs([*others, above], table, KENT)}[b.indicator]
    assert costed.gap_cost is not None and costed.gap_cost.amount_gbp > 0


def test_the_same_line_with_any_spend_recorded_is_costed_again(kent: dict[str, Benchmark]) -> None:
    table = load_benchmark_table()
    # any spend recorded, on the side that costs more (above the neighbours' median), is costed again
    median = kent[SURE_START].statistical_neighbours.median
    assert median
    spent = kent[SURE_START].model_copy(update={"value": median * 1.5, "none_recorded": None})
    others = [b for code, b in kent.items() if code != SURE_START]
    costed = {b.indicator: b for b in with_gap_costs([*others, spent], table, KENT)}[SURE_START]
    assert costed.gap_cost is not None and costed.gap_cost.amount_gbp > 0
