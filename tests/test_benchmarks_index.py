"""The benchmark table's index gives what masks over a frame of all its values give, for every
indicator and period of the committed table, and for a small table with England and a gap."""

from __future__ import annotations

from pathlib import Path
from statistics import median

import pandas as pd
import pytest

from analyse.benchmarks import (
    BenchmarkTable,
    indicator_value,
    la_values,
    load_benchmark_table,
    write_benchmark_table,
)
from analyse.benchmarks.indicators import _period_key, _region_codes, latest_period, median_trend, trend
from analyse.benchmarks.table import DATA_DIR, VALUES_FILE, Row
from analyse.records import TrendPoint


@pytest.fixture(scope="module")
def table() -> BenchmarkTable:
    return load_benchmark_table()


def test_la_values_are_the_rows_of_their_indicator_and_period_without_england(table: BenchmarkTable) -> None:
    v = pd.DataFrame(table.values)
    for (indicator, period), rows in v[v["la_code"] != "970"].groupby(["indicator", "period"]):
        expected = dict(zip(rows["la_code"], rows["value"].astype(float), strict=True))
        assert la_values(table, str(indicator), str(period)) == expected


def test_latest_values_and_trends_are_those_of_the_council_s_rows(table: BenchmarkTable) -> None:
    v = pd.DataFrame(table.values)
    for code in ("886", "970", "201"):
        for indicator, rows in v[v["la_code"] == code].groupby("indicator"):
            latest = max(rows["period"], key=_period_key)
            assert (
                indicator_value(table, code, str(indicator))
                == rows.loc[rows["period"] == latest, "value"].iloc[0]
            )
            expected = sorted(
                zip(rows["period"], rows["value"], strict=True), key=lambda p: _period_key(p[0])
            )
            assert [(p.period, p.value) for p in trend(table, code, str(indicator))] == expected


def test_the_latest_period_is_the_latest_any_council_has(table: BenchmarkTable) -> None:
    v = pd.DataFrame(table.values)
    for indicator, rows in v[v["la_code"] != "970"].groupby("indicator"):
        assert latest_period(table, str(indicator)) == max(rows["period"], key=_period_key)


def small() -> BenchmarkTable:
    rows = [
        ("1", "2023-24", 10.0),
        ("1", "2024-25", 12.0),
        ("2", "2023-24", 30.0),
        ("2", "2024-25", 31.0),
        ("3", "2024-25", 50.0),
        ("970", "2025-26", 99.0),  # England alone in a year: no council has it yet
    ]
    values = tuple(
        Row(la_code=c, indicator="x", period=p, value=v, source="f", measure="m") for c, p, v in rows
    )
    return BenchmarkTable(values=values, las=(), sources=())


def test_a_small_table_gives_its_own_figures() -> None:
    t = small()
    assert latest_period(t, "x") == "2024-25"
    assert la_values(t, "x", "2024-25") == {"1": 12.0, "2": 31.0, "3": 50.0}
    assert indicator_value(t, "970", "x") == 99.0
    assert indicator_value(t, "1", "x") == 12.0
    assert indicator_value(t, "1", "x", "2023-24") == 10.0
    assert indicator_value(t, "3", "x", "2023-24") is None
    years = trend(t, "1", "x")
    assert years == [TrendPoint(period="2023-24", value=10.0), TrendPoint(period="2024-25", value=12.0)]
    assert median_trend(t, ["2", "3"], "x", years) == [
        TrendPoint(period="2023-24", value=30.0),
        TrendPoint(period="2024-25", value=median([31.0, 50.0])),
    ]
    assert t.sha256("f") == ""
    assert t.la("1") is None


def test_a_region_is_its_current_councils(table: BenchmarkTable) -> None:
    las = pd.DataFrame(list(table.las))
    for la in table.las:
        expected = sorted(las.loc[(las["region"] == la["region"]) & las["current"], "la_code"])
        assert _region_codes(table, la) == expected


def test_the_table_is_read_once_per_folder_however_it_is_named(table: BenchmarkTable) -> None:
    assert load_benchmark_table(DATA_DIR) is table
    assert load_benchmark_table(DATA_DIR / VALUES_FILE) is table
    assert load_benchmark_table(DATA_DIR / ".." / "data") is table


def test_a_written_table_reads_back_as_it_was(table: BenchmarkTable, tmp_path: Path) -> None:
    write_benchmark_table(table, tmp_path)
    again = load_benchmark_table(tmp_path)
    assert again is not table
    assert again.values == table.values  # every float to the last bit
    assert again.las == table.las
    assert again.sources == table.sources
